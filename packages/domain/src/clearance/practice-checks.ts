import { present } from '../checks.ts';
import type { Findings } from './findings.ts';

/**
 * The checks of an inventory that the import and the export match share. None is a published rule: customs
 * simulators apply them (ceb-reference §6.2 "Practice"), so they warn. Each match words the rule its own way from
 * the check's Chinese and English statement (`practice`), and names the messages of its side (import CEB621,
 * CEB311, CEB511; export CEB603, CEB303, CEB505) in the expected values.
 */

/** How a match words a practice rule from its Chinese and English statement. */
export type PracticeWording = (zh: string, en: string) => string;

/** The document an inventory is compared with: its order or its waybill. */
export interface OtherDocument<K extends string> {
  kind: 'order' | 'waybill';
  /** The document's message, as the expected values name it, e.g. `CEB311`. */
  message: string;
  fields: Record<K, string>;
}

/**
 * Warns, for each of `names`, when the inventory head's value differs from its order's or waybill's
 * (`PRACTICE_INVENTORY_ORDER`, `PRACTICE_INVENTORY_WAYBILL`): the linking keys and the parties customs simulators
 * compare. `head` is the field path of the inventory head.
 */
export function checkInventoryAgrees<K extends string>(
  inventory: Record<K, string>,
  other: OtherDocument<K>,
  names: readonly K[],
  head: string,
  findings: Findings,
  practice: PracticeWording,
): void {
  const zh = other.kind === 'order' ? '订单' : '运单';
  for (const name of names) {
    if (inventory[name] === other.fields[name]) continue;
    findings.warn({
      code: other.kind === 'order' ? 'PRACTICE_INVENTORY_ORDER' : 'PRACTICE_INVENTORY_WAYBILL',
      field: `${head}.${name}`,
      rule: practice(`清单的${name}与${zh}一致`, `the inventory's ${name} equals the ${other.kind}'s`),
      expected: `${other.fields[name]} (${other.message} ${name})`,
      actual: inventory[name],
    });
  }
}

/**
 * Reads the inventory's weights (refusing one that is not a decimal) and warns when the net weight is not
 * positive, or the gross weight is below the net weight. `head` is the field path of the inventory head.
 */
export function checkWeights(
  inventory: { grossWeight: string; netWeight: string },
  head: string,
  message: string,
  findings: Findings,
  practice: PracticeWording,
): void {
  const gross = findings.decimal(`${head}.grossWeight`, inventory.grossWeight);
  const net = findings.decimal(`${head}.netWeight`, inventory.netWeight);
  if (net && net.lte(0)) {
    findings.warn({
      code: 'PRACTICE_WEIGHT',
      field: `${head}.netWeight`,
      rule: practice('净重大于0', 'the net weight is positive'),
      expected: '> 0',
      actual: inventory.netWeight,
    });
  }
  if (gross && net && gross.lt(net)) {
    findings.warn({
      code: 'PRACTICE_WEIGHT',
      field: `${head}.grossWeight`,
      rule: practice('毛重不小于净重', 'the gross weight is at least the net weight'),
      expected: `≥ ${inventory.netWeight} (${message} netWeight)`,
      actual: inventory.grossWeight,
    });
  }
}

/**
 * Reads an inventory line's price (refusing one that is not a decimal) and warns when it is not positive.
 * `field` is the field path of the line.
 */
export function checkLinePrice(
  line: { price: string },
  field: string,
  findings: Findings,
  practice: PracticeWording,
): void {
  const price = findings.decimal(`${field}.price`, line.price);
  if (price && price.lte(0)) {
    findings.warn({
      code: 'PRACTICE_PRICE',
      field: `${field}.price`,
      rule: practice('商品单价大于0', 'every inventory line has a positive price'),
      expected: '> 0',
      actual: line.price,
    });
  }
}

/** Warns when an inventory line gives the second legal quantity without its unit, or the unit without it. */
export function checkLineQty2(
  line: { qty2?: string | undefined; unit2?: string | undefined },
  field: string,
  findings: Findings,
  practice: PracticeWording,
): void {
  if (present(line.qty2) === present(line.unit2)) return;
  const missing = present(line.qty2) ? 'unit2' : 'qty2';
  const given = present(line.qty2) ? 'qty2' : 'unit2';
  findings.warn({
    code: 'PRACTICE_QTY2',
    field: `${field}.${missing}`,
    rule: practice(
      '第二数量与第二计量单位同时填写',
      'the second legal quantity and its unit are given together',
    ),
    expected: `present, as ${given} is`,
    actual: 'absent',
  });
}
