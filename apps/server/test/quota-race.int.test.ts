import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createDb, migrate, type DbHandle, type Engine } from '@crossgate/db';
import type { ParcelMessages } from '@crossgate/ceb';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { newKeyring, serializeKeyring } from '../src/security/pii.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { seedReference } from '../src/seed/reference.ts';
import { seedZone } from '../src/seed/zone.ts';
import { systemContext } from '../src/services/context.ts';
import { ENGINES } from '../../../test/support/engines.ts';
import { createDatabaseOn } from '../../../test/support/postgres.ts';
import {
  buyer,
  gatewayFor,
  IMPORT_SENDER,
  MILK,
  parcel,
  statuses,
  type Gateway,
} from './support/import-kit.ts';
import { DEMO_PASSWORD, type Platform } from './support/platform.ts';

/**
 * The annual limit of 26,000 CNY per buyer (财关税〔2018〕49号 §1: 年度交易限值调整为人民币26000元) under real
 * contention. On PostgreSQL two app instances — two buildApp on the same database, each with its own connection
 * pool (application_name crossgate-race-a / -b) and group commit with 4 transactions in flight — take the
 * inventories of one buyer at the same moment, half each. PGlite has one connection per process and cannot be
 * opened twice, so there the same rounds run on one instance (they still check the arithmetic and the refusals).
 *
 * Every figure below is worked out by hand from the limit, not by the product:
 * - "topped-up" rounds: one parcel of 2,500.00 first, then eight of 4,000.00 at once:
 *   2,500 + 5 × 4,000 = 22,500 ≤ 26,000 and 22,500 + 4,000 = 26,500 > 26,000 → 5 accepted, 3 refused (−621018).
 * - "fresh" rounds: the buyer has no quota row yet (the first INSERT races too), eight of 4,000.00 at once:
 *   6 × 4,000 = 24,000 ≤ 26,000 and 28,000 > 26,000 → 6 accepted, 2 refused.
 */
const ROUNDS = 20;
const RACERS = 8;
const TOPPED = { accepted: 5, refused: 3, used: '22500.00' };
const FRESH = { accepted: 6, refused: 2, used: '24000.00' };

const ringJson = serializeKeyring(newKeyring('k1'));

interface Instance {
  app: FastifyInstance;
  database: DbHandle;
}

/** The database, migrated and seeded once; its URL on PostgreSQL (undefined on PGlite). */
async function preparedDatabase(engine: Engine): Promise<{ first: DbHandle; url?: string }> {
  let url: string | undefined;
  let first: DbHandle;
  if (engine === 'pglite') first = await createDb({ dataDir: 'memory://' });
  else {
    url = await createDatabaseOn(inject('postgresUrl'), `crossgate_test_${randomBytes(6).toString('hex')}`);
    first = await createDb({ databaseUrl: named(url, 'a'), poolSize: 5 });
  }
  await migrate(first);
  const ctx = systemContext();
  const quiet = () => {};
  await seedReference(first.db, ctx, quiet);
  await seedZone(first.db, ctx);
  await seedDemo(first.db, ctx, quiet, { password: DEMO_PASSWORD });
  return url ? { first, url } : { first };
}

const named = (url: string, instance: string) => {
  const u = new URL(url);
  u.searchParams.set('application_name', `crossgate-race-${instance}`);
  return u.toString();
};

async function startInstance(database: DbHandle): Promise<Instance> {
  // Group commit on (the default 64 per transaction) with 4 transactions in flight per instance.
  const config = {
    ...loadConfig({}),
    signaturePolicy: 'optional' as const,
    piiKeys: ringJson,
    batchParallel: 4,
  };
  const app = await buildApp({ config, database, logger: false, draw: () => 0.999 });
  await app.ready();
  return { app, database };
}

/** What pg_stat_activity showed while a round was in flight. */
interface Evidence {
  /** Samples in which both instances had a transaction open at once. */
  overlapping: number;
}

