import { useEffect } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import { asWritten } from '../../../components/ReceiptText.tsx';
import {
  ZEnterpriseFiling,
  ZEnterpriseRole,
  ZPage,
  type TEnterpriseFiling,
  type TEnterpriseFilingInput,
} from '@crossgate/contract';
import { api } from '../../../api/client.ts';
import { useAuth } from '../../../auth.tsx';
import { ActionError, ErrorState, Loading } from '../../../pages/States.tsx';
import { FilingStatusTag } from '../../../components/StatusTag.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { beijingTime } from '../../../format.ts';
import { sha256Of, showFieldErrors } from '../forms.ts';

const ROLES = ZEnterpriseRole.options;
const KINDS = ['business_licence', 'customs_registration', 'id_card', 'other'];
const EDITABLE = new Set<TEnterpriseFiling['status']>(['draft', 'rejected']);

interface FilingForm {
  uscc: string;
  customsCode: string;
  nameZh: string;
  nameEn?: string;
  roles: TEnterpriseFilingInput['roles'];
  legalRep: string;
  address: string;
  contacts: { name: string; phone: string; email?: string }[];
  documents: { kind: string; name: string; sha256: string }[];
}

function FilingStatus({ status }: { status: TEnterpriseFiling['status'] }) {
  const { t } = useTranslation('enterprise');
  return (
    <FilingStatusTag status={status} data-testid="enterprise-filing-status">
      {t(`filing.status.${status}`)}
    </FilingStatusTag>
  );
}

/** A filing that can no longer be edited (under review, filed, suspended …), shown as a record. */
function FilingRecord({ filing }: { filing: TEnterpriseFiling }) {
  const { t } = useTranslation('enterprise');
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="filing-record">
      <Descriptions.Item label={t('filing.uscc')}>{filing.uscc}</Descriptions.Item>
      <Descriptions.Item label={t('filing.customsCode')}>{filing.customsCode}</Descriptions.Item>
      <Descriptions.Item label={t('filing.nameZh')}>{filing.nameZh}</Descriptions.Item>
      <Descriptions.Item label={t('filing.nameEn')}>{filing.nameEn ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('filing.legalRep')}>{filing.legalRep}</Descriptions.Item>
      <Descriptions.Item label={t('filing.address')}>{filing.address}</Descriptions.Item>
      <Descriptions.Item label={t('filing.roles')} span={2}>
        {filing.roles.map((r) => (
          <Tag key={r} color="blue">
            {t(`roleNames.${r}`)}
          </Tag>
        ))}
      </Descriptions.Item>
      <Descriptions.Item label={t('filing.contacts')} span={2}>
        {filing.contacts.map((c, i) => (
          <div key={i}>
            {c.name} · {c.phone}
            {c.email ? ` · ${c.email}` : ''}
          </div>
        ))}
      </Descriptions.Item>
      <Descriptions.Item label={t('filing.documents')} span={2}>
        {filing.documents.length === 0
          ? '—'
          : filing.documents.map((d, i) => (
              <div key={i}>
                <Tag>{i18nKind(t, d.kind)}</Tag>
                {d.name}{' '}
                <Typography.Text type="secondary" code>
                  {d.sha256.slice(0, 16)}…
                </Typography.Text>
              </div>
            ))}
      </Descriptions.Item>
      <Descriptions.Item label={t('filing.submittedAt')}>{beijingTime(filing.submittedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('filing.decidedAt')}>{beijingTime(filing.decidedAt)}</Descriptions.Item>
    </Descriptions>
  );
}

const i18nKind = (t: (key: string) => string, kind: string) =>
  KINDS.includes(kind) ? t(`filing.kinds.${kind}`) : kind;

/** A decision's reason as written; one language of it when written in both (decision 0039). */
const said = (reason: string) => asWritten(reason, i18next.language);

