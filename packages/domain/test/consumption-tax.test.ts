import { describe, expect, it } from 'vitest';
import table from '../../../data/reference/consumption-tax-items.json' with { type: 'json' };
import {
  checkConsumptionTaxItems,
  computeInventoryTax,
  type ConsumptionTaxItem,
  type LineRates,
  type TaxLineInput,
} from '../src/index.ts';

// The shipped table, so these tests check the data as well as the rule.
const items = table.items as ConsumptionTaxItem[];

const SKIN_CARE = '3304990099'; // 护肤品: 高档护肤类化妆品 when at or above the threshold
const PERFUME = '3303000010';
const WATCH = '9102110000'; // wrist watch, electrically operated
const GOLD_JEWELLERY = '7113191100';
const PEARL_ARTICLES = '7116100000';
const WINE = '2204210000';

// Tariff-line rates as the platform stores them: the flat consumption-tax rate is deliberately 0 everywhere, so
// any consumption tax below comes from the item table.
const line = (vatRate: string): LineRates => ({ vatRate, consumptionTaxRate: '0', dutyRate: null });
const rates = (vatRate: string) =>
  new Map<string, LineRates>(
    [SKIN_CARE, PERFUME, WATCH, GOLD_JEWELLERY, PEARL_ARTICLES, WINE].map((g) => [g, line(vatRate)]),
  );

/** Units of JGS-20: 035 千克, 036 克, 096 毫升, 020 片, 008 只, 007 个, 142 瓶. */
const tax = (date: string, lines: TaxLineInput[], options: { freight?: string; vatRate?: string } = {}) => {
  const result = computeInventoryTax({
    lines,
    freight: options.freight ?? '0',
    insuredFee: '0',
    rates: rates(options.vatRate ?? '0.13'),
    mode: 'cbec',
    consumptionTax: { date, items },
  });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.tax;
};
const one = (gcode: string, totalPrice: string, quantities: TaxLineInput['quantities']) => [
  { gnum: '1', gcode, totalPrice, quantities },
];

