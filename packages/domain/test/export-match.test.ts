import { describe, expect, it } from 'vitest';
import {
  matchExportDocuments,
  type ExportInventoryDocument,
  type ExportMatchInput,
  type ExportOrderDocument,
  type ExportReceiptDocument,
  type ExportWaybillDocument,
} from '../src/index.ts';

// A 9610 parcel of the Jiaozuo demo seller 4614960002 on platform 4614960001, shipped by 4614960005 and declared
// by agent 4614960006: two lines, 39.80 USD of T-shirts and 12.50 USD of toys, 5.00 USD freight.
const order = (): ExportOrderDocument => ({
  orderType: 'E',
  orderNo: 'EXP202503150001',
  ebpCode: '4614960001',
  ebcCode: '4614960002',
  goodsValue: '52.30',
  freight: '5.00',
  currency: '502',
  lines: [
    {
      gnum: '1',
      itemNo: 'TS-001',
      itemName: '棉制针织T恤',
      unit: '011',
      currency: '502',
      qty: '2',
      price: '19.90',
      totalPrice: '39.80',
    },
    {
      gnum: '2',
      itemNo: 'TOY-007',
      itemName: '塑料积木玩具',
      unit: '125',
      currency: '502',
      qty: '1',
      price: '12.50',
      totalPrice: '12.50',
    },
  ],
});

const receipt = (): ExportReceiptDocument => ({
  ebpCode: '4614960001',
  ebcCode: '4614960002',
  orderNo: 'EXP202503150001',
  payCode: '4614960004',
  payName: '焦作演示支付',
  payNo: 'PAY202503150001',
  charge: '57.30',
  currency: '502',
  accountingDate: '20250315103000',
});

const waybill = (): ExportWaybillDocument => ({
  logisticsCode: '4614960005',
  logisticsNo: 'YT0000000001',
  freight: '5.00',
  insuredFee: '0',
  currency: '502',
  grossWeight: '1.2',
  packNo: '1',
  goodsInfo: 'T恤、玩具',
  ebcCode: '4614960002',
});

const inventory = (): ExportInventoryDocument => ({
  customsCode: '4614',
  ebpCode: '4614960001',
  orderNo: 'EXP202503150001',
  logisticsCode: '4614960005',
  logisticsNo: 'YT0000000001',
  copNo: 'COP202503150001',
  portCode: '4614',
  statisticsFlag: 'B',
  agentCode: '4614960006',
  ebcCode: '4614960002',
  ownerCode: '461496000A',
  tradeMode: '9610',
  trafMode: '5',
  country: '502',
  freight: '5.00',
  fCurrency: '502',
  insuredFee: '0',
  iCurrency: '502',
  packNo: '1',
  grossWeight: '1.2',
  netWeight: '1.0',
  lines: [
    {
      gnum: '1',
      itemNo: 'TS-001',
      gcode: '6109100021',
      gname: '棉制针织T恤',
      country: '502',
      currency: '502',
      qty: '2',
      qty1: '0.4',
      unit: '011',
      unit1: '035',
      price: '19.90',
      totalPrice: '39.80',
    },
    {
      gnum: '2',
      itemNo: 'TOY-007',
      gcode: '9503008900',
      gname: '塑料积木玩具',
      country: '502',
      currency: '502',
      qty: '1',
      qty1: '1',
      unit: '125',
      unit1: '125',
      price: '12.50',
      totalPrice: '12.50',
    },
  ],
});

const input = (over: Partial<ExportMatchInput> = {}): ExportMatchInput => ({
  order: order(),
  receipt: receipt(),
  waybill: waybill(),
  inventory: inventory(),
  requireReceipt: true,
  ...over,
});

