import { BEIJING_OFFSET_MS, beijingCompact } from '@crossgate/domain';

/** CEB times are China Standard Time (UTC+8) wall-clock strings; the conversion is the domain's Beijing helper. */

/** `returnTime`, C17: YYYYMMDDhhmmssSSS. */
export const cebReturnTime = (now: Date) => beijingCompact(now, 17);

/** `appTime`, C14: YYYYMMDDhhmmss. */
export const cebAppTime = (now: Date) => beijingCompact(now, 14);

/** `declTime`, C8: YYYYMMDD. */
export const cebDate = (now: Date) => beijingCompact(now, 8);

/** Reads a C14 `YYYYMMDDhhmmss` (or C8 date) China Standard Time string; undefined when it is not one. */
export function parseCebTime(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((x) => x ?? '0') as string[];
  const ms =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - BEIJING_OFFSET_MS;
  const date = new Date(ms);
  return cebAppTime(date).startsWith(value.slice(0, 8)) ? date : undefined;
}
