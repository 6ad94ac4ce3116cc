/** Display helpers of the enterprise portal: CEB times, status colours, document bodies (the rest: ../../format.ts). */

/** A CEB time (`yyyyMMddHHmmss`, `yyyyMMddHHmmssSSS` or `yyyyMMdd`, already Beijing time) made readable. */
export function cebTime(value: string | undefined): string {
  if (!value) return '—';
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})\d{0,3})?$/.exec(value);
  if (!m) return value;
  return m[4] ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : `${m[1]}-${m[2]}-${m[3]}`;
}

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
