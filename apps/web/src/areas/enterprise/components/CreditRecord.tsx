import { useMemo, type ReactNode } from 'react';
import { Alert, Card, Col, Descriptions, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { oneLanguage, type TCreditRecord } from '@crossgate/contract';
import { EmptyState } from '../../../pages/States.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { LineChart } from './LazyLineChart.tsx';
import '../texts.ts';
import { beijingDate, beijingTime, number, sumDecimals } from '../../../format.ts';

export const LEVEL_COLOR: Record<string, string> = { A: '#389e0d', B: '#1d39c4', C: '#d46b08', D: '#cf1322' };
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
type T = (key: string, options?: Record<string, unknown>) => string;

/** One row of the score's explanation: a component, or all the events of one category together. */
interface ScoreRow {
  key: string;
  kind: string;
  label: string;
  weight: string;
  points: string;
  /** for a category of events: each event (newest first) */
  events?: { id: string; occurredOn: string; documentNo: string | null; points: string }[];
}

/**
 * The history as chart points, oldest to newest: ordered by when each score was computed (several on one day
 * keep their order), labelled by the day, or by day and time where one day has more than one score.
 */
export function historyPoints(history: TCreditRecord['history']) {
  const sorted = [...history].sort(
    (a, b) => a.computedAt.localeCompare(b.computedAt) || a.asOf.localeCompare(b.asOf),
  );
  const perDay = new Map<string, number>();
  for (const h of sorted) perDay.set(h.asOf, (perDay.get(h.asOf) ?? 0) + 1);
  const labels = sorted.map((h) =>
    (perDay.get(h.asOf) ?? 0) > 1 ? beijingTime(h.computedAt).slice(0, 16) : h.asOf,
  );
  // Two scores in the same minute: the seconds tell them apart, and a sequence number if even those agree.
  const seen = new Map<string, number>();
  return sorted.map((h, i) => {
    let x = labels[i] as string;
    if (labels.filter((l) => l === x).length > 1) x = beijingTime(h.computedAt);
    const n = (seen.get(x) ?? 0) + 1;
    seen.set(x, n);
    return { x: n > 1 ? `${x} #${n}` : x, y: Number(h.score), label: h.level };
  });
}

/** The score's explanation in the UI language, events grouped by category (a count and the latest day). */
function scoreRows(r: TCreditRecord, t: T, lng: string): ScoreRow[] {
  const rows: ScoreRow[] = [];
  const groups = new Map<string, ScoreRow & { events: NonNullable<ScoreRow['events']> }>();
  const byId = new Map(r.events.map((e) => [e.id, e]));
  const en = lng === 'en';
  r.score.components.forEach((c: Component, i) => {
    const key = `${c.kind}-${c.ref ?? ''}-${i}`;
    if (c.kind === 'event') {
      const e = c.ref ? byId.get(c.ref) : undefined;
      const category = e?.category ?? 'other';
      const name = e
        ? en
          ? e.categoryEn
          : e.categoryZh
        : (oneLanguage(c.label, en ? 'en' : 'zh-CN') ?? '—');
      const group = groups.get(category) ?? {
        key: `event-${category}`,
        kind: 'event',
        label: name,
        weight: '',
        points: '0.00',
        events: [],
      };
      group.events.push({
        id: c.ref ?? key,
        occurredOn: e?.occurredOn ?? '',
        documentNo: e?.documentNo ?? null,
        points: c.points,
      });
      group.points = sumDecimals(group.events.map((x) => x.points)) ?? group.points;
      if (!groups.has(category)) {
        groups.set(category, group);
        rows.push(group);
      }
      return;
    }
    rows.push({ key, kind: c.kind, label: componentLabel(c, r, t, en), weight: c.weight, points: c.points });
  });
  for (const g of groups.values()) {
    g.events.sort((a, b) => b.occurredOn.localeCompare(a.occurredOn));
    g.weight = t('credit.times', { count: g.events.length });
  }
  return rows;
}

function componentLabel(c: Component, r: TCreditRecord, t: T, en: boolean): string {
  const level = (code: string | undefined) =>
    code ? t(`credit.customsLevels.${code}`, { defaultValue: code }) : '';
  switch (c.kind) {
    case 'customs_level':
      return r.customsLevel
        ? t('credit.lines.customsLevel', { level: level(c.ref) })
        : t('credit.lines.customsLevelNone', { level: level(c.ref ?? 'general') });
    case 'third_party': {
      if (!c.ref)
        return t('credit.lines.thirdPartyNone', {
          score: (Number(c.points) / Number(c.weight)).toFixed(2),
        });
      const rating = r.ratings.find((x) => x.agency === c.ref);
      return t('credit.lines.thirdParty', {
        agency: c.ref,
        rating: rating?.rating ?? '',
        ratedOn: rating?.ratedOn ?? '',
      });
    }
    case 'behaviour':
      return t('credit.lines.behaviour');
    case 'negative_list':
      return t('credit.lines.negativeList');
    case 'cap':
      return t(`credit.lines.caps.${c.ref ?? 'bounds'}`, {
        defaultValue: oneLanguage(c.label, en ? 'en' : 'zh-CN') ?? '—',
      });
    default:
      return oneLanguage(c.label, en ? 'en' : 'zh-CN') ?? '—';
  }
}

/**
 * One enterprise's credit record: its composite level and score, what makes it up, its events and history. The
 * enterprise's own 信用档案 shows it, and so does the regulators' 企业信用管理 (`regulator`: spoken of as "the
 * enterprise", not "this enterprise"); `extra` goes to the title's right (the report, the customs level).
 */
export function CreditRecordView({
  record: r,
  title,
  extra,
  regulator = false,
  testId = 'credit-page',
}: {
  record: TCreditRecord;
  title?: ReactNode;
  extra?: ReactNode;
  regulator?: boolean;
  testId?: string;
}) {
  const { t, i18n } = useTranslation('enterprise');
  const lng = i18n.language;
  const points = useMemo(() => historyPoints(r.history), [r]);
  const rows = useMemo(() => scoreRows(r, t as T, lng), [r, t, lng]);
  const level = r.score.level;
  return (
    <div data-testid={testId}>
      <Card style={{ marginBottom: 16 }}>
        <PageTitle title={title ?? t('credit.title')} extra={extra} />
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
                  ? `${t(`credit.customsLevels.${r.customsLevel.level}`, { defaultValue: r.customsLevel.label })} (${beijingDate(r.customsLevel.validFrom)})`
                  : t('credit.noCustomsLevel')}
              </Descriptions.Item>
            </Descriptions>
          </Col>
        </Row>
        <Alert
          style={{ marginTop: 16 }}
          type={r.negativeListed ? 'error' : 'success'}
          showIcon
          title={
            r.negativeListed
              ? t(regulator ? 'credit.negativeOther' : 'credit.negative')
              : t('credit.notNegative')
          }
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card
            title={t('credit.components')}
            extra={<Typography.Text type="secondary">{t('credit.groupHelp')}</Typography.Text>}
            style={{ marginBottom: 16 }}
            size="small"
          >
            <Table<ScoreRow>
              size="small"
              pagination={rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
              rowKey="key"
              dataSource={rows}
              tableLayout="fixed"
              data-testid="credit-components"
              expandable={{
                rowExpandable: (row) => (row.events?.length ?? 0) > 0,
                expandedRowRender: (row) => (
                  <Table
                    size="small"
                    rowKey="id"
                    dataSource={row.events ?? []}
                    pagination={(row.events?.length ?? 0) > 5 ? { pageSize: 5, size: 'small' } : false}
                    columns={[
                      { title: t('credit.occurredOn'), dataIndex: 'occurredOn', width: 110 },
                      {
                        title: t('credit.document'),
                        dataIndex: 'documentNo',
                        ellipsis: true,
                        render: (v: string | null) => v ?? '—',
                      },
                      {
                        title: t('credit.points'),
                        dataIndex: 'points',
                        align: 'right',
                        width: 80,
                        render: (v: string) => number(v, lng),
                      },
                    ]}
                  />
                ),
              }}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={4}>
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
                  width: 110,
                  render: (k: string) =>
                    i18n.exists(`enterprise:credit.kinds.${k}`) ? t(`credit.kinds.${k}`) : k,
                },
                {
                  title: t('credit.label'),
                  dataIndex: 'label',
                  render: (v: string, row) => (
                    <span data-testid="credit-line">
                      {v}
                      {row.events && row.events[0] && (
                        <Typography.Text type="secondary">
                          {' · '}
                          {t('credit.latest')} {row.events[0].occurredOn}
                        </Typography.Text>
                      )}
                    </span>
                  ),
                },
                { title: t('credit.weight'), dataIndex: 'weight', align: 'right', width: 80 },
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
          <Card
            title={t('credit.history')}
            extra={<Typography.Text type="secondary">{t('credit.historyHelp')}</Typography.Text>}
            style={{ marginBottom: 16 }}
            size="small"
          >
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
          data-testid="credit-events"
          tableLayout="fixed"
          scroll={{ x: 1420 }}
          locale={{ emptyText: <EmptyState /> }}
          pagination={r.events.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          columns={[
            { title: t('credit.occurredOn'), dataIndex: 'occurredOn', width: 108 },
            {
              title: t('credit.category'),
              dataIndex: 'categoryZh',
              width: 230,
              ellipsis: { showTitle: true },
              render: (v: string, e) => (lng === 'en' ? e.categoryEn : v),
            },
            {
              title: t('credit.decidedBy'),
              dataIndex: 'decidedBy',
              width: 150,
              render: (d: CreditEvent['decidedBy'], e) => (
                <span data-testid="credit-event-source">
                  {t(`credit.sources.${d}`)}
                  {e.authority && d === 'regulator' ? ` · ${e.authority}` : ''}
                </span>
              ),
            },
            {
              title: t('credit.weight'),
              dataIndex: 'weight',
              align: 'right',
              width: 84,
              render: (v: string) => (
                <Typography.Text type={Number(v) < 0 ? 'danger' : 'success'}>
                  {Number(v) > 0 ? '+' : ''}
                  {number(v, lng)}
                </Typography.Text>
              ),
            },
            {
              title: t('credit.description'),
              dataIndex: 'description',
              width: 280,
              ellipsis: { showTitle: true },
              // What the platform wrote is in Chinese; in English, say the category and the document instead.
              render: (v: string, e) =>
                lng === 'en' && e.source === 'platform'
                  ? `${e.categoryEn}${e.documentNo ? ` — ${e.documentNo}` : ''}`
                  : v,
            },
            {
              title: t('credit.document'),
              dataIndex: 'documentNo',
              width: 200,
              ellipsis: { showTitle: true },
              render: (v: string | null) =>
                v ? (
                  <Typography.Text copyable={{ text: v }} style={{ whiteSpace: 'nowrap' }}>
                    {v}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
            { title: t('credit.expiresOn'), dataIndex: 'expiresOn', width: 108 },
            {
              title: t('credit.inForce'),
              dataIndex: 'inForce',
              width: 80,
              render: (v: boolean) =>
                v ? <Tag color="green">{t('credit.inForceYes')}</Tag> : <Tag>{t('credit.inForceNo')}</Tag>,
            },
            {
              title: t('credit.recordedAt'),
              dataIndex: 'createdAt',
              width: 160,
              render: (v: string) => beijingTime(v),
            },
          ]}
        />
      </Card>
    </div>
  );
}
