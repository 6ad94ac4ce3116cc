/**
 * Crash safety under load (issue 8 "Hardening"). The real server binary serves clients that send import parcels
 * and retry every message whose answer they did not get; the server is SIGKILLed (primary and workers at once)
 * at random moments and restarted, and on PostgreSQL the database is stopped with a fast shutdown and started
 * again mid-run. Then the stored state is checked with SQL: acknowledged messages stored exactly once, document
 * statuses = their event logs, quotas = counted inventories, every receipt once in the pull feed, every parcel
 * where it should end. Helpers: test/support/crash.ts.
 *
 * CI size (in `npm test`): per engine 300 parcels, 5 SIGKILLs under load (one of the restarts is itself killed
 * during start-up), 1 PostgreSQL fast shutdown, 16 clients.
 * Longer on demand, e.g.:
 *
 *   CROSSGATE_CRASH_KILLS=50 CROSSGATE_CRASH_PARCELS=5000 \
 *     npx vitest run --project integration apps/server/test/crash.int.test.ts
 *
 * Other knobs: CROSSGATE_CRASH_DB_RESTARTS (PostgreSQL fast shutdowns, default 1), CROSSGATE_CRASH_STARTUP_KILLS
 * (restarts killed during start-up, default one in five kills, at least 1), CROSSGATE_CRASH_ENGINES
 * (comma list, default "postgres,pglite"), CROSSGATE_CRASH_CONCURRENCY (16), CROSSGATE_CRASH_WORKERS (server
 * processes on PostgreSQL, 2), CROSSGATE_CRASH_SEED (traffic seed, 8). Kill moments are random on every run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle, Engine } from '@crossgate/db';
import {
  checkDocuments,
  checkEventLog,
  checkFinalStatuses,
  checkMessages,
  checkQuotas,
  checkReceipts,
  endCrashScenarios,
  runCrashScenario,
  type CrashRun,
  type Verdict,
} from './support/crash.ts';

const int = (name: string, fallback: number, min = 1) => {
  const raw = process.env[name];
  const v = Number(raw);
  return raw !== undefined && raw !== '' && Number.isInteger(v) && v >= min ? v : fallback;
};
const PARCELS = int('CROSSGATE_CRASH_PARCELS', 300);
const KILLS = int('CROSSGATE_CRASH_KILLS', 5);
const DB_RESTARTS = int('CROSSGATE_CRASH_DB_RESTARTS', 1, 0);
const STARTUP_KILLS = Math.min(
  KILLS,
  int('CROSSGATE_CRASH_STARTUP_KILLS', Math.max(1, Math.floor(KILLS / 5)), 0),
);
const CONCURRENCY = int('CROSSGATE_CRASH_CONCURRENCY', 16);
const WORKERS = int('CROSSGATE_CRASH_WORKERS', 2);
const SEED = int('CROSSGATE_CRASH_SEED', 8);
const ENGINES = (process.env.CROSSGATE_CRASH_ENGINES ?? 'postgres,pglite')
  .split(',')
  .map((e) => e.trim())
  .filter((e): e is Engine => e === 'postgres' || e === 'pglite');
// Start-up after each kill takes a few seconds; the parcels a few milliseconds each.
const RUN_MS = 90_000 + PARCELS * 100 + (KILLS + DB_RESTARTS) * 20_000;

describe.each(ENGINES)('crash safety on %s', (engine) => {
  let run: CrashRun | undefined;
  let db: DbHandle | undefined;
  const verdicts: Record<string, Verdict> = {};
  let paths: Record<string, number> = {};
  const log = (line: string) => process.stdout.write(`[crash] ${line}\n`);

  beforeAll(async () => {
    run = await runCrashScenario({
      engine,
      parcels: PARCELS,
      kills: KILLS,
      dbRestarts: DB_RESTARTS,
      startupKills: STARTUP_KILLS,
      concurrency: CONCURRENCY,
      workers: WORKERS,
      seed: SEED,
      log,
    });
    const checking = performance.now();
    db = await run.openDatabase();
    verdicts.messages = await checkMessages(db, run);
    verdicts.documents = await checkDocuments(db, run);
    const events = await checkEventLog(db);
    verdicts.events = events;
    paths = events.paths;
    verdicts.quotas = await checkQuotas(db, run);
    verdicts.receipts = await checkReceipts(db, run);
    verdicts.statuses = checkFinalStatuses(run);
    log(`${engine}: stored state checked in ${((performance.now() - checking) / 1000).toFixed(1)} s`);
  }, RUN_MS);

  afterAll(async () => {
    if (run) {
      const f = run.figures;
      const rows = Object.values(verdicts).reduce((s, v) => s + v.rows, 0);
      log(
        `${engine}: ${f.killsUnderLoad} SIGKILLs under load and ${f.killsDuringStartup} during start-up survived, ` +
          `${f.dbRestarts} database fast restarts, ` +
          `${f.forcedRestarts} forced restarts; ${f.parcels} parcels, ${f.acknowledged} messages acknowledged ` +
          `(${f.replayedAcks} as replays), ${f.retries} retries (${f.networkErrors} lost answers, ` +
          `HTTP ${JSON.stringify(f.errorAnswers)}); ${f.serverStarts} server starts, ${f.downtimeSeconds} s down ` +
          `(${f.restartSeconds} s starting, ${f.killSeconds} s killing), ` +
          `${f.seconds} s sending; ${rows} rows verified ` +
          `(${Object.entries(verdicts)
            .map(([k, v]) => `${k} ${v.rows}`)
            .join(', ')})`,
      );
      log(
        `${engine}: event logs ${Object.entries(paths)
          .sort((a, b) => b[1] - a[1])
          .map(([p, n]) => `${p} ×${n}`)
          .join('; ')}`,
      );
      for (const i of run.incidents) log(`${engine} incident: ${i.what}\n${i.evidence}`);
    }
    await db?.close();
    // Also a run still going when its hook timed out: its server and database are ended here.
    await endCrashScenarios();
  }, 60_000);

  it('the server comes back after every SIGKILL and every PostgreSQL fast shutdown, and every message is answered', () => {
    expect(run?.incidents.map((i) => `${i.what}\n${i.evidence.slice(-1500)}`)).toEqual([]);
    expect(run?.figures.killsUnderLoad).toBeGreaterThanOrEqual(KILLS);
    expect(run?.figures.killsDuringStartup).toBe(STARTUP_KILLS);
    if (engine === 'postgres') expect(run?.figures.dbRestarts).toBe(DB_RESTARTS);
    expect(run?.figures.acknowledged).toBe(PARCELS * 4);
  });

  it('every acknowledged message is stored exactly once, with the very answer its sender was given', () => {
    expect(verdicts.messages?.violations).toEqual([]);
    expect(verdicts.messages?.rows).toBe(PARCELS * 4);
  });

  it("every parcel's four documents are stored once: no business key twice", () => {
    expect(verdicts.documents?.violations).toEqual([]);
  });

  it("every document's status is the last status of its event log, reached by allowed transitions", () => {
    expect(verdicts.events?.violations).toEqual([]);
    expect(verdicts.events?.rows).toBe(PARCELS * 4);
  });

  it('buyer quotas equal their entries and the dutiable values of the counted inventories (none lost, none twice)', () => {
    expect(verdicts.quotas?.violations).toEqual([]);
  });

  it("the pull feed gives every receipt exactly once (from 0:0, and live across the crashes); each parcel's last receipt is its inventory's status", () => {
    expect(verdicts.receipts?.violations).toEqual([]);
    expect(verdicts.receipts?.rows).toBeGreaterThan(PARCELS * 4);
  });

  it('every parcel ends where it is meant to: released, or refused for the reason built into it', () => {
    expect(verdicts.statuses?.violations).toEqual([]);
  });
});
