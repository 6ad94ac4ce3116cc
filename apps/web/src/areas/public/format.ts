/** Times as the zone reads them: Beijing time (UTC+8), 24-hour, whatever the browser's own zone. */
const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const CLOCK = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const MINUTE = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const parts = (f: Intl.DateTimeFormat, iso: string) =>
  Object.fromEntries(f.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));

/** 2026-03-01 14:05:09 (Beijing time). */
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = parts(TIME, iso);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** 14:05:09 (Beijing time). */
export const fmtClock = (iso: string) => CLOCK.format(new Date(iso));

/** 14:05 (Beijing time). */
export const fmtMinute = (iso: string) => MINUTE.format(new Date(iso));
