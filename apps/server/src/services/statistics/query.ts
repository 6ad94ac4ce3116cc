import {
  CLEARANCE_STAGES,
  STATS_DIMENSIONS,
  STATS_GOODS_DIMENSIONS,
  STATS_LABELS,
  STATS_PARCEL_ONLY_DIMENSIONS,
  STATS_PARCEL_ONLY_MEASURES,
  type TClearanceTimeQuery,
  type TClearanceTimeResult,
  type TStatsDimension,
  type TStatsQuery,
  type TStatsResult,
  type TStatsRow,
} from '@crossgate/contract';
import { Dec, scopeFor } from '@crossgate/domain';
import { AppError, forbidden } from '../../errors.ts';
import { codesOf, findOrganisation } from '../../repositories/organisations.ts';
import {
  clearanceStages,
  dimensionNames,
  eventsBehind,
  readCursor,
  statsRows,
  statsTotals,
  type StatsSelection,
} from '../../repositories/statistics.ts';
import type { Deps, RequestContext } from '../context.ts';
import { goodsClasses, STATISTICS_CURSOR } from './worker.ts';

/**
 * 统计监测 queries (issue 20, decision 0048): grouped figures from the rollups, never from the raw lists. Who sees
 * what is the policy's `statistics` scope: the zone office, customs, commerce and statistics every figure; an
 * enterprise only its own traffic (declared by it, or naming it as platform, seller or carrier).
 */

/** Every dimension filters (the contract's list, in its order). */
const FILTER_KEYS: readonly TStatsDimension[] = STATS_DIMENSIONS;

const STATIC_NAMES: Partial<Record<TStatsDimension, Record<string, { zh: string; en: string }>>> = {
  direction: { import: { zh: '进口', en: 'Import' }, export: { zh: '出口', en: 'Export' } },
  tradeMode: {
    '9610': { zh: '跨境电商零售(9610)', en: 'CBEC retail (9610)' },
    '1210': { zh: '保税电商(1210)', en: 'Bonded CBEC (1210)' },
    '9710': { zh: '跨境电商B2B直接出口(9710)', en: 'B2B direct export (9710)' },
    '9810': { zh: '跨境电商出口海外仓(9810)', en: 'Export to overseas warehouse (9810)' },
  },
  statisticsFlag: {
    A: { zh: '汇总统计(A)', en: 'Summary statistics (A)' },
    B: { zh: '汇总申报(B)', en: 'Summary declaration (B)' },
    '': { zh: '—(进口)', en: '— (import)' },
  },
  lane: {
    green: { zh: '绿色通道', en: 'Green lane' },
    inspection: { zh: '查验', en: 'Inspection' },
    '': { zh: '—', en: '—' },
  },
};

const addDays = (iso: string, days: number) => {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
};
const addMonths = (iso: string, months: number) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)))
    .toISOString()
    .slice(0, 10);
};

/** The compared window's shift: 同比 a year; 环比 one period of the grain (for 'total', the window's length). */
export function compareShift(q: Pick<TStatsQuery, 'compare' | 'grain' | 'from' | 'to'>) {
  if (q.compare === 'none') return null;
  if (q.compare === 'yoy') return { months: 12, days: 0 };
  switch (q.grain) {
    case 'day':
      return { months: 0, days: 1 };
    case 'month':
      return { months: 1, days: 0 };
    case 'quarter':
      return { months: 3, days: 0 };
    case 'year':
      return { months: 12, days: 0 };
    case 'total':
      return { months: 0, days: (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1 };
  }
}

const invalid = (field: string, rule: string, actual?: string) =>
  new AppError('VALIDATION_FAILED', [{ field, rule, ...(actual ? { actual } : {}) }]);

const changeOf = (now: string | null, before: string | null): string | null => {
  const b = new Dec(before ?? '0');
  if (b.isZero()) return null;
  return new Dec(now ?? '0').minus(b).div(b).times(100).toFixed(2);
};

const orZero = (v: Record<string, string | null>) =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x ?? '0']));

