import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GeneratedParcel } from '@crossgate/ceb';
import { FeedFollower, ROLE_OF, isDecision, messagesOf, type Role, type Session } from '@crossgate/cli/load';
import { judge, prepareTraffic } from '@crossgate/cli/simulate';
import { createDb, sql, type DbHandle, type Engine } from '@crossgate/db';
import {
  checkStoredParcels,
  demoPasswordForRun,
  disableSampling,
  spawnServer,
  waitForHealth,
} from '../../../../bench/src/harness.ts';
import { processTree } from '../../../../bench/src/proc.ts';
import {
  createDatabaseOn,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../../../test/support/postgres.ts';
import { postgresCommand } from '../../../../test/support/tools.ts';

/**
 * Crash safety under load (issue 8). The real server binary (`crossgate start`) runs as a child process in its
 * own process group on a database of its own; clients send parcels over HTTP and retry every message until
 * they get its answer; a chaos loop SIGKILLs the server (primary and workers together) at random moments and
 * restarts it, and — on PostgreSQL — stops the database with a fast shutdown and starts it again while the
 * server keeps serving. Afterwards the stored state is checked with SQL against what the clients were told.
 */

export type Kind = 'order' | 'payment' | 'waybill' | 'inventory';
const KINDS: Kind[] = ['order', 'payment', 'waybill', 'inventory'];
const ROLES: Role[] = ['platform', 'payment', 'logistics', 'agent'];

export interface CrashOptions {
  engine: Engine;
  parcels: number;
  /** SIGKILLs of the server under load, at least. */
  kills: number;
  /** Of the restarts after those kills, how many are themselves killed during start-up (before healthy). */
  startupKills: number;
  /** Fast shutdowns + restarts of PostgreSQL under load (ignored on PGlite). */
  dbRestarts: number;
  concurrency: number;
  /** Serving processes (PostgreSQL); PGlite is single-process. */
  workers: number;
  seed: number;
  log: (line: string) => void;
}

/** One message as the client was told it was stored: what it sent (by hash) and the answer it got. */
export interface Ack {
  role: Role;
  kind: Kind;
  orderNo: string;
  contentHash: string;
  httpStatus: number;
  receiptXml: string;
  replayed: boolean;
  attempts: number;
}

/** Something that went wrong that is not a failed check of the stored state (the server did not recover …). */
export interface Incident {
  what: string;
  evidence: string;
}

export interface CrashFigures {
  engine: Engine;
  parcels: number;
  messages: number;
  acknowledged: number;
  /** Acknowledged with `x-crossgate-replayed: true`: a retry of a message stored before its answer was lost. */
  replayedAcks: number;
  /** Requests sent again after a lost answer (connection refused/reset, timeout) or a 5xx/429. */
  retries: number;
  networkErrors: number;
  errorAnswers: Record<string, number>;
  killsUnderLoad: number;
  /** Kills of a restarting server, at a random moment of its start-up (migrations, recovery, forking). */
  killsDuringStartup: number;
  serverStarts: number;
  dbRestarts: number;
  /** Server restarts the chaos did not ask for (the server died or stayed unhealthy on its own). */
  forcedRestarts: number;
  downtimeSeconds: number;
  /** Of which: start-up until healthy again, and waiting for the killed processes to be gone. */
  restartSeconds: number;
  killSeconds: number;
  seconds: number;
  workers: number;
}

/** The run, as the clients saw it, and the database, as it was left. */
export interface CrashRun {
  figures: CrashFigures;
  incidents: Incident[];
  traffic: GeneratedParcel[];
  built: Record<Kind, string>[];
  acks: Ack[];
  orderPrefix: string;
  /** Receipt ids per organisation code, as the live followers read them during the run, crashes included. */
  liveFeed: Map<string, number[]>;
  /** Receipt ids per organisation code, read from cursor 0:0 after the run. */
  replayFeed: Map<string, { id: number; messageType: string; returnStatus: string; copNo?: string }[]>;
  /** Latest CEB622 per copNo, from the replayed agent feed and from the live one. */
  latestReplay: Map<string, { status: string }>;
  latestLive: Map<string, { status: string; at: number }>;
  senderCodes: Record<Role, string>;
  serverLog: string;
  /** Opens the database the server left (the server has been killed by then). */
  openDatabase(): Promise<DbHandle>;
  cleanup(): Promise<void>;
}

const LOG_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../test-output/crash');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A process is gone once /proc no longer has it or it is a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** `crossgate start` as a process group that can be killed at once and started again on the same data. */
class ServerUnderTest {
  child: ChildProcess | undefined;
  /** Set when the scenario ends: no more starts. */
  closed = false;
  starts = 0;
  /** Time spent in restarts (start-up until healthy) and in waiting for killed processes to be gone. */
  restartMs = 0;
  killMs = 0;
  /** Exits nobody asked for: code, signal and the log tail at that moment. */
  readonly unexpectedExits: Incident[] = [];
  private expectingExit = false;
  readonly url: string;
  get demoPassword(): string {
    return this.o.demoPassword;
  }

  constructor(
    private readonly o: {
      port: number;
      workers: number;
      databaseUrl?: string;
      dataDir: string;
      demoPassword: string;
    },
    readonly logPath: string,
  ) {
    this.url = `http://127.0.0.1:${o.port}`;
  }

  async start(): Promise<void> {
    const child = this.launch();
    const t = performance.now();
    await waitForHealth(this.url, child, 120);
    if (this.starts > 1) this.restartMs += performance.now() - t;
  }

  /** Spawns the server without waiting for it (a kill during start-up follows). */
  launch(): ChildProcess {
    if (this.closed) throw new Error('the crash scenario was ended');
    this.expectingExit = false;
    const child = spawnServer({ ...this.o, detached: true, logs: true });
    this.child = child;
    // Its own process group does not die with the test process: take it along if the test process exits.
    const takeAlong = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    process.once('exit', takeAlong);
    child.once('exit', () => process.off('exit', takeAlong));
    this.starts++;
    appendFileSync(
      this.logPath,
      `\n=== start #${this.starts} pid ${child.pid} at ${new Date().toISOString()}\n`,
    );
    child.stderr?.on('data', (d: Buffer) => appendFileSync(this.logPath, d));
    child.stdout?.on('data', (d: Buffer) => appendFileSync(this.logPath, d));
    child.once('exit', (code, signal) => {
      if (!this.expectingExit)
        this.unexpectedExits.push({
          what: `server pid ${child.pid} exited by itself (code ${code}, signal ${signal})`,
          evidence: this.errorsSinceStart(),
        });
    });
    return child;
  }

  /** Processes of the server: the primary and its workers. */
  processes(): number[] {
    return this.child?.pid ? processTree(this.child.pid).filter(alive) : [];
  }

  /** SIGKILL to the whole group (primary and workers at once), then wait until every one of them is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    const pids = processTree(child.pid);
    this.expectingExit = true;
    const t = performance.now();
    appendFileSync(
      this.logPath,
      `=== SIGKILL pid ${child.pid} (${pids.join(', ')}) at ${new Date().toISOString()}\n`,
    );
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
    const exited = () => child.exitCode !== null || child.signalCode !== null;
    while (pids.some(alive) || !exited()) {
      if (performance.now() - t > 20_000) throw new Error(`server processes ${pids} survived SIGKILL`);
      await sleep(5);
    }
    this.killMs += performance.now() - t;
  }

  /** What the server wrote since its last start: the error lines and the first frames after each. */
  errorsSinceStart(): string {
    if (!existsSync(this.logPath)) return '';
    const text = readFileSync(this.logPath, 'utf8');
    const lines = text.slice(text.lastIndexOf('\n=== start')).split('\n');
    const out: string[] = [];
    lines.forEach((line, i) => {
      if (/^(node:|\S*Error\b|Emitted 'error')|"level":(50|60)|^\d\d:\d\d:\d\d (ERROR|FATAL)/.test(line))
        out.push(...lines.slice(i, i + 6).map((l) => l.slice(0, 400)));
    });
    return [...new Set(out)].slice(0, 60).join('\n') || lines.slice(-20).join('\n');
  }
}

/** pg_ctl of the throwaway cluster, as the cluster's user when we are root (initdb/pg_ctl refuse root). */
function pgCtl(args: string[]): Promise<string> {
  const [file, argv] = postgresCommand('pg_ctl', args);
  return new Promise((resolve, reject) => {
    const p = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.once('error', reject);
    p.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`pg_ctl ${args.join(' ')} failed (${code}): ${out}`)),
    );
  });
}

