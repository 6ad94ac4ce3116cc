import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tabs,
  Typography,
  Upload,
} from 'antd';
import {
  DownloadOutlined,
  FilePdfOutlined,
  QrcodeOutlined,
  SearchOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  TRACE_EVENT_KINDS,
  ZPage,
  ZTraceCode,
  ZTraceEventRecorded,
  type TTraceCode,
} from '@crossgate/contract';
import { api, qs } from '../../../api/client.ts';
import { ActionError, ErrorState } from '../../../pages/States.tsx';
import { CellText } from '../../../components/CellText.tsx';
import { PagedTable, usePaging } from '../../../components/PagedTable.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { SearchInput } from '../../../components/SearchInput.tsx';
import { beijingTime } from '../../../format.ts';
import { showFieldErrors } from '../forms.ts';
import './texts.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const grouped = (code: string) => `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
const labelsPdf = (codes: string[]) => `/api/v1/trace/labels.pdf${qs({ codes: codes.join(',') })}`;

/**
 * /enterprise/trace (质量追溯, issue 21; decision 0049): the enterprise's 云关码 — product codes and parcel-line
 * codes — with their labels (PNG, SVG, an A4 PDF sheet), the public chain page, the EPCIS export, and a form to
 * record production batches and logistics steps.
 */
export function TracePage() {
  const { t } = useTranslation('trace');
  const [kind, setKind] = useState<'product' | 'line'>('product');
  const [recordFor, setRecordFor] = useState<string | null>(null);
  const { message } = App.useApp();
  const upload = useMutation({
    mutationFn: (file: File) =>
      api('/api/v1/trace/events/upload', {
        method: 'POST',
        raw: file,
        contentType: XLSX,
        schema: ZTraceEventRecorded,
      }),
    onSuccess: (r) => void message.success(t('uploaded', { n: r.recorded })),
  });
  return (
    <Card>
      <PageTitle
        title={t('title')}
        help={t('help')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href="/api/v1/trace/events/template.xlsx" download>
              {t('template')}
            </Button>
            <Upload
              accept={`.xlsx,${XLSX}`}
              showUploadList={false}
              beforeUpload={(file) => {
                upload.mutate(file);
                return Upload.LIST_IGNORE;
              }}
            >
              <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="trace-upload">
                {t('upload')}
              </Button>
            </Upload>
            <Button type="primary" onClick={() => setRecordFor('')} data-testid="trace-record-open">
              {t('record')}
            </Button>
          </>
        }
      />
      {upload.isError && <ErrorState error={upload.error} />}
      <Tabs
        activeKey={kind}
        onChange={(k) => setKind(k as 'product' | 'line')}
        items={[
          { key: 'product', label: t('products') },
          { key: 'line', label: t('lines') },
        ]}
      />
      <CodeList key={kind} kind={kind} onRecord={(code) => setRecordFor(code)} />
      {recordFor !== null && <RecordEvent code={recordFor} kind={kind} onClose={() => setRecordFor(null)} />}
    </Card>
  );
}

