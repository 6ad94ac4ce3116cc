import type { RuleError } from '../result.ts';
import { beijingDate, isCalendarDay } from '../time/beijing.ts';

/**
 * The declaration date of an import inventory is the day the platform received it, in Beijing time — not the
 * `declTime` the enterprise writes (decision 0025). Sources:
 * - CEB spec 202205, CEB621 field 19 `declTime`: "申报日期，以海关计算机系统接受清单申报数据时记录的日期为准";
 * - 《中华人民共和国海关进出口货物申报管理规定》(海关总署令第103号) 第九条: the declaration date of an electronic
 *   declaration is the date the customs computer system records when it accepts the data; 第十条: a declaration
 *   refused and sent again takes the date of the new acceptance;
 * - 《中华人民共和国进出口关税条例》第十五条 (and the 关税法 of 2024 likewise): goods bear the rates in force on
 *   the day their declaration is accepted — so the rates, the CBEC limits (财关税〔2018〕49号) and the buyer's
 *   quota year follow that day as well.
 * The domain reads no clock: the receipt instant is given. Beijing dates come from `time/beijing.ts`.
 */

const DAY_MS = 86_400_000;

/**
 * How far ahead of the receipt the sender's clock may run: a message written at 23:58 by a clock a few minutes
 * fast may carry the next day's date. Five minutes covers ordinary NTP-less drift; more is not skew.
 */
export const DECL_TIME_CLOCK_SKEW_MINUTES = 5;

/**
 * How many calendar days `declTime` may precede the Beijing day of receipt: one — a message composed and
 * signed before midnight and received after it (transmission through the enterprise's and the e-port's queues).
 * Anything older was written for another day; since the value decides nothing any more, the sender re-sends
 * with the day's date (a refused inventory leaves no record behind).
 */
export const DECL_TIME_MAX_DAYS_BEFORE_RECEIPT = 1;

/**
 * The customs day, quota year and invtNo year of an inventory received at `receivedAt`: the Beijing calendar
 * date of the receipt (a message received at 2026-12-31T16:30Z belongs to 2027-01-01).
 */
export function declarationDay(receivedAt: Date): { date: string; year: number } {
  const date = beijingDate(receivedAt);
  return { date, year: Number(date.slice(0, 4)) };
}

const asIso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
const compact = (iso: string) => iso.replaceAll('-', '');

/** A real calendar date YYYYMMDD (20261231 yes, 20260231 no). */
function isCalendarDate(yyyymmdd: string): boolean {
  return /^\d{8}$/.test(yyyymmdd) && isCalendarDay(asIso(yyyymmdd));
}

/**
 * Checks the sender's `declTime` (C8, YYYYMMDD, Beijing date) against the receipt: not after the Beijing day of
 * receipt (a clock up to DECL_TIME_CLOCK_SKEW_MINUTES fast excepted), not more than
 * DECL_TIME_MAX_DAYS_BEFORE_RECEIPT calendar days before it. Returns the refusal naming the field, or undefined.
 */
export function checkDeclTime(declTime: string, receivedAt: Date): RuleError | undefined {
  if (!isCalendarDate(declTime))
    return {
      code: 'DECL_TIME_INVALID',
      field: 'declTime',
      rule: '申报日期应为日历日期YYYYMMDD (C8 calendar date)',
      expected: 'YYYYMMDD',
      actual: declTime,
    };
  const latest = beijingDate(new Date(receivedAt.getTime() + DECL_TIME_CLOCK_SKEW_MINUTES * 60_000));
  const received = beijingDate(receivedAt);
  const earliest = new Date(Date.parse(`${received}T00:00:00Z`) - DECL_TIME_MAX_DAYS_BEFORE_RECEIPT * DAY_MS)
    .toISOString()
    .slice(0, 10);
  const date = asIso(declTime);
  if (date > latest)
    return {
      code: 'DECL_TIME_FUTURE',
      field: 'declTime',
      rule: '申报日期晚于平台接收申报的日期（北京时间）(declTime is after the day the declaration was received, Beijing time)',
      expected: `≤ ${compact(latest)}`,
      actual: declTime,
    };
  if (date < earliest)
    return {
      code: 'DECL_TIME_STALE',
      field: 'declTime',
      rule: `申报日期早于平台接收申报的日期${DECL_TIME_MAX_DAYS_BEFORE_RECEIPT}日以上（北京时间）(declTime is more than ${DECL_TIME_MAX_DAYS_BEFORE_RECEIPT} day before the day the declaration was received, Beijing time)`,
      expected: `${compact(earliest)}–${compact(latest)}`,
      actual: declTime,
    };
  return undefined;
}
