import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { DEFAULT_RULE_SET } from '@crossgate/domain';
import { ENGINES } from '../../../test/support/engines.ts';
import { apiKeyCaller, orgIdOf, userCaller, withoutRateLimits, type Caller } from './support/access-kit.ts';
import { PARTIES } from './support/import-kit.ts';
import { json, startPlatform, type Platform } from './support/platform.ts';

/**
 * An outside look at the risk rules and the regulators' credit view: another tenant (an enterprise by session or
 * by API key) is refused with the documented code and learns nothing of which ids exist; a customs viewer and the
 * other regulators cannot write what only customs officers write; hostile bodies and replay ranges are refused
 * with a field and a zh/en reason, never a 500; publish, retire and customs-level changes are audited with the
 * actor.
 */

type Method = 'GET' | 'POST' | 'PUT';

describe.each(ENGINES)('risk rules and credit view under attack on %s', (engine) => {
  let p: Platform;
  let customs: Caller;
  let customsOrg: string;
  let sellerOrg: string;
  let ruleSetId: string;
  let other: string;
  beforeAll(async () => {
    p = await startPlatform(engine, withoutRateLimits());
    customsOrg = (
      await p.database.db
        .selectFrom('users')
        .select('org_id')
        .where('username', '=', 'customs')
        .executeTakeFirstOrThrow()
    ).org_id;
    sellerOrg = await orgIdOf(p, PARTIES.seller.code);
    customs = await userCaller(p, '风险关员', customsOrg, ['operator']);
    const made = await send(customs, 'POST', '/risk/rule-sets', {
      name: '攻击测试规则集',
      body: DEFAULT_RULE_SET,
    });
    expect(made.statusCode, made.body).toBe(200);
    ruleSetId = json<{ id: string }>(made).id;
    other = await orgIdOf(p, PARTIES.payment.code);
  });
  afterAll(async () => p?.close());

  function send(who: Caller, method: Method, url: string, payload?: unknown, raw?: string) {
    return p.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: {
        ...who.headers(method),
        ...(raw !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(raw !== undefined ? { payload: raw } : payload !== undefined ? { payload: payload as object } : {}),
    });
  }

  const riskRoutes = (id: string): [Method, string, unknown?][] => [
    ['GET', '/risk/features'],
    ['GET', '/risk/rule-sets'],
    ['GET', `/risk/rule-sets/${id}`],
    ['POST', '/risk/rule-sets', { name: 'x', body: DEFAULT_RULE_SET }],
    ['POST', `/risk/rule-sets/${id}/publish`],
    ['POST', `/risk/rule-sets/${id}/retire`],
    ['GET', `/risk/rule-sets/${id}/diff?against=${id}`],
    ['POST', '/risk/replay', { ruleSetId: id, from: '2026-01-01', to: '2026-01-02' }],
  ];

  /** The answer with the probed id blanked out, so an existing and a missing id can be compared. */
  const answer = async (who: Caller, method: Method, url: string, id: string, payload?: unknown) => {
    const res = await send(who, method, url, payload);
    const { requestId: _, ...rest } = json<Record<string, unknown>>(res);
    return { status: res.statusCode, body: JSON.stringify(rest).split(id).join('<id>') };
  };

  it('refuses every risk route to enterprises by session and by API key, the same for existing and missing ids', async () => {
    const callers: Caller[] = [];
    for (const role of ['platform', 'seller', 'payment', 'logistics'] as const) {
      const org = await orgIdOf(p, PARTIES[role].code);
      callers.push(await userCaller(p, `${role} admin`, org, ['admin', 'operator']));
      callers.push(await apiKeyCaller(p, `${role} key`, org));
    }
    const missing = randomUUID();
    for (const who of callers) {
      const existing = riskRoutes(ruleSetId);
      const absent = riskRoutes(missing);
      for (let i = 0; i < existing.length; i++) {
        const [method, url, body] = existing[i]!;
        const a = await answer(who, method, url, ruleSetId, body);
        const [, url2, body2] = absent[i]!;
        const b = await answer(who, method, url2, missing, body2);
        expect(a.status, `${who.name} ${method} ${url}`).toBe(403);
        expect(JSON.parse(a.body).code, `${who.name} ${method} ${url}`).toBe('FORBIDDEN');
        expect(a, `${who.name} ${method} ${url}: existing and missing ids answer alike`).toEqual(b);
      }
    }
    // Nothing was created, published or retired by them.
    const still = json<{ status: string }>(await send(customs, 'GET', `/risk/rule-sets/${ruleSetId}`));
    expect(still.status).toBe('draft');
  });

  it('refuses the credit list and customs-level writes to enterprises; another enterprise’s record answers as a missing one', async () => {
    const seller = await userCaller(p, 'seller admin', sellerOrg, ['admin', 'operator']);
    const key = await apiKeyCaller(p, 'seller key', sellerOrg);
    const missing = randomUUID();
    for (const who of [seller, key]) {
      expect((await send(who, 'GET', '/credit/enterprises')).statusCode, who.name).toBe(403);
      const level = { level: 'advanced_certified', validFrom: '2026-01-01', source: '自封高级认证' };
      const own = await send(who, 'PUT', `/credit/enterprises/${sellerOrg}/customs-level`, level);
      expect(own.statusCode, who.name).toBe(403);
      const a = await answer(who, 'PUT', `/credit/enterprises/${other}/customs-level`, other, level);
      const b = await answer(who, 'PUT', `/credit/enterprises/${missing}/customs-level`, missing, level);
      expect(a.status).toBe(403);
      expect(a).toEqual(b);
      const r = await answer(who, 'GET', `/credit/enterprises/${other}`, other);
      const m = await answer(who, 'GET', `/credit/enterprises/${missing}`, missing);
      expect(r.status, who.name).toBe(404);
      expect(r).toEqual(m);
    }
    const levels = await p.database.db
      .selectFrom('customs_credit_levels')
      .select('level')
      .where('org_id', '=', sellerOrg)
      .execute();
    expect(levels.map((l) => l.level)).not.toContain('advanced_certified');
  });

  it('a customs viewer reads but does not draft, publish, retire or set a customs level; the zone office and other agencies do not set customs levels', async () => {
    const viewer = await userCaller(p, '海关查阅员', customsOrg, ['viewer']);
    expect((await send(viewer, 'GET', `/risk/rule-sets/${ruleSetId}`)).statusCode).toBe(200);
    for (const [method, url, body] of riskRoutes(ruleSetId)
      .filter(([m]) => m === 'POST')
      .slice(0, 3))
      expect((await send(viewer, method, url, body)).statusCode, url).toBe(403);
    const level = { level: 'dishonest', validFrom: '2026-01-01', source: '越权认定' };
    expect(
      (await send(viewer, 'PUT', `/credit/enterprises/${sellerOrg}/customs-level`, level)).statusCode,
    ).toBe(403);
    for (const username of ['zone', 'inspection', 'market', 'tax']) {
      const org = (
        await p.database.db
          .selectFrom('users')
          .select('org_id')
          .where('username', '=', username)
          .executeTakeFirstOrThrow()
      ).org_id;
      const admin = await userCaller(p, `${username} admin`, org, ['admin', 'operator']);
      const res = await send(admin, 'PUT', `/credit/enterprises/${sellerOrg}/customs-level`, level);
      expect(res.statusCode, username).toBe(403);
      for (const [method, url, body] of riskRoutes(ruleSetId))
        expect((await send(admin, method, url, body)).statusCode, `${username} ${url}`).toBe(403);
    }
  });

  it('refuses hostile rule-set bodies with 4xx and a field, never a 500', async () => {
    const bad = (b: unknown) => JSON.stringify({ name: '敌意', body: b });
    const rules = DEFAULT_RULE_SET.rules as unknown[];
    const cases: [string, string, number][] = [
      ['__proto__ key', `{"name":"p","body":{"__proto__":{"admin":true},"rules":[]}}`, 400],
      ['constructor key', `{"name":"p","body":{"constructor":{"prototype":{"admin":true}}}}`, 400],
      ['deep nesting', `{"name":"d","body":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 422],
      ['over the body limit', bad({ ...DEFAULT_RULE_SET, pad: 'x'.repeat(1_100_000) }), 413],
      ['501 rules', bad({ ...DEFAULT_RULE_SET, rules: Array.from({ length: 501 }, () => rules[0]) }), 422],
      ['infinite threshold', bad(DEFAULT_RULE_SET).replace('"value":5000', '"value":1e999'), 422],
      ['NaN as text', bad(DEFAULT_RULE_SET).replace('"value":5000', '"value":"NaN"'), 422],
      ['negative threshold', bad(DEFAULT_RULE_SET).replace('"value":5000', '"value":-5000'), 422],
      ['extra key in a rule', bad({ ...DEFAULT_RULE_SET, rules: [{ ...(rules[0] as object), x: 1 }] }), 422],
    ];
    expect(bad(DEFAULT_RULE_SET)).toContain('"value":5000');
    for (const [name, raw, status] of cases) {
      const res = await send(customs, 'POST', '/risk/rule-sets', undefined, raw);
      expect(res.statusCode, `${name}: ${res.body.slice(0, 300)}`).toBe(status);
      expect(json<{ details?: unknown[] }>(res).details?.length ?? 0, name).toBeGreaterThan(0);
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    const list = json<{ total: number }>(await send(customs, 'GET', '/risk/rule-sets'));
    expect(list.total).toBe(1);
  });

  it('bounds the replay: at most 92 days, from not after to, real calendar dates, each refused in Chinese then English', async () => {
    const replay = (from: string, to: string) =>
      send(customs, 'POST', '/risk/replay', { ruleSetId, from, to, limit: 10 });
    const long = await replay('2000-01-01', '2999-12-31');
    expect(long.statusCode).toBe(422);
    expect(json(long)).toMatchObject({
      code: 'RULE_VIOLATION',
      details: [
        {
          field: 'to',
          rule: 'RANGE_TOO_LONG: 回放区间最长92天 (a replay covers at most 92 days)',
          actual: '365243 days',
        },
      ],
    });
    expect((await replay('2026-01-01', '2026-04-03')).statusCode).toBe(422); // 93 days
    expect((await replay('2026-01-01', '2026-04-02')).statusCode).toBe(200); // 92 days
    const reversed = await replay('2026-02-02', '2026-02-01');
    expect(reversed.statusCode).toBe(422);
    expect(JSON.stringify(json(reversed))).toContain('结束日期不早于开始日期 (to is not before from)');
    const noSuchDay = await replay('2026-02-31', '2026-03-01');
    expect(noSuchDay.statusCode).toBe(400);
    expect(json<{ details: { field: string }[] }>(noSuchDay).details[0]?.field).toBe('body.from');
    const yearZero = await replay('0000-01-01', '0000-01-02');
    expect(yearZero.statusCode, yearZero.body).toBe(400);
    expect((await replay('2026-1-1', '2026-01-02')).statusCode).toBe(400);
  });

  it('audits publish, retire and a customs-level change with the acting user', async () => {
    expect((await send(customs, 'POST', `/risk/rule-sets/${ruleSetId}/publish`)).statusCode).toBe(200);
    expect((await send(customs, 'POST', `/risk/rule-sets/${ruleSetId}/retire`)).statusCode).toBe(200);
    const level = { level: 'general', validFrom: '2026-01-01', source: '海关信用认定决定书（攻击测试）' };
    const set = await send(customs, 'PUT', `/credit/enterprises/${sellerOrg}/customs-level`, level);
    expect(set.statusCode, set.body).toBe(200);
    const noSuchDay = await send(customs, 'PUT', `/credit/enterprises/${sellerOrg}/customs-level`, {
      ...level,
      validFrom: '2026-02-31',
    });
    expect(noSuchDay.statusCode, noSuchDay.body).toBe(400);
    expect(json<{ details: { field: string }[] }>(noSuchDay).details[0]?.field).toBe('body.validFrom');
    const userId = (customs.actor as { userId: string }).userId;
    const rows = await p.database.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'actor_user_id', 'actor_org_id', 'actor_via'])
      .where('action', 'in', ['risk_rule_set.publish', 'risk_rule_set.retire', 'credit.customs_level'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      {
        action: 'risk_rule_set.publish',
        target_id: ruleSetId,
        actor_user_id: userId,
        actor_org_id: customsOrg,
        actor_via: 'session',
      },
      {
        action: 'risk_rule_set.retire',
        target_id: ruleSetId,
        actor_user_id: userId,
        actor_org_id: customsOrg,
        actor_via: 'session',
      },
      {
        action: 'credit.customs_level',
        target_id: sellerOrg,
        actor_user_id: userId,
        actor_org_id: customsOrg,
        actor_via: 'session',
      },
    ]);
  });
});
