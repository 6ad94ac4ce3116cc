import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '@crossgate/domain';
import { ENGINES } from '../../../test/support/engines.ts';
import { DEMO_PASSWORD, json, startPlatform, type Platform } from './support/platform.ts';

/**
 * 风险规则集 over HTTP (issue 19, decision 0042): a customs officer drafts, publishes and retires versions; a bad
 * rule is refused at save with the field and the reason in Chinese and English; publishing retires the version
 * before and is audited; the diff names each changed threshold; nobody but customs sees the rules.
 */

const copy = () =>
  JSON.parse(JSON.stringify(DEFAULT_RULE_SET)) as typeof DEFAULT_RULE_SET & {
    rules: { id: string; conditions: { feature: string; op: string; value?: unknown }[] }[];
  };

describe.each(ENGINES)('risk rule sets on %s', (engine) => {
  let p: Platform;
  let customs: string;
  beforeAll(async () => {
    p = await startPlatform(engine);
    customs = await p.login('customs');
  });
  afterAll(async () => p?.close());

  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    p.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie },
      ...(payload !== undefined ? { payload } : {}),
    });

  it('a customs officer saves a draft of the default rule set as version 1', async () => {
    const res = await call(customs, 'POST', '/risk/rule-sets', {
      name: '默认规则集',
      body: DEFAULT_RULE_SET,
    });
    expect(res.statusCode).toBe(200);
    const v = json(res);
    expect(v).toMatchObject({ version: 1, name: '默认规则集', status: 'draft', publishedAt: null });
    expect((v.body as { rules: { id: string }[] }).rules.map((r) => r.id)).toEqual([
      'negative_list_party',
      'random_sample',
      'split_buyer_24h',
      'split_address_24h',
      'split_phone_24h',
      'undervalued_line',
      'shared_address',
      'shared_phone',
      'payer_fan_in',
    ]);
  });

  it('refuses a rule on an unknown feature at save, naming the field, in Chinese then English', async () => {
    const body = copy();
    body.rules[2]!.conditions[1] = { feature: 'buyer.sum30dCny', op: 'gt', value: 5000 };
    const res = await call(customs, 'POST', '/risk/rule-sets', { name: '坏规则', body });
    expect(res.statusCode).toBe(422);
    expect(json(res)).toMatchObject({
      code: 'RULE_VIOLATION',
      details: [
        {
          field: 'body.rules[2].conditions[1].feature',
          rule: 'UNKNOWN_FEATURE: 未知特征（不在特征目录中） (unknown feature (not in the catalogue))',
          actual: 'buyer.sum30dCny',
        },
      ],
    });
  });

  it('refuses a threshold out of range and a typology cycle, each at its field', async () => {
    const body = copy() as unknown as {
      rules: { conditions: { feature: string; op: string; value: unknown }[] }[];
      typologies: unknown[];
    };
    body.rules[5]!.conditions[0] = { feature: 'line.minPriceRatio', op: 'lt', value: -1 };
    body.typologies.push({
      id: 'loop',
      name: { zh: '环', en: 'Loop' },
      combine: 'sum',
      terms: [{ typology: 'loop', weight: 1 }],
    });
    const res = await call(customs, 'POST', '/risk/rule-sets', { name: '坏规则', body });
    expect(res.statusCode).toBe(422);
    expect((json(res).details as { field: string }[]).map((d) => d.field)).toEqual([
      'body.rules[5].conditions[0].value',
      'body.typologies[5].terms[0].typology',
    ]);
  });

  it('publishes version 1 (audited), then publishing version 2 retires version 1; the diff shows the threshold', async () => {
    const list = json<{ items: { id: string; version: number }[] }>(
      await call(customs, 'GET', '/risk/rule-sets'),
    );
    const v1 = list.items.find((i) => i.version === 1)!.id;
    const pub = await call(customs, 'POST', `/risk/rule-sets/${v1}/publish`);
    expect(pub.statusCode).toBe(200);
    expect(json(pub)).toMatchObject({ status: 'published', version: 1 });

    const body = copy();
    body.rules[2]!.conditions[1] = { feature: 'buyer.sum24hCny', op: 'gt', value: 4000 };
    const draft = json<{ id: string; version: number }>(
      await call(customs, 'POST', '/risk/rule-sets', { name: '拆单阈值4000', body }),
    );
    expect(draft.version).toBe(2);
    const diff = await call(customs, 'GET', `/risk/rule-sets/${draft.id}/diff?against=${v1}`);
    expect(diff.statusCode).toBe(200);
    expect(json(diff)).toEqual({
      from: { id: v1, version: 1 },
      to: { id: draft.id, version: 2 },
      rules: {
        added: [],
        removed: [],
        changed: [
          { id: 'split_buyer_24h', changes: [{ path: 'conditions[1].value', before: 5000, after: 4000 }] },
        ],
      },
      typologies: { added: [], removed: [], changed: [] },
      decision: [],
    });

    expect((await call(customs, 'POST', `/risk/rule-sets/${draft.id}/publish`)).statusCode).toBe(200);
    const old = json(await call(customs, 'GET', `/risk/rule-sets/${v1}`));
    expect(old).toMatchObject({ status: 'retired' });
    expect(old.retiredAt).not.toBeNull();
    const published = json<{ total: number; items: { version: number }[] }>(
      await call(customs, 'GET', '/risk/rule-sets?status=published'),
    );
    expect(published.items.map((i) => i.version)).toEqual([2]);

    // A retired version is not published again; a published one is not a draft.
    expect((await call(customs, 'POST', `/risk/rule-sets/${v1}/publish`)).statusCode).toBe(409);
    expect((await call(customs, 'POST', `/risk/rule-sets/${draft.id}/publish`)).statusCode).toBe(409);

    const audit = await p.database.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('target_type', '=', 'risk_rule_set')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.target_id])).toEqual([
      ['risk_rule_set.create', v1],
      ['risk_rule_set.publish', v1],
      ['risk_rule_set.create', draft.id],
      ['risk_rule_set.retire', v1],
      ['risk_rule_set.publish', draft.id],
    ]);

    const retire = await call(customs, 'POST', `/risk/rule-sets/${draft.id}/retire`);
    expect(json(retire)).toMatchObject({ status: 'retired' });
    expect((await call(customs, 'POST', `/risk/rule-sets/${draft.id}/retire`)).statusCode).toBe(409);
  });

  it('refuses the rules to enterprises, other agencies and the zone office; a customs viewer reads only', async () => {
    for (const who of ['seller', 'agent', 'inspection', 'market', 'zone']) {
      const cookie = await p.login(who);
      expect((await call(cookie, 'GET', '/risk/rule-sets')).statusCode, who).toBe(403);
      expect((await call(cookie, 'GET', '/risk/features')).statusCode, who).toBe(403);
      expect(
        (await call(cookie, 'POST', '/risk/rule-sets', { name: 'x', body: DEFAULT_RULE_SET })).statusCode,
        who,
      ).toBe(403);
    }
    const made = await call(customs, 'POST', '/users', {
      username: 'riskviewer',
      displayName: '风险查阅员',
      password: DEMO_PASSWORD,
      roles: ['viewer'],
    });
    expect(made.statusCode).toBe(201);
    const viewer = await p.login('riskviewer');
    expect((await call(viewer, 'GET', '/risk/rule-sets')).statusCode).toBe(200);
    expect(
      (await call(viewer, 'POST', '/risk/rule-sets', { name: 'x', body: DEFAULT_RULE_SET })).statusCode,
    ).toBe(403);
    const features = json<unknown[]>(await call(viewer, 'GET', '/risk/features'));
    expect(features).toContainEqual({
      name: 'buyer.sum24hCny',
      type: 'number',
      unit: 'CNY',
      min: 0,
      max: 100_000_000,
      zh: '同一订购人24小时内交易金额合计（元）',
      en: 'value of the same buyer’s orders in 24 h (CNY)',
    });
  });
});
