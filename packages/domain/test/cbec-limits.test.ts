import { describe, expect, it } from 'vitest';
import { cbecLimitsOn, checkQuota } from '../src/index.ts';

const quota = (date: string, amount: string, annualUsedBefore = '0', singleIndivisibleItem = false) =>
  checkQuota({ date, amount, annualUsedBefore, singleIndivisibleItem });

describe('CBEC retail import limits over time', () => {
  it('applies 2,000 / 20,000 from 2016-04-08 (财关税〔2016〕18号) until 2018-12-31', () => {
    expect(cbecLimitsOn('2016-04-08')).toMatchObject({
      perTransaction: '2000',
      annual: '20000',
      source: '财关税〔2016〕18号',
    });
    expect(cbecLimitsOn('2018-12-31')?.perTransaction).toBe('2000');
  });

  it('applies 5,000 / 26,000 from 2019-01-01 (财关税〔2018〕49号)', () => {
    expect(cbecLimitsOn('2019-01-01')).toMatchObject({
      perTransaction: '5000',
      annual: '26000',
      source: '财关税〔2018〕49号',
    });
    expect(cbecLimitsOn('2025-03-15')?.annual).toBe('26000');
  });

  it('has no CBEC limits before 2016-04-08, when parcels were personal articles', () => {
    expect(cbecLimitsOn('2016-04-07')).toBeUndefined();
    expect(quota('2016-04-07', '100')).toMatchObject({ ok: false, code: 'NO_CBEC_POLICY', field: 'date' });
  });
});

describe('quota check', () => {
  it('accepts a transaction exactly at the per-transaction limit and counts it against the year', () => {
    expect(quota('2025-03-15', '5000.00', '1000')).toMatchObject({
      ok: true,
      taxMode: 'cbec',
      usedAfter: '6000.00',
    });
  });

  it('refuses a transaction above the per-transaction limit with -621005', () => {
    expect(quota('2025-03-15', '5000.01')).toMatchObject({
      ok: false,
      code: '-621005',
      field: 'amount',
      expected: '≤ 5000',
      actual: '5000.01',
      limits: { perTransaction: '5000' },
    });
  });

  it('judges a 2018 transaction by the 2,000 limit of the time', () => {
    expect(quota('2018-06-01', '2000.01')).toMatchObject({ ok: false, code: '-621005' });
    expect(quota('2019-06-01', '2000.01')).toMatchObject({ ok: true, taxMode: 'cbec' });
  });

  it('accepts a transaction that fills the annual limit exactly', () => {
    expect(quota('2025-12-31', '1000', '25000')).toMatchObject({ ok: true, usedAfter: '26000.00' });
  });

  it('refuses a buyer whose year total would exceed the annual limit with -621018', () => {
    const decision = quota('2025-12-31', '1000.01', '25000');
    expect(decision).toMatchObject({
      ok: false,
      code: '-621018',
      rule: expect.stringContaining('购买人已用购买额度为25000.00'),
      expected: '≤ 1000.00 (annual 26000 − used 25000.00)',
      actual: '1000.01',
    });
  });

  it('lets a single indivisible item above 5,000 through, taxed in full, while the year stays within 26,000', () => {
    expect(quota('2025-03-15', '8000', '10000', true)).toMatchObject({
      ok: true,
      taxMode: 'full',
      usedAfter: '18000.00',
    });
  });

  it('refuses a single indivisible item that would take the year total over 26,000 with -621018', () => {
    expect(quota('2025-03-15', '8000', '18000.01', true)).toMatchObject({ ok: false, code: '-621018' });
  });

  it('does not apply the single-item exception before 财关税〔2018〕49号 took effect', () => {
    expect(quota('2018-06-01', '3000', '0', true)).toMatchObject({ ok: false, code: '-621005' });
  });

  it('keeps a multi-item order above 5,000 refused even when the year has room', () => {
    expect(quota('2025-03-15', '6000', '0', false)).toMatchObject({ ok: false, code: '-621005' });
  });
});
