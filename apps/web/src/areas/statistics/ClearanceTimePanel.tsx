import { useState } from 'react';
import { Card, Input, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  CLEARANCE_STAGE_LABELS,
  CLEARANCE_STAGES,
  ZClearanceTimeResult,
  type TClearanceTimeRow,
} from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { CardTitle } from '../../components/PageTitle.tsx';

const beijingDay = (back: number) =>
  new Date(Date.now() + 8 * 3_600_000 - back * 86_400_000).toISOString().slice(0, 10);
const hours = (h: number | null) => (h === null ? '—' : h.toFixed(2));

/**
 * 通关时效 (WCO Time Release Study shape): per month, direction, trade mode and customs office, the median and the
 * 90th percentile of each stage in hours (declared → documents complete → released → departed).
 */
export function ClearanceTimePanel() {
  const { t, i18n } = useTranslation('statistics');
  const en = i18n.language === 'en';
  const [from, setFrom] = useState(beijingDay(365));
  const [to, setTo] = useState(beijingDay(0));
  const times = useQuery({
    queryKey: ['statistics', 'clearance-time', from, to],
    queryFn: () =>
      api(`/api/v1/statistics/clearance-time${qs({ from, to })}`, { schema: ZClearanceTimeResult }),
  });
  return (
    <Card
      data-testid="statistics-clearance-time"
      title={<CardTitle title={t('clearance.title')} subtitle={t('clearance.subtitle')} />}
      extra={
        <Space>
          <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />—
          <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </Space>
      }
    >
      <Table<TClearanceTimeRow>
        size="small"
        loading={times.isLoading}
        dataSource={times.data?.items ?? []}
        rowKey={(r) => `${r.month}|${r.direction}|${r.tradeMode}|${r.customsCode}`}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: en ? 'Month' : '月份', dataIndex: 'month', width: 90 },
          {
            title: en ? 'Direction' : '进出口',
            key: 'direction',
            width: 80,
            render: (_, r) => (r.direction === 'import' ? (en ? 'Import' : '进口') : en ? 'Export' : '出口'),
          },
          { title: en ? 'Mode' : '监管方式', dataIndex: 'tradeMode', width: 90 },
          {
            title: en ? 'Office' : '海关',
            key: 'office',
            width: 130,
            render: (_, r) => `${r.customsCode} ${r.customsName ?? ''}`,
          },
          { title: en ? 'Inventories' : '清单票数', dataIndex: 'inventories', width: 90, align: 'right' },
          ...CLEARANCE_STAGES.map((s) => ({
            title: en ? CLEARANCE_STAGE_LABELS[s].en : CLEARANCE_STAGE_LABELS[s].zh,
            key: s,
            width: 170,
            align: 'right' as const,
            render: (_: unknown, r: TClearanceTimeRow) => {
              const f = r.stages[s];
              return f && f.n > 0 ? `${hours(f.median)} / ${hours(f.p90)}` : '—';
            },
          })),
        ]}
      />
    </Card>
  );
}
