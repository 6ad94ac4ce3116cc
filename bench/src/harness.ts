import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, sql, type DbHandle } from '@crossgate/db';
import { fetchRetrying, signIn } from '@crossgate/cli/load';
import { createDatabaseOn, startThrowawayPostgres } from '../../test/support/postgres.ts';
import { runBaseline } from './baseline.ts';
import { PROGRESS_PREFIX, type LoadOptions, type LoadReport } from './load.ts';
import { treeUsage } from './proc.ts';
import { round } from './stats.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');

export interface BenchOptions {
  db: 'postgres' | 'pglite';
  parcels: number;
  concurrency: number;
  rate: number;
  /** Serving processes (PostgreSQL only). */
  workers: number;
  seed: number;
  /** Use this PostgreSQL server (a superuser URL) instead of starting a throwaway one. */
  databaseUrl?: string | undefined;
  /** Skip the baseline (the smoke run in npm test). */
  baseline: boolean;
  /** Write bench/results/*.json and .md. */
  write: boolean;
  /** Write V8 CPU profiles of every server process into this directory (`node --cpu-prof`). */
  cpuProfileDir?: string | undefined;
  /** Block the load process this long after building its messages (tests the path of a long build). */
  blockAfterBuildSeconds?: number | undefined;
  log: (line: string) => void;
  /** The load process's progress per step (building and signing, sending, waiting for decisions). */
  progress?: ((step: string, done: number, total: number) => void) | undefined;
}

export interface BenchResult {
  ok: boolean;
  failures: string[];
  machine: { cpus: number; model: string; memoryGiB: number; node: string };
  options: Omit<BenchOptions, 'log' | 'databaseUrl'>;
  load: LoadReport;
  server: { cpuSeconds: number; peakRssMiB: number };
  database: { cpuSeconds: number; peakRssMiB: number } | null;
  checks: { documentsPerKind: Record<string, number>; duplicateKeys: number; quotaMismatches: number };
  baseline: { messages: number; seconds: number; messagesPerSecond: number } | null;
  pipelineOverBaseline: number | null;
  at: string;
}

/** Waits until the server answers /health with 200 (its database included); fails if it exits first. */
export async function waitForHealth(url: string, server: ChildProcess, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become healthy');
}

/**
 * The address a server started with `--port 0` (and `logs`, so its stdout is read) announces in its banner: the
 * port the system picked, so no guessed port can collide with another run's. Fails if the server exits first.
 */
export function announcedUrl(server: ChildProcess, seconds: number): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => done(new Error('server printed no banner')), seconds * 1000);
    const onData = (d: Buffer) => {
      out = (out + d.toString()).slice(-8000);
      const port = /is running at http:\/\/localhost:(\d+)/.exec(out)?.[1];
      if (port) done(undefined, `http://127.0.0.1:${port}`);
    };
    const onExit = (code: number | null) => done(new Error(`server exited with ${code}`));
    const done = (error?: Error, url?: string) => {
      clearTimeout(timer);
      server.stdout?.off('data', onData);
      server.off('exit', onExit);
      // Keep draining its output, so a chatty server never blocks on a full pipe.
      server.stdout?.resume();
      if (error) reject(error);
      else resolveUrl(url as string);
    };
    server.stdout?.on('data', onData);
    server.once('exit', onExit);
  });
}

/** How the benchmark starts the server: `crossgate start` in its production configuration, as a child process. */
export interface ServerProcessOptions {
  port: number;
  workers: number;
  /** PostgreSQL; when absent the server opens the PGlite directory `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  cpuProfileDir?: string | undefined;
  /** Its own process group (the caller can signal the primary and its workers together). */
  detached?: boolean;
  /** Pipe the server's log (stdout) instead of discarding it. */
  logs?: boolean;
  /**
   * The demo is loaded on first start (`--demo`) with this password for every demo user (CROSSGATE_DEMO_PASSWORD),
   * so the load can sign in as them. A fresh one per run: see demoPasswordForRun.
   */
  demoPassword: string;
}

/** A random password for the demo users of one run (decision 0022: no install has a known password). */
export const demoPasswordForRun = () => `Run-${randomBytes(12).toString('base64url')}`;

