import { DECIMAL_PATTERN, formatDecimal, toDecimal, type Dec } from '../money.ts';
import type { RuleError } from '../result.ts';
import { CREDIT_LEVELS, type CreditLevel } from './score.ts';

/**
 * Credit-based facilitation (信用分类监管): the better an enterprise's composite credit level, the fewer of its
 * parcels are drawn for random inspection, and the worse, the more — the zone plan's "sampling based on risk
 * analysis" (seed §二(二)5) fed by its credit evaluation (seed §二(二)4). Customs applies the same idea to its own
 * levels (海关总署令第251号: lower inspection rates for 高级认证企业, higher for 失信企业 [UNVERIFIED: the order
 * states the measures, not these rates]). The rates are the zone's configuration (credit_sampling_rates);
 * these defaults are the platform's suggestion.
 */
export const DEFAULT_SAMPLING_BY_LEVEL: Record<CreditLevel, string> = {
  A: '0.0050',
  B: '0.0300',
  C: '0.1000',
  D: '0.3000',
};

/** Rates are fractions 0–1 with at most 4 decimals (credit_sampling_rates.sampling_rate numeric(5, 4)). */
const RATE = /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/;

function rateOf(value: string, what: string): Dec {
  if (!DECIMAL_PATTERN.test(value)) throw new RangeError(`${what} must be a decimal fraction, got ${value}`);
  const rate = toDecimal(value);
  if (rate.lt(0) || rate.gt(1)) throw new RangeError(`${what} must be from 0 to 1, got ${value}`);
  return rate;
}

const percent = (rate: Dec): string => rate.times(100).toString();

/**
 * The random inspection rate for an enterprise of `level`: the zone's table, else the default for the level;
 * an enterprise without a composite level gets the zone's general rate (`fallbackRate`). The reason says which
 * (it is shown to the officer and recorded with the channel decision). The rate is returned with 4 decimals,
 * as `chooseChannel` takes it. A rate outside 0–1 is a configuration bug (the table is checked with
 * {@link checkSamplingTable}) and throws RangeError.
 */
export function samplingFor(
  level: CreditLevel | null,
  table: Partial<Record<CreditLevel, string>>,
  fallbackRate: string,
): { rate: string; reason: { zh: string; en: string } } {
  if (level === null) {
    const rate = rateOf(fallbackRate, 'fallbackRate');
    return {
      rate: formatDecimal(rate, 4),
      reason: {
        zh: `无信用等级，适用综试区随机抽查比例${percent(rate)}%`,
        en: `no credit level: the zone's random inspection rate ${percent(rate)}%`,
      },
    };
  }
  const configured = table[level];
  const rate = rateOf(configured ?? DEFAULT_SAMPLING_BY_LEVEL[level], `sampling rate for ${level}`);
  const zh = `信用等级${level}，随机抽查比例${percent(rate)}%`;
  const en = `credit level ${level}: random inspection rate ${percent(rate)}%`;
  return {
    rate: formatDecimal(rate, 4),
    reason: configured === undefined ? { zh: `${zh}（默认）`, en: `${en} (default)` } : { zh, en },
  };
}

/**
 * Checks a sampling table the zone office sets: keys are composite levels A–D; each rate a fraction from 0 to 1
 * with at most 4 decimals; and a better level is never sampled more than a worse one (A ≤ B ≤ C ≤ D among the
 * levels given), or the table would punish good credit.
 */
export function checkSamplingTable(table: Record<string, string>): RuleError[] {
  const errors: RuleError[] = [];
  const levels: readonly string[] = CREDIT_LEVELS;
  const rates: { level: CreditLevel; rate: Dec }[] = [];
  for (const [key, value] of Object.entries(table)) {
    if (!levels.includes(key)) {
      errors.push({
        code: 'SAMPLING_LEVEL',
        field: key,
        rule: '抽查比例表的键须为信用等级A至D (the sampling table is keyed by credit level A–D)',
        expected: 'A | B | C | D',
        actual: key,
      });
      continue;
    }
    if (!RATE.test(value)) {
      errors.push({
        code: 'SAMPLING_RATE',
        field: key,
        rule: '抽查比例须为0至1之间的小数，最多4位小数 (a sampling rate is a fraction from 0 to 1 with at most 4 decimals)',
        expected: 'e.g. 0.0300 (3%)',
        actual: value,
      });
      continue;
    }
    rates.push({ level: key as CreditLevel, rate: toDecimal(value) });
  }
  rates.sort((a, b) => levels.indexOf(a.level) - levels.indexOf(b.level));
  for (let i = 1; i < rates.length; i++) {
    const better = rates[i - 1];
    const worse = rates[i];
    if (!better || !worse || better.rate.lte(worse.rate)) continue;
    errors.push({
      code: 'SAMPLING_ORDER',
      field: worse.level,
      rule: `信用等级${worse.level}的抽查比例不能低于${better.level} (level ${worse.level} is sampled at least as often as ${better.level})`,
      expected: `≥ ${better.rate.toString()}`,
      actual: worse.rate.toString(),
    });
  }
  return errors;
}
