import { createHash, createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TParcel, TPersonalData } from '@crossgate/contract';
import { sql } from '@crossgate/db';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { keyring, newKeyring, personKey, serializeKeyring, type Keyring } from '../src/security/pii.ts';
import { rotatePersonalData, verifyKeyring } from '../src/services/personal-data.ts';
import { ENGINES } from '../../../test/support/engines.ts';
import { buyer, gatewayFor, parcel, sendImport, type Gateway } from './support/import-kit.ts';
import { DEMO_PASSWORD, json, startPlatform, type Platform } from './support/platform.ts';
import { tablesContaining } from './support/stored-text.ts';

// Distinctive values, so a search of every table's text finds them if they were stored in clear anywhere.
const ID_NUMBER = '41080219850707321X';
const PHONE = '13912345678';

/** Signs a demo user in: the Cookie header, plus the CSRF header when the platform issues a CSRF cookie. */
async function signIn(app: FastifyInstance, username: string): Promise<Record<string, string>> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const csrf = res.cookies.find((c) => c.name === 'cg_csrf')?.value;
  return {
    cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    ...(csrf ? { 'x-csrf-token': csrf } : {}),
  };
}

const keysJson = (ring: Keyring) => serializeKeyring(ring);

/**
 * A fixed hash key (bytes a0 … bf), so the buyer's lookup key is known in advance. Decision 0017 and pii.ts define
 * it as `p1:` + hex HMAC-SHA256 (RFC 2104) under the hash key of `crossgate-person-v1|<ID type>|<ID number,
 * upper case>`. The expected keys below were computed outside the product, with OpenSSL:
 *   printf '%s' 'crossgate-person-v1|1|41080219850707321X' |
 *     openssl dgst -sha256 -mac HMAC -macopt hexkey:a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf
 */
const HASH_KEY_HEX = 'a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf';
const KEY_OF_ID_NUMBER = 'p1:648046929760e3a9203ccc59841389f8354737037172ca4dd673ce0f7cc09c04';
const KEY_OF_LEGACY_ID = 'p1:2b37fb8b45401c31fb4703c2e6202e6c9727d431eb83c0a377dfb3e9e737e9a2';