describe.each(ENGINES)('buyer quota under concurrent inventories (%s)', (engine) => {
  let a: Instance;
  let b: Instance;
  let gA: Gateway;
  let gB: Gateway;
  let monitor: pg.Client | undefined;
  let gate: pg.Client | undefined;

  beforeAll(async () => {
    const { first, url } = await preparedDatabase(engine);
    a = await startInstance(first);
    // The second instance: its own pool on the same database (PGlite: the same instance again).
    b = url ? await startInstance(await createDb({ databaseUrl: named(url, 'b'), poolSize: 5 })) : a;
    gA = await gatewayFor(a as unknown as Platform);
    // The API keys are rows of the shared database: instance B authenticates the same keys.
    gB = {
      keys: gA.keys,
      post: (role, xml) =>
        b.app.inject({
          method: 'POST',
          url: '/ceb/messages',
          headers: { authorization: `Bearer ${gA.keys[role]}`, 'content-type': 'application/xml' },
          payload: xml,
        }),
    };
    if (url) {
      monitor = new pg.Client({ connectionString: named(url, 'monitor') });
      gate = new pg.Client({ connectionString: named(url, 'gate') });
      await monitor.connect();
      await gate.connect();
    }
  });
  afterAll(async () => {
    await monitor?.end();
    await gate?.end();
    if (b && b !== a) {
      await b.app.close();
      await b.database.close();
    }
    if (a) {
      await a.app.close();
      await a.database.close();
    }
  });

  const orderNoOf = (m: ParcelMessages) => /<ceb:orderNo>([^<]+)</.exec(m.order)?.[1] as string;
  const inventoryOf = (m: ParcelMessages) =>
    a.database.db
      .selectFrom('import_documents')
      .select(['id', 'status'])
      .where('doc_type', '=', 'inventory')
      .where('order_no', '=', orderNoOf(m))
      .executeTakeFirstOrThrow();
  const lastReceipt = async (documentId: string) =>
    (
      await a.database.db
        .selectFrom('receipts')
        .select('return_status')
        .where('document_id', '=', documentId)
        .orderBy('id', 'desc')
        .executeTakeFirst()
    )?.return_status;

  const sendAll = async (g: Gateway, m: ParcelMessages, kinds: (keyof ParcelMessages)[]) => {
    for (const kind of kinds) {
      const res = await g.post(IMPORT_SENDER[kind], m[kind]);
      expect(statuses(res.body), `${kind} ${orderNoOf(m)}`).toEqual(['2']);
    }
  };

  /** Samples pg_stat_activity until `done` settles. */
  async function watch(done: Promise<unknown>): Promise<Evidence> {
    const evidence: Evidence = { overlapping: 0 };
    if (!monitor) return evidence;
    let finished = false;
    void done.finally(() => (finished = true));
    while (!finished) {
      const { rows } = await monitor.query<{ app: string; open: number }>(
        `SELECT application_name AS app,
                count(*) FILTER (WHERE xact_start IS NOT NULL AND state <> 'idle')::int AS open
           FROM pg_stat_activity
          WHERE datname = current_database() AND application_name IN ('crossgate-race-a', 'crossgate-race-b')
          GROUP BY application_name`,
      );
      const open = rows.filter((r) => r.open > 0).length;
      if (open === 2) evidence.overlapping++;
      await new Promise((r) => setImmediate(r));
    }
    return evidence;
  }

  /**
   * Holds the buyer's quota row (SELECT … FOR UPDATE from a third connection) until transactions of BOTH
   * instances are seen waiting for it in pg_stat_activity, then lets them go: proof that the inventories were
   * in flight together, contending for the same row, not committed one after another.
   */
  async function gateUntilBothWait(buyerKey: string, year: number): Promise<() => Promise<number>> {
    const g = gate as pg.Client;
    await g.query('BEGIN');
    await g.query('SELECT used FROM buyer_quotas WHERE buyer_key = $1 AND year = $2 FOR UPDATE', [
      buyerKey,
      year,
    ]);
    return async () => {
      const deadline = Date.now() + 30_000;
      let waiters: { app: string; n: number }[] = [];
      try {
        while (Date.now() < deadline) {
          waiters = (
            await (monitor as pg.Client).query<{ app: string; n: number }>(
              `SELECT application_name AS app, count(*)::int AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event <> 'advisory'
                  AND application_name IN ('crossgate-race-a', 'crossgate-race-b')
                GROUP BY application_name`,
            )
          ).rows;
          if (waiters.length === 2) break;
          await new Promise((r) => setTimeout(r, 5));
        }
      } finally {
        await g.query('COMMIT');
      }
      expect(waiters.map((w) => w.app).sort(), 'both instances wait on the quota row').toEqual([
        'crossgate-race-a',
        'crossgate-race-b',
      ]);
      return waiters.reduce((s, w) => s + w.n, 0);
    };
  }

  it(`lets exactly as many inventories through as 26,000 allows, ${ROUNDS} rounds of ${RACERS} sent at once to two instances (财关税〔2018〕49号)`, async () => {
    const year = new Date().getFullYear(); // the declaration year the quota is counted in
    let overlappingRounds = 0;
    let gatedWaiters = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const topped = round % 2 === 0;
      const expected = topped ? TOPPED : FRESH;
      const person = buyer(); // a new buyer each round
      const racers = Array.from({ length: RACERS }, () =>
        parcel({ buyer: person, items: [{ ...MILK, qty: '10', qty1: '9', price: '400.00' }], freight: '0' }),
      );
      let buyerKey: string | undefined;
      if (topped) {
        const first = parcel({
          buyer: person,
          items: [{ ...MILK, qty: '5', qty1: '4.5', price: '500.00' }],
          freight: '0',
        });
        await sendAll(gA, first, ['order', 'payment', 'waybill', 'inventory']);
        const counted = await a.database.db
          .selectFrom('quota_entries')
          .select(['buyer_key', 'amount'])
          .where('document_id', '=', (await inventoryOf(first)).id)
          .executeTakeFirstOrThrow();
        expect(counted.amount).toBe('2500.00');
        buyerKey = counted.buyer_key;
      }
      // The supporting documents first (any instance), then the eight inventories at once, half to each.
      await Promise.all(racers.map((m, i) => sendAll(i % 2 ? gB : gA, m, ['order', 'payment', 'waybill'])));
      const release = gate && buyerKey ? await gateUntilBothWait(buyerKey, year) : undefined;
      const sent = Promise.all(racers.map((m, i) => (i % 2 ? gB : gA).post('agent', m.inventory)));
      const [answers, evidence, waiters] = await Promise.all([sent, watch(sent), release?.()]);
      for (const res of answers) expect(statuses(res.body)).toEqual(['2']);
      if (!topped && evidence.overlapping > 0) overlappingRounds++; // free-running rounds
      gatedWaiters += waiters ?? 0;

      const finals = await Promise.all(racers.map(inventoryOf));
      const accepted = finals.filter((f) => f.status === '800');
      const refused = finals.filter((f) => f.status === '100');
      expect(
        { round, accepted: accepted.length, refused: refused.length },
        `round ${round} (${topped ? 'topped-up' : 'fresh'})`,
      ).toEqual({ round, accepted: expected.accepted, refused: expected.refused });
      for (const f of refused) expect(await lastReceipt(f.id)).toBe('-621018');

      // The database agrees: one quota row for the buyer, holding exactly the accepted amounts.
      const entries = await a.database.db
        .selectFrom('quota_entries')
        .select(['document_id', 'buyer_key', 'amount', 'restored'])
        .where(
          'document_id',
          'in',
          finals.map((f) => f.id),
        )
        .execute();
      expect(entries.map((e) => e.document_id).sort()).toEqual(accepted.map((f) => f.id).sort());
      expect(entries.every((e) => e.amount === '4000.00' && Number(e.restored) === 0)).toBe(true);
      const keys = [...new Set(entries.map((e) => e.buyer_key))];
      expect(keys).toHaveLength(1);
      const quota = await a.database.db
        .selectFrom('buyer_quotas')
        .select('used')
        .where('buyer_key', '=', keys[0] as string)
        .where('year', '=', year)
        .executeTakeFirstOrThrow();
      expect(Number(quota.used).toFixed(2), `round ${round} used`).toBe(expected.used);
    }
    if (engine === 'postgres') {
      // Honesty of the race: in every gated round transactions of both instances waited on the row at once
      // (asserted in gateUntilBothWait); in the free-running rounds too, both had transactions open together
      // (seen in all 10 of 10 on a loaded 2-core machine; asserted for at least one, so sampling luck cannot fail it).
      expect(gatedWaiters).toBeGreaterThanOrEqual(2 * (ROUNDS / 2));
      expect(overlappingRounds).toBeGreaterThan(0);
    }
  }, 300_000);
});
