/** CEB times are China Standard Time (UTC+8) wall-clock strings. */
const CST_OFFSET_MS = 8 * 3_600_000;

function parts(now: Date) {
  const t = new Date(now.getTime() + CST_OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return {
    date: `${t.getUTCFullYear()}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}`,
    time: `${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}`,
    ms: p(t.getUTCMilliseconds(), 3),
  };
}

/** `returnTime`, C17: YYYYMMDDhhmmssSSS. */
export const cebReturnTime = (now: Date) => {
  const x = parts(now);
  return `${x.date}${x.time}${x.ms}`;
};

/** `appTime`, C14: YYYYMMDDhhmmss. */
export const cebAppTime = (now: Date) => {
  const x = parts(now);
  return `${x.date}${x.time}`;
};

/** `declTime`, C8: YYYYMMDD. */
export const cebDate = (now: Date) => parts(now).date;

/** Reads a C14 `YYYYMMDDhhmmss` (or C8 date) China Standard Time string; undefined when it is not one. */
export function parseCebTime(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((x) => x ?? '0') as string[];
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - CST_OFFSET_MS;
  const date = new Date(ms);
  return cebAppTime(date).startsWith(value.slice(0, 8)) ? date : undefined;
}