export function spawnServer(o: ServerProcessOptions): ChildProcess {
  return spawn(
    process.execPath,
    [
      ...(o.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(o.cpuProfileDir)}`] : []),
      join(ROOT, 'apps/cli/bin/crossgate.js'),
      'start',
      '--demo',
      '--port',
      String(o.port),
      '--workers',
      String(o.workers),
    ],
    {
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        DATABASE_URL: o.databaseUrl ?? '',
        CROSSGATE_DATA_DIR: o.dataDir,
        CROSSGATE_DEMO_PASSWORD: o.demoPassword,
        // The load sends every message of a role with one API key, faster than the production budget of a key
        // (CROSSGATE_RATE_GATEWAY_PER_MIN, 6,000 a minute): a budget it never reaches, the limiter still counting.
        CROSSGATE_RATE_GATEWAY_PER_MIN: process.env.CROSSGATE_RATE_GATEWAY_PER_MIN ?? '100000000',
        // … and so is the enterprise's budget across its keys (CROSSGATE_RATE_ORG_PER_MIN, 12,000 a minute).
        CROSSGATE_RATE_ORG_PER_MIN: process.env.CROSSGATE_RATE_ORG_PER_MIN ?? '100000000',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', o.logs ? 'pipe' : 'ignore', 'pipe'],
      detached: o.detached === true,
    },
  );
}

/** No random inspection, at any credit level: every parcel that passes the rules is released (no officer waits). */
export async function disableSampling(url: string, password: string): Promise<void> {
  const zone = await signIn(url, 'zone', password);
  // Both set a value: safe to send again if a connection fails (fetchRetrying).
  const patched = await fetchRetrying(
    `${url}/api/v1/zone`,
    {
      method: 'PATCH',
      headers: { cookie: zone.cookie, 'x-csrf-token': zone.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ inspectionSamplingRate: '0' }),
    },
    true,
  );
  if (!patched.ok) throw new Error(`could not set the sampling rate: ${await patched.text()}`);
  // … at any credit level either (credit-based facilitation would otherwise sample by the seller's level).
  const levels = await fetchRetrying(`${url}/api/v1/credit/sampling-rates`, {
    method: 'PUT',
    headers: { cookie: zone.cookie, 'x-csrf-token': zone.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ A: '0', B: '0', C: '0', D: '0' }),
  });
  if (!levels.ok) throw new Error(`could not set the credit sampling table: ${await levels.text()}`);
}

/**
 * The run's parcels as stored: each of the four documents once per parcel (no business key twice), and every
 * buyer quota equal to the sum of its counted, unrestored quota entries.
 */
export async function checkStoredParcels(
  db: DbHandle,
  orderPrefix: string,
  parcels: number,
): Promise<{ checks: BenchResult['checks']; failures: string[] }> {
  const failures: string[] = [];
  const kinds = await sql<{ doc_type: string; n: string; keys: string }>`
    SELECT doc_type, count(*)::text AS n, count(DISTINCT business_key)::text AS keys FROM import_documents
    WHERE order_no LIKE ${`${orderPrefix}%`} GROUP BY doc_type`.execute(db.db);
  const documentsPerKind = Object.fromEntries(kinds.rows.map((r) => [r.doc_type, Number(r.n)]));
  const duplicateKeys = kinds.rows.reduce((s, r) => s + Number(r.n) - Number(r.keys), 0);
  const mismatches = await sql<{ n: string }>`
    SELECT count(*)::text AS n FROM buyer_quotas q
    WHERE q.used <> (SELECT COALESCE(sum(e.amount - e.restored), 0) FROM quota_entries e WHERE e.buyer_key = q.buyer_key AND e.year = q.year)`.execute(
    db.db,
  );
  const checks = { documentsPerKind, duplicateKeys, quotaMismatches: Number(mismatches.rows[0]?.n ?? 0) };
  for (const kind of ['order', 'payment', 'waybill', 'inventory']) {
    if (documentsPerKind[kind] !== parcels)
      failures.push(`${documentsPerKind[kind] ?? 0} ${kind} documents stored for ${parcels} parcels`);
  }
  if (duplicateKeys > 0) failures.push(`${duplicateKeys} documents stored twice`);
  if (checks.quotaMismatches > 0)
    failures.push(`${checks.quotaMismatches} buyer quotas differ from their counted inventories`);
  return { checks, failures };
}

/**
 * One benchmark run: a throwaway PostgreSQL (or an embedded PGlite directory), the server in its production
 * configuration, a separate load process, a correctness check on the database, resource use of server and
 * database, and the no-rules baseline. A run that fails the check reports failure whatever its speed.
 */
export async function runBenchmark(o: BenchOptions): Promise<BenchResult> {
  const failures: string[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'crossgate-bench-'));
  const throwaway = o.db === 'postgres' && !o.databaseUrl ? await startThrowawayPostgres() : undefined;
  const admin = o.databaseUrl ?? throwaway?.socketUrl;
  const databaseUrl =
    o.db === 'postgres' && admin
      ? await createDatabaseOn(admin, `crossgate_bench_${Date.now().toString(36)}`)
      : undefined;
  const dataDir = join(tmp, 'db');
  const demoPassword = demoPasswordForRun();
  // Port 0: the system picks a free port, which the banner names (read from its stdout: logs).
  const server = spawnServer({
    demoPassword,
    port: 0,
    logs: true,
    workers: o.db === 'postgres' ? o.workers : 1,
    databaseUrl,
    dataDir,
    cpuProfileDir: o.cpuProfileDir,
  });
  let serverErr = '';
  server.stderr?.on('data', (d: Buffer) => (serverErr = (serverErr + d.toString()).slice(-4000)));
  const pgPid = throwaway
    ? Number(readFileSync(join(throwaway.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
    : undefined;
  try {
    const url = await announcedUrl(server, 180);
    o.log(`server: ${o.db}${o.db === 'postgres' ? `, ${o.workers} worker process(es)` : ''} on ${url}`);
    await waitForHealth(url, server, 180);
    // The benchmark measures clearance: no random inspection (parcels would wait for an officer).
    await disableSampling(url, demoPassword);

    const serverBefore = treeUsage(server.pid as number);
    const dbBefore = pgPid ? treeUsage(pgPid) : undefined;
    const loadOptions: LoadOptions = {
      url,
      parcels: o.parcels,
      concurrency: o.concurrency,
      rate: o.rate,
      seed: o.seed,
      refuseShare: 0.05,
      buyers: Math.max(50, Math.floor(o.parcels / 5)),
      password: demoPassword,
      waitSeconds: 120,
      ...(o.blockAfterBuildSeconds ? { blockAfterBuildSeconds: o.blockAfterBuildSeconds } : {}),
    };
    o.log(
      `load: ${o.parcels} parcels, ${o.rate > 0 ? `offered ${o.rate}/s` : `concurrency ${o.concurrency}`}`,
    );
    const load = await runLoadProcess(loadOptions, o);
    const serverAfter = treeUsage(server.pid as number);
    const dbAfter = pgPid ? treeUsage(pgPid) : undefined;

    if (load.errors.length > 0) failures.push(`${load.errors.length}+ send errors, e.g. ${load.errors[0]}`);
    if (load.unexpected.length > 0)
      failures.push(
        `${load.unexpected.length} parcels did not end as expected, e.g. ${JSON.stringify(load.unexpected[0])}`,
      );

    // Correctness on the database itself.
    if (o.db === 'pglite') {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    const db = await createDb(databaseUrl ? { databaseUrl } : { dataDir });
    let checks: BenchResult['checks'];
    try {
      const stored = await checkStoredParcels(db, load.orderPrefix, o.parcels);
      checks = stored.checks;
      failures.push(...stored.failures);
    } finally {
      await db.close();
    }

    let baseline: BenchResult['baseline'] = null;
    if (o.baseline) {
      o.log('baseline: parse + bulk insert, no rules');
      const base = await createDb(databaseUrl ? { databaseUrl } : { dataDir: join(tmp, 'baseline') });
      try {
        baseline = await runBaseline(base, o.parcels, o.seed);
      } finally {
        await base.close();
      }
    }
    const cpu = cpus();
    const result: BenchResult = {
      ok: failures.length === 0,
      failures,
      machine: {
        cpus: cpu.length,
        model: cpu[0]?.model ?? '',
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      options: {
        db: o.db,
        parcels: o.parcels,
        concurrency: o.concurrency,
        rate: o.rate,
        workers: o.workers,
        seed: o.seed,
        baseline: o.baseline,
        write: o.write,
      },
      load,
      server: {
        cpuSeconds: round(serverAfter.cpuSeconds - serverBefore.cpuSeconds, 1) ?? 0,
        peakRssMiB: round(serverAfter.peakRssMiB, 0) ?? 0,
      },
      database:
        dbAfter && dbBefore
          ? {
              cpuSeconds: round(dbAfter.cpuSeconds - dbBefore.cpuSeconds, 1) ?? 0,
              peakRssMiB: round(dbAfter.peakRssMiB, 0) ?? 0,
            }
          : null,
      checks,
      baseline: baseline
        ? {
            messages: baseline.messages,
            seconds: round(baseline.seconds, 2) ?? 0,
            messagesPerSecond: round(baseline.messagesPerSecond) ?? 0,
          }
        : null,
      pipelineOverBaseline: baseline ? round(load.messagesPerSecond / baseline.messagesPerSecond, 3) : null,
      at: new Date().toISOString(),
    };
    if (o.write) writeResults(result);
    return result;
  } catch (error) {
    throw new Error(`${(error as Error).message}${serverErr ? `\nserver stderr: ${serverErr}` : ''}`);
  } finally {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    throwaway?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Runs the load process (bench/src/load.ts) as a child and waits for it without blocking the harness: its
 * stderr is read as it comes — progress lines go to `o.progress`, anything else to `o.log` — and its report
 * is the last line of its stdout.
 */
async function runLoadProcess(
  options: LoadOptions,
  o: Pick<BenchOptions, 'log' | 'progress'>,
): Promise<LoadReport> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench/src/load.ts'), JSON.stringify(options)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let tail = '';
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    const lines = (partial + d).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith(PROGRESS_PREFIX)) {
        const [step = '', done = '0', total = '0'] = line.slice(PROGRESS_PREFIX.length).split('\t');
        o.progress?.(step, Number(done), Number(total));
      } else {
        tail = `${tail}${line}\n`.slice(-4000);
        o.log(`load: ${line}`);
      }
    }
  });
  const code = await new Promise<number | null>((resolveExit, reject) => {
    child.once('error', reject);
    child.once('close', resolveExit);
  });
  if (code !== 0) throw new Error(`load process failed (exit ${code}): ${(tail + partial).slice(-2000)}`);
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as LoadReport;
}

export function markdown(r: BenchResult): string {
  const row = (k: string, v: unknown) => `| ${k} | ${v ?? '—'} |`;
  return [
    `## ${r.options.db} — ${r.options.parcels} parcels — ${r.ok ? 'PASS' : 'FAIL'}`,
    '',
    `${r.at} · ${r.machine.cpus} × ${r.machine.model} · ${r.machine.memoryGiB} GiB · Node ${r.machine.node}`,
    '',
    '| figure | value |',
    '|---|---|',
    row('parcels/s reaching a final state', r.load.parcelsPerSecond),
    row('inbound messages/s', r.load.messagesPerSecond),
    row('ack latency p50 / p99 (ms)', `${r.load.ackP50Ms} / ${r.load.ackP99Ms}`),
    row('inventory ack → release receipt p50 / p99 (ms)', `${r.load.releaseP50Ms} / ${r.load.releaseP99Ms}`),
    row('server CPU s / peak RSS MiB', `${r.server.cpuSeconds} / ${r.server.peakRssMiB}`),
    row(
      'database CPU s / peak RSS MiB',
      r.database ? `${r.database.cpuSeconds} / ${r.database.peakRssMiB}` : 'in-process (PGlite)',
    ),
    row(
      'database statements per parcel / per message',
      r.load.statements
        ? `${r.load.statements.perParcel} / ${r.load.statements.perMessage} (${r.load.statements.total} in all: ${Object.entries(
            r.load.statements.byKind,
          )
            .map(([k, v]) => `${k} ${v}`)
            .join(
              ', ',
            )}; feed polls taken out: ${r.load.statements.feedPolls} × ${r.load.statements.perPoll})`
        : undefined,
    ),
    row(
      'server CPU per message outside the database (µs)',
      Object.keys(r.load.stagesMicrosPerMessage ?? {}).length > 0
        ? Object.entries(r.load.stagesMicrosPerMessage)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')
        : undefined,
    ),
    row('baseline messages/s (parse + bulk insert)', r.baseline?.messagesPerSecond),
    row('pipeline / baseline', r.pipelineOverBaseline),
    row(
      'final statuses',
      Object.entries(r.load.byStatus)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', '),
    ),
    row(
      'refused on purpose / for the stated reason',
      `${r.load.expectedRefused} / ${r.load.refusedAsExpected}`,
    ),
    row(
      'correctness',
      r.ok
        ? 'every parcel as expected, no document twice, quotas = counted inventories'
        : r.failures.join('; '),
    ),
    row(
      'options',
      `concurrency ${r.options.concurrency}, rate ${r.options.rate || 'closed loop'}, workers ${r.options.workers}, seed ${r.options.seed}`,
    ),
    '',
  ].join('\n');
}

function writeResults(r: BenchResult) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = r.at.replace(/[:.]/g, '-');
  writeFileSync(join(RESULTS_DIR, `${stamp}-${r.options.db}.json`), `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(join(RESULTS_DIR, `${stamp}-${r.options.db}.md`), markdown(r));
}
