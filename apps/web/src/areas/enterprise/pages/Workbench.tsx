import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Collapse,
  Input,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { CheckCircleOutlined, ClearOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { z } from 'zod';
import { api, ApiError, csrfHeaders } from '../../../api/client.ts';
import { ActionError } from '../../../pages/States.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { StatusTag } from '../components/common.tsx';
import { cebTime } from '../format.ts';
import { readReceipt, xmlLines, type ReceiptEntry } from '../xml.ts';
import { ReceiptText } from '../../../components/ReceiptText.tsx';

/** The answer of `POST /api/v1/sandbox/validate` (the server's `SandboxResult`). */
const ZFieldError = z.object({
  path: z.string(),
  field: z.string(),
  rule: z.string(),
  expected: z.string().optional(),
  actual: z.string().optional(),
});
const ZSandboxResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    messageType: z.string(),
    nameZh: z.string(),
    direction: z.enum(['import', 'export']),
    version: z.string(),
    documents: z.number().int(),
    enveloped: z.boolean(),
  }),
  z.object({
    ok: z.literal(false),
    code: z.string(),
    desc: z.string(),
    messageType: z.string(),
    errors: z.array(ZFieldError),
  }),
]);
type SandboxResult = z.infer<typeof ZSandboxResult>;
type FieldError = z.infer<typeof ZFieldError>;

const MAX_BYTES = 4 * 1024 * 1024;

interface GatewayReceipt {
  http: number;
  outcome: string;
  replayed: boolean;
  xml: string;
  messageType: string;
  entries: ReceiptEntry[];
}

/** Declares through the CEB gateway with the session; the answer is the receipt XML (200, or 400 for CEB900). */
async function declare(xml: string, language: string): Promise<GatewayReceipt> {
  const res = await fetch('/ceb/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/xml', 'accept-language': language, ...csrfHeaders('POST') },
    body: xml,
    credentials: 'same-origin',
  });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    const e: unknown = JSON.parse(text);
    const parsed = z
      .object({
        code: z.string(),
        message: z.string(),
        details: z.array(
          z.object({
            field: z.string(),
            rule: z.string(),
            expected: z.string().optional(),
            actual: z.string().optional(),
          }),
        ),
      })
      .safeParse(e);
    if (parsed.success)
      throw new ApiError(res.status, parsed.data.code, parsed.data.message, parsed.data.details);
    throw new ApiError(res.status, `HTTP_${res.status}`, text.slice(0, 300));
  }
  const receipt = readReceipt(text);
  if (!receipt) throw new ApiError(res.status, `HTTP_${res.status}`, text.slice(0, 300) || res.statusText);
  return {
    http: res.status,
    outcome: res.headers.get('x-crossgate-outcome') ?? '',
    replayed: res.headers.get('x-crossgate-replayed') === 'true',
    xml: text,
    ...receipt,
  };
}

/** The message, read-only and formatted, with the lines of the errors in red. */
function XmlView({
  xml,
  errors,
  containerRef,
}: {
  xml: string;
  errors: FieldError[];
  containerRef: React.RefObject<HTMLDivElement | null>;
}) {
  const { t } = useTranslation('enterprise');
  const view = useMemo(() => xmlLines(xml), [xml]);
  const marks = new Map<number, FieldError[]>();
  for (const e of errors) {
    const line = view.locate(e.path === '/' ? e.rule : e.path);
    if (line !== undefined) marks.set(line, [...(marks.get(line) ?? []), e]);
  }
  const shown = view.lines.slice(0, 20_000);
  const first = marks.size > 0 ? Math.min(...marks.keys()) : undefined;
  useEffect(() => {
    const box = containerRef.current;
    const line = first === undefined ? undefined : box?.querySelector<HTMLElement>(`#wb-line-${first}`);
    if (box && line) box.scrollTop = Math.max(0, line.offsetTop - box.clientHeight / 3);
  }, [first, containerRef, xml]);
  return (
    <Card
      size="small"
      title={view.formatted ? t('wb.view') : t('wb.viewRaw')}
      extra={errors.length > 0 && <Typography.Text type="secondary">{t('wb.viewHint')}</Typography.Text>}
    >
      <div
        ref={containerRef}
        data-testid="wb-view"
        style={{
          fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
          fontSize: 12,
          lineHeight: '20px',
          maxHeight: 520,
          overflow: 'auto',
          background: '#fafafa',
          position: 'relative',
          border: '1px solid #f0f0f0',
          borderRadius: 6,
        }}
      >
        {shown.map((line, n) => {
          const errs = marks.get(n);
          return (
            <div
              key={n}
              id={`wb-line-${n}`}
              data-testid={errs ? 'wb-error-line' : undefined}
              title={errs?.map((e) => `${e.field}: ${e.rule}`).join('\n')}
              style={{
                display: 'flex',
                whiteSpace: 'pre',
                background: errs ? '#fff1f0' : undefined,
                borderLeft: errs ? '3px solid #ff4d4f' : '3px solid transparent',
              }}
            >
              <span
                style={{
                  width: 48,
                  flex: 'none',
                  textAlign: 'right',
                  paddingRight: 10,
                  color: '#aaa',
                  userSelect: 'none',
                }}
              >
                {n + 1}
              </span>
              <span style={{ color: errs ? '#a8071a' : '#262626' }}>{line}</span>
            </div>
          );
        })}
      </div>
    </Card>
  );
}

