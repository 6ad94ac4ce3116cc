import { describe, expect, it } from 'vitest';
import {
  matchImportDocuments,
  type InventoryDocument,
  type MatchInput,
  type OrderDocument,
  type PaymentDocument,
  type WaybillDocument,
} from '../src/index.ts';

// A 1210 bonded parcel on the Jiaozuo demo parties (data/demo/jiaozuo.json): platform 4614960001, seller
// 4614960002, payment 4614960004, logistics 4614960005, agent 4614960006. Two lines worth 604.00, freight
// 10.00, a 20.00 coupon and 55.87 tax withheld (9.1% of 614.00): acturalPaid 649.87.
const order = (): OrderDocument => ({
  orderNo: 'DZG202503150001',
  ebpCode: '4614960001',
  ebcCode: '4614960002',
  goodsValue: '604.00',
  freight: '10.00',
  discount: '20.00',
  taxTotal: '55.87',
  acturalPaid: '649.87',
  currency: '142',
  buyerRegNo: 'zhangsan88',
  buyerName: '张三',
  buyerTelephone: '13800000000',
  buyerIdType: '1',
  buyerIdNumber: '410802199001011234',
  payCode: '4614960004',
  payTransactionId: 'TH2025031500001',
  consignee: '张三',
  consigneeTelephone: '13800000000',
  consigneeAddress: '河南省焦作市解放区民主南路1号',
  lines: [
    {
      gnum: '1',
      itemNo: 'VXP-0001',
      itemName: '婴幼儿配方奶粉 1段 900克',
      unit: '122',
      qty: '1',
      price: '268.00',
      totalPrice: '268.00',
      country: '304',
    },
    {
      gnum: '2',
      itemNo: 'VXP-0002',
      itemName: '天然矿泉水 500毫升×24',
      unit: '142',
      qty: '2',
      price: '168.00',
      totalPrice: '336.00',
      country: '305',
    },
  ],
});

const payment = (): PaymentDocument => ({
  payCode: '4614960004',
  payTransactionId: 'TH2025031500001',
  orderNo: 'DZG202503150001',
  ebpCode: '4614960001',
  payerIdType: '1',
  payerIdNumber: '410802199001011234',
  payerName: '张三',
  amountPaid: '649.87000',
  currency: '142',
  payTime: '20250315102030',
});

const waybill = (): WaybillDocument => ({
  logisticsCode: '4614960005',
  logisticsNo: 'TG2025031500001',
  orderNo: 'DZG202503150001',
  freight: '10.00',
  insuredFee: '0',
  weight: '14.2',
  consignee: '张三',
  consigneeAddress: '河南省焦作市解放区民主南路1号',
  consigneeTelephone: '13800000000',
});

const inventory = (): InventoryDocument => ({
  orderNo: 'DZG202503150001',
  ebpCode: '4614960001',
  ebcCode: '4614960002',
  logisticsNo: 'TG2025031500001',
  logisticsCode: '4614960005',
  copNo: 'COP0001',
  assureCode: '4614960006',
  emsNo: 'T4614W000001',
  declTime: '20250315',
  customsCode: '4614',
  portCode: '4614',
  buyerIdType: '1',
  buyerIdNumber: '410802199001011234',
  buyerName: '张三',
  buyerTelephone: '13800000000',
  consigneeAddress: '河南省焦作市解放区民主南路1号',
  agentCode: '4614960006',
  areaCode: '4614960007',
  tradeMode: '1210',
  trafMode: 'W',
  country: '142',
  freight: '10.00',
  insuredFee: '0',
  currency: '142',
  packNo: '1',
  grossWeight: '14.2',
  netWeight: '13.5',
  lines: [
    {
      gnum: '1',
      itemNo: 'VXP-0001',
      gcode: '1901101000',
      gname: '婴幼儿配方奶粉 1段 900克',
      country: '304',
      qty: '1',
      unit: '122',
      qty1: '0.9',
      unit1: '035',
      price: '268.00',
      totalPrice: '268.00',
    },
    {
      gnum: '2',
      itemNo: 'VXP-0002',
      gcode: '2201101000',
      gname: '天然矿泉水 500毫升×24',
      country: '305',
      qty: '2',
      unit: '142',
      qty1: '2',
      unit1: '142',
      qty2: '24',
      unit2: '095',
      price: '168.00',
      totalPrice: '336.00',
    },
  ],
});

