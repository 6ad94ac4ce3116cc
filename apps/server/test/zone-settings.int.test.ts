import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildImportParcel, type ParcelSpec } from '@crossgate/ceb';
import { ENGINES } from '../../../test/support/engines.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import {
  gatewayFor,
  importInventoryOf,
  PARTIES,
  parcelSpec,
  PERFUME,
  sendImport,
  type Gateway,
} from './support/import-kit.ts';
import { startPlatform, type Platform } from './support/platform.ts';

/**
 * The zone office's random inspection rate (PATCH /api/v1/zone) decides the very next parcel in every process
 * that clears parcels (`crossgate start --workers N`), not after a cache expires (decision 0030). Two app
 * instances on one database stand for two serving processes: the rate is changed through the first and the
 * parcels are declared through the second. Every draw is 0.5: a rate of 100% sends it to inspection (500),
 * a rate of 0% releases it (800) — chooseChannel inspects when the draw is below the rate.
 */
describe.each(ENGINES)('zone settings apply at once in every process on %s', (engine) => {
  let p: Platform;
  let other: FastifyInstance;
  let g: Gateway;
  let viaOther: Gateway;
  let zone: string;
  beforeAll(async () => {
    p = await startPlatform(engine, {}, { draw: () => 0.5 });
    other = await buildApp({
      config: { ...loadConfig({}), signaturePolicy: 'optional' },
      database: p.database,
      logger: false,
      draw: () => 0.5,
    });
    await other.ready();
    g = await gatewayFor(p);
    viaOther = {
      keys: g.keys,
      post: (role, xml) =>
        other.inject({
          method: 'POST',
          url: '/ceb/messages',
          headers: { authorization: `Bearer ${g.keys[role]}`, 'content-type': 'application/xml' },
          payload: xml,
        }),
    };
    zone = await p.login('zone');
  });
  afterAll(async () => {
    await other?.close();
    await p?.close();
  });

  const setRate = async (inspectionSamplingRate: string) => {
    const res = await p.app.inject({
      method: 'PATCH',
      url: '/api/v1/zone',
      headers: { cookie: zone },
      payload: { inspectionSamplingRate },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** Declares a parcel through the gateway given; the inventory's status and the sampling reason recorded. */
  const declare = async (through: Gateway, overrides: Partial<ParcelSpec> = {}) => {
    const spec = parcelSpec(overrides);
    for (const res of await sendImport(through, buildImportParcel(spec)))
      expect(res.statusCode, res.body).toBe(200);
    const inventory = await importInventoryOf(p, spec.orderNo);
    const clearance = await p.database.db
      .selectFrom('inventory_clearance')
      .select('channel')
      .where('document_id', '=', inventory.id)
      .executeTakeFirstOrThrow();
    const channel = (
      typeof clearance.channel === 'string' ? JSON.parse(clearance.channel) : clearance.channel
    ) as { sampling?: { zh: string } };
    return { status: inventory.status, sampling: channel.sampling?.zh };
  };

  it('sends the next parcel to inspection once the rate is 100%, and releases the next once it is 0%, in the other process too', async () => {
    // Both processes have cleared a parcel at the starting rate (a cached rate would now be warm in each).
    await setRate('0');
    expect((await declare(viaOther)).status).toBe('800');
    expect((await declare(g)).status).toBe('800');

    await setRate('1');
    const inspected = await declare(viaOther);
    expect(inspected.status).toBe('500');
    expect(inspected.sampling).toBe('无信用等级，适用综试区随机抽查比例100%');
    expect((await declare(g)).status).toBe('500');

    await setRate('0');
    const released = await declare(viaOther);
    expect(released.status).toBe('800');
    expect(released.sampling).toBe('无信用等级，适用综试区随机抽查比例0%');
    expect((await declare(g)).status).toBe('800');
  });

  it('applies a change of the credit-level sampling table to the next parcel of a rated seller in the other process', async () => {
    // The second demo seller (no parcel cleared yet, so no process has its level cached) gets credit level A;
    // the zone office's table then decides its rate, not the zone rate. A level change itself may take ten
    // seconds to be seen in another process; a change of the table must not.
    await setRate('0');
    const seller = await p.database.db
      .selectFrom('organisations')
      .select('id')
      .where('code', '=', PARTIES.seller2.code)
      .executeTakeFirstOrThrow();
    await p.database.db
      .insertInto('credit_scores')
      .values({
        id: randomUUID(),
        org_id: seller.id,
        score: '95',
        level: 'A',
        formula_version: 'test',
        as_of: new Date().toISOString().slice(0, 10),
        components: '{}',
        computed_at: new Date(),
      })
      .execute();
    const setTable = async (A: string) => {
      const res = await p.app.inject({
        method: 'PUT',
        url: '/api/v1/credit/sampling-rates',
        headers: { cookie: zone },
        payload: { A, B: '1', C: '1', D: '1' },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    const rated = { items: [PERFUME], seller: PARTIES.seller2 };
    await setTable('0');
    expect((await declare(viaOther, rated)).status).toBe('800');
    await setTable('1');
    const inspected = await declare(viaOther, rated);
    expect(inspected.status).toBe('500');
    expect(inspected.sampling).toBe('信用等级A，随机抽查比例100%');
  });
});
