import { useMemo, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Collapse,
  Divider,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type FormInstance,
  type FormRule,
} from 'antd';
import {
  CopyOutlined,
  DeleteOutlined,
  FileAddOutlined,
  PlusOutlined,
  SaveOutlined,
  SendOutlined,
  ClearOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { z } from 'zod';
import {
  ENTRY_MESSAGE_TYPES,
  ZEntryAnswer,
  ZEntryDraft,
  ZEntryForm,
  ZEntryPrevious,
  ZPage,
  ZTariffLine,
  type TEntryAnswer,
  type TEntryDraft,
  type TEntryField,
  type TEntryForm,
  type TEntryMessageType,
  type TEntryValues,
} from '@crossgate/contract';
import type { TMe } from '@crossgate/contract';
import { api, ApiError, qs } from '../../../api/client.ts';
import { useAuth } from '../../../auth.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { ActionError, ErrorState, Loading } from '../../../pages/States.tsx';
import { hasRole } from '../../types.ts';
import { CodeSelect, DocTypeTag, StatusTag } from '../components/common.tsx';
import { fieldPath } from '../forms.ts';
import { xmlLines } from '../xml.ts';
import { actualPaidOf, goodsValueOf, mulDecimals } from './compute.ts';
import { CHOICES, CODE_FIELDS, COMPUTED, FIELD_LABELS } from './fields.ts';
import './texts.ts';
import { ReceiptText } from '../../../components/ReceiptText.tsx';

/** The translate function of the `entry` texts. */
type Tr = (key: string, options?: Record<string, unknown>) => string;

type Values = { head: Record<string, string | undefined>; list: Record<string, string | undefined>[] };

/** Which forms an enterprise's roles may send (the gateway's sender roles, spec 202205). */
const SENDERS: Record<TEntryMessageType, string[]> = {
  CEB311Message: ['ebp', 'ebc', 'logistics'],
  CEB411Message: ['payment', 'logistics'],
  CEB511Message: ['logistics'],
  CEB621Message: ['declaration_agent', 'ebc'],
};
const typesFor = (me: TMe | null | undefined) =>
  ENTRY_MESSAGE_TYPES.filter((type) => SENDERS[type].some((role) => !!me && hasRole(me, role)));

function useLabel() {
  const { i18n } = useTranslation();
  return (name: string) => {
    const l = FIELD_LABELS[name];
    return l ? (i18n.language === 'en' ? l[1] : l[0]) : name;
  };
}

/** The XSD facets of a field as form rules, worded for a clerk (the gateway checks the same facets). */
function rulesOf(field: TEntryField, label: string, t: Tr): FormRule[] {
  const rules: FormRule[] = [];
  const picked = !!CODE_FIELDS[field.name] || !!CHOICES[field.name];
  if (field.required)
    rules.push({
      required: true,
      whitespace: true,
      message: t(picked ? 'requiredPick' : 'required', { label }),
    });
  if (field.length !== undefined)
    rules.push({ len: field.length, message: t('length', { label, n: field.length }) });
  if (field.maxLength !== undefined)
    rules.push({ max: field.maxLength, message: t('maxLength', { label, n: field.maxLength }) });
  if (field.minLength !== undefined && field.minLength > 1)
    rules.push({ min: field.minLength, message: t('minLength', { label, n: field.minLength }) });
  if (field.base === 'decimal') {
    rules.push({ pattern: /^-?\d+(\.\d+)?$/, message: t('decimal', { label }) });
    if (field.fractionDigits !== undefined)
      rules.push({
        validator: async (_r, v?: string) => {
          const frac = v?.split('.')[1] ?? '';
          if (frac.length > (field.fractionDigits ?? 0))
            throw new Error(t('fraction', { label, n: field.fractionDigits }));
        },
      });
    if (field.totalDigits !== undefined)
      rules.push({
        validator: async (_r, v?: string) => {
          if ((v ?? '').replace(/[-.]/g, '').replace(/^0+/, '').length > (field.totalDigits ?? 99))
            throw new Error(t('digits', { label, n: field.totalDigits }));
        },
      });
  }
  if (['int', 'integer', 'long', 'short', 'positiveInteger', 'nonNegativeInteger'].includes(field.base))
    rules.push({ pattern: /^-?\d+$/, message: t('integer', { label }) });
  if (field.fixed !== undefined)
    rules.push({ enum: [field.fixed], message: t('fixed', { label, value: field.fixed }) });
  return rules;
}

/** A gateway (XSD) rule in the clerk's words; anything else as the server said it. */
function serverText(d: ApiError['details'][number], t: Tr): string {
  const n = (re: RegExp) => re.exec(d.rule)?.[1];
  if (d.rule.startsWith('required element')) return t('server.required');
  if (n(/^maxLength (\d+)/)) return t('server.maxLength', { n: n(/^maxLength (\d+)/) });
  if (n(/^minLength (\d+)/)) return t('server.minLength', { n: n(/^minLength (\d+)/) });
  if (n(/^length (\d+)/)) return t('server.length', { n: n(/^length (\d+)/) });
  if (n(/^fractionDigits (\d+)/)) return t('server.fraction', { n: n(/^fractionDigits (\d+)/) });
  if (n(/^totalDigits (\d+)/)) return t('server.digits', { n: n(/^totalDigits (\d+)/) });
  if (d.rule.startsWith('decimal number')) return t('server.decimal');
  if (d.rule.startsWith('integer')) return t('server.integer');
  if (d.rule.startsWith('date and time')) return t('server.dateTime');
  if (d.rule.startsWith('date (')) return t('server.date');
  return `${d.rule}${d.expected ? ` — ${d.expected}` : ''}`;
}

/** Puts the gateway's field errors on the form's fields; how many were placed. */
function placeErrors(form: FormInstance, error: unknown, t: Tr): number {
  if (!(error instanceof ApiError)) return 0;
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const d of error.details) {
    const name = fieldPath(d.field);
    if (name[0] !== 'head' && name[0] !== 'list') continue;
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(serverText(d, t));
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return byField.size;
}

/** HS code (10 digits) searched in the tariff lines by code or name; picking one sets the legal unit. */
function HsSelect({
  value,
  onChange,
  id,
  onPick,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
  onPick?: (legalUnit: string | null, name: string) => void;
}) {
  const { i18n } = useTranslation();
  const [q, setQ] = useState('');
  const lines = useQuery({
    queryKey: ['reference', 'tariff-lines', 'search', q],
    enabled: q.trim().length >= 2,
    staleTime: 60_000,
    queryFn: () =>
      api(`/api/v1/reference/tariff-lines${qs({ q: q.trim(), pageSize: 20 })}`, {
        schema: ZPage(ZTariffLine),
      }),
  });
  const options = (lines.data?.items ?? []).map((l) => ({
    value: l.hsCode,
    label: `${l.hsCode} ${i18n.language === 'en' && l.nameEn ? l.nameEn : l.nameZh}`,
    line: l,
  }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: value, line: undefined as never });
  return (
    <Select
      id={id}
      value={value}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onChange={(v: string | undefined, option) => {
        onChange?.(v);
        const line = (option as { line?: z.infer<typeof ZTariffLine> } | undefined)?.line;
        if (line) onPick?.(line.legalUnit, line.nameZh);
      }}
      loading={lines.isFetching}
      options={options}
      allowClear
      notFoundContent={null}
    />
  );
}

/** One field's control; Form.Item hands it `value` and `onChange`, which it passes on. */
function FieldInput({
  field,
  id,
  form,
  listIndex,
  value,
  onChange,
}: {
  field: TEntryField;
  id: string;
  form: FormInstance;
  listIndex?: number;
  value?: string;
  onChange?: (value: unknown) => void;
}) {
  const { i18n } = useTranslation();
  const bound = { value, onChange: (v: unknown) => onChange?.(v) };
  const table = CODE_FIELDS[field.name];
  if (table) return <CodeSelect table={table} id={id} allowClear {...bound} />;
  const choices = CHOICES[field.name];
  if (choices)
    return (
      <Select
        id={id}
        {...bound}
        allowClear
        showSearch={{
          filterOption: (input, option) =>
            String((option as { label?: string } | undefined)?.label ?? '')
              .toLowerCase()
              .includes(input.trim().toLowerCase()),
        }}
        options={choices.map(([v, zh, en]) => ({
          value: v,
          label: `${v} ${i18n.language === 'en' ? en : zh}`,
        }))}
      />
    );
  if (field.name === 'gcode' && listIndex !== undefined)
    return (
      <HsSelect
        id={id}
        {...bound}
        onPick={(legalUnit, name) => {
          const path = ['list', listIndex];
          if (legalUnit) form.setFieldValue([...path, 'unit1'], legalUnit);
          if (!form.getFieldValue([...path, 'gname'])) form.setFieldValue([...path, 'gname'], name);
        }}
      />
    );
  return <Input id={id} value={value} onChange={onChange} readOnly={COMPUTED.has(field.name)} />;
}

function Fields({
  fields,
  prefix,
  form,
  listIndex,
}: {
  fields: TEntryField[];
  prefix: (string | number)[];
  form: FormInstance;
  listIndex?: number;
}) {
  const { t } = useTranslation('entry');
  const label = useLabel();
  return (
    <Row gutter={16}>
      {fields
        .filter((f) => !f.auto)
        .map((f) => {
          const name = [...prefix, f.name];
          const id = `entry_${[...(listIndex !== undefined ? ['list'] : []), ...name].join('_')}`;
          const text = label(f.name);
          return (
            <Col key={f.name} xs={24} md={12} xl={8} xxl={6}>
              <Form.Item
                name={name}
                htmlFor={id}
                label={
                  <span>
                    {text}
                    {COMPUTED.has(f.name) && (
                      <Tag style={{ marginLeft: 6 }} color="blue">
                        {t('computed')}
                      </Tag>
                    )}
                  </span>
                }
                tooltip={f.doc}
                rules={rulesOf(f, text, t as Tr)}
                validateTrigger={['onBlur', 'onChange']}
              >
                <FieldInput
                  field={f}
                  id={id}
                  form={form}
                  {...(listIndex !== undefined ? { listIndex } : {})}
                />
              </Form.Item>
            </Col>
          );
        })}
    </Row>
  );
}

/** Recomputes line totals, the goods value and the amount paid after any change. */
function recompute(form: FormInstance, messageType: TEntryMessageType) {
  const values = form.getFieldsValue(true) as Values;
  const list = values.list ?? [];
  list.forEach((line, i) => {
    const total = mulDecimals(line.qty ?? '', line.price ?? '');
    if (total !== undefined && total !== line.totalPrice)
      form.setFieldValue(['list', i, 'totalPrice'], total);
  });
  if (messageType !== 'CEB311Message') return;
  const fresh = form.getFieldsValue(true) as Values;
  const goods = goodsValueOf((fresh.list ?? []).map((l) => ({ totalPrice: l.totalPrice ?? '' })));
  if (goods !== undefined && goods !== fresh.head?.goodsValue)
    form.setFieldValue(['head', 'goodsValue'], goods);
  const paid = actualPaidOf({
    goodsValue: goods ?? fresh.head?.goodsValue ?? '',
    freight: fresh.head?.freight ?? '0',
    taxTotal: fresh.head?.taxTotal ?? '0',
    discount: fresh.head?.discount ?? '0',
  });
  if (paid !== undefined && paid !== fresh.head?.acturalPaid)
    form.setFieldValue(['head', 'acturalPaid'], paid);
}

const cleanValues = (v: Values): TEntryValues => {
  const strip = (r: Record<string, string | undefined> | undefined) =>
    Object.fromEntries(
      Object.entries(r ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
    );
  return { head: strip(v.head), list: (v.list ?? []).map(strip) };
};

/** 申报录入: forms for order, payment, waybill and import inventory, declared through the gateway's path. */
export function EntryPage() {
  const { t } = useTranslation('entry');
  const { me } = useAuth();
  const types = typesFor(me);
  const [type, setType] = useState<TEntryMessageType | undefined>(types[0]);
  const current = type && types.includes(type) ? type : types[0];
  return (
    <div data-testid="entry">
      <Card style={{ marginBottom: 16 }}>
        <PageTitle title={t('title')} help={t('help')} />
        <Segmented
          data-testid="entry-types"
          value={current}
          onChange={(v) => setType(v as TEntryMessageType)}
          options={types.map((v) => ({ value: v, label: t(`types.${v}`) }))}
        />
      </Card>
      {current && <EntryForm key={current} messageType={current} />}
    </div>
  );
}

function EntryForm({ messageType }: { messageType: TEntryMessageType }) {
  const { t } = useTranslation('entry');
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [draft, setDraft] = useState<TEntryDraft | null>(null);
  const [templateOpen, setTemplateOpen] = useState(false);
  const [templateName, setTemplateName] = useState('');
  const [fixCount, setFixCount] = useState(0);

  const schema = useQuery({
    queryKey: ['entry', 'form', messageType],
    queryFn: () => api(`/api/v1/entry/forms/${messageType}`, { schema: ZEntryForm }),
  });
  const drafts = useQuery({
    queryKey: ['entry', 'drafts', messageType],
    queryFn: () => api(`/api/v1/entry/drafts${qs({ messageType })}`, { schema: z.array(ZEntryDraft) }),
  });
  const previous = useQuery({
    queryKey: ['entry', 'previous', messageType],
    queryFn: () => api(`/api/v1/entry/forms/${messageType}/previous`, { schema: z.array(ZEntryPrevious) }),
  });

  const fill = (values: TEntryValues | null, defaults: Record<string, string>) => {
    form.resetFields();
    const hasList = !!schema.data?.list;
    form.setFieldsValue({
      head: { ...defaults, ...(values?.head ?? {}) },
      list: values?.list.length ? values.list : hasList ? [{ currency: '142' }] : [],
    });
    recompute(form, messageType);
  };

  const save = useMutation({
    mutationFn: (input: { kind: 'draft' | 'template'; name: string; id?: string }) =>
      api(input.id ? `/api/v1/entry/drafts/${input.id}` : '/api/v1/entry/drafts', {
        method: input.id ? 'PUT' : 'POST',
        body: {
          kind: input.kind,
          messageType,
          name: input.name,
          values: cleanValues(form.getFieldsValue(true) as Values),
        },
        schema: ZEntryDraft,
      }),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ['entry', 'drafts', messageType] });
      if (saved.kind === 'draft') {
        setDraft(saved);
        void message.success(t('actions.saved', { name: saved.name }));
      } else void message.success(t('actions.templateSaved', { name: saved.name }));
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/api/v1/entry/drafts/${id}`, { method: 'DELETE' }),
    onSuccess: (_r, id) => {
      if (draft?.id === id) setDraft(null);
      void client.invalidateQueries({ queryKey: ['entry', 'drafts', messageType] });
      void message.success(t('actions.deleted'));
    },
  });
  const declare = useMutation({
    mutationFn: (values: TEntryValues) =>
      api(`/api/v1/entry/forms/${messageType}/declare`, {
        method: 'POST',
        body: { values, ...(draft ? { draftId: draft.id } : {}) },
        schema: ZEntryAnswer,
      }),
    onSuccess: (answer) => {
      setFixCount(0);
      if (answer.outcome === 'accepted' && draft) {
        setDraft(null);
        void client.invalidateQueries({ queryKey: ['entry', 'drafts', messageType] });
      }
      void client.invalidateQueries({ queryKey: ['entry', 'previous', messageType] });
    },
    onError: (error) => setFixCount(placeErrors(form, error, t as Tr)),
  });

  const initial = useMemo(
    () =>
      schema.data
        ? {
            head: schema.data.defaults,
            list: schema.data.list ? [{ currency: '142' }] : [],
          }
        : undefined,
    [schema.data],
  );

  if (schema.isLoading) return <Loading />;
  if (schema.error || !schema.data)
    return <ErrorState error={schema.error} onRetry={() => void schema.refetch()} />;
  const spec: TEntryForm = schema.data;
  const templates = (drafts.data ?? []).filter((d) => d.kind === 'template');
  const myDrafts = (drafts.data ?? []).filter((d) => d.kind === 'draft');
  const draftName = () => {
    const v = form.getFieldsValue(true) as Values;
    return (
      v.head?.orderNo ||
      v.head?.logisticsNo ||
      v.head?.payTransactionId ||
      `${t(`types.${messageType}`)} ${new Date().toLocaleString()}`
    ).slice(0, 60);
  };

  const onDeclare = async () => {
    declare.reset();
    try {
      await form.validateFields();
    } catch (e) {
      const count = (e as { errorFields?: unknown[] }).errorFields?.length ?? 0;
      setFixCount(count);
      return;
    }
    setFixCount(0);
    declare.mutate(cleanValues(form.getFieldsValue(true) as Values));
  };

  return (
    <>
      <Card
        style={{ marginBottom: 16 }}
        data-testid={`entry-form-${messageType}`}
        title={
          <Space>
            {t(`types.${messageType}`)}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {messageType}
            </Typography.Text>
            {draft && (
              <Tag color="gold">
                {t('actions.drafts')}: {draft.name}
              </Tag>
            )}
          </Space>
        }
        extra={
          <Space wrap>
            <Select
              data-testid="entry-templates"
              style={{ width: 180 }}
              placeholder={
                <>
                  <FileAddOutlined /> {t('actions.templates')}
                </>
              }
              value={null}
              notFoundContent={t('actions.none')}
              options={templates.map((d) => ({ value: d.id, label: d.name }))}
              onChange={(id: string) => {
                const d = templates.find((x) => x.id === id);
                if (!d) return;
                setDraft(null);
                fill(d.values, spec.defaults);
                void message.info(t('actions.loaded', { name: d.name }));
              }}
            />
            <Select
              data-testid="entry-previous"
              style={{ width: 220 }}
              placeholder={
                <>
                  <CopyOutlined /> {t('actions.previous')}
                </>
              }
              value={null}
              notFoundContent={t('actions.none')}
              options={(previous.data ?? []).map((d) => ({
                value: d.id,
                label: `${d.businessKey} · ${d.status}`,
              }))}
              onChange={(id: string) => {
                const d = previous.data?.find((x) => x.id === id);
                if (!d) return;
                setDraft(null);
                fill(d.values, spec.defaults);
                void message.info(t('actions.copied', { key: d.businessKey }));
              }}
            />
            <Select
              data-testid="entry-drafts"
              style={{ width: 200 }}
              placeholder={t('actions.drafts')}
              value={null}
              notFoundContent={t('actions.none')}
              options={myDrafts.map((d) => ({ value: d.id, label: d.name }))}
              onChange={(id: string) => {
                const d = myDrafts.find((x) => x.id === id);
                if (!d) return;
                setDraft(d);
                fill(d.values, {});
                void message.info(t('actions.loaded', { name: d.name }));
              }}
            />
          </Space>
        }
      >
        {spec.signature.demanded && !spec.signature.declarable && (
          <Alert
            type="error"
            showIcon
            data-testid="entry-signature-blocked"
            title={t('signature.blocked')}
            style={{ marginBottom: 16 }}
          />
        )}
        {spec.signature.demanded && spec.signature.declarable && (
          <Alert
            type="warning"
            showIcon
            data-testid="entry-signature-demo"
            title={t('signature.demo')}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form
          form={form}
          layout="vertical"
          name="entry"
          initialValues={initial}
          onValuesChange={() => recompute(form, messageType)}
          scrollToFirstError
        >
          <Divider titlePlacement="start" style={{ marginTop: 0 }}>
            {t('head')}
          </Divider>
          <Fields fields={spec.head} prefix={['head']} form={form} />
          {spec.list && (
            <>
              <Divider titlePlacement="start">{t('lines')}</Divider>
              <Form.List name="list">
                {(items, { add, remove: removeLine }) => (
                  <>
                    {items.map((item, i) => (
                      <Card
                        key={item.key}
                        size="small"
                        data-testid="entry-line"
                        title={t('line', { n: i + 1 })}
                        style={{ marginBottom: 12 }}
                        extra={
                          items.length > 1 && (
                            <Tooltip title={t('removeLine')}>
                              <Button
                                size="small"
                                type="text"
                                danger
                                icon={<DeleteOutlined />}
                                aria-label={t('removeLine')}
                                onClick={() => {
                                  removeLine(item.name);
                                  recompute(form, messageType);
                                }}
                              />
                            </Tooltip>
                          )
                        }
                      >
                        <Fields fields={spec.list ?? []} prefix={[item.name]} form={form} listIndex={i} />
                      </Card>
                    ))}
                    <Button
                      icon={<PlusOutlined />}
                      type="dashed"
                      block
                      data-testid="entry-add-line"
                      onClick={() => add({ currency: '142' })}
                    >
                      {t('addLine')}
                    </Button>
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const lines = (form.getFieldValue('list') ?? []) as Values['list'];
                        const total = goodsValueOf(lines.map((l) => ({ totalPrice: l.totalPrice ?? '' })));
                        return (
                          <Typography.Paragraph data-testid="entry-totals" style={{ marginTop: 12 }} strong>
                            {t('totals', { count: lines.length, total: total ?? '—' })}
                          </Typography.Paragraph>
                        );
                      }}
                    </Form.Item>
                  </>
                )}
              </Form.List>
            </>
          )}
        </Form>
        {fixCount > 0 && (
          <Alert
            type="error"
            showIcon
            data-testid="entry-fix"
            title={t('fix', { count: fixCount })}
            style={{ marginBottom: 12 }}
          />
        )}
        <Space wrap>
          <Popconfirm
            title={t('actions.declare')}
            description={t('actions.declareConfirm')}
            okText={t('actions.declare')}
            onConfirm={() => void onDeclare()}
            disabled={!spec.signature.declarable}
          >
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={declare.isPending}
              disabled={!spec.signature.declarable}
              data-testid="entry-declare"
            >
              {t('actions.declare')}
            </Button>
          </Popconfirm>
          <Button
            icon={<SaveOutlined />}
            loading={save.isPending && save.variables?.kind === 'draft'}
            data-testid="entry-save-draft"
            onClick={() =>
              save.mutate({
                kind: 'draft',
                name: draft?.name ?? draftName(),
                ...(draft ? { id: draft.id } : {}),
              })
            }
          >
            {t('actions.saveDraft')}
          </Button>
          <Button
            icon={<FileAddOutlined />}
            data-testid="entry-save-template"
            onClick={() => setTemplateOpen(true)}
          >
            {t('actions.saveTemplate')}
          </Button>
          {draft && (
            <Popconfirm title={t('actions.delete')} onConfirm={() => remove.mutate(draft.id)}>
              <Button danger icon={<DeleteOutlined />}>
                {t('actions.delete')}
              </Button>
            </Popconfirm>
          )}
          <Button
            icon={<ClearOutlined />}
            onClick={() => {
              setDraft(null);
              declare.reset();
              setFixCount(0);
              fill(null, spec.defaults);
            }}
          >
            {t('actions.reset')}
          </Button>
        </Space>
      </Card>
      <Modal
        open={templateOpen}
        title={t('actions.saveTemplate')}
        okText={t('actions.saveTemplate')}
        onCancel={() => setTemplateOpen(false)}
        okButtonProps={{ disabled: !templateName.trim() }}
        onOk={() => {
          save.mutate({ kind: 'template', name: templateName.trim() });
          setTemplateOpen(false);
          setTemplateName('');
        }}
      >
        <Input
          aria-label={t('actions.templateName')}
          placeholder={t('actions.templateName')}
          data-testid="entry-template-name"
          value={templateName}
          maxLength={60}
          onChange={(e) => setTemplateName(e.target.value)}
        />
      </Modal>
      <ActionError error={save.error ?? remove.error} />
      {declare.error &&
        !(declare.error instanceof ApiError && declare.error.code === 'VALIDATION_FAILED') && (
          <ActionError error={declare.error} />
        )}
      {declare.data && <Receipt answer={declare.data} />}
    </>
  );
}

function Receipt({ answer }: { answer: TEntryAnswer }) {
  const { t } = useTranslation('entry');
  const ok = answer.outcome === 'accepted';
  return (
    <Card
      title={t('result.title')}
      data-testid="entry-receipt"
      style={{ marginBottom: 16 }}
      extra={<Link to="/enterprise/import">{t('result.list')}</Link>}
    >
      <Alert
        type={ok ? 'success' : 'error'}
        showIcon
        data-testid="entry-outcome"
        data-outcome={answer.outcome}
        title={t(`result.${answer.outcome === 'format_error' ? 'refused' : answer.outcome}`)}
        style={{ marginBottom: 12 }}
      />
      <Table
        size="small"
        rowKey={(d) => `${d.docType}-${d.businessKey}`}
        pagination={false}
        dataSource={answer.documents}
        columns={[
          {
            title: t('result.document'),
            dataIndex: 'docType',
            width: 120,
            render: (v: string) => <DocTypeTag docType={v} />,
          },
          { title: t('result.key'), dataIndex: 'businessKey', width: 260 },
          {
            title: t('result.status'),
            dataIndex: 'returnStatus',
            width: 200,
            render: (v: string) => <StatusTag status={v} />,
          },
          {
            title: t('result.info'),
            dataIndex: 'returnInfo',
            render: (v: string, r) => <ReceiptText status={r.returnStatus} returnInfo={v} />,
          },
        ]}
      />
      <Collapse
        ghost
        style={{ marginTop: 8 }}
        items={[
          { key: 'xml', label: t('result.xml'), children: <XmlBlock xml={answer.messageXml} /> },
          { key: 'receipt', label: t('result.receipt'), children: <XmlBlock xml={answer.receiptXml} /> },
        ]}
      />
    </Card>
  );
}

const XmlBlock = ({ xml }: { xml: string }) => (
  <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12, margin: 0 }}>
    {xmlLines(xml).lines.join('\n')}
  </pre>
);
