import { Alert, Descriptions, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ZPage, ZParcel, ZTariffLine, type TParcel, type TTaxLine } from '@crossgate/contract';
import { api, qs } from '../../../api/client.ts';
import { ErrorState, Loading } from '../../../pages/States.tsx';
import { ParcelFrame, Section, type CompareRow } from '../components/parcel.tsx';
import { RevealPersonalData } from '../../../components/RevealPersonalData.tsx';
import { useAuth } from '../../../auth.tsx';
import { beijingTime, money } from '../../../format.ts';
import { isRecord, str } from '../format.ts';
import { readIssues } from '../issues.ts';

const ROWS: CompareRow[] = [
  {
    key: 'orderNo',
    fields: { order: 'orderNo', payment: 'orderNo', waybill: 'orderNo', inventory: 'orderNo' },
  },
  { key: 'ebpCode', fields: { order: 'ebpCode', payment: 'ebpCode', inventory: 'ebpCode' } },
  { key: 'ebcCode', fields: { order: 'ebcCode', inventory: 'ebcCode' } },
  { key: 'payCode', fields: { order: 'payCode', payment: 'payCode' } },
  { key: 'payTransactionId', fields: { order: 'payTransactionId', payment: 'payTransactionId' } },
  { key: 'logisticsCode', fields: { waybill: 'logisticsCode', inventory: 'logisticsCode' } },
  { key: 'logisticsNo', fields: { waybill: 'logisticsNo', inventory: 'logisticsNo' } },
  {
    key: 'buyerName',
    fields: { order: 'buyerName', payment: 'payerName', waybill: 'consignee', inventory: 'buyerName' },
  },
  {
    key: 'buyerIdNumber',
    kind: 'masked',
    fields: { order: 'buyerIdNumber', payment: 'payerIdNumber', inventory: 'buyerIdNumber' },
  },
  {
    key: 'buyerTelephone',
    fields: {
      order: 'buyerTelephone',
      payment: 'telephone',
      waybill: 'consigneeTelephone',
      inventory: 'buyerTelephone',
    },
  },
  {
    key: 'consigneeAddress',
    fields: { order: 'consigneeAddress', waybill: 'consigneeAddress', inventory: 'consigneeAddress' },
  },
  { key: 'goodsValue', kind: 'money', fields: { order: 'goodsValue' } },
  { key: 'freight', kind: 'money', fields: { order: 'freight', waybill: 'freight', inventory: 'freight' } },
  { key: 'insuredFee', kind: 'money', fields: { waybill: 'insuredFee', inventory: 'insuredFee' } },
  { key: 'discount', kind: 'money', fields: { order: 'discount' } },
  { key: 'taxTotal', kind: 'money', fields: { order: 'taxTotal' } },
  { key: 'paid', kind: 'money', fields: { order: 'acturalPaid', payment: 'amountPaid' } },
  {
    key: 'currency',
    kind: 'currency',
    fields: { order: 'currency', payment: 'currency', waybill: 'currency', inventory: 'currency' },
  },
  { key: 'weight', fields: { waybill: 'weight', inventory: 'grossWeight' } },
  { key: 'netWeight', fields: { inventory: 'netWeight' } },
  { key: 'packNo', fields: { waybill: 'packNo', inventory: 'packNo' } },
  { key: 'country', kind: 'code', fields: { inventory: 'country' } },
  { key: 'agentCode', fields: { inventory: 'agentCode' } },
  {
    key: 'appTime',
    kind: 'time',
    fields: { order: 'appTime', payment: 'appTime', waybill: 'appTime', inventory: 'appTime' },
  },
];

interface Channel {
  lane: 'green' | 'inspection' | 'manual_review';
  reasons: { code: string; zh: string; en: string }[];
  sampling?: { zh: string; en: string };
}

/** The clearance's channel decision, read without trusting its shape. */
function readChannel(raw: unknown): Channel | null {
  if (!isRecord(raw) || (raw.lane !== 'green' && raw.lane !== 'inspection' && raw.lane !== 'manual_review'))
    return null;
  const text = (v: unknown) => (isRecord(v) ? { zh: String(v.zh ?? ''), en: String(v.en ?? '') } : undefined);
  const reasons = Array.isArray(raw.reasons)
    ? raw.reasons.filter(isRecord).map((r) => ({
        code: String(r.code ?? ''),
        zh: String(r.zh ?? ''),
        en: String(r.en ?? ''),
      }))
    : [];
  return { lane: raw.lane, reasons, sampling: text(raw.sampling) };
}