/**
 * Stops the cluster with a fast shutdown (every session is terminated, open transactions roll back), waits,
 * and starts it again with the options it was started with (its postmaster.opts).
 */
export async function restartPostgres(pg: ThrowawayPostgres, downMs: number): Promise<void> {
  const opts = readFileSync(join(pg.dataDir, 'postmaster.opts'), 'utf8');
  const args = [...opts.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] as string);
  const dataAt = args.indexOf('-D');
  if (dataAt >= 0) args.splice(dataAt, 2);
  await pgCtl(['-D', pg.dataDir, '-m', 'fast', '-w', 'stop']);
  await sleep(downMs);
  await pgCtl([
    '-D',
    pg.dataDir,
    '-l',
    join(dirname(pg.dataDir), 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    args.map((a) => `'${a}'`).join(' '),
    'start',
  ]);
}

/** The clients: every message is sent until its answer arrives; what each was answered is kept. */
class RetryingSender {
  readonly acks: Ack[] = [];
  retries = 0;
  networkErrors = 0;
  readonly errorAnswers: Record<string, number> = {};

  constructor(
    private readonly base: string,
    private readonly sessions: Record<Role, Session>,
    private readonly giveUpMs: number,
  ) {}

  async deliver(kind: Kind, orderNo: string, body: string): Promise<Ack> {
    const role = ROLE_OF[kind];
    const started = Date.now();
    let last = '';
    for (let attempt = 1; ; attempt++) {
      let retryAfterMs: number | undefined;
      try {
        const res = await fetch(`${this.base}/ceb/messages`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${this.sessions[role].key.secret}`,
            'content-type': 'application/xml',
          },
          body,
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        // 200: the receipt; 400: a CEB900 format refusal. Both are stored answers (docs/api/ceb-gateway.md).
        if (res.status === 200 || res.status === 400) {
          const ack: Ack = {
            role,
            kind,
            orderNo,
            contentHash: sha256(body),
            httpStatus: res.status,
            receiptXml: text,
            replayed: res.headers.get('x-crossgate-replayed') === 'true',
            attempts: attempt,
          };
          this.acks.push(ack);
          return ack;
        }
        this.errorAnswers[res.status] = (this.errorAnswers[res.status] ?? 0) + 1;
        last = `HTTP ${res.status}: ${text.slice(0, 300)}`;
        // Over the key's request budget: nothing was stored; the same bytes go again after Retry-After.
        if (res.status === 429)
          retryAfterMs = Math.min(60, Number(res.headers.get('retry-after')) || 1) * 1000;
      } catch (error) {
        this.networkErrors++;
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        last = `${(error as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`;
      }
      if (Date.now() - started > this.giveUpMs)
        throw new Error(`${kind} of ${orderNo} not acknowledged after ${attempt} attempts: ${last}`);
      this.retries++;
      await sleep(retryAfterMs ?? Math.min(800, 20 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random()));
    }
  }
}

/** Follows one enterprise's pull feed through crashes: every receipt id it is given, in order. */
class LiveFeed {
  readonly ids: number[] = [];
  readonly latest = new Map<string, { status: string; at: number }>();
  errors = 0;
  private readonly feed: FeedFollower;
  constructor(base: string, apiKey: string) {
    this.feed = new FeedFollower(base, apiKey);
  }
  /** Reads what is new; false when the server did not answer (it is retried on the next call). */
  async poll(): Promise<number> {
    try {
      const page = await this.feed.page();
      const now = performance.now();
      for (const r of page.receipts) {
        this.ids.push(Number(r.cursor.split(':')[1]));
        if (r.messageType !== 'CEB622Message') continue;
        const copNo = /<copNo>([^<]*)<\/copNo>/.exec(r.xml)?.[1];
        if (copNo) this.latest.set(copNo, { status: r.returnStatus, at: now });
      }
      return page.receipts.length;
    } catch {
      this.errors++;
      return -1;
    }
  }
}

/** Random moments spread over the run: fractions of the messages acknowledged, in (0.03, 0.95). */
function moments(n: number): number[] {
  return Array.from({ length: n }, () => 0.03 + Math.random() * 0.92).sort((a, b) => a - b);
}

/** Scenarios not yet cleaned up (a hook that timed out leaves one running). */
const running = new Set<() => Promise<void>>();

/** Kills the servers and stops the databases of every scenario still running. */
export async function endCrashScenarios(): Promise<void> {
  for (const cleanup of [...running]) await cleanup();
}

export async function runCrashScenario(o: CrashOptions): Promise<CrashRun> {
  const tmp = mkdtempSync(join(tmpdir(), `crossgate-crash-${o.engine}-`));
  // The server's stderr of the whole run, kept for evidence (test-output/ is not committed).
  mkdirSync(LOG_DIR, { recursive: true });
  const logPath = join(LOG_DIR, `${o.engine}-server.log`);
  writeFileSync(logPath, '');
  const incidents: Incident[] = [];
  const pg = o.engine === 'postgres' ? await startThrowawayPostgres() : undefined;
  const databaseUrl = pg
    ? await createDatabaseOn(pg.socketUrl, `crossgate_crash_${Date.now().toString(36)}`)
    : undefined;
  const dataDir = join(tmp, 'db');
  const workers = o.engine === 'postgres' ? o.workers : 1;
  const server = new ServerUnderTest(
    {
      port: await freePort(),
      workers,
      ...(databaseUrl ? { databaseUrl } : {}),
      dataDir,
      demoPassword: demoPasswordForRun(),
    },
    logPath,
  );
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    running.delete(cleanup);
    server.closed = true;
    await server.kill();
    pg?.stop();
    rmSync(tmp, { recursive: true, force: true });
  };
  running.add(cleanup);
  try {
    o.log(`${o.engine}: server (${workers} worker process(es)) on ${server.url}, log ${logPath}`);
    await server.start();
    const base = server.url;
    await disableSampling(base, server.demoPassword);
    const { sessions, traffic } = await prepareTraffic(base, {
      password: server.demoPassword,
      parcels: o.parcels,
      seed: o.seed,
      refuseShare: 0.05,
      buyers: Math.max(20, Math.floor(o.parcels / 5)),
    });
    // Built and signed before the chaos starts, so a retry sends the very same bytes.
    const built = traffic.map(messagesOf) as Record<Kind, string>[];
    const total = traffic.length * KINDS.length;
    const sender = new RetryingSender(base, sessions, 180_000);
    const feeds = Object.fromEntries(
      ROLES.map((r) => [r, new LiveFeed(base, sessions[r].key.secret)]),
    ) as Record<Role, LiveFeed>;

    const started = performance.now();
    let sending = true;
    let downtime = 0;
    let killsUnderLoad = 0;
    let dbRestarts = 0;
    let forcedRestarts = 0;

    // The followers read every feed all through the run, crashes included.
    const following = (async () => {
      while (sending) {
        const got = await Promise.all(ROLES.map((r) => feeds[r].poll()));
        // A few reads a second per feed: well within a key's request budget (apps/server/src/http/rate-limit.ts).
        if (got.every((n) => n <= 0)) await sleep(got.some((n) => n < 0) ? 250 : 100);
      }
    })();

    // Chaos: the server is killed when the acknowledged messages pass random fractions of the run (plus up to
    // 40 ms), so kills fall anywhere in a batch's life — parsing, inside the transaction, during COMMIT,
    // between COMMIT and the answer. PostgreSQL is restarted with a fast shutdown at its own random moments.
    const events = [
      ...moments(o.kills).map((at) => ({ at, what: 'kill' as const })),
      ...(pg ? moments(o.dbRestarts).map((at) => ({ at, what: 'db' as const })) : []),
    ].sort((a, b) => a.at - b.at);
    // Some restarts are killed too, at a random moment of their start-up.
    const startupKillAt = new Set(
      [...Array(o.kills).keys()].sort(() => Math.random() - 0.5).slice(0, o.startupKills),
    );
    let killsDuringStartup = 0;
    const chaos = (async () => {
      for (const event of events) {
        while (sending && sender.acks.length < event.at * total) await sleep(2);
        if (!sending) return;
        await sleep(Math.random() * 40);
        const down = performance.now();
        if (event.what === 'kill') {
          await server.kill();
          if (startupKillAt.has(killsUnderLoad)) {
            server.launch();
            await sleep(200 + Math.random() * 2300);
            await server.kill();
            killsDuringStartup++;
          }
          killsUnderLoad++;
          await server.start();
        } else if (pg) {
          const before = server.processes().length;
          await restartPostgres(pg, 300 + Math.random() * 1200);
          dbRestarts++;
          const recovered = await waitForHealth(server.url, server.child as ChildProcess, 30).then(
            () => undefined,
            (error: Error) => error.message,
          );
          const after = server.processes().length;
          if (recovered !== undefined || after < before) {
            const exits = server.unexpectedExits.splice(0);
            incidents.push({
              what: `the server did not survive a PostgreSQL fast shutdown: ${recovered ?? 'healthy'}, ${before} server processes before, ${after} after`,
              evidence: exits.map((e) => `${e.what}\n${e.evidence}`).join('\n') || server.errorsSinceStart(),
            });
            await server.kill();
            forcedRestarts++;
            await server.start();
          }
        }
        downtime += performance.now() - down;
        o.log(
          `${o.engine}: ${event.what === 'kill' ? `SIGKILL #${killsUnderLoad}` : `PostgreSQL fast restart #${dbRestarts}`} at ${sender.acks.length}/${total} acknowledged, back after ${Math.round(performance.now() - down)} ms`,
        );
      }
    })();

    let next = 0;
    const failures: string[] = [];
    await Promise.all(
      Array.from({ length: Math.max(1, o.concurrency) }, async () => {
        for (let i = next++; i < traffic.length; i = next++) {
          const parcel = traffic[i] as GeneratedParcel;
          const messages = built[i] as Record<Kind, string>;
          try {
            for (const kind of parcel.order) await sender.deliver(kind, parcel.spec.orderNo, messages[kind]);
          } catch (error) {
            failures.push((error as Error).message);
          }
        }
      }),
    );
    const sendSeconds = (performance.now() - started) / 1000;
    // Every parcel's decision reaches the agent's feed (or the wait ends).
    const deadline = Date.now() + 60_000;
    while (
      Date.now() < deadline &&
      !traffic.every((t) => isDecision(feeds.agent.latest.get(t.spec.copNo)?.status))
    )
      await sleep(50);
    sending = false;
    await Promise.all([following, chaos]);
    for (const f of failures) incidents.push({ what: 'a message was never acknowledged', evidence: f });
    for (const e of server.unexpectedExits) incidents.push(e);
    // The followers' last read, now that nothing is being written.
    for (const r of ROLES) while ((await feeds[r].poll()) !== 0);

    // Every enterprise's feed read again from the beginning, as a client that lost its cursor would.
    const senderCodes = Object.fromEntries(ROLES.map((r) => [r, sessions[r].party.code])) as Record<
      Role,
      string
    >;
    const replayFeed: CrashRun['replayFeed'] = new Map();
    const latestReplay = new Map<string, { status: string }>();
    for (const r of ROLES) {
      const follower = new FeedFollower(base, sessions[r].key.secret);
      const seen: { id: number; messageType: string; returnStatus: string; copNo?: string }[] = [];
      for (;;) {
        const page = await follower.page();
        if (page.receipts.length === 0) break;
        for (const x of page.receipts) {
          const copNo = /<copNo>([^<]*)<\/copNo>/.exec(x.xml)?.[1];
          seen.push({
            id: Number(x.cursor.split(':')[1]),
            messageType: x.messageType,
            returnStatus: x.returnStatus,
            ...(copNo ? { copNo } : {}),
          });
          if (r === 'agent' && x.messageType === 'CEB622Message' && copNo)
            latestReplay.set(copNo, { status: x.returnStatus });
        }
      }
      replayFeed.set(senderCodes[r], seen);
    }
    const liveFeed = new Map(ROLES.map((r) => [senderCodes[r], feeds[r].ids]));

    // The server leaves the way it came in: killed (a PGlite directory is then opened by the checks).
    await server.kill();
    const acks = sender.acks;
    const figures: CrashFigures = {
      engine: o.engine,
      parcels: traffic.length,
      messages: total,
      acknowledged: acks.length,
      replayedAcks: acks.filter((a) => a.replayed).length,
      retries: sender.retries,
      networkErrors: sender.networkErrors,
      errorAnswers: sender.errorAnswers,
      killsUnderLoad,
      killsDuringStartup,
      serverStarts: server.starts,
      dbRestarts,
      forcedRestarts,
      downtimeSeconds: Math.round(downtime / 100) / 10,
      restartSeconds: Math.round(server.restartMs / 100) / 10,
      killSeconds: Math.round(server.killMs / 100) / 10,
      seconds: Math.round(sendSeconds * 10) / 10,
      workers,
    };
    return {
      figures,
      incidents,
      traffic,
      built,
      acks,
      orderPrefix: traffic[0]?.spec.orderNo.slice(0, 10) ?? '',
      liveFeed,
      replayFeed,
      latestReplay,
      latestLive: feeds.agent.latest,
      senderCodes,
      serverLog: logPath,
      openDatabase: () => createDb(databaseUrl ? { databaseUrl, poolSize: 2 } : { dataDir }),
      cleanup,
    };
  } catch (error) {
    const tail = server.errorsSinceStart();
    await cleanup();
    throw new Error(`${(error as Error).message}${tail ? `\nserver log: ${tail}` : ''}`);
  }
}

/** A verdict of one rule: what was checked (rows), and each violation with its evidence. */
export interface Verdict {
  rows: number;
  violations: string[];
}

const verdict = (): Verdict => ({ rows: 0, violations: [] });
const note = (v: Verdict, line: string) => {
  if (v.violations.length < 50) v.violations.push(line);
  else if (v.violations.length === 50) v.violations.push('… more');
};

/** Every acknowledged message stored exactly once, with the answer the client was given; nothing else stored. */
export async function checkMessages(db: DbHandle, run: CrashRun): Promise<Verdict> {
  const v = verdict();
  const rows = await sql<{ code: string; content_hash: string; receipt_xml: string; n: string }>`
    SELECT o.code, m.content_hash, min(m.receipt_xml) AS receipt_xml, count(*)::text AS n
    FROM ceb_messages m JOIN organisations o ON o.id = m.org_id
    GROUP BY o.code, m.content_hash`.execute(db.db);
  const stored = new Map(rows.rows.map((r) => [`${r.code}:${r.content_hash}`, r]));
  const acked = new Set<string>();
  for (const a of run.acks) {
    const key = `${run.senderCodes[a.role]}:${a.contentHash}`;
    acked.add(key);
    v.rows++;
    const row = stored.get(key);
    if (!row) note(v, `acknowledged but not stored: ${a.kind} of ${a.orderNo} (hash ${a.contentHash})`);
    else if (row.n !== '1') note(v, `stored ${row.n} times: ${a.kind} of ${a.orderNo}`);
    else if (row.receipt_xml !== a.receiptXml)
      note(v, `the stored answer differs from the one given: ${a.kind} of ${a.orderNo}`);
  }
  if (acked.size !== run.figures.messages)
    note(v, `${acked.size} distinct messages acknowledged for ${run.figures.messages} sent`);
  for (const key of stored.keys())
    if (!acked.has(key)) note(v, `stored but never acknowledged to its sender (a retry stopped?): ${key}`);
  return v;
}

/** Each parcel's four documents stored once (bench check), and no business key twice. */
export async function checkDocuments(
  db: DbHandle,
  run: CrashRun,
): Promise<Verdict & { perKind: Record<string, number> }> {
  const stored = await checkStoredParcels(db, run.orderPrefix, run.traffic.length);
  const perKind = stored.checks.documentsPerKind;
  return {
    rows: Object.values(perKind).reduce((s, n) => s + n, 0),
    violations: stored.failures,
    perKind,
  };
}

/**
 * The statuses a document may move through (docs/api/ceb-gateway.md "Statuses after acceptance"; spec 202205
 * table 7-2 for the negative codes): from nothing to its first status, then from each status to the next.
 */
const FIRST = (s: string) => s === '1' || s === '2' || s.startsWith('-');
const NEXT: Record<string, string[]> = {
  '1': ['2', '100'],
  '2': ['120', '100', '800', '500'],
  '120': ['800', '500', '100', '300', '399', '899'],
  '300': ['399', '500', '800', '100'],
  '500': ['399', '800', '100', '700', ...Array.from({ length: 99 }, (_, i) => String(501 + i))],
  '399': ['800', '100'],
  '800': ['899', '399'],
};
const allowed = (from: string | undefined, to: string) =>
  from === undefined
    ? FIRST(to)
    : (NEXT[from]?.includes(to) ?? false) ||
      (/^5\d\d$/.test(from) && ['399', '800', '100', '700'].includes(to)) ||
      // refused when cleared: the code sent to the enterprise (−621005, −621018 …), the document 100
      (from === '2' && to.startsWith('-')) ||
      // a document refused at acceptance and declared again (appType 1 with the same key) starts over
      (from.startsWith('-') && FIRST(to)) ||
      (from === '100' && FIRST(to));

/**
 * The status an event log leaves a document in: its last event's, except that a refusal after acceptance
 * (e.g. −621005 over the single-transaction limit, checked when the inventory is cleared) is recorded with the
 * code the enterprise was sent while the document itself is 退单 100 (clear-inventory.ts `refuse`).
 */
function implied(steps: string[]): string | undefined {
  const last = steps.at(-1);
  return last?.startsWith('-') && steps.length > 1 && !steps.at(-2)?.startsWith('-') ? '100' : last;
}

/** Each document's status is what the last event of its log says; the log moves only along allowed steps. */
export async function checkEventLog(
  db: DbHandle,
): Promise<Verdict & { events: number; paths: Record<string, number> }> {
  const v = verdict();
  const rows = await sql<{
    doc_type: string;
    business_key: string;
    status: string;
    path: string | null;
    n: string;
  }>`
    SELECT d.doc_type, d.business_key, d.status,
      (SELECT string_agg(e.status, '>' ORDER BY e.id) FROM document_events e WHERE e.document_id = d.id) AS path,
      (SELECT count(*) FROM document_events e WHERE e.document_id = d.id)::text AS n
    FROM import_documents d`.execute(db.db);
  const paths: Record<string, number> = {};
  let events = 0;
  for (const r of rows.rows) {
    v.rows++;
    events += Number(r.n);
    const steps = r.path ? r.path.split('>') : [];
    const shape = `${r.doc_type}: ${steps.join('>')}`;
    paths[shape] = (paths[shape] ?? 0) + 1;
    if (steps.length === 0) {
      note(v, `${r.doc_type} ${r.business_key} (status ${r.status}) has no event`);
      continue;
    }
    if (implied(steps) !== r.status)
      note(
        v,
        `${r.doc_type} ${r.business_key}: status ${r.status}, its event log implies ${implied(steps)} (${steps.join('>')})`,
      );
    steps.forEach((to, i) => {
      const from = i === 0 ? undefined : steps[i - 1];
      if (!allowed(from, to))
        note(
          v,
          `${r.doc_type} ${r.business_key}: step ${from ?? '∅'}→${to} is not a transition (${steps.join('>')})`,
        );
    });
  }
  return { ...v, events, paths };
}

/** Statuses at which an inventory's dutiable value is counted against its buyer's quota. */
const COUNTED = (s: string) => ['120', '300', '399', '500', '800', '899'].includes(s) || /^5\d\d$/.test(s);

/** Dutiable value of an inventory message as the client sent it: its lines' totalPrice + freight + insuredFee. */
function dutiableCents(inventoryXml: string): number {
  const cents = (v: string) => Math.round(Number(v) * 100);
  const lines = [...inventoryXml.matchAll(/<ceb:totalPrice>([^<]*)</g)].reduce(
    (s, m) => s + cents(m[1] ?? '0'),
    0,
  );
  const freight = cents(/<ceb:freight>([^<]*)</.exec(inventoryXml)?.[1] ?? '0');
  const insured = cents(/<ceb:insuredFee>([^<]*)</.exec(inventoryXml)?.[1] ?? '0');
  return lines + freight + insured;
}

/**
 * Buyer quotas (财关税〔2018〕49号 annual limit): `used` equals the sum of the buyer's counted, unrestored quota
 * entries, and equals the dutiable values — computed from the messages the clients sent — of the buyer's
 * inventories that customs accepted. A retry counted twice, or a count lost with a crash, shows here.
 */
export async function checkQuotas(db: DbHandle, run: CrashRun): Promise<Verdict & { counted: number }> {
  const v = verdict();
  const inventories = await sql<{
    order_no: string;
    status: string;
    buyer_key: string;
    year: number | null;
    amount: string | null;
    restored: string | null;
  }>`
    SELECT d.order_no, d.status, c.buyer_key, e.year, e.amount::text AS amount, e.restored::text AS restored
    FROM import_documents d
    JOIN inventory_clearance c ON c.document_id = d.id
    LEFT JOIN quota_entries e ON e.document_id = d.id
    WHERE d.doc_type = 'inventory' AND d.order_no LIKE ${`${run.orderPrefix}%`}`.execute(db.db);
  const quotas = await sql<{ buyer_key: string; year: number; used: string; entries: string }>`
    SELECT q.buyer_key, q.year, q.used::text AS used,
      (SELECT COALESCE(sum(e.amount - e.restored), 0) FROM quota_entries e
        WHERE e.buyer_key = q.buyer_key AND e.year = q.year)::text AS entries
    FROM buyer_quotas q`.execute(db.db);
  const inventoryOf = new Map(
    run.traffic.map((t, i) => [t.spec.orderNo, (run.built[i] as Record<Kind, string>).inventory]),
  );
  const expected = new Map<string, number>();
  let counted = 0;
  for (const r of inventories.rows) {
    v.rows++;
    const xml = inventoryOf.get(r.order_no);
    if (!xml) {
      note(v, `inventory of an unknown parcel ${r.order_no}`);
      continue;
    }
    const open =
      r.amount === null ? 0 : Math.round(Number(r.amount) * 100) - Math.round(Number(r.restored) * 100);
    if (COUNTED(r.status)) {
      counted++;
      const cents = dutiableCents(xml);
      expected.set(r.buyer_key, (expected.get(r.buyer_key) ?? 0) + cents);
      if (open !== cents)
        note(
          v,
          `inventory of ${r.order_no} (status ${r.status}): quota entry ${open / 100}, dutiable value ${cents / 100}`,
        );
    } else if (open !== 0) {
      note(v, `inventory of ${r.order_no} (status ${r.status}) not accepted, yet ${open / 100} counted`);
    }
  }
  for (const q of quotas.rows) {
    v.rows++;
    const used = Math.round(Number(q.used) * 100);
    if (used !== Math.round(Number(q.entries) * 100))
      note(v, `buyer ${q.buyer_key.slice(0, 12)}… ${q.year}: used ${q.used}, entries sum to ${q.entries}`);
    if (used !== (expected.get(q.buyer_key) ?? 0))
      note(
        v,
        `buyer ${q.buyer_key.slice(0, 12)}… ${q.year}: used ${q.used}, counted inventories ${(expected.get(q.buyer_key) ?? 0) / 100}`,
      );
    expected.delete(q.buyer_key);
  }
  for (const [key, cents] of expected)
    if (cents !== 0)
      note(v, `buyer ${key.slice(0, 12)}…: ${cents / 100} counted by inventories but no quota row`);
  return { ...v, counted };
}

/**
 * The receipts outbox as the pull feed shows it: read from cursor 0:0 after the run, every receipt of every
 * sender is there exactly once; so is every one the live followers were given across the crashes; and every
 * parcel's last CEB622 in the feed says what its inventory's stored status is.
 */
export async function checkReceipts(db: DbHandle, run: CrashRun): Promise<Verdict & { receipts: number }> {
  const v = verdict();
  const rows = await sql<{ id: string; code: string }>`
    SELECT r.id::text AS id, o.code FROM receipts r JOIN organisations o ON o.id = r.org_id`.execute(db.db);
  const perOrg = new Map<string, Set<number>>();
  for (const r of rows.rows) {
    const ids = perOrg.get(r.code) ?? new Set<number>();
    ids.add(Number(r.id));
    perOrg.set(r.code, ids);
  }
  const senders = new Set(Object.values(run.senderCodes));
  for (const code of perOrg.keys())
    if (!senders.has(code)) note(v, `receipts for ${code}, whose feed the test does not read`);
  for (const [label, feeds] of [
    ['from cursor 0:0', new Map([...run.replayFeed].map(([c, xs]) => [c, xs.map((x) => x.id)]))],
    ['live, across the crashes', run.liveFeed],
  ] as const) {
    for (const [code, ids] of feeds) {
      const table = perOrg.get(code) ?? new Set<number>();
      const seen = new Map<number, number>();
      for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
      for (const [id, n] of seen)
        if (n > 1) note(v, `feed ${label} of ${code}: receipt ${id} read ${n} times`);
      for (const id of table) {
        v.rows++;
        if (!seen.has(id)) note(v, `feed ${label} of ${code}: receipt ${id} never read`);
      }
      for (const id of seen.keys())
        if (!table.has(id)) note(v, `feed ${label} of ${code}: receipt ${id} not in the outbox`);
    }
  }
  const copNoOf = new Map(run.traffic.map((t) => [t.spec.orderNo, t.spec.copNo]));
  const inventories = await sql<{ order_no: string; status: string }>`
    SELECT order_no, status FROM import_documents
    WHERE doc_type = 'inventory' AND order_no LIKE ${`${run.orderPrefix}%`}`.execute(db.db);
  for (const inv of inventories.rows) {
    const last = run.latestReplay.get(copNoOf.get(inv.order_no) ?? '')?.status;
    if (last !== inv.status && !(last?.startsWith('-') && inv.status === '100'))
      note(
        v,
        `parcel ${inv.order_no}: inventory status ${inv.status}, last CEB622 in the feed ${last ?? 'none'}`,
      );
  }
  return { ...v, receipts: rows.rows.length };
}

/** Where every parcel ended, as the bench's correctness check judges it (cleared, or refused for its reason). */
export function checkFinalStatuses(run: CrashRun): Verdict & { byStatus: Record<string, number> } {
  const v = verdict();
  for (const [label, latest] of [
    ['feed from 0:0', run.latestReplay],
    ['live feed', run.latestLive],
  ] as const) {
    const judged = judge(run.traffic, latest);
    v.rows += run.traffic.length;
    for (const u of judged.unexpected)
      note(v, `${label}: parcel ${u.orderNo} expected ${u.expected}, ended ${u.actual}`);
    if (judged.refusedAsExpected !== judged.expectedRefused)
      note(v, `${label}: ${judged.refusedAsExpected} of ${judged.expectedRefused} refusals as expected`);
  }
  return { ...v, byStatus: judge(run.traffic, run.latestReplay).byStatus };
}
