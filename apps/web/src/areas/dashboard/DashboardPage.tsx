import { useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { Button, Col, ConfigProvider, Progress, Row, Tag, Tooltip, theme } from 'antd';
import { FullscreenExitOutlined, FullscreenOutlined, SyncOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EChartsOption } from 'echarts';
import type { TFunction } from 'i18next';
import { ZDashboard, type TDashboard } from '@crossgate/contract';
import { api } from '../../api/client.ts';
import { EChart } from '../../components/EChart.tsx';
import { mapName, registerWorldMap } from '../../components/world-map.ts';
import { ErrorState, Loading } from '../../pages/States.tsx';
import { beijingClock, beijingMinute, integer, sumDecimals } from '../../format.ts';
import { durationParts, fmtAmount, unitEn } from './format.ts';

const TEXT = '#c9dcff';
const MUTED = '#7f97c2';
const ACCENT = '#3ba0ff';
const PALETTE = ['#3ba0ff', '#36cfc9', '#ffc53d', '#ff7a45', '#9254de', '#73d13d'];
const AXIS = { axisLine: { lineStyle: { color: '#2b4a7e' } }, axisLabel: { color: MUTED } };
const SPLIT = { splitLine: { lineStyle: { color: 'rgba(60,110,190,0.25)' } } };

const PAGE: CSSProperties = {
  background: 'radial-gradient(ellipse at top, #12336e 0%, #081a3c 55%, #050f26 100%)',
  color: TEXT,
  padding: 16,
  borderRadius: 8,
};
const PANEL: CSSProperties = {
  background: 'linear-gradient(180deg, rgba(20,48,100,0.78), rgba(9,26,60,0.78))',
  border: '1px solid rgba(72,150,255,0.35)',
  boxShadow: 'inset 0 0 24px rgba(40,120,255,0.12)',
  borderRadius: 6,
  padding: '10px 14px',
  height: '100%',
};

interface Named {
  nameZh: string;
  nameEn: string | null;
}
/** The name in the UI language (the Chinese one when there is no English one). */
const nameIn = (x: Named, lang: string) => (lang === 'en' ? (x.nameEn ?? x.nameZh) : x.nameZh);

function Panel({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <div style={PANEL}>
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          color: '#8fd3ff',
          fontSize: 15,
          fontWeight: 600,
          borderLeft: `3px solid ${ACCENT}`,
          paddingLeft: 8,
          marginBottom: 8,
        }}
      >
        <span>{title}</span>
        {extra && <span style={{ fontSize: 12, fontWeight: 400, color: MUTED }}>{extra}</span>}
      </div>
      {children}
    </div>
  );
}

function Figure({
  label,
  value,
  unit,
  testId,
  note,
}: {
  label: string;
  value: string;
  unit?: string;
  testId: string;
  /** Says the figure is incomplete, and why (e.g. parcels left out for want of an exchange rate). */
  note?: string | undefined;
}) {
  return (
    <div style={{ ...PANEL, textAlign: 'center', padding: '12px 8px' }}>
      <div style={{ color: MUTED, fontSize: 13 }}>{label}</div>
      <div style={{ marginTop: 4 }}>
        <span
          data-testid={testId}
          style={{
            fontSize: 30,
            fontWeight: 700,
            fontFamily: 'DIN Alternate, Bahnschrift, "Roboto Mono", monospace',
            color: '#4fd1ff',
            textShadow: '0 0 12px rgba(79,209,255,0.45)',
          }}
        >
          {value}
        </span>
        {unit && <span style={{ marginLeft: 4, color: MUTED, fontSize: 13 }}>{unit}</span>}
      </div>
      {note && (
        <div data-testid={`${testId}-note`} style={{ marginTop: 2, color: '#faad14', fontSize: 12 }}>
          {note}
        </div>
      )}
    </div>
  );
}

