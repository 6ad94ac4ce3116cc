import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Select, Space } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ZExportDocumentSummary, ZImportDocumentSummary, ZPage, type TPage } from '@crossgate/contract';
import { api, qs } from '../../../api/client.ts';
import { PagedTable } from '../../../components/PagedTable.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { StatusTag } from '../components/common.tsx';
import { CellText, Clip } from '../../../components/CellText.tsx';
import { beijingTime } from '../../../format.ts';

export type Direction = 'import' | 'export';

interface Filters {
  status?: string;
  orderNo?: string;
  logisticsNo?: string;
  invtNo?: string;
  tradeMode?: string;
  from?: string;
  to?: string;
}
/** What a picked date is to us: something that formats itself (the picker's own date objects). */
interface Day {
  format(pattern: string): string;
}
interface FormValues extends Omit<Filters, 'from' | 'to'> {
  dates?: [Day | null, Day | null] | null;
}

/** The list's filters, page and form values kept per direction while the app is open (back from a parcel). */
const kept: Record<Direction, { filters: Filters; page: number; pageSize: number; form: FormValues }> = {
  import: { filters: {}, page: 1, pageSize: 20, form: {} },
  export: { filters: {}, page: 1, pageSize: 20, form: {} },
};

const STATUSES: Record<Direction, string[]> = {
  import: ['2', '120', '300', '500', '800', '899', '100', '399', '700', '501', '599'],
  export: ['2', '120', '400', '300', '500', '800', '899', '100', '399'],
};
const TRADE_MODES = ['9610', '1210', '9710', '9810'];

/** What the list shows of an import or export inventory. */
interface Row {
  id: string;
  invtNo: string | null;
  orderNo: string | null;
  logisticsNo: string | null;
  ebcCode: string | null;
  ebpCode: string | null;
  status: string;
  statusZh: string;
  createdAt: string;
  updatedAt: string;
}

const fetchPage = async (direction: Direction, query: string): Promise<TPage<Row>> =>
  direction === 'import'
    ? api(`/api/v1/import/inventories${query}`, { schema: ZPage(ZImportDocumentSummary) })
    : api(`/api/v1/export/inventories${query}`, { schema: ZPage(ZExportDocumentSummary) });

