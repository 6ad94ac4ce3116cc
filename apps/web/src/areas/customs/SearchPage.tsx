import { Button, Card, DatePicker, Form, Input, Select, Space, Tag } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ZInventorySearchHit, ZPage, type TInventorySearchHit } from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { useAuth } from '../../auth.tsx';
import { CellText, Clip } from '../../components/CellText.tsx';
import { CardTitle } from '../../components/PageTitle.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { beijingTime } from '../../format.ts';
import { isAgency } from '../types.ts';
import { StatusTag, rowTestId } from './shared.tsx';
import './search-texts.ts';

const FIELDS = [
  'direction',
  'no',
  'party',
  'buyerIdNumber',
  'status',
  'lane',
  'customsCode',
  'from',
  'to',
] as const;
type Field = (typeof FIELDS)[number];
const STATUSES = ['2', '120', '300', '399', '400', '500', '501', '599', '700', '800', '899', '100'];

interface Day {
  format(pattern: string): string;
}
interface FormValues {
  direction?: string;
  no?: string;
  party?: string;
  buyerIdNumber?: string;
  status?: string;
  lane?: string;
  customsCode?: string;
  dates?: [Day | null, Day | null] | null;
}

export const parcelPath = (h: Pick<TInventorySearchHit, 'id' | 'direction'>) =>
  h.direction === 'import' ? `/customs/parcels/${h.id}` : `/customs/export-parcels/${h.id}`;

const searchPage = (filters: Partial<Record<Field, string>>, page: number, pageSize: number) =>
  api(`/api/v1/search/inventories${qs({ ...filters, page, pageSize })}`, {
    schema: ZPage(ZInventorySearchHit),
  });

/**
 * 清单综合查询: every import and export inventory the regulator may see, whatever its status, by any number,
 * party, buyer (keyed lookup, shown masked), status, lane, office and date; the filters live in the address so a
 * search can be shared and the queue can send an officer here.
 */
