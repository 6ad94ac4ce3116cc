import type { TDashboard } from '@crossgate/contract';
import { beijingYear, formatDecimal, startOfBeijingDay, beijingDate, toDecimal } from '@crossgate/domain';
import { forbidden } from '../errors.ts';
import {
  clearanceTimes,
  decisionsPerMinute,
  designatedParks,
  enterprisesPerPark,
  filedOverseasWarehouses,
  messagesPerMinute,
  messagesSince,
  missingRates,
  topDestinations,
  topOrigins,
  tradeModes,
  type ClearanceRow,
  type CountryRow,
  type ModeRow,
} from '../repositories/dashboard.ts';
import { loadDefaultZone, toZoneTarget } from './zone.ts';
import type { Deps, RequestContext } from './context.ts';

/** China has one time zone and no daylight saving: days and years of the dashboard are Beijing time. */
const MINUTE = 60_000;
const CLEARANCE_WINDOW_DAYS = 30;
const TOP = 10;

const IMPORT_MODES = ['9610', '1210'];
const EXPORT_MODES = ['9610', '1210', '9710', '9810'];

/** Start of the day and of the year in China time, as instants. */
export function chinaCalendar(now: Date) {
  const date = beijingDate(now);
  const y = beijingYear(now);
  return {
    date,
    year: y,
    dayStart: startOfBeijingDay(date),
    yearStart: startOfBeijingDay(`${String(y).padStart(4, '0')}-01-01`),
  };
}

const modeFigures = (rows: ModeRow[], modes: string[]) => {
  const byMode = new Map(rows.map((r) => [r.trade_mode, r]));
  // The zone's modes always appear (zero when quiet); an unexpected one found in the data is shown too.
  const all = [...modes, ...rows.map((r) => r.trade_mode).filter((m) => !modes.includes(m))];
  return all.map((mode) => {
    const r = byMode.get(mode);
    return {
      tradeMode: mode,
      declared: r?.declared ?? 0,
      released: r?.released ?? 0,
      valueCny: r ? formatDecimal(toDecimal(r.value), 2) : '0.00',
      unconverted: r?.unconverted ?? 0,
    };
  });
};

const sumOf = (rows: ModeRow[], pick: (r: ModeRow) => string | number) =>
  rows.reduce((acc, r) => acc.plus(toDecimal(pick(r))), toDecimal(0));

const countries = (rows: CountryRow[]) =>
  rows.map((r) => ({ code: r.code, nameZh: r.name_zh ?? r.code, nameEn: r.name_en, parcels: r.parcels }));

const clearanceOf = (r: ClearanceRow) => ({
  released: r.n,
  medianSeconds: r.median === null ? null : Math.round(Number(r.median) * 1000) / 1000,
  p90Seconds: r.p90 === null ? null : Math.round(Number(r.p90) * 1000) / 1000,
});

type Measure = { current: string; basisZh: string; basisEn: string };

/**
 * What the platform can measure of each zone target (zone_targets, from the zone's implementation plan), and
 * for the others why not. A target the platform has no data for says so instead of showing a made-up figure.
 */
const NO_SOURCE: Record<string, { zh: string; en: string }> = {
  'provincial-incubation-bases': {
    zh: '暂无数据来源：平台尚未登记培训孵化基地',
    en: 'No data source yet: training and incubation bases are not registered on the platform',
  },
  'key-enterprises': {
    zh: '暂无数据来源：平台尚未登记重点扶持企业名单',
    en: 'No data source yet: the list of supported key enterprises is not kept on the platform',
  },
  'ecommerce-trade-annual': {
    zh: '暂无数据来源：全市电子商务交易额（含境内电商）不经过本平台',
    en: 'No data source yet: the city’s e-commerce trade (domestic included) does not pass through the platform',
  },
};

