import { tryDecimal } from '../checks.ts';
import { toDecimal, type Dec } from '../money.ts';
import type { RuleError } from '../result.ts';
import { Findings, showAmount } from './findings.ts';
import { checkLineCorrespondence } from './line-match.ts';
import {
  checkInventoryAgrees,
  checkLinePrice,
  checkLineQty2,
  checkWeights,
  type PracticeWording,
} from './practice-checks.ts';
import type {
  InventoryDocument,
  InventoryLine,
  OrderDocument,
  PaymentDocument,
  WaybillDocument,
} from './documents.ts';

/**
 * One finding of the three-document match. `refuse` breaks an official or policy rule and sends the inventory
 * back (100 海关退单); `warn` is what customs simulators check but no published rule requires (ceb-reference
 * §6.2 "Practice"), so it is shown to the declarant without blocking the inventory.
 */
export interface ClearanceIssue extends RuleError {
  severity: 'refuse' | 'warn';
}

export interface MatchInput {
  order: OrderDocument;
  payment: PaymentDocument;
  waybill: WaybillDocument;
  inventory: InventoryDocument;
}

export interface MatchResult {
  /** True when no issue has severity `refuse`; warnings alone do not stop an inventory. */
  ok: boolean;
  issues: ClearanceIssue[];
}

const ORDER = 'CEB311.OrderHead';
const PAYMENT = 'CEB411.PaymentHead';
const INVENTORY = 'CEB621.InventoryHead';
const orderLine = (gnum: string): string => `CEB311.OrderList[gnum=${gnum}]`;
const inventoryLine = (gnum: string): string => `CEB621.InventoryList[gnum=${gnum}]`;

const PRACTICE = 'practice of customs simulators, not a published rule (ceb-reference §6.2)';
/** The import match words a practice rule in English only. */
const practice: PracticeWording = (_zh, en) => `${en} (${PRACTICE})`;

/** The refusal of an amount or quantity that is not a decimal (the value is shown as sent, even empty). */
const AMOUNT_FORMAT = {
  rule: 'a CEB amount or quantity is a decimal, N19,5 (spec 202205 XSD)',
  expected: 'a decimal, e.g. 125.00',
};

/**
 * The three-document match (三单对碰) of an import inventory against its order, payment and waybill
 * (ceb-reference §6.2). Refuses what the spec 202205 field rules and the policy texts require — amounts,
 * consignee, lines, ID type, guarantor, currency, and the buyer being the payer (财关税〔2018〕49号,
 * 海关总署公告2018年第194号) — and warns on the consistency checks seen only in customs practice.
 */
export function matchImportDocuments(input: MatchInput): MatchResult {
  const findings = new Findings(AMOUNT_FORMAT);
  checkAmounts(input, findings);
  checkConsignee(input, findings);
  checkLines(input, findings);
  checkIdTypes(input, findings);
  checkAssureCode(input.inventory, findings);
  checkCurrency(input, findings);
  checkBuyerIsPayer(input, findings);
  checkInventoryAgainstOrderAndWaybill(input, findings);
  checkInventoryFigures(input, findings);
  return { ok: findings.ok, issues: findings.issues };
}

