import { countOccurrences, readDecimal, repeatedValueError } from '../checks.ts';
import { Dec, toDecimal } from '../money.ts';
import type { Result, RuleError } from '../result.ts';

/** A line of the released import inventory (CEB621 `InventoryList`) as a return is checked against it. */
export interface ImportReturnOriginalLine {
  gnum: string;
  gcode: string;
  /** Quantity released, in the transaction unit (`qty`). */
  qty: string;
  /** The line's value (`totalPrice`, CNY). */
  totalPrice: string;
  /** 1210: the account-book quantity the release wrote off for the line (`qty1`, else `qty`); '0' otherwise. */
  stockQty: string;
  /** Quantity of the line already returned by earlier return applications. */
  alreadyReturned: string;
}

export interface ImportReturnInput {
  /** The original invtNo, used in the messages. */
  invtNo: string;
  /** The amount counted against the buyer's annual quota for the inventory (goods + freight + insurance). */
  quotaAmount: string;
  /** CEB625 `InvtRefundList`: gnum (对应原清单表体序号), gcode, qty (小于等于原清单的成交计量单位的数量). */
  lines: { gnum: string; gcode: string; qty: string }[];
  original: ImportReturnOriginalLine[];
}

export interface ImportReturnEffect {
  /** What goes back to the buyer's annual quota (CNY, 2 decimals). */
  quota: string;
  /** Per returned line: the quantity returned and the account-book stock that goes back (1210). */
  lines: { gnum: string; qty: string; stockQty: string }[];
}

const line = (gnum: string) => `CEB625.InvtRefundList[gnum=${gnum}]`;
const QUANTITY_FORMAT = {
  rule: '数量须为十进制数 (a CEB quantity is a decimal, N19,5; spec 202205 XSD)',
  expected: 'a decimal, e.g. 1',
  empty: '(empty)',
};

/** `part/whole` of `value`, rounded down to `places`; nothing of a whole of zero. */
const shareOf = (value: Dec, part: Dec, whole: Dec, places: number): Dec =>
  whole.lte(0) ? new Dec(0) : value.times(part).div(whole).toDecimalPlaces(places, Dec.ROUND_DOWN);

/**
 * The checks and effects of an import return application (CEB625 退货申请单; spec 202205 §3.13, ceb-reference §4.8,
 * §8.4). Every line names a line of the released inventory by gnum and gcode (else −625209), once, with a
 * positive quantity no larger than released minus what earlier returns of that line already took — so the same
 * goods are never returned twice, whatever the message.
 *
 * Effects, counted cumulatively so that rounding never gives back more than was taken:
 * - **quota**: a return within 30 days of release "相应调整个人年度交易总额" (adjusts the buyer's annual total
 *   accordingly; 财关税〔2016〕18号, 公告2020年第45号): the counted amount (goods + freight + insurance) is given back
 *   in proportion to the value returned — Σ totalPrice × returned/qty over the lines, against the goods total, so
 *   freight and insurance follow the goods as in the dutiable value (ceb-reference §8.5) and a full return gives
 *   back the whole amount, a partial one its share, rounded down to 0.01;
 * - **stock** (1210): each line gives back the written-off quantity × returned/qty, rounded down to 0.00001, never
 *   more in total than the release wrote off.
 */
