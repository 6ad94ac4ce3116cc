import { repeatedValueError, repeatedValues } from '../checks.ts';
import type { Findings } from './findings.ts';

/** The lines of the order and of the inventory, and how one match names them in its findings. */
export interface LineCorrespondence<O extends { gnum: string }, I extends { gnum: string }> {
  orderLines: readonly O[];
  inventoryLines: readonly I[];
  /** The rule every `LINE_GNUM` refusal cites. */
  rule: string;
  /** Field path of an order line, e.g. `CEB311.OrderList[gnum=1]`. */
  orderLine: (gnum: string) => string;
  /** Field path of an inventory line, e.g. `CEB621.InventoryList[gnum=1]`. */
  inventoryLine: (gnum: string) => string;
  /** The order message as the expected values name it: `CEB311` (import) or `CEB303` (export). */
  orderMessage: string;
  /** How the refusal of a missing inventory line names the order line, e.g. `itemName 奶粉`. */
  describe: (ordered: O) => string;
  /** The match's own checks of an inventory line against the order line of the same gnum. */
  compare: (line: I, ordered: O) => void;
}

/**
 * Checks that inventory lines correspond 1:1 to order lines by gnum, as both the import and the export match
 * require. Refuses as `LINE_GNUM`, in this order: a gnum repeated among the order lines, then among the inventory
 * lines; an order line no inventory line answers; an inventory line with no order line. Every inventory line
 * that has its order line is then handed to `compare`.
 */
export function checkLineCorrespondence<O extends { gnum: string }, I extends { gnum: string }>(
  lines: LineCorrespondence<O, I>,
  findings: Findings,
): void {
  const { orderLines, inventoryLines, rule, orderLine, inventoryLine, orderMessage } = lines;
  const refuseRepeated = (field: string, gnum: string, times: number): void =>
    findings.refuse(repeatedValueError({ code: 'LINE_GNUM', field, rule }, 'gnum', gnum, times));
  for (const [gnum, times] of repeatedValues(orderLines.map((l) => l.gnum)))
    refuseRepeated(`${orderLine(gnum)}.gnum`, gnum, times);
  for (const [gnum, times] of repeatedValues(inventoryLines.map((l) => l.gnum)))
    refuseRepeated(`${inventoryLine(gnum)}.gnum`, gnum, times);
  const inventoryGnums = new Set(inventoryLines.map((l) => l.gnum));
  for (const ordered of orderLines) {
    if (inventoryGnums.has(ordered.gnum)) continue;
    findings.refuse({
      code: 'LINE_GNUM',
      field: inventoryLine(ordered.gnum),
      rule,
      expected: `a line for gnum ${ordered.gnum} (${orderMessage} OrderList, ${lines.describe(ordered)})`,
      actual: 'missing',
    });
  }
  const byGnum = new Map(orderLines.map((l) => [l.gnum, l]));
  const orderGnums = orderLines.map((l) => l.gnum).join(', ');
  for (const line of inventoryLines) {
    const ordered = byGnum.get(line.gnum);
    if (ordered) {
      lines.compare(line, ordered);
      continue;
    }
    findings.refuse({
      code: 'LINE_GNUM',
      field: `${inventoryLine(line.gnum)}.gnum`,
      rule,
      expected: `one of ${orderGnums} (${orderMessage} OrderList gnum)`,
      actual: line.gnum,
    });
  }
}
