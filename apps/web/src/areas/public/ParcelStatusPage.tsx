import { Card, Descriptions, Grid, Result, Tag, Timeline, Typography } from 'antd';
import {
  CheckCircleFilled,
  ClockCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ZPublicParcelStatus, type TPublicParcel } from '@crossgate/contract';
import { api, ApiError, qs } from '../../api/client.ts';
import { ErrorState, Loading } from '../../pages/States.tsx';
import { beijingTime } from '../../format.ts';
import { LookupSearch } from './LookupSearch.tsx';

/** How a status looks: released / closed green, refused red, inspection or detention orange, else blue. */
function tone(status: string): { color: string; icon: ReactNode } {
  if (status === '800' || status === '899') return { color: 'green', icon: <CheckCircleFilled /> };
  if (status === '100' || status === 'cancelled' || status.startsWith('-'))
    return { color: 'red', icon: <CloseCircleFilled /> };
  if (/^(500|50\d|599|700|300)$/.test(status)) return { color: 'orange', icon: <ExclamationCircleFilled /> };
  return { color: 'blue', icon: <ClockCircleFilled /> };
}

const HEX: Record<string, string> = { green: '#389e0d', red: '#cf1322', orange: '#d46b08', blue: '#1d39c4' };

/** /public/parcels?no=…: a parcel's clearance status by waybill number (statuses and times only). */
export function ParcelStatusPage() {
  const { t } = useTranslation('public');
  const [params, setParams] = useSearchParams();
  const no = (params.get('no') ?? '').trim();
  const q = useQuery({
    queryKey: ['public-parcel', no],
    queryFn: () => api(`/api/v1/public/parcels${qs({ logisticsNo: no })}`, { schema: ZPublicParcelStatus }),
    enabled: no !== '',
    retry: false,
  });
  const notFound = q.error instanceof ApiError && q.error.status === 404;
  return (
    <Card title={t('parcels.title')}>
      <LookupSearch
        key={no}
        value={no}
        label={t('parcels.placeholder')}
        testId="waybill-input"
        loading={q.isFetching}
        onSearch={(v) => setParams(v ? { no: v } : {})}
        maxWidth={560}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('parcels.hint')}
      </Typography.Paragraph>
      {no && q.isLoading && <Loading />}
      {notFound && (
        <Result
          status="warning"
          data-testid="parcel-not-found"
          title={t('parcels.notFound')}
          subTitle={
            <>
              {t('parcels.logisticsNo')}：<Typography.Text code>{no}</Typography.Text>
              <br />
              {t('parcels.notFoundHint')}
            </>
          }
        />
      )}
      {q.error && !notFound && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data?.parcels.map((p, i) => (
        <ParcelCard key={i} logisticsNo={q.data.logisticsNo} parcel={p} />
      ))}
    </Card>
  );
}

function ParcelCard({ logisticsNo, parcel: p }: { logisticsNo: string; parcel: TPublicParcel }) {
  const { t, i18n } = useTranslation('public');
  const en = i18n.language === 'en';
  // On a phone the timeline puts each time under its status, so the status keeps the screen's width.
  const phone = Grid.useBreakpoint().sm !== true;
  const current = tone(p.status);
  return (
    <Card
      type="inner"
      style={{ marginTop: 16 }}
      styles={phone ? { body: { padding: 12 } } : {}}
      data-testid="parcel-result"
      title={
        <span>
          {t('parcels.logisticsNo')} <Typography.Text copyable>{logisticsNo}</Typography.Text>
        </span>
      }
      extra={<Tag color={p.direction === 'import' ? 'geekblue' : 'cyan'}>{t(`parcels.${p.direction}`)}</Tag>}
    >
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          padding: '12px 16px',
          marginBottom: 16,
          borderRadius: 6,
          background: '#fafafa',
          borderLeft: `4px solid ${HEX[current.color]}`,
        }}
      >
        <span style={{ fontSize: 28, color: HEX[current.color] }}>{current.icon}</span>
        <div>
          <div style={{ color: '#8c8c8c', fontSize: 12 }}>{t('parcels.current')}</div>
          <div
            style={{ fontSize: 22, fontWeight: 600, color: HEX[current.color] }}
            data-testid="parcel-status"
          >
            {en ? p.statusEn : p.statusZh}
            <span style={{ fontSize: 13, color: '#8c8c8c', marginLeft: 8, fontWeight: 400 }}>{p.status}</span>
          </div>
        </div>
      </div>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'direction', label: t('parcels.direction'), children: t(`parcels.${p.direction}`) },
          { key: 'tradeMode', label: t('parcels.tradeMode'), children: en ? p.tradeModeEn : p.tradeModeZh },
          {
            key: 'customs',
            label: t('parcels.customs'),
            // The customs office table has Chinese names only: in English the office's code, the name on hover.
            children:
              p.customsZh && !en ? (
                `${p.customsZh}（${p.customsCode}）`
              ) : (
                <span title={p.customsZh ?? undefined}>
                  {t('parcels.customsOffice', { code: p.customsCode })}
                </span>
              ),
          },
          { key: 'declaredAt', label: t('parcels.declaredAt'), children: beijingTime(p.declaredAt) },
          {
            key: 'releasedAt',
            label: t('parcels.releasedAt'),
            children: beijingTime(p.releasedAt),
            span: 'filled' as const,
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('parcels.timeline')}
      </Typography.Title>
      <Timeline
        mode="start"
        {...(phone ? {} : { titleSpan: '200px' })}
        data-testid="parcel-timeline"
        items={p.timeline.map((e) => {
          const look = tone(e.status);
          const at = <span style={{ color: '#8c8c8c' }}>{beijingTime(e.at)}</span>;
          return {
            color: look.color === 'orange' ? '#d46b08' : look.color,
            ...(phone ? {} : { title: at }),
            content: (
              <span>
                <b>{en ? e.statusEn : e.statusZh}</b>
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  {e.status}
                </Typography.Text>
                {phone && <div style={{ fontSize: 12 }}>{at}</div>}
              </span>
            ),
          };
        })}
      />
    </Card>
  );
}
