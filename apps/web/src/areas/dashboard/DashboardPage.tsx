import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
  type RefObject,
} from 'react';
import { Button, ConfigProvider, Progress, Tag, Tooltip, theme } from 'antd';
import { FullscreenExitOutlined, FullscreenOutlined, SyncOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EChartsOption } from 'echarts';
import type { TFunction } from 'i18next';
import { ZDashboard, type TDashboard } from '@crossgate/contract';
import { api } from '../../api/client.ts';
import { EChart } from '../../components/EChart.tsx';
import { centreOf, mapName, registerWorldMap } from '../../components/world-map.ts';
import { ErrorState, Loading } from '../../pages/States.tsx';
import { beijingClock, beijingMinute, integer, sumDecimals } from '../../format.ts';
import { durationParts, fmtAmount, unitEn } from './format.ts';

const TEXT = '#c9dcff';
const MUTED = '#7f97c2';
const ACCENT = '#3ba0ff';
const IMPORT_FLOW = '#3ba0ff';
const EXPORT_FLOW = '#ffc53d';
/** The zone on the map (Jiaozuo, 113.24°E 35.22°N): where the flow lines meet. */
const ZONE_AT: [number, number] = [113.24, 35.22];
const PALETTE = ['#3ba0ff', '#36cfc9', '#ffc53d', '#ff7a45', '#9254de', '#73d13d'];
const AXIS = { axisLine: { lineStyle: { color: '#2b4a7e' } }, axisLabel: { color: MUTED } };
const SPLIT = { splitLine: { lineStyle: { color: 'rgba(60,110,190,0.25)' } } };

const PAGE: CSSProperties = {
  background: 'radial-gradient(ellipse at top, #12336e 0%, #081a3c 55%, #050f26 100%)',
  color: TEXT,
  padding: 18,
  borderRadius: 8,
  boxSizing: 'border-box',
};
const PANEL: CSSProperties = {
  background: 'linear-gradient(180deg, rgba(20,48,100,0.78), rgba(9,26,60,0.78))',
  border: '1px solid rgba(72,150,255,0.35)',
  boxShadow: 'inset 0 0 24px rgba(40,120,255,0.12)',
  borderRadius: 6,
  padding: '10px 14px',
  height: '100%',
  boxSizing: 'border-box',
};

interface Named {
  nameZh: string;
  nameEn: string | null;
}
/** The name in the UI language (the Chinese one when there is no English one). */
const nameIn = (x: Named, lang: string) => (lang === 'en' ? (x.nameEn ?? x.nameZh) : x.nameZh);

function Panel({
  title,
  extra,
  testId,
  children,
}: {
  title: ReactNode;
  extra?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div
      data-testid={testId}
      style={{ ...PANEL, display: 'flex', flexDirection: 'column', minHeight: 0, overflow: 'hidden' }}
    >
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          gap: 8,
          color: '#8fd3ff',
          fontSize: 16,
          fontWeight: 600,
          borderLeft: `3px solid ${ACCENT}`,
          paddingLeft: 8,
          marginBottom: 8,
          flex: 'none',
          whiteSpace: 'nowrap',
        }}
      >
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{title}</span>
        {extra && <span style={{ fontSize: 12, fontWeight: 400, color: MUTED }}>{extra}</span>}
      </div>
      <div style={{ flex: 1, minHeight: 0 }}>{children}</div>
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
    <div style={{ ...PANEL, textAlign: 'center', padding: '12px 8px', overflow: 'hidden' }}>
      <div
        style={{
          color: MUTED,
          fontSize: 14,
          whiteSpace: 'nowrap',
          overflow: 'hidden',
          textOverflow: 'ellipsis',
        }}
      >
        {label}
      </div>
      <div style={{ marginTop: 4 }}>
        <span
          data-testid={testId}
          style={{
            fontSize: 34,
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
        <div
          data-testid={`${testId}-note`}
          title={note}
          style={{
            marginTop: 2,
            color: '#faad14',
            fontSize: 12,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
          }}
        >
          {note}
        </div>
      )}
    </div>
  );
}

/** The design canvas of the wall screen (decision 0036): laid out once at 1920×1080, scaled to the screen. */
export const CANVAS = { width: 1920, height: 1080 } as const;

/**
 * How much the canvas scales to fit its frame: the frame's width, and the window's height below the frame's
 * top (less the page's bottom margin), or the whole frame in full screen. Both ways fit, so there is never
 * a scrollbar; at 3840×2160 the canvas doubles.
 */