/** The HS codes among `gcodes` whose tariff line is not verified against a source (decision 0026). */
function useUnverifiedLines(gcodes: string[]) {
  return useQuery({
    queryKey: ['reference', 'tariff-lines', 'unverified', gcodes],
    staleTime: Infinity,
    enabled: gcodes.length > 0,
    queryFn: async () => {
      const out = new Set<string>();
      for (const q of gcodes) {
        const res = await api(`/api/v1/reference/tariff-lines${qs({ q })}`, { schema: ZPage(ZTariffLine) });
        for (const l of res.items) if (l.hsCode === q && !l.verified) out.add(q);
      }
      return out;
    },
  });
}

/** The electronic tax bill (CEB816) of a released parcel: taxes per kind and per goods line. */
function TaxBill({ bill }: { bill: NonNullable<TParcel['taxBill']> }) {
  const { t, i18n } = useTranslation('enterprise');
  const lng = i18n.language;
  const lines = bill.lines;
  const unverified = useUnverifiedLines([...new Set(lines.map((l) => l.gcode))].sort());
  const taxMode = i18n.exists(`enterprise:parcel.taxModes.${bill.taxMode}`)
    ? t(`parcel.taxModes.${bill.taxMode}`)
    : bill.taxMode;
  return (
    <div data-testid="tax-bill">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('parcel.taxNo')} span={2}>
          <Typography.Text copyable>{bill.taxNo}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('parcel.taxStatus')}>
          <Tag color={bill.status === '3' ? 'default' : 'blue'}>
            {bill.status}{' '}
            {i18n.exists(`enterprise:parcel.taxStatuses.${bill.status}`)
              ? t(`parcel.taxStatuses.${bill.status}`)
              : ''}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('parcel.taxMode')}>{taxMode}</Descriptions.Item>
        <Descriptions.Item label={t('parcel.customsTax')}>
          {money(bill.customsTax, '142', lng)}
        </Descriptions.Item>
        <Descriptions.Item label={t('parcel.vat')}>{money(bill.valueAddedTax, '142', lng)}</Descriptions.Item>
        <Descriptions.Item label={t('parcel.consumptionTax')}>
          {money(bill.consumptionTax, '142', lng)}
        </Descriptions.Item>
        <Descriptions.Item label={t('parcel.taxTotal')}>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="tax-total">
            {money(bill.taxTotal, '142', lng)}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Table<TTaxLine>
        style={{ marginTop: 12 }}
        size="small"
        pagination={false}
        rowKey="gnum"
        dataSource={lines}
        columns={[
          { title: t('parcel.line.gnum'), dataIndex: 'gnum', width: 60 },
          {
            title: t('parcel.line.gcode'),
            dataIndex: 'gcode',
            render: (v: string) =>
              unverified.data?.has(v) ? (
                <Space size={4}>
                  {v}
                  <Tooltip title={t('parcel.rateUnverifiedHint')}>
                    <Tag color="orange" data-testid="rate-unverified">
                      {t('parcel.rateUnverified')}
                    </Tag>
                  </Tooltip>
                </Space>
              ) : (
                v
              ),
          },
          {
            title: t('parcel.taxPrice'),
            dataIndex: 'taxPrice',
            align: 'right',
            render: (v: string) => money(v, '142', lng),
          },
          {
            title: t('parcel.customsTax'),
            dataIndex: 'customsTax',
            align: 'right',
            render: (v: string) => money(v, '142', lng),
          },
          {
            title: t('parcel.vat'),
            dataIndex: 'valueAddedTax',
            align: 'right',
            render: (v: string) => money(v, '142', lng),
          },
          {
            title: t('parcel.consumptionTax'),
            dataIndex: 'consumptionTax',
            align: 'right',
            render: (v: string) => money(v, '142', lng),
          },
        ]}
      />
    </div>
  );
}

