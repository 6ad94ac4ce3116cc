import { describe, expect, it } from 'vitest';
import { computeInventoryTax, toDecimal, type LineRates } from '../src/index.ts';

const WATER = '2201101000'; // mineral water: VAT 13%, no consumption tax
const COSMETICS = '3304990099'; // high-end cosmetics: consumption tax 15%
const FORMULA = '1901101000';
const PERFUME = '3303000010';

const rates = new Map<string, LineRates>([
  [WATER, { vatRate: '0.13', consumptionTaxRate: '0', dutyRate: '0.2' }],
  [COSMETICS, { vatRate: '0.13', consumptionTaxRate: '0.15', dutyRate: '0.05' }],
  [FORMULA, { vatRate: '0.09', consumptionTaxRate: '0', dutyRate: null }],
  [PERFUME, { vatRate: '0.13', consumptionTaxRate: '0.15', dutyRate: '0.03' }],
]);

const tax = (input: Partial<Parameters<typeof computeInventoryTax>[0]>) => {
  const result = computeInventoryTax({
    lines: [],
    freight: '0',
    insuredFee: '0',
    rates,
    mode: 'cbec',
    ...input,
  });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.tax;
};

describe('CBEC comprehensive tax within the limits', () => {
  it('reproduces the real CEB816 tax bill: taxPrice 410.0, VAT 13%, no CT → VAT 37.31, duty 0, CT 0', () => {
    expect(tax({ lines: [{ gnum: '1', gcode: WATER, totalPrice: '410.0' }] })).toEqual({
      lines: [
        {
          gnum: '1',
          gcode: WATER,
          taxPrice: '410.00',
          customsTax: '0.00',
          valueAddedTax: '37.31',
          consumptionTax: '0.00',
        },
      ],
      customsTax: '0.00',
      valueAddedTax: '37.31',
      consumptionTax: '0.00',
      taxTotal: '37.31',
    });
  });

  it('levies 70% of the statutory consumption tax P/(1−c)×c and VAT (P + CT)×v on a 15% CT line', () => {
    // CT 1000 / 0.85 × 0.15 × 0.7 = 123.529… ; VAT (1000 + 176.470…) × 0.13 × 0.7 = 107.058…
    const result = tax({ lines: [{ gnum: '1', gcode: COSMETICS, totalPrice: '1000.00' }] });
    expect(result.lines[0]).toMatchObject({
      consumptionTax: '123.53',
      valueAddedTax: '107.06',
      customsTax: '0.00',
    });
    expect(result.taxTotal).toBe('230.59'); // the 23.06% comprehensive rate
  });

  it('adds freight and insurance to a one-line inventory in full', () => {
    const result = tax({
      lines: [{ gnum: '1', gcode: WATER, totalPrice: '400' }],
      freight: '8',
      insuredFee: '2',
    });
    expect(result.lines[0]).toMatchObject({ taxPrice: '410.00', valueAddedTax: '37.31' });
  });

  it('spreads freight over three equal lines to the cent, the remainder on the last line', () => {
    const lines = ['1', '2', '3'].map((gnum) => ({ gnum, gcode: WATER, totalPrice: '100.00' }));
    const result = tax({ lines, freight: '10.00' });
    expect(result.lines.map((l) => l.taxPrice)).toEqual(['103.33', '103.33', '103.34']);
  });

  it('spreads freight and insurance in proportion to line value, the shares adding up exactly', () => {
    const lines = [
      { gnum: '1', gcode: FORMULA, totalPrice: '268.00' },
      { gnum: '2', gcode: WATER, totalPrice: '336.00' },
      { gnum: '3', gcode: COSMETICS, totalPrice: '139.00' },
    ];
    const result = tax({ lines, freight: '10.00', insuredFee: '1.50' });
    // 11.50 × 268/743 = 4.148… → 4.15; 11.50 × 336/743 = 5.200… → 5.20; remainder 2.15 on the last line
    expect(result.lines.map((l) => l.taxPrice)).toEqual(['272.15', '341.20', '141.15']);
    const taxPrices = result.lines.reduce((sum, l) => sum.plus(l.taxPrice), toDecimal(0));
    expect(taxPrices.eq('754.50')).toBe(true);
  });

  it('totals the rounded line taxes rather than rounding the total', () => {
    // Each line: 0.05 × 0.13 × 0.7 = 0.00455 → 0.00; rounding the sum of three (0.01365) would give 0.01.
    const lines = ['1', '2', '3'].map((gnum) => ({ gnum, gcode: WATER, totalPrice: '0.05' }));
    expect(tax({ lines }).valueAddedTax).toBe('0.00');
  });
});

describe('full taxation (over the limits, or a single indivisible item)', () => {
  it('levies duty P×t, then CT (P + duty)/(1−c)×c and VAT (P + duty + CT)×v at 100%', () => {
    // Perfume 6000: duty 180; CT 6180 / 0.85 × 0.15 = 1090.588…; VAT (6180 + 1090.588…) × 0.13 = 945.176…
    const result = tax({ lines: [{ gnum: '1', gcode: PERFUME, totalPrice: '6000.00' }], mode: 'full' });
    expect(result).toMatchObject({
      customsTax: '180.00',
      consumptionTax: '1090.59',
      valueAddedTax: '945.18',
      taxTotal: '2215.77',
    });
  });

  it('levies VAT in full without the 70% reduction', () => {
    const result = tax({ lines: [{ gnum: '1', gcode: WATER, totalPrice: '410' }], mode: 'full' });
    expect(result).toMatchObject({ customsTax: '82.00', valueAddedTax: '63.96', taxTotal: '145.96' });
  });

  it('refuses full taxation of a tariff line with no duty rate recorded', () => {
    const result = computeInventoryTax({
      lines: [{ gnum: '1', gcode: FORMULA, totalPrice: '6000' }],
      freight: '0',
      insuredFee: '0',
      rates,
      mode: 'full',
    });
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: 'DUTY_RATE_MISSING', field: 'InventoryList[gnum=1].gcode' })],
    });
  });
});

describe('tax refusals', () => {
  it('refuses a line whose commodity code has no rates', () => {
    const result = computeInventoryTax({
      lines: [
        { gnum: '1', gcode: WATER, totalPrice: '100' },
        { gnum: '2', gcode: '9999999999', totalPrice: '100' },
      ],
      freight: '0',
      insuredFee: '0',
      rates,
      mode: 'cbec',
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          code: 'TARIFF_LINE_UNKNOWN',
          field: 'InventoryList[gnum=2].gcode',
          actual: '9999999999',
        }),
      ],
    });
  });

  it('refuses amounts that are not non-negative decimals and an inventory without lines', () => {
    const bad = computeInventoryTax({
      lines: [{ gnum: '1', gcode: WATER, totalPrice: '-1' }],
      freight: 'ten',
      insuredFee: '0',
      rates,
      mode: 'cbec',
    });
    expect(bad.ok ? [] : bad.errors.map((e) => [e.code, e.field])).toEqual([
      ['AMOUNT_FORMAT', 'InventoryHead.freight'],
      ['AMOUNT_FORMAT', 'InventoryList[gnum=1].totalPrice'],
    ]);
    const empty = computeInventoryTax({ lines: [], freight: '0', insuredFee: '0', rates, mode: 'cbec' });
    expect(empty.ok ? [] : empty.errors.map((e) => e.code)).toEqual(['INVENTORY_EMPTY']);
  });
});
