import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import { useSearchParams } from 'react-router-dom';
import {
  ZEnterpriseFiling,
  ZPage,
  ZProductFiling,
  type TEnterpriseFiling,
  type TProductFiling,
} from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { useAuth } from '../../auth.tsx';
import { CardTitle } from '../../components/PageTitle.tsx';
import { PagedTable, usePaging } from '../../components/PagedTable.tsx';
import { SearchInput } from '../../components/SearchInput.tsx';
import { FilingStatusTag } from '../../components/StatusTag.tsx';
import { asWritten } from '../../components/ReceiptText.tsx';
import { beijingTime } from '../../format.ts';
import { ActionError, ErrorState, Loading } from '../../pages/States.tsx';
import { isCustomsOfficer, rowTestId, TabCount, TwoLines, useCodeNames, useEnterprises } from './shared.tsx';

type EnterpriseDecision = 'approve' | 'reject' | 'suspend' | 'reinstate' | 'revoke';
const DECISIONS_BY_STATUS: Record<string, EnterpriseDecision[]> = {
  submitted: ['approve', 'reject'],
  approved: ['suspend', 'revoke'],
  suspended: ['reinstate', 'revoke'],
};
const FILING_STATUSES = ['submitted', 'approved', 'rejected', 'suspended', 'revoked', 'draft'] as const;

function FilingStatus({ status }: { status: string }) {
  const { t } = useTranslation('customs');
  return <FilingStatusTag status={status}>{t(`filings.statuses.${status}`)}</FilingStatusTag>;
}

/** The status filter over a list of filings. */
function StatusFilter<S extends string>({
  value,
  statuses,
  all,
  onChange,
}: {
  value: S;
  statuses: readonly S[];
  /** the value that stands for every status, listed first */
  all?: S;
  onChange: (status: S) => void;
}) {
  const { t } = useTranslation('customs');
  return (
    <Select
      aria-label={t('filings.status')}
      style={{ width: 160 }}
      value={value}
      onChange={onChange}
      options={[
        ...(all !== undefined ? [{ value: all, label: t('common.all') }] : []),
        ...statuses.map((s) => ({ value: s, label: t(`filings.statuses.${s}`) })),
      ]}
    />
  );
}

/** The columns both lists end with: status, submission time, and the button that opens a filing. */
function useTrailingColumns<T extends { status: string; submittedAt: string | null }>(
  open: (row: T) => void,
  primary: (row: T) => boolean,
  testId: string,
) {
  const { t } = useTranslation('customs');
  return [
    {
      title: t('filings.status'),
      key: 'status',
      render: (_: unknown, r: T) => <FilingStatus status={r.status} />,
    },
    {
      title: t('filings.submittedAt'),
      key: 'submittedAt',
      width: 170,
      render: (_: unknown, r: T) => beijingTime(r.submittedAt),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, r: T) => (
        <Button
          size="small"
          type={primary(r) ? 'primary' : 'default'}
          data-testid={testId}
          onClick={() => open(r)}
        >
          {r.status === 'submitted' ? t('common.review') : t('action.view', { ns: 'common' })}
        </Button>
      ),
    },
  ];
}

/** The decision's remarks, one per line, as the API takes them. */
const reasonLines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((r) => r.trim())
    .filter((r) => r !== '');

/** The remarks field of a decision form: required (two characters at least) when `needed` says so. */
function ReasonsItem({ needed, testId }: { needed: boolean; testId: string }) {
  const { t } = useTranslation('customs');
  return (
    <Form.Item
      name="reasons"
      label={t('filings.reasonsLabel')}
      rules={[
        {
          validator: (_, v: string | undefined) =>
            !needed || (v ?? '').trim().length >= 2
              ? Promise.resolve()
              : Promise.reject(new Error(t('filings.reasonsRequired'))),
        },
      ]}
    >
      <Input.TextArea rows={3} maxLength={2000} data-testid={testId} />
    </Form.Item>
  );
}

