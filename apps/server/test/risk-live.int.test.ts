import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImportParcel } from '@crossgate/ceb';
import { DEFAULT_RULE_SET } from '@crossgate/domain';
import { sql } from '@crossgate/db';
import { ENGINES } from '../../../test/support/engines.ts';
import {
  MILK,
  buyer,
  gatewayFor,
  importInventoryOf,
  parcelSpec,
  sendImport,
  type Gateway,
} from './support/import-kit.ts';
import { json, startPlatform, type Platform } from './support/platform.ts';

/**
 * Live risk decisions (issue 19, decision 0046): every accepted import inventory is judged by the published rule
 * set — by the baseline (today's two reasons) while none is published — and the decision is stored with the
 * version, each fired rule and each condition's actual value and threshold. A tin of milk is 268.00 CNY and a
 * parcel's freight 10.00, so ten tins are 2,690.00 and nine 2,422.00 on the limit basis.
 */

const at = (beijing: string) => new Date(`${beijing}+08:00`);
/** Beijing dates from tomorrow on: the demo's agency authorisations start when the platform is seeded. */
const day = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const D1 = day(1);

interface Channel {
  lane: string;
  ruleSet: { id: string | null; version: number };
  fired: string[];
  reasons: { code: string }[];
}

describe.each(ENGINES)('live risk decisions on %s', (engine) => {
  let p: Platform;
  let g: Gateway;
  let clock = new Date();
  let customs: string;

  /** Sends one parcel received at `when`: `qty` tins of milk by buyer `who`, at their own address and phone. */
  async function send(when: string, who: number, qty: number) {
    clock = at(when);
    const spec = parcelSpec({
      now: clock,
      buyer: {
        ...buyer(`41080019900102${String(3000 + who).padStart(4, '0')}`),
        telephone: `137${String(20_000_000 + who).padStart(8, '0')}`,
        address: `河南省焦作市解放区实时路${who}号`,
      },
      items: [{ ...MILK, qty: String(qty), qty1: (0.9 * qty).toFixed(1) }],
    });
    await sendImport(g, buildImportParcel(spec));
    const inv = await importInventoryOf(p, spec.orderNo);
    const clearance = await p.database.db
      .selectFrom('inventory_clearance')
      .select('channel')
      .where('document_id', '=', inv.id)
      .executeTakeFirstOrThrow();
    const decisions = await p.database.db
      .selectFrom('risk_decisions')
      .selectAll()
      .where('document_id', '=', inv.id)
      .orderBy('shadow')
      .execute();
    return {
      id: inv.id,
      status: inv.status,
      channel: clearance.channel as Channel,
      decisions,
      // The timeline the declarer reads (its CEB622 receipts say the same).
      events: await p.database.db
        .selectFrom('document_events')
        .select(['status', 'return_info', 'details'])
        .where('document_id', '=', inv.id)
        .orderBy('id')
        .execute(),
    };
  }

  beforeAll(async () => {
    p = await startPlatform(engine, {}, { draw: () => 0.999, receiptClock: () => clock });
    g = await gatewayFor(p);
    customs = await p.login('customs');
    // No random sample anywhere (zone rate and credit-level table at 0): the policy's fixed draw and a replay's
    // seeded draw then agree that no parcel is sampled, so a replay can reproduce the stored decisions.
    const zone = await p.login('zone');
    const rate = await p.app.inject({
      method: 'PATCH',
      url: '/api/v1/zone',
      headers: { cookie: zone },
      payload: { inspectionSamplingRate: '0' },
    });
    expect(rate.statusCode, rate.body).toBe(200);
    const table = await p.app.inject({
      method: 'PUT',
      url: '/api/v1/credit/sampling-rates',
      headers: { cookie: zone },
      payload: { A: '0', B: '0', C: '0', D: '0' },
    });
    expect(table.statusCode, table.body).toBe(200);
  });
  afterAll(async () => p?.close());

  it('decides by the baseline (version 0) while no rule set is published, and records the decision', async () => {
    const r = await send(`${D1}T08:00:00`, 1, 10);
    expect(r.status).toBe('800');
    expect(r.channel).toMatchObject({ lane: 'green', ruleSet: { id: null, version: 0 }, fired: [] });
    expect(r.decisions.map((d) => [d.rule_set_id, d.rule_set_version, d.lane, d.shadow])).toEqual([
      [null, 0, 'green', false],
    ]);
  });

  it('sends the second order of a split (2 orders, 5,380.00 > 5,000 in 24 h) to inspection under the published set, with the explanation', async () => {
    const draft = await p.app.inject({
      method: 'POST',
      url: '/api/v1/risk/rule-sets',
      headers: { cookie: customs },
      payload: { name: '默认规则集', body: DEFAULT_RULE_SET },
    });
    expect(draft.statusCode, draft.body).toBe(200);
    const id = json<{ id: string; version: number }>(draft).id;
    const published = await p.app.inject({
      method: 'POST',
      url: `/api/v1/risk/rule-sets/${id}/publish`,
      headers: { cookie: customs },
    });
    expect(published.statusCode, published.body).toBe(200);

    const first = await send(`${D1}T09:00:00`, 2, 10);
    expect(first.status).toBe('800');
    expect(first.channel).toMatchObject({ lane: 'green', ruleSet: { id, version: 1 }, fired: [] });

    const second = await send(`${D1}T11:00:00`, 2, 10);
    expect(second.status).toBe('500');
    expect(second.channel.lane).toBe('inspection');
    expect(second.channel.ruleSet).toEqual({ id, version: 1 });
    expect(second.channel.fired).toEqual(['split_buyer_24h', 'split_address_24h', 'split_phone_24h']);
    // The declarer's receipt says the parcel was selected, never which rule or on what values.
    const inspected = second.events.find((e) => e.status === '500');
    expect(inspected?.return_info).toBe('查验：已布控查验');
    expect(JSON.stringify(inspected)).not.toMatch(/split|5380|拆单|orders24h|typolog/);

    expect(second.decisions).toHaveLength(1);
    const d = second.decisions[0] as {
      rule_set_id: string;
      rule_set_version: number;
      lane: string;
      explanation: unknown;
    };
    expect([d.rule_set_id, d.rule_set_version, d.lane]).toEqual([id, 1, 'inspection']);
    const explanation = d.explanation as {
      fired: {
        rule: string;
        conditions: { feature: string; op: string; threshold: unknown; actual: unknown; met: boolean }[];
      }[];
      typologies: { typology: string; score: number; lane?: string }[];
      zh: string;
      en: string;
    };
    expect(explanation.fired.find((f) => f.rule === 'split_buyer_24h')?.conditions).toEqual([
      { feature: 'buyer.orders24h', op: 'gte', threshold: 2, actual: 2, met: true },
      { feature: 'buyer.sum24hCny', op: 'gt', threshold: 5000, actual: 5380, met: true },
    ]);
    expect(explanation.typologies.find((t) => t.typology === 'split_orders')).toMatchObject({
      score: 60,
      lane: 'inspection',
    });
    expect(explanation.zh).toBe('查验：拆单规避单次限值（得分 60）');
    expect(explanation.en).toBe('Inspection: Orders split to stay under the single limit (score 60)');
  });

  it('shows customs the decision with every fired condition, and the declarer only that the parcel was selected', async () => {
    const first = await send(`${D1}T09:30:00`, 7, 10);
    const second = await send(`${D1}T10:30:00`, 7, 10);
    expect([first.status, second.status]).toEqual(['800', '500']);
    const url = `/api/v1/import/inventories/${second.id}`;

    const officer = await p.app.inject({ method: 'GET', url, headers: { cookie: customs } });
    expect(officer.statusCode, officer.body).toBe(200);
    const risk = json<{ clearance: { risk: Record<string, unknown> } }>(officer).clearance.risk as {
      ruleSet: { version: number };
      lane: string;
      fired: {
        rule: string;
        conditions: {
          feature: string;
          name: { zh: string; en: string };
          actual: unknown;
          threshold: unknown;
        }[];
      }[];
      typologies: { typology: string; score: number }[];
    };
    expect(risk.ruleSet.version).toBe(1);
    expect(risk.lane).toBe('inspection');
    const split = risk.fired.find((f) => f.rule === 'split_buyer_24h');
    expect(split?.conditions.map((c) => [c.feature, c.name.zh, c.name.en, c.actual, c.threshold])).toEqual([
      [
        'buyer.orders24h',
        '同一订购人24小时内订单数（含本单）',
        'orders of the same buyer in 24 h (this one included)',
        2,
        2,
      ],
      [
        'buyer.sum24hCny',
        '同一订购人24小时内交易金额合计（元）',
        'value of the same buyer’s orders in 24 h (CNY)',
        5380,
        5000,
      ],
    ]);

    // The declaring enterprise (the agent) sees the parcel selected for inspection, and no rule, threshold or value.
    const agent = await p.login('agent');
    const declarer = await p.app.inject({ method: 'GET', url, headers: { cookie: agent } });
    expect(declarer.statusCode, declarer.body).toBe(200);
    const view = json<{ clearance: { channel: unknown; risk?: unknown } }>(declarer).clearance;
    expect(view.risk ?? null).toBeNull();
    // Today's sampling basis (the seller's credit level) stays visible to the declarer, as before.
    expect(Object.keys(view.channel as object).sort()).toEqual(['lane', 'reasons', 'sampling']);
    expect(view.channel).toMatchObject({
      lane: 'inspection',
      reasons: [{ code: 'SELECTED', zh: '已布控查验', en: 'selected for inspection' }],
    });
    for (const secret of [
      'split_',
      'orders24h',
      'sum24hCny',
      'fired',
      'ruleSet',
      'typolog',
      '拆单',
      'threshold',
    ])
      expect(declarer.body, secret).not.toContain(secret);
    // An enterprise that is no party to the parcel does not find it.
    const other = await p.login('seller2');
    expect((await p.app.inject({ method: 'GET', url, headers: { cookie: other } })).statusCode).toBe(404);
  });

  it('releases the near miss: two orders of 2,422.00 (4,844.00 ≤ 5,000 in 24 h)', async () => {
    expect((await send(`${D1}T12:00:00`, 3, 9)).status).toBe('800');
    const second = await send(`${D1}T13:00:00`, 3, 9);
    expect(second.status).toBe('800');
    expect(second.channel.fired).toEqual([]);
  });

  it('runs a draft in shadow beside the live version: it judges the same parcels, decides nothing, and is compared', async () => {
    // The draft raises the split threshold to 6,000: the split of 5,380.00 no longer fires under it.
    const body = structuredClone(DEFAULT_RULE_SET) as {
      rules: { id: string; conditions: { value?: unknown }[] }[];
    };
    for (const r of body.rules)
      if (r.id.startsWith('split_')) (r.conditions[1] as { value?: unknown }).value = 6000;
    const draft = await p.app.inject({
      method: 'POST',
      url: '/api/v1/risk/rule-sets',
      headers: { cookie: customs },
      payload: { name: '拆单阈值6000（影子）', body },
    });
    const id = json<{ id: string }>(draft).id;
    const seller = await p.login('seller');
    const refused = await p.app.inject({
      method: 'POST',
      url: `/api/v1/risk/rule-sets/${id}/shadow`,
      headers: { cookie: seller },
      payload: { on: true },
    });
    expect(refused.statusCode).toBe(403);
    const on = await p.app.inject({
      method: 'POST',
      url: `/api/v1/risk/rule-sets/${id}/shadow`,
      headers: { cookie: customs },
      payload: { on: true },
    });
    expect(on.statusCode, on.body).toBe(200);
    expect(json(on)).toMatchObject({ status: 'draft', shadow: true, version: 2 });
    const audited = await p.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', id)
      .where('action', '=', 'risk_rule_set.shadow')
      .execute();
    expect(audited).toHaveLength(1);

    const first = await send(`${D1}T13:30:00`, 5, 10);
    const second = await send(`${D1}T14:00:00`, 5, 10);
    // The live version decides: the second order goes to inspection whatever the shadow says.
    expect([first.status, second.status]).toEqual(['800', '500']);
    expect(second.decisions.map((d) => [d.rule_set_version, d.lane, d.shadow])).toEqual([
      [1, 'inspection', false],
      [2, 'green', true],
    ]);

    const cmp = await p.app.inject({
      method: 'GET',
      url: `/api/v1/risk/rule-sets/${id}/shadow`,
      headers: { cookie: customs },
    });
    expect(cmp.statusCode, cmp.body).toBe(200);
    const c = json<{
      parcels: number;
      agree: number;
      disagree: number;
      pairs: unknown[];
      differences: {
        documentId: string;
        live: string;
        liveVersion: number;
        shadow: string;
        fired: string[];
      }[];
    }>(cmp);
    expect([c.parcels, c.agree, c.disagree]).toEqual([2, 1, 1]);
    expect(c.pairs).toEqual([
      { live: 'green', shadow: 'green', parcels: 1 },
      { live: 'inspection', shadow: 'green', parcels: 1 },
    ]);
    expect(c.differences.map((d) => [d.documentId, d.live, d.liveVersion, d.shadow, d.fired])).toEqual([
      [second.id, 'inspection', 1, 'green', []],
    ]);

    const off = await p.app.inject({
      method: 'POST',
      url: `/api/v1/risk/rule-sets/${id}/shadow`,
      headers: { cookie: customs },
      payload: { on: false },
    });
    expect(json(off)).toMatchObject({ shadow: false });
    expect((await send(`${D1}T14:30:00`, 6, 1)).decisions).toHaveLength(1);
  });

  it('replaying the published version over the day reproduces the stored decisions exactly', async () => {
    const published = await p.database.db
      .selectFrom('risk_rule_sets')
      .select('id')
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/v1/risk/replay',
      headers: { cookie: customs },
      payload: { ruleSetId: published.id, from: D1, to: D1 },
    });
    expect(res.statusCode, res.body).toBe(200);
    // 10 parcels so far: 1 judged by the baseline (green under both), 9 by version 1; three second orders of a split.
    expect(json(res)).toMatchObject({
      parcels: 10,
      changed: 0,
      lanes: { green: 7, inspection: 3 },
      recordedLanes: { green: 7, inspection: 3 },
    });
  });

  it('sends a parcel to manual review (300) when the rules cannot be evaluated, with the error on its decision', async () => {
    // A published body that no longer checks (written behind the API's back): evaluation fails, clearance does not.
    await sql`UPDATE risk_rule_sets SET body = '{"rules": []}'::jsonb WHERE status = 'published'`.execute(
      p.database.db,
    );
    const r = await send(`${D1}T15:00:00`, 4, 1);
    expect(r.status).toBe('300');
    expect(r.channel.lane).toBe('manual_review');
    const d = r.decisions[0] as { lane: string; explanation: { error?: { zh: string; en: string } } };
    expect(d.lane).toBe('manual_review');
    expect(d.explanation.error?.en).toMatch(/^invalid rule set: rules/);
    expect(r.events.find((e) => e.status === '300')?.return_info).toBe('人工审核：风险评估未完成');
  });
});
