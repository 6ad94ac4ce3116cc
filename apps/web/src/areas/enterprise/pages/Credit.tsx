import { useMemo } from 'react';
import { Alert, Button, Card, Col, Descriptions, Row, Statistic, Table, Tag, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ZCreditRecord, type TCreditRecord } from '@crossgate/contract';
import { api } from '../../../api/client.ts';
import { EmptyState, ErrorState, Loading } from '../../../pages/States.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { LineChart } from '../components/LazyLineChart.tsx';
import { beijingDate, beijingTime, number } from '../../../format.ts';

const LEVEL_COLOR: Record<string, string> = { A: '#389e0d', B: '#1d39c4', C: '#d46b08', D: '#cf1322' };
/** The level thresholds of the zone's formula jz-credit-1 (A ≥ 85, B ≥ 70, C ≥ 55), drawn on the chart. */
const MARKS: Record<string, { y: number; name: string }[]> = {
  'jz-credit-1': [
    { y: 85, name: 'A' },
    { y: 70, name: 'B' },
    { y: 55, name: 'C' },
  ],
};

type Component = TCreditRecord['score']['components'][number];
type CreditEvent = TCreditRecord['events'][number];

/** 信用档案: the enterprise's composite level and score, what makes it up, its events and history. */
export function CreditPage() {
  const { t, i18n } = useTranslation('enterprise');
  const lng = i18n.language;
  const record = useQuery({
    queryKey: ['enterprise', 'credit'],
    queryFn: () => api('/api/v1/credit/me', { schema: ZCreditRecord }),
  });
  const points = useMemo(
    () =>
      (record.data?.history ?? [])
        .slice()
        .sort((a, b) => a.asOf.localeCompare(b.asOf))
        .map((h) => ({ x: h.asOf, y: Number(h.score), label: h.level })),
    [record.data],
  );
  if (record.isLoading) return <Loading />;
  if (record.isError || !record.data)
    return <ErrorState error={record.error} onRetry={() => void record.refetch()} />;
  const r = record.data;
  const level = r.score.level;
  return (
    <div data-testid="credit-page">
      <Card style={{ marginBottom: 16 }}>
        <PageTitle
          title={t('credit.title')}
          extra={
            <Button icon={<FilePdfOutlined />} href="/api/v1/credit/me/report.pdf" target="_blank">
              {t('credit.report')}
            </Button>
          }
        />
        <Row gutter={24} align="middle">
          <Col xs={24} md={6} style={{ textAlign: 'center' }}>
            <div
              data-testid="credit-level"
              style={{
                width: 120,
                height: 120,
                margin: '0 auto',
                borderRadius: '50%',
                border: `6px solid ${LEVEL_COLOR[level] ?? '#999'}`,
                display: 'grid',
                placeItems: 'center',
                color: LEVEL_COLOR[level],
                fontSize: 56,
                fontWeight: 700,
              }}
            >
              {level}
            </div>
            <div style={{ marginTop: 8 }}>
              <Tag color={LEVEL_COLOR[level]}>{t(`credit.levels.${level}`)}</Tag>
            </div>
          </Col>
          <Col xs={24} md={6}>
            <Statistic title={t('credit.score')} value={number(r.score.score, lng)} suffix="/ 100" />
            <Typography.Text type="secondary">
              {t('credit.asOf')}: {beijingDate(r.score.asOf)} · {t('credit.formula')}:{' '}
              {r.score.formulaVersion}
            </Typography.Text>
          </Col>
          <Col xs={24} md={12}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('filing.nameZh')}>
                {r.nameZh} ({r.code})
              </Descriptions.Item>
              <Descriptions.Item label={t('filing.uscc')}>{r.uscc ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('credit.filingStatus')}>
                {i18n.exists(`enterprise:filing.status.${r.filingStatus}`)
                  ? t(`filing.status.${r.filingStatus}`)
                  : r.filingStatus}
              </Descriptions.Item>
              <Descriptions.Item label={t('credit.customsLevel')}>
                {r.customsLevel
                  ? `${r.customsLevel.label} (${beijingDate(r.customsLevel.validFrom)})`
                  : t('credit.noCustomsLevel')}
              </Descriptions.Item>
            </Descriptions>
          </Col>
        </Row>
        <Alert
          style={{ marginTop: 16 }}
          type={r.negativeListed ? 'error' : 'success'}
          showIcon
          title={r.negativeListed ? t('credit.negative') : t('credit.notNegative')}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title={t('credit.components')} style={{ marginBottom: 16 }} size="small">
            <Table<Component>
              size="small"
              pagination={false}
              rowKey={(c) => `${c.kind}-${c.ref ?? ''}-${c.label}`}
              dataSource={r.score.components}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={3}>
                    <Typography.Text strong>{t('credit.score')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <Typography.Text strong>{number(r.score.score, lng)}</Typography.Text>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
              columns={[
                {
                  title: t('credit.kind'),
                  dataIndex: 'kind',
                  width: 120,
                  render: (k: string) =>
                    i18n.exists(`enterprise:credit.kinds.${k}`) ? t(`credit.kinds.${k}`) : k,
                },
                { title: t('credit.label'), dataIndex: 'label' },
                { title: t('credit.weight'), dataIndex: 'weight', align: 'right', width: 70 },
                {
                  title: t('credit.points'),
                  dataIndex: 'points',
                  align: 'right',
                  width: 80,
                  render: (v: string) => number(v, lng),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('credit.history')} style={{ marginBottom: 16 }} size="small">
            {points.length === 0 ? (
              <EmptyState />
            ) : (
              <LineChart
                points={points}
                name={t('credit.score')}
                min={0}
                max={100}
                marks={MARKS[r.score.formulaVersion] ?? []}
              />
            )}
          </Card>
        </Col>
      </Row>
      {r.ratings.length > 0 && (
        <Card title={t('credit.ratings')} style={{ marginBottom: 16 }} size="small">
          <Table
            size="small"
            pagination={false}
            rowKey={(x) => `${x.agency}-${x.ratedOn}`}
            dataSource={r.ratings}
            columns={[
              { title: t('credit.agency'), dataIndex: 'agency' },
              { title: t('credit.rating'), dataIndex: 'rating', render: (v: string) => <Tag>{v}</Tag> },
              { title: t('credit.score'), dataIndex: 'score', align: 'right' },
              { title: t('credit.ratedOn'), dataIndex: 'ratedOn' },
            ]}
          />
        </Card>
      )}
      <Card title={t('credit.events')} size="small">
        <Table<CreditEvent>
          size="small"
          rowKey="id"
          dataSource={r.events}
          locale={{ emptyText: <EmptyState /> }}
          pagination={r.events.length > 10 ? { pageSize: 10 } : false}
          columns={[
            { title: t('credit.occurredOn'), dataIndex: 'occurredOn', width: 110 },
            {
              title: t('credit.category'),
              dataIndex: 'categoryZh',
              render: (v: string, e) => (lng === 'en' ? e.category : v),
            },
            {
              title: t('credit.source'),
              dataIndex: 'source',
              render: (s: CreditEvent['source']) => t(`credit.sources.${s}`),
            },
            {
              title: t('credit.weight'),
              dataIndex: 'weight',
              align: 'right',
              render: (v: string) => (
                <Typography.Text type={Number(v) < 0 ? 'danger' : 'success'}>
                  {Number(v) > 0 ? '+' : ''}
                  {number(v, lng)}
                </Typography.Text>
              ),
            },
            { title: t('credit.description'), dataIndex: 'description' },
            { title: t('credit.reference'), dataIndex: 'reference', render: (v: string | null) => v ?? '—' },
            { title: t('credit.authority'), dataIndex: 'authority', render: (v: string | null) => v ?? '—' },
            { title: t('credit.expiresOn'), dataIndex: 'expiresOn', width: 110 },
            {
              title: t('credit.inForce'),
              dataIndex: 'inForce',
              render: (v: boolean) =>
                v ? <Tag color="green">{t('credit.inForceYes')}</Tag> : <Tag>{t('credit.inForceNo')}</Tag>,
            },
            { title: t('credit.recordedAt'), dataIndex: 'createdAt', render: (v: string) => beijingTime(v) },
          ]}
        />
      </Card>
    </div>
  );
}
