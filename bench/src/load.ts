import {
  FeedFollower,
  isDecision,
  messagesOf,
  revokeKeys,
  sendParcel,
  type ParcelTimings,
} from '@crossgate/cli/load';
import { judge, prepareTraffic } from '@crossgate/cli/simulate';
import { percentile, round } from './stats.ts';

/**
 * The load process of the benchmark (a separate OS process, so the server's CPU is measured apart): sends
 * the parcels over HTTP — closed-loop at a concurrency, or open-loop at an offered rate — while following the
 * agent's receipt feed, then reports throughput, latencies and where every parcel ended.
 */
export interface LoadOptions {
  url: string;
  parcels: number;
  concurrency: number;
  /** Offered parcels per second (open loop); 0 = as fast as the concurrency allows. */
  rate: number;
  seed: number;
  refuseShare: number;
  buyers: number;
  password: string;
  waitSeconds: number;
  /**
   * Testing the path the default run takes: block the process this long (no event loop, no CPU) after the
   * messages are built, as a long build does, before the first feed call (`--block-after-build`).
   */
  blockAfterBuildSeconds?: number;
}

/**
 * Progress of the load process for the harness: a line `progress<TAB>step<TAB>done<TAB>total` on stderr, at
 * most every 250 ms per step and always at the end of one (the harness draws a bar or prints a line).
 */
export const PROGRESS_PREFIX = 'progress\t';
function progressLine() {
  let last = 0;
  return (step: string, done: number, total: number) => {
    const now = performance.now();
    if (done < total && now - last < 250) return;
    last = now;
    process.stderr.write(`${PROGRESS_PREFIX}${step}\t${done}\t${total}\n`);
  };
}

export interface LoadReport {
  parcels: number;
  sendSeconds: number;
  seconds: number;
  parcelsPerSecond: number;
  messagesPerSecond: number;
  ackP50Ms: number | null;
  ackP99Ms: number | null;
  releaseP50Ms: number | null;
  releaseP99Ms: number | null;
  byStatus: Record<string, number>;
  expectedRefused: number;
  refusedAsExpected: number;
  unexpected: { orderNo: string; expected: string; actual: string }[];
  orderPrefix: string;
  errors: string[];
}

export async function runLoad(o: LoadOptions): Promise<LoadReport> {
  const base = o.url.replace(/\/$/, '');
  const progress = progressLine();
  const { sessions, traffic, tracked } = await prepareTraffic(base, o);
  // Every message is built and signed before the clock starts: the load process should not compete with the
  // server for the two cores while it is measured. In slices, so progress is shown and the event loop turns.
  const built: ReturnType<typeof messagesOf>[] = [];
  for (const parcel of traffic) {
    built.push(messagesOf(parcel));
    progress('生成并签名报文 building and signing messages', built.length, traffic.length);
    if (built.length % 100 === 0) await new Promise((r) => setImmediate(r));
  }
  if (o.blockAfterBuildSeconds)
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, o.blockAfterBuildSeconds * 1000);
  // The first call after the build: its kept-alive connection may have been closed meanwhile (fetchRetrying).
  const feed = new FeedFollower(base, sessions.agent.key.secret);
  await feed.skipToEnd();

  const timings = new Map<string, ParcelTimings>();
  const errors: string[] = [];
  let sending = true;
  const follow = (async () => {
    const deadline = () => Date.now() + o.waitSeconds * 1000;
    let until = deadline();
    while (Date.now() < until) {
      const got = await feed.poll((c) => tracked.has(c));
      if (sending) until = deadline();
      else {
        const decided = traffic.filter((t) => isDecision(feed.latest.get(t.spec.copNo)?.status)).length;
        progress('等待海关回执 waiting for decisions', decided, traffic.length);
        if (decided === traffic.length) return;
      }
      if (got === 0) await new Promise((r) => setTimeout(r, 20));
    }
  })();

  const started = performance.now();
  let sent = 0;
  const send = async (i: number) => {
    const p = traffic[i];
    if (!p) return;
    try {
      timings.set(p.spec.copNo, await sendParcel(base, sessions, p, built[i]));
    } catch (error) {
      errors.push(`${p.spec.orderNo}: ${(error as Error).message}`);
    }
    progress('发送包裹 sending parcels', ++sent, traffic.length);
  };
  if (o.rate > 0) {
    // Open loop: a parcel starts every 1/rate seconds whatever the server does (latency under offered load).
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < traffic.length; i++) {
      const due = started + (i * 1000) / o.rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(send(i));
    }
    await Promise.all(inFlight);
  } else {
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.max(1, o.concurrency) }, async () => {
        for (let i = next++; i < traffic.length; i = next++) await send(i);
      }),
    );
  }
  const sendSeconds = (performance.now() - started) / 1000;
  sending = false;
  await follow;
  const lastDecision = Math.max(...[...feed.latest.values()].map((v) => v.at), performance.now() - 1);
  const seconds = (Math.min(lastDecision, performance.now()) - started) / 1000;
  await revokeKeys(base, sessions);

  const acks = [...timings.values()].flatMap((t) => t.acks);
  const releases: number[] = [];
  for (const t of traffic) {
    const decided = feed.latest.get(t.spec.copNo);
    const timing = timings.get(t.spec.copNo);
    if (decided?.status === '800' && timing) releases.push(decided.at - timing.inventoryAckedAt);
  }
  const verdict = judge(traffic, feed.latest);
  return {
    parcels: traffic.length,
    sendSeconds: round(sendSeconds, 2) ?? 0,
    seconds: round(seconds, 2) ?? 0,
    parcelsPerSecond: round(traffic.length / seconds) ?? 0,
    messagesPerSecond: round((traffic.length * 4) / seconds) ?? 0,
    ackP50Ms: round(percentile(acks, 50)),
    ackP99Ms: round(percentile(acks, 99)),
    releaseP50Ms: round(percentile(releases, 50)),
    releaseP99Ms: round(percentile(releases, 99)),
    ...verdict,
    orderPrefix: traffic[0]?.spec.orderNo.slice(0, 10) ?? '',
    errors: errors.slice(0, 20),
  };
}

// As a child process: options as JSON in argv[2], the report as the last line of stdout.
if (process.argv[1]?.endsWith('load.ts') && process.argv[2]) {
  runLoad(JSON.parse(process.argv[2]) as LoadOptions)
    .then((report) => {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    });
}
