import { useState } from 'react';
import { App, Button, Card, Checkbox, Input, Select, Space, Tag } from 'antd';
import { RadarChartOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ZPage, ZWarningScanResult, ZWarningSummary, type TWarningSummary } from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { useAuth } from '../../auth.tsx';
import { CardTitle } from '../../components/PageTitle.tsx';
import { PagedTable, usePaging } from '../../components/PagedTable.tsx';
import { beijingTime } from '../../format.ts';
import { ActionError } from '../../pages/States.tsx';
import { writesRisk } from './shared.tsx';
import './warning-texts.ts';

const SEVERITY_COLOUR = { high: 'red', medium: 'orange', low: 'blue' } as const;
const STATUS_COLOUR = {
  open: 'gold',
  assigned: 'processing',
  disposed: 'purple',
  closed: 'default',
} as const;
const TYPOLOGIES = [
  'address_fan_in',
  'phone_fan_in',
  'payer_fan_in',
  'split_orders',
  'three_flow_mismatch',
  'circular_trade',
  'new_enterprise_burst',
] as const;
const beijingDay = (back: number) =>
  new Date(Date.now() + 8 * 3_600_000 - back * 86_400_000).toISOString().slice(0, 10);

export function SeverityTag({ severity }: { severity: TWarningSummary['severity'] }) {
  const { t } = useTranslation('risk');
  return (
    <Tag color={SEVERITY_COLOUR[severity]} data-testid="warning-severity">
      {t(`severity.${severity}`)}
    </Tag>
  );
}

export function WarningStatus({ status }: { status: TWarningSummary['status'] }) {
  const { t } = useTranslation('risk');
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="warning-status">
      {t(`wstatus.${status}`)}
    </Tag>
  );
}