export function checkImportReturn(input: ImportReturnInput): Result<ImportReturnEffect> {
  const errors: RuleError[] = [];
  if (input.lines.length === 0) {
    errors.push({
      code: 'IMPORT_RETURN_NO_LINES',
      field: 'CEB625.InvtRefundList',
      rule: '退货申请单表体无数据 (a return names at least one line; spec 202205 CEB625)',
      expected: '1 to 99 lines',
      actual: '0 lines',
    });
    return { ok: false, errors };
  }
  const original = new Map(input.original.map((o) => [o.gnum, o]));
  const counts = countOccurrences(input.lines.map((l) => l.gnum));
  const returned = new Map<string, Dec>();
  for (const l of input.lines) {
    const o = original.get(l.gnum);
    if (!o || o.gcode !== l.gcode) {
      errors.push({
        code: '-625209',
        field: `${line(l.gnum)}.gnum`,
        rule: `退货申请单[${input.invtNo}],在关联的清单中未找到表体序号为[${l.gnum}],商品编号为[${l.gcode}]的数据 (the return names a line the original inventory does not have; spec 202205 −625209)`,
        expected: `one of ${input.original.map((x) => `${x.gnum}/${x.gcode}`).join(', ')} (gnum/gcode of the original inventory)`,
        actual: `${l.gnum}/${l.gcode}`,
      });
      continue;
    }
    const times = counts.get(l.gnum) ?? 0;
    if (times > 1) {
      if (!returned.has(l.gnum))
        errors.push(
          repeatedValueError(
            {
              code: 'IMPORT_RETURN_GNUM',
              field: `${line(l.gnum)}.gnum`,
              rule: '同一原清单商品项在退货申请单中只能出现一次 (each original line appears once in a return)',
            },
            'gnum',
            l.gnum,
            times,
          ),
        );
      returned.set(l.gnum, new Dec(0));
      continue;
    }
    const qty = readDecimal(`${line(l.gnum)}.qty`, l.qty, QUANTITY_FORMAT, (e) => errors.push(e));
    if (!qty) continue;
    const remaining = toDecimal(o.qty).minus(toDecimal(o.alreadyReturned));
    if (qty.lte(0) || qty.gt(remaining)) {
      errors.push({
        code: 'IMPORT_RETURN_QTY',
        field: `${line(l.gnum)}.qty`,
        rule: `第${l.gnum}项退货数量${l.qty}超过可退数量${remaining.toFixed()}（原清单数量${o.qty}，已退${toDecimal(o.alreadyReturned).toFixed()}）(a line returns a positive quantity of at most what was released less what earlier returns took; spec 202205 CEB625 qty 小于等于原清单的成交计量单位的数量)`,
        expected: `> 0 and ≤ ${remaining.toFixed()} (released ${o.qty} − returned ${toDecimal(o.alreadyReturned).toFixed()})`,
        actual: l.qty,
      });
      continue;
    }
    returned.set(l.gnum, qty);
  }
  if (errors.length > 0) return { ok: false, errors };

  const goods = input.original.reduce((sum, o) => sum.plus(toDecimal(o.totalPrice)), new Dec(0));
  // The value share of what has come back, before and after this return; the quota follows its increase.
  const valueReturned = (withThis: boolean) =>
    input.original.reduce((sum, o) => {
      const q = toDecimal(o.qty);
      const back = toDecimal(o.alreadyReturned).plus(withThis ? (returned.get(o.gnum) ?? 0) : 0);
      return q.lte(0) ? sum : sum.plus(toDecimal(o.totalPrice).times(Dec.min(back, q)).div(q));
    }, new Dec(0));
  const amount = toDecimal(input.quotaAmount);
  const quota = shareOf(amount, valueReturned(true), goods, 2).minus(
    shareOf(amount, valueReturned(false), goods, 2),
  );
  const lines = input.lines.map((l) => {
    const o = original.get(l.gnum) as ImportReturnOriginalLine;
    const stock = toDecimal(o.stockQty);
    const q = toDecimal(o.qty);
    const before = toDecimal(o.alreadyReturned);
    const after = before.plus(returned.get(l.gnum) as Dec);
    return {
      gnum: l.gnum,
      qty: (returned.get(l.gnum) as Dec).toFixed(),
      stockQty: shareOf(stock, after, q, 5)
        .minus(shareOf(stock, before, q, 5))
        .toFixed(),
    };
  });
  return { ok: true, value: { quota: Dec.max(quota, 0).toFixed(2), lines } };
}
