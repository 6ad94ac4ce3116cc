import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Tabs,
  Typography,
} from 'antd';
import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  ZBatchDecisionResult,
  ZImportDocumentSummary,
  ZPage,
  ZParcel,
  type TImportDocumentSummary,
  type TParcel,
} from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { useAuth } from '../../auth.tsx';
import { CardTitle } from '../../components/PageTitle.tsx';
import { CellText, Clip } from '../../components/CellText.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { SearchInput } from '../../components/SearchInput.tsx';
import { beijingTime } from '../../format.ts';
import {
  ReasonTags,
  StatusTag,
  isCustomsOfficer,
  reasonsOf,
  useEnterprises,
  rowTestId,
  TabCount,
} from './shared.tsx';
import './search-texts.ts';

const DETAINED = ['501', '502', '503', '599'] as const;
type Tab = '500' | '300' | 'detained';
type SearchField = 'invtNo' | 'orderNo' | 'logisticsNo';

export const parcelQuery = (id: string) => ({
  queryKey: ['customs', 'parcel', id],
  queryFn: () => api(`/api/v1/import/inventories/${id}`, { schema: ZParcel }),
});

const countQuery = (status: string) => ({
  queryKey: ['customs', 'queue-count', status],
  queryFn: () =>
    api(`/api/v1/import/inventories${qs({ status, pageSize: 1 })}`, {
      schema: ZPage(ZImportDocumentSummary),
    }),
  refetchInterval: 60_000,
});

type QueuePage = { items: TImportDocumentSummary[]; total: number; page: number; pageSize: number };

/**
 * After a decision, drop the parcel from every cached queue page of another status, so that going
 * back to the queue never shows it (even for the moment before the refetch answers).
 */
export function dropFromQueues(client: QueryClient, id: string, status: string): void {
  for (const [key, data] of client.getQueriesData<QueuePage>({ queryKey: ['customs', 'queue'] })) {
    if (!data || key[2] === status || !data.items.some((i) => i.id === id)) continue;
    client.setQueryData<QueuePage>(key, {
      ...data,
      items: data.items.filter((i) => i.id !== id),
      total: Math.max(0, data.total - 1),
    });
  }
}

/** How long the inventory has been in its status, in the UI language. */
function useWaiting() {
  const { t } = useTranslation('customs');
  return (since: string) => {
    const minutes = Math.max(0, Math.floor((Date.now() - new Date(since).getTime()) / 60_000));
    if (minutes < 60) return t('queue.minutes', { m: minutes });
    const h = Math.floor(minutes / 60);
    if (h < 48) return t('queue.hours', { h });
    return t('queue.days', { d: Math.floor(h / 24), h: h % 24 });
  };
}

