import type { RuleError } from '../result.ts';
import { DECIMAL_PATTERN, Dec, toDecimal } from '../money.ts';
import { ISO_DATE } from './tariff-rate.ts';

/**
 * A price threshold of a consumption-tax item: the goods are taxable when their dutiable value per unit of the
 * measure reaches `perUnit` CNY (e.g. 10 元/毫升(克) for high-end cosmetics, 财税〔2016〕103号). `units` maps a
 * JGS-20 unit code to how many units of the measure one declared unit is (千克 035 → 1000 克).
 */
export interface ConsumptionTaxThreshold {
  perUnit: string;
  measure: string;
  units: Readonly<Record<string, string>>;
}

/** One period of a consumption-tax item. Periods are half-open like tariff periods. */
export interface ConsumptionTaxPeriod {
  validFrom: string;
  validTo: string | null;
  /** Statutory ad-valorem rate, decimal fraction. */
  rate: string;
  /** Where the tax is levied: `retail` items (e.g. gold jewellery) bear none at import. */
  levied: 'import' | 'retail';
  /** Empty: every good of the item is taxable; otherwise taxable when any threshold is reached. */
  thresholds: readonly ConsumptionTaxThreshold[];
  source: string;
}

/** An item of 消费税税目税率表 with the HS headings or subheadings it covers at import. */
export interface ConsumptionTaxItem {
  id: string;
  nameZh: string;
  nameEn: string;
  hsPrefixes: readonly string[];
  periods: readonly ConsumptionTaxPeriod[];
}

/** A declared quantity of a CEB621 line: (qty, unit), (qty1, unit1) or (qty2, unit2). */
export interface DeclaredQuantity {
  qty: string;
  unit: string;
}

/**
 * Why a line bears (or not) the item's consumption tax:
 * - `no-threshold`: every good of the item is taxable;
 * - `at-or-above` / `below`: a declared quantity in a threshold unit decided it;
 * - `quantity-unknown`: no declared quantity is in a unit of any threshold, so the tax applies (decision 0027);
 * - `retail-stage`: the item is taxed at retail, not at import.
 */
export type ConsumptionTaxBasis =
  'no-threshold' | 'at-or-above' | 'below' | 'quantity-unknown' | 'retail-stage';

export interface ConsumptionTaxDecision {
  item: ConsumptionTaxItem;
  period: ConsumptionTaxPeriod;
  /** The rate applied at import, decimal fraction ("0" when below the threshold or taxed at retail). */
  rate: string;
  basis: ConsumptionTaxBasis;
  /** Dutiable value per unit of the measure that decided, when one did, e.g. "12.5 元/毫升(克)". */
  unitPrice?: string;
}

/** The item covering a 10-digit commodity code: the one with the longest matching prefix. */
export function consumptionTaxItemOf(
  items: readonly ConsumptionTaxItem[],
  gcode: string,
): ConsumptionTaxItem | undefined {
  let best: { item: ConsumptionTaxItem; length: number } | undefined;
  for (const item of items) {
    for (const prefix of item.hsPrefixes) {
      if (gcode.startsWith(prefix) && (!best || prefix.length > best.length))
        best = { item, length: prefix.length };
    }
  }
  return best?.item;
}

/** The item covering a code and its period in force on `date` (YYYY-MM-DD), or undefined. */
export function consumptionTaxItemOn(
  items: readonly ConsumptionTaxItem[],
  gcode: string,
  date: string,
): { item: ConsumptionTaxItem; period: ConsumptionTaxPeriod } | undefined {
  if (!ISO_DATE.test(date)) throw new RangeError(`date must be YYYY-MM-DD, got ${date}`);
  const item = consumptionTaxItemOf(items, gcode);
  const period = item?.periods.find((p) => p.validFrom <= date && (p.validTo === null || date < p.validTo));
  return item && period ? { item, period } : undefined;
}

const positive = (value: string | undefined): Dec | undefined =>
  value !== undefined && DECIMAL_PATTERN.test(value) && toDecimal(value).gt(0) ? toDecimal(value) : undefined;

/**
 * The consumption tax a line bears at import under the item covering its code, on `date` (YYYY-MM-DD).
 * Undefined when no item covers the code or none is in force that day (the tariff line's own rate applies).
 *
 * The threshold compares the line's dutiable value (完税价格: goods, freight and insurance, 财关税〔2016〕18号)
 * with the declared quantity in the threshold's measure, since 财税〔2016〕103号 defines 高档 by the 进口环节
 * 完税价格 per 毫升(克) or 片(张), and 财税〔2006〕33号 高档手表 by the price per 只. A threshold is reached
 * "及以上"/"（含）以上": at exactly the threshold the goods are taxable. With several declared quantities in
 * threshold units (e.g. 毫升 and 千克, or 克 and 片), the goods are taxable when any of them reaches its
 * threshold (103号's "或"). With none, the tax applies (`quantity-unknown`, decision 0027).
 */