/** 企业备案: the enterprise's filing — a draft it edits, submits, and sees decided with the reasons. */
export function EnterpriseFilingPage() {
  const { t } = useTranslation('enterprise');
  const { me } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<FilingForm>();
  const filings = useQuery({
    queryKey: ['enterprise', 'filings'],
    queryFn: () => api('/api/v1/filings/enterprise?pageSize=50', { schema: ZPage(ZEnterpriseFiling) }),
  });
  const current = [...(filings.data?.items ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  const editable = !current || EDITABLE.has(current.status);

  useEffect(() => {
    if (!filings.data || !me) return;
    const f = [...filings.data.items].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    form.setFieldsValue(
      f
        ? {
            uscc: f.uscc,
            customsCode: f.customsCode,
            nameZh: f.nameZh,
            nameEn: f.nameEn,
            roles: f.roles,
            legalRep: f.legalRep,
            address: f.address,
            contacts: f.contacts,
            documents: f.documents,
          }
        : {
            uscc: me.organisation.uscc ?? '',
            customsCode: me.organisation.code,
            nameZh: me.organisation.nameZh,
            nameEn: me.organisation.nameEn ?? undefined,
            roles: me.organisation.enterpriseRoles,
            contacts: [{ name: me.user?.displayName ?? '', phone: '' }],
            documents: [],
          },
    );
  }, [filings.data, me, form]);

  const refresh = () => client.invalidateQueries({ queryKey: ['enterprise', 'filings'] });
  const save = useMutation({
    mutationFn: (v: FilingForm) => {
      const body: TEnterpriseFilingInput = {
        ...v,
        nameEn: v.nameEn?.trim() ? v.nameEn.trim() : undefined,
        contacts: v.contacts.map((c) => ({ ...c, email: c.email?.trim() ? c.email.trim() : undefined })),
        documents: v.documents ?? [],
      };
      return api('/api/v1/filings/enterprise', { method: 'POST', body, schema: ZEnterpriseFiling });
    },
    onSuccess: async () => {
      void message.success(t('filing.saved'));
      await refresh();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  const submit = useMutation({
    mutationFn: (id: string) =>
      api(`/api/v1/filings/enterprise/${id}/submit`, { method: 'POST', schema: ZEnterpriseFiling }),
    onSuccess: async () => {
      void message.success(t('filing.submitted'));
      await refresh();
    },
  });

  if (filings.isLoading) return <Loading />;
  if (filings.isError) return <ErrorState error={filings.error} onRetry={() => void filings.refetch()} />;
  const required = (label: string) => ({ required: true, message: t('common.required', { label }) });

  return (
    <div data-testid="enterprise-filing">
      <Card style={{ marginBottom: 16 }}>
        <PageTitle
          title={
            <Space>
              {t('filing.title')}
              {current && <FilingStatus status={current.status} />}
            </Space>
          }
          help={t('filing.help')}
        />
        {current && !editable && (
          <Alert
            type={current.status === 'approved' ? 'success' : 'info'}
            showIcon
            style={{ marginBottom: 16 }}
            title={t('filing.readOnly', { status: t(`filing.status.${current.status}`) })}
            description={current.reasons.length > 0 ? current.reasons.map(said).join('；') : undefined}
          />
        )}
        {current?.status === 'rejected' && current.reasons.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('filing.reasons')}
            description={current.reasons.map((r, i) => (
              <div key={i}>{said(r)}</div>
            ))}
          />
        )}
        <ActionError error={save.error} />
        <ActionError error={submit.error} />
        {current && !editable && <FilingRecord filing={current} />}
        <Form<FilingForm>
          form={form}
          name="ef"
          layout="vertical"
          hidden={!editable}
          onFinish={(v) => save.mutate(v)}
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="uscc"
                label={t('filing.uscc')}
                rules={[
                  required(t('filing.uscc')),
                  { pattern: /^[0-9A-Z]{18}$/, message: t('filing.usccRule') },
                ]}
              >
                <Input maxLength={18} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="customsCode"
                label={t('filing.customsCode')}
                rules={[required(t('filing.customsCode')), { len: 10, message: t('filing.customsCodeRule') }]}
              >
                <Input maxLength={10} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="legalRep"
                label={t('filing.legalRep')}
                rules={[required(t('filing.legalRep')), { max: 50 }]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="nameZh"
                label={t('filing.nameZh')}
                rules={[required(t('filing.nameZh')), { max: 100 }]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="nameEn" label={t('filing.nameEn')} rules={[{ max: 200 }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                name="address"
                label={t('filing.address')}
                rules={[required(t('filing.address')), { max: 200 }]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="roles" label={t('filing.roles')} rules={[required(t('filing.roles'))]}>
                <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: t(`roleNames.${r}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>{t('filing.contacts')}</Typography.Text>
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <div style={{ marginTop: 8 }}>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item name={[field.name, 'name']} rules={[required(t('filing.contactName'))]}>
                      <Input placeholder={t('filing.contactName')} aria-label={t('filing.contactName')} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'phone']}
                      rules={[required(t('filing.phone')), { max: 20 }]}
                    >
                      <Input placeholder={t('filing.phone')} aria-label={t('filing.phone')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'email']} rules={[{ type: 'email' }, { max: 100 }]}>
                      <Input placeholder={t('filing.email')} aria-label={t('filing.email')} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label="remove"
                      />
                    )}
                  </Space>
                ))}
                {fields.length < 10 && (
                  <Form.Item>
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => add({ name: '', phone: '' })}
                    >
                      {t('filing.addContact')}
                    </Button>
                  </Form.Item>
                )}
              </div>
            )}
          </Form.List>
          <Typography.Text strong>{t('filing.documents')}</Typography.Text>
          <Form.List name="documents">
            {(fields, { add, remove }) => (
              <div style={{ marginTop: 8 }}>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item name={[field.name, 'kind']} rules={[required(t('filing.docKind'))]}>
                      <Select
                        style={{ width: 200 }}
                        aria-label={t('filing.docKind')}
                        options={KINDS.map((k) => ({ value: k, label: t(`filing.kinds.${k}`) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'name']} rules={[required(t('filing.docName'))]}>
                      <Input
                        style={{ width: 240 }}
                        placeholder={t('filing.docName')}
                        aria-label={t('filing.docName')}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'sha256']}
                      rules={[
                        required(t('filing.sha256')),
                        { pattern: /^[0-9a-f]{64}$/, message: t('filing.sha256Rule') },
                      ]}
                    >
                      <Input
                        style={{ width: 380, fontFamily: 'monospace', fontSize: 12 }}
                        placeholder={t('filing.sha256')}
                        aria-label={t('filing.sha256')}
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label="remove"
                    />
                  </Space>
                ))}
                <Form.Item>
                  <Upload
                    showUploadList={false}
                    disabled={!editable}
                    beforeUpload={async (file) => {
                      const kind = fields.length === 0 ? 'business_licence' : 'other';
                      add({ kind, name: file.name, sha256: await sha256Of(file) });
                      return Upload.LIST_IGNORE;
                    }}
                  >
                    <Button type="dashed" icon={<UploadOutlined />}>
                      {t('filing.addDocument')}
                    </Button>
                  </Upload>
                </Form.Item>
              </div>
            )}
          </Form.List>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending}>
              {t('filing.save')}
            </Button>
            <Button
              icon={<SendOutlined />}
              disabled={!current || !EDITABLE.has(current.status)}
              loading={submit.isPending}
              onClick={() => current && submit.mutate(current.id)}
            >
              {t('filing.submit')}
            </Button>
          </Space>
        </Form>
      </Card>
      <Card title={t('filing.list')}>
        <Table<TEnterpriseFiling>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={filings.data?.items ?? []}
          columns={[
            { title: t('filing.nameZh'), dataIndex: 'nameZh' },
            { title: t('filing.uscc'), dataIndex: 'uscc' },
            {
              title: t('filing.roles'),
              dataIndex: 'roles',
              render: (roles: string[]) => roles.map((r) => <Tag key={r}>{t(`roleNames.${r}`)}</Tag>),
            },
            {
              title: t('decl.status'),
              dataIndex: 'status',
              render: (s: TEnterpriseFiling['status']) => <FilingStatus status={s} />,
            },
            {
              title: t('filing.submittedAt'),
              dataIndex: 'submittedAt',
              render: (v: string | null) => beijingTime(v),
            },
            {
              title: t('filing.decidedAt'),
              dataIndex: 'decidedAt',
              render: (v: string | null) => beijingTime(v),
            },
            {
              title: t('filing.identityVerified'),
              dataIndex: 'identityVerifiedAt',
              render: (v: string | null) => (v ? <Tag color="green">{beijingTime(v)}</Tag> : '—'),
            },
            {
              title: t('filing.reasons'),
              dataIndex: 'reasons',
              render: (r: string[]) => (r.length ? r.map(said).join('；') : '—'),
            },
          ]}
        />
      </Card>
    </div>
  );
}