export async function queryStatistics(
  deps: Deps,
  ctx: RequestContext,
  q: TStatsQuery,
  opts: { all?: boolean } = {},
): Promise<TStatsResult> {
  const scope = scopeFor(ctx.actor, 'statistics', 'read');
  if (scope.kind === 'none') throw forbidden('your role does not read the statistics');
  if (q.from > q.to) throw invalid('to', 'on or after from', q.to);
  if (Date.parse(q.to) - Date.parse(q.from) > 10 * 366 * 86_400_000)
    throw invalid('to', 'a window of at most ten years', q.to);
  if (q.grain === 'day' && Date.parse(q.to) - Date.parse(q.from) > 366 * 86_400_000)
    throw invalid('grain', 'days over at most a year (choose month, quarter or year)', q.grain);
  const filters: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = q[k];
    if (typeof v === 'string' && v !== '') filters[k] = v;
  }
  const named = [...q.dims, ...Object.keys(filters)] as TStatsDimension[];
  const goods = named.some((d) => STATS_GOODS_DIMENSIONS.includes(d));
  if (goods) {
    const lane = named.find((d) => STATS_PARCEL_ONLY_DIMENSIONS.includes(d));
    if (lane) throw invalid('dims', 'the lane is kept per inventory, not per goods line', lane);
    const m = q.measures.find((x) => STATS_PARCEL_ONLY_MEASURES.includes(x));
    if (m)
      throw invalid(
        'measures',
        'by goods (HS, class) only lines, values and tax: an inventory is not split',
        m,
      );
  }
  if (new Set(q.dims).size !== q.dims.length) throw invalid('dims', 'each dimension once', q.dims.join(','));
  let party: StatsSelection['party'] = null;
  if (scope.kind === 'own') {
    const org = await findOrganisation(deps.db, ctx.actor.orgId);
    party = { orgId: ctx.actor.orgId, codes: org ? codesOf(org) : [] };
  }
  const base: StatsSelection = {
    source: goods ? 'goods' : 'parcels',
    grain: q.grain,
    dims: q.dims,
    measures: q.measures,
    filters,
    from: q.from,
    to: q.to,
    shift: null,
    party,
  };
  const shift = compareShift(q);
  const compared: StatsSelection | null = shift ? { ...base, shift } : null;
  const page = opts.all
    ? { limit: 20_000, offset: 0 }
    : { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
  const [rows, totals, before, compareTotals, cursor] = await Promise.all([
    statsRows(deps.db, base, page),
    statsTotals(deps.db, base),
    compared ? statsRows(deps.db, compared, null) : null,
    compared ? statsTotals(deps.db, compared) : null,
    readCursor(deps.db, STATISTICS_CURSOR),
  ]);
  const pending = await eventsBehind(deps.db, cursor ?? { tx: '0', id: '0' });
  const keyOf = (period: string | null, keys: string[]) => JSON.stringify([period, ...keys]);
  const earlier = new Map((before?.rows ?? []).map((r) => [keyOf(r.period, r.keys), r.values]));

  // Names of the dimension values shown.
  const classes = goodsClasses();
  const names = await Promise.all(
    q.dims.map(async (dim, i) => {
      const keys = [...new Set(rows.rows.map((r) => r.keys[i] ?? ''))];
      if (dim === 'goodsClass')
        return new Map(
          [...classes.classes, classes.other].map((c) => [
            c.code,
            { zh: c.zh as string | null, en: c.en as string | null },
          ]),
        );
      const fixed = STATIC_NAMES[dim];
      if (fixed)
        return new Map(
          Object.entries(fixed).map(([k, v]) => [k, v as { zh: string | null; en: string | null }]),
        );
      return dimensionNames(deps.db, dim, keys);
    }),
  );

  const items: TStatsRow[] = rows.rows.map((r) => {
    const values = orZero(r.values);
    const prior = compared ? orZero(earlier.get(keyOf(r.period, r.keys)) ?? {}) : null;
    const compare = prior ? Object.fromEntries(q.measures.map((m) => [m, prior[m] ?? '0'])) : null;
    return {
      period: r.period,
      keys: Object.fromEntries(q.dims.map((d, i) => [d, r.keys[i] ?? ''])),
      labels: Object.fromEntries(
        q.dims.map((d, i) => [d, names[i]?.get(r.keys[i] ?? '') ?? { zh: null, en: null }]),
      ),
      values,
      compare,
      change: compare
        ? Object.fromEntries(q.measures.map((m) => [m, changeOf(values[m] ?? null, compare[m] ?? null)]))
        : null,
    };
  });
  return {
    grain: q.grain,
    dims: q.dims,
    measures: q.measures,
    source: base.source,
    compare: q.compare,
    compareFrom: shift
      ? shift.months
        ? addMonths(q.from, -shift.months)
        : addDays(q.from, -shift.days)
      : null,
    compareTo: shift ? (shift.months ? addMonths(q.to, -shift.months) : addDays(q.to, -shift.days)) : null,
    items,
    total: rows.total,
    page: opts.all ? 1 : q.page,
    pageSize: opts.all ? items.length : q.pageSize,
    totals: orZero(totals),
    compareTotals: compareTotals ? orZero(compareTotals) : null,
    ownTrafficOnly: party !== null,
    pendingEvents: pending,
  };
}