function CodeList({ kind, onRecord }: { kind: 'product' | 'line'; onRecord: (code: string) => void }) {
  const { t } = useTranslation('trace');
  const paging = usePaging(20);
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const { page, pageSize } = paging;
  const list = useQuery({
    queryKey: ['trace-codes', kind, search, page, pageSize],
    queryFn: () =>
      api(`/api/v1/trace/codes${qs({ kind, q: search, page, pageSize })}`, { schema: ZPage(ZTraceCode) }),
    placeholderData: keepPreviousData,
  });
  const pageCodes = (list.data?.items ?? []).map((c) => c.code);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchInput
          label={t('search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={paging.filter(setSearch)}
          enterButton={<SearchOutlined />}
          style={{ width: 340 }}
        />
        <Button
          icon={<FilePdfOutlined />}
          disabled={selected.length === 0}
          href={selected.length > 0 ? labelsPdf(selected) : undefined}
          target="_blank"
          data-testid="trace-print-selected"
        >
          {t('printSelected')} {selected.length > 0 ? `· ${t('selected', { n: selected.length })}` : ''}
        </Button>
        <Button
          icon={<FilePdfOutlined />}
          disabled={pageCodes.length === 0}
          href={pageCodes.length > 0 ? labelsPdf(pageCodes) : undefined}
          target="_blank"
          data-testid="trace-print-page"
        >
          {t('printPage')}
        </Button>
      </Space>
      <PagedTable<TTraceCode>
        size="middle"
        query={list}
        paging={paging}
        rowKey="code"
        tableLayout="fixed"
        scroll={{ x: kind === 'line' ? 1350 : 1080 }}
        data-testid={`trace-codes-${kind}`}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(String)),
          preserveSelectedRowKeys: true,
        }}
        columns={[
          {
            title: t('code'),
            dataIndex: 'code',
            width: 200,
            render: (v: string) => (
              <CellText value={v}>
                <Typography.Text strong style={{ fontFamily: 'monospace' }} data-testid="trace-code">
                  {grouped(v)}
                </Typography.Text>
              </CellText>
            ),
          },
          {
            title: t('itemNo'),
            dataIndex: 'itemNo',
            width: 140,
            render: (v: string | null) => <CellText value={v} copy={false} />,
          },
          {
            title: t('name'),
            dataIndex: 'nameZh',
            width: 200,
            render: (v: string | null) => <CellText value={v} copy={false} />,
          },
          ...(kind === 'line'
            ? [
                {
                  title: t('parcel'),
                  key: 'parcel',
                  width: 200,
                  render: (_: unknown, c: TTraceCode) => (
                    <CellText value={[c.invtNo, c.logisticsNo].filter((x) => x).join(' / ')} copy={false} />
                  ),
                },
                { title: t('gnum'), dataIndex: 'gnum', width: 70 },
              ]
            : []),
          {
            title: t('issuedAt'),
            dataIndex: 'issuedAt',
            width: 170,
            render: (v: string) => beijingTime(v),
          },
          {
            title: t('actions'),
            key: 'actions',
            width: 390,
            render: (_: unknown, c: TTraceCode) => (
              <Space size={4} wrap={false}>
                <Button
                  size="small"
                  type="link"
                  icon={<QrcodeOutlined />}
                  href={`/t/${c.code}`}
                  target="_blank"
                  data-testid="trace-open"
                >
                  {t('open')}
                </Button>
                <Button
                  size="small"
                  href={`/api/v1/trace/codes/${c.code}/label.png`}
                  download={`${c.code}.png`}
                >
                  {t('png')}
                </Button>
                <Button
                  size="small"
                  href={`/api/v1/trace/codes/${c.code}/label.svg`}
                  download={`${c.code}.svg`}
                >
                  {t('svg')}
                </Button>
                <Button size="small" href={`/api/v1/trace/codes/${c.code}/epcis`} download>
                  {t('epcis')}
                </Button>
                <Button size="small" onClick={() => onRecord(c.code)}>
                  {t('recordRow')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

interface EventForm {
  code: string;
  eventType: (typeof TRACE_EVENT_KINDS)[number];
  /** the date picker's value (a dayjs instance) */
  eventTime: { toISOString(): string };
  place: string;
  placeCode?: string;
  batch?: string;
  quantity?: string;
  note?: string;
}

function RecordEvent({
  code,
  kind,
  onClose,
}: {
  code: string;
  kind: 'product' | 'line';
  onClose: () => void;
}) {
  const { t } = useTranslation('trace');
  const { message } = App.useApp();
  const [form] = Form.useForm<EventForm>();
  const blank = (s: string | undefined) => (s && s.trim() !== '' ? s.trim() : null);
  const record = useMutation({
    mutationFn: (v: EventForm) =>
      api('/api/v1/trace/events', {
        method: 'POST',
        body: {
          code: v.code.trim(),
          eventType: v.eventType,
          eventTime: v.eventTime.toISOString(),
          place: v.place.trim(),
          placeCode: blank(v.placeCode),
          batch: blank(v.batch),
          quantity: blank(v.quantity),
          note: blank(v.note),
        },
        schema: ZTraceEventRecorded,
      }),
    onSuccess: () => {
      void message.success(t('recorded'));
      onClose();
    },
    onError: (error) => showFieldErrors(form, error, (path) => (path[0] === 'body' ? path.slice(1) : path)),
  });
  const required = (label: string) => ({ required: true, message: t('required', { label }) });
  return (
    <Modal
      open
      title={t('eventTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('submit')}
      confirmLoading={record.isPending}
      width={520}
      okButtonProps={{ 'data-testid': 'trace-record-submit' } as Record<string, string>}
    >
      <Typography.Paragraph type="secondary">{t('eventHelp')}</Typography.Paragraph>
      <ActionError error={record.error} />
      <Form<EventForm>
        form={form}
        layout="vertical"
        initialValues={{ code, eventType: kind === 'product' ? 'production' : 'warehouse_out' }}
        onFinish={(v) => record.mutate(v)}
      >
        <Form.Item name="code" label={t('code')} rules={[required(t('code'))]}>
          <Input data-testid="trace-event-code" />
        </Form.Item>
        <Form.Item name="eventType" label={t('eventType')} rules={[required(t('eventType'))]}>
          <Select options={TRACE_EVENT_KINDS.map((k) => ({ value: k, label: t(`types.${k}`) }))} />
        </Form.Item>
        <Form.Item name="eventTime" label={t('eventTime')} rules={[required(t('eventTime'))]}>
          <DatePicker showTime style={{ width: '100%' }} data-testid="trace-event-time" />
        </Form.Item>
        <Form.Item name="place" label={t('place')} rules={[required(t('place'))]}>
          <Input data-testid="trace-event-place" />
        </Form.Item>
        <Form.Item name="placeCode" label={t('placeCode')}>
          <Input />
        </Form.Item>
        <Form.Item name="batch" label={t('batch')}>
          <Input data-testid="trace-event-batch" />
        </Form.Item>
        <Form.Item name="quantity" label={t('quantity')}>
          <Input />
        </Form.Item>
        <Form.Item name="note" label={t('note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