/** 报文工作台: paste or upload a CEB message, check it in the sandbox, then declare it through the gateway. */
export function WorkbenchPage() {
  const { t, i18n } = useTranslation('enterprise');
  const [xml, setXml] = useState('');
  const [checked, setChecked] = useState<{ xml: string; result: SandboxResult } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const viewRef = useRef<HTMLDivElement>(null);

  const validate = useMutation({
    mutationFn: (text: string) =>
      api('/api/v1/sandbox/validate', {
        method: 'POST',
        raw: text,
        contentType: 'application/xml',
        schema: ZSandboxResult,
      }),
    onSuccess: (result, text) => setChecked({ xml: text, result }),
    onError: () => setChecked(null),
  });
  const submit = useMutation({ mutationFn: (text: string) => declare(text, i18n.language) });

  const result = checked?.result;
  const errors = result && !result.ok ? result.errors : [];
  const lines = useMemo(() => (checked ? xmlLines(checked.xml) : undefined), [checked]);

  const jumpTo = (e: FieldError) => {
    const line = lines?.locate(e.path === '/' ? e.rule : e.path);
    if (line === undefined || !viewRef.current) return;
    const el = viewRef.current.querySelector<HTMLElement>(`#wb-line-${line}`);
    if (el) viewRef.current.scrollTop = el.offsetTop - viewRef.current.clientHeight / 3;
  };

  const run = (action: 'validate' | 'declare') => {
    if (!xml.trim()) {
      setNotice(t('wb.empty'));
      return;
    }
    setNotice(null);
    if (action === 'validate') {
      // A new check replaces the last one's verdict at once: a failure must never leave an earlier success card.
      submit.reset();
      setChecked(null);
      validate.mutate(xml);
    } else {
      // The verdict shown must be of the text being declared: an earlier check of other text goes.
      if (checked && checked.xml !== xml) setChecked(null);
      submit.mutate(xml);
    }
  };

  return (
    <div data-testid="workbench">
      <Card style={{ marginBottom: 16 }}>
        <PageTitle title={t('wb.title')} help={t('wb.help')} />
        <Typography.Text strong>{t('wb.input')}</Typography.Text>
        <Input.TextArea
          id="wb-xml"
          aria-label={t('wb.input')}
          data-testid="wb-xml"
          value={xml}
          onChange={(e) => setXml(e.target.value)}
          placeholder={t('wb.placeholder')}
          autoSize={{ minRows: 8, maxRows: 16 }}
          spellCheck={false}
          style={{
            fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
            fontSize: 12,
            marginTop: 8,
          }}
        />
        <Space style={{ marginTop: 12 }} wrap>
          <Upload
            accept=".xml,text/xml,application/xml"
            showUploadList={false}
            beforeUpload={async (file) => {
              if (file.size > MAX_BYTES) setNotice(t('wb.tooLarge'));
              else {
                setXml(await file.text());
                setNotice(null);
              }
              return Upload.LIST_IGNORE;
            }}
          >
            <Button icon={<UploadOutlined />}>{t('wb.upload')}</Button>
          </Upload>
          <Button
            type="primary"
            icon={<CheckCircleOutlined />}
            onClick={() => run('validate')}
            loading={validate.isPending}
            data-testid="wb-validate"
          >
            {t('wb.validate')}
          </Button>
          <Popconfirm
            title={t('wb.declare')}
            description={t('wb.declareConfirm')}
            okText={t('wb.declare')}
            onConfirm={() => run('declare')}
            disabled={!xml.trim()}
          >
            <Button
              icon={<SendOutlined />}
              loading={submit.isPending}
              data-testid="wb-declare"
              onClick={() => !xml.trim() && setNotice(t('wb.empty'))}
            >
              {t('wb.declare')}
            </Button>
          </Popconfirm>
          <Button
            icon={<ClearOutlined />}
            onClick={() => {
              setXml('');
              setChecked(null);
              setNotice(null);
              validate.reset();
              submit.reset();
            }}
          >
            {t('wb.clear')}
          </Button>
        </Space>
        {notice && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={notice} />}
      </Card>

      <ActionError error={validate.error} />
      <ActionError error={submit.error} />

      {result && (
        <Card style={{ marginBottom: 16 }}>
          {result.ok ? (
            <Alert
              type="success"
              showIcon
              data-testid="wb-valid"
              title={t('wb.valid')}
              description={t('wb.validDesc', {
                type: result.messageType,
                name: i18n.language === 'en' ? '' : result.nameZh,
                direction: t(`wb.direction.${result.direction}`),
                version: result.version,
                count: result.documents,
                envelope: result.enveloped ? t('wb.envelope') : '',
              })}
            />
          ) : (
            <>
              <Alert
                type="error"
                showIcon
                data-testid="wb-invalid"
                title={t('wb.invalid')}
                description={t('wb.invalidDesc', {
                  code: result.code,
                  desc: result.desc,
                  type: result.messageType,
                  count: result.errors.length,
                })}
                style={{ marginBottom: 12 }}
              />
              <Table<FieldError & { n: number }>
                size="small"
                rowKey="n"
                data-testid="wb-errors"
                pagination={result.errors.length > 20 ? { pageSize: 20 } : false}
                dataSource={result.errors.map((e, n) => ({ ...e, n }))}
                onRow={(e) => ({ onClick: () => jumpTo(e), style: { cursor: 'pointer' } })}
                columns={[
                  {
                    title: t('wb.line'),
                    width: 64,
                    render: (_, e) => {
                      const line = lines?.locate(e.path === '/' ? e.rule : e.path);
                      return line === undefined ? '—' : line + 1;
                    },
                  },
                  {
                    title: t('wb.field'),
                    dataIndex: 'field',
                    render: (v: string, e) => (
                      <div>
                        <Typography.Text strong>{v}</Typography.Text>
                        <div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {e.path}
                          </Typography.Text>
                        </div>
                      </div>
                    ),
                  },
                  { title: t('wb.rule'), dataIndex: 'rule' },
                  {
                    title: t('wb.expected'),
                    dataIndex: 'expected',
                    render: (v?: string) => (v ? <Typography.Text code>{v}</Typography.Text> : '—'),
                  },
                  {
                    title: t('wb.actual'),
                    dataIndex: 'actual',
                    render: (v?: string) =>
                      v !== undefined ? <Typography.Text code>{v === '' ? '""' : v}</Typography.Text> : '—',
                  },
                ]}
              />
            </>
          )}
        </Card>
      )}
      {submit.data && (
        <ReceiptCard
          receipt={submit.data}
          direction={checked?.xml === submit.variables && result?.ok ? result.direction : undefined}
        />
      )}
      {checked && <XmlView xml={checked.xml} errors={errors} containerRef={viewRef} />}
    </div>
  );
}