/** Customs reviews enterprise and product filings (备案审核). */
export function FilingsPage() {
  const { t } = useTranslation('customs');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'products' ? 'products' : 'enterprises';
  const waiting = (kind: 'enterprise' | 'products') =>
    ({
      queryKey: ['customs', 'filings', kind === 'enterprise' ? 'enterprise' : 'product', 'count'],
      queryFn: () =>
        api(`/api/v1/filings/${kind}${qs({ status: 'submitted', pageSize: 1 })}`, {
          schema: ZPage(kind === 'enterprise' ? ZEnterpriseFiling : ZProductFiling),
        }),
    }) as const;
  const enterpriseCount = useQuery(waiting('enterprise'));
  const productCount = useQuery(waiting('products'));
  return (
    <Card data-testid="filings-page" title={<CardTitle title={t('filings.title')} />}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'products' ? { tab: k } : {}, { replace: true })}
        items={[
          {
            key: 'enterprises',
            label: (
              <TabCount
                label={t('filings.enterpriseTab')}
                count={enterpriseCount.data?.total}
                testId="tab-enterprise-filings"
              />
            ),
            children: <EnterpriseFilings />,
          },
          {
            key: 'products',
            label: (
              <TabCount
                label={t('filings.productTab')}
                count={productCount.data?.total}
                testId="tab-product-filings"
              />
            ),
            children: <ProductFilings />,
          },
        ]}
      />
    </Card>
  );
}

function EnterpriseFilings() {
  const { t } = useTranslation('customs');
  const [status, setStatus] = useState<string>('submitted');
  const [q, setQ] = useState('');
  const paging = usePaging();
  const { page, pageSize } = paging;
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['customs', 'filings', 'enterprise', status, q, page, pageSize],
    queryFn: () =>
      api(`/api/v1/filings/enterprise${qs({ status: status || undefined, q, page, pageSize })}`, {
        schema: ZPage(ZEnterpriseFiling),
      }),
  });
  const trailing = useTrailingColumns<TEnterpriseFiling>(
    (r) => setOpen(r.id),
    (r) => r.status === 'submitted',
    'filing-open',
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <StatusFilter value={status} statuses={FILING_STATUSES} all="" onChange={paging.filter(setStatus)} />
        <SearchInput label={t('filings.q')} style={{ width: 360 }} onSearch={paging.filter(setQ)} />
      </Space>
      <PagedTable<TEnterpriseFiling>
        data-testid="enterprise-filings"
        query={list}
        paging={paging}
        showTotal
        onRow={(r) => rowTestId(`filing-row-${r.customsCode}`)}
        columns={[
          {
            title: t('filings.nameZh'),
            key: 'name',
            render: (_, r) => <TwoLines first={r.nameZh} second={r.nameEn ?? ''} />,
          },
          {
            title: `${t('filings.customsCode')} / ${t('filings.uscc')}`,
            key: 'codes',
            render: (_, r) => <TwoLines first={r.customsCode} second={r.uscc} />,
          },
          {
            title: t('filings.roles'),
            key: 'roles',
            render: (_, r) => (
              <Space size={[0, 4]} wrap>
                {r.roles.map((role) => (
                  <Tag key={role}>{t(`filings.roleNames.${role}`)}</Tag>
                ))}
              </Space>
            ),
          },
          { title: t('filings.legalRep'), dataIndex: 'legalRep' },
          ...trailing,
        ]}
      />
      <Drawer
        open={open !== null}
        size={720}
        title={t('filings.detail')}
        onClose={() => setOpen(null)}
        destroyOnHidden
      >
        {open && <EnterpriseFilingDetail id={open} onDone={() => setOpen(null)} />}
      </Drawer>
    </>
  );
}

/**
 * Puts a decided filing into the lists already on screen before they are fetched again: a list filtered
 * to another status drops it at once, any other list shows its new status. The officer sees the row leave
 * the review queue the moment the server has recorded the decision, whatever the refetch then takes.
 */
function settleDecided<T extends { id: string; status: string }>(
  client: QueryClient,
  kind: 'enterprise' | 'product',
  decided: T,
): void {
  for (const [key, data] of client.getQueriesData<{ items: T[]; total: number }>({
    queryKey: ['customs', 'filings', kind],
  })) {
    if (!data || !data.items.some((i) => i.id === decided.id)) continue;
    // The tab's count is a one-row page of the filings waiting for review.
    const filter = key[3] === 'count' ? 'submitted' : key[3];
    const leaves = typeof filter === 'string' && filter !== '' && filter !== decided.status;
    client.setQueryData(key, {
      ...data,
      items: leaves
        ? data.items.filter((i) => i.id !== decided.id)
        : data.items.map((i) => (i.id === decided.id ? decided : i)),
      total: leaves ? Math.max(0, data.total - 1) : data.total,
    });
  }
}