/** The channel decision: green lane or inspection, with every reason and the sampling rate that applied. */
function ChannelView({ channel }: { channel: Channel | null }) {
  const { t, i18n } = useTranslation('enterprise');
  if (!channel) return <Typography.Text type="secondary">{t('parcel.noChannel')}</Typography.Text>;
  const say = (x: { zh: string; en: string }) => (i18n.language === 'en' ? x.en : x.zh);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="channel">
      <Tag
        color={channel.lane === 'green' ? 'green' : 'orange'}
        style={{ fontSize: 14, padding: '2px 10px' }}
      >
        {t(`parcel.lane.${channel.lane}`)}
      </Tag>
      {channel.reasons.map((r, n) => (
        <Alert key={n} type="warning" showIcon title={say(r)} description={r.code} />
      ))}
      {channel.sampling && (
        <Typography.Text type="secondary">
          {t('parcel.sampling')}: {say(channel.sampling)}
        </Typography.Text>
      )}
    </Space>
  );
}

/** 进口包裹: the inventory with its order, payment and waybill side by side, findings, channel, tax bill, timeline. */
export function ImportParcelPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('enterprise');
  const { me } = useAuth();
  const parcel = useQuery({
    queryKey: ['enterprise', 'import', 'parcel', id],
    queryFn: () => api(`/api/v1/import/inventories/${id}`, { schema: ZParcel }),
  });
  if (parcel.isLoading) return <Loading />;
  if (parcel.isError || !parcel.data)
    return <ErrorState error={parcel.error} onRetry={() => void parcel.refetch()} />;
  const p = parcel.data;
  const inv = p.inventory;
  const issues = readIssues(p.clearance.issues);
  const matched = p.clearance.channel !== null || inv.status !== '2';
  const lng = i18n.language;
  // Clerks who do the enterprise's work may see its parcels' personal data in clear (audited); viewers may not.
  const mayReveal =
    me?.via === 'session' && (me.user?.roles ?? []).some((r) => r === 'admin' || r === 'operator');
  return (
    <ParcelFrame
      testId="import-parcel"
      title={t('parcel.titleImport')}
      number={p.clearance.invtNo ?? p.clearance.preNo}
      reload={parcel}
      back="/enterprise/import"
      head={
        <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} data-testid="parcel-head">
          <Descriptions.Item label={t('parcel.preNo')}>{p.clearance.preNo || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('parcel.invtNo')}>{p.clearance.invtNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('decl.orderNo')}>{inv.orderNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('decl.logisticsNo')}>{inv.logisticsNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('parcel.tradeMode')}>{p.clearance.tradeMode || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('decl.ebc')}>
            {str(inv.body, 'ebcName') ?? inv.ebcCode ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('decl.ebp')}>
            {str(inv.body, 'ebpName') ?? inv.ebpCode ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('parcel.rows.agentCode')}>
            {str(inv.body, 'agentName') ?? str(inv.body, 'agentCode') ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('parcel.taxMode')}>
            {p.clearance.taxMode
              ? i18n.exists(`enterprise:parcel.taxModes.${p.clearance.taxMode}`)
                ? t(`parcel.taxModes.${p.clearance.taxMode}`)
                : p.clearance.taxMode
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('parcel.quota')}>
            {p.clearance.quotaAmount ? money(p.clearance.quotaAmount, '142', lng) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('decl.declaredAt')}>{beijingTime(inv.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('parcel.releasedAt')}>
            {beijingTime(p.clearance.releasedAt)}
          </Descriptions.Item>
          {p.clearance.cancelledAt && (
            <Descriptions.Item label={t('parcel.cancelledAt')}>
              {beijingTime(p.clearance.cancelledAt)}
            </Descriptions.Item>
          )}
          {mayReveal && (
            <Descriptions.Item label={t('parcel.rows.buyerName')}>
              <RevealPersonalData inventoryId={inv.id} />
            </Descriptions.Item>
          )}
        </Descriptions>
      }
      issues={issues}
      matched={matched}
      docs={{ order: p.order, payment: p.payment, waybill: p.waybill, inventory: inv }}
      order={['order', 'payment', 'waybill', 'inventory']}
      rows={ROWS}
      timeline={p.timeline}
      cancelled={p.clearance.cancelledAt !== null}
      cardTestIds={{ issues: 'issues-card', timeline: 'timeline-card' }}
      side={
        <>
          <Section title={t('parcel.channel')}>
            <ChannelView channel={readChannel(p.clearance.channel)} />
          </Section>
          <Section title={t('parcel.taxBill')} testId="tax-bill-card">
            {p.taxBill ? (
              <TaxBill bill={p.taxBill} />
            ) : (
              <Typography.Text type="secondary">{t('parcel.noTaxBill')}</Typography.Text>
            )}
          </Section>
        </>
      }
    />
  );
}
