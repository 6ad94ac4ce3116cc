import { present, tryDecimal } from '../checks.ts';
import { Findings, showAmount } from '../clearance/findings.ts';
import { checkLineCorrespondence } from '../clearance/line-match.ts';
import type { MatchResult } from '../clearance/match.ts';
import {
  checkInventoryAgrees,
  checkLinePrice,
  checkLineQty2,
  checkWeights,
  type PracticeWording,
} from '../clearance/practice-checks.ts';
import { toDecimal, type Dec } from '../money.ts';
import { checkOrderType } from './b2b.ts';

/**
 * The export documents as the match reads them: the fields of the CEB messages (spec 202205 export XSD,
 * ceb-reference §4.11–4.14) under their CEB names, amounts and quantities as decimal strings exactly as sent.
 */

/** CEB303 `OrderList`. */
export interface ExportOrderLine {
  gnum: string;
  itemNo: string;
  itemName: string;
  itemDescribe?: string | undefined;
  barCode?: string | undefined;
  unit: string;
  currency: string;
  qty: string;
  price: string;
  totalPrice: string;
  note?: string | undefined;
}

/** CEB303 `OrderHead` + `OrderList` (orderType E B2C, B B2B, W overseas-warehouse booking). */
export interface ExportOrderDocument {
  orderType: string;
  orderNo: string;
  ebpCode: string;
  ebpName?: string | undefined;
  ebcCode: string;
  ebcName?: string | undefined;
  /** FOB goods value, freight excluded, non-cash deductions included. */
  goodsValue: string;
  freight: string;
  currency: string;
  note?: string | undefined;
  lines: ExportOrderLine[];
}

/** CEB403 `Receipts` (收款单). */
export interface ExportReceiptDocument {
  ebpCode: string;
  ebpName?: string | undefined;
  ebcCode: string;
  ebcName?: string | undefined;
  orderNo: string;
  payCode?: string | undefined;
  payName: string;
  payNo?: string | undefined;
  charge: string;
  currency: string;
  accountingDate: string;
  note?: string | undefined;
}

/** CEB505 `Logistics`. */
export interface ExportWaybillDocument {
  logisticsCode: string;
  logisticsName?: string | undefined;
  logisticsNo: string;
  freight: string;
  insuredFee: string;
  currency: string;
  grossWeight: string;
  packNo: string;
  goodsInfo: string;
  ebcCode?: string | undefined;
  ebcName?: string | undefined;
  ebcTelephone?: string | undefined;
  note?: string | undefined;
}

/** CEB603 `InventoryList`. */
export interface ExportInventoryLine {
  gnum: string;
  itemNo: string;
  itemRecordNo?: string | undefined;
  itemName?: string | undefined;
  gcode: string;
  gname: string;
  gmodel?: string | undefined;
  barCode?: string | undefined;
  /** 最终目的国. */
  country: string;
  currency: string;
  qty: string;
  qty1: string;
  qty2?: string | undefined;
  unit: string;
  unit1: string;
  unit2?: string | undefined;
  price: string;
  totalPrice: string;
  note?: string | undefined;
}

/** CEB603 `InventoryHead` + `InventoryList`. */
export interface ExportInventoryDocument {
  customsCode: string;
  ebpCode: string;
  ebpName?: string | undefined;
  orderNo: string;
  logisticsCode: string;
  logisticsName?: string | undefined;
  logisticsNo: string;
  copNo: string;
  preNo?: string | undefined;
  invtNo?: string | undefined;
  ieFlag?: string | undefined;
  portCode: string;
  ieDate?: string | undefined;
  /** A 简化申报 / B 汇总申报. */
  statisticsFlag: string;
  agentCode: string;
  agentName?: string | undefined;
  ebcCode: string;
  ebcName?: string | undefined;
  ownerCode: string;
  ownerName?: string | undefined;
  iacCode?: string | undefined;
  iacName?: string | undefined;
  emsNo?: string | undefined;
  tradeMode: string;
  trafMode: string;
  trafName?: string | undefined;
  voyageNo?: string | undefined;
  billNo?: string | undefined;
  totalPackageNo?: string | undefined;
  loctNo?: string | undefined;
  licenseNo?: string | undefined;
  /** 运抵国. */
  country: string;
  POD?: string | undefined;
  freight: string;
  fCurrency: string;
  insuredFee: string;
  iCurrency: string;
  wrapType?: string | undefined;
  packNo: string;
  grossWeight: string;
  netWeight: string;
  note?: string | undefined;
  lines: ExportInventoryLine[];
}

