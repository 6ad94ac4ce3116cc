import { useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Space, Statistic, Tag, Typography } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EChartsOption } from 'echarts';
import {
  STATS_DIMENSIONS,
  STATS_DRILL,
  STATS_LABELS,
  STATS_MEASURES,
  ZStatsResult,
  type TStatsDimension,
  type TStatsGrain,
  type TStatsMeasure,
  type TStatsRow,
} from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { EChart } from '../../components/EChart.tsx';
import { CardTitle } from '../../components/PageTitle.tsx';
import { PagedTable, usePaging } from '../../components/PagedTable.tsx';
import { number } from '../../format.ts';
import { ClearanceTimePanel } from './ClearanceTimePanel.tsx';

const DAY_MS = 86_400_000;
const beijingDay = (back: number) =>
  new Date(Date.now() + 8 * 3_600_000 - back * DAY_MS).toISOString().slice(0, 10);

type Compare = 'none' | 'yoy' | 'mom';
type Label = { zh: string | null; en: string | null } | undefined;

/**
 * 统计查询 (issue 20, decision 0048): choose the period grain, up to two dimensions and the measures, filter, drill
 * down row by row (HS section → chapter → heading, goods class → chapter, direction → trade mode, park → seller),
 * compare with the year before (同比) or the previous period (环比), see a chart, download the rows as Excel (the
 * server writes the workbook). An enterprise's figures are those of its own traffic.
 */