/** The zone dashboard (综试区大屏): dark, full-screen capable, refreshed every ten seconds. */
export function DashboardPage() {
  const { t, i18n } = useTranslation('dashboard');
  const lang = i18n.language;
  const box = useRef<HTMLDivElement>(null);
  const [full, setFull] = useState(false);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement === box.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const q = useQuery({
    queryKey: ['dashboard'],
    queryFn: () => api('/api/v1/dashboard', { schema: ZDashboard }),
    refetchInterval: 10_000,
    refetchIntervalInBackground: true,
  });
  const charts = useCharts(q.data, t, lang);

  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void box.current?.requestFullscreen();
  };
  const name = (x: Named) => nameIn(x, lang);

  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { colorPrimary: ACCENT } }}>
      <div
        ref={box}
        data-testid="dashboard"
        style={{ ...PAGE, ...(full ? { minHeight: '100vh', borderRadius: 0, overflow: 'auto' } : {}) }}
      >
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: '1fr auto 1fr',
            alignItems: 'center',
            marginBottom: 12,
            paddingBottom: 10,
            borderBottom: '1px solid rgba(72,150,255,0.35)',
          }}
        >
          <div style={{ color: MUTED, fontSize: 13 }}>{name(d.zone)}</div>
          <div
            data-testid="dashboard-title"
            style={{
              fontSize: 26,
              fontWeight: 700,
              letterSpacing: lang === 'en' ? 1 : 4,
              background: 'linear-gradient(180deg,#ffffff,#7ec8ff)',
              WebkitBackgroundClip: 'text',
              color: 'transparent',
              textAlign: 'center',
            }}
          >
            {t('title')}
          </div>
          <div style={{ justifySelf: 'end', display: 'flex', gap: 12, alignItems: 'center' }}>
            <span style={{ color: MUTED, fontSize: 12 }}>
              {q.isFetching ? (
                <>
                  <SyncOutlined spin /> {t('refreshing')}
                </>
              ) : (
                t('refresh', { time: beijingClock(d.generatedAt) })
              )}
            </span>
            <Button
              size="small"
              data-testid="fullscreen"
              icon={full ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
              onClick={toggleFullscreen}
            >
              {full ? t('exitFullscreen') : t('fullscreen')}
            </Button>
          </div>
        </div>

        <div style={{ color: MUTED, fontSize: 12, marginBottom: 6 }}>
          {t('today.title', { date: d.today.date })}
        </div>
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))',
            gap: 12,
            marginBottom: 12,
          }}
        >
          {(
            [
              ['today-messages', 'messages', 'messages'],
              ['today-import-declared', 'importDeclared', 'parcels'],
              ['today-import-released', 'importReleased', 'parcels'],
              ['today-export-declared', 'exportDeclared', 'parcels'],
              ['today-export-released', 'exportReleased', 'parcels'],
              ['enterprises', 'enterprises', 'enterprises'],
            ] as const
          ).map(([testId, key, unit]) => (
            <Figure
              key={testId}
              testId={testId}
              label={t(`today.${key}`)}
              value={integer(d.today[key], lang)}
              unit={t(`unit.${unit}`)}
            />
          ))}
          <Figure
            testId="year-value"
            label={t('today.yearValue', { year: d.year.year })}
            value={fmtAmount(sumDecimals([d.year.importValueCny, d.year.exportValueCny]) ?? '—', lang)}
            unit={lang === 'en' ? 'CNY' : '元'}
            note={
              d.year.importUnconverted + d.year.exportUnconverted > 0
                ? t('today.yearIncomplete', {
                    n: d.year.importUnconverted + d.year.exportUnconverted,
                    missing: d.year.missingRates.map((r) => `${r.currency} ${r.month}`).join(', '),
                  })
                : undefined
            }
          />
        </div>

        <Row gutter={[12, 12]}>
          <Col xs={24} xl={16}>
            <Panel title={t('throughput.title')}>
              <EChart option={charts.throughput} theme="dark" height={260} testId="chart-throughput" />
            </Panel>
          </Col>
          <Col xs={24} xl={8}>
            <Panel title={t('clearance.title', { days: d.clearance.windowDays })}>
              <ClearanceFigures d={d} />
            </Panel>
          </Col>
          <Col xs={24} xl={10}>
            <Panel
              title={t('modes.title')}
              extra={
                [...d.importModes, ...d.exportModes].some((m) => m.unconverted > 0)
                  ? t('modes.unconverted', {
                      n: [...d.importModes, ...d.exportModes].reduce((n, m) => n + m.unconverted, 0),
                    })
                  : undefined
              }
            >
              <div style={{ display: 'grid', gridTemplateColumns: '3fr 2fr', gap: 8 }}>
                <EChart option={charts.modes} theme="dark" height={270} testId="chart-modes" />
                <EChart option={charts.modeValue} theme="dark" height={270} testId="chart-mode-value" />
              </div>
            </Panel>
          </Col>
          <Col xs={24} md={12} xl={7}>
            <Panel title={t('countries.origins')}>
              <EChart option={charts.origins} theme="dark" height={270} testId="chart-origins" />
            </Panel>
          </Col>
          <Col xs={24} md={12} xl={7}>
            <Panel title={t('countries.destinations')}>
              <EChart option={charts.destinations} theme="dark" height={270} testId="chart-destinations" />
            </Panel>
          </Col>
          <Col xs={24}>
            <Panel title={t('countries.map')}>
              <EChart option={charts.world} theme="dark" height={380} testId="chart-world" />
            </Panel>
          </Col>
          <Col xs={24} xl={10}>
            <Panel title={t('parks.title')}>
              <EChart option={charts.parks} theme="dark" height={260} testId="chart-parks" />
            </Panel>
          </Col>
          <Col xs={24} xl={14}>
            <Panel title={t('targets.title')}>
              <Targets d={d} />
            </Panel>
          </Col>
        </Row>
      </div>
    </ConfigProvider>
  );
}

