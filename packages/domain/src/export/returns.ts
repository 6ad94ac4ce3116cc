import { countOccurrences, readDecimal, repeatedValueError } from '../checks.ts';
import { toDecimal } from '../money.ts';
import type { RuleError } from '../result.ts';
import { addDays, isIsoDate } from './deadline.ts';

/**
 * Return trade modes of CBEC exports (spec 202205 CEB213 `tradeMode`: 一般出口填9661，特殊区域出口填1261): goods
 * exported under 9610, 9710 or 9810 come back under 9661; goods exported from a special zone under 1210 come
 * back under 1261.
 */
export const RETURN_TRADE_MODE_FOR: Readonly<Record<string, '9661' | '1261'>> = {
  '9610': '9661',
  '9710': '9661',
  '9810': '9661',
  '1210': '1261',
};

export interface ExportReturnLine {
  /** The original inventory line (CEB213 `InvtRefundList.gnum`, 对应原申报清单表体项号). */
  gnum: number | string;
  qty: string;
}

export interface ExportReturnOriginalLine {
  gnum: number | string;
  /** Quantity exported on the original line (CEB603 `qty`). */
  qty: string;
  /** Quantity already returned by earlier returns of that line. */
  alreadyReturned: string;
}

export interface ExportReturnInput {
  /** CEB213 `tradeMode`. */
  tradeMode: string;
  /** The original CEB603 inventory's trade mode. */
  originalTradeMode: string;
  /** The day the original inventory was released (800 放行), YYYY-MM-DD; null when it was never released. */
  releasedAt: string | null;
  /** The day of the return application (or, if the caller judges by it, of the re-entry), YYYY-MM-DD. */
  requestedAt: string;
  lines: ExportReturnLine[];
  original: ExportReturnOriginalLine[];
  /** The original invtNo, used in the messages. */
  invtNo?: string | undefined;
}

const SOURCE = '海关总署公告2020年第44号';
const HEAD = 'CEB213.InvtRefundHead';
const line = (gnum: string): string => `CEB213.InvtRefundList[gnum=${gnum}]`;

/** The refusal of a returned quantity that is not a decimal. */
const QUANTITY_FORMAT = {
  rule: '数量须为十进制数 (a CEB quantity is a decimal, N19,5; spec 202205 XSD)',
  expected: 'a decimal, e.g. 2',
  empty: '(empty)',
};

/**
 * The last day on which goods released on `releasedAt` may still be returned: the same day one year later
 * (a period counted in years ends on the corresponding day, or on the last day of the month when there is none,
 * 民法典 第二百零一条、第二百零二条), so 2024-02-29 → 2025-02-28. The extension of a period ending on a holiday
 * (第二百零三条) is not applied.
 */
export function returnWindowEnd(releasedAt: string): string {
  if (!isIsoDate(releasedAt))
    throw new RangeError(`releasedAt must be YYYY-MM-DD, got ${JSON.stringify(releasedAt)}`);
  const year = String(Number(releasedAt.slice(0, 4)) + 1).padStart(4, '0');
  const candidate = `${year}-${releasedAt.slice(5)}`;
  // 02-29 has no corresponding day in a common year: the period ends on the month's last day.
  return isIsoDate(candidate) ? candidate : addDays(`${year}-03-01`, -1);
}

/**
 * The checks of a CBEC export return application (CEB213; 海关总署公告2020年第44号, ceb-reference §4.18):
 * - the return trade mode goes with the original one: 9661 for 9610 / 9710 / 9810, 1261 for 1210;
 * - the goods come back within 1 year of the export release date (自出口放行之日起1年内), and not before it;
 * - every line names a line of the original inventory (else −625209 在关联的清单中未找到表体序号为[…]的数据), once;
 * - and returns a positive quantity no larger than exported minus already returned (CEB213 qty:
 *   不大于原申报清单申报数量).
 */
export function checkExportReturn(input: ExportReturnInput): RuleError[] {
  const errors: RuleError[] = [];
  const invtNo = input.invtNo ?? '';

  const expectedMode = RETURN_TRADE_MODE_FOR[input.originalTradeMode];
  if (expectedMode === undefined) {
    errors.push({
      code: 'EXPORT_RETURN_ORIGINAL_MODE',
      field: `${HEAD}.invtNo`,
      rule:
        `原出口清单的贸易方式${input.originalTradeMode}不适用跨境电商出口退货 ` +
        `(only inventories exported under 9610, 9710, 9810 or 1210 can be returned with CEB213; ${SOURCE})`,
      expected: '9610 | 9710 | 9810 | 1210',
      actual: input.originalTradeMode === '' ? '(empty)' : input.originalTradeMode,
    });
  } else if (input.tradeMode !== expectedMode) {
    errors.push({
      code: 'EXPORT_RETURN_TRADE_MODE',
      field: `${HEAD}.tradeMode`,
      rule:
        `原清单贸易方式为${input.originalTradeMode}的退货监管方式应为${expectedMode}（一般出口填9661，特殊区域出口填1261） ` +
        `(a return of a ${input.originalTradeMode} export is declared under ${expectedMode}; spec 202205 CEB213 tradeMode)`,
      expected: expectedMode,
      actual: input.tradeMode === '' ? '(empty)' : input.tradeMode,
    });
  }

  checkWindow(input, errors);
  checkLines(input, invtNo, errors);
  return errors;
}

