import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Radio, Row, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ZAuditEntry, ZPage, ZZone } from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { useAuth } from '../../auth.tsx';
import { ErrorState, Loading } from '../../pages/States.tsx';
import { CardTitle } from '../../components/PageTitle.tsx';
import { beijingTime } from '../../format.ts';
import { isCustomsAdmin, useCodeNames } from './shared.tsx';

type Sequencing = 'arrival_then_release' | 'release_then_arrival';
const DEFAULT: Sequencing = 'arrival_then_release';
const ZSetting = z.object({ sequencing: z.enum(['arrival_then_release', 'release_then_arrival']) });
const ZSaved = z.object({ customsCode: z.string(), sequencing: z.string() });

/** Per-office working rules kept by customs administrators; the zone's targeting shown alongside. */
export function SettingsPage() {
  const { t, i18n } = useTranslation('customs');
  const zone = useQuery({
    queryKey: ['customs', 'zone'],
    queryFn: () => api('/api/v1/zone', { schema: ZZone }),
  });
  if (zone.isLoading) return <Loading />;
  if (zone.error || !zone.data)
    return (
      <Card>
        <ErrorState error={zone.error} onRetry={() => void zone.refetch()} />
      </Card>
    );
  const rate = Number(zone.data.inspectionSamplingRate) * 100;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="settings-page">
      <Card title={<CardTitle title={t('settings.sequencingTitle')} />}>
        <Typography.Paragraph type="secondary">{t('settings.sequencingHint')}</Typography.Paragraph>
        <Row gutter={[16, 16]}>
          {zone.data.customsOfficeCodes.map((code) => (
            <Col xs={24} lg={12} key={code}>
              <OfficeCard code={code} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card title={t('settings.samplingTitle')}>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'rate',
              label: t('settings.samplingRate'),
              children: (
                <Typography.Text strong>
                  {new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'zh-CN', {
                    maximumFractionDigits: 2,
                  }).format(rate)}
                  %
                </Typography.Text>
              ),
            },
          ]}
        />
        <Typography.Text type="secondary">{t('settings.samplingNote')}</Typography.Text>
      </Card>
    </Space>
  );
}

function OfficeCard({ code }: { code: string }) {
  const { t } = useTranslation('customs');
  const { me } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const offices = useCodeNames('customs-offices');
  const admin = me ? isCustomsAdmin(me) : false;
  const last = useQuery({
    queryKey: ['customs', 'sequencing', code],
    queryFn: () =>
      api(
        `/api/v1/audit${qs({ targetType: 'customs_office', targetId: code, action: 'customs_setting.export_sequencing', pageSize: 1 })}`,
        { schema: ZPage(ZAuditEntry) },
      ),
  });
  const entry = last.data?.items[0];
  const parsed = ZSetting.safeParse(entry?.after);
  const current: Sequencing = parsed.success ? parsed.data.sequencing : DEFAULT;
  const [choice, setChoice] = useState<Sequencing | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const value = choice ?? current;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await api(`/api/v1/export/customs-offices/${code}/sequencing`, {
        method: 'PUT',
        body: { sequencing: value },
        schema: ZSaved,
      });
      void message.success(t('settings.saved', { code, value: t(`settings.${saved.sequencing}`) }));
      setChoice(null);
      await client.invalidateQueries({ queryKey: ['customs', 'sequencing', code] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={`${t('settings.office')} ${offices(code)}`} data-testid={`office-${code}`}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <div>
          <Typography.Text type="secondary">{t('settings.current')}：</Typography.Text>
          <Tag color="blue">{t(`settings.${current}`)}</Tag>
          {!entry && <Typography.Text type="secondary">{t('settings.defaultNote')}</Typography.Text>}
          {entry && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('settings.lastChanged', { at: beijingTime(entry.at) })}
            </Typography.Text>
          )}
        </div>
        {last.error ? <ErrorState error={last.error} /> : null}
        {admin ? (
          <>
            <Radio.Group
              aria-label={t('settings.sequencingTitle')}
              value={value}
              onChange={(e) => setChoice(e.target.value as Sequencing)}
              options={(['arrival_then_release', 'release_then_arrival'] as const).map((s) => ({
                value: s,
                label: t(`settings.${s}`),
              }))}
            />
            {error !== null && <ErrorState error={error} />}
            <Button type="primary" disabled={value === current} loading={busy} onClick={() => void save()}>
              {t('action.save', { ns: 'common' })}
            </Button>
          </>
        ) : (
          <Alert type="info" showIcon title={t('settings.noRight')} />
        )}
      </Space>
    </Card>
  );
}
