import type { ReactNode } from 'react';
import { Alert, Button, Card, Col, Row, Space, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { EmptyState } from '../../../pages/States.tsx';
import { ParcelVerdict, parcelVerdict } from '../../../components/ParcelVerdict.tsx';
import {
  ReceiptText,
  TechnicalDetail,
  findingTechnical,
  useFindingWords,
} from '../../../components/ReceiptText.tsx';
import { beijingTime, money, number } from '../../../format.ts';
import { cebTime, linesOf, str, timelineColor } from '../format.ts';
import { issuesAt, type ClearanceIssue, type DocKey } from '../issues.ts';
import { codeLabel, DocTypeTag, StatusTag, useCodeTable } from './common.tsx';

/** One document of the parcel as the view needs it: its summary status and its body (null = not received). */
export interface ParcelDoc {
  status: string;
  statusZh: string;
  body: Record<string, unknown>;
}

type Kind = 'text' | 'money' | 'time' | 'masked' | 'code' | 'currency';
/** One row of the side-by-side table: a label key and the body field of each document that carries it. */
export interface CompareRow {
  key: string;
  kind?: Kind;
  fields: Partial<Record<DocKey, string>>;
}

const MISMATCH = { background: '#fff1f0', color: '#cf1322', fontWeight: 600 } as const;

/** The rule, both values and the code of the findings at one cell, for its tooltip. */
function IssueTip({ issues }: { issues: ClearanceIssue[] }) {
  const { t } = useTranslation('enterprise');
  const words = useFindingWords();
  return (
    <div>
      {issues.map((i, n) => (
        <div key={n} style={{ marginBottom: 4 }}>
          <div>{words(i).text}</div>
          {i.expected && (
            <div>
              {t('parcel.expected')}: {i.expected}
            </div>
          )}
          {i.actual && (
            <div>
              {t('parcel.actual')}: {i.actual}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

/** A value cell, red with the findings in a tooltip when the match found something there. */
function Cell({ value, issues }: { value: ReactNode; issues: ClearanceIssue[] }) {
  if (issues.length === 0) return <>{value}</>;
  return (
    <Tooltip title={<IssueTip issues={issues} />}>
      <span
        data-testid="mismatch"
        style={{ ...MISMATCH, padding: '1px 4px', borderRadius: 4, whiteSpace: 'nowrap' }}
      >
        <WarningOutlined /> {value}
      </span>
    </Tooltip>
  );
}

/**
 * The three-document view (三单对碰): the key fields of order, payment (or receipt), waybill and inventory
 * side by side, each finding of the match marked on the cell it concerns.
 */
export function DocumentCompare({
  docs,
  order,
  rows,
  issues,
}: {
  docs: Partial<Record<DocKey, ParcelDoc | null>>;
  order: DocKey[];
  rows: CompareRow[];
  issues: ClearanceIssue[];
}) {
  const { t, i18n } = useTranslation('enterprise');
  const lng = i18n.language;
  const countries = useCodeTable('countries');
  const currencies = useCodeTable('currencies');
  const format = (kind: Kind, value: string | undefined, doc: ParcelDoc) => {
    if (value === undefined || value === '') return undefined;
    switch (kind) {
      case 'money':
        return money(value, str(doc.body, 'currency') ?? str(doc.body, 'fCurrency') ?? '142', lng);
      case 'time':
        return cebTime(value);
      case 'masked':
        return value; // masked by the server (domain maskBody); in clear only through the audited reveal
      case 'code':
        return codeLabel(countries.data, value, lng);
      case 'currency':
        return codeLabel(currencies.data, value, lng);
      default:
        return value;
    }
  };
  const data = [{ key: 'status', kind: 'text' as Kind, fields: {} }, ...rows];
  return (
    <Table
      size="small"
      pagination={false}
      bordered
      rowKey="key"
      dataSource={data}
      scroll={{ x: 900 }}
      data-testid="three-documents"
      columns={[
        {
          title: t('parcel.field'),
          dataIndex: 'key',
          width: 170,
          fixed: 'left',
          render: (key: string) => (
            <Typography.Text type="secondary">{t(`parcel.rows.${key}`)}</Typography.Text>
          ),
        },
        ...order.map((docKey) => ({
          title: <DocTypeTag docType={docKey} />,
          key: docKey,
          onCell: (row: CompareRow) => {
            const field = row.fields[docKey];
            return issuesAt(issues, docKey, field).length > 0 ? { style: { background: '#fff1f0' } } : {};
          },
          render: (_: unknown, row: CompareRow) => {
            const doc = docs[docKey];
            if (!doc) return <Typography.Text type="warning">{t('parcel.missing')}</Typography.Text>;
            if (row.key === 'status') return <StatusTag status={doc.status} name={doc.statusZh} />;
            const field = row.fields[docKey];
            if (!field)
              return <Typography.Text type="secondary">{t('parcel.notApplicable')}</Typography.Text>;
            const shown = format(row.kind ?? 'text', str(doc.body, field), doc) ?? '—';
            return <Cell value={shown} issues={issuesAt(issues, docKey, field)} />;
          },
        })),
      ]}
    />
  );
}

interface LineRow {
  gnum: string;
  inv?: Record<string, string>;
  ord?: Record<string, string>;
}

/** The goods lines: the inventory's, with the order's quantity and prices beside them for comparison. */
export function LinesTable({
  inventory,
  order,
  issues,
  orderDoc = 'order',
}: {
  inventory: Record<string, unknown> | null;
  order: Record<string, unknown> | null;
  issues: ClearanceIssue[];
  orderDoc?: DocKey;
}) {
  const { t, i18n } = useTranslation('enterprise');
  const lng = i18n.language;
  const units = useCodeTable('units');
  const countries = useCodeTable('countries');
  const inv = linesOf(inventory);
  const ord = linesOf(order);
  const gnums = [...new Set([...inv.map((l) => l.gnum ?? ''), ...ord.map((l) => l.gnum ?? '')])].filter(
    Boolean,
  );
  const rows: LineRow[] = gnums
    .sort((a, b) => Number(a) - Number(b))
    .map((gnum) => ({
      gnum,
      inv: inv.find((l) => l.gnum === gnum),
      ord: ord.find((l) => l.gnum === gnum),
    }));
  if (rows.length === 0) return <EmptyState />;
  const qty = (line: Record<string, string> | undefined, q: string, u: string) =>
    line?.[q] ? `${number(line[q], lng)} ${codeLabel(units.data, line[u], lng).replace(/^\d+ /, '')}` : '—';
  const invCell = (row: LineRow, field: string, value: ReactNode) => (
    <Cell value={value} issues={issuesAt(issues, 'inventory', field, row.gnum)} />
  );
  const ordCell = (row: LineRow, field: string, value: ReactNode) => (
    <Cell value={value} issues={issuesAt(issues, orderDoc, field, row.gnum)} />
  );
  const any = (row: LineRow) => row.inv ?? row.ord;
  return (
    <Table<LineRow>
      size="small"
      bordered
      pagination={false}
      rowKey="gnum"
      dataSource={rows}
      data-testid="parcel-lines"
      columns={[
        { title: t('parcel.line.gnum'), dataIndex: 'gnum', width: 56, fixed: 'left' },
        {
          title: t('parcel.line.itemNo'),
          render: (_, r) => invCell(r, 'itemNo', any(r)?.itemNo ?? '—'),
        },
        {
          title: t('parcel.line.gname'),
          render: (_, r) => (
            <div style={{ maxWidth: 220 }}>
              {invCell(r, 'gname', r.inv?.gname ?? r.inv?.itemName ?? r.ord?.itemName ?? '—')}
              {any(r)?.gmodel && (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {any(r)?.gmodel}
                  </Typography.Text>
                </div>
              )}
            </div>
          ),
        },
        {
          title: t('parcel.line.gcode'),
          render: (_, r) => invCell(r, 'gcode', r.inv?.gcode ?? '—'),
        },
        {
          title: t('parcel.line.country'),
          render: (_, r) => codeLabel(countries.data, any(r)?.country, lng),
        },
        {
          title: t('parcel.lineInventory'),
          children: [
            {
              title: `${t('parcel.line.qty')} / ${t('parcel.line.qty1')}`,
              render: (_, r) => (
                <div style={{ whiteSpace: 'nowrap' }}>
                  {invCell(r, 'qty', qty(r.inv, 'qty', 'unit'))}
                  <div>
                    <Typography.Text type="secondary">
                      {invCell(r, 'qty1', qty(r.inv, 'qty1', 'unit1'))}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            {
              title: t('parcel.line.price'),
              align: 'right',
              render: (_, r) => invCell(r, 'price', money(r.inv?.price, r.inv?.currency, lng)),
            },
            {
              title: t('parcel.line.totalPrice'),
              align: 'right',
              render: (_, r) => invCell(r, 'totalPrice', money(r.inv?.totalPrice, r.inv?.currency, lng)),
            },
          ],
        },
        {
          title: t('parcel.lineOrder'),
          children: [
            { title: t('parcel.line.qty'), render: (_, r) => ordCell(r, 'qty', qty(r.ord, 'qty', 'unit')) },
            {
              title: t('parcel.line.price'),
              align: 'right',
              render: (_, r) =>
                ordCell(r, 'price', money(r.ord?.price, r.ord?.currency ?? str(order, 'currency'), lng)),
            },
            {
              title: t('parcel.line.totalPrice'),
              align: 'right',
              render: (_, r) =>
                ordCell(
                  r,
                  'totalPrice',
                  money(r.ord?.totalPrice, r.ord?.currency ?? str(order, 'currency'), lng),
                ),
            },
          ],
        },
      ]}
    />
  );
}

const SEVERITY_TYPE = { refuse: 'error', warn: 'warning', info: 'info' } as const;

/** Every finding of the match: refusals red, warnings orange, each with its rule and both values. */
export function IssueList({
  issues,
  matched,
  refused = false,
}: {
  issues: ClearanceIssue[];
  matched: boolean;
  /** refused or detained for a reason other than a finding: never "the match found nothing" in green */
  refused?: boolean;
}) {
  const { t } = useTranslation('enterprise');
  const words = useFindingWords();
  if (issues.length === 0 && refused)
    return (
      <Alert
        type="warning"
        showIcon
        title={t('verdict:issuesNoneButRefused')}
        data-testid="issues-none-refused"
      />
    );
  if (issues.length === 0)
    return (
      <Alert
        type={matched ? 'success' : 'info'}
        showIcon
        title={matched ? t('parcel.issuesNone') : t('parcel.issuesWaiting')}
        data-testid="issues-none"
      />
    );
  const order = { refuse: 0, warn: 1, info: 2 };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="issues">
      {[...issues]
        .sort((a, b) => order[a.severity] - order[b.severity])
        .map((i, n) => (
          <Alert
            key={n}
            type={SEVERITY_TYPE[i.severity]}
            showIcon
            title={
              <Space wrap>
                <Tag color={i.severity === 'refuse' ? 'red' : i.severity === 'warn' ? 'orange' : 'blue'}>
                  {t(`parcel.severity.${i.severity}`)}
                </Tag>
                {words(i).where !== undefined && <Typography.Text strong>{words(i).where}</Typography.Text>}
              </Space>
            }
            description={
              <div>
                <div data-testid="issue-rule">
                  {t('parcel.rule')}: {words({ ...i, code: i.code || undefined }).text}
                </div>
                {i.expected !== undefined && (
                  <div>
                    {t('parcel.expected')}: <Typography.Text code>{i.expected}</Typography.Text>
                  </div>
                )}
                {i.actual !== undefined && (
                  <div>
                    {t('parcel.actual')}: <Typography.Text code>{i.actual}</Typography.Text>
                  </div>
                )}
                <TechnicalDetail lines={findingTechnical(i)} testId="issue-technical" />
              </div>
            }
          />
        ))}
    </Space>
  );
}

export interface TimelineEntry {
  at: string;
  docType: string;
  status: string;
  returnInfo: string;
  actorVia: 'session' | 'api_key' | 'system';
}

/** Every receipt of the parcel's documents in time order, newest last. */
export function ParcelTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation('enterprise');
  if (entries.length === 0) return <EmptyState />;
  return (
    <Timeline
      data-testid="timeline"
      items={entries.map((e, n) => ({
        key: n,
        color: timelineColor(e.status),
        content: (
          <div data-testid="timeline-entry" data-status={e.status}>
            <Space size={4} wrap>
              <Typography.Text type="secondary" style={{ marginRight: 4, whiteSpace: 'nowrap' }}>
                {beijingTime(e.at)}
              </Typography.Text>
              <DocTypeTag docType={e.docType} />
              <StatusTag status={e.status} />
              <Tag variant="outlined">{t(`via.${e.actorVia}`)}</Tag>
            </Space>
            <ReceiptText status={e.status} returnInfo={e.returnInfo} style={{ marginTop: 2 }} />
          </div>
        ),
      }))}
    />
  );
}

/** A card with a title, the same spacing everywhere on the parcel pages. */
export function Section({
  title,
  children,
  extra,
  testId,
}: {
  title: ReactNode;
  children: ReactNode;
  extra?: ReactNode;
  testId?: string;
}) {
  return (
    <Card title={title} extra={extra} size="small" style={{ marginBottom: 16 }} data-testid={testId}>
      {children}
    </Card>
  );
}

/**
 * A parcel page of either direction: the title (inventory number, status, refresh, back to the list) over the
 * head facts; the match findings, the documents side by side (`order`: their columns) and the goods lines;
 * the timeline beside the direction's own sections (`side`).
 */
export function ParcelFrame({
  testId,
  title,
  number,
  reload,
  back,
  head,
  issues,
  matched,
  docs,
  order,
  rows,
  timeline,
  side,
  cancelled = false,
  cardTestIds = {},
}: {
  testId: string;
  title: string;
  number: string;
  reload: { refetch: () => unknown; isFetching: boolean };
  /** the list the back button returns to */
  back: string;
  head: ReactNode;
  issues: ClearanceIssue[];
  matched: boolean;
  docs: Partial<Record<DocKey, ParcelDoc | null>> & { inventory: ParcelDoc };
  order: DocKey[];
  rows: CompareRow[];
  timeline: TimelineEntry[];
  side: ReactNode;
  /** the declaration was withdrawn (a cancelled inventory keeps its status) */
  cancelled?: boolean;
  cardTestIds?: { issues?: string; timeline?: string };
}) {
  const { t } = useTranslation('enterprise');
  const navigate = useNavigate();
  const inv = docs.inventory;
  const verdictInput = { status: inv.status, cancelled, issues, timeline };
  const verdict = parcelVerdict(verdictInput).kind;
  const refused = verdict === 'refused' || verdict === 'eportRefused' || verdict === 'detained';
  return (
    <div data-testid={testId}>
      <Card style={{ marginBottom: 16 }}>
        <PageTitle
          title={
            <Space>
              {title}
              <Typography.Text code>{number}</Typography.Text>
              <StatusTag status={inv.status} name={inv.statusZh} />
            </Space>
          }
          extra={
            <>
              <Button
                icon={<ReloadOutlined />}
                onClick={() => void reload.refetch()}
                loading={reload.isFetching}
              >
                {t('common.refresh')}
              </Button>
              <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back)}>
                {t('parcel.back')}
              </Button>
            </>
          }
        />
        <ParcelVerdict input={verdictInput} />
        {head}
      </Card>
      <Section title={t('parcel.issues')} testId={cardTestIds.issues}>
        <IssueList issues={issues} matched={matched} refused={refused} />
      </Section>
      <Section
        title={t('parcel.compare')}
        extra={<Typography.Text type="secondary">{t('parcel.compareHelp')}</Typography.Text>}
      >
        <DocumentCompare docs={docs} order={order} rows={rows} issues={issues} />
      </Section>
      <Section title={t('parcel.lines')}>
        <LinesTable inventory={inv.body} order={docs.order?.body ?? null} issues={issues} />
      </Section>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Section title={t('parcel.timeline')} testId={cardTestIds.timeline}>
            <ParcelTimeline entries={timeline} />
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          {side}
        </Col>
      </Row>
    </div>
  );
}