export async function getDashboard(deps: Deps, ctx: RequestContext): Promise<TDashboard> {
  const { orgKind } = ctx.actor;
  if (ctx.actor.via !== 'system' && orgKind !== 'zone_office' && orgKind !== 'agency')
    throw forbidden('the zone dashboard is for the zone office and the regulating agencies');
  const { zone, targets } = await loadDefaultZone(deps);
  const now = ctx.now;
  const cal = chinaCalendar(now);
  const firstMinute = new Date(Math.floor(now.getTime() / MINUTE) * MINUTE - 59 * MINUTE);
  const clearanceSince = new Date(now.getTime() - CLEARANCE_WINDOW_DAYS * 86_400_000);

  // Sequential on purpose: the embedded engine has one connection, and each statement is an aggregate.
  const messages = await messagesPerMinute(deps.db, firstMinute);
  const decisions = await decisionsPerMinute(deps.db, firstMinute);
  const messagesToday = await messagesSince(deps.db, cal.dayStart);
  const imports = await tradeModes(deps.db, 'import', cal.dayStart, cal.yearStart);
  const exports = await tradeModes(deps.db, 'export', cal.dayStart, cal.yearStart);
  const origins = await topOrigins(deps.db, TOP);
  const destinations = await topDestinations(deps.db, TOP);
  const parks = await enterprisesPerPark(deps.db, zone.code);
  const importTimes = await clearanceTimes(deps.db, 'import', clearanceSince);
  const exportTimes = await clearanceTimes(deps.db, 'export', clearanceSince);
  // Inventories without a customs rate for their month are left out of the values and named, never 0.
  const missing = [
    ...(await missingRates(deps.db, 'import', cal.yearStart)).map((m) => ({
      direction: 'import' as const,
      ...m,
    })),
    ...(await missingRates(deps.db, 'export', cal.yearStart)).map((m) => ({
      direction: 'export' as const,
      ...m,
    })),
  ];

  const key = (d: Date) => Math.floor(new Date(d).getTime() / MINUTE);
  const messageAt = new Map(messages.map((m) => [key(m.minute), m.n]));
  const decisionAt = new Map(decisions.map((d) => [key(d.minute), d]));
  const throughput = Array.from({ length: 60 }, (_, i) => {
    const minute = new Date(firstMinute.getTime() + i * MINUTE);
    const d = decisionAt.get(key(minute));
    return {
      minute: minute.toISOString(),
      messages: messageAt.get(key(minute)) ?? 0,
      decisions: d?.decisions ?? 0,
      released: d?.released ?? 0,
    };
  });

  const importYear = sumOf(imports, (r) => r.value_year);
  const exportYear = sumOf(exports, (r) => r.value_year);
  const importUnconverted = imports.reduce((n, r) => n + r.unconverted_year, 0);
  const exportUnconverted = exports.reduce((n, r) => n + r.unconverted_year, 0);
  const unconverted = importUnconverted + exportUnconverted;
  const lacking = [...new Set(missing.map((m) => `${m.currency} ${m.month}`))].join(', ');
  const measures: Record<string, () => Promise<Measure>> = {
    'cbec-trade-annual': async () => ({
      current: formatDecimal(importYear.plus(exportYear), 2),
      basisZh:
        `${cal.year}年放行的跨境电商进出口清单货值（人民币）` +
        (unconverted > 0 ? `；不完整：${unconverted}票因缺少当月海关汇率未计入（${lacking}）` : ''),
      basisEn:
        `value of the CBEC import and export inventories released in ${cal.year} (CNY)` +
        (unconverted > 0
          ? `; incomplete: ${unconverted} left out for want of the month's customs rate (${lacking})`
          : ''),
    }),
    'provincial-demo-parks': async () => ({
      current: String(await designatedParks(deps.db, zone.code)),
      basisZh: '认定为省级或国家级示范园区的园区数（园区认定级别由综试区办公室维护）',
      basisEn: 'parks designated provincial or national (the designation is kept by the zone office)',
    }),
    'public-overseas-warehouses': async () => ({
      current: String(await filedOverseasWarehouses(deps.db)),
      basisZh: '已备案的海外仓（9810）数，含企业自营仓',
      basisEn: 'overseas warehouses on file (9810), enterprise-run ones included',
    }),
  };
  const targetProgress = [];
  for (const t of targets) {
    const measure = measures[t.code];
    const base = toZoneTarget(t);
    if (!measure) {
      const why = NO_SOURCE[t.code] ?? {
        zh: '暂无数据来源：平台尚未采集该指标',
        en: 'No data source yet: the platform does not collect this figure',
      };
      targetProgress.push({
        ...base,
        measured: false,
        current: null,
        percent: null,
        basisZh: why.zh,
        basisEn: why.en,
      });
      continue;
    }
    const m = await measure();
    const target = toDecimal(t.target_value);
    targetProgress.push({
      ...base,
      measured: true,
      current: m.current,
      percent: target.isZero()
        ? null
        : toDecimal(m.current).div(target).times(100).toDecimalPlaces(1).toNumber(),
      basisZh: m.basisZh,
      basisEn: m.basisEn,
    });
  }

  return {
    generatedAt: now.toISOString(),
    zone: { code: zone.code, nameZh: zone.name_zh, nameEn: zone.name_en },
    today: {
      date: cal.date,
      messages: messagesToday,
      importDeclared: imports.reduce((n, r) => n + r.declared_today, 0),
      importReleased: imports.reduce((n, r) => n + r.released_today, 0),
      exportDeclared: exports.reduce((n, r) => n + r.declared_today, 0),
      exportReleased: exports.reduce((n, r) => n + r.released_today, 0),
      enterprises: parks.total,
    },
    throughput,
    importModes: modeFigures(imports, IMPORT_MODES),
    exportModes: modeFigures(exports, EXPORT_MODES),
    topOrigins: countries(origins),
    topDestinations: countries(destinations),
    parks: [
      ...parks.parks.map((p) => ({
        code: p.code,
        nameZh: p.name_zh,
        nameEn: p.name_en,
        designation: p.designation,
        enterprises: p.enterprises,
      })),
      ...(parks.outside > 0
        ? [
            {
              code: null,
              nameZh: '园区外',
              nameEn: 'Outside the parks',
              designation: null,
              enterprises: parks.outside,
            },
          ]
        : []),
    ],
    targets: targetProgress,
    clearance: {
      windowDays: CLEARANCE_WINDOW_DAYS,
      import: clearanceOf(importTimes),
      export: clearanceOf(exportTimes),
    },
    year: {
      year: cal.year,
      importValueCny: formatDecimal(importYear, 2),
      exportValueCny: formatDecimal(exportYear, 2),
      importUnconverted,
      exportUnconverted,
      missingRates: missing,
    },
  };
}
