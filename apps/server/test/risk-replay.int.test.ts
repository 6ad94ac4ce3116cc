import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '@crossgate/domain';
import { buildImportParcel } from '@crossgate/ceb';
import { ENGINES } from '../../../test/support/engines.ts';
import {
  MILK,
  buyer,
  gatewayFor,
  importInventoryOf,
  parcelSpec,
  sendImport,
  statuses,
  infos,
  type Gateway,
} from './support/import-kit.ts';
import { json, startPlatform, type Platform } from './support/platform.ts';

/**
 * The test bench (issue 19): the default rule set replayed over a day of stored import parcels. The history is
 * built through the gateway at chosen receipt times; the recorded lanes come from today's channel (a draw of 0
 * sends a parcel to inspection, an officer then rejects or releases it). Expected figures are counted by hand
 * from the parcels below.
 */

const at = (beijing: string) => new Date(`${beijing}+08:00`);
/** Beijing dates from tomorrow on: the demo's agency authorisations start when the platform is seeded. */
const day = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const D1 = day(1);
const D2 = day(2);
const D3 = day(3);

describe.each(ENGINES)('risk replay on %s', (engine) => {
  let p: Platform;
  let g: Gateway;
  let clock = new Date();
  let draw = 0.999;
  let customs: string;
  const orders: Record<string, string> = {};
  let serial = 0;

  /** Sends one parcel received at `when`: `qty` tins of milk at `price`, by the buyer `who` at `address`. */
  async function send(
    name: string,
    when: string,
    who: string,
    o: { qty?: number; price?: string; address?: string; inspect?: boolean } = {},
  ) {
    clock = at(when);
    draw = o.inspect ? 0 : 0.999;
    const qty = o.qty ?? 2;
    const b = {
      ...buyer(
        `4108001990010${String(2000 + Number(who.replace(/\D/g, '') || 0) + (who.startsWith('E') ? 50 : 0)).padStart(5, '0')}`,
      ),
      telephone: `139${String(10_000_000 + serial++).padStart(8, '0')}`,
      address: o.address ?? `河南省焦作市解放区回放路${who}号`,
    };
    const spec = parcelSpec({
      now: clock,
      buyer: b,
      items: [{ ...MILK, qty: String(qty), qty1: (0.9 * qty).toFixed(1), price: o.price ?? MILK.price }],
    });
    const answers = await sendImport(g, buildImportParcel(spec));
    for (const a of answers) expect(statuses(a.body), `${name}: ${infos(a.body).join(' ')}`).toEqual(['2']);
    orders[name] = spec.orderNo;
  }

  beforeAll(async () => {
    p = await startPlatform(engine, {}, { draw: () => draw, receiptClock: () => clock });
    g = await gatewayFor(p);
    customs = await p.login('customs');
    const zone = await p.login('zone');
    const rate = (r: string) =>
      p.app.inject({
        method: 'PATCH',
        url: '/api/v1/zone',
        headers: { cookie: zone },
        payload: { inspectionSamplingRate: r },
      });
    expect((await rate('0.05')).statusCode).toBe(200);

    // History the day before: buyer A's first order (counted in the 24-hour window of the next one).
    await send('H1', `${D1}T20:00:00`, 'A1', { qty: 10 });
    // The replayed day. P1: buyer A again 13 h later — 2 orders, 5,380 CNY in 24 h; drawn for inspection, rejected.
    await send('P1', `${D2}T09:00:00`, 'A1', { qty: 10, inspect: true });
    // P3a, P3b: buyer C splits 5,380 CNY over two orders two hours apart; P3b drawn, inspected and released.
    await send('P3a', `${D2}T12:00:00`, 'C3', { qty: 10 });
    await send('P3b', `${D2}T14:00:00`, 'C3', { qty: 10, inspect: true });
    // P4: a tin of milk declared at 100.00 against the filed 268.00 (ratio 0.373 < 0.5).
    await send('P4', `${D2}T15:00:00`, 'D4', { price: '100.00', qty: 1 });
    // E1–E5: five buyers at one address, 546 CNY each — the fifth makes five buyers in 7 days.
    for (let i = 1; i <= 5; i++)
      await send(`E${i}`, `${D2}T16:0${i}:00`, `E${i}`, { address: '河南省焦作市山阳区共用路9号' });
    // The day after (outside the range): nothing of it may be counted.
    await send('N1', `${D3}T10:00:00`, 'A1', { qty: 10 });

    const decide = async (name: string, action: 'reject' | 'release') => {
      const inv = await importInventoryOf(p, orders[name] as string);
      expect(inv.status, name).toBe('500');
      const res = await p.app.inject({
        method: 'POST',
        url: `/api/v1/import/inventories/${inv.id}/decision`,
        headers: { cookie: customs },
        payload: { action, reason: '回放测试：查验结果' },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    await decide('P1', 'reject');
    await decide('P3b', 'release');
    // Today no parcel is sampled at random (zone rate and credit-level table at 0), so the replay's
    // random-sample rule stays silent whatever the parcels' draws.
    expect((await rate('0')).statusCode).toBe(200);
    const table = await p.app.inject({
      method: 'PUT',
      url: '/api/v1/credit/sampling-rates',
      headers: { cookie: zone },
      payload: { A: '0', B: '0', C: '0', D: '0' },
    });
    expect(table.statusCode, table.body).toBe(200);
  });
  afterAll(async () => p?.close());

  it('replays the default rule set over one day: lane changes, inspection load, precision', async () => {
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/v1/risk/replay',
      headers: { cookie: customs },
      payload: { body: DEFAULT_RULE_SET, from: D2, to: D2 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = json<{
      parcels: number;
      changed: number;
      lanes: Record<string, number>;
      recordedLanes: Record<string, number>;
      inspectionLoad: number;
      recordedInspectionLoad: number;
      precision: unknown;
      changes: { documentId: string; recorded: string; replayed: string; fired: string[] }[];
      rulesEvaluated: number;
    }>(res);
    if (process.env.RISK_DEBUG) console.log(JSON.stringify(r, null, 1));
    expect(r.parcels).toBe(9);
    expect(r.lanes).toEqual({ inspection: 3, green: 5, document_review: 1 });
    expect(r.recordedLanes).toEqual({ inspection: 2, green: 7 });
    expect(r.inspectionLoad).toBe(3);
    expect(r.recordedInspectionLoad).toBe(2);
    expect(r.precision).toEqual({ concluded: 2, found: 1, value: 0.5 });
    expect(r.changed).toBe(2);
    // The replay names parcels by document and inventory number only: no buyer's name, ID number, phone or address.
    for (const pii of ['张三', '410800199001', '回放路', '共用路', '河南省'])
      expect(res.body, pii).not.toContain(pii);
    expect(res.body).not.toMatch(/1391\d{7}/);
    const p4 = (await importInventoryOf(p, orders.P4 as string)).id;
    const e5 = (await importInventoryOf(p, orders.E5 as string)).id;
    expect(r.changes.map((c) => [c.documentId, c.recorded, c.replayed, c.fired])).toEqual([
      [p4, 'green', 'inspection', ['undervalued_line']],
      [e5, 'green', 'document_review', ['shared_address']],
    ]);
    expect(r.rulesEvaluated).toBe(9 * 9);
  });

  it('a stored version replays the same; another role is refused', async () => {
    const draft = await p.app.inject({
      method: 'POST',
      url: '/api/v1/risk/rule-sets',
      headers: { cookie: customs },
      payload: { name: '默认规则集', body: DEFAULT_RULE_SET },
    });
    const id = json<{ id: string }>(draft).id;
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/v1/risk/replay',
      headers: { cookie: customs },
      payload: { ruleSetId: id, from: D2, to: D2 },
    });
    expect(json(res)).toMatchObject({
      ruleSet: { id, version: 1 },
      parcels: 9,
      changed: 2,
      inspectionLoad: 3,
    });
    const seller = await p.login('seller');
    const refused = await p.app.inject({
      method: 'POST',
      url: '/api/v1/risk/replay',
      headers: { cookie: seller },
      payload: { ruleSetId: id, from: D2, to: D2 },
    });
    expect(refused.statusCode).toBe(403);
  });
});
