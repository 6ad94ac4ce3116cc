import { Writable } from 'node:stream';
import { beijingClock } from '@crossgate/domain';

/** How the server writes its log: `text`, one readable line per event (the default), or pino's `json` lines. */
export type LogFormat = 'text' | 'json';

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

interface Entry {
  level?: number;
  time?: number;
  msg?: string;
  reqId?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { type?: string; message?: string; stack?: string };
  [key: string]: unknown;
}

const KNOWN = new Set([
  'level',
  'time',
  'msg',
  'pid',
  'hostname',
  'reqId',
  'req',
  'res',
  'responseTime',
  'err',
]);

/**
 * One readable line per pino record: `HH:MM:SS INFO  200 GET /api/v1/home 3.1 ms (request id)` for a request
 * (its "incoming request" and "request completed" records folded into one line, written when it completes),
 * `HH:MM:SS ERROR message: the error` otherwise, Beijing time. Anything the record carries beyond the usual
 * fields follows as key=value. A line that is not JSON passes through unchanged.
 */
export function formatLogLine(
  line: string,
  pending: Map<string, { method: string; url: string }>,
): string | null {
  let e: Entry;
  try {
    e = JSON.parse(line) as Entry;
  } catch {
    return line;
  }
  const time = beijingClock(new Date(e.time ?? Date.now()));
  const level = LEVELS[e.level ?? 30] ?? String(e.level);
  if (e.msg === 'incoming request' && e.reqId && e.req) {
    pending.set(e.reqId, { method: e.req.method ?? '', url: e.req.url ?? '' });
    return null;
  }
  if (e.msg === 'request completed' && e.reqId) {
    const req = pending.get(e.reqId);
    pending.delete(e.reqId);
    const ms = typeof e.responseTime === 'number' ? `${e.responseTime.toFixed(1)} ms` : '';
    return `${time} ${level} ${e.res?.statusCode ?? ''} ${req?.method ?? ''} ${req?.url ?? ''} ${ms} (${e.reqId})`
      .replace(/\s+/g, ' ')
      .trim();
  }
  const extra = Object.entries(e)
    .filter(([k]) => !KNOWN.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const err = e.err ? `: ${e.err.message ?? e.err.type ?? ''}` : '';
  const id = e.reqId ? ` (${e.reqId})` : '';
  return [`${time} ${level} ${e.msg ?? ''}${err}${id}`, ...extra].join(' ');
}

/** A stream for pino that writes `formatLogLine`'s lines to `out` (stdout by default). */
export function textLogStream(out: NodeJS.WritableStream = process.stdout): Writable {
  const pending = new Map<string, { method: string; url: string }>();
  let rest = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const text = rest + chunk.toString();
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      const shown = lines
        .filter((l) => l.trim() !== '')
        .map((l) => formatLogLine(l, pending))
        .filter((l): l is string => l !== null);
      // A request that never completes (a dropped connection) must not keep its entry forever.
      if (pending.size > 10_000) pending.clear();
      if (shown.length > 0) out.write(`${shown.join('\n')}\n`);
      done();
    },
  });
}

/** `--log-format` / LOG_FORMAT: text (default) or json; anything else is a mistake worth naming. */
export function parseLogFormat(value: string | undefined): LogFormat {
  if (value === undefined || value === '' || value === 'text' || value === 'pretty') return 'text';
  if (value === 'json') return 'json';
  throw new Error(`LOG_FORMAT must be text or json, not "${value}"`);
}
