import { useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Row,
  Space,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import {
  DeleteOutlined,
  DownloadOutlined,
  PlusOutlined,
  SearchOutlined,
  SendOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  clerkDetail,
  declarationElementsFor,
  ZBulkFilingResult,
  ZPage,
  ZProduct,
  ZProductFiling,
  type TBulkFilingResult,
  type TProduct,
  type TProductFiling,
  type TProductFilingInput,
} from '@crossgate/contract';
import { api, qs } from '../../../api/client.ts';
import { ActionError, ErrorState } from '../../../pages/States.tsx';
import { CellText, Clip } from '../../../components/CellText.tsx';
import { PagedTable, usePaging } from '../../../components/PagedTable.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { SearchInput } from '../../../components/SearchInput.tsx';
import { FilingStatusTag } from '../../../components/StatusTag.tsx';
import { codeLabel, CodeSelect, NoWrap, useCodeTable } from '../components/common.tsx';
import { HsCodeLookup } from '../components/HsCodeLookup.tsx';
import { beijingTime, money } from '../../../format.ts';
import { isRecord } from '../format.ts';
import { showFieldErrors, validBarcode } from '../forms.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type FilingStatus = TProductFiling['status'];

interface ProductForm {
  itemNo: string;
  nameZh: string;
  nameEn?: string;
  hsCode: string;
  /** `suggested`: an element the HS code's chapter asks for (decision 0038); left out of the filing while empty. */
  elements: { name: string; value: string; suggested?: boolean }[];
  originCountry?: string;
  brand?: string;
  barcode?: string;
  unit?: string;
  legalUnit1?: string;
  legalUnit2?: string;
  price: string;
  currency?: string;
  retailImport: boolean;
}

const DEFAULTS: Partial<ProductForm> = {
  elements: [
    { name: '品牌类型', value: '' },
    { name: '出口享惠情况', value: '' },
  ],
  currency: '142',
  retailImport: true,
};

const toInput = (v: ProductForm): TProductFilingInput => {
  const opt = (s: string | undefined) => (s && s.trim() !== '' ? s.trim() : undefined);
  return {
    itemNo: v.itemNo.trim(),
    nameZh: v.nameZh.trim(),
    nameEn: opt(v.nameEn),
    hsCode: v.hsCode.trim(),
    declarationElements: Object.fromEntries(
      v.elements
        .filter((e) => !(e.suggested && (e.value ?? '').trim() === ''))
        .map((e) => [e.name.trim(), (e.value ?? '').trim()]),
    ),
    originCountry: v.originCountry ?? '',
    brand: opt(v.brand),
    barcode: opt(v.barcode),
    unit: v.unit ?? '',
    legalUnit1: v.legalUnit1 ?? '',
    legalUnit2: opt(v.legalUnit2),
    price: v.price.trim(),
    currency: v.currency ?? '',
    retailImport: v.retailImport,
  };
};

function ProductFilingStatus({ status }: { status: FilingStatus | undefined }) {
  const { t } = useTranslation('enterprise');
  if (!status) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <FilingStatusTag status={status} data-testid="filing-status" data-status={status}>
      {t(`products.filingStatuses.${status}`)}
    </FilingStatusTag>
  );
}

type Element = ProductForm['elements'][number];

/** Element values the form already knows: 品名 from the product name, 品牌 from the brand. */
const known = (v: Partial<ProductForm>): Record<string, string | undefined> => ({
  品名: v.nameZh?.trim(),
  品牌: v.brand?.trim(),
});

/**
 * The elements for an HS code's chapter (domain declarationElementsFor): its names in order, each keeping a value
 * already typed for it; the first two and 品名 are required, the chapter's others suggested; elements the filer
 * added by hand stay after them.
 */
function elementsForCode(hsCode: string, v: Partial<ProductForm>): Element[] | null {
  const list = declarationElementsFor(hsCode);
  if (!list) return null;
  const current = v.elements ?? [];
  const typed = new Map(current.map((e) => [(e.name ?? '').trim(), e.value ?? '']));
  const fill = known(v);
  const named = list.names.map((name, i) => ({
    name,
    value: typed.get(name) || fill[name] || '',
    ...(i >= 3 ? { suggested: true } : {}),
  }));
  const extra = current.filter((e) => e.name && !list.names.includes(e.name.trim()) && !e.suggested);
  return [...named, ...extra];
}

