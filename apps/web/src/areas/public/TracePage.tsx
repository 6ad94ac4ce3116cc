import { Card, Descriptions, Empty, Result, Tag, Timeline, Typography } from 'antd';
import { SafetyCertificateFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ZPublicTrace, type TTraceChain } from '@crossgate/contract';
import { api } from '../../api/client.ts';
import { ErrorState, Loading } from '../../pages/States.tsx';
import { beijingTime } from '../../format.ts';
import { LookupSearch } from './LookupSearch.tsx';

/** A code as printed on labels: groups of 4, 4 and 5. */
const grouped = (code: string) => `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;

/**
 * /t/:code (what a label's QR code opens) and /public/trace: the chain behind a 云关码 — product, origin, batch,
 * filing, the parcel's clearance facts and every recorded step. Fits a 390 px phone; Chinese first. A mistyped
 * code (check character) and a code never issued each get their own honest page.
 */
export function TracePage() {
  const { t } = useTranslation('public');
  const navigate = useNavigate();
  const code = (useParams().code ?? '').trim();
  const q = useQuery({
    queryKey: ['public-trace', code],
    queryFn: () => api(`/api/v1/public/trace/${encodeURIComponent(code)}`, { schema: ZPublicTrace }),
    enabled: code !== '',
    retry: false,
  });
  return (
    <Card title={t('trace.title')} styles={{ body: { padding: 12 } }}>
      <LookupSearch
        key={code}
        value={code}
        label={t('trace.placeholder')}
        testId="trace-input"
        loading={q.isFetching}
        onSearch={(v) => navigate(v ? `/t/${encodeURIComponent(v.trim())}` : '/public/trace')}
        maxWidth={560}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('trace.hint')}
      </Typography.Paragraph>
      {code && q.isLoading && <Loading />}
      {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && q.data.result !== 'found' && (
        <Result
          status={q.data.result === 'typo' ? 'warning' : 'error'}
          data-testid={q.data.result === 'typo' ? 'trace-typo' : 'trace-not-found'}
          title={q.data.result === 'typo' ? t('trace.typo') : t('trace.notFound')}
          subTitle={
            <>
              <Typography.Text code>{q.data.code}</Typography.Text>
              <br />
              {t('trace.lang') === 'en' ? q.data.messageEn : q.data.messageZh}
            </>
          }
        />
      )}
      {q.data?.result === 'found' && <Chain chain={q.data.chain} />}
    </Card>
  );
}

function Chain({ chain }: { chain: TTraceChain }) {
  const { t } = useTranslation('public');
  const en = t('trace.lang') === 'en';
  const p = chain.product;
  const parcel = chain.parcel;
  return (
    <div data-testid="trace-chain">
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          padding: '12px 14px',
          margin: '8px 0 16px',
          borderRadius: 6,
          background: '#f6ffed',
          borderLeft: '4px solid #389e0d',
        }}
      >
        <SafetyCertificateFilled style={{ fontSize: 28, color: '#389e0d' }} />
        <div style={{ minWidth: 0 }}>
          <div style={{ fontSize: 16, fontWeight: 600 }} data-testid="trace-product-name">
            {p ? (en && p.nameEn ? p.nameEn : p.nameZh) : t('trace.unfiled')}
          </div>
          <div style={{ color: '#8c8c8c', fontSize: 12, wordBreak: 'break-all' }}>
            {t('trace.code')} {grouped(chain.code)} ·{' '}
            {chain.kind === 'line' ? t('trace.kindLine') : t('trace.kindProduct')}
          </div>
        </div>
      </div>
      {p && (
        <Descriptions
          bordered
          size="small"
          column={1}
          title={t('trace.product')}
          data-testid="trace-product"
          items={[
            { key: 'owner', label: t('trace.owner'), children: en && p.ownerEn ? p.ownerEn : p.ownerZh },
            {
              key: 'origin',
              label: t('trace.origin'),
              children: p.originZh && !en ? `${p.originZh}（${p.originCountry}）` : p.originCountry,
            },
            { key: 'brand', label: t('trace.brand'), children: p.brand ?? '—' },
            { key: 'itemNo', label: t('trace.itemNo'), children: p.itemNo },
            { key: 'hs', label: t('trace.hsCode'), children: p.hsCode },
            {
              key: 'filing',
              label: t('trace.filing'),
              children: (
                <Tag color={p.filingStatus === 'approved' ? 'green' : 'orange'} data-testid="trace-filing">
                  {en ? p.filingStatusEn : p.filingStatusZh}
                </Tag>
              ),
            },
            {
              key: 'batch',
              label: t('trace.batch'),
              children: (
                <span data-testid="trace-batch">
                  {chain.kind === 'line' ? (chain.batch ?? '—') : chain.batches.join('、') || '—'}
                </span>
              ),
            },
          ]}
        />
      )}
      {parcel && (
        <Descriptions
          bordered
          size="small"
          column={1}
          style={{ marginTop: 16 }}
          title={t('trace.parcel')}
          data-testid="trace-parcel"
          items={[
            {
              key: 'mode',
              label: t('trace.tradeMode'),
              children: en ? parcel.tradeModeEn : parcel.tradeModeZh,
            },
            {
              key: 'customs',
              label: t('trace.customs'),
              children:
                parcel.customsZh && !en ? `${parcel.customsZh}（${parcel.customsCode}）` : parcel.customsCode,
            },
            {
              key: 'status',
              label: t('trace.status'),
              children: (
                <Tag color={parcel.status === '800' || parcel.status === '899' ? 'green' : 'blue'}>
                  {en ? parcel.statusEn : parcel.statusZh}
                </Tag>
              ),
            },
            { key: 'declared', label: t('trace.declaredAt'), children: beijingTime(parcel.declaredAt) },
            {
              key: 'released',
              label: t('trace.releasedAt'),
              children: <span data-testid="trace-released">{beijingTime(parcel.releasedAt)}</span>,
            },
          ]}
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('trace.steps')}
      </Typography.Title>
      {chain.steps.length === 0 ? (
        <Empty description={t('trace.noSteps')} />
      ) : (
        <Timeline
          data-testid="trace-steps"
          items={chain.steps.map((s) => ({
            color: s.source === 'clearance' ? 'blue' : 'green',
            content: (
              <div style={{ minWidth: 0 }}>
                <b>{en ? s.nameEn : s.nameZh}</b>
                {s.batch && (
                  <Tag style={{ marginLeft: 6 }} color="gold">
                    {t('trace.batch')} {s.batch}
                  </Tag>
                )}
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>{beijingTime(s.at)}</div>
                <div style={{ fontSize: 12, wordBreak: 'break-all' }}>
                  {[s.place, en ? s.byEn : s.byZh].filter((x) => x).join(' · ')}
                </div>
              </div>
            ),
          }))}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12 }}>
        {t('trace.privacy')}
      </Typography.Paragraph>
    </div>
  );
}
