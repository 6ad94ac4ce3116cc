import { countOccurrences, repeatedValueError } from '../checks.ts';
import type { Result, RuleError } from '../result.ts';

/**
 * One day of the State Council's public holiday arrangement (国务院办公厅关于…年部分节假日安排的通知): a day off
 * (`holiday`, the statutory holiday and the rest days moved next to it) or a weekend day worked instead
 * (`workday`, 调休上班). Days not listed follow the week: Monday to Friday work, Saturday and Sunday rest.
 * The platform keeps the calendar as data (data/reference/cn-holidays.json) that admins extend every year.
 */
export interface CalendarDay {
  /** YYYY-MM-DD. */
  date: string;
  kind: 'holiday' | 'workday';
  name?: string | undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a valid YYYY-MM-DD; throws on anything else (a caller's bug, not a user's input). */
function epochDay(date: string): number {
  const match = DATE.exec(date);
  if (match) {
    const [, y, m, d] = match.map(Number) as [number, number, number, number];
    const time = Date.UTC(y, m - 1, d);
    const back = new Date(time);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d) {
      return time / DAY_MS;
    }
  }
  throw new RangeError(`date must be a real YYYY-MM-DD day, got ${JSON.stringify(date)}`);
}

/** Whether `date` is a real day written YYYY-MM-DD. */
export function isIsoDate(date: string): boolean {
  try {
    epochDay(date);
    return true;
  } catch {
    return false;
  }
}

function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Adds (or with a negative count subtracts) calendar days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromEpochDay(epochDay(date) + days);
}

/** ISO weekday of a YYYY-MM-DD date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((epochDay(date) + 3) % 7) + 7) % 7) + 1;
}

/**
 * Whether a day is a working day (工作日) under the holiday calendar: a listed day is what the calendar says
 * (holidays are off even on weekdays; adjusted working days 调休上班 work even on a Saturday or Sunday);
 * an unlisted day works Monday to Friday. A calendar that lacks the year falls back to the week alone, so keep
 * it current (see {@link calendarCovers}).
 */
export function isWorkingDay(date: string, calendar: readonly CalendarDay[]): boolean {
  const weekday = isoWeekday(date);
  const listed = calendar.find((day) => day.date === date);
  if (listed) return listed.kind === 'workday';
  return weekday <= 5;
}

/** The first working day on or after `date` (the day itself when it is one). */
export function nextWorkingDay(date: string, calendar: readonly CalendarDay[]): string {
  let day = date;
  // The longest run of days off in a year is far under a month; a calendar that marks a whole year off is broken.
  for (let i = 0; i < 366; i++) {
    if (isWorkingDay(day, calendar)) return day;
    day = addDays(day, 1);
  }
  throw new RangeError(`no working day within a year after ${date}: the holiday calendar is broken`);
}

/** Whether the calendar holds any day of the year of `date` (the State Council publishes each year in autumn). */
export function calendarCovers(date: string, calendar: readonly CalendarDay[]): boolean {
  epochDay(date);
  const year = date.slice(0, 4);
  return calendar.some((day) => day.date.startsWith(`${year}-`));
}

/**
 * Parses a month 'YYYY-MM' (the month whose closed inventories a summary covers). Refuses anything else with
 * the field named, Chinese first as the other rules.
 */
export function parseMonth(text: string, field = 'month'): Result<{ year: number; month: number }> {
  const match = MONTH.exec(text);
  const year = match ? Number(match[1]) : NaN;
  const month = match ? Number(match[2]) : NaN;
  if (match && year >= 1900 && month >= 1 && month <= 12) return { ok: true, value: { year, month } };
  return {
    ok: false,
    errors: [
      {
        code: 'MONTH_FORMAT',
        field,
        rule: '月份格式为YYYY-MM (a month is written YYYY-MM, e.g. 2025-03)',
        expected: 'YYYY-MM, month 01 to 12',
        actual: text === '' ? '(empty)' : text,
      },
    ],
  };
}

/** The refusals of {@link parseMonth}, or none. */
export function checkMonth(text: string, field = 'month'): RuleError[] {
  const parsed = parseMonth(text, field);
  return parsed.ok ? [] : parsed.errors;
}

function monthStart(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

function parsed(month: string): { year: number; month: number } {
  const result = parseMonth(month);
  if (!result.ok) throw new RangeError(`month must be YYYY-MM, got ${JSON.stringify(month)}`);
  return result.value;
}

/** The days of a month as a half-open range: `start` its first day, `end` the first day of the next month. */
export function monthRange(month: string): { start: string; end: string } {
  const { year, month: m } = parsed(month);
  return {
    start: monthStart(year, m),
    end: m === 12 ? monthStart(year + 1, 1) : monthStart(year, m + 1),
  };
}

/** The month before the month of `date` (YYYY-MM-DD → YYYY-MM): what a summary filed on `date` covers. */
export function previousMonth(date: string): string {
  epochDay(date);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month === 1
    ? `${year - 1}-12`
    : `${String(year).padStart(4, '0')}-${String(month - 1).padStart(2, '0')}`;
}

/**
 * The summary declaration deadline for the closed inventories of `month` (海关总署公告2018年第194号, ceb-reference
 * §9): the 15th of the following month; when that 15th is a statutory holiday or rest day (法定节假日或者法定休息日),
 * the first working day after it. A Saturday or Sunday worked by the State Council's arrangement (调休上班) is a
 * working day, so a 15th that falls on one stays the deadline.
 */
export function summaryDeadline(month: string, calendar: readonly CalendarDay[]): string {
  const { end } = monthRange(month);
  return nextWorkingDay(`${end.slice(0, 7)}-15`, calendar);
}

/**
 * Names every malformed day of a holiday calendar (a date that is not a real YYYY-MM-DD, a kind other than
 * holiday / workday, a day listed twice), so that an admin's edit is refused before it is used.
 */
export function checkCalendar(calendar: readonly CalendarDay[]): RuleError[] {
  const errors: RuleError[] = [];
  const counts = countOccurrences(calendar.map((day) => day.date));
  calendar.forEach((day, index) => {
    const field = `calendar[${index}]`;
    const times = counts.get(day.date) ?? 0;
    if (!isIsoDate(day.date)) {
      errors.push({
        code: 'CALENDAR_DATE',
        field: `${field}.date`,
        rule: '日期格式为YYYY-MM-DD且为真实日期 (a calendar day is a real date written YYYY-MM-DD)',
        expected: 'YYYY-MM-DD',
        actual: String(day.date),
      });
    } else if (times > 1) {
      const rule = '同一日期只能登记一次 (a day is listed once: either a holiday or an adjusted working day)';
      errors.push(
        repeatedValueError(
          { code: 'CALENDAR_DUPLICATE', field: `${field}.date`, rule },
          'date',
          day.date,
          times,
        ),
      );
    }
    if (day.kind !== 'holiday' && day.kind !== 'workday') {
      errors.push({
        code: 'CALENDAR_KIND',
        field: `${field}.kind`,
        rule: '类型为holiday（放假）或workday（调休上班） (kind is holiday or workday)',
        expected: 'holiday | workday',
        actual: String(day.kind),
      });
    }
  });
  return errors;
}