function checkAmounts({ order, payment }: MatchInput, findings: Findings): void {
  const goodsValue = findings.decimal(`${ORDER}.goodsValue`, order.goodsValue);
  const freight = findings.decimal(`${ORDER}.freight`, order.freight);
  const taxTotal = findings.decimal(`${ORDER}.taxTotal`, order.taxTotal);
  const discount = findings.decimal(`${ORDER}.discount`, order.discount);
  const acturalPaid = findings.decimal(`${ORDER}.acturalPaid`, order.acturalPaid);
  const amountPaid = findings.decimal(`${PAYMENT}.amountPaid`, payment.amountPaid);
  if (goodsValue && freight && taxTotal && discount && acturalPaid) {
    const due = goodsValue.plus(freight).plus(taxTotal).minus(discount);
    if (!due.eq(acturalPaid)) {
      findings.refuse({
        code: 'ORDER_ACTURAL_PAID',
        field: `${ORDER}.acturalPaid`,
        rule: 'acturalPaid = goodsValue + freight + taxTotal − discount (spec 202205, CEB311 OrderHead)',
        expected: `${showAmount(due)} (CEB311 goodsValue + freight + taxTotal − discount)`,
        actual: order.acturalPaid,
      });
    }
  }
  if (acturalPaid && amountPaid && !amountPaid.eq(acturalPaid)) {
    findings.refuse({
      code: 'PAYMENT_AMOUNT',
      field: `${PAYMENT}.amountPaid`,
      rule: "the payment amount equals the order's acturalPaid (spec 202205, CEB311 OrderHead.acturalPaid)",
      expected: `${order.acturalPaid} (CEB311 acturalPaid)`,
      actual: payment.amountPaid,
    });
  }
}

function checkConsignee({ order, waybill }: MatchInput, findings: Findings): void {
  for (const name of ['consignee', 'consigneeTelephone', 'consigneeAddress'] as const) {
    if (order[name] === waybill[name]) continue;
    findings.refuse({
      code: 'CONSIGNEE_MISMATCH',
      field: `${ORDER}.${name}`,
      rule: `the order's ${name} equals the waybill's (spec 202205, CEB311 OrderHead.${name})`,
      expected: `${waybill[name]} (CEB511 ${name})`,
      actual: order[name],
    });
  }
}

function checkLines({ order, inventory }: MatchInput, findings: Findings): void {
  checkLineCorrespondence(
    {
      orderLines: order.lines,
      inventoryLines: inventory.lines,
      rule: 'inventory lines correspond 1:1 to order lines by gnum (spec 202205, CEB621 InventoryList.gnum)',
      orderLine,
      inventoryLine,
      orderMessage: 'CEB311',
      describe: (ordered) => `itemName ${ordered.itemName}`,
      compare: (line, ordered) => {
        if (line.gname === ordered.itemName) return;
        findings.refuse({
          code: 'GNAME_MISMATCH',
          field: `${inventoryLine(line.gnum)}.gname`,
          rule: "the inventory goods name equals the order's item name (spec 202205, CEB621 InventoryList.gname)",
          expected: `${ordered.itemName} (CEB311 OrderList[gnum=${line.gnum}] itemName)`,
          actual: line.gname,
        });
      },
    },
    findings,
  );
}

function checkIdTypes({ order, payment, inventory }: MatchInput, findings: Findings): void {
  const documents: [string, string][] = [
    [`${ORDER}.buyerIdType`, order.buyerIdType],
    [`${INVENTORY}.buyerIdType`, inventory.buyerIdType],
    [`${PAYMENT}.payerIdType`, payment.payerIdType],
  ];
  for (const [field, value] of documents) {
    if (value === '1') continue;
    findings.refuse({
      code: 'ID_TYPE',
      field,
      rule: 'the buyer and the payer are identified by their ID card (spec 202205: buyerIdType / payerIdType = 1)',
      expected: '1 (ID card)',
      actual: value,
    });
  }
}

function checkAssureCode(inventory: InventoryDocument, findings: Findings): void {
  const { assureCode, agentCode, ebcCode, logisticsCode } = inventory;
  if ([agentCode, ebcCode, logisticsCode].includes(assureCode)) return;
  findings.refuse({
    code: 'ASSURE_CODE',
    field: `${INVENTORY}.assureCode`,
    rule:
      'the tax guarantor is the agent, the e-commerce enterprise or the logistics enterprise of the same ' +
      'inventory (spec 202205, CEB621 InventoryHead.assureCode)',
    expected: `${agentCode} (CEB621 agentCode), ${ebcCode} (CEB621 ebcCode) or ${logisticsCode} (CEB621 logisticsCode)`,
    actual: assureCode,
  });
}