describe.each(ENGINES)('personal data at rest and on display (%s)', (engine) => {
  let p: Platform;
  let g: Gateway;
  let inventoryId: string;
  const ring: Keyring = { ...newKeyring('k1'), hash: Buffer.from(HASH_KEY_HEX, 'hex') };

  beforeAll(async () => {
    p = await startPlatform(engine, { piiKeys: keysJson(ring) });
    g = await gatewayFor(p);
    const m = parcel({ buyer: { ...buyer(ID_NUMBER), telephone: PHONE } });
    const answers = await sendImport(g, m);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
    const inv = await p.database.db
      .selectFrom('import_documents')
      .select(['id', 'status'])
      .where('doc_type', '=', 'inventory')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(inv.status).toBe('800');
    inventoryId = inv.id;
  });
  afterAll(() => p?.close());

  it('stores no ID number or telephone in clear in any table (PIPL art. 51: encryption)', async () => {
    expect(await tablesContaining(p.database, ID_NUMBER)).toEqual([]);
    expect(await tablesContaining(p.database, PHONE)).toEqual([]);
    // …but the values are sealed, not dropped: the document body holds enc:v1 values under key k1.
    const row = await sql<{ v: string }>`
      SELECT body->>'buyerIdNumber' AS v FROM import_documents WHERE id = ${inventoryId}`.execute(
      p.database.db,
    );
    expect(row.rows[0]?.v).toMatch(/^enc:v1:k1:/);
  });

  it('looks buyers up by a keyed hash: the quota key is the HMAC under the hash key, not a plain SHA-256', async () => {
    // The literal agrees with the documented definition recomputed here with node:crypto (not personKey).
    expect(
      `p1:${createHmac('sha256', Buffer.from(HASH_KEY_HEX, 'hex')).update(`crossgate-person-v1|1|${ID_NUMBER}`).digest('hex')}`,
    ).toBe(KEY_OF_ID_NUMBER);
    const quotas = await p.database.db.selectFrom('buyer_quotas').select(['buyer_key', 'used']).execute();
    expect(quotas.map((q) => q.buyer_key)).toEqual([KEY_OF_ID_NUMBER]);
    const clearance = await p.database.db
      .selectFrom('inventory_clearance')
      .select('buyer_key')
      .where('document_id', '=', inventoryId)
      .executeTakeFirstOrThrow();
    expect(clearance.buyer_key).toBe(KEY_OF_ID_NUMBER);
    const unkeyed = createHash('sha256').update(`crossgate-buyer-v1|1|${ID_NUMBER}`).digest('hex');
    expect(await tablesContaining(p.database, unkeyed)).toEqual([]);
    // Under another hash key the same person has another key: the key is what finds them, not the number.
    expect(personKey('1', ID_NUMBER, newKeyring())).not.toBe(KEY_OF_ID_NUMBER);
  });

  it('shows the parcel with personal fields masked, to the enterprise and to customs alike', async () => {
    for (const user of ['agent', 'customs']) {
      const res = await p.app.inject({
        url: `/api/v1/import/inventories/${inventoryId}`,
        headers: await signIn(p.app, user),
      });
      expect(res.statusCode).toBe(200);
      const view = json<TParcel>(res);
      expect(view.inventory.body.buyerIdNumber).toBe('410802********321X');
      expect(view.order?.body.buyerTelephone).toBe('139****5678');
      expect(view.payment?.body.payerIdNumber).toBe('410802********321X');
      expect(view.order?.body.buyerName).toBe('张*');
      expect(res.body).not.toContain(ID_NUMBER);
      expect(res.body).not.toContain(PHONE);
    }
  });

  it('reveals the data in clear to a customs officer and records who viewed it, with the reason', async () => {
    const headers = await signIn(p.app, 'customs');
    const res = await p.app.inject({
      method: 'POST',
      url: `/api/v1/import/inventories/${inventoryId}/personal-data`,
      headers,
      payload: { reason: '核验订购人身份' },
    });
    expect(res.statusCode).toBe(200);
    const data = json<TPersonalData>(res);
    const inv = data.documents.find((d) => d.docType === 'inventory');
    expect(inv?.fields).toContainEqual({ field: 'buyerIdNumber', value: ID_NUMBER });
    expect(data.documents.find((d) => d.docType === 'payment')?.fields).toContainEqual({
      field: 'telephone',
      value: PHONE,
    });
    const audit = await p.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'personal_data.view')
      .where('target_id', '=', inventoryId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.after)).toContain('核验订购人身份');
    // Who: the demo customs officer (data/demo/jiaozuo.json: user `customs` of 焦作海关, customs code 4614),
    // signed in (a session), named by user and organisation.
    const who = await p.database.db
      .selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.org_id')
      .select(['users.id as userId', 'users.org_id as orgId', 'users.username', 'organisations.code'])
      .where('users.id', '=', audit[0]?.actor_user_id ?? '')
      .executeTakeFirstOrThrow();
    expect({ username: who.username, orgCode: who.code }).toEqual({ username: 'customs', orgCode: '4614' });
    expect(audit[0]?.actor_org_id).toBe(who.orgId);
    expect(audit[0]?.actor_via).toBe('session');
    expect(audit[0]?.actor_api_key_id).toBeNull();
  });

  it('refuses the data in clear to roles not entitled: inspection (403), another enterprise (404), an API key (403)', async () => {
    const url = `/api/v1/import/inventories/${inventoryId}/personal-data`;
    const payload = { reason: '查看' };
    const inspection = await p.app.inject({
      method: 'POST',
      url,
      headers: await signIn(p.app, 'inspection'),
      payload,
    });
    expect(inspection.statusCode).toBe(403);
    const stranger = await p.app.inject({
      method: 'POST',
      url,
      headers: await signIn(p.app, 'warehouse'),
      payload,
    });
    expect(stranger.statusCode).toBe(404);
    const machine = await p.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${g.keys.agent}` },
      payload,
    });
    expect(machine.statusCode).toBe(403);
    expect(`${inspection.body}${stranger.body}${machine.body}`).not.toContain(ID_NUMBER);
  });

  it('refuses to start with a key file that is not the one the data was sealed with', async () => {
    await expect(
      buildApp({
        config: { ...loadConfig({}), piiKeys: keysJson(newKeyring('k1')) },
        database: p.database,
        logger: false,
      }),
    ).rejects.toThrow(/key k1 is not the key this database was sealed with/);
    await expect(
      buildApp({
        config: { ...loadConfig({}), piiKeys: keysJson(newKeyring('k9')) },
        database: p.database,
        logger: false,
      }),
    ).rejects.toThrow(/key k1 is missing from the keyring/);
    // A lost key file is not silently replaced by a new one.
    const lost = join(tmpdir(), `crossgate-lost-${process.pid}-${engine}`, 'pii-keys.json');
    await expect(
      buildApp({
        config: { ...loadConfig({}), piiKeys: undefined, piiKeyFile: lost },
        database: p.database,
        logger: false,
      }),
    ).rejects.toThrow(/key file .* is missing, but this database holds data sealed/);
    expect(existsSync(lost)).toBe(false);
  });

  it('rotates: a new active key re-seals every value, the old key retires and can then be dropped', async () => {
    const rotated: Keyring = {
      active: 'k2',
      seal: new Map([...ring.seal, ['k2', newKeyring('k2').seal.get('k2') as Buffer]]),
      hash: ring.hash,
    };
    await verifyKeyring(p.database.db, rotated);
    const report = await rotatePersonalData(p.database.db, rotated);
    expect(report.documents).toBeGreaterThanOrEqual(4);
    expect(report.messages).toBeGreaterThanOrEqual(4);
    expect(report.retired).toEqual(['k1']);
    expect(report.remaining).toEqual({ k2: expect.any(Number) });
    // A server holding only k2 (k1 removed from the file) starts and reads the parcel.
    const onlyK2: Keyring = {
      active: 'k2',
      seal: new Map([['k2', rotated.seal.get('k2') as Buffer]]),
      hash: ring.hash,
    };
    const app = await buildApp({
      config: { ...loadConfig({}), piiKeys: keysJson(onlyK2) },
      database: p.database,
      logger: false,
    });
    try {
      expect(keyring().active).toBe('k2');
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/import/inventories/${inventoryId}/personal-data`,
        headers: await signIn(app, 'customs'),
        payload: { reason: '轮换后核验' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(ID_NUMBER);
    } finally {
      await app.close();
    }
  });

  it('seals data stored in clear by an earlier version and re-keys its unkeyed quota keys', async () => {
    const legacyKey = createHash('sha256').update('crossgate-buyer-v1|1|410802200001010011').digest('hex');
    const row = await p.database.db
      .selectFrom('import_documents')
      .select(['id', 'body'])
      .where('id', '=', inventoryId)
      .executeTakeFirstOrThrow();
    // Put the document back as an earlier version stored it: ID number in clear, unkeyed quota key.
    const clear = { ...(row.body as Record<string, string>), buyerIdNumber: '410802200001010011' };
    await sql`UPDATE import_documents SET body = ${JSON.stringify(clear)}::jsonb WHERE id = ${inventoryId}`.execute(
      p.database.db,
    );
    await sql`UPDATE inventory_clearance SET buyer_key = ${legacyKey} WHERE document_id = ${inventoryId}`.execute(
      p.database.db,
    );
    await sql`INSERT INTO buyer_quotas (buyer_key, year, used) VALUES (${legacyKey}, 2026, 12.34)`.execute(
      p.database.db,
    );
    const report = await rotatePersonalData(p.database.db, keyring());
    expect(report.documents).toBe(1);
    expect(report.personKeys).toBe(1);
    expect(await tablesContaining(p.database, '410802200001010011')).toEqual([]);
    expect(await tablesContaining(p.database, legacyKey)).toEqual([]);
    const quota = await p.database.db
      .selectFrom('buyer_quotas')
      .select('used')
      .where('buyer_key', '=', KEY_OF_LEGACY_ID)
      .executeTakeFirstOrThrow();
    expect(Number(quota.used)).toBeCloseTo(12.34);
  });
});
