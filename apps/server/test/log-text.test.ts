import { describe, expect, it } from 'vitest';
import { formatLogLine, parseLogFormat, textLogStream } from '../src/log-text.ts';

// 2026-12-07T03:21:05.000Z is 11:21:05 in Beijing.
const AT = Date.UTC(2026, 11, 7, 3, 21, 5);

describe('readable log lines (issue 17)', () => {
  it('folds a request’s two records into one line, written when it completes', () => {
    const pending = new Map<string, { method: string; url: string }>();
    const incoming = JSON.stringify({
      level: 30,
      time: AT,
      pid: 1,
      hostname: 'h',
      reqId: 'req-1',
      req: { method: 'GET', url: '/api/v1/home', remoteAddress: '127.0.0.1' },
      msg: 'incoming request',
    });
    expect(formatLogLine(incoming, pending)).toBeNull();
    const completed = JSON.stringify({
      level: 30,
      time: AT,
      reqId: 'req-1',
      res: { statusCode: 200 },
      responseTime: 3.14159,
      msg: 'request completed',
    });
    expect(formatLogLine(completed, pending)).toBe('11:21:05 INFO 200 GET /api/v1/home 3.1 ms (req-1)');
    expect(pending.size).toBe(0);
  });

  it('writes other records as time, level, message, error and extra fields', () => {
    const line = JSON.stringify({
      level: 50,
      time: AT,
      msg: 'webhook delivery failed',
      err: { type: 'Error', message: 'connect ECONNREFUSED' },
      webhookId: 'w1',
    });
    expect(formatLogLine(line, new Map())).toBe(
      '11:21:05 ERROR webhook delivery failed: connect ECONNREFUSED webhookId=w1',
    );
    expect(formatLogLine('not json', new Map())).toBe('not json');
  });

  it('splits a stream into lines, even across chunks', async () => {
    let out = '';
    const stream = textLogStream({ write: (s: string) => ((out += s), true) } as NodeJS.WritableStream);
    const line = JSON.stringify({ level: 40, time: AT, msg: 'slow' });
    await new Promise<void>((r) => stream.write(line.slice(0, 10), () => r()));
    await new Promise<void>((r) => stream.write(`${line.slice(10)}\n`, () => r()));
    expect(out).toBe('11:21:05 WARN slow\n');
  });

  it('takes text (the default) or json, and names anything else', () => {
    expect(parseLogFormat(undefined)).toBe('text');
    expect(parseLogFormat('json')).toBe('json');
    expect(() => parseLogFormat('xml')).toThrow('LOG_FORMAT must be text or json, not "xml"');
  });
});