function useFit(frame: RefObject<HTMLDivElement | null>, full: boolean) {
  const [fit, setFit] = useState({ scale: 0, width: 0 });
  useLayoutEffect(() => {
    const el = frame.current;
    if (!el) return;
    const measure = () => {
      const width = el.clientWidth;
      const height = full
        ? el.clientHeight
        : window.innerHeight - (el.getBoundingClientRect().top + window.scrollY) - 24;
      const scale = Math.max(0.25, Math.min(width / CANVAS.width, height / CANVAS.height));
      setFit((f) => (f.scale === scale && f.width === width ? f : { scale, width }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [frame, full]);
  return fit;
}

/** The zone dashboard (综试区大屏): a wall screen, full-screen capable, refreshed every ten seconds. */
export function DashboardPage() {
  const { t, i18n } = useTranslation('dashboard');
  const lang = i18n.language;
  const q = useQuery({
    queryKey: ['dashboard'],
    queryFn: () => api('/api/v1/dashboard', { schema: ZDashboard }),
    refetchInterval: 10_000,
    refetchIntervalInBackground: true,
  });
  const charts = useCharts(q.data, t, lang);

  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return <Wall d={q.data} charts={charts} fetching={q.isFetching} />;
}

function Wall({
  d,
  charts,
  fetching,
}: {
  d: TDashboard;
  charts: ReturnType<typeof useCharts>;
  fetching: boolean;
}) {
  const { t, i18n } = useTranslation('dashboard');
  const lang = i18n.language;
  const box = useRef<HTMLDivElement>(null);
  const [full, setFull] = useState(false);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement === box.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const { scale, width } = useFit(box, full);
  // Charts draw at the canvas's size; more canvas pixels when it is scaled up keep them sharp on a 4K wall.
  const pixelRatio = Math.ceil(Math.max(1, scale) * (window.devicePixelRatio || 1) * 4) / 4;
  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void box.current?.requestFullscreen();
  };
  const name = (x: Named) => nameIn(x, lang);
  const chart = (option: EChartsOption, testId: string) => (
    <EChart option={option} theme="dark" height="100%" testId={testId} pixelRatio={pixelRatio} />
  );

  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { colorPrimary: ACCENT } }}>
      <div
        ref={box}
        data-testid="dashboard-frame"
        style={{
          position: 'relative',
          width: '100%',
          height: full ? '100vh' : CANVAS.height * scale,
          overflow: 'hidden',
          background: full ? '#050f26' : undefined,
        }}
      >
        <div
          data-testid="dashboard"
          data-scale={scale.toFixed(3)}
          style={{
            ...PAGE,
            position: 'absolute',
            top: full ? (box.current?.clientHeight ?? 0) / 2 - (CANVAS.height * scale) / 2 : 0,
            left: Math.max(0, (width - CANVAS.width * scale) / 2),
            width: CANVAS.width,
            height: CANVAS.height,
            transform: `scale(${scale})`,
            transformOrigin: '0 0',
            visibility: scale > 0 ? 'visible' : 'hidden',
            display: 'grid',
            gridTemplateRows: '60px 16px 104px minmax(0, 1fr)',
            rowGap: 10,
            overflow: 'hidden',
            ...(full ? { borderRadius: 0 } : {}),
          }}
        >
          <div
            style={{
              display: 'grid',
              gridTemplateColumns: '1fr auto 1fr',
              alignItems: 'center',
              borderBottom: '1px solid rgba(72,150,255,0.35)',
            }}
          >
            <div
              data-testid="dashboard-zone"
              style={{ color: TEXT, fontSize: 15, lineHeight: 1.3, maxWidth: 560 }}
            >
              {name(d.zone)}
            </div>
            <div
              data-testid="dashboard-title"
              style={{
                fontSize: 30,
                fontWeight: 700,
                letterSpacing: lang === 'en' ? 1 : 6,
                background: 'linear-gradient(180deg,#ffffff,#7ec8ff)',
                WebkitBackgroundClip: 'text',
                color: 'transparent',
                textAlign: 'center',
              }}
            >
              {t('title')}
            </div>
            <div style={{ justifySelf: 'end', display: 'flex', gap: 12, alignItems: 'center' }}>
              <span style={{ color: MUTED, fontSize: 13 }}>
                {fetching ? (
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

          <div style={{ color: MUTED, fontSize: 13 }}>{t('today.title', { date: d.today.date })}</div>
          <div
            data-testid="dashboard-kpis"
            style={{ display: 'grid', gridTemplateColumns: 'repeat(6, 1fr) 1.5fr', gap: 12 }}
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

          <div
            style={{
              display: 'grid',
              gridTemplateColumns: '540px minmax(0, 1fr) 500px',
              gap: 12,
              minHeight: 0,
            }}
          >
            <div style={COLUMN('minmax(0, 1fr) minmax(0, 1.1fr) 226px')}>
              <Panel title={t('throughput.title')} testId="panel-throughput">
                {chart(charts.throughput, 'chart-throughput')}
              </Panel>
              <Panel
                title={t('modes.title')}
                testId="panel-modes"
                extra={
                  [...d.importModes, ...d.exportModes].some((m) => m.unconverted > 0)
                    ? t('modes.unconverted', {
                        n: [...d.importModes, ...d.exportModes].reduce((n, m) => n + m.unconverted, 0),
                      })
                    : undefined
                }
              >
                <div style={{ display: 'grid', gridTemplateColumns: '3fr 2fr', gap: 8, height: '100%' }}>
                  {chart(charts.modes, 'chart-modes')}
                  {chart(charts.modeValue, 'chart-mode-value')}
                </div>
              </Panel>
              <Panel title={t('clearance.title', { days: d.clearance.windowDays })} testId="panel-clearance">
                <ClearanceFigures d={d} />
              </Panel>
            </div>
            <div style={COLUMN('minmax(0, 1fr) 196px')}>
              <Panel title={t('countries.map')} testId="panel-world" extra={<FlowLegend />}>
                {chart(charts.world, 'chart-world')}
              </Panel>
              <Panel title={t('targets.title')} testId="panel-targets">
                <Targets d={d} />
              </Panel>
            </div>
            <div style={COLUMN('repeat(3, minmax(0, 1fr))')}>
              <Panel title={t('countries.origins')} testId="panel-origins">
                {chart(charts.origins, 'chart-origins')}
              </Panel>
              <Panel title={t('countries.destinations')} testId="panel-destinations">
                {chart(charts.destinations, 'chart-destinations')}
              </Panel>
              <Panel title={t('parks.title')} testId="panel-parks">
                {chart(charts.parks, 'chart-parks')}
              </Panel>
            </div>
          </div>
        </div>
      </div>
    </ConfigProvider>
  );
}

/** A column of the canvas: panels stacked in the given rows. */
const COLUMN = (rows: string): CSSProperties => ({
  display: 'grid',
  gridTemplateRows: rows,
  gap: 12,
  minHeight: 0,
});

/** What the map's lines mean: imports fly into the zone, exports out of it. */
function FlowLegend() {
  const { t } = useTranslation('dashboard');
  return (
    <span style={{ display: 'inline-flex', gap: 14 }}>
      <span>
        <span style={{ color: IMPORT_FLOW }}>━</span> {t('countries.imports')}
      </span>
      <span>
        <span style={{ color: EXPORT_FLOW }}>━</span> {t('countries.exports')}
      </span>
    </span>
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
      <div key={key} style={{ marginBottom: 8 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', color: TEXT, marginBottom: 4 }}>
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
                  padding: '4px 10px',
                  background: 'rgba(8,24,56,0.6)',
                }}
              >
                <div style={{ color: MUTED, fontSize: 12 }}>{t(`clearance.${k}`)}</div>
                <span
                  data-testid={`clearance-${key}-${k}`}
                  style={{ fontSize: 22, fontWeight: 700, color: k === 'median' ? '#36cfc9' : '#ffc53d' }}
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
  return <div>{[row('import'), row('export')]}</div>;
}

const ONE_LINE: CSSProperties = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' };

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
        gridTemplateColumns: 'repeat(3, minmax(0, 1fr))',
        gap: '8px 20px',
      }}
    >
      {targets.map((x) => (
        <div key={x.code} data-testid={`target-${x.code}`}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <Tooltip title={x.source}>
              <span style={{ color: TEXT, fontWeight: 500, ...ONE_LINE }}>
                {lang === 'en' ? x.nameEn : x.nameZh}
              </span>
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
              <div
                style={{ color: MUTED, fontSize: 12, ...ONE_LINE }}
                title={lang === 'en' ? x.basisEn : x.basisZh}
              >
                {t('targets.current')} {amount(x.current ?? '0', x.unit)} ·{' '}
                {lang === 'en' ? x.basisEn : x.basisZh}
              </div>
            </>
          ) : (
            <div
              style={{ color: MUTED, fontSize: 12, marginTop: 4, ...ONE_LINE }}
              title={lang === 'en' ? x.basisEn : x.basisZh}
            >
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
      // Long names (English especially) are cut to a width with an ellipsis, the tooltip has them whole.
      yAxis: {
        type: 'category',
        inverse: true,
        data: categories,
        ...AXIS,
        axisLabel: { width: 150, overflow: 'truncate', ...axisLabel },
      },
    });
    const RANKED_GRID = { right: 36, top: 8, bottom: 8 };

    const throughput: EChartsOption = {
      ...base,
      // One line of legend (scrolling when the English names are long), clear of the axis.
      legend: { top: 0, type: 'scroll', textStyle: { color: TEXT }, pageTextStyle: { color: MUTED } },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: d.throughput.map((p) => beijingMinute(p.minute)),
        ...AXIS,
        axisLabel: { color: MUTED, hideOverlap: true },
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
        { color: TEXT, fontSize: 12, width: 120 },
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
      legend: {
        bottom: 0,
        type: 'scroll',
        textStyle: { color: TEXT, fontSize: 11 },
        pageTextStyle: { color: MUTED },
        itemWidth: 10,
        itemHeight: 10,
      },
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
      ...bars(d.parks.map(name), { color: TEXT, width: 190 }, RANKED_GRID),
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
    // Flow lines: each origin country into the zone, the zone out to each destination.
    const flows = (rows: TDashboard['topOrigins'], inbound: boolean) =>
      rows.flatMap((r) => {
        const region = mapName(r.nameEn);
        const at = region ? centreOf(region) : undefined;
        if (!at) return [];
        return [
          {
            name: name(r),
            value: r.parcels,
            coords: inbound ? [at, ZONE_AT] : [ZONE_AT, at],
            lineStyle: { width: Math.min(5, 1 + (4 * r.parcels) / peak) },
          },
        ];
      });
    const flowLine = (key: 'imports' | 'exports', color: string, rows: TDashboard['topOrigins']) => ({
      name: t(`countries.${key}`),
      type: 'lines' as const,
      coordinateSystem: 'geo' as const,
      zlevel: 2,
      effect: { show: true, period: 5, trailLength: 0.2, symbol: 'arrow', symbolSize: 7, color },
      lineStyle: { color, opacity: 0.7, curveness: 0.25 },
      tooltip: {
        formatter: (p: unknown) => {
          const x = p as { name: string; value: number };
          return `${x.name}<br/>${t(`countries.${key}`)}: ${x.value}`;
        },
      },
      data: flows(rows, key === 'imports'),
    });
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
      geo: {
        map: 'world',
        roam: false,
        // All four sides: the map keeps its aspect and fits inside the panel (none of it cut off).
        top: 8,
        bottom: 8,
        left: 8,
        right: 8,
        itemStyle: { areaColor: '#0f2b55', borderColor: '#2b5d9b', borderWidth: 0.5 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#69b1ff' } },
        silent: false,
      },
      visualMap: {
        min: 0,
        max: peak,
        left: 8,
        bottom: 8,
        calculable: false,
        seriesIndex: 0,
        text: [String(peak), '0'],
        textStyle: { color: TEXT },
        inRange: { color: ['#1b4f8f', '#3ba0ff', '#ffc53d'] },
      },
      series: [
        {
          type: 'map',
          geoIndex: 0,
          data: [...byCountry].map(([region, v]) => ({ name: region, value: v.imports + v.exports })),
        },
        flowLine('imports', IMPORT_FLOW, d.topOrigins),
        flowLine('exports', EXPORT_FLOW, d.topDestinations),
        {
          name: name(d.zone),
          type: 'effectScatter',
          coordinateSystem: 'geo',
          zlevel: 3,
          symbolSize: 10,
          rippleEffect: { scale: 4, brushType: 'stroke' },
          itemStyle: { color: '#ff4d4f' },
          label: {
            show: true,
            position: 'right',
            color: '#fff',
            fontSize: 13,
            formatter: lang === 'en' ? 'Jiaozuo' : '焦作',
          },
          tooltip: { formatter: () => name(d.zone) },
          data: [{ name: name(d.zone), value: ZONE_AT }],
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
