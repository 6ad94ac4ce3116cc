import { Card, Descriptions, Segmented, Space, Typography } from 'antd';
import { BarcodeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ZCodeEntry, ZPage, ZPublicProduct } from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { EmptyState, ErrorState } from '../../pages/States.tsx';
import { beijingTime } from '../../format.ts';
import { LookupSearch } from './LookupSearch.tsx';

type By = 'itemNo' | 'barcode';
type TPublicProduct = ReturnType<typeof ZPublicProduct.parse>;

/** /public/products?itemNo=…|barcode=…: a filed product, traced by its item number or barcode. */
export function ProductLookupPage() {
  const { t } = useTranslation('public');
  const [params, setParams] = useSearchParams();
  const by: By = params.has('barcode') ? 'barcode' : 'itemNo';
  const value = (params.get(by) ?? '').trim();
  const q = useQuery({
    queryKey: ['public-products', by, value],
    queryFn: () => api(`/api/v1/public/products${qs({ [by]: value })}`, { schema: ZPublicProduct.array() }),
    enabled: value !== '',
    retry: false,
  });
  return (
    <Card title={t('products.title')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Segmented<By>
          value={by}
          data-testid="product-by"
          options={[
            { value: 'itemNo', label: t('products.byItemNo') },
            { value: 'barcode', label: t('products.byBarcode') },
          ]}
          onChange={(next) => setParams(value ? { [next]: value } : { [next]: '' })}
        />
        <LookupSearch
          key={`${by}:${value}`}
          value={value}
          prefix={by === 'barcode' ? <BarcodeOutlined /> : undefined}
          label={by === 'barcode' ? t('products.placeholderBarcode') : t('products.placeholderItemNo')}
          testId="product-input"
          loading={q.isFetching}
          onSearch={(v) => setParams({ [by]: v })}
          maxWidth={560}
        />
      </Space>
      <div style={{ marginTop: 16 }}>
        {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
        {q.data && q.data.length === 0 && <EmptyState description={t('products.none')} />}
        {q.data?.map((p) => (
          <ProductCard key={`${p.enterpriseCode}:${p.itemNo}`} product={p} />
        ))}
      </div>
    </Card>
  );
}

function ProductCard({ product: p }: { product: TPublicProduct }) {
  const { t, i18n } = useTranslation('public');
  const origin = useQuery({
    queryKey: ['country', p.originCountry],
    queryFn: () =>
      api(`/api/v1/reference/codes/countries${qs({ q: p.originCountry, pageSize: 5 })}`, {
        schema: ZPage(ZCodeEntry),
      }),
    staleTime: Infinity,
  });
  const country = origin.data?.items.find((c) => c.code === p.originCountry);
  const countryName = country
    ? i18n.language === 'en'
      ? (country.nameEn ?? country.nameZh)
      : country.nameZh
    : '';
  return (
    <Card type="inner" style={{ marginBottom: 12 }} data-testid="product-result" title={p.nameZh}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'itemNo', label: t('products.itemNo'), children: p.itemNo },
          { key: 'hsCode', label: t('products.hsCode'), children: p.hsCode },
          { key: 'brand', label: t('products.brand'), children: p.brand ?? '—' },
          {
            key: 'barcode',
            label: t('products.barcode'),
            children: p.barcode ? <Typography.Text copyable>{p.barcode}</Typography.Text> : '—',
          },
          {
            key: 'origin',
            label: t('products.origin'),
            children: countryName ? `${countryName}（${p.originCountry}）` : p.originCountry,
          },
          { key: 'filedAt', label: t('products.filedAt'), children: beijingTime(p.filedAt) },
          {
            key: 'enterprise',
            label: t('products.enterprise'),
            children: `${p.enterprise}（${p.enterpriseCode}）`,
            span: 'filled' as const,
          },
        ]}
      />
    </Card>
  );
}
