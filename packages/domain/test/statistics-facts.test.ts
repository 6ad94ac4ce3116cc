import { describe, expect, it } from 'vitest';
import {
  checkGoodsClassTable,
  goodsClassOf,
  inventoryContribution,
  type GoodsClassTable,
  type InventoryState,
} from '../src/index.ts';
import goodsClassJson from '../../../data/statistics/goods-classes.json' with { type: 'json' };

const table = goodsClassJson as GoodsClassTable;

const state = (over: Partial<InventoryState> = {}): InventoryState => ({
  direction: 'import',
  counted: true,
  day: '2026-11-11',
  tradeMode: '9610',
  statisticsFlag: '',
  country: '502',
  customsCode: '4614',
  parkCode: 'P1',
  declarantOrg: '00000000-0000-0000-0000-000000000001',
  ebpCode: 'EBP',
  ebcCode: 'EBC',
  logisticsCode: 'LOG',
  lane: 'green',
  packNo: '1',
  grossWeight: '2.5',
  lines: [
    {
      gnum: 1,
      gcode: '0402210000',
      country: '601',
      currency: '142',
      qty: '3',
      totalPrice: '100',
      returnedQty: '1',
      tax: '9.10',
    },
    {
      gnum: 2,
      gcode: '3304990099',
      country: '305',
      currency: '142',
      qty: '1',
      totalPrice: '50',
      returnedQty: '0',
      tax: '4.55',
    },
  ],
  cnyRate: () => null,
  usdRate: '7.0000',
  goodsClasses: table,
  ...over,
});

describe('statistics facts (decision 0048)', () => {
  it('the goods-class table is well formed: unique codes, digit prefixes, each prefix in one class', () => {
    expect(checkGoodsClassTable(table)).toEqual([]);
    expect(table.classes.length).toBeGreaterThanOrEqual(10);
    expect(table.classes.length).toBeLessThanOrEqual(20);
  });

  it('an HS code takes the class of its longest matching prefix', () => {
    expect(goodsClassOf(table, '0402210000')).toBe('01'); // milk powder 040221: 母婴, not the 04 of food
    expect(goodsClassOf(table, '0401200000')).toBe('03'); // liquid milk: 食品
    expect(goodsClassOf(table, '2204210000')).toBe('04'); // wine
    expect(goodsClassOf(table, '3304990099')).toBe('02'); // cosmetics
    expect(goodsClassOf(table, '8516310000')).toBe('02'); // hair dryer (851631): personal care
    expect(goodsClassOf(table, '8516600000')).toBe('10'); // oven (8516): appliances
    expect(goodsClassOf(table, '2710121000')).toBe('99'); // petrol: other
  });

  it('a partly returned line counts for the share kept, value and tax rounded per line', () => {
    const c = inventoryContribution(state());
    // Line 1: 2 of 3 kept → 100 × 2/3 = 66.67, tax 9.10 × 2/3 = 6.07; line 2 whole: 50, 4.55.
    expect(c.parcels).toHaveLength(1);
    expect(c.parcels[0]?.[1]).toEqual({
      inventories: 1,
      lines: 2,
      parcels: 1,
      grossWeight: '2.5',
      valueCny: '116.67',
      valueUsd: '16.66', // (100 × 2/3)/7 = 9.5238 → 9.52, + 50/7 = 7.1428 → 7.14
      unconverted: 0,
      usdUnconverted: 0,
      tax: '10.62',
    });
    expect(c.goods.map(([k, m]) => [k[5], k[6], k[4], m.valueCny])).toEqual([
      ['0402', '01', '601', '66.67'],
      ['3304', '02', '305', '50'],
    ]);
  });

  it('a cancelled or unreleased inventory adds nothing; a wholly returned one adds nothing', () => {
    expect(inventoryContribution(state({ counted: false }))).toEqual({ parcels: [], goods: [] });
    const all = state();
    all.lines = all.lines.map((l) => ({ ...l, returnedQty: l.qty }));
    expect(inventoryContribution(all)).toEqual({ parcels: [], goods: [] });
  });

  it('a line in a currency without a customs rate adds no value and is counted as unconverted', () => {
    const s = state();
    s.lines = [{ ...(s.lines[1] as InventoryState['lines'][number]), currency: '303' }];
    const m = inventoryContribution(s).parcels[0]?.[1];
    expect(m).toMatchObject({ valueCny: '0', valueUsd: '0', unconverted: 1, usdUnconverted: 1, lines: 1 });
  });
});