describe('高档化妆品 from 2016-10-01: 15% only from 10 元/毫升(克) or 15 元/片(张) (财税〔2016〕103号)', () => {
  it('taxes high-end skin care under 3304 at 12 CNY/g: 50 g for 600 CNY pays 15% consumption tax', () => {
    // CT 600/(1−0.15)×0.15×0.7 = 74.1176… → 74.12; VAT (600 + 105.882…)×0.13×0.7 = 64.235… → 64.24
    const result = tax(
      '2024-06-01',
      one(SKIN_CARE, '600.00', [
        { qty: '1', unit: '140' },
        { qty: '0.05', unit: '035' },
      ]),
    );
    expect(result.lines[0]).toMatchObject({ consumptionTax: '74.12', valueAddedTax: '64.24' });
    expect(result.lines[0]?.consumptionTaxItem).toMatchObject({
      item: 'cosmetics',
      basis: 'at-or-above',
      rate: '0.15',
    });
  });

  it('levies no consumption tax on cheap perfume: 100 g for 300 CNY is 3 CNY/g, VAT only', () => {
    // VAT 300×0.13×0.7 = 27.30
    const result = tax(
      '2024-06-01',
      one(PERFUME, '300.00', [
        { qty: '1', unit: '142' },
        { qty: '0.1', unit: '035' },
      ]),
    );
    expect(result.lines[0]).toMatchObject({ consumptionTax: '0.00', valueAddedTax: '27.30' });
    expect(result.lines[0]?.consumptionTaxItem).toMatchObject({ basis: 'below', rate: '0' });
  });

  it('taxes goods exactly at 10 CNY/g (及以上): 50 g for 500 CNY pays, 499.99 does not', () => {
    // CT 500/0.85×0.15×0.7 = 61.7647… → 61.76; VAT (500 + 88.235…)×0.091 = 53.529… → 53.53
    const at = tax('2024-06-01', one(SKIN_CARE, '500.00', [{ qty: '50', unit: '036' }]));
    expect(at.lines[0]).toMatchObject({ consumptionTax: '61.76', valueAddedTax: '53.53' });
    // VAT 499.99×0.091 = 45.499… → 45.50
    const below = tax('2024-06-01', one(SKIN_CARE, '499.99', [{ qty: '50', unit: '036' }]));
    expect(below.lines[0]).toMatchObject({ consumptionTax: '0.00', valueAddedTax: '45.50' });
  });

  it('counts millilitres like grams, and litres as 1,000 ml', () => {
    const ml = tax('2024-06-01', one(PERFUME, '500.00', [{ qty: '50', unit: '096' }]));
    expect(ml.lines[0]?.consumptionTax).toBe('61.76');
    const litres = tax('2024-06-01', one(PERFUME, '500.00', [{ qty: '0.05', unit: '095' }]));
    expect(litres.lines[0]?.consumptionTax).toBe('61.76');
  });

  it('compares the dutiable value (完税价格) with the threshold: freight lifts 495 CNY for 50 g to 500', () => {
    const result = tax('2024-06-01', one(SKIN_CARE, '495.00', [{ qty: '50', unit: '036' }]), {
      freight: '5.00',
    });
    expect(result.lines[0]).toMatchObject({ taxPrice: '500.00', consumptionTax: '61.76' });
  });

  it('taxes sheet masks from 15 CNY per 片: 10 片 for 150 CNY pays, 149.90 does not', () => {
    // CT 150/0.85×0.15×0.7 = 18.529… → 18.53; below: VAT 149.90×0.091 = 13.6409 → 13.64
    const at = tax('2024-06-01', one(SKIN_CARE, '150.00', [{ qty: '10', unit: '020' }]));
    expect(at.lines[0]).toMatchObject({ consumptionTax: '18.53', valueAddedTax: '16.06' });
    const below = tax(
      '2024-06-01',
      one(SKIN_CARE, '149.90', [
        { qty: '10', unit: '020' },
        { qty: '0.2', unit: '035' },
      ]),
    );
    expect(below.lines[0]).toMatchObject({ consumptionTax: '0.00', valueAddedTax: '13.64' });
  });

  it('taxes when any declared measure reaches its threshold (或): 12 CNY/片 but 12 CNY/g pays', () => {
    // 10 片 weighing 10 g for 120 CNY: 12 元/片 < 15, but 12 元/克 ≥ 10. CT 120/0.85×0.15×0.7 = 14.82
    const result = tax(
      '2024-06-01',
      one(SKIN_CARE, '120.00', [
        { qty: '10', unit: '020' },
        { qty: '10', unit: '036' },
      ]),
    );
    expect(result.lines[0]?.consumptionTax).toBe('14.82');
  });

  it('taxes when no declared quantity is in 毫升, 克 or 片 (conservative rule, decision 0027)', () => {
    // 2 个 for 120 CNY: the price per gram cannot be known, so the 15% applies: CT 14.82
    const result = tax('2024-06-01', one(SKIN_CARE, '120.00', [{ qty: '2', unit: '007' }]));
    expect(result.lines[0]?.consumptionTax).toBe('14.82');
    expect(result.lines[0]?.consumptionTaxItem).toMatchObject({ basis: 'quantity-unknown', rate: '0.15' });
  });
});

describe('化妆品 before 2016-10-01: 30% without threshold (消费税暂行条例 税目税率表)', () => {
  it('taxes cheap skin care at 1 CNY/g at 30% on 2016-06-01', () => {
    // VAT 17% then. CT 100/(1−0.3)×0.3×0.7 = 30.00; VAT (100 + 42.857…)×0.17×0.7 = 17.00
    const result = tax('2016-06-01', one(SKIN_CARE, '100.00', [{ qty: '0.1', unit: '035' }]), {
      vatRate: '0.17',
    });
    expect(result.lines[0]).toMatchObject({ consumptionTax: '30.00', valueAddedTax: '17.00' });
  });

  it('switches on 2016-10-01, not the day before', () => {
    const before = tax('2016-09-30', one(SKIN_CARE, '100.00', [{ qty: '0.1', unit: '035' }]));
    const after = tax('2016-10-01', one(SKIN_CARE, '100.00', [{ qty: '0.1', unit: '035' }]));
    expect(before.lines[0]?.consumptionTaxItem).toMatchObject({ rate: '0.30', basis: 'no-threshold' });
    expect(after.lines[0]).toMatchObject({ consumptionTax: '0.00' });
  });
});