describe('export document match (CEB303 + CEB403 + CEB505 ⇄ CEB603)', () => {
  it('matches a consistent 9610 parcel without any finding', () => {
    expect(matchExportDocuments(input())).toEqual({ ok: true, issues: [], missing: [] });
  });

  it('refuses a retail export whose receipt (收款单) is missing (海关总署公告2018年第194号)', () => {
    const result = matchExportDocuments(input({ receipt: undefined }));
    expect(result.ok).toBe(false);
    expect(result.missing).toEqual(['receipt']);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'EXPORT_RECEIPT_MISSING',
        severity: 'refuse',
        field: 'CEB403.Receipts',
      }),
    ]);
  });

  it('lets a 9710 B2B export match without a receipt (payment data optional, 公告2020年第75号)', () => {
    const b2bOrder = { ...order(), orderType: 'B' };
    const b2bInventory = { ...inventory(), tradeMode: '9710' };
    expect(
      matchExportDocuments(
        input({ order: b2bOrder, inventory: b2bInventory, receipt: undefined, requireReceipt: false }),
      ),
    ).toEqual({ ok: true, issues: [], missing: [] });
  });

  it('refuses an order whose type does not go with the trade mode (9810 needs W)', () => {
    const result = matchExportDocuments(
      input({ inventory: { ...inventory(), tradeMode: '9810' }, requireReceipt: false }),
    );
    expect(result.issues).toEqual([
      expect.objectContaining({ code: 'EXPORT_ORDER_TYPE', severity: 'refuse', expected: 'W', actual: 'E' }),
    ]);
  });

  it("refuses an order or receipt of another consignor than the inventory's (对应清单的收发货人)", () => {
    const result = matchExportDocuments(
      input({
        order: { ...order(), ebcCode: '4614960003' },
        receipt: { ...receipt(), ebcCode: '4614960009' },
      }),
    );
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.code, i.severity, i.field])).toEqual([
      ['EXPORT_EBC_MISMATCH', 'refuse', 'CEB303.OrderHead.ebcCode'],
      ['EXPORT_EBC_MISMATCH', 'refuse', 'CEB403.Receipts.ebcCode'],
    ]);
    expect(result.issues[0]?.rule).toMatch(/^订单的电商企业即清单的收发货人 \(/);
  });

  it('refuses inventory lines that do not correspond 1:1 to the order lines by gnum', () => {
    const [first] = inventory().lines;
    const result = matchExportDocuments(
      input({ inventory: { ...inventory(), lines: [first!, { ...first!, gnum: '3' }] } }),
    );
    expect(
      result.issues.filter((i) => i.severity === 'refuse').map((i) => [i.code, i.field, i.actual]),
    ).toEqual([
      ['LINE_GNUM', 'CEB603.InventoryList[gnum=2]', 'missing'],
      ['LINE_GNUM', 'CEB603.InventoryList[gnum=3].gnum', '3'],
    ]);
  });

  it('warns, without refusing, when linking keys differ from the order and the waybill (practice)', () => {
    const result = matchExportDocuments(
      input({ inventory: { ...inventory(), orderNo: 'EXP-OTHER', logisticsNo: 'YT0000000002' } }),
    );
    expect(result.ok).toBe(true);
    expect(result.issues.map((i) => [i.code, i.severity, i.field])).toEqual([
      ['PRACTICE_INVENTORY_ORDER', 'warn', 'CEB603.InventoryHead.orderNo'],
      ['PRACTICE_INVENTORY_WAYBILL', 'warn', 'CEB603.InventoryHead.logisticsNo'],
    ]);
  });

  it('warns on a line whose item number, quantity or value differ from the order line', () => {
    const lines = inventory().lines.map((l) =>
      l.gnum === '1' ? { ...l, itemNo: 'TS-002', qty: '3', qty1: '0.6', totalPrice: '59.70' } : l,
    );
    const result = matchExportDocuments(input({ inventory: { ...inventory(), lines } }));
    expect(result.ok).toBe(true);
    expect(result.issues.map((i) => [i.code, i.field, i.expected, i.actual])).toEqual([
      [
        'PRACTICE_LINE_ITEM_NO',
        'CEB603.InventoryList[gnum=1].itemNo',
        'TS-001 (CEB303 OrderList[gnum=1] itemNo)',
        'TS-002',
      ],
      ['PRACTICE_LINE_QTY', 'CEB603.InventoryList[gnum=1].qty', '2 (CEB303 OrderList[gnum=1] qty)', '3'],
      [
        'PRACTICE_LINE_TOTAL',
        'CEB603.InventoryList[gnum=1].totalPrice',
        '39.80 (CEB303 OrderList[gnum=1] totalPrice)',
        '59.70',
      ],
      ['PRACTICE_TOTALS', 'CEB603.InventoryList[*].totalPrice', '52.30 (CEB303 goodsValue)', '72.20'],
    ]);
  });

  it('accepts a receipt of the goods value alone or with the freight, and warns on any other amount', () => {
    expect(matchExportDocuments(input({ receipt: { ...receipt(), charge: '52.3' } })).issues).toEqual([]);
    expect(matchExportDocuments(input({ receipt: { ...receipt(), charge: '50' } })).issues).toEqual([
      expect.objectContaining({
        code: 'PRACTICE_RECEIPT_CHARGE',
        severity: 'warn',
        expected: '52.30 or 57.30 (CEB303 goodsValue [+ freight])',
      }),
    ]);
  });

  it('refuses an amount that is not a decimal', () => {
    const result = matchExportDocuments(input({ receipt: { ...receipt(), charge: '57,30' } }));
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({ code: 'AMOUNT_FORMAT', severity: 'refuse', field: 'CEB403.Receipts.charge' }),
    ]);
  });
});
