import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Tag, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ZAuthorisation,
  ZAuthorisationRole,
  ZPage,
  type TAuthorisation,
  type TAuthorisationRole,
  type TMe,
} from '@crossgate/contract';
import { api, qs } from '../api/client.ts';
import { useAuth } from '../auth.tsx';
import { beijingTime } from '../format.ts';
import { registerTexts } from '../i18n/index.ts';
import { ErrorState } from '../pages/States.tsx';
import { CardTitle } from './PageTitle.tsx';
import { CellText, Clip } from './CellText.tsx';
import { PagedTable, usePaging } from './PagedTable.tsx';
import { SearchInput } from './SearchInput.tsx';

/**
 * 代理申报授权 (decision 0018): the enterprise's page (what it granted and received; grant and revoke) and the
 * regulators' read-only list (customs, zone office). The server decides who may do what; this hides what it
 * would refuse.
 */

const zh = {
  title: '代理申报授权',
  subtitleEnterprise: '授权其他企业以本企业名义申报（如委托报关企业申报清单）；未经授权的报文以 −10102 退回',
  subtitleRegulator: '企业之间的代理申报授权，只读',
  direction: { label: '授权方向', all: '全部', granted: '本企业授出', received: '本企业获得' },
  grantor: '授权企业',
  grantee: '被授权企业',
  role: '授权角色',
  anyRole: '全部角色',
  period: '有效期',
  until: '至',
  open: '长期',
  status: '状态',
  anyStatus: '全部状态',
  inForce: '有效',
  notInForce: '未在有效期内',
  revoked: '已撤销',
  reason: '依据',
  grantedAt: '授权时间',
  grantedBy: '授权人',
  grant: '新增授权',
  revoke: '撤销',
  revokeTitle: '撤销对 {{name}} 的授权',
  revokeReason: '撤销原因',
  granted: '已授权 {{name}}',
  revokedDone: '已撤销授权',
  granteeCode: '被授权企业海关编码或统一社会信用代码',
  validFrom: '生效日期',
  validTo: '失效日期（当日起不再有效，可不填）',
  reasonHelp: '如委托代理协议及编号',
  required: '请填写{{label}}',
  grantorCode: '授权企业编码',
  granteeCodeFilter: '被授权企业编码',
  readOnly: '只读：授权由企业管理员或操作员办理',
  roles: {
    ebp: '电商平台（订单/订仓单）',
    ebc: '电商企业（委托代理申报）',
    payment: '支付企业',
    logistics: '物流企业',
    warehouse: '区内仓储/监管场所',
    assure: '担保扣税',
  },
};
const en: typeof zh = {
  title: 'Declaration authorisations',
  subtitleEnterprise:
    'Let other enterprises declare in this enterprise’s name (e.g. your customs broker’s inventories); messages without one are refused with −10102',
  subtitleRegulator: 'Authorisations between enterprises, read only',
  direction: { label: 'Direction', all: 'All', granted: 'Granted by us', received: 'Granted to us' },
  grantor: 'Grantor',
  grantee: 'Grantee',
  role: 'Role',
  anyRole: 'Any role',
  period: 'In force',
  until: 'until',
  open: 'revoked',
  status: 'Status',
  anyStatus: 'Any status',
  inForce: 'In force',
  notInForce: 'Outside its period',
  revoked: 'Revoked',
  reason: 'Basis',
  grantedAt: 'Granted at',
  grantedBy: 'Granted by',
  grant: 'New authorisation',
  revoke: 'Revoke',
  revokeTitle: 'Revoke the authorisation of {{name}}',
  revokeReason: 'Reason',
  granted: 'Authorised {{name}}',
  revokedDone: 'Authorisation revoked',
  granteeCode: 'Grantee’s customs code or USCC',
  validFrom: 'From',
  validTo: 'Until (first day no longer in force; optional)',
  reasonHelp: 'e.g. the agency agreement and its number',
  required: '{{label}} is required',
  grantorCode: 'Grantor code',
  granteeCodeFilter: 'Grantee code',
  readOnly: 'Read only: an enterprise’s administrator or operator grants and revokes',
  roles: {
    ebp: 'Platform (orders, bookings)',
    ebc: 'E-commerce enterprise (declared on its behalf)',
    payment: 'Payment enterprise',
    logistics: 'Logistics enterprise',
    warehouse: 'Zone warehouse / site operator',
    assure: 'Tax guarantor',
  },
};
registerTexts('authorisations', { 'zh-CN': zh, en });

const ROLES = ZAuthorisationRole.options;

const canOperate = (me: TMe) =>
  me.via === 'session' && (me.user?.roles ?? []).some((r) => r === 'admin' || r === 'operator');

type Direction = '' | 'granted' | 'received';