export function consumptionTaxFor(input: {
  items: readonly ConsumptionTaxItem[];
  gcode: string;
  date: string;
  taxPrice: Dec | string;
  quantities: readonly DeclaredQuantity[];
}): ConsumptionTaxDecision | undefined {
  const found = consumptionTaxItemOn(input.items, input.gcode, input.date);
  if (!found) return undefined;
  const { item, period } = found;
  if (period.levied === 'retail') return { item, period, rate: '0', basis: 'retail-stage' };
  if (period.thresholds.length === 0) return { item, period, rate: period.rate, basis: 'no-threshold' };

  const taxPrice = toDecimal(input.taxPrice);
  let highest: { price: Dec; threshold: ConsumptionTaxThreshold } | undefined;
  let reached: { price: Dec; threshold: ConsumptionTaxThreshold } | undefined;
  for (const threshold of period.thresholds) {
    for (const q of input.quantities) {
      const factor = positive(threshold.units[q.unit]);
      const qty = positive(q.qty);
      if (!factor || !qty) continue;
      const price = taxPrice.div(qty.times(factor));
      const candidate = { price, threshold };
      if (!highest || price.gt(highest.price)) highest = candidate;
      if (price.gte(threshold.perUnit) && (!reached || price.gt(reached.price))) reached = candidate;
    }
  }
  const show = (c: { price: Dec; threshold: ConsumptionTaxThreshold }) =>
    `${c.price.toDecimalPlaces(4, Dec.ROUND_DOWN).toString()} ${c.threshold.measure}`;
  if (reached) return { item, period, rate: period.rate, basis: 'at-or-above', unitPrice: show(reached) };
  if (highest) return { item, period, rate: '0', basis: 'below', unitPrice: show(highest) };
  return { item, period, rate: period.rate, basis: 'quantity-unknown' };
}

/**
 * Checks a consumption-tax item table as loaded from data: ids unique, prefixes of 2–10 digits and not shared
 * between items, periods well formed and not overlapping, rates in [0, 1), thresholds positive.
 */
export function checkConsumptionTaxItems(items: readonly ConsumptionTaxItem[]): RuleError[] {
  const errors: RuleError[] = [];
  const bad = (field: string, rule: string, expected: string, actual: string) =>
    errors.push({ code: 'CONSUMPTION_TAX_ITEM', field, rule, expected, actual });
  const ids = new Set<string>();
  const prefixes = new Map<string, string>();
  for (const item of items) {
    if (ids.has(item.id)) bad(`items[${item.id}].id`, 'item ids are unique', 'a new id', item.id);
    ids.add(item.id);
    for (const prefix of item.hsPrefixes) {
      if (!/^\d{2,10}$/.test(prefix))
        bad(`items[${item.id}].hsPrefixes`, 'an HS prefix is 2 to 10 digits', 'e.g. 3304', prefix);
      const other = prefixes.get(prefix);
      if (other)
        bad(`items[${item.id}].hsPrefixes`, 'one item per HS prefix', `not also in ${other}`, prefix);
      prefixes.set(prefix, item.id);
    }
    const periods = [...item.periods].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
    periods.forEach((p, i) => {
      const field = `items[${item.id}].periods[${p.validFrom}]`;
      if (!ISO_DATE.test(p.validFrom) || (p.validTo !== null && !ISO_DATE.test(p.validTo)))
        bad(field, 'ISO calendar dates', 'YYYY-MM-DD', `${p.validFrom} – ${p.validTo ?? '∞'}`);
      if (p.validTo !== null && p.validTo <= p.validFrom)
        bad(field, 'validTo (exclusive) after validFrom', `> ${p.validFrom}`, p.validTo);
      const next = periods[i + 1];
      if (next && (p.validTo === null || p.validTo > next.validFrom))
        bad(field, 'one period in force per day', `ends by ${next.validFrom}`, p.validTo ?? '∞');
      if (!DECIMAL_PATTERN.test(p.rate) || toDecimal(p.rate).gte(1))
        bad(field, 'a rate is a decimal fraction in [0, 1)', 'e.g. 0.15', p.rate);
      for (const t of p.thresholds) {
        if (!positive(t.perUnit)) bad(field, 'a threshold is a positive amount', 'e.g. 10', t.perUnit);
        const units = Object.entries(t.units);
        if (units.length === 0 || units.some(([code, f]) => !/^\d{3}$/.test(code) || !positive(f)))
          bad(
            field,
            'threshold units map JGS-20 unit codes to positive factors',
            '{"036": "1"}',
            JSON.stringify(t.units),
          );
      }
    });
  }
  return errors;
}