export interface ExportMatchInput {
  order: ExportOrderDocument;
  receipt?: ExportReceiptDocument | undefined;
  waybill: ExportWaybillDocument;
  inventory: ExportInventoryDocument;
  /** Whether the receipt must be in (9610 / 1210: yes; 9710 / 9810: optional). See `receiptRequired`. */
  requireReceipt: boolean;
}

export interface ExportMatchResult extends MatchResult {
  /** Documents the match needed and did not get; a caller that waits for late documents retries later. */
  missing: 'receipt'[];
}

const ORDER = 'CEB303.OrderHead';
const RECEIPT = 'CEB403.Receipts';
const WAYBILL = 'CEB505.Logistics';
const INVENTORY = 'CEB603.InventoryHead';
const orderLine = (gnum: string): string => `CEB303.OrderList[gnum=${gnum}]`;
const inventoryLine = (gnum: string): string => `CEB603.InventoryList[gnum=${gnum}]`;

const PRACTICE = 'practice of customs simulators, not a published rule (ceb-reference §6.1, §6.2)';
/** The export match words a practice rule in Chinese first, as its other rules. */
const practice: PracticeWording = (zh, en) => `${zh} (${en}; ${PRACTICE})`;

/** The refusal of an amount or quantity that is not a decimal. */
const AMOUNT_FORMAT = {
  rule: '金额或数量须为十进制数 (a CEB amount or quantity is a decimal, N19,5; spec 202205 XSD)',
  expected: 'a decimal, e.g. 125.00',
  empty: '(empty)',
};

/**
 * The match of an export inventory (CEB603) against its order (CEB303), waybill (CEB505) and receipt (CEB403),
 * ceb-reference §6. Refuses what the spec and the policy require: the order type of the trade mode, the receipt
 * of a retail export (交易、收款、物流电子信息 before the declaration, 海关总署公告2018年第194号), the consignor of
 * the order and the receipt being the inventory's (XSD: ebcName "对应清单的收发货人"), inventory lines
 * corresponding 1:1 to order lines by gnum (XSD OrderList.gnum "与清单的商品项关联对应"), and well-formed amounts.
 * Warns on what customs simulators compare but no published rule states: the linking keys (orderNo, ebpCode,
 * logisticsCode, logisticsNo), line item numbers, quantities and values, currencies, totals, weights and the
 * receipt's amount.
 */
export function matchExportDocuments(input: ExportMatchInput): ExportMatchResult {
  const findings = new Findings(AMOUNT_FORMAT);
  const missing: 'receipt'[] = [];
  for (const issue of checkOrderType(input.inventory.tradeMode, input.order.orderType))
    findings.refuse(issue);
  checkConsignor(input, findings);
  checkLinks(input, findings);
  checkLines(input, findings);
  checkTotals(input, findings);
  if (input.receipt) checkReceipt(input, input.receipt, findings);
  else if (input.requireReceipt) {
    missing.push('receipt');
    findings.refuse({
      code: 'EXPORT_RECEIPT_MISSING',
      field: RECEIPT,
      rule:
        '跨境电商零售出口申报前应传输收款电子信息 ' +
        '(a retail export transmits the collection data (收款单, CEB403) before its inventory is declared; 海关总署公告2018年第194号)',
      expected: `a CEB403 receipt for order ${input.order.orderNo} of ${input.inventory.ebcCode}`,
      actual: 'missing',
    });
  }
  checkInventoryFigures(input, findings);
  return { ok: findings.ok, issues: findings.issues, missing };
}

function checkConsignor({ order, inventory }: ExportMatchInput, findings: Findings): void {
  if (order.ebcCode === inventory.ebcCode) return;
  findings.refuse({
    code: 'EXPORT_EBC_MISMATCH',
    field: `${ORDER}.ebcCode`,
    rule:
      '订单的电商企业即清单的收发货人 ' +
      "(the order's e-commerce enterprise is the inventory's consignor; spec 202205 CEB303 ebcName: 对应清单的收发货人)",
    expected: `${inventory.ebcCode} (CEB603 ebcCode)`,
    actual: order.ebcCode,
  });
}

