import { useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { z } from 'zod';
import {
  ZAuditEntry,
  ZImportDocumentSummary,
  ZPage,
  type TAuditEntry,
  type TCustomsDecision,
  type TParcel,
} from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { useAuth } from '../../auth.tsx';
import { EmptyState, ErrorState, Loading } from '../../pages/States.tsx';
import { isAgency, isZone } from '../types.ts';
import { dropFromQueues, parcelQuery } from './QueuePage.tsx';
import { RevealPersonalData } from '../../components/RevealPersonalData.tsx';
import {
  ReceiptText,
  TechnicalDetail,
  findingTechnical,
  useFindingWords,
} from '../../components/ReceiptText.tsx';
import { ParcelVerdict } from '../../components/ParcelVerdict.tsx';
import { amount, beijingTime, sumDecimals } from '../../format.ts';
import {
  ReasonTags,
  StatusTag,
  ZIssue,
  channelOf,
  field,
  isCustomsOfficer,
  personal,
  reasonsOf,
  scrubKeys,
  statusColor,
  useCodeNames,
  type TIssue,
} from './shared.tsx';
import { DecisionExplanation } from '../risk/DecisionExplanation.tsx';

const ZLines = z.array(z.record(z.string(), z.unknown())).catch([]);
const ZAuditChange = z
  .object({ status: z.string().optional(), reason: z.string().optional(), detention: z.string().optional() })
  .partial()
  .nullable()
  .catch(null);

const DETAINED = ['501', '502', '503', '599'];
const actionsFor = (status: string): TCustomsDecision['action'][] =>
  status === '300' || status === '500'
    ? ['release', 'reject', 'detain', 'return']
    : DETAINED.includes(status)
      ? ['release', 'return']
      : [];

type Doc = NonNullable<TParcel['order']>;
const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const sumLines = (body: Record<string, unknown> | undefined) => {
  const lines = ZLines.parse(body?.lines ?? []);
  if (lines.length === 0) return undefined;
  return sumDecimals(lines.map((l) => text(l.totalPrice) || '0'));
};

/** The parcel review page: the four documents side by side, goods and tax, timeline, audit, decision. */
export function ParcelPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('customs');
  const navigate = useNavigate();
  const location = useLocation();
  const { me } = useAuth();
  const parcel = useQuery(parcelQuery(id));
  const countries = useCodeNames('countries');
  const currencies = useCodeNames('currencies');
  const units = useCodeNames('units');

  if (parcel.isLoading) return <Loading />;
  if (parcel.error || !parcel.data)
    return (
      <Card>
        <ErrorState error={parcel.error ?? new Error('no data')} onRetry={() => void parcel.refetch()} />
      </Card>
    );
  const p = parcel.data;
  const inv = p.inventory;
  const body = inv.body;
  const en = i18n.language === 'en';
  const channel = channelOf(p);
  const reasons = reasonsOf(p, i18n.language);
  const party = (name: string, code: string) =>
    field(body, code) ? (
      <span>
        {field(body, name) ?? ''} <Typography.Text type="secondary">{field(body, code)}</Typography.Text>
      </span>
    ) : (
      '—'
    );
  const seesAudit = me ? isAgency(me, 'customs') || isZone(me) : false;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="parcel-page">
      <Card
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="parcel-title">
              {t('parcel.title', { no: p.clearance.invtNo ?? inv.businessKey })}
            </Typography.Title>
            <StatusTag status={inv.status} testId="parcel-status" />
          </Space>
        }
        extra={
          <Space>
            {me && isCustomsOfficer(me) ? <RevealPersonalData inventoryId={inv.id} /> : null}
            <Button
              icon={<ArrowLeftOutlined />}
              onClick={() => (location.key !== 'default' ? navigate(-1) : navigate('/customs/queue'))}
            >
              {t('parcel.back')}
            </Button>
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          bordered
          items={[
            { key: 'preNo', label: t('parcel.preNo'), children: p.clearance.preNo || '—' },
            { key: 'orderNo', label: t('parcel.orderNo'), children: inv.orderNo ?? '—' },
            { key: 'logisticsNo', label: t('parcel.logisticsNo'), children: inv.logisticsNo ?? '—' },
            {
              key: 'tradeMode',
              label: t('parcel.tradeMode'),
              children: t(`parcel.tradeModes.${p.clearance.tradeMode}`, {
                defaultValue: p.clearance.tradeMode || '—',
              }),
            },
            { key: 'ebp', label: t('parcel.ebp'), children: party('ebpName', 'ebpCode') },
            { key: 'ebc', label: t('parcel.ebc'), children: party('ebcName', 'ebcCode') },
            {
              key: 'logistics',
              label: t('parcel.logistics'),
              children: party('logisticsName', 'logisticsCode'),
            },
            { key: 'agent', label: t('parcel.agent'), children: party('agentName', 'agentCode') },
            {
              key: 'buyer',
              label: t('parcel.buyer'),
              children: (
                <span>
                  {field(body, 'buyerName') ?? '—'}{' '}
                  <Typography.Text type="secondary">{personal(body.buyerIdNumber)}</Typography.Text>
                </span>
              ),
            },
            {
              key: 'taxMode',
              label: t('parcel.taxMode'),
              children: p.clearance.taxMode
                ? t(`parcel.taxModes.${p.clearance.taxMode}`, { defaultValue: p.clearance.taxMode })
                : '—',
            },
            {
              key: 'quota',
              label: t('parcel.quota'),
              children: p.clearance.quotaAmount ? `¥ ${amount(p.clearance.quotaAmount, i18n.language)}` : '—',
            },
            { key: 'declaredAt', label: t('parcel.declaredAt'), children: beijingTime(inv.createdAt) },
            ...(p.clearance.releasedAt
              ? [
                  {
                    key: 'releasedAt',
                    label: t('parcel.releasedAt'),
                    children: beijingTime(p.clearance.releasedAt),
                  },
                ]
              : []),
            ...(p.clearance.cancelledAt
              ? [
                  {
                    key: 'cancelledAt',
                    label: t('parcel.cancelledAt'),
                    children: beijingTime(p.clearance.cancelledAt),
                  },
                ]
              : []),
          ]}
        />
        <div style={{ marginTop: 12 }}>
          <ParcelVerdict
            audience="customs"
            input={{
              status: inv.status,
              cancelled: p.clearance.cancelledAt !== null,
              issues: p.clearance.issues.flatMap((i) => {
                const r = ZIssue.safeParse(i);
                return r.success ? [{ ...r.data, severity: r.data.severity ?? 'warn' }] : [];
              }),
              timeline: p.timeline,
            }}
          />
        </div>
        {reasons.length > 0 && (
          <Alert
            style={{ marginTop: 16 }}
            type={
              actionsFor(inv.status).length === 0
                ? 'info'
                : reasons.some((r) => r.code === 'NEGATIVE_LIST')
                  ? 'error'
                  : 'warning'
            }
            showIcon
            data-testid="parcel-reasons"
            title={channel?.lane === 'inspection' ? t('parcel.channelTitle') : t('parcel.reviewTitle')}
            description={
              <div>
                <ReasonTags reasons={reasons} />
                {channel?.sampling && (
                  <div style={{ marginTop: 6 }}>
                    <Typography.Text type="secondary">
                      {t('reason.basis')}：{en ? channel.sampling.en : channel.sampling.zh}
                    </Typography.Text>
                  </div>
                )}
              </div>
            }
          />
        )}
        {channel?.lane === 'green' && (
          <Alert style={{ marginTop: 16 }} type="success" showIcon title={t('parcel.channelGreen')} />
        )}
      </Card>
      {p.clearance.risk && <DecisionExplanation decision={p.clearance.risk} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Card styles={{ body: { paddingTop: 8 } }}>
            <Tabs
              items={[
                {
                  key: 'documents',
                  label: t('parcel.tabDocuments'),
                  children: (
                    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                      <CompareTable parcel={p} />
                      <Issues
                        issues={p.clearance.issues}
                        refused={
                          inv.status === '100' ||
                          inv.status.startsWith('-') ||
                          /^5(0[1-3]|99)$/.test(inv.status)
                        }
                      />
                    </Space>
                  ),
                },
                {
                  key: 'goods',
                  label: t('parcel.tabGoods'),
                  children: (
                    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                      <Goods body={body} countries={countries} currencies={currencies} units={units} />
                      <TaxBill parcel={p} />
                    </Space>
                  ),
                },
                ...(seesAudit
                  ? [
                      {
                        key: 'audit',
                        label: <span data-testid="tab-audit">{t('parcel.tabAudit')}</span>,
                        children: <AuditTrail targetId={inv.id} />,
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <DecisionCard parcel={p} />
            <TimelineCard parcel={p} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

/** Order, payment, waybill and inventory in four columns, differing values in red. */
function CompareTable({ parcel }: { parcel: TParcel }) {
  const { t, i18n } = useTranslation('customs');
  const docs: (Doc | null)[] = [parcel.order, parcel.payment, parcel.waybill, parcel.inventory];
  const b = docs.map((d) => d?.body);
  const [o, pay, w, inv] = b;
  const named = (body: Record<string, unknown> | undefined, name: string, code: string) =>
    field(body, code) ? `${field(body, name) ?? ''} ${field(body, code)}`.trim() : undefined;
  /** "name code" shown as the name over the code. */
  const party = (v: string) => {
    const cut = v.lastIndexOf(' ');
    return cut < 0 ? (
      v
    ) : (
      <div>
        <div>{v.slice(0, cut)}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {v.slice(cut + 1)}
        </Typography.Text>
      </div>
    );
  };
  const lineNames = (body: Record<string, unknown> | undefined) =>
    ZLines.parse(body?.lines ?? [])
      .map((l) => `${text(l.itemName ?? l.gname)} × ${text(l.qty)}`)
      .join('；') || undefined;

  type RowDef = {
    key: string;
    values: (string | undefined)[];
    compare?: 'text' | 'number';
    show?: (v: string) => ReactNode;
  };
  const rows: RowDef[] = [
    {
      key: 'orderNo',
      values: [field(o, 'orderNo'), field(pay, 'orderNo'), field(w, 'orderNo'), field(inv, 'orderNo')],
      compare: 'text',
    },
    {
      key: 'ebp',
      values: [
        named(o, 'ebpName', 'ebpCode'),
        named(pay, 'ebpName', 'ebpCode'),
        undefined,
        named(inv, 'ebpName', 'ebpCode'),
      ],
      compare: 'text',
      show: party,
    },
    {
      key: 'ebc',
      values: [named(o, 'ebcName', 'ebcCode'), undefined, undefined, named(inv, 'ebcName', 'ebcCode')],
      compare: 'text',
      show: party,
    },
    {
      key: 'buyerName',
      values: [field(o, 'buyerName'), field(pay, 'payerName'), undefined, field(inv, 'buyerName')],
      compare: 'text',
    },
    {
      key: 'buyerId',
      values: [
        field(o, 'buyerIdNumber'),
        field(pay, 'payerIdNumber'),
        undefined,
        field(inv, 'buyerIdNumber'),
      ],
      compare: 'text',
      show: personal,
    },
    {
      key: 'telephone',
      values: [
        field(o, 'buyerTelephone'),
        field(pay, 'telephone'),
        field(w, 'consigneeTelephone'),
        field(inv, 'buyerTelephone'),
      ],
    },
    {
      key: 'consignee',
      values: [field(o, 'consignee'), undefined, field(w, 'consignee'), undefined],
      compare: 'text',
    },
    {
      key: 'address',
      values: [
        field(o, 'consigneeAddress'),
        undefined,
        field(w, 'consigneeAddress'),
        field(inv, 'consigneeAddress'),
      ],
      compare: 'text',
    },
    {
      key: 'payTransactionId',
      values: [field(o, 'payTransactionId'), field(pay, 'payTransactionId'), undefined, undefined],
      compare: 'text',
    },
    {
      key: 'payCode',
      values: [named(o, 'payName', 'payCode'), named(pay, 'payName', 'payCode'), undefined, undefined],
      compare: 'text',
      show: party,
    },
    {
      key: 'logisticsNo',
      values: [undefined, undefined, field(w, 'logisticsNo'), field(inv, 'logisticsNo')],
      compare: 'text',
    },
    {
      key: 'goodsValue',
      values: [field(o, 'goodsValue'), undefined, undefined, sumLines(inv)],
      compare: 'number',
      show: (v) => amount(v, i18n.language),
    },
    {
      key: 'freight',
      values: [field(o, 'freight'), undefined, field(w, 'freight'), field(inv, 'freight')],
      compare: 'number',
      show: (v) => amount(v, i18n.language),
    },
    {
      key: 'amount',
      values: [field(o, 'acturalPaid'), field(pay, 'amountPaid'), undefined, undefined],
      compare: 'number',
      show: (v) => amount(v, i18n.language),
    },
    {
      key: 'weight',
      values: [undefined, undefined, field(w, 'weight'), field(inv, 'grossWeight')],
      compare: 'number',
    },
    { key: 'goods', values: [lineNames(o), undefined, field(w, 'goodsInfo'), lineNames(inv)] },
  ];
  const norm = (v: string, how: 'text' | 'number') => (how === 'number' ? String(Number(v)) : v.trim());
  const data = rows.map((r) => {
    const reference = r.values[3] ?? r.values.find((v) => v !== undefined);
    const differs = r.values.map(
      (v) =>
        r.compare !== undefined &&
        v !== undefined &&
        reference !== undefined &&
        norm(v, r.compare) !== norm(reference, r.compare),
    );
    return { ...r, differs };
  });
  const kinds = ['order', 'payment', 'waybill', 'inventory'] as const;
  return (
    <div data-testid="compare">
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text strong>{t('parcel.compareTitle')}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('parcel.compareHint')}
        </Typography.Text>
      </Space>
      <Table
        size="small"
        bordered
        pagination={false}
        rowKey="key"
        dataSource={data}
        tableLayout="fixed"
        columns={[
          {
            title: t('parcel.field'),
            key: 'label',
            width: 96,
            render: (_, r) => <Typography.Text type="secondary">{t(`parcel.rows.${r.key}`)}</Typography.Text>,
          },
          ...kinds.map((kind, i) => ({
            key: kind,
            title: (
              <Space size={4} wrap>
                <span>{t(`docType.${kind}`)}</span>
                {docs[i] ? <StatusTag status={docs[i].status} /> : <Tag>{t('parcel.missing')}</Tag>}
              </Space>
            ),
            render: (_: unknown, r: (typeof data)[number]) => {
              const v = r.values[i];
              if (v === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
              const shown = r.show ? r.show(v) : v;
              return (
                <div style={{ fontSize: 13 }}>
                  {r.differs[i] ? (
                    <Typography.Text type="danger" strong data-testid="compare-diff">
                      {shown}
                    </Typography.Text>
                  ) : (
                    shown
                  )}
                </div>
              );
            },
          })),
        ]}
      />
    </div>
  );
}

function Issues({ issues, refused = false }: { issues: unknown[]; refused?: boolean }) {
  const { t } = useTranslation('customs');
  const words = useFindingWords();
  const parsed: TIssue[] = issues.flatMap((i) => {
    const r = ZIssue.safeParse(i);
    return r.success ? [r.data] : [];
  });
  return (
    <div>
      <Typography.Text strong>{t('parcel.issuesTitle')}</Typography.Text>
      {parsed.length === 0 && refused ? (
        <Alert style={{ marginTop: 8 }} type="warning" showIcon title={t('verdict:issuesNoneButRefused')} />
      ) : parsed.length === 0 ? (
        <Alert style={{ marginTop: 8 }} type="success" showIcon title={t('parcel.issuesNone')} />
      ) : (
        <Table
          style={{ marginTop: 8 }}
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={parsed}
          columns={[
            {
              title: '',
              key: 'severity',
              width: 70,
              render: (_, r) => (
                <Tag color={r.severity === 'refuse' ? 'error' : 'warning'}>
                  {t(`parcel.severity.${r.severity ?? 'warn'}`)}
                </Tag>
              ),
            },
            {
              title: t('parcel.issueField'),
              dataIndex: 'field',
              render: (_: string, r) => words(r).where ?? '—',
            },
            {
              title: t('parcel.issueRule'),
              dataIndex: 'rule',
              render: (_: string, r) => (
                <div data-testid="issue-rule">
                  {words(r).text}
                  <TechnicalDetail lines={findingTechnical(r)} testId="issue-technical" />
                </div>
              ),
            },
            { title: t('parcel.issueExpected'), dataIndex: 'expected', render: (v?: string) => v ?? '—' },
            { title: t('parcel.issueActual'), dataIndex: 'actual', render: (v?: string) => v ?? '—' },
          ]}
        />
      )}
    </div>
  );
}

function Goods({
  body,
  countries,
  currencies,
  units,
}: {
  body: Record<string, unknown>;
  countries: (c: unknown) => string;
  currencies: (c: unknown) => string;
  units: (c: unknown) => string;
}) {
  const { t, i18n } = useTranslation('customs');
  const lines = ZLines.parse(body.lines ?? []);
  const unitName = (c: unknown) => units(c).replace(/\s*\(\d+\)$/, '');
  return (
    <div>
      <Typography.Text strong>{t('parcel.goodsTitle')}</Typography.Text>
      <Table
        style={{ marginTop: 8 }}
        size="small"
        bordered
        pagination={false}
        rowKey={(r) => text(r.gnum)}
        dataSource={lines}
        columns={[
          { title: t('parcel.gnum'), key: 'gnum', width: 52, render: (_, r) => text(r.gnum) },
          {
            title: `${t('parcel.gcode')} / ${t('parcel.itemNo')}`,
            key: 'gcode',
            width: 130,
            render: (_, r) => (
              <div>
                <div>{text(r.gcode)}</div>
                <Typography.Text type="secondary">{text(r.itemNo)}</Typography.Text>
              </div>
            ),
          },
          {
            title: `${t('parcel.gname')} / ${t('parcel.gmodel')}`,
            key: 'gname',
            render: (_, r) => (
              <div>
                <div>{text(r.gname ?? r.itemName)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {text(r.gmodel)}
                </Typography.Text>
              </div>
            ),
          },
          { title: t('parcel.country'), key: 'country', width: 110, render: (_, r) => countries(r.country) },
          {
            title: `${t('parcel.qty')} / ${t('parcel.qty1')}`,
            key: 'qty',
            align: 'right',
            width: 120,
            render: (_, r) => (
              <div>
                <div>
                  {text(r.qty)} {unitName(r.unit)}
                </div>
                <Typography.Text type="secondary">
                  {text(r.qty1)} {unitName(r.unit1)}
                </Typography.Text>
              </div>
            ),
          },
          {
            title: `${t('parcel.price')} / ${t('parcel.totalPrice')}`,
            key: 'price',
            align: 'right',
            width: 140,
            render: (_, r) => (
              <div>
                <div>{amount(text(r.price), i18n.language)}</div>
                <Typography.Text strong>{amount(text(r.totalPrice), i18n.language)}</Typography.Text>{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {currencies(r.currency).replace(/\s*\(\d+\)$/, '')}
                </Typography.Text>
              </div>
            ),
          },
        ]}
      />
    </div>
  );
}

function TaxBill({ parcel }: { parcel: TParcel }) {
  const { t, i18n } = useTranslation('customs');
  const bill = parcel.taxBill;
  if (!bill)
    return (
      <div>
        <Typography.Text strong>{t('parcel.taxTitle')}</Typography.Text>
        <EmptyState description={t('parcel.taxNone')} />
      </div>
    );
  const m = (v: string) => `¥ ${amount(v, i18n.language)}`;
  const lines = bill.lines;
  return (
    <div data-testid="tax-bill">
      <Typography.Text strong>{t('parcel.taxTitle')}</Typography.Text>
      <Descriptions
        style={{ marginTop: 8 }}
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'taxNo', label: t('parcel.taxNo'), children: bill.taxNo },
          {
            key: 'status',
            label: t('parcel.taxStatus'),
            children: (
              <Tag color={bill.status === '3' ? 'default' : bill.status === '2' ? 'success' : 'processing'}>
                {t(`parcel.taxStatuses.${bill.status}`, { defaultValue: bill.status })}
              </Tag>
            ),
          },
          {
            key: 'taxMode',
            label: t('parcel.taxMode'),
            children: t(`parcel.taxModes.${bill.taxMode}`, { defaultValue: bill.taxMode }),
          },
          { key: 'customsTax', label: t('parcel.customsTax'), children: m(bill.customsTax) },
          { key: 'vat', label: t('parcel.vat'), children: m(bill.valueAddedTax) },
          { key: 'ct', label: t('parcel.consumptionTax'), children: m(bill.consumptionTax) },
          {
            key: 'total',
            label: t('parcel.taxTotal'),
            span: 'filled',
            children: <Typography.Text strong>{m(bill.taxTotal)}</Typography.Text>,
          },
        ]}
      />
      {lines.length > 0 && (
        <Table
          style={{ marginTop: 8 }}
          size="small"
          pagination={false}
          rowKey="gnum"
          dataSource={lines}
          columns={[
            { title: t('parcel.gnum'), dataIndex: 'gnum', width: 56 },
            { title: t('parcel.gcode'), dataIndex: 'gcode' },
            { title: t('parcel.taxPrice'), dataIndex: 'taxPrice', align: 'right', render: m },
            { title: t('parcel.customsTax'), dataIndex: 'customsTax', align: 'right', render: m },
            { title: t('parcel.vat'), dataIndex: 'valueAddedTax', align: 'right', render: m },
            { title: t('parcel.consumptionTax'), dataIndex: 'consumptionTax', align: 'right', render: m },
          ]}
        />
      )}
    </div>
  );
}

function TimelineCard({ parcel }: { parcel: TParcel }) {
  const { t } = useTranslation('customs');
  const entries = [...parcel.timeline].reverse();
  return (
    <Card title={t('parcel.timelineTitle')} size="small" data-testid="timeline">
      <Timeline
        style={{ marginTop: 12 }}
        items={entries.map((e, i) => ({
          key: i,
          color:
            statusColor(e.status) === 'success'
              ? 'green'
              : ['error', 'volcano', 'magenta'].includes(statusColor(e.status))
                ? 'red'
                : ['orange', 'gold'].includes(statusColor(e.status))
                  ? 'orange'
                  : e.docType === 'inventory'
                    ? 'blue'
                    : 'gray',
          content: (
            <div data-testid="timeline-entry" data-status={e.status} data-doc={e.docType}>
              <Space size={4} wrap>
                <Tag bordered={false}>{t(`docType.${e.docType}`, { defaultValue: e.docType })}</Tag>
                <StatusTag status={e.status} />
              </Space>
              <ReceiptText status={e.status} returnInfo={scrubKeys(e.returnInfo)} style={{ marginTop: 2 }} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {beijingTime(e.at)} · {t(`via.${e.actorVia}`)}
              </Typography.Text>
            </div>
          ),
        }))}
      />
    </Card>
  );
}

function AuditTrail({ targetId }: { targetId: string }) {
  const { t } = useTranslation('customs');
  const [page, setPage] = useState(1);
  const audit = useQuery({
    queryKey: ['customs', 'audit', targetId, page],
    queryFn: () =>
      api(`/api/v1/audit${qs({ targetId, page, pageSize: 10 })}`, { schema: ZPage(ZAuditEntry) }),
  });
  if (audit.error) return <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />;
  return (
    <Table<TAuditEntry>
      data-testid="audit-table"
      size="small"
      rowKey="id"
      loading={audit.isLoading}
      dataSource={audit.data?.items ?? []}
      locale={{ emptyText: <EmptyState description={t('audit.empty')} /> }}
      pagination={{
        current: page,
        pageSize: 10,
        total: audit.data?.total ?? 0,
        onChange: setPage,
        hideOnSinglePage: true,
      }}
      columns={[
        { title: t('audit.at'), key: 'at', width: 160, render: (_, r) => beijingTime(r.at) },
        {
          title: t('audit.action'),
          key: 'action',
          width: 130,
          render: (_, r) => (
            <div>
              <div>{t(`audit.actions.${r.action}`, { defaultValue: r.action })}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <code>{r.action}</code>
              </Typography.Text>
            </div>
          ),
        },
        {
          title: t('audit.change'),
          key: 'change',
          width: 180,
          render: (_, r) => {
            const before = ZAuditChange.parse(r.before);
            const after = ZAuditChange.parse(r.after);
            if (!before?.status && !after?.status) return '—';
            return (
              <Space size={4}>
                {before?.status && <StatusTag status={before.status} />}→
                {after?.status && <StatusTag status={after.status} />}
              </Space>
            );
          },
        },
        {
          title: t('audit.reason'),
          key: 'reason',
          render: (_, r) => ZAuditChange.parse(r.after)?.reason ?? '—',
        },
        {
          title: t('audit.actor'),
          key: 'via',
          width: 100,
          render: (_, r) => (
            <Tooltip title={r.requestId ? `${t('audit.requestId')} ${r.requestId}` : undefined}>
              <span>{t(`via.${r.actorVia}`)}</span>
            </Tooltip>
          ),
        },
      ]}
    />
  );
}

interface DecisionForm {
  action: TCustomsDecision['action'];
  detention?: TCustomsDecision['detention'];
  reason: string;
}

function DecisionCard({ parcel }: { parcel: TParcel }) {
  const { t } = useTranslation('customs');
  const { me } = useAuth();
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<DecisionForm>();
  const action = Form.useWatch('action', form);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<string | null>(null);
  const inv = parcel.inventory;
  const allowed = actionsFor(inv.status);
  const no = parcel.clearance.invtNo ?? inv.businessKey;

  let content: ReactNode;
  if (!me || !isCustomsOfficer(me)) {
    content = <Alert type="info" showIcon title={t('common.readOnly')} />;
  } else if (allowed.length === 0) {
    content = (
      <Alert
        type={result ? 'success' : 'info'}
        showIcon
        data-testid="decision-none"
        title={result ?? t('decision.notDecidable', { status: `${inv.status} ${t(`status.${inv.status}`)}` })}
      />
    );
  } else {
    const submit = (values: DecisionForm) => {
      const reason = values.reason.trim();
      const label = t(`decision.${values.action}`);
      const detention = values.action === 'detain' ? values.detention : undefined;
      setError(null);
      modal.confirm({
        title: t('decision.confirmTitle', { action: label }),
        content: (
          <div data-testid="decision-confirm">
            {t('decision.confirmBody', { no, action: label, reason })}
            {detention && <div style={{ marginTop: 6 }}>{t(`decision.detentions.${detention}`)}</div>}
          </div>
        ),
        okText: t('decision.confirmOk', { action: label }),
        okButtonProps: { danger: values.action !== 'release' },
        cancelText: t('action.cancel', { ns: 'common' }),
        onOk: async () => {
          try {
            const body: TCustomsDecision = {
              action: values.action,
              reason,
              ...(detention ? { detention } : {}),
            };
            const summary = await api(`/api/v1/import/inventories/${inv.id}/decision`, {
              method: 'POST',
              body,
              schema: ZImportDocumentSummary,
            });
            const done = t('decision.done', { status: `${summary.status} ${t(`status.${summary.status}`)}` });
            setResult(done);
            void message.success(done);
            form.resetFields();
            dropFromQueues(client, inv.id, summary.status);
            await Promise.all([
              client.invalidateQueries({ queryKey: ['customs', 'parcel', inv.id] }),
              client.invalidateQueries({ queryKey: ['customs', 'queue'] }),
              client.invalidateQueries({ queryKey: ['customs', 'queue-count'] }),
              client.invalidateQueries({ queryKey: ['customs', 'audit', inv.id] }),
            ]);
          } catch (e) {
            setError(e);
          }
        },
      });
    };
    content = (
      <Form<DecisionForm>
        form={form}
        layout="vertical"
        data-testid="decision-form"
        initialValues={{ action: 'release' }}
        onFinish={submit}
        requiredMark
      >
        {DETAINED.includes(inv.status) && (
          <Alert style={{ marginBottom: 12 }} type="warning" showIcon title={t('decision.detainedHint')} />
        )}
        <Form.Item name="action" label={t('decision.action')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="decision-action">
            {allowed.map((a) => (
              <Radio.Button key={a} value={a} data-testid={`decision-${a}`}>
                {t(`decision.${a}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {action === 'detain' && (
          <Form.Item
            name="detention"
            label={t('decision.detention')}
            rules={[{ required: true, message: t('decision.detentionRequired') }]}
          >
            <Select
              data-testid="decision-detention"
              options={(['501', '502', '503', '599'] as const).map((c) => ({
                value: c,
                label: t(`decision.detentions.${c}`),
              }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('decision.reason')}
          extra={t('decision.reasonHelp')}
          rules={[
            { required: true, whitespace: true, message: t('common.reasonRequired') },
            {
              validator: (_, v: string | undefined) => {
                const n = (v ?? '').trim().length;
                return n === 0 || (n >= 2 && n <= 500)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('common.reasonLength')));
              },
            },
          ]}
        >
          <Input.TextArea
            data-testid="decision-reason"
            rows={4}
            maxLength={500}
            placeholder={t('decision.reasonPlaceholder')}
          />
        </Form.Item>
        {error !== null && (
          <div style={{ marginBottom: 12 }}>
            <ErrorState error={error} />
          </div>
        )}
        <Button type="primary" htmlType="submit" block data-testid="decision-submit">
          {t('decision.submit')}
        </Button>
      </Form>
    );
  }
  return (
    <Card title={t('decision.title')} size="small" data-testid="decision-card">
      {result && allowed.length > 0 && (
        <Alert style={{ marginBottom: 12 }} type="success" showIcon title={result} />
      )}
      {content}
    </Card>
  );
}
