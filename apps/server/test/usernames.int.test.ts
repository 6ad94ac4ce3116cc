import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TError, TMe, TUser } from '@crossgate/contract';
import { PARTIES, uniqueId } from './support/import-kit.ts';
import { DEMO_PASSWORD, json, startPlatform, type Platform } from './support/platform.ts';

/**
 * Usernames are unique per organisation (decision 0024): creating a user never tells an organisation's
 * administrator whether another organisation uses the name, and sign-in finds the right user — by password
 * among the holders of the name, or by the organisation code. HTTP-level: one engine (PGlite); the unique
 * constraint's migration runs on both engines in every other suite.
 */
describe('usernames are scoped to the organisation', () => {
  let p: Platform;
  let seller: string;
  let customsCode: string;
  beforeAll(async () => {
    p = await startPlatform('pglite');
    seller = await p.login('seller');
    customsCode = (
      await p.database.db
        .selectFrom('organisations')
        .innerJoin('users', 'users.org_id', 'organisations.id')
        .select('organisations.code')
        .where('users.username', '=', 'customs')
        .executeTakeFirstOrThrow()
    ).code;
  });
  afterAll(() => p?.close());

  const create = (cookie: string, username: string, password = 'Seller-Clerk-2026') =>
    p.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie },
      payload: { username, displayName: '测试用户', password, roles: ['viewer'] },
    });
  const login = (body: Record<string, string>) =>
    p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body });

  it('answers an administrator the same whether another organisation uses the name or nobody does', async () => {
    const fresh = `u${uniqueId().toLowerCase()}`.slice(0, 24);
    const unused = await create(seller, fresh);
    // "customs" is the customs agency's demo officer.
    const takenElsewhere = await create(seller, 'customs');
    expect(unused.statusCode).toBe(201);
    expect(takenElsewhere.statusCode).toBe(201);
    const shape = (u: TUser) => Object.keys(u).sort();
    expect(shape(json<TUser>(takenElsewhere))).toEqual(shape(json<TUser>(unused)));
    expect(json<TUser>(takenElsewhere).orgId).toBe(json<TUser>(unused).orgId);
    // Only a name the organisation itself uses — which its administrator lists anyway — is a conflict.
    const again = await create(seller, 'customs');
    expect(again.statusCode).toBe(409);
    expect(json<TError>(again).details[0]).toMatchObject({ field: 'username' });
    expect(JSON.stringify(json<TError>(again))).not.toContain(customsCode);
    // The organisation's list shows its own users only.
    const list = await p.app.inject({ url: '/api/v1/users?pageSize=200', headers: { cookie: seller } });
    const names = json<{ items: TUser[] }>(list).items;
    expect(names.filter((u) => u.username === 'customs')).toHaveLength(1);
    expect(new Set(names.map((u) => u.orgId)).size).toBe(1);
  });

  it('signs each holder of a shared name in to its own organisation, by its password', async () => {
    const officer = await login({ username: 'customs', password: DEMO_PASSWORD });
    expect(officer.statusCode).toBe(200);
    expect(json<TMe>(officer).organisation.code).toBe(customsCode);
    const clerk = await login({ username: 'customs', password: 'Seller-Clerk-2026' });
    expect(clerk.statusCode).toBe(200);
    expect(json<TMe>(clerk).organisation.code).toBe(PARTIES.seller.code);
    expect((await login({ username: 'customs', password: 'wrong-password-1' })).statusCode).toBe(401);
  });

  it('asks for the organisation code only when two holders share the password; either form names it', async () => {
    const name = 'agent';
    // The seller's clerk "agent" with the demo agent's very password.
    expect((await create(seller, name, DEMO_PASSWORD)).statusCode).toBe(201);
    const ambiguous = await login({ username: name, password: DEMO_PASSWORD });
    expect(ambiguous.statusCode).toBe(401);
    expect(json<TError>(ambiguous).details[0]?.field).toBe('orgCode');
    const byField = await login({ username: name, password: DEMO_PASSWORD, orgCode: PARTIES.seller.code });
    expect(json<TMe>(byField).organisation.code).toBe(PARTIES.seller.code);
    const inName = await login({ username: `${name}@${PARTIES.agent.code}`, password: DEMO_PASSWORD });
    expect(json<TMe>(inName).organisation.code).toBe(PARTIES.agent.code);
    // A code that is not the user's organisation signs nobody in.
    const elsewhere = await login({ username: name, password: DEMO_PASSWORD, orgCode: customsCode });
    expect(elsewhere.statusCode).toBe(401);
    expect(json<TError>(elsewhere).details[0]?.field).toBe('username');
  });

  it('lets the zone office create a user in any organisation under a name used elsewhere', async () => {
    const zone = await p.login('zone');
    const warehouse = await p.database.db
      .selectFrom('organisations')
      .select('id')
      .where('code', '=', PARTIES.warehouse.code)
      .executeTakeFirstOrThrow();
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: zone },
      payload: {
        orgId: warehouse.id,
        username: 'seller',
        displayName: '仓库的 seller',
        password: 'Warehouse-2026-x',
        roles: ['viewer'],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(json<TUser>(res).orgId).toBe(warehouse.id);
  });
});