function checkLinks({ order, waybill, inventory }: ExportMatchInput, findings: Findings): void {
  checkInventoryAgrees(
    inventory,
    { kind: 'order', message: 'CEB303', fields: order },
    ['orderNo', 'ebpCode'],
    INVENTORY,
    findings,
    practice,
  );
  checkInventoryAgrees(
    inventory,
    { kind: 'waybill', message: 'CEB505', fields: waybill },
    ['logisticsCode', 'logisticsNo'],
    INVENTORY,
    findings,
    practice,
  );
  if (present(waybill.ebcCode) && waybill.ebcCode !== inventory.ebcCode) {
    findings.warn({
      code: 'PRACTICE_WAYBILL_EBC',
      field: `${WAYBILL}.ebcCode`,
      rule: `运单的收发货人与清单一致 (the waybill's consignor, when given, is the inventory's; ${PRACTICE})`,
      expected: `${inventory.ebcCode} (CEB603 ebcCode)`,
      actual: waybill.ebcCode,
    });
  }
}

function checkLines({ order, inventory }: ExportMatchInput, findings: Findings): void {
  checkLineCorrespondence(
    {
      orderLines: order.lines,
      inventoryLines: inventory.lines,
      rule:
        '清单商品项与订单商品项按序号一一对应 ' +
        '(inventory lines correspond 1:1 to order lines by gnum; spec 202205 CEB303 OrderList.gnum: 与清单的商品项关联对应)',
      orderLine,
      inventoryLine,
      orderMessage: 'CEB303',
      describe: (ordered) => `itemNo ${ordered.itemNo}`,
      compare: (line, ordered) => compareLine(line, ordered, findings),
    },
    findings,
  );
}

function compareLine(line: ExportInventoryLine, ordered: ExportOrderLine, findings: Findings): void {
  const field = inventoryLine(line.gnum);
  const source = `CEB303 OrderList[gnum=${line.gnum}]`;
  if (line.itemNo !== ordered.itemNo) {
    findings.warn({
      code: 'PRACTICE_LINE_ITEM_NO',
      field: `${field}.itemNo`,
      rule: `清单商品项的企业商品货号与订单一致 (the inventory line's itemNo equals the order line's; ${PRACTICE})`,
      expected: `${ordered.itemNo} (${source} itemNo)`,
      actual: line.itemNo,
    });
  }
  if (line.currency !== ordered.currency) {
    findings.warn({
      code: 'PRACTICE_LINE_CURRENCY',
      field: `${field}.currency`,
      rule: `清单商品项的币制与订单一致 (the inventory line's currency equals the order line's; ${PRACTICE})`,
      expected: `${ordered.currency} (${source} currency)`,
      actual: line.currency,
    });
  }
  for (const name of ['qty', 'totalPrice'] as const) {
    const mine = findings.decimal(`${field}.${name}`, line[name]);
    const theirs = tryDecimal(ordered[name]);
    if (mine && theirs && !mine.eq(theirs)) {
      findings.warn({
        code: name === 'qty' ? 'PRACTICE_LINE_QTY' : 'PRACTICE_LINE_TOTAL',
        field: `${field}.${name}`,
        rule: `清单商品项的${name === 'qty' ? '数量' : '总价'}与订单一致 (the inventory line's ${name} equals the order line's; ${PRACTICE})`,
        expected: `${ordered[name]} (${source} ${name})`,
        actual: line[name],
      });
    }
  }
}

function checkTotals({ order, inventory }: ExportMatchInput, findings: Findings): void {
  const goodsValue = findings.decimal(`${ORDER}.goodsValue`, order.goodsValue);
  findings.decimal(`${ORDER}.freight`, order.freight);
  const orderLines = order.lines.map((l) =>
    findings.decimal(`${orderLine(l.gnum)}.totalPrice`, l.totalPrice),
  );
  const inventoryLines = inventory.lines.map((l) => tryDecimal(l.totalPrice));
  if (!goodsValue) return;
  const sum = (values: (Dec | undefined)[]): Dec | undefined =>
    values.every((v) => v !== undefined)
      ? values.reduce((acc: Dec, v) => acc.plus(v as Dec), toDecimal(0))
      : undefined;
  const orderSum = sum(orderLines);
  if (orderSum && !orderSum.eq(goodsValue)) {
    findings.warn({
      code: 'PRACTICE_ORDER_TOTAL',
      field: `${ORDER}.goodsValue`,
      rule: `订单商品金额等于订单商品总价之和 (the order's goodsValue is the sum of its lines' totalPrice; ${PRACTICE})`,
      expected: `${showAmount(orderSum)} (Σ CEB303 OrderList totalPrice)`,
      actual: order.goodsValue,
    });
  }
  const inventorySum = sum(inventoryLines);
  if (inventorySum && !inventorySum.eq(goodsValue)) {
    findings.warn({
      code: 'PRACTICE_TOTALS',
      field: 'CEB603.InventoryList[*].totalPrice',
      rule: `清单商品总价之和等于订单商品金额 (the inventory line totals add up to the order's goodsValue; ${PRACTICE})`,
      expected: `${order.goodsValue} (CEB303 goodsValue)`,
      actual: showAmount(inventorySum),
    });
  }
}