/** 进口申报 / 出口申报: the enterprise's inventories, filtered and paginated by the server. */
export function DeclarationsPage({ direction }: { direction: Direction }) {
  const { t } = useTranslation('enterprise');
  const { t: tc } = useTranslation();
  const state = kept[direction];
  const [filters, setFilters] = useState<Filters>(state.filters);
  const [page, setPage] = useState(state.page);
  const [pageSize, setPageSize] = useState(state.pageSize);
  const [form] = Form.useForm<FormValues>();

  const list = useQuery({
    queryKey: ['enterprise', direction, 'inventories', filters, page, pageSize],
    placeholderData: keepPreviousData,
    queryFn: () => fetchPage(direction, qs({ ...filters, page, pageSize })),
  });

  const apply = (values: FormValues) => {
    const [from, to] = values.dates ?? [];
    const next: Filters = {
      status: values.status,
      orderNo: values.orderNo?.trim(),
      logisticsNo: values.logisticsNo?.trim(),
      invtNo: values.invtNo?.trim(),
      tradeMode: values.tradeMode,
      from: from?.format('YYYY-MM-DD'),
      to: to?.format('YYYY-MM-DD'),
    };
    Object.assign(state, { filters: next, page: 1, form: values });
    setFilters(next);
    setPage(1);
  };

  const base = `/enterprise/${direction}`;
  return (
    <Card data-testid={`declarations-${direction}`}>
      <PageTitle title={direction === 'import' ? t('decl.titleImport') : t('decl.titleExport')} />
      <Form
        form={form}
        layout="inline"
        initialValues={state.form}
        onFinish={apply}
        style={{ rowGap: 12, marginBottom: 16 }}
      >
        <Form.Item name="status" label={t('decl.status')}>
          <Select
            allowClear
            placeholder={t('decl.anyStatus')}
            style={{ width: 170 }}
            options={STATUSES[direction].map((s) => ({ value: s, label: `${s} ${t(`status.${s}`)}` }))}
          />
        </Form.Item>
        {direction === 'export' && (
          <Form.Item name="tradeMode" label={t('decl.tradeMode')}>
            <Select
              allowClear
              placeholder={t('decl.anyTradeMode')}
              style={{ width: 120 }}
              options={TRADE_MODES.map((m) => ({ value: m, label: m }))}
            />
          </Form.Item>
        )}
        <Form.Item name="orderNo" label={t('decl.orderNo')}>
          <Input allowClear style={{ width: 200 }} data-testid="filter-orderNo" />
        </Form.Item>
        <Form.Item name="logisticsNo" label={t('decl.logisticsNo')}>
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="invtNo" label={t('decl.invtNo')}>
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="dates" label={t('decl.dates')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="filter-search">
              {tc('action.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({
                  status: undefined,
                  orderNo: undefined,
                  logisticsNo: undefined,
                  invtNo: undefined,
                  tradeMode: undefined,
                  dates: null,
                });
                apply({});
              }}
            >
              {tc('action.reset')}
            </Button>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void list.refetch()}
              loading={list.isFetching}
              aria-label={t('common.refresh')}
            />
          </Space>
        </Form.Item>
      </Form>
      <PagedTable<Row>
        size="middle"
        query={list}
        paging={{
          page,
          pageSize,
          onChange: (p, size) => {
            const nextPage = size !== pageSize ? 1 : p;
            Object.assign(state, { page: nextPage, pageSize: size });
            setPage(nextPage);
            setPageSize(size);
          },
        }}
        empty={t('decl.none')}
        showTotal={(total) => t('decl.total', { total })}
        scroll={{ x: 1390 }}
        tableLayout="fixed"
        settingsKey={`enterprise-${direction}`}
        excel={{
          fileName: direction === 'import' ? t('decl.titleImport') : t('decl.titleExport'),
          fetchPage: (p, size) => fetchPage(direction, qs({ ...filters, page: p, pageSize: size })),
          columns: [
            { title: t('decl.invtNo'), value: (r) => r.invtNo },
            { title: t('decl.orderNo'), value: (r) => r.orderNo },
            { title: t('decl.logisticsNo'), value: (r) => r.logisticsNo },
            { title: t('decl.ebc'), value: (r) => r.ebcCode },
            { title: t('decl.ebp'), value: (r) => r.ebpCode },
            { title: t('decl.status'), value: (r) => `${r.status} ${t(`status.${r.status}`)}` },
            { title: t('decl.declaredAt'), value: (r) => beijingTime(r.createdAt) },
            { title: t('decl.updatedAt'), value: (r) => beijingTime(r.updatedAt) },
          ],
        }}
        columns={[
          {
            title: t('decl.invtNo'),
            dataIndex: 'invtNo',
            width: 190,
            render: (v: string | null, row) => (
              <CellText value={v}>
                <Link to={`${base}/${row.id}`}>{v}</Link>
              </CellText>
            ),
          },
          {
            title: t('decl.orderNo'),
            dataIndex: 'orderNo',
            width: 200,
            render: (v: string | null, row) => (
              <CellText value={v}>
                <Link to={`${base}/${row.id}`} data-testid="open-parcel">
                  {v}
                </Link>
              </CellText>
            ),
          },
          {
            title: t('decl.logisticsNo'),
            dataIndex: 'logisticsNo',
            width: 190,
            render: (v: string | null) => <CellText value={v} />,
          },
          {
            title: t('decl.ebc'),
            dataIndex: 'ebcCode',
            width: 130,
            render: (v: string | null) => <CellText value={v} />,
          },
          {
            title: t('decl.ebp'),
            dataIndex: 'ebpCode',
            width: 130,
            render: (v: string | null) => <CellText value={v} />,
          },
          {
            title: t('decl.status'),
            dataIndex: 'status',
            width: 150,
            render: (v: string, row) => (
              <Clip title={`${v} ${t(`status.${v}`)}`}>
                <StatusTag status={v} name={row.statusZh} />
              </Clip>
            ),
          },
          {
            title: t('decl.declaredAt'),
            dataIndex: 'createdAt',
            width: 170,
            render: (v: string) => <CellText value={beijingTime(v)} copy={false} />,
          },
          {
            title: t('decl.updatedAt'),
            dataIndex: 'updatedAt',
            width: 170,
            render: (v: string) => <CellText value={beijingTime(v)} copy={false} />,
          },
          {
            title: '',
            key: 'open',
            fixed: 'right',
            width: 110,
            render: (_: unknown, row) => <Link to={`${base}/${row.id}`}>{t('decl.open')}</Link>,
          },
        ]}
      />
    </Card>
  );
}
