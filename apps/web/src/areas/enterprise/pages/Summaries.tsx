import { useState } from 'react';
import { Card, DatePicker, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ZExportDeclaration,
  ZExportDeclarationDetail,
  ZPage,
  type TExportDeclaration,
  type TExportDeclarationDetail,
} from '@crossgate/contract';
import { api, qs } from '../../../api/client.ts';
import { ErrorState, Loading } from '../../../pages/States.tsx';
import { PagedTable, usePaging } from '../../../components/PagedTable.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { codeLabel, NoWrap, useCodeTable } from '../components/common.tsx';
import { beijingDate, beijingTime, money, number } from '../../../format.ts';

type Line = TExportDeclarationDetail['lines'][number];
type Item = TExportDeclarationDetail['items'][number];

/** One declaration's lines and the inventory lines merged into each (CEB792 SummaryResultList). */
function DeclarationDetail({ id }: { id: string }) {
  const { t, i18n } = useTranslation('enterprise');
  const lng = i18n.language;
  const units = useCodeTable('units');
  const countries = useCodeTable('countries');
  const detail = useQuery({
    queryKey: ['enterprise', 'summaries', id],
    queryFn: () => api(`/api/v1/export/declarations/${id}`, { schema: ZExportDeclarationDetail }),
  });
  if (detail.isLoading) return <Loading />;
  if (detail.isError || !detail.data) return <ErrorState error={detail.error} />;
  const d = detail.data;
  const qty = (list: { unit: string; qty: string }[]) =>
    list
      .map((q) => `${number(q.qty, lng)} ${codeLabel(units.data, q.unit, lng).replace(/^\d+ /, '')}`)
      .join(' / ') || '—';
  return (
    <div style={{ padding: '4px 8px' }}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('summaries.deadline')}>{beijingDate(d.deadline)}</Descriptions.Item>
        <Descriptions.Item label={t('parcel.rows.agentCode')}>
          {d.declAgentName} ({d.declAgentCode})
        </Descriptions.Item>
        <Descriptions.Item label={t('parcel.certificate')}>
          <a href={d.verifyPath} target="_blank" rel="noreferrer">
            {d.certificateNo}
          </a>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text strong>{t('summaries.lines')}</Typography.Text>
      <Table<Line>
        size="small"
        rowKey="gseqno"
        pagination={false}
        dataSource={d.lines}
        style={{ margin: '8px 0 16px' }}
        columns={[
          { title: t('parcel.gseqno'), dataIndex: 'gseqno', width: 80 },
          { title: t('parcel.line.gcode'), dataIndex: 'gcode' },
          { title: t('parcel.line.gname'), dataIndex: 'gname' },
          {
            title: t('summaries.country'),
            dataIndex: 'country',
            render: (v: string) => codeLabel(countries.data, v, lng),
          },
          { title: t('parcel.line.qty'), dataIndex: 'declared', render: qty },
          { title: t('parcel.line.qty1'), dataIndex: 'legal1', render: qty },
          { title: t('parcel.line.qty2'), dataIndex: 'legal2', render: qty },
          {
            title: t('parcel.line.totalPrice'),
            dataIndex: 'totalPrice',
            align: 'right',
            render: (v: string, l) => money(v, l.currency, lng),
          },
        ]}
      />
      <Typography.Text strong>{t('summaries.items')}</Typography.Text>
      <Table<Item>
        size="small"
        rowKey={(i) => `${i.invtNo}-${i.gnum}`}
        pagination={d.items.length > 10 ? { pageSize: 10 } : false}
        dataSource={d.items}
        style={{ marginTop: 8 }}
        columns={[
          { title: t('parcel.invtNo'), dataIndex: 'invtNo' },
          { title: t('parcel.gnum'), dataIndex: 'gnum' },
          { title: t('parcel.gseqno'), dataIndex: 'gseqno' },
          { title: t('decl.logisticsNo'), dataIndex: 'logisticsNo' },
          { title: t('parcel.line.gcode'), dataIndex: 'gcode' },
        ]}
      />
    </div>
  );
}

