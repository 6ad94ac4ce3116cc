/**
 * Display helpers shared by every area: times as the zone reads them (Beijing time, UTC+8, 24-hour, whatever
 * the browser's own zone) and numbers and money in the UI language.
 */

const BEIJING = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Beijing-time parts of a timestamp; null for no timestamp, undefined for one that does not parse. */
function beijingParts(iso: string | null | undefined): Record<string, string> | null | undefined {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  return Object.fromEntries(BEIJING.formatToParts(d).map((p) => [p.type, p.value]));
}

/** A timestamp as Beijing time, `2026-03-01 14:05:09`; no timestamp gives an em dash, an unreadable one itself. */
export function beijingTime(iso: string | null | undefined): string {
  const p = beijingParts(iso);
  if (!p) return p === null ? '—' : (iso as string);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** A timestamp (or a date, kept as it is) as the Beijing calendar day, `2026-03-01`. */
export function beijingDate(iso: string | null | undefined): string {
  if (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const p = beijingParts(iso);
  if (!p) return p === null ? '—' : (iso as string);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The Beijing time of day, `14:05:09`. */
export function beijingClock(iso: string): string {
  const p = beijingParts(iso);
  return p ? `${p.hour}:${p.minute}:${p.second}` : iso;
}

/** The Beijing hour and minute, `14:05`. */
export function beijingMinute(iso: string): string {
  const p = beijingParts(iso);
  return p ? `${p.hour}:${p.minute}` : iso;
}

/** The number locale of a UI language. */
export const localeOf = (language: string) => (language === 'en' ? 'en-US' : 'zh-CN');

/** A whole number with the UI language's grouping: `12,345`. */
export const integer = (n: number, language: string) => new Intl.NumberFormat(localeOf(language)).format(n);

/** A decimal string in the user's locale, keeping its fraction digits (at most five). */
export function number(value: string | number | null | undefined, language: string): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  const fraction = typeof value === 'string' && value.includes('.') ? value.split('.')[1]!.length : 0;
  return new Intl.NumberFormat(localeOf(language), {
    minimumFractionDigits: Math.min(fraction, 5),
    maximumFractionDigits: 5,
  }).format(n);
}

/**
 * The exact sum of decimal strings, e.g. a parcel's line values: added as whole numbers of the finest fraction
 * present (CEB amounts carry up to 5 decimals, N19,5), never as binary floats, so "0.10" + "0.20" is "0.30".
 * Keeps at least two decimals; undefined if a value is not a decimal. The web app adds money only here.
 */
export function sumDecimals(values: readonly string[]): string | undefined {
  const parsed = values.map((v) => /^(-?)(\d+)(?:\.(\d+))?$/.exec(v.trim()));
  if (parsed.some((m) => m === null)) return undefined;
  const digits = Math.max(2, ...parsed.map((m) => m?.[3]?.length ?? 0));
  const scale = 10n ** BigInt(digits);
  let total = 0n;
  for (const m of parsed) {
    const units = BigInt(m?.[2] ?? '0') * scale + BigInt((m?.[3] ?? '').padEnd(digits, '0'));
    total += m?.[1] === '-' ? -units : units;
  }
  const abs = total < 0n ? -total : total;
  const fraction = (abs % scale).toString().padStart(digits, '0');
  return `${total < 0n ? '-' : ''}${abs / scale}.${fraction}`;
}

/** A decimal string with the UI language's grouping, keeping at least two decimals: `1,234.50`. */
export function amount(value: string | null | undefined, language: string): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  const decimals = Math.max(2, (value.split('.')[1] ?? '').length);
  return new Intl.NumberFormat(localeOf(language), {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(n);
}

/** JGS-20 currency codes and their ISO 4217 names (the common ones; others are shown with their code). */
const ISO_CURRENCY: Record<string, string> = {
  '110': 'HKD',
  '116': 'JPY',
  '121': 'MOP',
  '132': 'SGD',
  '133': 'KRW',
  '136': 'THB',
  '142': 'CNY',
  '143': 'TWD',
  '300': 'EUR',
  '302': 'DKK',
  '303': 'GBP',
  '330': 'SEK',
  '331': 'CHF',
  '344': 'RUB',
  '501': 'CAD',
  '502': 'USD',
  '601': 'AUD',
  '609': 'NZD',
};

/** An amount with its currency (JGS-20 code): `¥936.00`, `US$180.00`, or `12.00 (code 999)` when unknown. */
export function money(
  value: string | number | null | undefined,
  currency: string | null | undefined,
  language: string,
): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  const iso = currency ? ISO_CURRENCY[currency] : 'CNY';
  if (!iso) return `${number(value, language)} (${currency})`;
  return new Intl.NumberFormat(localeOf(language), {
    style: 'currency',
    currency: iso,
    minimumFractionDigits: 2,
    maximumFractionDigits: 5,
  }).format(n);
}