function checkReceipt(
  { order, inventory }: ExportMatchInput,
  receipt: ExportReceiptDocument,
  findings: Findings,
): void {
  if (receipt.ebcCode !== inventory.ebcCode) {
    findings.refuse({
      code: 'EXPORT_EBC_MISMATCH',
      field: `${RECEIPT}.ebcCode`,
      rule:
        '收款单的电商企业即清单的收发货人 ' +
        "(the receipt's e-commerce enterprise is the inventory's consignor; spec 202205 CEB403 ebcName: 对应清单的收发货人)",
      expected: `${inventory.ebcCode} (CEB603 ebcCode)`,
      actual: receipt.ebcCode,
    });
  }
  if (receipt.orderNo !== order.orderNo) {
    findings.warn({
      code: 'PRACTICE_RECEIPT_ORDER',
      field: `${RECEIPT}.orderNo`,
      rule: `收款单的订单编号与订单一致 (the receipt names the order; ${PRACTICE})`,
      expected: `${order.orderNo} (CEB303 orderNo)`,
      actual: receipt.orderNo,
    });
  }
  const charge = findings.decimal(`${RECEIPT}.charge`, receipt.charge);
  if (receipt.currency !== order.currency) {
    findings.warn({
      code: 'PRACTICE_RECEIPT_CURRENCY',
      field: `${RECEIPT}.currency`,
      rule: `收款单币制与订单一致 (the receipt is in the order's currency; ${PRACTICE})`,
      expected: `${order.currency} (CEB303 currency)`,
      actual: receipt.currency,
    });
    return;
  }
  const goodsValue = tryDecimal(order.goodsValue);
  const freight = tryDecimal(order.freight);
  if (!charge || !goodsValue || !freight) return;
  // Whether the collected amount includes the freight is not published: either is accepted.
  if (charge.eq(goodsValue) || charge.eq(goodsValue.plus(freight))) return;
  findings.warn({
    code: 'PRACTICE_RECEIPT_CHARGE',
    field: `${RECEIPT}.charge`,
    rule: `收款金额等于订单商品金额（或加运杂费） (the amount collected is the order's goodsValue, or goodsValue + freight; ${PRACTICE})`,
    expected: `${order.goodsValue} or ${showAmount(goodsValue.plus(freight))} (CEB303 goodsValue [+ freight])`,
    actual: receipt.charge,
  });
}

function checkInventoryFigures({ inventory }: ExportMatchInput, findings: Findings): void {
  checkWeights(inventory, INVENTORY, 'CEB603', findings, practice);
  for (const line of inventory.lines) {
    const field = inventoryLine(line.gnum);
    checkLinePrice(line, field, findings, practice);
    if (line.unit === line.unit1) {
      const qty = tryDecimal(line.qty);
      const qty1 = findings.decimal(`${field}.qty1`, line.qty1);
      if (qty && qty1 && !qty.eq(qty1)) {
        findings.warn({
          code: 'PRACTICE_QTY1',
          field: `${field}.qty1`,
          rule: `申报计量单位与法定计量单位相同时法定数量等于申报数量 (when the declared unit is the legal unit, the legal quantity equals the declared one; ${PRACTICE})`,
          expected: `${line.qty} (CEB603 qty, unit ${line.unit} = unit1)`,
          actual: line.qty1,
        });
      }
    } else {
      findings.decimal(`${field}.qty1`, line.qty1);
    }
    checkLineQty2(line, field, findings, practice);
  }
}
