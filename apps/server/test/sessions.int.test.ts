import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TCreatedApiKey, TError } from '@crossgate/contract';
import { ENGINES } from '../../../test/support/engines.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createApiKey } from '../src/services/api-keys.ts';
import { systemContext } from '../src/services/context.ts';
import { orgIdOf, signIn, withoutRateLimits, type Browser } from './support/access-kit.ts';
import {
  gatewayFor,
  importInventoryOf,
  parcelSpec,
  sendImport,
  uniqueId,
  PARTIES,
} from './support/import-kit.ts';
import { buildImportParcel } from '@crossgate/ceb';
import { DEMO_PASSWORD, json, startPlatform, type Platform } from './support/platform.ts';

/**
 * Sessions, CSRF and API keys (issue 8, decision 0015): the cookies' flags, the double-submit CSRF token on
 * cookie-authenticated writes, expiry and logout on the server, API keys kept only as hashes, revoked at once,
 * and never able to manage users or keys or to make customs decisions.
 */

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const product = () => ({
  itemNo: `S-${uniqueId()}`.slice(0, 32),
  nameZh: '会话测试奶粉',
  hsCode: '1901101000',
  originCountry: '609',
  unit: '122',
  price: '199.90',
  currency: '142',
});

describe.each(ENGINES)('sessions, CSRF and API keys on %s', (engine) => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform(engine, withoutRateLimits());
  }, 180_000);
  afterAll(() => p?.close());

  const login = (username = 'seller') => signIn(p.app, username, DEMO_PASSWORD);
  const productCount = async () =>
    Number(
      (
        await p.database.db
          .selectFrom('products')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('cookies', () => {
    it('sets the session cookie HttpOnly and SameSite=Strict, and the CSRF cookie script-readable and SameSite=Strict, for the session’s lifetime', async () => {
      const before = Date.now();
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'seller', password: DEMO_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const session = res.cookies.find((c) => c.name === 'cg_session');
      const csrf = res.cookies.find((c) => c.name === 'cg_csrf');
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(csrf).toMatchObject({ sameSite: 'Strict', path: '/' });
      expect(csrf?.httpOnly).toBeFalsy();
      // Plain HTTP without CROSSGATE_COOKIE_SECURE: not Secure (the browser would drop it).
      expect(session?.secure).toBeFalsy();
      expect(csrf?.secure).toBeFalsy();
      // Both end with the session (CROSSGATE_SESSION_TTL_HOURS, 8 by default).
      const expires = (session?.expires as Date).getTime();
      expect(expires).toBeGreaterThanOrEqual(before + 8 * 3_600_000 - 1000);
      expect(expires).toBeLessThanOrEqual(Date.now() + 8 * 3_600_000 + 1000);
      expect((csrf?.expires as Date).getTime()).toBe(expires);
      expect(csrf?.value).not.toBe(session?.value);
    });

    describe('Secure', () => {
      const appWith = async (overrides: { cookieSecure: boolean; trustProxy: boolean }) => {
        const app = await buildApp({
          config: { ...loadConfig({}), ...withoutRateLimits(), ...overrides },
          database: p.database,
          logger: false,
        });
        await app.ready();
        return app;
      };
      const flags = async (app: FastifyInstance, headers: Record<string, string> = {}) => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers,
          payload: { username: 'seller', password: DEMO_PASSWORD },
        });
        expect(res.statusCode).toBe(200);
        return res.cookies
          .filter((c) => c.name === 'cg_session' || c.name === 'cg_csrf')
          .map((c) => `${c.name}:${c.secure ? 'Secure' : 'plain'}`);
      };

      it('marks both cookies Secure when CROSSGATE_COOKIE_SECURE is set (TLS ends at a proxy)', async () => {
        const app = await appWith({ cookieSecure: true, trustProxy: false });
        try {
          expect(await flags(app)).toEqual(['cg_session:Secure', 'cg_csrf:Secure']);
        } finally {
          await app.close();
        }
      });

      it('marks both cookies Secure when the request came over https, and not over http', async () => {
        const app = await appWith({ cookieSecure: false, trustProxy: true });
        try {
          expect(await flags(app, { 'x-forwarded-proto': 'https' })).toEqual([
            'cg_session:Secure',
            'cg_csrf:Secure',
          ]);
          expect(await flags(app, { 'x-forwarded-proto': 'http' })).toEqual([
            'cg_session:plain',
            'cg_csrf:plain',
          ]);
        } finally {
          await app.close();
        }
      });
    });
  });

  describe('CSRF (double-submit cookie bound to the session)', () => {
    let seller: Browser;
    beforeAll(async () => {
      seller = await login();
    });

    const post = (headers: Record<string, string>) =>
      p.app.inject({ method: 'POST', url: '/api/v1/products', headers, payload: product() });

    it('refuses a cookie-authenticated write without x-csrf-token with 403 naming the header, and writes nothing', async () => {
      const count = await productCount();
      const res = await post({ cookie: seller.cookie });
      expect(res.statusCode).toBe(403);
      const body = json<TError>(res);
      expect(body.code).toBe('FORBIDDEN');
      expect(body.details[0]).toMatchObject({ field: 'x-csrf-token', actual: '(missing)' });
      expect(await productCount()).toBe(count);
    });

    it('refuses a wrong token, and writes nothing', async () => {
      const count = await productCount();
      const res = await post({ cookie: seller.cookie, 'x-csrf-token': 'x'.repeat(seller.csrf.length) });
      expect(res.statusCode).toBe(403);
      expect(json<TError>(res).details[0]).toMatchObject({
        field: 'x-csrf-token',
        actual: '(does not match)',
      });
      expect(await productCount()).toBe(count);
    });

    it('refuses a header that only repeats a planted cookie: the token must be the one issued with this session', async () => {
      const count = await productCount();
      const planted = 'planted-by-a-sibling-subdomain';
      const res = await post({
        cookie: `cg_session=${seller.session}; cg_csrf=${planted}`,
        'x-csrf-token': planted,
      });
      expect(res.statusCode).toBe(403);
      // Another session's token pair does not fit either.
      const other = await login('seller');
      const crossed = await post({
        cookie: `cg_session=${seller.session}; cg_csrf=${other.csrf}`,
        'x-csrf-token': other.csrf,
      });
      expect(crossed.statusCode).toBe(403);
      expect(await productCount()).toBe(count);
    });

    it('refuses PUT, PATCH and DELETE without the token too', async () => {
      const created = json<{ id: string }>(await post(seller.headers('POST')));
      const attempts = [
        { method: 'PATCH' as const, url: `/api/v1/products/${created.id}`, payload: { price: '1.00' } },
        { method: 'DELETE' as const, url: `/api/v1/products/${created.id}` },
        {
          method: 'PUT' as const,
          url: '/api/v1/credit/sampling-rates',
          payload: { A: '0', B: '0', C: '0', D: '0' },
        },
      ];
      for (const a of attempts) {
        const res = await p.app.inject({ ...a, headers: { cookie: seller.cookie } });
        expect(res.statusCode, `${a.method} ${a.url}`).toBe(403);
        expect(json<TError>(res).details[0]?.field).toBe('x-csrf-token');
      }
      const row = await p.database.db
        .selectFrom('products')
        .select('price')
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      expect(Number(row.price)).toBeCloseTo(199.9);
    });

    it('lets the web app’s write through when the header repeats the cookie', async () => {
      const count = await productCount();
      const res = await post(seller.headers('POST'));
      expect(res.statusCode, res.body).toBe(201);
      expect(await productCount()).toBe(count + 1);
    });

    it('keeps refusing cookie writes from another origin, token or not', async () => {
      const res = await post({ ...seller.headers('POST'), origin: 'https://evil.example' });
      expect(res.statusCode).toBe(403);
      expect(json<TError>(res).details[0]?.field).toBe('Origin');
    });

    it('asks nothing of reads, nor of API-key requests (no cookie to ride on)', async () => {
      expect(
        (await p.app.inject({ url: '/api/v1/products', headers: { cookie: seller.cookie } })).statusCode,
      ).toBe(200);
      const key = await createApiKey({ db: p.database.db }, systemContext(), {
        name: 'ERP',
        orgId: await orgIdOf(p, PARTIES.seller.code),
      });
      const res = await post({ authorization: `Bearer ${key.secret}` });
      expect(res.statusCode, res.body).toBe(201);
    });
  });

  describe('session lifetime', () => {
    it('refuses an expired session with 401', async () => {
      const browser = await login();
      expect((await p.app.inject({ url: '/api/v1/auth/me', headers: browser.headers() })).statusCode).toBe(
        200,
      );
      await p.database.db
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('token_hash', '=', sha256(browser.session))
        .execute();
      const res = await p.app.inject({ url: '/api/v1/auth/me', headers: browser.headers() });
      expect(res.statusCode).toBe(401);
      expect(json<TError>(res).code).toBe('UNAUTHENTICATED');
    });

    it('revokes the session on the server at logout: the old cookie no longer works, and both cookies are cleared', async () => {
      const browser = await login();
      const refused = await p.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { cookie: browser.cookie },
      });
      expect(refused.statusCode, 'a forged logout needs the token too').toBe(403);
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: browser.headers('POST'),
      });
      expect(res.statusCode).toBe(204);
      const cleared = res.cookies.filter(
        (c) => c.value === '' && (c.expires as Date).getTime() <= Date.now(),
      );
      expect(cleared.map((c) => c.name).sort()).toEqual(['cg_csrf', 'cg_session']);
      const row = await p.database.db
        .selectFrom('sessions')
        .select('revoked_at')
        .where('token_hash', '=', sha256(browser.session))
        .executeTakeFirstOrThrow();
      expect(row.revoked_at).not.toBeNull();
      // A client that kept the old cookie (or a thief who copied it) is signed out too.
      expect((await p.app.inject({ url: '/api/v1/auth/me', headers: browser.headers() })).statusCode).toBe(
        401,
      );
      expect(
        (
          await p.app.inject({
            method: 'POST',
            url: '/api/v1/products',
            headers: browser.headers('POST'),
            payload: product(),
          })
        ).statusCode,
      ).toBe(401);
    });

    it('keeps only hashes of session tokens', async () => {
      const browser = await login();
      const rows = await p.database.db.selectFrom('sessions').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(browser.session);
      expect(rows.map((r) => r.token_hash)).toContain(sha256(browser.session));
    });
  });

  describe('API keys', () => {
    let admin: Browser;
    let key: TCreatedApiKey;
    beforeAll(async () => {
      admin = await login();
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: admin.headers('POST'),
        payload: { name: 'ERP 申报接口' },
      });
      expect(res.statusCode, res.body).toBe(201);
      key = json<TCreatedApiKey>(res);
    });
    const bearer = (k: string) => ({ authorization: `Bearer ${k}` });

    it('stores API keys only as SHA-256 hashes of their secret', async () => {
      const rows = await p.database.db.selectFrom('api_keys').selectAll().execute();
      const secret = key.secret.split('_').slice(2).join('_');
      expect(secret).toHaveLength(43);
      expect(JSON.stringify(rows)).not.toContain(secret);
      const row = rows.find((r) => r.id === key.id);
      expect(row?.secret_hash).toBe(sha256(secret));
      expect(row?.prefix).toBe(key.secret.split('_')[1]);
    });

    it('cannot manage users, keys, signing keys or webhooks (403), whatever the body', async () => {
      const attempts = [
        { method: 'GET' as const, url: '/api/v1/users' },
        {
          method: 'POST' as const,
          url: '/api/v1/users',
          payload: {
            username: `k${uniqueId().toLowerCase()}`,
            displayName: 'x',
            password: 'Api-Key-2026-x',
            roles: ['admin'],
          },
        },
        { method: 'GET' as const, url: '/api/v1/api-keys' },
        { method: 'POST' as const, url: '/api/v1/api-keys', payload: { name: 'another' } },
        { method: 'DELETE' as const, url: `/api/v1/api-keys/${key.id}` },
        { method: 'GET' as const, url: '/api/v1/signing-keys' },
        {
          method: 'POST' as const,
          url: '/api/v1/webhooks',
          payload: { url: 'https://erp.example.com/hook' },
        },
        { method: 'GET' as const, url: '/api/v1/audit' },
      ];
      for (const a of attempts) {
        const res = await p.app.inject({ ...a, headers: bearer(key.secret) });
        expect(res.statusCode, `${a.method} ${a.url}: ${res.body}`).toBe(403);
      }
      // Nothing was made or revoked.
      expect((await p.app.inject({ url: '/api/v1/auth/me', headers: bearer(key.secret) })).statusCode).toBe(
        200,
      );
    });

    it('cannot make customs decisions, and no API key can be issued to customs or act for it', async () => {
      const g = await gatewayFor(p);
      const spec = parcelSpec();
      await sendImport(g, buildImportParcel(spec));
      const inventory = await importInventoryOf(p, spec.orderNo);
      const decide = (headers: Record<string, string>) =>
        p.app.inject({
          method: 'POST',
          url: `/api/v1/import/inventories/${inventory.id}/decision`,
          headers,
          payload: { action: 'return', reason: '用 API 密钥处置' },
        });
      const res = await decide(bearer(key.secret));
      expect(res.statusCode).toBe(403);
      expect(json<TError>(res).details[0]).toMatchObject({ expected: 'customs_decision:update' });

      // Keys are issued to enterprises only, even by the system actor behind the CLI …
      const customsId = await orgIdOf(p, '4614');
      await expect(
        createApiKey({ db: p.database.db }, systemContext(), { name: 'customs robot', orgId: customsId }),
      ).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
      // … and a key row for customs, however it got into the table, authenticates nobody.
      const planted = `cg_${'c'.repeat(12)}_${'s'.repeat(43)}`;
      await p.database.db
        .insertInto('api_keys')
        .values({
          id: randomUUID(),
          org_id: customsId,
          name: 'planted',
          prefix: 'c'.repeat(12),
          secret_hash: sha256('s'.repeat(43)),
          created_at: new Date(),
        })
        .execute();
      expect((await decide(bearer(planted))).statusCode).toBe(401);
      const after = await p.database.db
        .selectFrom('import_documents')
        .select('status')
        .where('id', '=', inventory.id)
        .executeTakeFirstOrThrow();
      expect(after.status).toBe(inventory.status);
    });

    it('refuses a revoked key with 401 at once', async () => {
      const spare = json<TCreatedApiKey>(
        await p.app.inject({
          method: 'POST',
          url: '/api/v1/api-keys',
          headers: admin.headers('POST'),
          payload: { name: 'to revoke' },
        }),
      );
      // Used (and so cached as verified) before it is revoked.
      expect(
        (await p.app.inject({ url: '/api/v1/products', headers: bearer(spare.secret) })).statusCode,
      ).toBe(200);
      const revoked = await p.app.inject({
        method: 'DELETE',
        url: `/api/v1/api-keys/${spare.id}`,
        headers: admin.headers('DELETE'),
      });
      expect(revoked.statusCode, revoked.body).toBe(200);
      const res = await p.app.inject({ url: '/api/v1/products', headers: bearer(spare.secret) });
      expect(res.statusCode).toBe(401);
      expect(json<TError>(res).code).toBe('UNAUTHENTICATED');
      // The other key of the enterprise still works.
      expect((await p.app.inject({ url: '/api/v1/products', headers: bearer(key.secret) })).statusCode).toBe(
        200,
      );
    });

    it('refuses a key with the right prefix and a wrong secret', async () => {
      const [, prefix] = key.secret.split('_');
      const forged = `cg_${prefix}_${'A'.repeat(43)}`;
      expect((await p.app.inject({ url: '/api/v1/products', headers: bearer(forged) })).statusCode).toBe(401);
    });
  });
});