/** The list of authorisations; `mode` enterprise adds the direction filter, granting and revoking. */
export function AuthorisationsPage({ mode }: { mode: 'enterprise' | 'regulator' }) {
  const { t } = useTranslation('authorisations');
  const { me } = useAuth();
  const paging = usePaging();
  const { page, pageSize } = paging;
  const [direction, setDirection] = useState<Direction>('');
  const [role, setRole] = useState<TAuthorisationRole | ''>('');
  const [status, setStatus] = useState<'' | 'granted' | 'revoked'>('');
  const [grantorCode, setGrantorCode] = useState('');
  const [granteeCode, setGranteeCode] = useState('');
  const [granting, setGranting] = useState(false);
  const [revoking, setRevoking] = useState<TAuthorisation | null>(null);
  const writes = mode === 'enterprise' && !!me && canOperate(me);
  const ownOrg = me?.organisation.id;
  const list = useQuery({
    queryKey: ['authorisations', mode, direction, role, status, grantorCode, granteeCode, page, pageSize],
    queryFn: () =>
      api(
        `/api/v1/filing/authorisations${qs({
          direction: mode === 'enterprise' ? direction || undefined : undefined,
          role,
          status,
          grantorCode,
          granteeCode,
          page,
          pageSize,
        })}`,
        { schema: ZPage(ZAuthorisation) },
      ),
  });
  const party = (p: TAuthorisation['grantor']) => (
    <div>
      <CellText value={p.nameZh} copy={false} />
      <div style={{ fontSize: 12 }}>
        <CellText value={p.code} secondary />
      </div>
    </div>
  );
  return (
    <Card
      data-testid="authorisations-page"
      title={
        <CardTitle
          title={t('title')}
          subtitle={mode === 'enterprise' ? t('subtitleEnterprise') : t('subtitleRegulator')}
        />
      }
      extra={
        writes && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setGranting(true)}
            data-testid="authorisation-grant"
          >
            {t('grant')}
          </Button>
        )
      }
    >
      {mode === 'enterprise' && !writes && (
        <Alert style={{ marginBottom: 16 }} type="info" showIcon title={t('readOnly')} />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        {mode === 'enterprise' && (
          <Select<Direction>
            aria-label={t('direction.label')}
            style={{ width: 150 }}
            value={direction}
            onChange={paging.filter(setDirection)}
            options={(['', 'granted', 'received'] as const).map((d) => ({
              value: d,
              label: t(`direction.${d || 'all'}`),
            }))}
          />
        )}
        <Select<TAuthorisationRole | ''>
          aria-label={t('role')}
          style={{ width: 220 }}
          value={role}
          onChange={paging.filter(setRole)}
          options={[
            { value: '', label: t('anyRole') },
            ...ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) })),
          ]}
        />
        <Select<'' | 'granted' | 'revoked'>
          aria-label={t('status')}
          style={{ width: 130 }}
          value={status}
          onChange={paging.filter(setStatus)}
          options={[
            { value: '', label: t('anyStatus') },
            { value: 'granted', label: t('inForce') },
            { value: 'revoked', label: t('revoked') },
          ]}
        />
        {mode === 'regulator' && (
          <>
            <SearchInput
              label={t('grantorCode')}
              style={{ width: 240 }}
              onSearch={paging.filter(setGrantorCode)}
            />
            <SearchInput
              label={t('granteeCodeFilter')}
              style={{ width: 240 }}
              onSearch={paging.filter(setGranteeCode)}
            />
          </>
        )}
      </Space>
      <PagedTable<TAuthorisation>
        data-testid="authorisations-table"
        tableLayout="fixed"
        scroll={{ x: 1100 }}
        query={list}
        paging={paging}
        showTotal
        columns={[
          { title: t('grantor'), key: 'grantor', width: 170, render: (_, a) => party(a.grantor) },
          { title: t('grantee'), key: 'grantee', width: 170, render: (_, a) => party(a.grantee) },
          {
            title: t('role'),
            key: 'role',
            width: 150,
            render: (_, a) => (
              <Clip title={t(`roles.${a.role}`)}>
                <Tag color="geekblue">{t(`roles.${a.role}`)}</Tag>
              </Clip>
            ),
          },
          {
            title: t('period'),
            key: 'period',
            width: 110,
            render: (_, a) => (
              <div>
                <div>{a.validFrom}</div>
                <Clip title={`${t('until')} ${a.validTo ?? t('open')}`}>
                  {t('until')} {a.validTo ?? t('open')}
                </Clip>
              </div>
            ),
          },
          {
            title: t('status'),
            key: 'status',
            width: 80,
            render: (_, a) =>
              a.status === 'revoked' ? (
                <Tooltip
                  title={`${beijingTime(a.revokedAt)} · ${a.revokedBy ?? ''} · ${a.revokeReason ?? ''}`}
                >
                  <Tag>{t('revoked')}</Tag>
                </Tooltip>
              ) : a.inForce ? (
                <Tag color="green">{t('inForce')}</Tag>
              ) : (
                <Tag color="orange">{t('notInForce')}</Tag>
              ),
          },
          {
            title: t('reason'),
            key: 'reason',
            render: (_, a) => <CellText value={a.reason} copy={false} />,
          },
          {
            title: t('grantedAt'),
            key: 'grantedAt',
            width: 110,
            render: (_, a) => {
              const [day, time] = beijingTime(a.grantedAt).split(' ');
              return (
                <Tooltip title={a.grantedBy ?? ''}>
                  <div style={{ whiteSpace: 'nowrap' }}>
                    <div>{day}</div>
                    <div>{time}</div>
                  </div>
                </Tooltip>
              );
            },
          },
          ...(writes
            ? [
                {
                  title: '',
                  key: 'actions',
                  width: 80,
                  render: (_: unknown, a: TAuthorisation) =>
                    a.status === 'granted' && a.grantor.id === ownOrg ? (
                      <Button size="small" danger onClick={() => setRevoking(a)}>
                        {t('revoke')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {writes && me && <GrantModal open={granting} onClose={() => setGranting(false)} />}
      {writes && <RevokeModal authorisation={revoking} onClose={() => setRevoking(null)} />}
    </Card>
  );
}

interface GrantValues {
  granteeCode: string;
  role: TAuthorisationRole;
  validFrom?: { format(f: string): string } | null;
  validTo?: { format(f: string): string } | null;
  reason: string;
}

/** A new authorisation; the server refuses a role the enterprise does not hold, naming those it may grant. */
function GrantModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('authorisations');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<GrantValues>();
  const grant = useMutation({
    mutationFn: (v: GrantValues) =>
      api('/api/v1/filing/authorisations', {
        method: 'POST',
        body: {
          granteeCode: v.granteeCode.trim(),
          role: v.role,
          ...(v.validFrom ? { validFrom: v.validFrom.format('YYYY-MM-DD') } : {}),
          validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null,
          reason: v.reason.trim(),
        },
        schema: ZAuthorisation,
      }),
    onSuccess: async (a) => {
      void message.success(t('granted', { name: a.grantee.nameZh }));
      form.resetFields();
      onClose();
      await client.invalidateQueries({ queryKey: ['authorisations'] });
    },
  });
  const required = (label: string) => [
    { required: true, whitespace: true, message: t('required', { label }) },
  ];
  return (
    <Modal
      open={open}
      title={t('grant')}
      okText={t('grant')}
      confirmLoading={grant.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        grant.reset();
        onClose();
      }}
      destroyOnHidden
    >
      {grant.error ? <ErrorState error={grant.error} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => grant.mutate(v)}>
        <Form.Item
          name="granteeCode"
          label={t('granteeCode')}
          rules={[...required(t('granteeCode')), { max: 18 }]}
        >
          <Input data-testid="authorisation-grantee" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('role')}
          rules={[{ required: true, message: t('required', { label: t('role') }) }]}
        >
          <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        <Space>
          <Form.Item name="validFrom" label={t('validFrom')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="validTo" label={t('validTo')}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item
          name="reason"
          label={t('reason')}
          tooltip={t('reasonHelp')}
          rules={[...required(t('reason')), { min: 2, max: 500 }]}
        >
          <Input.TextArea rows={2} placeholder={t('reasonHelp')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RevokeModal({
  authorisation,
  onClose,
}: {
  authorisation: TAuthorisation | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('authorisations');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const revoke = useMutation({
    mutationFn: (v: { reason: string }) =>
      api(`/api/v1/filing/authorisations/${authorisation?.id ?? ''}/revoke`, {
        method: 'POST',
        body: { reason: v.reason.trim() },
        schema: ZAuthorisation,
      }),
    onSuccess: async () => {
      void message.success(t('revokedDone'));
      form.resetFields();
      onClose();
      await client.invalidateQueries({ queryKey: ['authorisations'] });
    },
  });
  return (
    <Modal
      open={authorisation !== null}
      title={t('revokeTitle', { name: authorisation?.grantee.nameZh ?? '' })}
      okText={t('revoke')}
      okButtonProps={{ danger: true }}
      confirmLoading={revoke.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        revoke.reset();
        onClose();
      }}
      destroyOnHidden
    >
      {revoke.error ? <ErrorState error={revoke.error} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => revoke.mutate(v)}>
        <Form.Item
          name="reason"
          label={t('revokeReason')}
          rules={[
            { required: true, whitespace: true, message: t('required', { label: t('revokeReason') }) },
            { min: 2, max: 500 },
          ]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
