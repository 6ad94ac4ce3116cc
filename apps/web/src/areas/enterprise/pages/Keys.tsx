import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { KeyOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import {
  ZApiKey,
  ZCreatedApiKey,
  ZPage,
  ZSigningKey,
  type TApiKey,
  type TApiKeyScope,
  type TCreatedApiKey,
  type TRegisterSigningKey,
  type TSigningKey,
} from '@crossgate/contract';
import { api, qs } from '../../../api/client.ts';
import { EmptyState, ErrorState } from '../../../pages/States.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { beijingDate, beijingTime } from '../../../format.ts';
import { showFieldErrors } from '../forms.ts';

const SCOPES: TApiKeyScope[] = ['declare', 'read', 'write'];

/**
 * The columns a list of keys ends with: in force, or revoked and when; and the button that revokes a key in
 * force after a confirmation (`spin`: busy on the key being revoked).
 */
function stateColumns<K extends { id: string; revokedAt: string | null }>(
  t: TFunction,
  confirm: string,
  revoke: { mutate: (id: string) => void; isPending: boolean; variables?: string | undefined },
  spin: boolean,
): TableColumnsType<K> {
  return [
    {
      title: t('keys.state'),
      dataIndex: 'revokedAt',
      render: (v: string | null) =>
        v ? (
          <Tag>{`${t('keys.revoked')} ${beijingTime(v)}`}</Tag>
        ) : (
          <Tag color="green">{t('keys.active')}</Tag>
        ),
    },
    {
      title: '',
      key: 'revoke',
      render: (_, k) =>
        !k.revokedAt && (
          <Popconfirm title={confirm} okText={t('keys.revoke')} onConfirm={() => revoke.mutate(k.id)}>
            <Button
              danger
              size="small"
              loading={spin ? revoke.isPending && revoke.variables === k.id : undefined}
            >
              {t('keys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
}

/** API keys: list, issue (secret shown once, with a copy button), revoke. */
function ApiKeys() {
  const { t } = useTranslation('enterprise');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const [created, setCreated] = useState<TCreatedApiKey | null>(null);
  const [form] = Form.useForm<{ name: string; scopes?: TApiKeyScope[] }>();
  const keys = useQuery({
    queryKey: ['enterprise', 'api-keys', page],
    placeholderData: keepPreviousData,
    queryFn: () => api(`/api/v1/api-keys${qs({ page, pageSize: 10 })}`, { schema: ZPage(ZApiKey) }),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['enterprise', 'api-keys'] });
  const create = useMutation({
    mutationFn: (v: { name: string; scopes?: TApiKeyScope[] }) =>
      api('/api/v1/api-keys', {
        method: 'POST',
        body: { name: v.name, ...(v.scopes && v.scopes.length > 0 ? { scopes: v.scopes } : {}) },
        schema: ZCreatedApiKey,
      }),
    onSuccess: async (key) => {
      setCreated(key);
      form.resetFields();
      await refresh();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/v1/api-keys/${id}`, { method: 'DELETE', schema: ZApiKey }),
    onSuccess: async () => refresh(),
  });
  return (
    <Card style={{ marginBottom: 16 }}>
      <PageTitle
        title={
          <Space>
            <KeyOutlined />
            {t('keys.title')}
          </Space>
        }
        help={t('keys.help')}
      />
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => create.mutate({ name: v.name.trim(), ...(v.scopes ? { scopes: v.scopes } : {}) })}
        style={{ marginBottom: 16 }}
      >
        <Form.Item
          name="name"
          label={t('keys.name')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { label: t('keys.name') }) },
            { max: 100 },
          ]}
        >
          <Input style={{ width: 280 }} placeholder="ERP 申报接口" />
        </Form.Item>
        <Form.Item name="scopes" label={t('keys.scopes')} tooltip={t('keys.scopesHelp')}>
          <Checkbox.Group
            data-testid="key-scopes"
            options={SCOPES.map((s) => ({ value: s, label: t(`keys.scope.${s}`) }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
          {t('keys.create')}
        </Button>
      </Form>
      {create.isError && <ErrorState error={create.error} />}
      {revoke.isError && <ErrorState error={revoke.error} />}
      {keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
      ) : (
        <Table<TApiKey>
          rowKey="id"
          size="middle"
          loading={keys.isLoading}
          dataSource={keys.data?.items ?? []}
          locale={{ emptyText: <EmptyState /> }}
          pagination={{ current: page, pageSize: 10, total: keys.data?.total ?? 0, onChange: setPage }}
          columns={[
            { title: t('keys.name'), dataIndex: 'name' },
            {
              title: t('keys.prefix'),
              dataIndex: 'prefix',
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            {
              title: t('keys.scopes'),
              dataIndex: 'scopes',
              render: (v: TApiKeyScope[] | null) =>
                v ? (
                  v.map((s) => <Tag key={s}>{t(`keys.scope.${s}`)}</Tag>)
                ) : (
                  <Typography.Text type="secondary">{t('keys.allScopes')}</Typography.Text>
                ),
            },
            { title: t('keys.createdAt'), dataIndex: 'createdAt', render: (v: string) => beijingTime(v) },
            {
              title: t('keys.lastUsedAt'),
              dataIndex: 'lastUsedAt',
              render: (v: string | null) =>
                v ? beijingTime(v) : <Typography.Text type="secondary">{t('keys.never')}</Typography.Text>,
            },
            ...stateColumns<TApiKey>(t, t('keys.revokeConfirm'), revoke, true),
          ]}
        />
      )}
      <Modal
        open={created !== null}
        title={t('keys.created')}
        onCancel={() => setCreated(null)}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            OK
          </Button>
        }
      >
        {created && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>
              {created.name} · <Typography.Text code>{created.prefix}</Typography.Text>
            </Typography.Text>
            <Typography.Paragraph
              copyable={{
                text: created.secret,
                onCopy: () => void message.success(t('keys.copied')),
                tooltips: [t('keys.copy'), t('keys.copied')],
              }}
              code
              style={{ wordBreak: 'break-all' }}
              data-testid="api-key-secret"
            >
              {created.secret}
            </Typography.Paragraph>
          </Space>
        )}
      </Modal>
    </Card>
  );
}

type Material = 'certificatePem' | 'publicKeyPem' | 'sm2PublicKey';

/** Signing certificates: list, register (certificate, RSA public key or SM2 key), revoke. */
function SigningKeys() {
  const { t } = useTranslation('enterprise');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ keyName: string; material: Material; value: string }>();
  const keys = useQuery({
    queryKey: ['enterprise', 'signing-keys'],
    queryFn: () => api('/api/v1/signing-keys', { schema: z.array(ZSigningKey) }),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['enterprise', 'signing-keys'] });
  const register = useMutation({
    mutationFn: (v: { keyName: string; material: Material; value: string }) => {
      const body: TRegisterSigningKey = { keyName: v.keyName.trim(), [v.material]: v.value.trim() };
      return api('/api/v1/signing-keys', { method: 'POST', body, schema: ZSigningKey });
    },
    onSuccess: async () => {
      void message.success(t('keys.registered'));
      form.resetFields();
      await refresh();
    },
    onError: (error) =>
      showFieldErrors(form, error, (path) =>
        ['certificatePem', 'publicKeyPem', 'sm2PublicKey'].includes(String(path[0])) ? ['value'] : path,
      ),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/v1/signing-keys/${id}`, { method: 'DELETE', schema: ZSigningKey }),
    onSuccess: async () => refresh(),
  });
  return (
    <Card>
      <PageTitle
        title={
          <Space>
            <SafetyCertificateOutlined />
            {t('keys.signing')}
          </Space>
        }
        help={t('keys.signingHelp')}
      />
      {register.isError && <ErrorState error={register.error} />}
      {revoke.isError && <ErrorState error={revoke.error} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ material: 'certificatePem' }}
        onFinish={(v) => register.mutate(v)}
        style={{ maxWidth: 760, marginBottom: 16 }}
      >
        <Space align="start" wrap>
          <Form.Item
            name="keyName"
            label={t('keys.keyName')}
            rules={[
              { required: true, message: t('common.required', { label: t('keys.keyName') }) },
              { max: 64 },
            ]}
          >
            <Input style={{ width: 260 }} placeholder="DEMO-AGENT-0001" />
          </Form.Item>
          <Form.Item name="material" label={t('keys.material')}>
            <Radio.Group
              optionType="button"
              options={(['certificatePem', 'publicKeyPem', 'sm2PublicKey'] as const).map((m) => ({
                value: m,
                label: t(`keys.${m}`),
              }))}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="value"
          label={t('keys.materialValue')}
          rules={[
            { required: true, message: t('common.required', { label: t('keys.materialValue') }) },
            { max: 20000 },
          ]}
        >
          <Input.TextArea
            rows={5}
            style={{ fontFamily: 'monospace', fontSize: 12 }}
            placeholder="-----BEGIN CERTIFICATE-----"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={register.isPending}>
          {t('keys.register')}
        </Button>
      </Form>
      {keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
      ) : (
        <Table<TSigningKey>
          rowKey="id"
          size="middle"
          loading={keys.isLoading}
          dataSource={keys.data ?? []}
          locale={{ emptyText: <EmptyState /> }}
          pagination={false}
          columns={[
            {
              title: t('keys.keyName'),
              dataIndex: 'keyName',
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            {
              title: t('keys.algorithm'),
              dataIndex: 'algorithm',
              render: (v: string) => <Tag>{v.toUpperCase()}</Tag>,
            },
            {
              title: t('keys.subject'),
              dataIndex: 'subject',
              ellipsis: true,
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('keys.validity'),
              key: 'validity',
              render: (_, k) =>
                k.validFrom || k.validTo ? `${beijingDate(k.validFrom)} ~ ${beijingDate(k.validTo)}` : '—',
            },
            { title: t('keys.createdAt'), dataIndex: 'createdAt', render: (v: string) => beijingTime(v) },
            ...stateColumns<TSigningKey>(t, t('keys.revokeKeyConfirm'), revoke, false),
          ]}
        />
      )}
    </Card>
  );
}

/** 密钥与证书: the enterprise administrator's API keys and signing certificates. */
export function KeysPage({ admin }: { admin: boolean }) {
  const { t } = useTranslation('enterprise');
  if (!admin) return <Alert type="info" showIcon title={t('keys.adminOnly')} />;
  return (
    <div data-testid="keys-page">
      <ApiKeys />
      <SigningKeys />
    </div>
  );
}
