import { Descriptions, Table } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ZExportParcel, type TExportParcel } from '@crossgate/contract';
import { api } from '../../../api/client.ts';
import { EmptyState, ErrorState, Loading } from '../../../pages/States.tsx';
import { ParcelFrame, Section, type CompareRow } from '../components/parcel.tsx';
import { beijingTime, money, number } from '../../../format.ts';
import { str } from '../format.ts';
import { readIssues } from '../issues.ts';

const ROWS: CompareRow[] = [
  { key: 'orderNo', fields: { order: 'orderNo', receipt: 'orderNo', inventory: 'orderNo' } },
  { key: 'ebpCode', fields: { order: 'ebpCode', receipt: 'ebpCode', inventory: 'ebpCode' } },
  {
    key: 'ebcCode',
    fields: { order: 'ebcCode', receipt: 'ebcCode', waybill: 'ebcCode', inventory: 'ebcCode' },
  },
  { key: 'payCode', fields: { receipt: 'payCode' } },
  { key: 'logisticsCode', fields: { waybill: 'logisticsCode', inventory: 'logisticsCode' } },
  { key: 'logisticsNo', fields: { waybill: 'logisticsNo', inventory: 'logisticsNo' } },
  { key: 'goodsValue', kind: 'money', fields: { order: 'goodsValue' } },
  { key: 'freight', kind: 'money', fields: { order: 'freight', waybill: 'freight', inventory: 'freight' } },
  { key: 'insuredFee', kind: 'money', fields: { waybill: 'insuredFee', inventory: 'insuredFee' } },
  { key: 'paid', kind: 'money', fields: { receipt: 'charge' } },
  {
    key: 'currency',
    kind: 'currency',
    fields: { order: 'currency', receipt: 'currency', waybill: 'currency' },
  },
  { key: 'weight', fields: { waybill: 'grossWeight', inventory: 'grossWeight' } },
  { key: 'netWeight', fields: { inventory: 'netWeight' } },
  { key: 'packNo', fields: { waybill: 'packNo', inventory: 'packNo' } },
  { key: 'country', kind: 'code', fields: { inventory: 'country' } },
  { key: 'ownerCode', fields: { inventory: 'ownerCode' } },
  { key: 'agentCode', fields: { inventory: 'agentCode' } },
  {
    key: 'appTime',
    kind: 'time',
    fields: { order: 'appTime', receipt: 'appTime', waybill: 'appTime', inventory: 'appTime' },
  },
];

type DeclarationLine = TExportParcel['declarations'][number];

/** 出口包裹: inventory, order, receipt and waybill side by side, the clearance steps, timeline and summary lines. */
export function ExportParcelPage({ back = '/enterprise/export' }: { back?: string }) {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('enterprise');
  const parcel = useQuery({
    queryKey: ['enterprise', 'export', 'parcel', id],
    queryFn: () => api(`/api/v1/export/inventories/${id}`, { schema: ZExportParcel }),
  });
  if (parcel.isLoading) return <Loading />;
  if (parcel.isError || !parcel.data)
    return <ErrorState error={parcel.error} onRetry={() => void parcel.refetch()} />;
  const p = parcel.data;
  const inv = p.inventory;
  const c = p.clearance;
  const issues = readIssues(c.issues);
  const lng = i18n.language;
  const returned = Object.entries(c.returnedQty);
  return (
    <ParcelFrame
      testId="export-parcel"
      title={t('parcel.titleExport')}
      number={c.invtNo ?? c.preNo}
      reload={parcel}
      back={back}
      head={
        <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }}>
          <Descriptions.Item label={t('parcel.preNo')}>{c.preNo || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('parcel.invtNo')}>{c.invtNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('decl.orderNo')}>{inv.orderNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('decl.logisticsNo')}>{inv.logisticsNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('parcel.tradeMode')}>{c.tradeMode}</Descriptions.Item>
          <Descriptions.Item label={t('parcel.statisticsFlag')}>{c.statisticsFlag}</Descriptions.Item>
          <Descriptions.Item label={t('decl.ebc')}>
            {str(inv.body, 'ebcName') ?? inv.ebcCode ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('summaries.portCode')}>{c.portCode}</Descriptions.Item>
          {c.valueCny && (
            <Descriptions.Item label={t('parcel.valueCny')}>
              {money(c.valueCny, '142', lng)}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('parcel.matchedAt')}>{beijingTime(c.matchedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('parcel.arrivedAt')}>{beijingTime(c.arrivedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('parcel.releasedAt')}>{beijingTime(c.releasedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('parcel.departedAt')}>{beijingTime(c.departedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('parcel.closedAt')}>{beijingTime(c.closedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('parcel.summarisedAt')}>
            {beijingTime(c.summarisedAt)}
          </Descriptions.Item>
          {c.cancelledAt && (
            <Descriptions.Item label={t('parcel.cancelledAt')}>
              {beijingTime(c.cancelledAt)}
            </Descriptions.Item>
          )}
          {returned.length > 0 && (
            <Descriptions.Item label={t('parcel.returnedQty')}>
              {returned.map(([gnum, qty]) => `#${gnum}: ${number(qty, lng)}`).join('；')}
            </Descriptions.Item>
          )}
        </Descriptions>
      }
      issues={issues}
      matched={c.matchedAt !== null}
      docs={{ order: p.order, receipt: p.receipt, waybill: p.waybill, inventory: inv }}
      order={['order', 'receipt', 'waybill', 'inventory']}
      rows={ROWS}
      timeline={p.timeline}
      cancelled={c.cancelledAt !== null}
      side={
        <Section title={t('parcel.declarations')}>
          {p.declarations.length === 0 ? (
            <EmptyState />
          ) : (
            <Table<DeclarationLine>
              size="small"
              pagination={false}
              rowKey={(d) => `${d.id}-${d.gnum}`}
              dataSource={p.declarations}
              columns={[
                { title: t('parcel.declSeqNo'), dataIndex: 'declSeqNo' },
                { title: t('parcel.gnum'), dataIndex: 'gnum' },
                { title: t('parcel.gseqno'), dataIndex: 'gseqno' },
                {
                  title: t('parcel.certificate'),
                  render: (_, d) => (
                    <a
                      href={`/api/v1/export/declarations/${d.id}/certificate.pdf`}
                      target="_blank"
                      rel="noreferrer"
                    >
                      <FilePdfOutlined /> PDF
                    </a>
                  ),
                },
              ]}
            />
          )}
        </Section>
      }
    />
  );
}