/** 单个备案: one product with its HS code, declaration elements, units and the positive-list switch. */
function SingleFiling({ onFiled }: { onFiled: (f: TProductFiling) => void }) {
  const { t } = useTranslation('enterprise');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductForm>();
  const chapterOf = useRef<string | null>(null);
  const file = useMutation({
    mutationFn: (v: ProductForm) =>
      api('/api/v1/filings/products', { method: 'POST', body: toInput(v), schema: ZProductFiling }),
    onSuccess: (filing) => {
      void message.success(
        t('products.filed', { itemNo: filing.itemNo, status: t(`products.filingStatuses.${filing.status}`) }),
      );
      form.resetFields();
      onFiled(filing);
    },
    onError: (error) =>
      showFieldErrors(form, error, (path) => {
        if (path[0] !== 'declarationElements') return path;
        const name = String(path[1] ?? '');
        const elements: unknown = form.getFieldValue('elements');
        const at = Array.isArray(elements)
          ? elements.findIndex((e: unknown) => isRecord(e) && String(e.name ?? '').trim() === name)
          : -1;
        return at >= 0 ? ['elements', at, 'value'] : ['elements'];
      }),
  });
  const required = (label: string) => ({ required: true, message: t('common.required', { label }) });
  return (
    <Form<ProductForm>
      form={form}
      name="pf"
      layout="vertical"
      initialValues={DEFAULTS}
      // The values hold registered fields only: the elements (with their suggested flags) come from the store.
      onFinish={(v) => file.mutate({ ...v, elements: form.getFieldValue('elements') ?? v.elements })}
      onValuesChange={(changed: Partial<ProductForm>, registered: ProductForm) => {
        // allValues holds registered fields only: the elements' `suggested` flags are read from the store.
        const all: ProductForm = { ...registered, elements: form.getFieldValue('elements') ?? [] };
        // The HS code's chapter decides the 申报要素 (issue 17); a new chapter brings its list.
        if (changed.hsCode !== undefined) {
          const chapter = /^\d{2}/.exec(changed.hsCode.trim())?.[0];
          if (chapter && chapter !== chapterOf.current) {
            const next = elementsForCode(changed.hsCode, all);
            if (next) {
              chapterOf.current = chapter;
              form.setFieldValue('elements', next);
            }
          }
        }
        if (changed.nameZh !== undefined || changed.brand !== undefined) {
          const fill = known(all);
          const elements = (all.elements ?? []).map((e) =>
            (e.value ?? '') === '' && fill[e.name] ? { ...e, value: fill[e.name] as string } : e,
          );
          if (elements.some((e, i) => e !== all.elements[i])) form.setFieldValue('elements', elements);
        }
      }}
      data-testid="product-form"
    >
      <ActionError error={file.error} />
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="itemNo"
            label={t('products.itemNo')}
            rules={[required(t('products.itemNo')), { max: 30 }]}
          >
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="nameZh"
            label={t('products.nameZh')}
            rules={[required(t('products.nameZh')), { max: 250 }]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="nameEn" label={t('products.nameEn')} rules={[{ max: 250 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="hsCode"
            label={t('products.hsCode')}
            rules={[required(t('products.hsCode')), { pattern: /^\d{10}$/, message: t('products.hsRule') }]}
          >
            <HsCodeLookup />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="originCountry"
            label={t('products.originCountry')}
            rules={[required(t('products.originCountry'))]}
          >
            <CodeSelect table="countries" testId="pf-origin" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="brand" label={t('products.brand')} rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="barcode"
            label={t('products.barcode')}
            rules={[
              {
                validator: async (_, v: string | undefined) => {
                  if (v && !validBarcode(v.trim())) throw new Error(t('products.barcodeRule'));
                },
              },
            ]}
          >
            <Input maxLength={14} placeholder="6901234567892" />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="unit" label={t('products.unit')} rules={[required(t('products.unit'))]}>
            <CodeSelect table="units" testId="pf-unit" />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item
            name="legalUnit1"
            label={t('products.legalUnit1')}
            rules={[required(t('products.legalUnit1'))]}
          >
            <CodeSelect table="units" testId="pf-legal1" />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="legalUnit2" label={t('products.legalUnit2')}>
            <CodeSelect table="units" allowClear />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item
            name="price"
            label={t('products.price')}
            rules={[
              required(t('products.price')),
              { pattern: /^\d{1,14}(\.\d{1,5})?$/, message: t('products.priceRule') },
            ]}
          >
            <Input inputMode="decimal" placeholder="268.00" />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item
            name="currency"
            label={t('products.currency')}
            rules={[required(t('products.currency'))]}
          >
            <CodeSelect table="currencies" testId="pf-currency" />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item
            name="retailImport"
            label={t('products.retailImport')}
            valuePropName="checked"
            tooltip={t('products.retailImportHelp')}
          >
            <Switch data-testid="pf-retail" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>{t('products.elements')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="pf-elements-help">
        {t('products.elementsHelp')}
      </Typography.Paragraph>
      <Form.List
        name="elements"
        rules={[
          {
            validator: async (_, v: unknown[]) => {
              if (!v || v.length === 0)
                throw new Error(t('common.required', { label: t('products.elements') }));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <div style={{ marginTop: 8 }}>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item
                  name={[field.name, 'name']}
                  rules={[required(t('products.elementName'))]}
                  style={{ width: 200 }}
                >
                  <Input
                    placeholder={t('products.elementName')}
                    aria-label={t('products.elementName')}
                    data-testid="pf-element-name"
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'value']}
                  rules={[
                    ...(form.getFieldValue(['elements', field.name, 'suggested']) === true
                      ? []
                      : [required(t('products.elementValue'))]),
                    { max: 255 },
                  ]}
                  style={{ width: 360 }}
                >
                  <Input
                    placeholder={
                      form.getFieldValue(['elements', field.name, 'suggested']) === true
                        ? t('products.elementSuggested')
                        : t('products.elementValue')
                    }
                    aria-label={t('products.elementValue')}
                  />
                </Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="remove" />
              </Space>
            ))}
            <Form.Item>
              <Button type="dashed" onClick={() => add({ name: '', value: '' })} icon={<PlusOutlined />}>
                {t('products.addElement')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          </div>
        )}
      </Form.List>
      <Space>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SendOutlined />}
          loading={file.isPending}
          data-testid="pf-submit"
        >
          {t('products.submit')}
        </Button>
        <Button onClick={() => form.resetFields()}>{tc('action.reset')}</Button>
      </Space>
    </Form>
  );
}

/** 批量导入: the Excel template out, the filled workbook in, every problem by row and field. */
function BulkFiling({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation('enterprise');
  const upload = useMutation({
    mutationFn: (file: File) =>
      api('/api/v1/filings/products/bulk', {
        method: 'POST',
        raw: file,
        contentType: XLSX,
        schema: ZBulkFilingResult,
      }),
    onSuccess: onDone,
  });
  const result: TBulkFilingResult | undefined = upload.data;
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('products.bulkHelp')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <Button icon={<DownloadOutlined />} href="/api/v1/filings/products/template.xlsx" download>
          {t('products.template')}
        </Button>
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          beforeUpload={(file) => {
            upload.mutate(file);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending}>
            {t('products.upload')}
          </Button>
        </Upload>
      </Space>
      {upload.isError && <ErrorState error={upload.error} />}
      {result && (
        <div data-testid="bulk-result">
          <Alert
            type={result.problems.length === 0 ? 'success' : result.imported > 0 ? 'warning' : 'error'}
            showIcon
            title={t('products.bulkResult', {
              rows: result.rows,
              imported: result.imported,
              problems: result.problems.length,
            })}
            style={{ marginBottom: 12 }}
          />
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col span={8}>
              <Statistic title={t('products.row')} value={result.rows} />
            </Col>
            <Col span={8}>
              <Statistic
                title={t('products.importedItems')}
                value={result.imported}
                styles={{ content: { color: '#389e0d' } }}
              />
            </Col>
            <Col span={8}>
              <Statistic
                title={t('products.rule')}
                value={result.problems.length}
                styles={{ content: { color: result.problems.length ? '#cf1322' : undefined } }}
              />
            </Col>
          </Row>
          {result.problems.length > 0 && (
            <Table
              size="small"
              rowKey={(p) => `${p.row}-${p.field}-${p.rule}`}
              dataSource={result.problems}
              pagination={result.problems.length > 20 ? { pageSize: 20 } : false}
              columns={[
                { title: t('products.row'), dataIndex: 'row', width: 80 },
                {
                  title: t('products.field'),
                  dataIndex: 'field',
                  width: 180,
                  render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
                },
                {
                  title: t('products.rule'),
                  dataIndex: 'rule',
                  // one language, for a clerk; the rule as the server wrote it on hover
                  render: (rule: string, p) => (
                    <span title={rule} data-testid="problem-rule">
                      {
                        clerkDetail(
                          { field: p.field, rule, ...(p.actual !== undefined ? { actual: p.actual } : {}) },
                          i18n.language === 'en' ? 'en' : 'zh-CN',
                        ).text
                      }
                    </span>
                  ),
                },
                { title: t('products.actual'), dataIndex: 'actual', render: (v?: string) => v ?? '—' },
              ]}
            />
          )}
          {result.products.length > 0 && (
            <Typography.Paragraph style={{ marginTop: 12 }}>
              {t('products.importedItems')}:{' '}
              {result.products.map((p) => (
                <Tag key={p.id}>
                  {p.row}: {p.itemNo}
                </Tag>
              ))}
            </Typography.Paragraph>
          )}
        </div>
      )}
    </div>
  );
}

/** 商品备案: file one product or many, and the enterprise's products with their filing status. */
export function ProductsPage() {
  const { t, i18n } = useTranslation('enterprise');
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const paging = usePaging(10, true);
  const { page, pageSize } = paging;
  const [latest, setLatest] = useState<TProductFiling | null>(null);
  const units = useCodeTable('units');
  const countries = useCodeTable('countries');
  const list = useQuery({
    queryKey: ['enterprise', 'products', search, page, pageSize],
    placeholderData: keepPreviousData,
    queryFn: () => api(`/api/v1/products${qs({ q: search, page, pageSize })}`, { schema: ZPage(ZProduct) }),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['enterprise', 'products'] });
  const lng = i18n.language;
  const statusOf = (p: TProduct): FilingStatus | undefined =>
    latest?.id === p.id ? latest.status : p.status;

  return (
    <div data-testid="products-page">
      <Card style={{ marginBottom: 16 }}>
        <PageTitle title={t('products.title')} />
        <Tabs
          items={[
            {
              key: 'single',
              label: t('products.single'),
              children: (
                <SingleFiling
                  onFiled={(f) => {
                    setLatest(f);
                    setSearch('');
                    setQ('');
                    paging.setPage(1);
                    refresh();
                  }}
                />
              ),
            },
            { key: 'bulk', label: t('products.bulk'), children: <BulkFiling onDone={refresh} /> },
          ]}
        />
      </Card>
      <Card
        title={t('products.list')}
        data-testid="products-list"
        extra={
          <SearchInput
            label={t('products.search')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={paging.filter(setSearch)}
            enterButton={<SearchOutlined />}
            style={{ width: 300 }}
          />
        }
      >
        <PagedTable<TProduct>
          size="middle"
          query={list}
          paging={paging}
          tableLayout="fixed"
          scroll={{ x: 1430 }}
          rowClassName={(p) => (p.id === latest?.id ? 'ant-table-row-selected' : '')}
          columns={[
            {
              title: t('products.itemNo'),
              dataIndex: 'itemNo',
              // wide enough for a 12-character number in bold with its copy button: narrower, antd's measured
              // ellipsis shows only "…" (seen on 2026-12-07)
              width: 200,
              render: (v: string) => (
                <CellText value={v}>
                  <Typography.Text strong>{v}</Typography.Text>
                </CellText>
              ),
            },
            {
              title: t('products.nameZh'),
              dataIndex: 'nameZh',
              width: 170,
              render: (v: string) => <CellText value={v} copy={false} />,
            },
            {
              title: t('products.hsCode'),
              dataIndex: 'hsCode',
              width: 130,
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            {
              title: t('products.spec'),
              dataIndex: 'spec',
              width: 150,
              render: (v: string | null) => <CellText value={v} copy={false} />,
            },
            {
              title: t('products.originCountry'),
              dataIndex: 'originCountry',
              width: 130,
              render: (v: string) => {
                const label = codeLabel(countries.data, v, lng);
                return <Clip title={label}>{label}</Clip>;
              },
            },
            {
              title: t('products.unit'),
              dataIndex: 'unit',
              width: 90,
              render: (v: string) => {
                const label = codeLabel(units.data, v, lng);
                return <Clip title={label}>{label}</Clip>;
              },
            },
            {
              title: t('products.price'),
              dataIndex: 'price',
              align: 'right',
              width: 120,
              render: (v: string, p) => <NoWrap>{money(v, p.currency, lng)}</NoWrap>,
            },
            {
              title: t('products.barcode'),
              dataIndex: 'barcode',
              width: 160,
              render: (v: string | null) => <CellText value={v} />,
            },
            {
              title: t('products.filingStatus'),
              key: 'status',
              width: 110,
              render: (_, p) => <ProductFilingStatus status={statusOf(p)} />,
            },
            {
              title: t('products.updatedAt'),
              dataIndex: 'updatedAt',
              width: 170,
              render: (v: string) => <NoWrap>{beijingTime(v)}</NoWrap>,
            },
          ]}
        />
      </Card>
    </div>
  );
}
