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

  it('releases the near miss: two orders of 2,422.00 (4,844.00 ≤ 5,000 in 24 h)', async () => {
    expect((await send(`${D1}T12:00:00`, 3, 9)).status).toBe('800');
    const second = await send(`${D1}T13:00:00`, 3, 9);
    expect(second.status).toBe('800');
    expect(second.channel.fired).toEqual([]);
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
