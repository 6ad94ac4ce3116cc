/**
 * Display helpers shared by every area: times as the zone reads them (Beijing time, UTC+8, 24-hour, whatever
 * the browser's own zone) and numbers and money in the UI language. Beijing time comes from the platform's one
 * helper (re-exported by the contract, decision 0032), never from the browser's zone data.
 */
import { beijingClock as clockOf, formatBeijing } from '@crossgate/contract';

/** A timestamp as an instant; undefined for one that does not parse. */
function instant(iso: string): Date | undefined {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** A timestamp as Beijing time, `2026-03-01 14:05:09`; no timestamp gives an em dash, an unreadable one itself. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return formatBeijing(iso, 'second') ?? iso;
}

/** A timestamp (or a date, kept as it is) as the Beijing calendar day, `2026-03-01`. */
export function beijingDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return formatBeijing(iso, 'date') ?? iso;
}

/** The Beijing time of day, `14:05:09`. */
export function beijingClock(iso: string): string {
  const at = instant(iso);
  return at ? clockOf(at) : iso;
}

/** The Beijing hour and minute, `14:05`. */
export function beijingMinute(iso: string): string {
  const at = instant(iso);
  return at ? clockOf(at).slice(0, 5) : iso;
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
