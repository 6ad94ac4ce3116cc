/**
 * Beijing time: the one place the platform turns an instant into the calendar day, month, year or wall-clock
 * time customs reads, and back. China Standard Time is UTC+8 all year — one zone for the whole country
 * (国务院 1949 年起全国统一使用北京时间) and no daylight saving since 1991 — so it is a fixed offset, computed
 * without the host's zone, locale or the tz database. Everything the regulations date is a Beijing date: the
 * declaration date of an inventory (CEB spec 202205, CEB621 `declTime`; 海关总署令第103号 第九条), the month a
 * summary covers (海关总署公告2018年第194号), the C8/C14/C17 CEB times (CEB spec 202205, 报文时间格式), and the
 * 申报日期 printed on an export certificate.
 */

/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function checked(at: Date): number {
  const t = at.getTime();
  if (Number.isNaN(t)) throw new RangeError('invalid instant');
  return t;
}

/** The Beijing wall-clock fields of an instant (month 1–12). */
export interface BeijingParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** The Beijing wall-clock fields of an instant. */
export function beijingParts(at: Date): BeijingParts {
  const b = new Date(checked(at) + BEIJING_OFFSET_MS);
  return {
    year: b.getUTCFullYear(),
    month: b.getUTCMonth() + 1,
    day: b.getUTCDate(),
    hour: b.getUTCHours(),
    minute: b.getUTCMinutes(),
    second: b.getUTCSeconds(),
    millisecond: b.getUTCMilliseconds(),
  };
}

/** The Beijing calendar date of an instant, `YYYY-MM-DD` (2026-11-30T16:30Z → 2026-12-01). */
export function beijingDate(at: Date): string {
  const p = beijingParts(at);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** The Beijing month of an instant, `YYYY-MM`. */
export const beijingMonth = (at: Date): string => beijingDate(at).slice(0, 7);

/** The Beijing calendar year of an instant. */
export const beijingYear = (at: Date): number => beijingParts(at).year;

/** The Beijing time of day, `HH:mm:ss` (with `.SSS` when `ms` is true). */
export function beijingClock(at: Date, ms = false): string {
  const p = beijingParts(at);
  const s = `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
  return ms ? `${s}.${pad(p.millisecond, 3)}` : s;
}

/** Beijing date and time, `YYYY-MM-DD HH:mm:ss`; `'minute'` gives `YYYY-MM-DD HH:mm`. */
export function beijingDateTime(at: Date, precision: 'second' | 'minute' = 'second'): string {
  const clock = beijingClock(at);
  return `${beijingDate(at)} ${precision === 'minute' ? clock.slice(0, 5) : clock}`;
}

/** CEB compact Beijing times (CEB spec 202205): C8 `YYYYMMDD`, C14 `YYYYMMDDhhmmss`, C17 `YYYYMMDDhhmmssSSS`. */
export function beijingCompact(at: Date, length: 8 | 14 | 17): string {
  const p = beijingParts(at);
  const s =
    `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}` +
    `${pad(p.hour)}${pad(p.minute)}${pad(p.second)}${pad(p.millisecond, 3)}`;
  return s.slice(0, length);
}

/** Whether `YYYY-MM-DD` names a real calendar day (2026-02-29 does not). */
export function isCalendarDay(date: string): boolean {
  const m = ISO_DATE.exec(date);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === date;
}

/**
 * The instant a Beijing wall-clock reading names: a date `YYYY-MM-DD` and a time `HH:mm[:ss[.SSS]]`
 * (midnight when omitted). 2026-12-01 00:00 Beijing is 2026-11-30T16:00:00Z. Throws on anything else.
 */
export function beijingInstant(date: string, time = '00:00:00'): Date {
  const d = ISO_DATE.exec(date);
  const c = CLOCK.exec(time);
  if (!d || !isCalendarDay(date) || !c) throw new RangeError(`not a Beijing date and time: ${date} ${time}`);
  const [h, mi, s = '0', ms = '0'] = c.slice(1) as [string, string, string?, string?];
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) throw new RangeError(`not a time of day: ${time}`);
  return new Date(
    Date.UTC(
      Number(d[1]),
      Number(d[2]) - 1,
      Number(d[3]),
      Number(h),
      Number(mi),
      Number(s),
      Number(ms.padEnd(3, '0')),
    ) - BEIJING_OFFSET_MS,
  );
}

/** The instant a Beijing day begins (00:00 Beijing = 16:00Z the day before). */
export const startOfBeijingDay = (date: string): Date => beijingInstant(date);

/** The instant the Beijing day after `date` begins: the exclusive end of `date`. */
export const endOfBeijingDay = (date: string): Date => new Date(startOfBeijingDay(date).getTime() + DAY_MS);

/**
 * The instant shifted so that its UTC fields read Beijing wall-clock time — for writers that print a Date's UTC
 * fields and know no zone (an Excel cell has none).
 */
export const asBeijingWallClock = (at: Date): Date => new Date(checked(at) + BEIJING_OFFSET_MS);

/**
 * A date or timestamp as text for a person: a bare `YYYY-MM-DD` stays as it is (it is already a day), a
 * timestamp becomes its Beijing `YYYY-MM-DD`, or `YYYY-MM-DD HH:mm:ss` / `YYYY-MM-DD HH:mm` with a time;
 * undefined when the text is neither.
 */
export function formatBeijing(text: string, precision: 'date' | 'second' | 'minute'): string | undefined {
  if (ISO_DATE.test(text)) return text;
  const t = Date.parse(text);
  if (Number.isNaN(t)) return undefined;
  const at = new Date(t);
  return precision === 'date' ? beijingDate(at) : beijingDateTime(at, precision);
}
