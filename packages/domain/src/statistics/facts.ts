import { Dec, formatDecimal, type Dec as Decimal } from '../money.ts';

/**
 * Statistics monitoring (统计监测, issue 20, decision 0048): what one inventory adds to the statistics rollups, from
 * its current state. Pure: the worker reads the state, this says the contribution, the worker applies the
 * difference with what it counted before. See docs/statistics.md for the grains and measures.
 */

/** The simplified CBEC goods classes (data/statistics/goods-classes.json). */
export interface GoodsClassTable {
  version: string;
  classes: { code: string; zh: string; en: string; prefixes: string[] }[];
  other: { code: string; zh: string; en: string };
}

/** The class of an HS code: the class of its longest matching prefix, or the table's "other". */
export function goodsClassOf(table: GoodsClassTable, hsCode: string): string {
  let best = '';
  let code = table.other.code;
  for (const c of table.classes)
    for (const p of c.prefixes)
      if (p.length > best.length && hsCode.startsWith(p)) {
        best = p;
        code = c.code;
      }
  return code;
}

/** Save-time checks of the goods-class table: unique codes, digit prefixes, no prefix in two classes. */
export function checkGoodsClassTable(table: GoodsClassTable): string[] {
  const problems: string[] = [];
  const codes = new Set<string>();
  const prefixes = new Map<string, string>();
  for (const c of [...table.classes, table.other]) {
    if (codes.has(c.code)) problems.push(`class ${c.code} twice`);
    codes.add(c.code);
  }
  for (const c of table.classes)
    for (const p of c.prefixes) {
      if (!/^\d{2,10}$/.test(p)) problems.push(`class ${c.code}: prefix ${p} is not 2–10 digits`);
      const other = prefixes.get(p);
      if (other) problems.push(`prefix ${p} in classes ${other} and ${c.code}`);
      prefixes.set(p, c.code);
    }
  return problems;
}

export const STATS_CNY = '142';
export const STATS_USD = '502';

export interface InventoryLineState {
  gnum: number;
  gcode: string;
  country: string;
  currency: string;
  qty: string;
  totalPrice: string;
  /** Quantity returned so far (import: concluded returns; export: tallied returns). */
  returnedQty: string;
  /** The line's tax on the tax bill (duty + VAT + consumption tax), or null (export, no bill, bill void). */
  tax: string | null;
}

export interface InventoryState {
  direction: 'import' | 'export';
  /** Released and not cancelled: only such an inventory counts. */
  counted: boolean;
  /** Beijing date (YYYY-MM-DD) of release. */
  day: string | null;
  tradeMode: string;
  statisticsFlag: string;
  country: string;
  customsCode: string;
  parkCode: string;
  declarantOrg: string;
  ebpCode: string;
  ebcCode: string;
  logisticsCode: string;
  lane: string;
  packNo: string;
  grossWeight: string;
  lines: InventoryLineState[];
  /** CNY per unit of each line currency on the day of declaration (null: no rate recorded). */
  cnyRate: (currency: string) => string | null;
  /** CNY per USD on that day (null: no rate recorded). */
  usdRate: string | null;
  goodsClasses: GoodsClassTable;
}

/** The measures of a rollup row (decimal strings; counts as integers). */
export interface Measures {
  inventories: number;
  lines: number;
  parcels: number;
  grossWeight: string;
  valueCny: string;
  valueUsd: string;
  /** Lines left without a CNY value (no customs rate for their currency that day). */
  unconverted: number;
  /** Lines left without a USD value (no CNY value, or no USD rate that day). */
  usdUnconverted: number;
  tax: string;
}

export const PARCEL_DIMENSIONS = [
  'day',
  'direction',
  'trade_mode',
  'statistics_flag',
  'country',
  'customs_code',
  'park_code',
  'declarant_org',
  'ebp_code',
  'ebc_code',
  'logistics_code',
  'lane',
] as const;
export const GOODS_DIMENSIONS = [
  'day',
  'direction',
  'trade_mode',
  'statistics_flag',
  'country',
  'hs_heading',
  'goods_class',
  'customs_code',
  'park_code',
  'declarant_org',
  'ebp_code',
  'ebc_code',
  'logistics_code',
] as const;

/** One inventory's part of each rollup: rows keyed by their dimension values in the order above. */
export interface Contribution {
  parcels: [string[], Measures][];
  goods: [string[], Measures][];
}

export const EMPTY_CONTRIBUTION: Contribution = { parcels: [], goods: [] };

const zero = (): Measures => ({
  inventories: 0,
  lines: 0,
  parcels: 0,
  grossWeight: '0',
  valueCny: '0',
  valueUsd: '0',
  unconverted: 0,
  usdUnconverted: 0,
  tax: '0',
});

const dec = (s: string | null | undefined): Decimal => {
  try {
    return new Dec(s && s.trim() !== '' ? s : '0');
  } catch {
    return new Dec(0);
  }
};

/**
 * What an inventory adds now. Counted only when released and not cancelled, on its Beijing day of release.
 * Returns are subtracted per line: a line's value and tax count for the share not returned (its value rounded
 * to 0.01 per line, ROUND_HALF_UP), a line wholly returned is no line, an inventory wholly returned no
 * inventory (its packages and weight leave with it; partial returns keep them: CEB lines carry no weight).
 * Values: the line's totalPrice × the customs rate of its currency on the day of declaration; USD through the
 * USD rate of that day. A line whose currency (or USD) has no rate adds 0 and counts as unconverted.
 */
