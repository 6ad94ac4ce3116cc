import { useState } from 'react';
import { Button, Card, Form, Input, Radio, Select, Space, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ZPage, ZRiskRuleSetSummary, ZRuleStats } from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { EChart } from '../../components/EChart.tsx';
import { CardTitle } from '../../components/PageTitle.tsx';
import { ErrorState } from '../../pages/States.tsx';
import './warning-texts.ts';

const beijingDay = (back: number) =>
  new Date(Date.now() + 8 * 3_600_000 - back * 86_400_000).toISOString().slice(0, 10);

/**
 * 规则统计 (decision 0047): per rule of a version — hits, inspections, found, precision — and the hits per day or
 * week as a line chart; the same figures as an Excel workbook from the server.
 */
export function RuleStatsPage() {
  const { t, i18n } = useTranslation('risk');
  const en = i18n.language === 'en';
  const [picked, setPicked] = useState<string | undefined>();
  const [from, setFrom] = useState(beijingDay(30));
  const [to, setTo] = useState(beijingDay(0));
  const [by, setBy] = useState<'day' | 'week'>('day');
  const versions = useQuery({
    queryKey: ['risk', 'rule-sets', 'all-for-stats'],
    queryFn: () =>
      api(`/api/v1/risk/rule-sets${qs({ page: 1, pageSize: 100 })}`, { schema: ZPage(ZRiskRuleSetSummary) }),
  });
  const items = versions.data?.items ?? [];
  const ruleSetId = picked ?? (items.find((v) => v.status === 'published') ?? items[0])?.id;
  const query = { ruleSetId, from, to, by };
  const stats = useQuery({
    queryKey: ['risk', 'rule-stats', query],
    queryFn: () => api(`/api/v1/risk/rule-stats${qs(query)}`, { schema: ZRuleStats }),
    enabled: !!ruleSetId && from <= to,
  });
  const s = stats.data;
  const pct = (v: number | null) => (v === null ? t('stats.none') : `${(v * 100).toFixed(1)}%`);
  const fired = (s?.rules ?? []).filter((r) => r.hits > 0);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="risk-rule-stats-page">
      <Card
        title={<CardTitle title={t('stats.title')} subtitle={t('stats.subtitle')} />}
        extra={
          ruleSetId && (
            <Button
              icon={<DownloadOutlined />}
              href={`/api/v1/risk/rule-stats/export.xlsx${qs(query)}`}
              data-testid="rule-stats-export"
            >
              {t('stats.export')}
            </Button>
          )
        }
      >
        <Form layout="inline">
          <Form.Item label={t('stats.ruleSet')}>
            <Select
              style={{ width: 300 }}
              value={ruleSetId}
              onChange={setPicked}
              data-testid="rule-stats-version"
              options={items.map((x) => ({
                value: x.id,
                label: `v${x.version} · ${x.name} · ${t(`status.${x.status}`)}`,
              }))}
            />
          </Form.Item>
          <Form.Item label={t('stats.range')}>
            <Space>
              <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />—
              <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </Space>
          </Form.Item>
          <Form.Item label={t('stats.by')}>
            <Radio.Group
              optionType="button"
              value={by}
              onChange={(e) => setBy(e.target.value as 'day' | 'week')}
              options={[
                { value: 'day', label: t('stats.byDay') },
                { value: 'week', label: t('stats.byWeek') },
              ]}
            />
          </Form.Item>
        </Form>
      </Card>
      {stats.error ? (
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <>
          <Card size="small">
            <Table
              size="small"
              rowKey="rule"
              loading={stats.isLoading && !!ruleSetId}
              data-testid="rule-stats-table"
              dataSource={s?.rules ?? []}
              pagination={false}
              columns={[
                {
                  title: t('stats.rule'),
                  key: 'rule',
                  render: (_, r) => (r.name ? (en ? r.name.en : r.name.zh) : r.rule),
                },
                { title: t('stats.hits'), dataIndex: 'hits', width: 90, align: 'right' },
                { title: t('stats.inspected'), dataIndex: 'inspected', width: 90, align: 'right' },
                { title: t('stats.concluded'), dataIndex: 'concluded', width: 100, align: 'right' },
                { title: t('stats.found'), dataIndex: 'found', width: 90, align: 'right' },
                {
                  title: t('stats.precision'),
                  key: 'precision',
                  width: 100,
                  align: 'right',
                  render: (_, r) => pct(r.precision),
                },
              ]}
            />
          </Card>
          {s && s.periods.length > 0 && (
            <Card size="small" title={t('stats.trend')}>
              <EChart
                testId="rule-stats-chart"
                height={320}
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { type: 'scroll', top: 0 },
                  grid: { left: 40, right: 20, top: 40, bottom: 30 },
                  xAxis: { type: 'category', data: s.periods },
                  yAxis: { type: 'value', minInterval: 1 },
                  series: fired.map((r) => ({
                    type: 'line',
                    name: r.name ? (en ? r.name.en : r.name.zh) : r.rule,
                    data: s.periods.map((p) => r.trend.find((x) => x.period === p)?.hits ?? 0),
                  })),
                }}
              />
            </Card>
          )}
        </>
      )}
    </Space>
  );
}