/** The gateway's receipt: each document's returnStatus and returnInfo, and the receipt XML itself. */
function ReceiptCard({ receipt, direction }: { receipt: GatewayReceipt; direction?: 'import' | 'export' }) {
  const { t, i18n } = useTranslation('enterprise');
  const refused = receipt.entries.some((e) => e.returnStatus.startsWith('-'));
  return (
    <Card
      style={{ marginBottom: 16 }}
      title={t('wb.receipt')}
      data-testid="wb-receipt"
      extra={
        <Space>
          {direction && (
            <Link to={`/enterprise/${direction}`}>
              {t(direction === 'import' ? 'menu.import' : 'menu.export')}
            </Link>
          )}
          <Tag color={receipt.http === 200 && !refused ? 'green' : 'red'}>
            {t('wb.receiptDesc', {
              type: receipt.messageType,
              http: receipt.http,
              outcome: i18n.exists(`enterprise:wb.outcomes.${receipt.outcome}`)
                ? t(`wb.outcomes.${receipt.outcome}`)
                : receipt.outcome,
            })}
          </Tag>
        </Space>
      }
    >
      {receipt.replayed && (
        <Alert type="info" showIcon title={t('wb.replayed')} style={{ marginBottom: 12 }} />
      )}
      <Table<ReceiptEntry & { n: number }>
        size="small"
        rowKey="n"
        pagination={false}
        dataSource={receipt.entries.map((e, n) => ({ ...e, n }))}
        columns={[
          { title: t('wb.document'), dataIndex: 'entity' },
          { title: t('wb.key'), dataIndex: 'key' },
          {
            title: t('wb.returnStatus'),
            dataIndex: 'returnStatus',
            render: (v: string) => <StatusTag status={v} />,
          },
          {
            title: t('wb.returnInfo'),
            dataIndex: 'returnInfo',
            render: (v: string, r) => <ReceiptText status={r.returnStatus} returnInfo={v} />,
          },
          { title: t('wb.returnTime'), dataIndex: 'returnTime', render: (v: string) => cebTime(v) },
        ]}
      />
      <Collapse
        ghost
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'xml',
            label: t('wb.rawReceipt'),
            children: (
              <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12, margin: 0 }}>
                {xmlLines(receipt.xml).lines.join('\n')}
              </pre>
            ),
          },
        ]}
      />
    </Card>
  );
}