const text = (l: { zh: string | null; en: string | null } | undefined, key: string) =>
  l?.zh || l?.en ? `${key} ${l.zh ?? l.en}` : key;

/** The query's rows (every page, at most 20,000) as an Excel workbook, headers in Chinese and English. */
export async function statisticsXlsx(deps: Deps, ctx: RequestContext, q: TStatsQuery): Promise<Buffer> {
  const r = await queryStatistics(deps, ctx, q, { all: true });
  const { tableXlsx } = await import('../xlsx-table.ts');
  const label = (k: keyof typeof STATS_LABELS) => `${STATS_LABELS[k].zh} ${STATS_LABELS[k].en}`;
  const columns = [
    ...(q.grain === 'total' ? [] : [{ key: 'period', header: label('period') }]),
    ...q.dims.map((d) => ({ key: d, header: label(d) })),
    ...q.measures.map((m) => ({ key: m, header: label(m), kind: 'number' as const })),
    ...(r.compare === 'none'
      ? []
      : q.measures.flatMap((m) => [
          {
            key: `${m}.compare`,
            header: `${label(m)} ${r.compare === 'yoy' ? '同期 YoY base' : '上期 Previous'}`,
            kind: 'number' as const,
          },
          {
            key: `${m}.change`,
            header: `${label(m)} ${r.compare === 'yoy' ? '同比% YoY %' : '环比% MoM %'}`,
            kind: 'number' as const,
          },
        ])),
  ];
  const rows = r.items.map((i) => ({
    period: i.period,
    ...Object.fromEntries(q.dims.map((d) => [d, text(i.labels[d], i.keys[d] ?? '')])),
    ...i.values,
    ...Object.fromEntries(
      q.measures.flatMap((m) => [
        [`${m}.compare`, i.compare?.[m] ?? null],
        [`${m}.change`, i.change?.[m] ?? null],
      ]),
    ),
  }));
  const filters = Object.entries(q)
    .filter(([k, v]) => FILTER_KEYS.includes(k as TStatsDimension) && typeof v === 'string' && v)
    .map(([k, v]) => `${STATS_LABELS[k as TStatsDimension].zh}=${String(v)}`)
    .join('; ');
  return tableXlsx('统计 Statistics', columns, rows, {
    title: `统计监测 Statistics ${q.from} – ${q.to}${r.ownTrafficOnly ? ' (本企业 own traffic)' : ''}`,
    generatedAt: ctx.now,
    filters: filters || '—',
  });
}

/** The stage figure columns of the repository's row for each stage of the contract. */
const STAGE_COLUMN: Record<(typeof CLEARANCE_STAGES)[number], string> = {
  declaredToMatched: 'declared_to_matched',
  matchedToReleased: 'matched_to_released',
  releasedToDeparted: 'released_to_departed',
  declaredToReleased: 'declared_to_released',
};

/**
 * Clearance time per stage (WCO Time Release Study shape): median and 90th percentile in hours of declared →
 * documents complete → released → departed, per month of release, direction, trade mode and customs office. Same
 * scope as the figures; a window of at most a year.
 */
export async function clearanceTime(
  deps: Deps,
  ctx: RequestContext,
  q: TClearanceTimeQuery,
): Promise<TClearanceTimeResult> {
  const scope = scopeFor(ctx.actor, 'statistics', 'read');
  if (scope.kind === 'none') throw forbidden('your role does not read the statistics');
  if (q.from > q.to) throw invalid('to', 'on or after from', q.to);
  if (Date.parse(q.to) - Date.parse(q.from) > 366 * 86_400_000)
    throw invalid('to', 'a window of at most a year', q.to);
  let party: StatsSelection['party'] = null;
  if (scope.kind === 'own') {
    const org = await findOrganisation(deps.db, ctx.actor.orgId);
    party = { orgId: ctx.actor.orgId, codes: org ? codesOf(org) : [] };
  }
  const rows = await clearanceStages(deps.db, q, party);
  const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return {
    ownTrafficOnly: party !== null,
    items: rows.map((r) => ({
      month: r.month,
      direction: r.direction,
      tradeMode: r.trade_mode,
      customsCode: r.customs_code,
      customsName: r.customs_name,
      inventories: r.inventories,
      stages: Object.fromEntries(
        CLEARANCE_STAGES.map((s) => {
          const c = STAGE_COLUMN[s];
          return [s, { n: Number(r[`${c}_n`] ?? 0), median: num(r[`${c}_median`]), p90: num(r[`${c}_p90`]) }];
        }),
      ) as TClearanceTimeResult['items'][number]['stages'],
    })),
  };
}
