import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TApiKey, TCreatedApiKey, TError, TPage, TProduct } from '@crossgate/contract';
import { ENGINES } from '../../../test/support/engines.ts';
import { DEMO_PASSWORD, json, startPlatform, type Platform } from './support/platform.ts';
import { demoLogins } from '../src/seed/demo.ts';

const newProduct = (itemNo: string) => ({
  itemNo,
  nameZh: '测试奶粉 800克',
  hsCode: '1901101000',
  originCountry: '609',
  unit: '122',
  price: '199.90',
  currency: '142',
});

describe.each(ENGINES)('platform API on %s', (engine) => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform(engine);
  });
  afterAll(async () => {
    await p?.close();
  });

  const auditOf = (targetId: string) =>
    p.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', targetId)
      .orderBy('id')
      .execute();

  describe('system', () => {
    it('reports health including the database', async () => {
      const res = await p.app.inject({ url: '/health' });
      expect(res.statusCode).toBe(200);
      expect(json(res)).toMatchObject({ status: 'ok', database: { engine, ok: true } });
    });

    it('publishes an OpenAPI 3.1 document listing the API', async () => {
      const doc = json<{
        openapi: string;
        paths: Record<string, unknown>;
        components: { schemas: Record<string, unknown> };
      }>(await p.app.inject({ url: '/docs/json' }));
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/auth/login',
          '/api/v1/products',
          '/api/v1/reference/tariff-rates/lookup',
          '/api/v1/api-keys',
          '/api/v1/audit',
          '/health',
        ]),
      );
      expect(Object.keys(doc.components.schemas)).toEqual(
        expect.arrayContaining(['Error', 'Product', 'TariffRate']),
      );
      expect((await p.app.inject({ url: '/docs/' })).statusCode).toBe(200);
    });

    it('exposes Prometheus metrics to the zone office (headers-endpoints.int.test.ts: who else)', async () => {
      const res = await p.app.inject({ url: '/metrics', headers: { cookie: await p.login('zone') } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('crossgate_http_requests_total');
      expect(res.body).toContain('crossgate_process_cpu_user_seconds_total');
    });

    it('echoes a request id and uses the one the caller sent', async () => {
      const res = await p.app.inject({ url: '/health', headers: { 'x-request-id': 'trace-123' } });
      expect(res.headers['x-request-id']).toBe('trace-123');
    });
  });

  describe('errors', () => {
    it('answers in Chinese by default and in English when asked, with one shape', async () => {
      const zh = json<TError>(await p.app.inject({ url: '/api/v1/products' }));
      expect(zh).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: expect.stringContaining('尚未登录'),
        details: [expect.objectContaining({ field: 'session' })],
      });
      const en = json<TError>(
        await p.app.inject({ url: '/api/v1/products', headers: { 'accept-language': 'en-US,en;q=0.9' } }),
      );
      expect(en.message).toMatch(/You are not signed in/);
    });

    it('names every invalid field with the rule, the expectation and the value sent', async () => {
      const cookie = await p.login('seller');
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/products',
        headers: { cookie },
        payload: { ...newProduct('E-1'), hsCode: '19011', price: 12 },
      });
      expect(res.statusCode).toBe(400);
      const body = json<TError>(res);
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            field: 'body.hsCode',
            actual: '19011',
            expected: expect.stringContaining('\\d{10}'),
          }),
          expect.objectContaining({ field: 'body.price', actual: '12', expected: 'string' }),
        ]),
      );
    });

    it('refuses malformed JSON with MALFORMED_BODY and bodies over the limit with 413', async () => {
      const cookie = await p.login('seller');
      const bad = await p.app.inject({
        method: 'POST',
        url: '/api/v1/products',
        headers: { cookie, 'content-type': 'application/json' },
        payload: '{"itemNo":',
      });
      expect(bad.statusCode).toBe(400);
      expect(json<TError>(bad).code).toBe('MALFORMED_BODY');
      const big = await p.app.inject({
        method: 'POST',
        url: '/api/v1/products',
        headers: { cookie, 'content-type': 'application/json' },
        payload: JSON.stringify({ ...newProduct('E-2'), spec: 'x'.repeat(2 * 1024 * 1024) }),
      });
      expect(big.statusCode).toBe(413);
      expect(json<TError>(big).code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('answers unknown routes with the same error shape', async () => {
      const res = await p.app.inject({ url: '/api/v1/nowhere' });
      expect(res.statusCode).toBe(404);
      expect(json<TError>(res).code).toBe('ROUTE_NOT_FOUND');
    });
  });

  describe('identity and access', () => {
    it('lets every demo user sign in with the printed credentials', async () => {
      const logins = demoLogins();
      expect(logins.length).toBeGreaterThanOrEqual(17);
      for (const l of logins) {
        const cookie = await p.login(l.username);
        const me = json<{ user: { username: string } }>(
          await p.app.inject({ url: '/api/v1/auth/me', headers: { cookie } }),
        );
        expect(me.user.username).toBe(l.username);
      }
    });

    it('refuses a wrong password without saying whether the user exists', async () => {
      const wrong = await p.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'seller', password: 'not-the-password' },
      });
      const unknown = await p.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'nobody', password: 'not-the-password' },
      });
      expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
      expect(json<TError>(wrong)).toEqual({ ...json<TError>(unknown), requestId: expect.any(String) });
    });

    it('sets an HttpOnly, SameSite=Strict session cookie and ends it at logout', async () => {
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'customs', password: DEMO_PASSWORD },
      });
      const cookie = res.cookies.find((c) => c.name === 'cg_session');
      const csrf = res.cookies.find((c) => c.name === 'cg_csrf');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      const header = `cg_session=${cookie?.value}; cg_csrf=${csrf?.value}`;
      expect(
        (
          await p.app.inject({
            method: 'POST',
            url: '/api/v1/auth/logout',
            headers: { cookie: header, 'x-csrf-token': csrf?.value ?? '' },
          })
        ).statusCode,
      ).toBe(204);
      expect((await p.app.inject({ url: '/api/v1/auth/me', headers: { cookie: header } })).statusCode).toBe(
        401,
      );
    });

    it('refuses cookie-authenticated writes from another origin', async () => {
      const cookie = await p.login('seller');
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/products',
        headers: { cookie, origin: 'https://evil.example' },
        payload: newProduct('CSRF-1'),
      });
      expect(res.statusCode).toBe(403);
    });

    describe('an enterprise API key', () => {
      let sellerKey: TCreatedApiKey;
      let otherProduct: TProduct;
      beforeAll(async () => {
        const seller = await p.login('seller');
        sellerKey = json<TCreatedApiKey>(
          await p.app.inject({
            method: 'POST',
            url: '/api/v1/api-keys',
            headers: { cookie: seller },
            payload: { name: 'ERP' },
          }),
        );
        const seller2 = await p.login('seller2');
        const list = json<TPage<TProduct>>(
          await p.app.inject({ url: '/api/v1/products', headers: { cookie: seller2 } }),
        );
        otherProduct = list.items[0] as TProduct;
      });
      const auth = () => ({ authorization: `Bearer ${sellerKey.secret}` });

      it('is shown once and stored only as a hash', async () => {
        expect(sellerKey.secret).toMatch(/^cg_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
        const row = await p.database.db
          .selectFrom('api_keys')
          .selectAll()
          .where('id', '=', sellerKey.id)
          .executeTakeFirstOrThrow();
        expect(JSON.stringify(row)).not.toContain(sellerKey.secret.slice('cg_'.length + 12 + 1));
        const listed = json<TPage<TApiKey>>(
          await p.app.inject({ url: '/api/v1/api-keys', headers: { cookie: await p.login('seller') } }),
        );
        expect(JSON.stringify(listed)).not.toContain(sellerKey.secret);
      });

      it("cannot read another enterprise's product: 404, not 403", async () => {
        const res = await p.app.inject({ url: `/api/v1/products/${otherProduct.id}`, headers: auth() });
        expect(res.statusCode).toBe(404);
        expect(json<TError>(res).code).toBe('NOT_FOUND');
      });

      it("cannot change or delete another enterprise's product, and nothing changes", async () => {
        const patch = await p.app.inject({
          method: 'PATCH',
          url: `/api/v1/products/${otherProduct.id}`,
          headers: auth(),
          payload: { price: '0.01' },
        });
        const del = await p.app.inject({
          method: 'DELETE',
          url: `/api/v1/products/${otherProduct.id}`,
          headers: auth(),
        });
        expect([patch.statusCode, del.statusCode]).toEqual([404, 404]);
        const row = await p.database.db
          .selectFrom('products')
          .select('price')
          .where('id', '=', otherProduct.id)
          .executeTakeFirstOrThrow();
        expect(row.price).toBe(otherProduct.price);
      });

      it("lists only its own enterprise's products", async () => {
        const list = json<TPage<TProduct>>(
          await p.app.inject({ url: '/api/v1/products?pageSize=200', headers: auth() }),
        );
        expect(list.items.length).toBeGreaterThan(0);
        expect(new Set(list.items.map((i) => i.orgId))).toEqual(new Set([sellerKey.orgId]));
      });

      it('cannot manage keys or users', async () => {
        expect(
          (
            await p.app.inject({
              method: 'POST',
              url: '/api/v1/api-keys',
              headers: auth(),
              payload: { name: 'x' },
            })
          ).statusCode,
        ).toBe(403);
        expect((await p.app.inject({ url: '/api/v1/users', headers: auth() })).statusCode).toBe(403);
      });

      it('stops working once revoked', async () => {
        const cookie = await p.login('seller');
        const key = json<TCreatedApiKey>(
          await p.app.inject({
            method: 'POST',
            url: '/api/v1/api-keys',
            headers: { cookie },
            payload: { name: 'short-lived' },
          }),
        );
        const headers = { authorization: `Bearer ${key.secret}` };
        expect((await p.app.inject({ url: '/api/v1/products', headers })).statusCode).toBe(200);
        expect(
          (await p.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${key.id}`, headers: { cookie } }))
            .statusCode,
        ).toBe(200);
        expect((await p.app.inject({ url: '/api/v1/products', headers })).statusCode).toBe(401);
      });
    });

    it("lets customs read every enterprise's products but not the tax bureau", async () => {
      const customs = json<TPage<TProduct>>(
        await p.app.inject({
          url: '/api/v1/products?pageSize=200',
          headers: { cookie: await p.login('customs') },
        }),
      );
      expect(new Set(customs.items.map((i) => i.orgId)).size).toBeGreaterThanOrEqual(2);
      const tax = await p.app.inject({ url: '/api/v1/products', headers: { cookie: await p.login('tax') } });
      expect(tax.statusCode).toBe(403);
    });

    it('lets the zone office register an enterprise, checking its codes and writing the audit row', async () => {
      const cookie = await p.login('zone');
      const bad = await p.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: { cookie },
        payload: {
          kind: 'enterprise',
          code: '4614960099',
          uscc: '9144030071526726XA',
          nameZh: '测试企业',
          enterpriseRoles: ['ebc'],
        },
      });
      expect(bad.statusCode).toBe(422);
      expect(json<TError>(bad).details).toEqual([
        expect.objectContaining({ field: 'uscc', expected: '9144030071526726XG' }),
      ]);
      const good = await p.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: { cookie },
        payload: {
          kind: 'enterprise',
          code: '4614960099',
          uscc: '9144030071526726XG',
          nameZh: '测试企业',
          enterpriseRoles: ['ebc'],
          parkCode: 'macun-tonggang',
        },
      });
      expect(good.statusCode).toBe(201);
      const org = json<{ id: string; zoneCode: string }>(good);
      expect(org.zoneCode).toBe('jiaozuo');
      expect((await auditOf(org.id)).map((r) => r.action)).toEqual(['organisation.create']);
      const again = await p.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: { cookie },
        payload: { kind: 'agency', code: '4614960099', nameZh: 'x', agencyType: 'tax' },
      });
      expect(again.statusCode).toBe(409);
    });

    it('refuses organisation registration by an enterprise', async () => {
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: { cookie: await p.login('seller') },
        payload: { kind: 'agency', code: 'JZ-NEW', nameZh: 'x', agencyType: 'tax' },
      });
      expect(res.statusCode).toBe(403);
    });

    it("keeps an enterprise administrator out of another organisation's users", async () => {
      const cookie = await p.login('seller');
      const other = await p.database.db
        .selectFrom('organisations')
        .select('id')
        .where('code', '=', '4614960003')
        .executeTakeFirstOrThrow();
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { cookie },
        payload: {
          orgId: other.id,
          username: 'intruder',
          displayName: 'x',
          password: 'long-enough-1',
          roles: ['admin'],
        },
      });
      expect(res.statusCode).toBe(404);
    });
  });

  describe('audit trail', () => {
    it('writes an audit row with before/after and the request id for every product change', async () => {
      const cookie = await p.login('seller');
      const created = await p.app.inject({
        method: 'POST',
        url: '/api/v1/products',
        headers: { cookie, 'x-request-id': 'req-create' },
        payload: newProduct('AUD-1'),
      });
      expect(created.statusCode).toBe(201);
      const id = json<TProduct>(created).id;
      await p.app.inject({
        method: 'PATCH',
        url: `/api/v1/products/${id}`,
        headers: { cookie, 'x-request-id': 'req-update' },
        payload: { price: '189.00' },
      });
      await p.app.inject({
        method: 'DELETE',
        url: `/api/v1/products/${id}`,
        headers: { cookie, 'x-request-id': 'req-delete' },
      });
      const rows = await auditOf(id);
      expect(rows.map((r) => [r.action, r.request_id])).toEqual([
        ['product.create', 'req-create'],
        ['product.update', 'req-update'],
        ['product.delete', 'req-delete'],
      ]);
      expect(rows[1]).toMatchObject({
        actor_via: 'session',
        before: expect.objectContaining({ price: '199.90000' }),
        after: expect.objectContaining({ price: '189.00000' }),
      });
      expect(rows.every((r) => r.actor_user_id !== null && r.actor_org_id !== null)).toBe(true);
    });

    it('records logins, key issue and revocation, user creation and rate edits', async () => {
      const cookie = await p.login('seller');
      const key = json<TCreatedApiKey>(
        await p.app.inject({
          method: 'POST',
          url: '/api/v1/api-keys',
          headers: { cookie },
          payload: { name: 'audited' },
        }),
      );
      await p.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${key.id}`, headers: { cookie } });
      expect((await auditOf(key.id)).map((r) => r.action)).toEqual(['api_key.create', 'api_key.revoke']);
      const user = await p.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { cookie },
        payload: {
          username: 'seller.clerk',
          displayName: '单证员',
          password: 'a-long-password',
          roles: ['operator'],
        },
      });
      expect(user.statusCode).toBe(201);
      const userId = json<{ id: string }>(user).id;
      expect((await auditOf(userId)).map((r) => r.action)).toEqual(['user.create']);
      expect(JSON.stringify(await auditOf(userId))).not.toContain('a-long-password');
      const sellerUser = await p.database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'seller')
        .executeTakeFirstOrThrow();
      expect((await auditOf(sellerUser.id)).some((r) => r.action === 'session.login')).toBe(true);
    });

    it("shows an enterprise administrator only their organisation's trail", async () => {
      const trail = json<TPage<{ actorOrgId: string | null }>>(
        await p.app.inject({
          url: '/api/v1/audit?pageSize=200',
          headers: { cookie: await p.login('seller2') },
        }),
      );
      const me = await p.database.db
        .selectFrom('organisations')
        .select('id')
        .where('code', '=', '4614960003')
        .executeTakeFirstOrThrow();
      expect(trail.items.length).toBeGreaterThan(0);
      const rows = await p.database.db
        .selectFrom('audit_log')
        .select(['actor_org_id', 'target_org_id'])
        .execute();
      const visible = rows.filter((r) => r.actor_org_id === me.id || r.target_org_id === me.id).length;
      expect(trail.total).toBe(visible);
    });
  });

  describe('reference data', () => {
    it('searches the HS nomenclature with pagination', async () => {
      const page1 = json<TPage<{ code: string }>>(
        await p.app.inject({ url: '/api/v1/reference/hs?q=8517&pageSize=5' }),
      );
      expect(page1.total).toBeGreaterThan(5);
      expect(page1.items).toHaveLength(5);
      expect(page1.items.every((i) => i.code.startsWith('8517'))).toBe(true);
      const page2 = json<TPage<{ code: string }>>(
        await p.app.inject({ url: '/api/v1/reference/hs?q=8517&pageSize=5&page=2' }),
      );
      expect(page2.items[0]?.code).not.toBe(page1.items[0]?.code);
      const words = json<TPage<{ code: string }>>(
        await p.app.inject({ url: '/api/v1/reference/hs?q=smartphones&level=6' }),
      );
      expect(words.items.map((i) => i.code)).toContain('851713');
    });

    it('searches the customs code tables by name and code', async () => {
      const jp = json<TPage<{ code: string; nameZh: string }>>(
        await p.app.inject({ url: `/api/v1/reference/codes/countries?q=${encodeURIComponent('日本')}` }),
      );
      expect(jp.items).toEqual([expect.objectContaining({ code: '116', nameZh: '日本' })]);
      const office = json<TPage<{ code: string; nameZh: string }>>(
        await p.app.inject({ url: '/api/v1/reference/codes/customs-offices?q=4614' }),
      );
      expect(office.items[0]).toMatchObject({ code: '4614', nameZh: '焦作海关' });
      const usd = json<TPage<{ code: string; nameEn: string }>>(
        await p.app.inject({ url: '/api/v1/reference/codes/currencies?q=USD' }),
      );
      expect(usd.items[0]).toMatchObject({ code: '502', nameEn: 'USD' });
    });

    it('returns the tariff rate valid on the given date', async () => {
      const lookup = (date: string) =>
        p.app.inject({ url: `/api/v1/reference/tariff-rates/lookup?hsCode=2201101000&date=${date}` });
      expect(json<{ rate: { vatRate: string } }>(await lookup('2018-04-30')).rate.vatRate).toBe('0.1700');
      expect(json<{ rate: { vatRate: string } }>(await lookup('2018-05-01')).rate.vatRate).toBe('0.1600');
      const now = json<{ rate: { vatRate: string }; cbecComprehensiveRate: string }>(
        await lookup('2019-04-01'),
      );
      expect(now.rate.vatRate).toBe('0.1300');
      expect(now.cbecComprehensiveRate).toBe('0.091');
      const before = await lookup('2010-01-01');
      expect(before.statusCode).toBe(404);
      expect(json<TError>(before).details[0]?.field).toBe('date');
    });

    it('lets a platform administrator close a period and add the next one; overlaps are refused', async () => {
      const cookie = await p.login('zone');
      const current = json<{ rate: { id: string } }>(
        await p.app.inject({
          url: '/api/v1/reference/tariff-rates/lookup?hsCode=9503008900&date=2026-11-27',
        }),
      ).rate;
      const overlap = await p.app.inject({
        method: 'POST',
        url: '/api/v1/reference/tariff-rates',
        headers: { cookie },
        payload: {
          hsCode: '9503008900',
          validFrom: '2027-01-01',
          vatRate: '0.09',
          source: 'test announcement',
        },
      });
      expect(overlap.statusCode).toBe(422);
      expect(json<TError>(overlap).details[0]?.rule).toMatch(/^RATE_PERIOD_OVERLAP/);
      const closed = await p.app.inject({
        method: 'PATCH',
        url: `/api/v1/reference/tariff-rates/${current.id}`,
        headers: { cookie },
        payload: { validTo: '2027-01-01' },
      });
      expect(closed.statusCode).toBe(200);
      const added = await p.app.inject({
        method: 'POST',
        url: '/api/v1/reference/tariff-rates',
        headers: { cookie },
        payload: {
          hsCode: '9503008900',
          validFrom: '2027-01-01',
          vatRate: '0.09',
          source: 'test announcement',
        },
      });
      expect(added.statusCode).toBe(201);
      const later = json<{ rate: { vatRate: string } }>(
        await p.app.inject({
          url: '/api/v1/reference/tariff-rates/lookup?hsCode=9503008900&date=2027-03-01',
        }),
      );
      expect(later.rate.vatRate).toBe('0.0900');
      const earlier = json<{ rate: { vatRate: string } }>(
        await p.app.inject({
          url: '/api/v1/reference/tariff-rates/lookup?hsCode=9503008900&date=2026-12-31',
        }),
      );
      expect(earlier.rate.vatRate).toBe('0.1300');
      expect((await auditOf(current.id)).map((r) => r.action)).toEqual(['tariff_rate.update']);
    });

    it('refuses rate edits from enterprises', async () => {
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/reference/tariff-rates',
        headers: { cookie: await p.login('seller') },
        payload: { hsCode: '2201101000', validFrom: '2030-01-01', vatRate: '0.05', source: 'x' },
      });
      expect(res.statusCode).toBe(403);
    });
  });

  describe('zone', () => {
    it('serves the Jiaozuo zone with its customs offices, parks and targets', async () => {
      const zone = json<{
        code: string;
        customsOfficeCodes: string[];
        parks: unknown[];
        targets: { code: string; targetValue: string }[];
      }>(await p.app.inject({ url: '/api/v1/zone' }));
      expect(zone.code).toBe('jiaozuo');
      expect(zone.customsOfficeCodes).toContain('4614');
      expect(zone.parks.length).toBeGreaterThanOrEqual(3);
      expect(zone.targets).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'public-overseas-warehouses', targetValue: '10.00' }),
        ]),
      );
    });
  });
});
