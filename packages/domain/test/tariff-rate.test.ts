import { describe, expect, it } from 'vitest';
import {
  cbecComprehensiveRate,
  checkTariffRatePeriod,
  rateInForce,
  type TariffRatePeriod,
} from '../src/index.ts';

// Import VAT on ordinary goods: 17% until 2018-04-30 (财税〔2018〕32号 lowered it to 16% from 2018-05-01),
// 16% until 2019-03-31 (公告2019年第39号 lowered it to 13% from 2019-04-01).
const line = (validFrom: string, validTo: string | null, vatRate: string): TariffRatePeriod => ({
  hsCode: '2201101000',
  validFrom,
  validTo,
  vatRate,
  consumptionTaxRate: '0',
  dutyRate: '0',
});
const periods = [
  line('2016-04-08', '2018-05-01', '0.17'),
  line('2018-05-01', '2019-04-01', '0.16'),
  line('2019-04-01', null, '0.13'),
];

describe('effective-dated tariff rates', () => {
  it('returns the rate in force on the given date', () => {
    expect(rateInForce(periods, '2018-04-30')?.vatRate).toBe('0.17');
    expect(rateInForce(periods, '2018-05-01')?.vatRate).toBe('0.16');
    expect(rateInForce(periods, '2019-03-31')?.vatRate).toBe('0.16');
    expect(rateInForce(periods, '2019-04-01')?.vatRate).toBe('0.13');
    expect(rateInForce(periods, '2026-11-27')?.vatRate).toBe('0.13');
  });

  it('returns nothing before the first period', () => {
    expect(rateInForce(periods, '2015-01-01')).toBeUndefined();
  });

  it('refuses a period that overlaps another period of the same line', () => {
    const errors = checkTariffRatePeriod(line('2019-01-01', null, '0.09'), periods);
    expect(errors).toEqual([expect.objectContaining({ code: 'RATE_PERIOD_OVERLAP', field: 'validFrom' })]);
  });

  it('accepts a period that starts exactly when the previous one ends (half-open periods)', () => {
    const closed = [line('2019-04-01', '2027-01-01', '0.13')];
    expect(checkTariffRatePeriod(line('2027-01-01', null, '0.09'), closed)).toEqual([]);
  });

  it('refuses rates outside [0, 1) and empty periods', () => {
    const codes = checkTariffRatePeriod(
      { ...line('2020-01-01', '2019-01-01', '13'), consumptionTaxRate: '-0.1' },
      [],
    ).map((e) => e.code);
    expect(codes).toEqual(['PERIOD_EMPTY', 'RATE_RANGE', 'RATE_RANGE']);
  });

  it('computes the CBEC comprehensive rate (c + v) / (1 − c) × 0.7 within the limits', () => {
    expect(cbecComprehensiveRate({ vatRate: '0.13', consumptionTaxRate: '0' })).toBe('0.091');
    // High-end cosmetics, consumption tax 15%: (0.15 + 0.13) / 0.85 × 0.7 = 0.230588…
    expect(cbecComprehensiveRate({ vatRate: '0.13', consumptionTaxRate: '0.15' })).toBe('0.230588');
  });
});