function checkWindow(input: ExportReturnInput, errors: RuleError[]): void {
  const { releasedAt, requestedAt } = input;
  if (!isIsoDate(requestedAt)) {
    throw new RangeError(`requestedAt must be YYYY-MM-DD, got ${JSON.stringify(requestedAt)}`);
  }
  if (releasedAt === null) {
    errors.push({
      code: 'EXPORT_RETURN_NOT_RELEASED',
      field: `${HEAD}.invtNo`,
      rule: `原出口清单未放行，不能申请退货 (only released (800) export inventories can be returned; ${SOURCE})`,
      expected: 'an inventory released by customs (800 放行)',
      actual: 'not released',
    });
    return;
  }
  const end = returnWindowEnd(releasedAt);
  if (requestedAt < releasedAt) {
    errors.push({
      code: 'EXPORT_RETURN_NOT_RELEASED',
      field: `${HEAD}.invtNo`,
      rule: `原出口清单放行前不能申请退货 (goods can be returned only after their export release; ${SOURCE})`,
      expected: `on or after ${releasedAt} (release)`,
      actual: requestedAt,
    });
  } else if (requestedAt > end) {
    errors.push({
      code: 'EXPORT_RETURN_WINDOW',
      field: `${HEAD}.invtNo`,
      rule:
        `退货商品应自出口放行之日起1年内退运进境，已超过期限 ` +
        `(returned goods come back within 1 year of the export release date; ${SOURCE})`,
      expected: `on or before ${end} (released ${releasedAt})`,
      actual: requestedAt,
    });
  }
}

function checkLines(input: ExportReturnInput, invtNo: string, errors: RuleError[]): void {
  if (input.lines.length === 0) {
    errors.push({
      code: 'EXPORT_RETURN_NO_LINES',
      field: 'CEB213.InvtRefundList',
      rule: `退货申请单表体无数据，不允许申报 (a return names at least one line; spec 202205 −625006)`,
      expected: '1 to 100 lines',
      actual: '0 lines',
    });
    return;
  }
  const original = new Map(input.original.map((o) => [String(o.gnum), o]));
  const counts = countOccurrences(input.lines.map((l) => String(l.gnum)));
  const reported = new Set<string>();

  for (const returned of input.lines) {
    const gnum = String(returned.gnum);
    const field = line(gnum);
    const exported = original.get(gnum);
    if (!exported) {
      errors.push({
        code: '-625209',
        field: `${field}.gnum`,
        rule:
          `退货申请单[${invtNo}],在关联的清单中未找到表体序号为[${gnum}]的数据 ` +
          `(the return names a line the original inventory does not have; spec 202205 −625209)`,
        expected: `one of ${input.original.map((o) => String(o.gnum)).join(', ')} (original inventory gnum)`,
        actual: gnum,
      });
      continue;
    }
    const times = counts.get(gnum) ?? 0;
    if (times > 1) {
      if (!reported.has(gnum)) {
        reported.add(gnum);
        errors.push(
          repeatedValueError(
            {
              code: 'EXPORT_RETURN_GNUM',
              field: `${field}.gnum`,
              rule: `同一原清单商品项在退货申请单中只能出现一次 (each original line appears once in a return)`,
            },
            'gnum',
            gnum,
            times,
          ),
        );
      }
      continue;
    }
    const qty = readDecimal(`${field}.qty`, returned.qty, QUANTITY_FORMAT, (e) => errors.push(e));
    if (!qty) continue;
    if (qty.lte(0)) {
      errors.push({
        code: 'EXPORT_RETURN_QTY',
        field: `${field}.qty`,
        rule: `退货数量须大于0 (a returned quantity is positive)`,
        expected: '> 0',
        actual: returned.qty,
      });
      continue;
    }
    const remaining = toDecimal(exported.qty).minus(toDecimal(exported.alreadyReturned));
    if (qty.gt(remaining)) {
      errors.push({
        code: 'EXPORT_RETURN_QTY',
        field: `${field}.qty`,
        rule:
          `退货数量不得大于原申报清单申报数量减去已退货数量 ` +
          `(a line returns at most what was exported less what was already returned; spec 202205 CEB213 qty)`,
        expected: `≤ ${remaining.toFixed()} (exported ${exported.qty} − returned ${exported.alreadyReturned})`,
        actual: returned.qty,
      });
    }
  }
}
