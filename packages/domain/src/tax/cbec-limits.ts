import { Dec, toDecimal } from '../money.ts';
import { ISO_DATE } from './tariff-rate.ts';

/**
 * The CBEC retail import limits in force over a period: per transaction and per person per calendar year, in
 * CNY. Periods are half-open like tariff periods (`validFrom` inclusive, `validTo` exclusive, `null` open).
 */
export interface CbecLimits {
  perTransaction: string;
  annual: string;
  validFrom: string;
  validTo: string | null;
  source: string;
}

/**
 * The limits since the CBEC retail import policy began (ceb-reference §8.1): 2,000 / 20,000 from 2016-04-08
 * (财关税〔2016〕18号), raised to 5,000 / 26,000 from 2019-01-01 (财关税〔2018〕49号). Before 2016-04-08
 * parcels were personal articles (行邮税), so there is no period for them.
 */
export const CBEC_LIMITS: readonly CbecLimits[] = [
  {
    perTransaction: '2000',
    annual: '20000',
    validFrom: '2016-04-08',
    validTo: '2019-01-01',
    source: '财关税〔2016〕18号',
  },
  {
    perTransaction: '5000',
    annual: '26000',
    validFrom: '2019-01-01',
    validTo: null,
    source: '财关税〔2018〕49号',
  },
];

/**
 * 财关税〔2018〕49号 first let a single item above the per-transaction limit through the CBEC channel (taxed in
 * full). Under 财关税〔2016〕18号 such an item went to general trade, so the exception starts with 49号.
 */
const SINGLE_ITEM_EXCEPTION_FROM = '2019-01-01';

/** The CBEC limits in force on a customs day (YYYY-MM-DD), or undefined before the CBEC policy began. */
export function cbecLimitsOn(date: string): CbecLimits | undefined {
  if (!ISO_DATE.test(date)) throw new RangeError(`date must be YYYY-MM-DD, got ${date}`);
  return CBEC_LIMITS.find((l) => l.validFrom <= date && (l.validTo === null || date < l.validTo));
}

export type QuotaDecision =
  | { ok: true; taxMode: 'cbec' | 'full'; limits: CbecLimits; usedAfter: string }
  | {
      ok: false;
      code: '-621005' | '-621018' | 'NO_CBEC_POLICY';
      field: string;
      rule: string;
      expected: string;
      actual: string;
      limits?: CbecLimits;
    };

const show = (value: Dec): string => value.toFixed(Math.max(2, value.decimalPlaces()));

/**
 * Checks one transaction against the buyer's CBEC limits on the declaration day (ceb-reference §8.1, §8.3),
 * with the e-port's error codes (spec 202205 §7 table 7-2): above the per-transaction limit → −621005 单笔限额;
 * a year total above the annual limit → −621018 年度限额. Since 财关税〔2018〕49号 a single indivisible item
 * above the per-transaction limit still passes while the year total stays within the annual limit, taxed in
 * full (duty + 100% VAT/CT), and its amount counts against the quota. A limit reached exactly is allowed.
 */
export function checkQuota(input: {
  date: string;
  amount: string;
  annualUsedBefore: string;
  singleIndivisibleItem: boolean;
}): QuotaDecision {
  const limits = cbecLimitsOn(input.date);
  if (!limits) {
    return {
      ok: false,
      code: 'NO_CBEC_POLICY',
      field: 'date',
      rule: 'CBEC retail import limits apply from 2016-04-08 (财关税〔2016〕18号); before, parcels were personal articles',
      expected: `on or after ${CBEC_LIMITS[0]?.validFrom ?? '2016-04-08'}`,
      actual: input.date,
    };
  }
  const amount = toDecimal(input.amount);
  const usedBefore = toDecimal(input.annualUsedBefore);
  if (amount.lt(0) || usedBefore.lt(0)) {
    throw new RangeError(
      `amounts must not be negative: amount ${input.amount}, used ${input.annualUsedBefore}`,
    );
  }
  const usedAfter = usedBefore.plus(amount);
  const withinAnnual = usedAfter.lte(limits.annual);
  const overSingle = amount.gt(limits.perTransaction);
  const singleItemException = input.singleIndivisibleItem && input.date >= SINGLE_ITEM_EXCEPTION_FROM;

  if (overSingle && !singleItemException) {
    return {
      ok: false,
      code: '-621005',
      field: 'amount',
      rule: `购买金额超过单笔限额 (per-transaction limit, ${limits.source})`,
      expected: `≤ ${limits.perTransaction}`,
      actual: input.amount,
      limits,
    };
  }
  if (!withinAnnual) {
    return {
      ok: false,
      code: '-621018',
      field: 'amount',
      rule: `购买人已用购买额度为${show(usedBefore)}，本次购买将超过年度限额 (annual limit, ${limits.source})`,
      expected: `≤ ${show(Dec.max(0, toDecimal(limits.annual).minus(usedBefore)))} (annual ${limits.annual} − used ${show(usedBefore)})`,
      actual: input.amount,
      limits,
    };
  }
  return { ok: true, taxMode: overSingle ? 'full' : 'cbec', limits, usedAfter: show(usedAfter) };
}