/** The work queues: inventories in inspection (500), manual review (300) and detention (501–599). */
export function QueuePage() {
  const { t, i18n } = useTranslation('customs');
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const tab = (
    ['500', '300', 'detained'].includes(params.get('tab') ?? '') ? params.get('tab') : '500'
  ) as Tab;
  const detainedCode = (DETAINED as readonly string[]).includes(params.get('code') ?? '')
    ? (params.get('code') as string)
    : '501';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const pageSize = Math.min(100, Math.max(10, Number(params.get('size') ?? '20') || 20));
  const searchField = (params.get('by') ?? 'invtNo') as SearchField;
  const searchValue = params.get('q') ?? '';
  const [draft, setDraft] = useState(searchValue);
  const status = tab === 'detained' ? detainedCode : tab;
  const enterprises = useEnterprises();
  const waiting = useWaiting();
  const { t: ts } = useTranslation('search');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const [batchOpen, setBatchOpen] = useState(false);
  const [batchBusy, setBatchBusy] = useState(false);
  const [batchForm] = Form.useForm<{ reason: string }>();
  const officer = me !== null && me !== undefined && isCustomsOfficer(me);

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  const counts = useQueries({ queries: ['500', '300', ...DETAINED].map(countQuery) });
  const countOf = (s: string) => counts[['500', '300', ...DETAINED].indexOf(s)]?.data?.total;
  const detainedTotal = DETAINED.reduce((sum, s) => sum + (countOf(s) ?? 0), 0);

  const list = useQuery({
    queryKey: ['customs', 'queue', status, page, pageSize, searchField, searchValue],
    queryFn: () =>
      api(
        `/api/v1/import/inventories${qs({ status, page, pageSize, [searchField]: searchValue || undefined })}`,
        { schema: ZPage(ZImportDocumentSummary) },
      ),
    refetchInterval: 60_000,
  });
  const items = list.data?.items ?? [];
  const details = useQueries({ queries: items.map((i) => ({ ...parcelQuery(i.id), staleTime: 30_000 })) });
  const parcelOf = new Map<string, TParcel | undefined>(items.map((i, n) => [i.id, details[n]?.data]));

  const refresh = () => {
    void list.refetch();
    counts.forEach((c) => void c.refetch());
  };

  /** 批量放行: each selected inventory released as alone; the ones refused are listed with their reason. */
  const releaseSelected = async ({ reason }: { reason: string }) => {
    setBatchBusy(true);
    try {
      const { results } = await api('/api/v1/import/inventories/decisions', {
        method: 'POST',
        body: { ids: selected, action: 'release', reason },
        schema: ZBatchDecisionResult,
      });
      const done = results.filter((r) => r.ok);
      const failed = results.filter((r) => !r.ok);
      for (const r of done) dropFromQueues(client, r.id, '800');
      if (done.length > 0) void message.success(ts('batchOk', { n: done.length }));
      if (failed.length > 0) {
        const noOf = new Map(items.map((i) => [i.id, i.invtNo ?? i.businessKey]));
        Modal.warning({
          title: ts('batchSomeFailed', { failed: failed.length }),
          content: (
            <ul data-testid="batch-failures">
              {failed.map((f) => (
                <li key={f.id}>
                  {ts('batchFailedItem', { no: noOf.get(f.id) ?? f.id, message: f.code ?? '' })}
                </li>
              ))}
            </ul>
          ),
        });
      }
      setSelected([]);
      setBatchOpen(false);
      batchForm.resetFields();
      refresh();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBatchBusy(false);
    }
  };

  const tabLabel = (label: string, count: number | undefined, testId: string) => (
    <TabCount label={label} count={count} testId={testId} countTestId={`${testId}-count`} />
  );

  const empty =
    tab === '500'
      ? t('queue.emptyInspection')
      : tab === '300'
        ? t('queue.emptyReview')
        : t('queue.emptyDetained');

  return (
    <Card
      data-testid="customs-queue"
      title={<CardTitle title={t('queue.title')} subtitle={t('queue.subtitle')} />}
      extra={
        <Button icon={<ReloadOutlined />} onClick={refresh}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k, page: undefined })}
        items={[
          { key: '500', label: tabLabel(t('queue.tabInspection'), countOf('500'), 'tab-inspection') },
          { key: '300', label: tabLabel(t('queue.tabReview'), countOf('300'), 'tab-review') },
          { key: 'detained', label: tabLabel(t('queue.tabDetained'), detainedTotal, 'tab-detained') },
        ]}
      />
      <Space wrap style={{ marginBottom: 16, justifyContent: 'space-between', width: '100%' }}>
        <Space.Compact>
          <Select
            aria-label={t('queue.searchBy')}
            value={searchField}
            style={{ width: 140 }}
            onChange={(v) => set({ by: v, page: undefined })}
            options={[
              { value: 'invtNo', label: t('queue.invtNo') },
              { value: 'orderNo', label: t('queue.orderNo') },
              { value: 'logisticsNo', label: t('queue.logisticsNo') },
            ]}
          />
          <SearchInput
            label={t('queue.filterPlaceholder')}
            data-testid="queue-search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onSearch={(v) => set({ q: v, page: undefined })}
            style={{ width: 340 }}
          />
        </Space.Compact>
        {tab === 'detained' && (
          <Segmented
            value={detainedCode}
            onChange={(v) => set({ code: String(v), page: undefined })}
            options={DETAINED.map((c) => ({
              value: c,
              label: `${c} ${t(`status.${c}`)} (${countOf(c) ?? 0})`,
            }))}
          />
        )}
      </Space>
      {searchValue && list.data?.total === 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="queue-not-here"
          message={ts('notInQueue', { no: searchValue })}
          action={
            <Link to={`/customs/search?no=${encodeURIComponent(searchValue)}`}>{ts('findEverywhere')}</Link>
          }
        />
      )}
      <Modal
        open={batchOpen}
        title={ts('batchTitle', { n: selected.length })}
        okText={ts('batchRelease', { n: selected.length })}
        okButtonProps={{ loading: batchBusy, id: 'batch-confirm' }}
        onOk={() => batchForm.submit()}
        onCancel={() => setBatchOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{ts('batchHelp')}</Typography.Paragraph>
        <Form form={batchForm} layout="vertical" onFinish={(v) => void releaseSelected(v)}>
          <Form.Item
            name="reason"
            label={ts('batchReason')}
            rules={[{ required: true, min: 2, whitespace: true, message: ts('batchReasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="batch-reason" />
          </Form.Item>
        </Form>
      </Modal>
      <PagedTable<TImportDocumentSummary>
        size="middle"
        data-testid="queue-table"
        query={list}
        paging={{ page, pageSize, onChange: (p, s) => set({ page: String(p), size: String(s) }) }}
        empty={searchValue ? ts('none') : empty}
        showTotal
        onRow={(r) => rowTestId(`queue-row-${r.invtNo ?? r.id}`)}
        tableLayout="fixed"
        scroll={{ x: 1080 }}
        settingsKey="customs-queue"
        rowSelection={
          officer
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                preserveSelectedRowKeys: false,
              }
            : undefined
        }
        toolbar={
          officer && (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={selected.length === 0}
              data-testid="batch-release"
              onClick={() => setBatchOpen(true)}
            >
              {ts('batchRelease', { n: selected.length })}
            </Button>
          )
        }
        excel={{
          fileName: t('queue.title'),
          fetchPage: (p, size) =>
            api(
              `/api/v1/import/inventories${qs({ status, page: p, pageSize: size, [searchField]: searchValue || undefined })}`,
              { schema: ZPage(ZImportDocumentSummary) },
            ),
          columns: [
            { title: t('queue.invtNo'), value: (r) => r.invtNo },
            { title: t('queue.orderNo'), value: (r) => r.orderNo },
            { title: t('queue.logisticsNo'), value: (r) => r.logisticsNo },
            { title: t('queue.ebc'), value: (r) => enterprises.byCode.get(r.ebcCode ?? '') ?? r.ebcCode },
            { title: `${t('queue.ebc')} (code)`, value: (r) => r.ebcCode },
            {
              title: t('queue.status'),
              value: (r) => `${r.status} ${t(`status.${r.status}`, { defaultValue: '' })}`,
            },
            { title: t('queue.declaredAt'), value: (r) => beijingTime(r.createdAt) },
          ],
        }}
        columns={[
          {
            title: `${t('queue.invtNo')} / ${t('queue.orderNo')} / ${t('queue.logisticsNo')}`,
            key: 'invtNo',
            width: 240,
            render: (_, r) => (
              <div style={{ fontSize: 13 }}>
                <CellText value={r.invtNo ?? r.businessKey}>
                  <Link to={`/customs/parcels/${r.id}`} data-testid="open-parcel" style={{ fontSize: 14 }}>
                    {r.invtNo ?? r.businessKey}
                  </Link>
                </CellText>
                <div>
                  <CellText value={r.orderNo} secondary />
                </div>
                <div>
                  <CellText value={r.logisticsNo} secondary />
                </div>
              </div>
            ),
          },
          {
            title: t('queue.ebc'),
            key: 'ebc',
            width: 210,
            render: (_, r) => (
              <div style={{ fontSize: 13 }}>
                <Clip title={enterprises.byCode.get(r.ebcCode ?? '') ?? r.ebcCode ?? '—'}>
                  {enterprises.byCode.get(r.ebcCode ?? '') ?? r.ebcCode ?? '—'}
                </Clip>
                <CellText value={r.ebcCode} secondary />
              </div>
            ),
          },
          {
            title: t('queue.reasons'),
            key: 'reasons',
            render: (_, r) => <ReasonTags reasons={reasonsOf(parcelOf.get(r.id), i18n.language)} />,
          },
          {
            title: t('queue.status'),
            key: 'status',
            width: 130,
            render: (_, r) => (
              <Clip title={`${r.status} ${t(`status.${r.status}`, { defaultValue: '' })}`}>
                <StatusTag status={r.status} />
              </Clip>
            ),
          },
          {
            title: `${t('queue.declaredAt')} / ${t('queue.waiting')}`,
            key: 'at',
            width: 180,
            render: (_, r) => (
              <div style={{ fontSize: 13 }}>
                <CellText value={beijingTime(r.createdAt)} copy={false} />
                <div>
                  <CellText value={waiting(r.updatedAt)} copy={false} secondary />
                </div>
              </div>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 96,
            render: (_, r) => (
              <Button
                type={me && isCustomsOfficer(me) ? 'primary' : 'default'}
                size="small"
                onClick={() => navigate(`/customs/parcels/${r.id}`)}
              >
                {me && isCustomsOfficer(me) ? t('common.open') : t('action.view', { ns: 'common' })}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