const documents = (): MatchInput => ({
  order: order(),
  payment: payment(),
  waybill: waybill(),
  inventory: inventory(),
});

const codes = (input: MatchInput): string[] => matchImportDocuments(input).issues.map((i) => i.code);

describe('three-document match (三单对碰): official rules', () => {
  it('accepts an inventory whose order, payment and waybill agree, comparing amounts numerically', () => {
    expect(matchImportDocuments(documents())).toEqual({ ok: true, issues: [] });
  });

  it('refuses an order whose acturalPaid is not goodsValue + freight + taxTotal − discount', () => {
    const input = documents();
    input.order.acturalPaid = '669.87';
    input.payment.amountPaid = '669.87';
    const result = matchImportDocuments(input);
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'ORDER_ACTURAL_PAID',
        severity: 'refuse',
        field: 'CEB311.OrderHead.acturalPaid',
        expected: '649.87 (CEB311 goodsValue + freight + taxTotal − discount)',
        actual: '669.87',
      }),
    ]);
  });

  it("refuses a payment whose amount differs from the order's acturalPaid", () => {
    const input = documents();
    input.payment.amountPaid = '649.80';
    const result = matchImportDocuments(input);
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      {
        code: 'PAYMENT_AMOUNT',
        severity: 'refuse',
        field: 'CEB411.PaymentHead.amountPaid',
        rule: expect.stringContaining('acturalPaid'),
        expected: '649.87 (CEB311 acturalPaid)',
        actual: '649.80',
      },
    ]);
  });

  it('refuses each consignee field of the order that differs from the waybill', () => {
    const input = documents();
    input.waybill.consigneeTelephone = '13900000000';
    input.waybill.consigneeAddress = '河南省焦作市解放区民主南路 1 号';
    const issues = matchImportDocuments(input).issues;
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'CONSIGNEE_MISMATCH',
        severity: 'refuse',
        field: 'CEB311.OrderHead.consigneeTelephone',
        // telephones are masked in findings; the last four and the prefix still tell them apart
        expected: '139****0000 (CEB511 consigneeTelephone)',
        actual: '138****0000',
      }),
      expect.objectContaining({
        code: 'CONSIGNEE_MISMATCH',
        field: 'CEB311.OrderHead.consigneeAddress',
        actual: '河南省焦作市解放区民主南路1号',
      }),
    ]);
  });

  it('refuses an inventory that leaves out an order line or adds a line the order does not have', () => {
    const input = documents();
    const [first, second] = input.inventory.lines;
    input.inventory.lines = [first!, { ...second!, gnum: '3' }];
    const issues = matchImportDocuments(input).issues.filter((i) => i.code === 'LINE_GNUM');
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'CEB621.InventoryList[gnum=2]',
        actual: 'missing',
        severity: 'refuse',
      }),
      expect.objectContaining({
        field: 'CEB621.InventoryList[gnum=3].gnum',
        expected: 'one of 1, 2 (CEB311 OrderList gnum)',
        actual: '3',
      }),
    ]);
  });

  it('refuses an inventory that declares the same gnum twice', () => {
    const input = documents();
    input.inventory.lines.push({ ...input.inventory.lines[1]! });
    expect(matchImportDocuments(input).issues).toContainEqual(
      expect.objectContaining({
        code: 'LINE_GNUM',
        field: 'CEB621.InventoryList[gnum=2].gnum',
        actual: '2 appears 2 times',
      }),
    );
  });

  it("refuses an inventory line whose gname differs from the order line's itemName", () => {
    const input = documents();
    input.inventory.lines[1]!.gname = '矿泉水';
    expect(matchImportDocuments(input).issues).toEqual([
      expect.objectContaining({
        code: 'GNAME_MISMATCH',
        severity: 'refuse',
        field: 'CEB621.InventoryList[gnum=2].gname',
        expected: '天然矿泉水 500毫升×24 (CEB311 OrderList[gnum=2] itemName)',
        actual: '矿泉水',
      }),
    ]);
  });

  it('refuses a buyer or payer identified by anything but an ID card (type 1)', () => {
    const input = documents();
    input.order.buyerIdType = '2';
    input.inventory.buyerIdType = '2';
    input.payment.payerIdType = '2';
    const issues = matchImportDocuments(input).issues.filter((i) => i.code === 'ID_TYPE');
    expect(issues.map((i) => i.field)).toEqual([
      'CEB311.OrderHead.buyerIdType',
      'CEB621.InventoryHead.buyerIdType',
      'CEB411.PaymentHead.payerIdType',
    ]);
    expect(issues.every((i) => i.severity === 'refuse' && i.expected === '1 (ID card)')).toBe(true);
  });

  it('accepts the e-commerce or logistics enterprise as guarantor, and refuses any other party', () => {
    const asEbc = documents();
    asEbc.inventory.assureCode = '4614960002';
    expect(matchImportDocuments(asEbc).ok).toBe(true);
    const asLogistics = documents();
    asLogistics.inventory.assureCode = '4614960005';
    expect(matchImportDocuments(asLogistics).ok).toBe(true);

    const asPlatform = documents();
    asPlatform.inventory.assureCode = '4614960001';
    expect(matchImportDocuments(asPlatform).issues).toEqual([
      expect.objectContaining({
        code: 'ASSURE_CODE',
        severity: 'refuse',
        field: 'CEB621.InventoryHead.assureCode',
        actual: '4614960001',
      }),
    ]);
  });

  it('refuses amounts in any currency but CNY (142)', () => {
    const input = documents();
    input.order.currency = '502';
    input.payment.currency = '502';
    input.inventory.currency = '502';
    expect(matchImportDocuments(input).issues.map((i) => [i.code, i.field])).toEqual([
      ['CURRENCY', 'CEB311.OrderHead.currency'],
      ['CURRENCY', 'CEB411.PaymentHead.currency'],
      ['CURRENCY', 'CEB621.InventoryHead.currency'],
    ]);
  });

  it('refuses an order paid by someone other than the buyer (财关税〔2018〕49号)', () => {
    const input = documents();
    input.payment.payerName = '李四';
    input.payment.payerIdNumber = '410802198505052345';
    const issues = matchImportDocuments(input).issues;
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'BUYER_NOT_PAYER',
        severity: 'refuse',
        field: 'CEB411.PaymentHead.payerName',
        expected: '张三 (CEB311 buyerName)',
        actual: '李四',
      }),
      expect.objectContaining({
        code: 'BUYER_NOT_PAYER',
        field: 'CEB411.PaymentHead.payerIdNumber',
        // ID numbers are shown masked in findings (they are stored in events and receipts, which are not sealed)
        expected: '410802********1234 (CEB311 buyerIdNumber)',
        actual: '410802********2345',
      }),
    ]);
  });

  it('refuses an amount that is not a decimal instead of throwing', () => {
    const input = documents();
    input.payment.amountPaid = '649,87';
    expect(matchImportDocuments(input).issues).toEqual([
      expect.objectContaining({
        code: 'AMOUNT_FORMAT',
        severity: 'refuse',
        field: 'CEB411.PaymentHead.amountPaid',
      }),
    ]);
  });
});