/** 预警队列 (decision 0047): warnings by severity, status, typology and assignee; the scan over a date range. */
export function WarningsPage() {
  const { t, i18n } = useTranslation('risk');
  const en = i18n.language === 'en';
  const { me } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const writes = me ? writesRisk(me) : false;
  const [severity, setSeverity] = useState<string>('');
  const [status, setStatus] = useState<string>('');
  const [typology, setTypology] = useState<string>('');
  const [mine, setMine] = useState(false);
  const [from, setFrom] = useState(beijingDay(1));
  const [to, setTo] = useState(beijingDay(0));
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const paging = usePaging();
  const { page, pageSize } = paging;
  const filter = {
    severity: severity || undefined,
    status: status || undefined,
    typology: typology || undefined,
    assignee: mine ? me?.user?.id : undefined,
  };
  const list = useQuery({
    queryKey: ['risk', 'warnings', filter, page, pageSize],
    queryFn: () =>
      api(`/api/v1/risk/warnings${qs({ ...filter, page, pageSize })}`, { schema: ZPage(ZWarningSummary) }),
  });
  const scan = async () => {
    setScanning(true);
    setError(null);
    try {
      const r = await api('/api/v1/risk/warnings/scan', {
        method: 'POST',
        body: { from, to },
        schema: ZWarningScanResult,
      });
      void message.success(t('warn.scanned', { parcels: r.parcels, raised: r.raised }));
      await client.invalidateQueries({ queryKey: ['risk', 'warnings'] });
    } catch (e) {
      setError(e);
    } finally {
      setScanning(false);
    }
  };
  return (
    <Card
      data-testid="risk-warnings-page"
      title={<CardTitle title={t('warn.title')} subtitle={t('warn.subtitle')} />}
    >
      {writes && (
        <Space wrap style={{ marginBottom: 16 }}>
          <span>{t('warn.scanFrom')}</span>
          <Input
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            data-testid="warning-scan-from"
          />
          <span>{t('warn.scanTo')}</span>
          <Input
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            data-testid="warning-scan-to"
          />
          <Button
            icon={<RadarChartOutlined />}
            loading={scanning}
            onClick={() => void scan()}
            data-testid="warning-scan"
          >
            {t('warn.scan')}
          </Button>
        </Space>
      )}
      <ActionError error={error} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('warn.severity')}
          style={{ width: 120 }}
          value={severity}
          onChange={paging.filter(setSeverity)}
          options={[
            { value: '', label: t('warn.allSeverity') },
            ...(['high', 'medium', 'low'] as const).map((s) => ({ value: s, label: t(`severity.${s}`) })),
          ]}
        />
        <Select
          aria-label={t('warn.status')}
          style={{ width: 140 }}
          value={status}
          onChange={paging.filter(setStatus)}
          data-testid="warning-filter-status"
          options={[
            { value: '', label: t('warn.allStatus') },
            ...(['open', 'assigned', 'disposed', 'closed'] as const).map((s) => ({
              value: s,
              label: t(`wstatus.${s}`),
            })),
          ]}
        />
        <Select
          aria-label={t('warn.typology')}
          style={{ width: 200 }}
          value={typology}
          onChange={paging.filter(setTypology)}
          options={[
            { value: '', label: t('warn.allTypology') },
            ...TYPOLOGIES.map((s) => ({ value: s, label: t(`typology.${s}`) })),
          ]}
        />
        <Checkbox checked={mine} onChange={(e) => paging.filter(setMine)(e.target.checked)}>
          {t('warn.mine')}
        </Checkbox>
      </Space>
      <PagedTable<TWarningSummary>
        data-testid="risk-warnings-table"
        query={list}
        paging={paging}
        showTotal
        columns={[
          {
            title: t('warn.severity'),
            key: 'severity',
            width: 80,
            render: (_, r) => <SeverityTag severity={r.severity} />,
          },
          {
            title: t('warn.typology'),
            key: 'typology',
            width: 150,
            render: (_, r) => (
              <Link to={`/risk/warnings/${r.id}`} data-testid={`warning-open-${r.typology}`}>
                {t(`typology.${r.typology}`)}
              </Link>
            ),
          },
          {
            title: t('warn.subject'),
            key: 'subject',
            width: 160,
            ellipsis: true,
            render: (_, r) => `${t(`subjectType.${r.subjectType}`)} ${r.subjectName ?? r.subject}`,
          },
          { title: t('warn.period'), dataIndex: 'period', width: 110 },
          { title: t('warn.parcels'), dataIndex: 'parcelCount', width: 80 },
          {
            title: t('warn.summary'),
            key: 'summary',
            // The rest of the row's width (at 1440 px the list must not scroll sideways); the full text on hover.
            ellipsis: true,
            render: (_, r) => (en ? r.en : r.zh),
          },
          {
            title: t('warn.status'),
            key: 'status',
            width: 100,
            render: (_, r) => <WarningStatus status={r.status} />,
          },
          {
            title: t('warn.assignee'),
            key: 'assignee',
            width: 110,
            render: (_, r) => r.assignee?.name ?? '—',
          },
          {
            title: t('warn.createdAt'),
            key: 'createdAt',
            width: 170,
            render: (_, r) => beijingTime(r.createdAt),
          },
        ]}
        excel={{
          fileName: t('warn.title'),
          fetchPage: (p, size) =>
            api(`/api/v1/risk/warnings${qs({ ...filter, page: p, pageSize: size })}`, {
              schema: ZPage(ZWarningSummary),
            }),
          columns: [
            { title: t('warn.severity'), value: (r) => t(`severity.${r.severity}`) },
            { title: t('warn.typology'), value: (r) => t(`typology.${r.typology}`) },
            { title: t('warn.subject'), value: (r) => r.subjectName ?? r.subject },
            { title: t('warn.period'), value: (r) => r.period },
            { title: t('warn.parcels'), value: (r) => r.parcelCount },
            { title: t('warn.summary'), value: (r) => (en ? r.en : r.zh) },
            { title: t('warn.status'), value: (r) => t(`wstatus.${r.status}`) },
            { title: t('warn.assignee'), value: (r) => r.assignee?.name ?? '' },
            { title: t('warn.createdAt'), value: (r) => beijingTime(r.createdAt) },
          ],
        }}
      />
    </Card>
  );
}