function checkCurrency({ order, payment, inventory }: MatchInput, findings: Findings): void {
  const documents: [string, string][] = [
    [`${ORDER}.currency`, order.currency],
    [`${PAYMENT}.currency`, payment.currency],
    [`${INVENTORY}.currency`, inventory.currency],
  ];
  for (const [field, value] of documents) {
    if (value === '142') continue;
    findings.refuse({
      code: 'CURRENCY',
      field,
      rule: 'CBEC import amounts are in CNY (spec 202205: currency fixed 142)',
      expected: '142 (CNY)',
      actual: value,
    });
  }
}

function checkBuyerIsPayer({ order, payment }: MatchInput, findings: Findings): void {
  // Customs cannot see whether the platform verified the buyer, so the match applies the fallback the policy
  // allows: the payer's verified identity stands for the buyer's.
  const rule = 'the buyer (订购人) is the payer (财关税〔2018〕49号, 海关总署公告2018年第194号)';
  if (order.buyerName !== payment.payerName) {
    findings.refuse({
      code: 'BUYER_NOT_PAYER',
      field: `${PAYMENT}.payerName`,
      rule,
      expected: `${order.buyerName} (CEB311 buyerName)`,
      actual: payment.payerName,
    });
  }
  if (order.buyerIdNumber !== payment.payerIdNumber) {
    findings.refuse({
      code: 'BUYER_NOT_PAYER',
      field: `${PAYMENT}.payerIdNumber`,
      rule,
      expected: `${order.buyerIdNumber} (CEB311 buyerIdNumber)`,
      actual: payment.payerIdNumber,
    });
  }
}

function checkInventoryAgainstOrderAndWaybill(
  { order, waybill, inventory }: MatchInput,
  findings: Findings,
): void {
  checkInventoryAgrees(
    inventory,
    { kind: 'order', message: 'CEB311', fields: order },
    ['ebpCode', 'ebcCode', 'orderNo', 'buyerName', 'buyerIdNumber'],
    INVENTORY,
    findings,
    practice,
  );
  checkInventoryAgrees(
    inventory,
    { kind: 'waybill', message: 'CEB511', fields: waybill },
    ['logisticsCode', 'logisticsNo'],
    INVENTORY,
    findings,
    practice,
  );
}

function checkInventoryFigures({ order, inventory }: MatchInput, findings: Findings): void {
  const lineTotals = inventory.lines.map((l) =>
    findings.decimal(`${inventoryLine(l.gnum)}.totalPrice`, l.totalPrice),
  );
  const goodsValue = tryDecimal(order.goodsValue);
  if (goodsValue && lineTotals.every((t) => t !== undefined)) {
    const sum = lineTotals.reduce((acc: Dec, t) => acc.plus(t), toDecimal(0));
    if (!sum.eq(goodsValue)) {
      findings.warn({
        code: 'PRACTICE_TOTALS',
        field: 'CEB621.InventoryList[*].totalPrice',
        rule: `the inventory line totals add up to the order's goodsValue (${PRACTICE})`,
        expected: `${order.goodsValue} (CEB311 goodsValue)`,
        actual: showAmount(sum),
      });
    }
  }

  checkWeights(inventory, INVENTORY, 'CEB621', findings, practice);

  for (const line of inventory.lines) checkInventoryLineFigures(line, findings);
}

function checkInventoryLineFigures(line: InventoryLine, findings: Findings): void {
  const field = inventoryLine(line.gnum);
  checkLinePrice(line, field, findings, practice);
  if (line.unit === line.unit1) {
    const qty = findings.decimal(`${field}.qty`, line.qty);
    const qty1 = findings.decimal(`${field}.qty1`, line.qty1);
    if (qty && qty1 && !qty.eq(qty1)) {
      findings.warn({
        code: 'PRACTICE_QTY1',
        field: `${field}.qty1`,
        rule: `when the declared unit is the legal unit, the legal quantity equals the declared one (${PRACTICE})`,
        expected: `${line.qty} (CEB621 qty, unit ${line.unit} = unit1)`,
        actual: line.qty1,
      });
    }
  }
  checkLineQty2(line, field, findings, practice);
}
