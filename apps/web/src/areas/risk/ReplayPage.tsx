import { useState } from 'react';
import { Button, Card, Col, Form, Input, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ZPage, ZRiskReplayResult, ZRiskRuleSetSummary, type TRiskReplayResult } from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { CardTitle } from '../../components/PageTitle.tsx';
import { ActionError } from '../../pages/States.tsx';

const LIMIT = 1000;
const DAY_MS = 86_400_000;
/** A day in Beijing time as YYYY-MM-DD, `back` days before today. */
const beijingDay = (back: number) =>
  new Date(Date.now() + 8 * 3_600_000 - back * DAY_MS).toISOString().slice(0, 10);

/**
 * 规则试算: a version replayed over past import parcels declared in a date range — how many change lane, which
 * (paged), the inspection load against the recorded one and the precision against recorded inspection results.
 */
export function ReplayPage() {
  const { t } = useTranslation('risk');
  const [params] = useSearchParams();
  const [ruleSetId, setRuleSetId] = useState<string | undefined>(params.get('ruleSet') ?? undefined);
  const [from, setFrom] = useState(beijingDay(30));
  const [to, setTo] = useState(beijingDay(0));
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<TRiskReplayResult | null>(null);
  const versions = useQuery({
    queryKey: ['risk', 'rule-sets', 'all-for-replay'],
    queryFn: () =>
      api(`/api/v1/risk/rule-sets${qs({ page: 1, pageSize: 100 })}`, { schema: ZPage(ZRiskRuleSetSummary) }),
  });
  const run = async () => {
    if (!ruleSetId) return;
    setRunning(true);
    setError(null);
    try {
      setResult(
        await api('/api/v1/risk/replay', {
          method: 'POST',
          body: { ruleSetId, from, to, limit: LIMIT },
          schema: ZRiskReplayResult,
        }),
      );
    } catch (e) {
      setError(e);
      setResult(null);
    } finally {
      setRunning(false);
    }
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="risk-replay-page">
      <Card title={<CardTitle title={t('replay.title')} subtitle={t('replay.subtitle')} />}>
        <Form layout="inline">
          <Form.Item label={t('replay.ruleSet')}>
            <Select
              data-testid="risk-replay-rule-set"
              style={{ width: 300 }}
              value={ruleSetId}
              onChange={setRuleSetId}
              options={(versions.data?.items ?? []).map((x) => ({
                value: x.id,
                label: `v${x.version} · ${x.name} · ${t(`status.${x.status}`)}`,
              }))}
            />
          </Form.Item>
          <Form.Item label={t('replay.range')}>
            <Space>
              <Input
                type="date"
                data-testid="risk-replay-from"
                value={from}
                onChange={(e) => setFrom(e.target.value)}
              />
              —
              <Input
                type="date"
                data-testid="risk-replay-to"
                value={to}
                onChange={(e) => setTo(e.target.value)}
              />
            </Space>
          </Form.Item>
          <Form.Item>
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              loading={running}
              disabled={!ruleSetId || !from || !to}
              data-testid="risk-replay-run"
              onClick={() => void run()}
            >
              {t('replay.run')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <ActionError error={error} gap={0} />
      {result && <ReplayResult result={result} />}
    </Space>
  );
}

function ReplayResult({ result }: { result: TRiskReplayResult }) {
  const { t } = useTranslation('risk');
  const lanes = [...new Set([...Object.keys(result.lanes), ...Object.keys(result.recordedLanes)])];
  const laneName = (l: string | null) => (l ? t(`lane.${l}`, { defaultValue: l }) : '—');
  return (
    <Card
      data-testid="risk-replay-result"
      title={`v${result.ruleSet.version} · ${result.from} — ${result.to}`}
    >
      <Row gutter={16}>
        <Col span={4}>
          <Statistic title={t('replay.parcels')} value={result.parcels} data-testid="risk-replay-parcels" />
        </Col>
        <Col span={4}>
          <Statistic title={t('replay.changed')} value={result.changed} data-testid="risk-replay-changed" />
        </Col>
        <Col span={5}>
          <Statistic title={t('replay.load')} value={result.inspectionLoad} data-testid="risk-replay-load" />
        </Col>
        <Col span={4}>
          <Statistic title={t('replay.recordedLoad')} value={result.recordedInspectionLoad} />
        </Col>
        <Col span={7}>
          <Statistic
            title={t('replay.precision')}
            data-testid="risk-replay-precision"
            value={
              result.precision.value === null
                ? t('replay.noPrecision')
                : `${(result.precision.value * 100).toFixed(1)}% (${result.precision.found} / ${result.precision.concluded})`
            }
          />
        </Col>
      </Row>
      <Typography.Paragraph style={{ marginTop: 16 }}>
        {t('replay.lanes')}：
        {lanes.map((l) => (
          <Tag key={l}>
            {laneName(l)} {result.lanes[l] ?? 0} / {result.recordedLanes[l] ?? 0}
          </Tag>
        ))}
      </Typography.Paragraph>
      <Typography.Title level={5}>
        {t('replay.changes')}
        {result.changed > result.changes.length && (
          <Typography.Text type="secondary">
            {' '}
            （{t('replay.listed', { limit: result.changes.length })}）
          </Typography.Text>
        )}
      </Typography.Title>
      <Table
        data-testid="risk-replay-changes"
        size="small"
        rowKey="documentId"
        dataSource={result.changes}
        pagination={{ pageSize: 20, showSizeChanger: true }}
        columns={[
          { title: t('replay.invtNo'), key: 'invtNo', render: (_, c) => c.invtNo ?? '—' },
          { title: t('replay.recorded'), key: 'recorded', render: (_, c) => laneName(c.recorded) },
          { title: t('replay.replayed'), key: 'replayed', render: (_, c) => laneName(c.replayed) },
          { title: t('replay.fired'), key: 'fired', render: (_, c) => c.fired.join(', ') || '—' },
        ]}
      />
      <Typography.Text type="secondary">
        {t('replay.speed', { rules: result.rulesEvaluated, ms: Math.round(result.ms) })}
      </Typography.Text>
    </Card>
  );
}
