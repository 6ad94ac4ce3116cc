import { describe, expect, it } from 'vitest';
import {
  checkExportMode,
  exchangeRateMissing,
  inventoryValueCny,
  receiptRequired,
  type ExportModeInput,
} from '../src/index.ts';

const mode = (over: Partial<ExportModeInput>): ExportModeInput => ({
  tradeMode: '9710',
  orderType: 'B',
  totalValueCny: '4200.00',
  ...over,
});

describe('export trade modes and order types', () => {
  it('pairs 9610 and 1210 with E, 9710 with B and 9810 with W', () => {
    expect(checkExportMode(mode({ tradeMode: '9610', orderType: 'E', totalValueCny: null }))).toEqual([]);
    expect(checkExportMode(mode({ tradeMode: '1210', orderType: 'E', totalValueCny: null }))).toEqual([]);
    expect(checkExportMode(mode({ tradeMode: '9710', orderType: 'B' }))).toEqual([]);
    expect(
      checkExportMode(mode({ tradeMode: '9810', orderType: 'W', overseasWarehouseFiled: true })),
    ).toEqual([]);
  });

  it('refuses a 9710 inventory whose order is a B2C order', () => {
    expect(checkExportMode(mode({ orderType: 'E' }))).toEqual([
      {
        code: 'EXPORT_ORDER_TYPE',
        field: 'CEB303.OrderHead.orderType',
        rule: expect.stringMatching(/^贸易方式9710的订单类型应为B（B2B出口订单） \(/),
        expected: 'B',
        actual: 'E',
      },
    ]);
  });

  it('refuses a trade mode that is not an export one', () => {
    expect(checkExportMode(mode({ tradeMode: '0110' }))).toMatchObject([
      { code: 'EXPORT_TRADE_MODE', actual: '0110' },
    ]);
  });

  it('needs the receipt for retail exports only', () => {
    expect([receiptRequired('9610'), receiptRequired('1210')]).toEqual([true, true]);
    expect([receiptRequired('9710'), receiptRequired('9810')]).toEqual([false, false]);
  });
});

describe('9710 / 9810 through the inventory (海关总署公告2020年第75号)', () => {
  it('accepts a shipment of exactly 5,000 CNY', () => {
    expect(checkExportMode(mode({ totalValueCny: '5000.00' }))).toEqual([]);
  });

  it('sends a shipment above 5,000 CNY to a customs declaration (报关单)', () => {
    expect(checkExportMode(mode({ totalValueCny: '5000.01' }))).toEqual([
      {
        code: 'B2B_OVER_LIMIT',
        field: 'CEB603.InventoryList[*].totalPrice',
        rule: expect.stringMatching(
          /^跨境电商B2B出口单票金额超过人民币5000元，应以报关单申报 \(.*报关单.*海关总署公告2020年第75号\)$/,
        ),
        expected: '≤ 5000 CNY',
        actual: '5000.01 CNY',
      },
    ]);
  });

  it('sends licence goods to a customs declaration whatever their value', () => {
    expect(checkExportMode(mode({ licenseNo: '20-AB-123456' }))).toMatchObject([
      { code: 'B2B_LICENCE', field: 'CEB603.InventoryHead.licenseNo', actual: '20-AB-123456' },
    ]);
    expect(checkExportMode(mode({ licenseNo: '  ' }))).toEqual([]);
  });

  it('refuses a shipment whose value could not be converted to CNY', () => {
    expect(
      checkExportMode(
        mode({ tradeMode: '9810', orderType: 'W', totalValueCny: null, overseasWarehouseFiled: true }),
      ),
    ).toMatchObject([{ code: 'B2B_VALUE_UNKNOWN' }]);
  });

  it('needs the overseas-warehouse filing for 9810', () => {
    expect(
      checkExportMode(mode({ tradeMode: '9810', orderType: 'W', warehouseCode: 'OW-LA-001' })),
    ).toMatchObject([{ code: 'B2B_WAREHOUSE_NOT_FILED', actual: 'OW-LA-001 (not filed)' }]);
  });

  it('reports every broken rule at once', () => {
    const errors = checkExportMode({
      tradeMode: '9810',
      orderType: 'B',
      totalValueCny: '8000',
      licenseNo: 'L1',
      overseasWarehouseFiled: false,
    });
    expect(errors.map((e) => e.code)).toEqual([
      'EXPORT_ORDER_TYPE',
      'B2B_OVER_LIMIT',
      'B2B_LICENCE',
      'B2B_WAREHOUSE_NOT_FILED',
    ]);
  });
});

describe('shipment value in CNY', () => {
  it('converts the line totals at the customs rate, exactly, to 0.01 CNY', () => {
    const lines = [{ totalPrice: '199.99' }, { totalPrice: '500.015', currency: '502' }];
    expect(inventoryValueCny(lines, '502', '7.1884')).toBe('5031.92');
    expect(inventoryValueCny([{ totalPrice: '4999.995' }], '142', '1')).toBe('5000.00');
  });

  it('refuses to convert at a bad rate or a line in another currency', () => {
    expect(() => inventoryValueCny([{ totalPrice: '1' }], '502', '0')).toThrow(RangeError);
    expect(() => inventoryValueCny([{ totalPrice: '1' }], '142', '7.1')).toThrow(RangeError);
    expect(() => inventoryValueCny([{ totalPrice: '1', currency: '300' }], '502', '7.1')).toThrow(RangeError);
  });

  it('builds the refusal for a currency without a customs exchange rate', () => {
    expect(exchangeRateMissing('300', '2025-03')).toEqual({
      code: 'EXCHANGE_RATE_MISSING',
      field: 'currency',
      rule: expect.stringMatching(/^无币制300（2025-03）的海关汇率，无法折算人民币金额 \(/),
      expected: 'an exchange rate for 300',
      actual: '(none)',
    });
  });
});