describe('three-document match: practice checks are warnings', () => {
  it("warns, without refusing, when the inventory's order keys or buyer differ from the order", () => {
    const input = documents();
    input.inventory.orderNo = 'DZG202503150002';
    input.inventory.buyerIdNumber = '410802199001011235';
    const result = matchImportDocuments(input);
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'PRACTICE_INVENTORY_ORDER',
        severity: 'warn',
        field: 'CEB621.InventoryHead.orderNo',
        expected: 'DZG202503150001 (CEB311 orderNo)',
        actual: 'DZG202503150002',
      }),
      expect.objectContaining({
        code: 'PRACTICE_INVENTORY_ORDER',
        field: 'CEB621.InventoryHead.buyerIdNumber',
      }),
    ]);
  });

  it("warns when the inventory's logistics code or number differ from the waybill", () => {
    const input = documents();
    input.inventory.logisticsNo = 'TG2025031500009';
    expect(matchImportDocuments(input).issues).toEqual([
      expect.objectContaining({
        code: 'PRACTICE_INVENTORY_WAYBILL',
        severity: 'warn',
        field: 'CEB621.InventoryHead.logisticsNo',
        expected: 'TG2025031500001 (CEB511 logisticsNo)',
      }),
    ]);
  });

  it("warns when the inventory line totals do not add up to the order's goodsValue", () => {
    const input = documents();
    input.inventory.lines[1]!.totalPrice = '330.00';
    const result = matchImportDocuments(input);
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'PRACTICE_TOTALS',
        severity: 'warn',
        field: 'CEB621.InventoryList[*].totalPrice',
        expected: '604.00 (CEB311 goodsValue)',
        actual: '598.00',
      }),
    ]);
  });

  it('warns when the net weight is not positive or exceeds the gross weight', () => {
    const heavier = documents();
    heavier.inventory.netWeight = '15';
    expect(codes(heavier)).toEqual(['PRACTICE_WEIGHT']);
    expect(matchImportDocuments(heavier).issues[0]?.field).toBe('CEB621.InventoryHead.grossWeight');

    const weightless = documents();
    weightless.inventory.netWeight = '0';
    expect(matchImportDocuments(weightless).issues).toEqual([
      expect.objectContaining({
        code: 'PRACTICE_WEIGHT',
        field: 'CEB621.InventoryHead.netWeight',
        actual: '0',
      }),
    ]);
  });

  it('warns on an inventory line priced at zero', () => {
    const input = documents();
    input.inventory.lines[0]!.price = '0';
    expect(matchImportDocuments(input).issues).toEqual([
      expect.objectContaining({
        code: 'PRACTICE_PRICE',
        severity: 'warn',
        field: 'CEB621.InventoryList[gnum=1].price',
      }),
    ]);
  });

  it('warns when the legal quantity differs from the declared one although the units are the same', () => {
    const input = documents();
    input.inventory.lines[1]!.qty1 = '48';
    expect(matchImportDocuments(input).issues).toEqual([
      expect.objectContaining({
        code: 'PRACTICE_QTY1',
        severity: 'warn',
        field: 'CEB621.InventoryList[gnum=2].qty1',
        expected: '2 (CEB621 qty, unit 142 = unit1)',
        actual: '48',
      }),
    ]);
    const sameNumber = documents();
    sameNumber.inventory.lines[1]!.qty1 = '2.00000';
    expect(matchImportDocuments(sameNumber).issues).toEqual([]);
  });

  it('warns when a second quantity comes without its unit, or a unit without its quantity', () => {
    const noUnit = documents();
    noUnit.inventory.lines[1]!.unit2 = undefined;
    expect(matchImportDocuments(noUnit).issues).toEqual([
      expect.objectContaining({ code: 'PRACTICE_QTY2', field: 'CEB621.InventoryList[gnum=2].unit2' }),
    ]);
    const noQty = documents();
    noQty.inventory.lines[0]!.unit2 = '035';
    expect(matchImportDocuments(noQty).issues).toEqual([
      expect.objectContaining({ code: 'PRACTICE_QTY2', field: 'CEB621.InventoryList[gnum=1].qty2' }),
    ]);
  });
});