function ClearanceFigures({ d }: { d: TDashboard }) {
  const { t } = useTranslation('dashboard');
  const duration = (s: number | null) => {
    if (s === null) return { value: '—', unit: '' };
    const p = durationParts(s);
    return { value: p.value, unit: t(`clearance.${p.unit}`) };
  };
  const row = (key: 'import' | 'export') => {
    const c = d.clearance[key];
    return (
      <div key={key} style={{ marginBottom: 12 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', color: TEXT, marginBottom: 6 }}>
          <span>{t(`clearance.${key}`)}</span>
          <span style={{ color: MUTED, fontSize: 12 }}>
            {c.released > 0 ? t('clearance.count', { n: c.released }) : t('clearance.none')}
          </span>
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
          {(['median', 'p90'] as const).map((k) => {
            const v = duration(k === 'median' ? c.medianSeconds : c.p90Seconds);
            return (
              <div
                key={k}
                style={{
                  border: '1px solid rgba(72,150,255,0.3)',
                  borderRadius: 4,
                  padding: '8px 10px',
                  background: 'rgba(8,24,56,0.6)',
                }}
              >
                <div style={{ color: MUTED, fontSize: 12 }}>{t(`clearance.${k}`)}</div>
                <span
                  data-testid={`clearance-${key}-${k}`}
                  style={{ fontSize: 24, fontWeight: 700, color: k === 'median' ? '#36cfc9' : '#ffc53d' }}
                >
                  {v.value}
                </span>
                <span style={{ marginLeft: 4, color: MUTED, fontSize: 12 }}>{v.unit}</span>
              </div>
            );
          })}
        </div>
      </div>
    );
  };
  return <div style={{ paddingTop: 4 }}>{[row('import'), row('export')]}</div>;
}

function Targets({ d }: { d: TDashboard }) {
  const { t, i18n } = useTranslation('dashboard');
  const lang = i18n.language;
  const amount = (v: string, unit: string) =>
    lang === 'en' ? `${fmtAmount(v, lang)}${unitEn(unit)}` : `${fmtAmount(v, lang)}${unit}`;
  // Measured targets first, then those the platform cannot measure yet.
  const targets = [...d.targets].sort((a, b) => Number(b.measured) - Number(a.measured));
  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))',
        gap: '10px 20px',
      }}
    >
      {targets.map((x) => (
        <div key={x.code} data-testid={`target-${x.code}`}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <Tooltip title={x.source}>
              <span style={{ color: TEXT, fontWeight: 500 }}>{lang === 'en' ? x.nameEn : x.nameZh}</span>
            </Tooltip>
            <span style={{ color: MUTED, fontSize: 12, whiteSpace: 'nowrap' }}>
              {t('targets.target')} {amount(x.targetValue, x.unit)}
            </span>
          </div>
          {x.measured ? (
            <>
              <Progress
                percent={Math.min(100, x.percent ?? 0)}
                showInfo
                format={() => `${x.percent ?? 0}%`}
                strokeColor={{ from: '#3ba0ff', to: '#36cfc9' }}
                size="small"
                style={{ margin: '2px 0' }}
              />
              <div style={{ color: MUTED, fontSize: 12 }}>
                {t('targets.current')} {amount(x.current ?? '0', x.unit)} ·{' '}
                {lang === 'en' ? x.basisEn : x.basisZh}
              </div>
            </>
          ) : (
            <div style={{ color: MUTED, fontSize: 12, marginTop: 4 }}>
              <Tag color="default" style={{ marginRight: 6 }}>
                {t('targets.noSource')}
              </Tag>
              {(lang === 'en' ? x.basisEn : x.basisZh).replace(/^(暂无数据来源：|No data source yet: )/, '')}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

/** The ECharts options, rebuilt only when the figures or the language change. */
function useCharts(d: TDashboard | undefined, t: TFunction, lang: string) {
  return useMemo(() => {
    const base: EChartsOption = {
      backgroundColor: 'transparent',
      color: PALETTE,
      textStyle: { color: TEXT },
      tooltip: { trigger: 'axis' },
    };
    if (!d)
      return {
        throughput: base,
        modes: base,
        modeValue: base,
        origins: base,
        destinations: base,
        world: base,
        parks: base,
      };
    const name = (x: Named) => nameIn(x, lang);
    /** A smooth line of the throughput chart, without point markers. */
    const line = (key: 'messages' | 'decisions' | 'released', style: object = {}) => ({
      name: t(`throughput.${key}`),
      type: 'line' as const,
      smooth: true,
      showSymbol: false,
      ...style,
      data: d.throughput.map((p) => p[key]),
    });
    /** Horizontal bars: the values along the bottom, the categories down the side (first on top). */
    const bars = (categories: string[], axisLabel: object, grid: object): EChartsOption => ({
      ...base,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, containLabel: true, ...grid },
      xAxis: { type: 'value', minInterval: 1, ...AXIS, ...SPLIT },
      yAxis: { type: 'category', inverse: true, data: categories, ...AXIS, axisLabel },
    });
    const RANKED_GRID = { right: 36, top: 8, bottom: 8 };

    const throughput: EChartsOption = {
      ...base,
      legend: { top: 0, textStyle: { color: TEXT } },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: d.throughput.map((p) => beijingMinute(p.minute)),
        ...AXIS,
      },
      yAxis: { type: 'value', minInterval: 1, ...AXIS, ...SPLIT },
      series: [
        line('messages', { areaStyle: { opacity: 0.25 } }),
        line('decisions'),
        line('released', { lineStyle: { type: 'dashed' } }),
      ],
    };

    const modes = [
      ...d.importModes.map((m) => ({ ...m, key: `import-${m.tradeMode}` })),
      ...d.exportModes.map((m) => ({ ...m, key: `export-${m.tradeMode}` })),
    ];
    const modeName = (key: string) => t(`modes.names.${key}`, { defaultValue: key });
    const modesChart: EChartsOption = {
      ...bars(
        modes.map((m) => modeName(m.key)),
        { color: TEXT, fontSize: 12 },
        { right: 28, top: 30, bottom: 4 },
      ),
      legend: { top: 0, textStyle: { color: TEXT } },
      series: [
        {
          name: t('modes.declared'),
          type: 'bar',
          barMaxWidth: 10,
          itemStyle: { borderRadius: [0, 5, 5, 0] },
          data: modes.map((m) => m.declared),
        },
        {
          name: t('modes.released'),
          type: 'bar',
          barMaxWidth: 10,
          itemStyle: { borderRadius: [0, 5, 5, 0] },
          label: { show: true, position: 'right', color: TEXT, fontSize: 11 },
          data: modes.map((m) => m.released),
        },
      ],
    };
    const valued = modes.filter((m) => Number(m.valueCny) > 0);
    const modeValue: EChartsOption = {
      ...base,
      title: {
        text: t('modes.valueTitle'),
        left: 'center',
        top: 0,
        textStyle: { color: MUTED, fontSize: 12, fontWeight: 'normal' },
        // Always set (merged options keep what an earlier refresh drew).
        subtext: valued.length === 0 ? t('countries.none') : '',
        subtextStyle: { color: MUTED },
      },
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const x = p as { name: string; value: number; percent: number };
          return `${x.name}<br/>${fmtAmount(x.value, lang)} ${lang === 'en' ? 'CNY' : '元'} (${x.percent}%)`;
        },
      },
      legend: { bottom: 0, textStyle: { color: TEXT, fontSize: 11 }, itemWidth: 10, itemHeight: 10 },
      series: [
        {
          type: 'pie',
          radius: ['38%', '62%'],
          center: ['50%', '50%'],
          label: { show: false },
          itemStyle: { borderColor: '#081a3c', borderWidth: 2 },
          data: valued.map((m) => ({ name: modeName(m.key), value: Number(m.valueCny) })),
        },
      ],
    };

    // The top ten of each direction as ranked bars (the world map below shows both together).
    const ranked = (rows: TDashboard['topOrigins'], color: string): EChartsOption => ({
      ...bars(rows.map(name), { color: TEXT }, RANKED_GRID),
      graphic: {
        id: 'empty',
        type: 'text',
        left: 'center',
        top: 'middle',
        style: { text: rows.length === 0 ? t('countries.none') : '', fill: MUTED, fontSize: 14 },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 16,
          itemStyle: {
            borderRadius: [0, 8, 8, 0],
            color: {
              type: 'linear',
              x: 0,
              y: 0,
              x2: 1,
              y2: 0,
              colorStops: [
                { offset: 0, color: 'rgba(59,160,255,0.35)' },
                { offset: 1, color },
              ],
            },
          },
          label: { show: true, position: 'right', color: TEXT },
          data: rows.map((r) => r.parcels),
        },
      ],
    });

    const parks: EChartsOption = {
      ...bars(d.parks.map(name), { color: TEXT }, RANKED_GRID),
      series: [
        {
          name: t('parks.enterprises'),
          type: 'bar',
          barMaxWidth: 18,
          itemStyle: { borderRadius: [0, 8, 8, 0], color: '#36cfc9' },
          label: { show: true, position: 'right', color: TEXT },
          data: d.parks.map((p) => p.enterprises),
        },
      ],
    };

    // Both directions on one world map: a country's shade is its parcels, the tooltip splits them.
    registerWorldMap();
    const byCountry = new Map<string, { imports: number; exports: number; label: string }>();
    const add = (rows: TDashboard['topOrigins'], key: 'imports' | 'exports') => {
      for (const r of rows) {
        const region = mapName(r.nameEn);
        if (!region) continue;
        const entry = byCountry.get(region) ?? { imports: 0, exports: 0, label: name(r) };
        entry[key] += r.parcels;
        byCountry.set(region, entry);
      }
    };
    add(d.topOrigins, 'imports');
    add(d.topDestinations, 'exports');
    const peak = Math.max(1, ...[...byCountry.values()].map((v) => v.imports + v.exports));
    const world: EChartsOption = {
      backgroundColor: 'transparent',
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const v = byCountry.get((p as { name: string }).name);
          if (!v) return (p as { name: string }).name;
          return `${v.label}<br/>${t('countries.imports')}: ${v.imports}<br/>${t('countries.exports')}: ${v.exports}`;
        },
      },
      visualMap: {
        min: 0,
        max: peak,
        left: 16,
        bottom: 8,
        calculable: false,
        text: [String(peak), '0'],
        textStyle: { color: TEXT },
        inRange: { color: ['#1b4f8f', '#3ba0ff', '#ffc53d'] },
      },
      series: [
        {
          type: 'map',
          map: 'world',
          roam: false,
          itemStyle: { areaColor: '#0f2b55', borderColor: '#2b5d9b', borderWidth: 0.5 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#69b1ff' } },
          data: [...byCountry].map(([region, v]) => ({ name: region, value: v.imports + v.exports })),
        },
      ],
    };

    return {
      throughput,
      modes: modesChart,
      modeValue,
      origins: ranked(d.topOrigins, '#3ba0ff'),
      destinations: ranked(d.topDestinations, '#ffc53d'),
      world,
      parks,
    };
  }, [d, t, lang]);
}
