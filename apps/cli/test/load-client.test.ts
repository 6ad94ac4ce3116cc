import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedFollower, fetchRetrying } from '../src/load-client.ts';

/**
 * A server (in a worker thread, with its own event loop) that answers the first request on each connection
 * and closes the connection when a second request arrives on it: what a client meets when it reuses a
 * kept-alive socket the server has closed meanwhile (the benchmark's load process, busy for minutes building
 * and signing messages, then following the receipt feed).
 */
const SERVER = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
const served = new WeakMap();
let requests = 0;
const server = http.createServer((req, res) => {
  requests++;
  const n = (served.get(req.socket) ?? 0) + 1;
  served.set(req.socket, n);
  if (n > 1) return req.socket.destroy();
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ receipts: [], nextCursor: '0:0', method: req.method }));
});
server.keepAliveTimeout = 60000;
parentPort.on('message', () => parentPort.postMessage({ requests }));
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
`;

let worker: Worker;
let base = '';

beforeAll(async () => {
  worker = new Worker(SERVER, { eval: true });
  const { port } = await new Promise<{ port: number }>((r) => worker.once('message', r));
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => worker.terminate());

describe('load client over a kept-alive connection the server closed', () => {
  it('a GET whose kept-alive socket was closed is sent again on a fresh connection (the feed is followed)', async () => {
    const feed = new FeedFollower(base, 'cg_test');
    await feed.skipToEnd(); // opens a connection, kept alive
    await feed.skipToEnd(); // reuses it: the server closes it, the read goes again on a new one
    expect(await feed.poll(() => true)).toBe(0);
  });

  it('a DELETE is repeated the same way (idempotent), a POST is not', async () => {
    await (await fetchRetrying(`${base}/warm`)).text();
    const res = await fetchRetrying(`${base}/key`, { method: 'DELETE' });
    expect(((await res.json()) as { method: string }).method).toBe('DELETE');
    await (await fetchRetrying(`${base}/warm`)).text();
    await expect(fetchRetrying(`${base}/messages`, { method: 'POST', body: 'x' })).rejects.toThrow(
      /cannot reach the platform/,
    );
  });
});