interface DecisionValues {
  decision: string;
  reasons?: string;
  identityVerified?: boolean;
}

function EnterpriseFilingDetail({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation('customs');
  const { me } = useAuth();
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<DecisionValues>();
  const decision = Form.useWatch('decision', form);
  const [error, setError] = useState<unknown>(null);
  const filing = useQuery({
    queryKey: ['customs', 'filing', id],
    queryFn: () => api(`/api/v1/filings/enterprise/${id}`, { schema: ZEnterpriseFiling }),
  });
  if (filing.isLoading) return <Loading />;
  if (filing.error || !filing.data)
    return <ErrorState error={filing.error} onRetry={() => void filing.refetch()} />;
  const f = filing.data;
  const options = DECISIONS_BY_STATUS[f.status] ?? [];
  const submit = (v: DecisionValues) => {
    const reasons = reasonLines(v.reasons);
    const label = t(`filings.decisions.${v.decision}`);
    setError(null);
    modal.confirm({
      title: t('filings.confirmTitle', { decision: label }),
      content: t('filings.confirmBody', { name: f.nameZh, decision: label }),
      okText: t('filings.confirmOk', { decision: label }),
      okButtonProps: { danger: v.decision !== 'approve' && v.decision !== 'reinstate' },
      cancelText: t('action.cancel', { ns: 'common' }),
      onOk: async () => {
        try {
          const decided = await api(`/api/v1/filings/enterprise/${id}/decision`, {
            method: 'POST',
            body: { decision: v.decision, reasons, identityVerified: v.identityVerified === true },
            schema: ZEnterpriseFiling,
          });
          settleDecided(client, 'enterprise', decided);
          void message.success(t('filings.done', { decision: label }));
          await client.invalidateQueries({ queryKey: ['customs', 'filings'] });
          await client.invalidateQueries({ queryKey: ['customs', 'filing', id] });
          onDone();
        } catch (e) {
          setError(e);
        }
      },
    });
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="filing-detail">
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          { key: 'status', label: t('filings.status'), children: <FilingStatus status={f.status} /> },
          {
            key: 'name',
            label: t('filings.nameZh'),
            children: (
              <div>
                <div>{f.nameZh}</div>
                {f.nameEn && <Typography.Text type="secondary">{f.nameEn}</Typography.Text>}
              </div>
            ),
          },
          { key: 'customsCode', label: t('filings.customsCode'), children: f.customsCode },
          { key: 'uscc', label: t('filings.uscc'), children: f.uscc },
          {
            key: 'roles',
            label: t('filings.roles'),
            children: f.roles.map((r) => <Tag key={r}>{t(`filings.roleNames.${r}`)}</Tag>),
          },
          { key: 'legalRep', label: t('filings.legalRep'), children: f.legalRep },
          { key: 'address', label: t('filings.address'), children: f.address },
          {
            key: 'contacts',
            label: t('filings.contacts'),
            children: f.contacts.map((c, i) => (
              <div key={i}>
                {c.name} · {c.phone}
                {c.email ? ` · ${c.email}` : ''}
              </div>
            )),
          },
          {
            key: 'documents',
            label: t('filings.documents'),
            children:
              f.documents.length === 0
                ? t('common.none')
                : f.documents.map((d, i) => (
                    <div key={i}>
                      <Tag>{t(`filings.docKinds.${d.kind}`, { defaultValue: d.kind })}</Tag>
                      {d.name}{' '}
                      <Typography.Text
                        type="secondary"
                        style={{ fontSize: 12 }}
                        copyable={{ text: d.sha256 }}
                      >
                        SHA-256 {d.sha256.slice(0, 12)}…
                      </Typography.Text>
                    </div>
                  )),
          },
          { key: 'submittedAt', label: t('filings.submittedAt'), children: beijingTime(f.submittedAt) },
          { key: 'decidedAt', label: t('filings.decidedAt'), children: beijingTime(f.decidedAt) },
          {
            key: 'identityVerifiedAt',
            label: t('filings.identityVerifiedAt'),
            children: beijingTime(f.identityVerifiedAt),
          },
          {
            key: 'reasons',
            label: t('filings.reasons'),
            children: f.reasons.length
              ? f.reasons.map((r, i) => <div key={i}>{asWritten(r, i18next.language)}</div>)
              : '—',
          },
        ]}
      />
      <Card size="small" title={t('filings.decisionTitle')}>
        {!me || !isCustomsOfficer(me) ? (
          <Alert type="info" showIcon title={t('filings.noRight')} />
        ) : options.length === 0 ? (
          <Alert type="info" showIcon title={t('filings.noDecision')} />
        ) : (
          <Form<DecisionValues>
            form={form}
            layout="vertical"
            data-testid="filing-decision-form"
            initialValues={{ decision: options[0] }}
            onFinish={submit}
          >
            <Form.Item name="decision" label={t('filings.decision')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" buttonStyle="solid">
                {options.map((o) => (
                  <Radio.Button key={o} value={o} data-testid={`filing-decision-${o}`}>
                    {t(`filings.decisions.${o}`)}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            {decision === 'approve' &&
              (f.identityVerifiedAt ? (
                <Alert
                  style={{ marginBottom: 16 }}
                  type="success"
                  showIcon
                  title={t('filings.alreadyVerified', { at: beijingTime(f.identityVerifiedAt) })}
                />
              ) : (
                <Form.Item
                  name="identityVerified"
                  valuePropName="checked"
                  rules={[
                    {
                      validator: (_, v: boolean | undefined) =>
                        v ? Promise.resolve() : Promise.reject(new Error(t('filings.identityRequired'))),
                    },
                  ]}
                >
                  <Checkbox data-testid="filing-identity">{t('filings.identityVerified')}</Checkbox>
                </Form.Item>
              ))}
            <ReasonsItem
              needed={decision !== 'approve' && decision !== 'reinstate'}
              testId="filing-reasons"
            />
            <ActionError error={error} gap={12} />
            <Button type="primary" htmlType="submit" data-testid="filing-decision-submit">
              {t('action.submit', { ns: 'common' })}
            </Button>
          </Form>
        )}
      </Card>
    </Space>
  );
}

const PRODUCT_STATUSES = ['submitted', 'approved', 'rejected'] as const;

function ProductFilings() {
  const { t } = useTranslation('customs');
  const { me } = useAuth();
  const enterprises = useEnterprises();
  const countries = useCodeNames('countries');
  const [status, setStatus] = useState<(typeof PRODUCT_STATUSES)[number]>('submitted');
  const paging = usePaging();
  const { page, pageSize } = paging;
  const [open, setOpen] = useState<TProductFiling | null>(null);
  const list = useQuery({
    queryKey: ['customs', 'filings', 'product', status, page, pageSize],
    queryFn: () =>
      api(`/api/v1/filings/products${qs({ status, page, pageSize })}`, { schema: ZPage(ZProductFiling) }),
  });
  const trailing = useTrailingColumns<TProductFiling>(
    setOpen,
    (r) => r.status === 'submitted' && !!me && isCustomsOfficer(me),
    'product-open',
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <StatusFilter value={status} statuses={PRODUCT_STATUSES} onChange={paging.filter(setStatus)} />
      </Space>
      <PagedTable<TProductFiling>
        data-testid="product-filings"
        query={list}
        paging={paging}
        showTotal
        onRow={(r) => rowTestId(`product-row-${r.itemNo}`)}
        columns={[
          {
            title: `${t('filings.product.nameZh')} / ${t('filings.product.itemNo')}`,
            key: 'name',
            width: 200,
            render: (_, r) => <TwoLines first={r.nameZh} second={r.itemNo} />,
          },
          { title: t('filings.product.hsCode'), dataIndex: 'hsCode', width: 110 },
          { title: t('filings.product.brand'), key: 'brand', width: 90, render: (_, r) => r.brand ?? '—' },
          { title: t('filings.product.barcode'), key: 'barcode', render: (_, r) => r.barcode ?? '—' },
          {
            title: t('filings.product.originCountry'),
            key: 'origin',
            render: (_, r) => countries(r.originCountry),
          },
          {
            title: t('filings.product.org'),
            key: 'org',
            width: 200,
            render: (_, r) => enterprises.byId.get(r.orgId) ?? '—',
          },
          {
            title: t('filings.product.retailImport'),
            key: 'retail',
            render: (_, r) =>
              r.retailImport ? <Tag color="blue">{t('filings.product.positive')}</Tag> : t('common.no'),
          },
          ...trailing,
        ]}
      />
      <Modal
        open={open !== null}
        title={t('filings.product.detail')}
        footer={null}
        width={640}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        {open && <ProductDecision product={open} onDone={() => setOpen(null)} />}
      </Modal>
    </>
  );
}

function ProductDecision({ product, onDone }: { product: TProductFiling; onDone: () => void }) {
  const { t } = useTranslation('customs');
  const { me } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const enterprises = useEnterprises();
  const countries = useCodeNames('countries');
  const [form] = Form.useForm<DecisionValues>();
  const decision = Form.useWatch('decision', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: DecisionValues) => {
    const reasons = reasonLines(v.reasons);
    setBusy(true);
    setError(null);
    try {
      const decided = await api(`/api/v1/filings/products/${product.id}/decision`, {
        method: 'POST',
        body: { decision: v.decision, reasons },
        schema: ZProductFiling,
      });
      settleDecided(client, 'product', decided);
      void message.success(t('filings.done', { decision: t(`filings.decisions.${v.decision}`) }));
      await client.invalidateQueries({ queryKey: ['customs', 'filings'] });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="product-detail">
      <Descriptions
        size="small"
        bordered
        column={2}
        items={[
          { key: 'nameZh', label: t('filings.product.nameZh'), children: product.nameZh, span: 2 },
          { key: 'itemNo', label: t('filings.product.itemNo'), children: product.itemNo },
          { key: 'hsCode', label: t('filings.product.hsCode'), children: product.hsCode },
          { key: 'brand', label: t('filings.product.brand'), children: product.brand ?? '—' },
          { key: 'barcode', label: t('filings.product.barcode'), children: product.barcode ?? '—' },
          {
            key: 'origin',
            label: t('filings.product.originCountry'),
            children: countries(product.originCountry),
          },
          {
            key: 'retail',
            label: t('filings.product.retailImport'),
            children: product.retailImport ? t('filings.product.positive') : t('common.no'),
          },
          {
            key: 'org',
            label: t('filings.product.org'),
            children: enterprises.byId.get(product.orgId) ?? '—',
            span: 2,
          },
          {
            key: 'status',
            label: t('filings.status'),
            children: <FilingStatus status={product.status} />,
          },
          { key: 'submittedAt', label: t('filings.submittedAt'), children: beijingTime(product.submittedAt) },
          ...(product.reasons.length
            ? [
                {
                  key: 'reasons',
                  label: t('filings.reasons'),
                  span: 2,
                  children: product.reasons.map((r, i) => (
                    <div key={i}>{asWritten(r, i18next.language)}</div>
                  )),
                },
              ]
            : []),
        ]}
      />
      {product.status !== 'submitted' ? null : !me || !isCustomsOfficer(me) ? (
        <Alert type="info" showIcon title={t('filings.noRight')} />
      ) : (
        <Form<DecisionValues>
          form={form}
          layout="vertical"
          data-testid="product-decision-form"
          initialValues={{ decision: 'approve' }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item name="decision" label={t('filings.decision')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" buttonStyle="solid">
              <Radio.Button value="approve" data-testid="product-decision-approve">
                {t('filings.decisions.approve')}
              </Radio.Button>
              <Radio.Button value="reject" data-testid="product-decision-reject">
                {t('filings.decisions.reject')}
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
          <ReasonsItem needed={decision === 'reject'} testId="product-reasons" />
          <ActionError error={error} gap={12} />
          <Space>
            <Button onClick={onDone}>{t('action.cancel', { ns: 'common' })}</Button>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="product-decision-submit">
              {t('action.submit', { ns: 'common' })}
            </Button>
          </Space>
        </Form>
      )}
    </Space>
  );
}