export function StatisticsPage() {
  const { t, i18n } = useTranslation('statistics');
  const lang = i18n.language;
  const name = (k: keyof typeof STATS_LABELS) => (lang === 'en' ? STATS_LABELS[k].en : STATS_LABELS[k].zh);
  const labelOf = (l: Label, code: string) => {
    const n = lang === 'en' ? (l?.en ?? l?.zh) : (l?.zh ?? l?.en);
    return n && n !== code ? `${code} ${n}` : code || '—';
  };
  const [from, setFrom] = useState(beijingDay(365));
  const [to, setTo] = useState(beijingDay(0));
  const [grain, setGrain] = useState<TStatsGrain>('month');
  const [dims, setDims] = useState<TStatsDimension[]>(['direction']);
  const [measures, setMeasures] = useState<TStatsMeasure[]>(['inventories', 'valueCny']);
  const [compare, setCompare] = useState<Compare>('none');
  const [filters, setFilters] = useState<Partial<Record<TStatsDimension, string>>>({});
  const paging = usePaging(20, true);
  const { page, pageSize } = paging;
  const params = {
    from,
    to,
    grain,
    dims: dims.join(','),
    measures: measures.join(','),
    compare,
    ...filters,
  };
  const result = useQuery({
    queryKey: ['statistics', params, page, pageSize],
    queryFn: () =>
      api(`/api/v1/statistics/query${qs({ ...params, page, pageSize })}`, { schema: ZStatsResult }),
  });
  const data = result.data;
  const setFilter = (dim: TStatsDimension, value: string | undefined) => {
    setFilters((f) => {
      const next = { ...f };
      if (value === undefined || value === '') delete next[dim];
      else next[dim] = value;
      return next;
    });
    paging.setPage(1);
  };
  const drill = (row: TStatsRow) => {
    const dim = dims[0];
    if (!dim) return;
    const next = STATS_DRILL[dim];
    if (!next) return;
    setFilter(dim, row.keys[dim]);
    setDims([next, ...dims.slice(1).filter((d) => d !== next)]);
  };
  const rowKey = (r: TStatsRow) => JSON.stringify([r.period, r.keys]);

  const chart = useMemo<EChartsOption | null>(() => {
    if (!data || data.items.length === 0) return null;
    const m = data.measures[0] as TStatsMeasure;
    const first = data.dims[0];
    if (data.grain === 'total' || !first) {
      const categories = data.items.map((r) =>
        data.grain === 'total'
          ? first
            ? labelOf(r.labels[first], r.keys[first] ?? '')
            : name('period')
          : (r.period ?? ''),
      );
      return {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 60, right: 20, top: 36, bottom: 60 },
        xAxis: { type: 'category', data: categories, axisLabel: { rotate: categories.length > 6 ? 30 : 0 } },
        yAxis: { type: 'value' },
        series: [
          { type: 'bar', name: name(m), data: data.items.map((r) => Number(r.values[m] ?? 0)) },
          ...(data.compare === 'none'
            ? []
            : [
                {
                  type: 'bar' as const,
                  name: t('base', { name: name(m) }),
                  data: data.items.map((r) => Number(r.compare?.[m] ?? 0)),
                },
              ]),
        ],
      };
    }
    const periods = [...new Set(data.items.map((r) => r.period ?? ''))].sort();
    const keys = [...new Set(data.items.map((r) => r.keys[first] ?? ''))].slice(0, 8);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 60, right: 20, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', name: name(m) },
      series: keys.map((k) => {
        const sample = data.items.find((r) => r.keys[first] === k);
        return {
          type: 'bar' as const,
          stack: 'all',
          name: labelOf(sample?.labels[first], k),
          data: periods.map((p) =>
            data.items
              .filter((r) => r.period === p && r.keys[first] === k)
              .reduce((n, r) => n + Number(r.values[m] ?? 0), 0),
          ),
        };
      }),
    };
  }, [data, lang]);

  const dimensionOptions = STATS_DIMENSIONS.map((d) => ({ value: d, label: name(d) }));
  const measureOptions = STATS_MEASURES.map((m) => ({ value: m, label: name(m) }));
  const activeFilters = Object.entries(filters) as [TStatsDimension, string][];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="statistics-page">
      <Card
        title={
          <CardTitle title={t('title')} subtitle={data?.ownTrafficOnly ? t('ownSubtitle') : t('subtitle')} />
        }
        extra={
          <Button
            icon={<DownloadOutlined />}
            data-testid="statistics-excel"
            href={`/api/v1/statistics/query.xlsx${qs(params)}`}
            download
          >
            {t('excel')}
          </Button>
        }
      >
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label={t('from')}>
            <Input
              type="date"
              data-testid="statistics-from"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          </Form.Item>
          <Form.Item label={t('to')}>
            <Input
              type="date"
              data-testid="statistics-to"
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          </Form.Item>
          <Form.Item label={t('grain')}>
            <Select<TStatsGrain>
              data-testid="statistics-grain"
              style={{ width: 100 }}
              value={grain}
              onChange={(v) => {
                setGrain(v);
                paging.setPage(1);
              }}
              options={(['day', 'month', 'quarter', 'year', 'total'] as const).map((g) => ({
                value: g,
                label: t(`grains.${g}`),
              }))}
            />
          </Form.Item>
          <Form.Item label={t('dims')}>
            <Select<TStatsDimension[]>
              mode="multiple"
              data-testid="statistics-dims"
              style={{ minWidth: 260 }}
              maxCount={2}
              value={dims}
              onChange={(v) => {
                setDims(v);
                paging.setPage(1);
              }}
              options={dimensionOptions}
            />
          </Form.Item>
          <Form.Item label={t('measures')}>
            <Select<TStatsMeasure[]>
              mode="multiple"
              data-testid="statistics-measures"
              style={{ minWidth: 300 }}
              value={measures}
              onChange={(v) => v.length > 0 && setMeasures(v)}
              options={measureOptions}
            />
          </Form.Item>
          <Form.Item label={t('direction')}>
            <Select
              data-testid="statistics-direction"
              style={{ width: 110 }}
              value={filters.direction ?? ''}
              onChange={(v: string) => setFilter('direction', v)}
              options={[
                { value: '', label: t('all') },
                { value: 'import', label: name('direction') === 'Direction' ? 'Import' : '进口' },
                { value: 'export', label: name('direction') === 'Direction' ? 'Export' : '出口' },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('tradeMode')}>
            <Select
              data-testid="statistics-trade-mode"
              style={{ width: 110 }}
              value={filters.tradeMode ?? ''}
              onChange={(v: string) => setFilter('tradeMode', v)}
              options={[
                { value: '', label: t('all') },
                ...['9610', '1210', '9710', '9810'].map((m) => ({ value: m, label: m })),
              ]}
            />
          </Form.Item>
          <Form.Item label={t('compare')}>
            <Select<Compare>
              data-testid="statistics-compare"
              style={{ width: 120 }}
              value={compare}
              onChange={setCompare}
              options={(['none', 'yoy', 'mom'] as const).map((c) => ({
                value: c,
                label: t(`compares.${c}`),
              }))}
            />
          </Form.Item>
          <Form.Item>
            <Button
              type="primary"
              icon={<SearchOutlined />}
              data-testid="statistics-run"
              onClick={() => void result.refetch()}
            >
              {t('run')}
            </Button>
          </Form.Item>
        </Form>
        {activeFilters.length > 0 && (
          <Space wrap style={{ marginTop: 12 }} data-testid="statistics-filters">
            <Typography.Text type="secondary">{t('filters')}</Typography.Text>
            {activeFilters.map(([d, v]) => (
              <Tag
                key={d}
                closable
                onClose={() => setFilter(d, undefined)}
                data-testid={`statistics-filter-${d}`}
              >
                {name(d)}: {v}
              </Tag>
            ))}
          </Space>
        )}
        {data?.ownTrafficOnly && <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('own')} />}
        {data && data.pendingEvents > 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            title={t('pending', { n: data.pendingEvents })}
          />
        )}
      </Card>
      {data && (
        <Card
          title={t('totals')}
          extra={
            <Typography.Text type="secondary">
              {t(`source.${data.source}`)}
              {data.compareFrom
                ? ` · ${t('compareWindow', { from: data.compareFrom, to: data.compareTo })}`
                : ''}
            </Typography.Text>
          }
        >
          <Space size={32} wrap data-testid="statistics-totals">
            {data.measures.map((m) => (
              <Statistic key={m} title={name(m)} value={number(data.totals[m] ?? '0', lang)} />
            ))}
          </Space>
          {chart && <EChart option={chart} height={320} testId="statistics-chart" />}
        </Card>
      )}
      <Card title={t('table')}>
        <PagedTable<TStatsRow>
          data-testid="statistics-table"
          query={result}
          paging={paging}
          showTotal
          tools={false}
          rowKey={rowKey}
          columns={[
            ...(grain === 'total'
              ? []
              : [
                  {
                    title: name('period'),
                    key: 'period',
                    width: 110,
                    render: (_: unknown, r: TStatsRow) => r.period,
                  },
                ]),
            ...dims.map((d) => ({
              title: name(d),
              key: d,
              render: (_: unknown, r: TStatsRow) => labelOf(r.labels[d], r.keys[d] ?? ''),
            })),
            ...measures.map((m) => ({
              title: name(m),
              key: m,
              width: 140,
              align: 'right' as const,
              render: (_: unknown, r: TStatsRow) => number(r.values[m] ?? '0', lang),
            })),
            ...(compare === 'none'
              ? []
              : measures.flatMap((m) => [
                  {
                    title: t('base', { name: name(m) }),
                    key: `${m}.base`,
                    width: 140,
                    align: 'right' as const,
                    render: (_: unknown, r: TStatsRow) => number(r.compare?.[m] ?? '0', lang),
                  },
                  {
                    title: t('change', { name: name(m) }),
                    key: `${m}.change`,
                    width: 130,
                    align: 'right' as const,
                    render: (_: unknown, r: TStatsRow) => (r.change?.[m] == null ? '—' : `${r.change[m]}%`),
                  },
                ])),
            {
              title: '',
              key: 'drill',
              width: 90,
              render: (_: unknown, r: TStatsRow) =>
                dims[0] && STATS_DRILL[dims[0]] ? (
                  <Button
                    type="link"
                    size="small"
                    data-testid={`statistics-drill-${r.keys[dims[0]] ?? ''}`}
                    onClick={() => drill(r)}
                  >
                    {t('drill')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <ClearanceTimePanel />
    </Space>
  );
}
