/** Display helpers of the enterprise portal: Beijing time, locale numbers, money with its currency, status colours. */

const BEIJING = 'Asia/Shanghai';

const parts = (date: Date, withTime: boolean) => {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: BEIJING,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' as const } : {}),
  });
  const get = (type: string) => f.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  const day = `${get('year')}-${get('month')}-${get('day')}`;
  return withTime ? `${day} ${get('hour')}:${get('minute')}:${get('second')}` : day;
};

/** An ISO timestamp as Beijing time, `2026-11-27 12:02:49`; empty input gives an em dash. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : parts(d, true);
}

/** An ISO timestamp or date as the Beijing calendar day. */
export function dateOnly(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : parts(d, false);
}

/** A CEB time (`yyyyMMddHHmmss`, `yyyyMMddHHmmssSSS` or `yyyyMMdd`, already Beijing time) made readable. */
export function cebTime(value: string | undefined): string {
  if (!value) return '—';
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})\d{0,3})?$/.exec(value);
  if (!m) return value;
  return m[4] ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : `${m[1]}-${m[2]}-${m[3]}`;
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

const localeOf = (language: string) => (language === 'en' ? 'en-US' : 'zh-CN');

/** A decimal string in the user's locale, keeping its fraction digits. */
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

/** The name of a JGS-20 currency code (ISO 4217), or the code itself. */
export const currencyName = (code: string | null | undefined) =>
  code ? (ISO_CURRENCY[code] ? `${code} ${ISO_CURRENCY[code]}` : code) : '—';

/**
 * Tag colour of a returnStatus: released and closed green; refused (100) and negative red; inspection (500)
 * and manual review (300) orange; declaring, accepted and awaiting arrival (2, 120, 400) blue.
 */
export function statusColor(status: string): string {
  if (status === '800' || status === '899') return 'green';
  if (status === '100' || status.startsWith('-')) return 'red';
  if (status === '500' || status === '300' || /^5\d\d$/.test(status)) return 'orange';
  if (status === '2' || status === '120' || status === '400') return 'blue';
  return 'default';
}

/** Timeline dot colour of a status (antd Timeline accepts green, red, blue, gray and CSS colours). */
export function timelineColor(status: string): string {
  const c = statusColor(status);
  return c === 'orange' ? '#fa8c16' : c === 'default' ? 'gray' : c;
}

/** A buyer's ID number with its middle hidden (personal information on a shared screen). */
export const maskId = (id: string | undefined) =>
  id && id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : (id ?? '');

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string field of a document body (CEB values are strings); undefined when absent or not a string. */
export const str = (body: Record<string, unknown> | null | undefined, key: string): string | undefined => {
  const v = body?.[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
};

/** The goods lines of a document body, each a record of strings. */
export const linesOf = (body: Record<string, unknown> | null | undefined): Record<string, string>[] => {
  const raw = body?.lines;
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRecord).map((line) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(line)) if (typeof v === 'string') out[k] = v;
    return out;
  });
};
