import type { RuleError } from '../result.ts';
import { DECIMAL_PATTERN, toDecimal } from '../money.ts';

/**
 * An effective-dated tax-rate period for one 10-digit tariff line. Rates change by announcement on a fixed
 * day (e.g. import VAT 16% → 13% on 2019-04-01, 财政部 税务总局 海关总署公告2019年第39号), so a line holds
 * a series of periods and a lookup takes the date of the taxable event.
 *
 * Periods are half-open: `validFrom` inclusive, `validTo` exclusive (`null` = open-ended). Dates are ISO
 * calendar dates (`YYYY-MM-DD`) in China Standard Time, the customs day.
 */
export interface TariffRatePeriod {
  hsCode: string;
  validFrom: string;
  validTo: string | null;
  /** Import VAT rate as a decimal fraction, e.g. "0.13". */
  vatRate: string;
  /** Ad-valorem consumption-tax rate as a decimal fraction, "0" when the goods bear none. */
  consumptionTaxRate: string;
  /**
   * Import duty rate as a decimal fraction: the rate general trade pays without an origin claim, i.e. the
   * provisional rate (暂定税率) when one is in force, else the MFN rate (decision 0026); null = not recorded.
   * CBEC retail imports within the limits pay 0 whatever it holds (财关税〔2016〕18号).
   */
  dutyRate: string | null;
}

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The period in force on `date`, or undefined when no rate is in force for that day. */
export function rateInForce<T extends TariffRatePeriod>(periods: readonly T[], date: string): T | undefined {
  return periods.find((p) => p.validFrom <= date && (p.validTo === null || date < p.validTo));
}

function overlaps(
  a: Pick<TariffRatePeriod, 'validFrom' | 'validTo'>,
  b: Pick<TariffRatePeriod, 'validFrom' | 'validTo'>,
): boolean {
  const aEndsAfterBStarts = a.validTo === null || a.validTo > b.validFrom;
  const bEndsAfterAStarts = b.validTo === null || b.validTo > a.validFrom;
  return aEndsAfterBStarts && bEndsAfterAStarts;
}

/**
 * Checks a new or edited period against the line's other periods: well-formed dates and rates, and no two
 * periods of one line in force on the same day (otherwise a lookup would be ambiguous).
 */
export function checkTariffRatePeriod(
  candidate: TariffRatePeriod,
  others: readonly TariffRatePeriod[],
): RuleError[] {
  const errors: RuleError[] = [];
  if (!/^\d{10}$/.test(candidate.hsCode)) {
    errors.push({
      code: 'HS_CODE_FORMAT',
      field: 'hsCode',
      rule: '10-digit customs commodity code',
      expected: '10 digits',
      actual: candidate.hsCode,
    });
  }
  if (!ISO_DATE.test(candidate.validFrom)) {
    errors.push({
      code: 'DATE_FORMAT',
      field: 'validFrom',
      rule: 'ISO calendar date',
      expected: 'YYYY-MM-DD',
      actual: candidate.validFrom,
    });
  }
  if (candidate.validTo !== null && !ISO_DATE.test(candidate.validTo)) {
    errors.push({
      code: 'DATE_FORMAT',
      field: 'validTo',
      rule: 'ISO calendar date',
      expected: 'YYYY-MM-DD',
      actual: candidate.validTo,
    });
  }
  if (candidate.validTo !== null && candidate.validTo <= candidate.validFrom) {
    errors.push({
      code: 'PERIOD_EMPTY',
      field: 'validTo',
      rule: 'validTo (exclusive) must be after validFrom',
      expected: `> ${candidate.validFrom}`,
      actual: candidate.validTo,
    });
  }
  for (const field of ['vatRate', 'consumptionTaxRate', 'dutyRate'] as const) {
    const value = candidate[field];
    if (value === null) continue;
    if (!DECIMAL_PATTERN.test(value) || toDecimal(value).lt(0) || toDecimal(value).gte(1)) {
      errors.push({
        code: 'RATE_RANGE',
        field,
        rule: 'a rate is a decimal fraction in [0, 1)',
        expected: '0 ≤ rate < 1, e.g. 0.13',
        actual: value,
      });
    }
  }
  if (errors.length > 0) return errors;
  const clash = others.find((p) => p.hsCode === candidate.hsCode && overlaps(p, candidate));
  if (clash) {
    errors.push({
      code: 'RATE_PERIOD_OVERLAP',
      field: 'validFrom',
      rule: 'one rate in force per tariff line per day',
      expected: `no overlap with ${clash.validFrom} – ${clash.validTo ?? '∞'}`,
      actual: `${candidate.validFrom} – ${candidate.validTo ?? '∞'}`,
    });
  }
  return errors;
}

/**
 * The comprehensive CBEC retail-import tax rate within the limits (ceb-reference §8.5, 财关税〔2016〕18号):
 * duty 0, VAT and consumption tax at 70% of the statutory amount: (c + v) / (1 − c) × 0.7.
 */
export function cbecComprehensiveRate(
  period: Pick<TariffRatePeriod, 'vatRate' | 'consumptionTaxRate'>,
): string {
  const c = toDecimal(period.consumptionTaxRate);
  const v = toDecimal(period.vatRate);
  return c.plus(v).div(toDecimal(1).minus(c)).times('0.7').toDecimalPlaces(6).toString();
}