describe('高档手表: 20% from 10,000 CNY per 只 (财税〔2006〕33号)', () => {
  it('taxes a watch at 10,000 CNY: CT 1,750.00, VAT 1,137.50', () => {
    // CT 10000/(1−0.2)×0.2×0.7 = 1750.00; VAT (10000 + 2500)×0.13×0.7 = 1137.50
    const result = tax('2024-06-01', one(WATCH, '10000.00', [{ qty: '1', unit: '008' }]));
    expect(result.lines[0]).toMatchObject({ consumptionTax: '1750.00', valueAddedTax: '1137.50' });
  });

  it('levies none on a watch at 9,999 CNY: VAT 909.91 only', () => {
    // VAT 9999×0.13×0.7 = 909.909 → 909.91
    const result = tax('2024-06-01', one(WATCH, '9999.00', [{ qty: '1', unit: '008' }]));
    expect(result.lines[0]).toMatchObject({ consumptionTax: '0.00', valueAddedTax: '909.91' });
  });

  it('judges each watch: two 只 for 19,998 CNY are 9,999 each, untaxed', () => {
    const result = tax('2024-06-01', one(WATCH, '19998.00', [{ qty: '2', unit: '008' }]));
    expect(result.lines[0]?.consumptionTax).toBe('0.00');
  });
});

describe('贵重首饰及珠宝玉石 and 酒', () => {
  it('levies no consumption tax at import on gold jewellery: its 5% is levied at retail (财税字〔1994〕95号)', () => {
    const result = tax('2024-06-01', one(GOLD_JEWELLERY, '2000.00', [{ qty: '5', unit: '036' }]));
    // VAT 2000×0.13×0.7 = 182.00
    expect(result.lines[0]).toMatchObject({ consumptionTax: '0.00', valueAddedTax: '182.00' });
    expect(result.lines[0]?.consumptionTaxItem).toMatchObject({ basis: 'retail-stage' });
  });

  it('taxes articles of pearls at 10% at import (财税〔2006〕33号)', () => {
    // CT 2000/0.9×0.1×0.7 = 155.555… → 155.56; VAT (2000 + 222.22…)×0.091 = 202.22
    const result = tax('2024-06-01', one(PEARL_ARTICLES, '2000.00', [{ qty: '0.01', unit: '035' }]));
    expect(result.lines[0]).toMatchObject({ consumptionTax: '155.56', valueAddedTax: '202.22' });
  });

  it('taxes wine at 10% whatever its price (其他酒)', () => {
    // CT 400/0.9×0.1×0.7 = 31.11; VAT (400 + 44.44…)×0.091 = 40.44
    const result = tax('2024-06-01', one(WINE, '400.00', [{ qty: '0.75', unit: '095' }]));
    expect(result.lines[0]).toMatchObject({ consumptionTax: '31.11', valueAddedTax: '40.44' });
  });
});

describe('the shipped consumption-tax item table', () => {
  it('is well formed: unique ids and prefixes, periods not overlapping, rates in [0, 1)', () => {
    expect(checkConsumptionTaxItems(items)).toEqual([]);
  });

  it('refuses overlapping periods and an HS prefix claimed by two items', () => {
    const cosmetics = items.find((i) => i.id === 'cosmetics') as ConsumptionTaxItem;
    const broken: ConsumptionTaxItem[] = [
      { ...cosmetics, periods: cosmetics.periods.map((p) => ({ ...p, validTo: null })) },
      { ...cosmetics, id: 'copy' },
    ];
    expect(checkConsumptionTaxItems(broken).map((e) => e.rule)).toEqual(
      expect.arrayContaining(['one period in force per day', 'one item per HS prefix']),
    );
  });
});