export function inventoryContribution(s: InventoryState): Contribution {
  if (!s.counted || s.day === null) return { parcels: [], goods: [] };
  const head = zero();
  const goods = new Map<string, [string[], Measures]>();
  let headCny = new Dec(0);
  let headUsd = new Dec(0);
  let headTax = new Dec(0);
  for (const l of s.lines) {
    const qty = dec(l.qty);
    const left = qty.minus(dec(l.returnedQty));
    if (left.lte(0) && qty.gt(0)) continue;
    const share = qty.gt(0) ? left.div(qty) : new Dec(1);
    const rate = l.currency === STATS_CNY ? '1' : s.cnyRate(l.currency);
    const cnyExact = rate === null ? null : dec(l.totalPrice).times(share).times(dec(rate));
    const cny = cnyExact === null ? new Dec(0) : new Dec(formatDecimal(cnyExact, 2));
    const usd =
      cnyExact === null || s.usdRate === null
        ? new Dec(0)
        : new Dec(formatDecimal(cnyExact.div(dec(s.usdRate)), 2));
    const unconverted = cnyExact === null ? 1 : 0;
    const usdUnconverted = cnyExact === null || s.usdRate === null ? 1 : 0;
    const tax = l.tax === null ? new Dec(0) : new Dec(formatDecimal(dec(l.tax).times(share), 2));
    head.lines += 1;
    head.unconverted += unconverted;
    head.usdUnconverted += usdUnconverted;
    headCny = headCny.plus(cny);
    headUsd = headUsd.plus(usd);
    headTax = headTax.plus(tax);
    const heading = (l.gcode ?? '').slice(0, 4).padEnd(4, '0');
    const key = [
      s.day,
      s.direction,
      s.tradeMode,
      s.statisticsFlag,
      l.country ?? '',
      heading,
      goodsClassOf(s.goodsClasses, l.gcode ?? ''),
      s.customsCode,
      s.parkCode,
      s.declarantOrg,
      s.ebpCode,
      s.ebcCode,
      s.logisticsCode,
    ];
    const k = key.join('\u0001');
    const row = goods.get(k) ?? [key, zero()];
    const m = row[1];
    m.lines += 1;
    m.unconverted += unconverted;
    m.usdUnconverted += usdUnconverted;
    m.valueCny = dec(m.valueCny).plus(cny).toFixed();
    m.valueUsd = dec(m.valueUsd).plus(usd).toFixed();
    m.tax = dec(m.tax).plus(tax).toFixed();
    goods.set(k, row);
  }
  // Wholly returned (every line returned): nothing left to count.
  if (s.lines.length > 0 && head.lines === 0) return { parcels: [], goods: [] };
  head.inventories = 1;
  head.parcels = Number.parseInt(s.packNo, 10) > 0 ? Number.parseInt(s.packNo, 10) : 0;
  head.grossWeight = dec(s.grossWeight).toFixed();
  head.valueCny = headCny.toFixed();
  head.valueUsd = headUsd.toFixed();
  head.tax = headTax.toFixed();
  const parcelKey = [
    s.day,
    s.direction,
    s.tradeMode,
    s.statisticsFlag,
    s.country,
    s.customsCode,
    s.parkCode,
    s.declarantOrg,
    s.ebpCode,
    s.ebcCode,
    s.logisticsCode,
    s.lane,
  ];
  return { parcels: [[parcelKey, head]], goods: [...goods.values()] };
}

/** Adds `sign` × each row of a contribution into a map of rows by key (the batch's accumulated delta). */
export function accumulate(
  into: Map<string, [string[], Measures]>,
  rows: [string[], Measures][],
  sign: 1 | -1,
): void {
  for (const [key, m] of rows) {
    const k = key.join('\u0001');
    const row = into.get(k) ?? [key, zero()];
    const t = row[1];
    t.inventories += sign * m.inventories;
    t.lines += sign * m.lines;
    t.parcels += sign * m.parcels;
    t.unconverted += sign * m.unconverted;
    t.usdUnconverted += sign * m.usdUnconverted;
    t.grossWeight = dec(t.grossWeight).plus(dec(m.grossWeight).times(sign)).toFixed();
    t.valueCny = dec(t.valueCny).plus(dec(m.valueCny).times(sign)).toFixed();
    t.valueUsd = dec(t.valueUsd).plus(dec(m.valueUsd).times(sign)).toFixed();
    t.tax = dec(t.tax).plus(dec(m.tax).times(sign)).toFixed();
    into.set(k, row);
  }
}

/** Whether a delta row changes nothing. */
export const isZeroMeasures = (m: Measures): boolean =>
  m.inventories === 0 &&
  m.lines === 0 &&
  m.parcels === 0 &&
  m.unconverted === 0 &&
  m.usdUnconverted === 0 &&
  dec(m.grossWeight).isZero() &&
  dec(m.valueCny).isZero() &&
  dec(m.valueUsd).isZero() &&
  dec(m.tax).isZero();