export function SearchPage() {
  const { t } = useTranslation('search');
  const { t: tc } = useTranslation('customs');
  const { t: tg } = useTranslation();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FormValues>();
  const filters: Partial<Record<Field, string>> = {};
  for (const f of FIELDS) {
    const v = params.get(f);
    if (v) filters[f] = v;
  }
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const pageSize = Math.min(200, Math.max(10, Number(params.get('size') ?? '20') || 20));
  const searched = Object.keys(filters).length > 0;
  const byBuyer = me ? isAgency(me, 'customs') : false;

  const list = useQuery({
    queryKey: ['customs', 'search', filters, page, pageSize],
    placeholderData: keepPreviousData,
    queryFn: () => searchPage(filters, page, pageSize),
  });

  const apply = (v: FormValues) => {
    const [from, to] = v.dates ?? [];
    const next = new URLSearchParams();
    const put = (k: Field, value: string | undefined) => {
      const x = value?.trim();
      if (x) next.set(k, x);
    };
    put('direction', v.direction === 'all' ? undefined : v.direction);
    put('no', v.no);
    put('party', v.party);
    put('buyerIdNumber', v.buyerIdNumber);
    put('status', v.status);
    put('lane', v.lane);
    put('customsCode', v.customsCode);
    put('from', from?.format('YYYY-MM-DD'));
    put('to', to?.format('YYYY-MM-DD'));
    setParams(next, { replace: true });
  };

  const statusText = (s: string) => `${s} ${tc(`status.${s}`, { defaultValue: '' })}`.trim();

  return (
    <Card data-testid="customs-search" title={<CardTitle title={t('title')} subtitle={t('subtitle')} />}>
      <Form
        form={form}
        layout="inline"
        onFinish={apply}
        initialValues={{
          direction: filters.direction ?? 'all',
          no: filters.no,
          party: filters.party,
          status: filters.status,
          lane: filters.lane,
          customsCode: filters.customsCode,
        }}
        style={{ rowGap: 12, marginBottom: 16 }}
      >
        <Form.Item name="direction" label={t('direction')}>
          <Select
            style={{ width: 110 }}
            data-testid="search-direction"
            options={(['all', 'import', 'export'] as const).map((d) => ({ value: d, label: t(d) }))}
          />
        </Form.Item>
        <Form.Item name="no" label={t('no')}>
          <Input allowClear placeholder={t('noPlaceholder')} style={{ width: 300 }} data-testid="search-no" />
        </Form.Item>
        <Form.Item name="party" label={t('party')}>
          <Input allowClear placeholder={t('partyPlaceholder')} style={{ width: 200 }} />
        </Form.Item>
        {byBuyer && (
          <Form.Item name="buyerIdNumber" label={t('buyerId')} tooltip={t('buyerIdHelp')}>
            <Input.Password allowClear visibilityToggle style={{ width: 210 }} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="status" label={t('status')}>
          <Select
            allowClear
            placeholder={t('anyStatus')}
            style={{ width: 170 }}
            options={STATUSES.map((s) => ({ value: s, label: statusText(s) }))}
          />
        </Form.Item>
        <Form.Item name="lane" label={t('lane')}>
          <Select
            allowClear
            style={{ width: 130 }}
            options={(['green', 'inspection'] as const).map((l) => ({ value: l, label: t(l) }))}
          />
        </Form.Item>
        <Form.Item name="customsCode" label={t('customsCode')}>
          <Input allowClear style={{ width: 90 }} maxLength={4} />
        </Form.Item>
        <Form.Item name="dates" label={t('dates')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="search-submit">
              {tg('action.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({
                  direction: 'all',
                  no: undefined,
                  party: undefined,
                  buyerIdNumber: undefined,
                  status: undefined,
                  lane: undefined,
                  customsCode: undefined,
                  dates: null,
                });
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {tg('action.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <PagedTable<TInventorySearchHit>
        size="middle"
        data-testid="search-table"
        query={list}
        paging={{
          page,
          pageSize,
          onChange: (p, s) => {
            const next = new URLSearchParams(params);
            next.set('page', String(p));
            next.set('size', String(s));
            setParams(next, { replace: true });
          },
        }}
        empty={searched ? t('none') : undefined}
        showTotal={(total) => t('total', { total })}
        onRow={(r) => rowTestId(`search-row-${r.invtNo ?? r.preNo}`)}
        tableLayout="fixed"
        scroll={{ x: 1660 }}
        settingsKey="customs-search"
        excel={{
          fileName: t('fileName'),
          fetchPage: (p, size) => searchPage(filters, p, size),
          columns: [
            { title: t('direction'), value: (r) => t(r.direction) },
            { title: t('invtNo'), value: (r) => r.invtNo },
            { title: t('preNo'), value: (r) => r.preNo },
            { title: t('copNo'), value: (r) => r.copNo },
            { title: t('orderNo'), value: (r) => r.orderNo },
            { title: t('logisticsNo'), value: (r) => r.logisticsNo },
            { title: t('ebc'), value: (r) => r.ebcCode },
            { title: t('ebp'), value: (r) => r.ebpCode },
            { title: t('agent'), value: (r) => r.agentCode },
            { title: t('customsCode'), value: (r) => r.customsCode },
            { title: t('tradeMode'), value: (r) => r.tradeMode },
            { title: t('status'), value: (r) => statusText(r.status) },
            { title: t('lane'), value: (r) => (r.lane ? t(r.lane) : null) },
            { title: t('buyer'), value: (r) => r.buyerName },
            { title: t('declaredAt'), value: (r) => beijingTime(r.createdAt) },
            { title: t('updatedAt'), value: (r) => beijingTime(r.updatedAt) },
          ],
        }}
        columns={[
          {
            title: t('direction'),
            key: 'direction',
            width: 100,
            render: (_, r) => (
              <Tag color={r.direction === 'import' ? 'blue' : 'purple'} data-testid="search-direction-tag">
                {t(r.direction)}
              </Tag>
            ),
          },
          {
            title: t('invtNo'),
            key: 'invtNo',
            width: 200,
            render: (_, r) => (
              <CellText value={r.invtNo ?? r.preNo}>
                <Link to={parcelPath(r)} data-testid="open-parcel">
                  {r.invtNo ?? r.preNo}
                </Link>
              </CellText>
            ),
          },
          {
            title: t('orderNo'),
            key: 'orderNo',
            width: 190,
            render: (_, r) => <CellText value={r.orderNo} />,
          },
          {
            title: t('logisticsNo'),
            key: 'logisticsNo',
            width: 180,
            render: (_, r) => <CellText value={r.logisticsNo} />,
          },
          { title: t('copNo'), key: 'copNo', width: 180, render: (_, r) => <CellText value={r.copNo} /> },
          { title: t('ebc'), key: 'ebc', width: 130, render: (_, r) => <CellText value={r.ebcCode} /> },
          { title: t('agent'), key: 'agent', width: 130, render: (_, r) => <CellText value={r.agentCode} /> },
          {
            title: t('customsCode'),
            key: 'customsCode',
            width: 90,
            render: (_, r) => <CellText value={r.customsCode} copy={false} />,
          },
          {
            title: t('tradeMode'),
            key: 'tradeMode',
            width: 90,
            render: (_, r) => <CellText value={r.tradeMode} copy={false} />,
          },
          {
            title: t('status'),
            key: 'status',
            width: 140,
            render: (_, r) => (
              <Clip title={statusText(r.status)}>
                <StatusTag status={r.status} testId="search-status" />
              </Clip>
            ),
          },
          {
            title: t('lane'),
            key: 'lane',
            width: 110,
            render: (_, r) => <CellText value={r.lane ? t(r.lane) : null} copy={false} />,
          },
          {
            title: t('buyer'),
            key: 'buyer',
            width: 90,
            render: (_, r) => <CellText value={r.buyerName} copy={false} />,
          },
          {
            title: t('declaredAt'),
            key: 'declaredAt',
            width: 170,
            render: (_, r) => <CellText value={beijingTime(r.createdAt)} copy={false} />,
          },
          {
            title: '',
            key: 'open',
            fixed: 'right',
            width: 70,
            render: (_, r) => <Link to={parcelPath(r)}>{t('open')}</Link>,
          },
        ]}
      />
    </Card>
  );
}
