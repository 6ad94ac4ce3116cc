import {
  FeedFollower,
  isDecision,
  messagesOf,
  fetchRetrying,
  revokeKeys,
  sendParcel,
  signIn,
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
  /** Statements the server sent to its database for the run's messages (crossgate_db_statements_total). */
  statements: StatementReport;
  /**
   * Server CPU per inbound message that is not a statement — XML parse, XSD check, signature check, sealing —
   * in µs (crossgate_gateway_stage_seconds_total, decision 0045); empty from a server that does not count it.
   */
  stagesMicrosPerMessage: Record<string, number>;
}

export interface StatementReport {
  /** From just before the first message to the last decision, without the feed polls' and metrics reads'. */
  total: number;
  perParcel: number | null;
  perMessage: number | null;
  /** The same by operation (select, insert, update, with, begin, commit …). */
  byKind: Record<string, number>;
  /** Receipt-feed polls during the run and what one costs (measured after the run), taken out of total. */
  feedPolls: number;
  perPoll: number | null;
}

type Counts = Map<string, number>;
const minus = (a: Counts, b: Counts, times = 1) => {
  const out: Counts = new Map(a);
  for (const [k, v] of b) out.set(k, (out.get(k) ?? 0) - v * times);
  return out;
};
const STAGE = 'stage:';
const sum = (c: Counts) => [...c.values()].reduce((s, v) => s + v, 0);
const statementsOnly = (c: Counts): Counts => new Map([...c].filter(([k]) => !k.startsWith(STAGE)));

/**
 * Reads crossgate_db_statements_total by operation from the server's /metrics (as the zone office's
 * administrator; with several workers a worker answers for all of them).
 */
async function statementReader(base: string, password: string): Promise<() => Promise<Counts>> {
  const zone = await signIn(base, 'zone', password);
  return async () => {
    const res = await fetchRetrying(`${base}/metrics`, { headers: { cookie: zone.cookie } });
    const text = await res.text();
    if (!res.ok) throw new Error(`/metrics answered ${res.status}: ${text.slice(0, 200)}`);
    const counts: Counts = new Map();
    for (const m of text.matchAll(/^crossgate_db_statements_total\{operation="([a-z]+)"\} (\d+)/gm))
      counts.set(m[1] as string, Number(m[2]));
    // The per-message work that is not a statement (decision 0045), in seconds, under keys of their own.
    for (const m of text.matchAll(/^crossgate_gateway_stage_seconds_total\{stage="([a-z]+)"\} ([\d.e+-]+)/gm))
      counts.set(`${STAGE}${m[1] as string}`, Number(m[2]));
    return counts;
  };
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
  const statements = await statementReader(base, o.password);
  const statementsBefore = await statements();
  let polls = 0;

  const timings = new Map<string, ParcelTimings>();
  const errors: string[] = [];
  let sending = true;
  const follow = (async () => {
    const deadline = () => Date.now() + o.waitSeconds * 1000;
    let until = deadline();
    while (Date.now() < until) {
      const got = await feed.poll((c) => tracked.has(c));
      polls++;
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
  const statementsAfter = await statements();
  // What a metrics read and a feed poll cost, measured now that the traffic is over, to take them out.
  const read = minus(await statements(), statementsAfter);
  const calibrationPolls = 50;
  const beforePolls = await statements();
  for (let i = 0; i < calibrationPolls; i++) await feed.poll(() => false);
  const perPoll = minus(minus(await statements(), beforePolls), read);
  const run = minus(minus(statementsAfter, statementsBefore, 1), read);
  const messages = statementsOnly(minus(run, perPoll, polls / calibrationPolls));
  const stageSeconds = [...minus(statementsAfter, statementsBefore)].filter(([k]) => k.startsWith(STAGE));
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
    statements: {
      total: Math.round(sum(messages)),
      perParcel: round(sum(messages) / traffic.length, 2),
      perMessage: round(sum(messages) / (traffic.length * 4), 2),
      byKind: Object.fromEntries(
        [...messages].filter(([, v]) => Math.round(v) !== 0).map(([k, v]) => [k, Math.round(v)]),
      ),
      feedPolls: polls,
      perPoll: round(sum(statementsOnly(perPoll)) / calibrationPolls, 2),
    },
    stagesMicrosPerMessage: Object.fromEntries(
      stageSeconds.map(([k, v]) => [k.slice(STAGE.length), round((v * 1e6) / (traffic.length * 4), 1) ?? 0]),
    ),
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