/** 出口汇总申报: the month's summary declarations, their lines and the certificate PDF of each. */
export function SummariesPage() {
  const { t, i18n } = useTranslation('enterprise');
  const lng = i18n.language;
  const countries = useCodeTable('countries');
  const [month, setMonth] = useState<string | undefined>();
  const paging = usePaging(20, true);
  const { page, pageSize } = paging;
  const list = useQuery({
    queryKey: ['enterprise', 'summaries', month, page, pageSize],
    placeholderData: keepPreviousData,
    queryFn: () =>
      api(`/api/v1/export/declarations${qs({ month, page, pageSize })}`, {
        schema: ZPage(ZExportDeclaration),
      }),
  });
  return (
    <Card data-testid="summaries-page">
      <PageTitle
        title={t('summaries.title')}
        help={t('summaries.help')}
        extra={
          <Space>
            <Typography.Text>{t('summaries.month')}</Typography.Text>
            <DatePicker
              picker="month"
              allowClear
              onChange={(_, text) => {
                setMonth(typeof text === 'string' && text ? text : undefined);
                paging.setPage(1);
              }}
            />
          </Space>
        }
      />
      <PagedTable<TExportDeclaration>
        size="middle"
        query={list}
        paging={paging}
        scroll={{ x: 1400 }}
        expandable={{ expandedRowRender: (d) => <DeclarationDetail id={d.id} /> }}
        columns={[
          {
            title: t('summaries.declSeqNo'),
            dataIndex: 'declSeqNo',
            render: (v: string, d) => (
              <div>
                <NoWrap>
                  <Typography.Text strong>{v}</Typography.Text>
                </NoWrap>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <NoWrap>
                      {t('summaries.sumNo')} {d.sumNo}
                    </NoWrap>
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          { title: t('summaries.month'), dataIndex: 'month', render: (v: string) => <NoWrap>{v}</NoWrap> },
          {
            title: t('summaries.entryId'),
            dataIndex: 'entryId',
            render: (v: string | null, d) => (
              <NoWrap>
                {v ?? <Tag color="blue">{t('summaries.pending')}</Tag>} <Tag>{d.decState}</Tag>
              </NoWrap>
            ),
          },
          { title: t('summaries.ebc'), dataIndex: 'ebcName', width: 220 },
          { title: t('summaries.tradeMode'), dataIndex: 'tradeMode' },
          {
            title: t('summaries.country'),
            dataIndex: 'country',
            render: (v: string) => <NoWrap>{codeLabel(countries.data, v, lng)}</NoWrap>,
          },
          { title: t('summaries.portCode'), dataIndex: 'portCode' },
          { title: t('summaries.invtCount'), dataIndex: 'invtCount', align: 'right' },
          {
            title: t('summaries.totals'),
            dataIndex: 'totals',
            align: 'right',
            render: (totals: TExportDeclaration['totals']) => (
              <NoWrap>{totals.map((x) => money(x.total, x.currency, lng)).join(' + ') || '—'}</NoWrap>
            ),
          },
          {
            title: t('summaries.weight'),
            key: 'weight',
            render: (_, d) => (
              <NoWrap>{`${number(d.grossWeight, lng)} / ${number(d.netWeight, lng)}`}</NoWrap>
            ),
          },
          {
            title: t('summaries.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => <NoWrap>{beijingTime(v)}</NoWrap>,
          },
          {
            title: t('summaries.certificate'),
            key: 'certificate',
            // Pinned to the right edge: the table scrolls sideways at 1440 px and the PDF stays in sight.
            fixed: 'right',
            width: 96,
            render: (_, d) => (
              <a
                href={`/api/v1/export/declarations/${d.id}/certificate.pdf`}
                target="_blank"
                rel="noreferrer"
                title={d.certificateNo}
              >
                <NoWrap>
                  <FilePdfOutlined /> PDF
                </NoWrap>
              </a>
            ),
          },
        ]}
      />
    </Card>
  );
}
