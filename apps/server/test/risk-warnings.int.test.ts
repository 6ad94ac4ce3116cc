import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '@crossgate/domain';
import { buildImportParcel } from '@crossgate/ceb';
import { ENGINES } from '../../../test/support/engines.ts';
import {
  MILK,
  PARTIES,
  buyer,
  gatewayFor,
  importInventoryOf,
  infos,
  parcelSpec,
  sendImport,
  statuses,
  type Gateway,
} from './support/import-kit.ts';
import { json, startPlatform, type Platform } from './support/platform.ts';

/**
 * 风险预警 (issue 19, decision 0047): the warning scan over a day of parcels planted through the gateway — a fan-in
 * address, a split order, a payer paying for three buyers, an order never paid — each raised once, the near misses
 * silent, a rescan raising nothing; then the queue, assignment, disposal, the second officer's review and where a
 * confirmed fan-in lands (its buyers on the negative list: the next parcel goes to inspection); per-rule statistics.
 * Figures are counted by hand: a tin of milk is 268.00 CNY, freight 10.00, so 2 tins are 546.00, 9 are 2,422.00 and
 * 10 are 2,690.00.
 */

const at = (beijing: string) => new Date(`${beijing}+08:00`);
const day = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const D2 = day(2);
const SELLER = PARTIES.seller.code;
const COMMON_PAYER = '410800198001010011';

describe.each(ENGINES)('risk warnings on %s', (engine) => {
  let p: Platform;
  let g: Gateway;
  let clock = new Date();
  let draw = 0.999;
  let customs: string;
  let second: string;
  const orders: Record<string, string> = {};
  const buyers: Record<string, string> = {};
  let serial = 0;

  async function send(
    name: string,
    when: string,
    who: string,
    o: {
      qty?: number;
      address?: string;
      inspect?: boolean;
      payer?: string;
      kinds?: ('order' | 'payment' | 'waybill' | 'inventory')[];
    } = {},
  ) {
    clock = at(`${D2}T${when}`);
    draw = o.inspect ? 0 : 0.999;
    const qty = o.qty ?? 2;
    const id = `4108001990020${String(3000 + serial).padStart(5, '0')}`;
    buyers[name] = buyers[who] ?? id;
    buyers[who] ??= id;
    const b = {
      ...buyer(buyers[who]),
      telephone: `139${String(20_000_000 + serial++).padStart(8, '0')}`,
      address: o.address ?? `河南省焦作市解放区预警路${serial}号`,
    };
    const spec = parcelSpec({
      now: clock,
      buyer: b,
      items: [{ ...MILK, qty: String(qty), qty1: (0.9 * qty).toFixed(1), price: MILK.price }],
    });
    const m = buildImportParcel(spec);
    if (o.payer)
      m.payment = m.payment.replace(
        /<ceb:payerIdNumber>[^<]*<\/ceb:payerIdNumber>/,
        `<ceb:payerIdNumber>${o.payer}</ceb:payerIdNumber>`,
      );
    const answers = await sendImport(g, m, o.kinds);
    for (const a of answers) expect(statuses(a.body), `${name}: ${infos(a.body).join(' ')}`).toEqual(['2']);
    orders[name] = spec.orderNo;
  }

  const post = (url: string, cookie: string, payload: unknown) =>
    p.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { cookie }, payload: payload as object });
  const get = (url: string, cookie: string) => p.app.inject({ url: `/api/v1${url}`, headers: { cookie } });
  const invId = async (name: string) => (await importInventoryOf(p, orders[name] as string)).id;

  beforeAll(async () => {
    p = await startPlatform(engine, {}, { draw: () => draw, receiptClock: () => clock });
    g = await gatewayFor(p);
    customs = await p.login('customs');
    // A second customs officer, for the review.
    const zone = await p.login('zone');
    const customsOrg = await p.database.db
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', 'agency')
      .where('agency_type', '=', 'customs')
      .executeTakeFirstOrThrow();
    const made = await post('/users', zone, {
      orgId: customsOrg.id,
      username: 'customs-reviewer',
      displayName: '复核官员',
      password: 'Reviewer-Password-1',
      roles: ['operator'],
    });
    expect(made.statusCode, made.body).toBe(201);
    second = await p.login('customs-reviewer', 'Reviewer-Password-1');

    // Fan-in: five buyers at one address (546.00 each).
    for (let i = 1; i <= 5; i++)
      await send(`F${i}`, `09:0${i}:00`, `F${i}`, { address: '河南省焦作市山阳区共用路9号' });
    // Near miss: four buyers at another address.
    for (let i = 1; i <= 4; i++)
      await send(`G${i}`, `09:1${i}:00`, `G${i}`, { address: '河南省焦作市山阳区近似路8号' });
    // Split: one buyer, two orders of 2,690.00 two hours apart (5,380.00), to two addresses.
    await send('S1', '10:00:00', 'S', { qty: 10 });
    await send('S2', '12:00:00', 'S', { qty: 10 });
    // Near miss: one buyer, two orders of 2,422.00 (4,844.00).
    await send('N1', '10:30:00', 'N', { qty: 9 });
    await send('N2', '12:30:00', 'N', { qty: 9 });
    // Payer fan-in: one payer pays for three buyers (orders and payments only; the match would refuse them).
    for (let i = 1; i <= 3; i++)
      await send(`P${i}`, `13:0${i}:00`, `P${i}`, { payer: COMMON_PAYER, kinds: ['order', 'payment'] });
    // Near miss: another payer for two buyers.
    for (let i = 1; i <= 2; i++)
      await send(`Q${i}`, `13:1${i}:00`, `Q${i}`, {
        payer: '410800198001010022',
        kinds: ['order', 'payment'],
      });
    // Three flows: an order of 2,690.00 never paid.
    await send('U1', '14:00:00', 'U1', { qty: 10, kinds: ['order'] });
    // Two parcels drawn for inspection: X1 rejected (a finding), X2 released (clean).
    await send('X1', '15:00:00', 'X1', { inspect: true });
    await send('X2', '15:10:00', 'X2', { inspect: true });
    for (const [name, action] of [
      ['X1', 'reject'],
      ['X2', 'release'],
    ] as const) {
      const res = await post(`/import/inventories/${await invId(name)}/decision`, customs, {
        action,
        reason: '预警测试：查验结果',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(async () => p?.close());

  type Summary = {
    id: string;
    typology: string;
    subject: string;
    period: string;
    severity: string;
    status: string;
    parcelCount: number;
    zh: string;
  };
  type Detail = Summary & {
    evidence: {
      parcels: { id: string; invtNo: string | null }[];
      buyers: number;
      sellers: string[];
      figures: Record<string, unknown>;
    };
    history: { action: string; actor: { name: string } | null; note: string | null }[];
    disposedBy: { name: string } | null;
    reviewedBy: { name: string } | null;
  };
  const warnings = async () =>
    json<{ items: Summary[]; total: number }>(await get('/risk/warnings?pageSize=50', customs));
  const of = async (typology: string) => {
    const w = (await warnings()).items.find((x) => x.typology === typology);
    expect(w, typology).toBeDefined();
    return json<Detail>(await get(`/risk/warnings/${w?.id}`, customs));
  };

  it('a scan raises each planted pattern once with its evidence, and stays silent on the near misses', async () => {
    const res = await post('/risk/warnings/scan', customs, { from: D2, to: D2 });
    expect(res.statusCode, res.body).toBe(200);
    const r = json<{ raised: number; byTypology: Record<string, number>; parcels: number; orders: number }>(
      res,
    );
    expect(r.byTypology).toEqual({
      address_fan_in: 1,
      split_orders: 1,
      payer_fan_in: 1,
      three_flow_mismatch: 1,
    });
    expect(r.raised).toBe(4);
    expect(r.parcels).toBe(15);
    expect(r.orders).toBe(21);

    const fan = await of('address_fan_in');
    expect(fan.evidence.parcels.map((x) => x.id)).toEqual(
      await Promise.all(['F1', 'F2', 'F3', 'F4', 'F5'].map(invId)),
    );
    expect(fan.evidence.figures).toEqual({ buyers7d: 5, parcels: 5, threshold: 5 });
    expect(fan.evidence.buyers).toBe(5);
    expect(fan).toMatchObject({ severity: 'medium', status: 'open', parcelCount: 5 });

    const split = await of('split_orders');
    expect(split.evidence.parcels.map((x) => x.id)).toEqual(await Promise.all(['S1', 'S2'].map(invId)));
    expect(split.evidence.figures).toEqual({
      window: '24h',
      orders: 2,
      sumCny: '5380.00',
      limitCny: '5000.00',
    });
    expect(split.subject).toMatch(/^buyer#[0-9a-f]{8}$/);

    const payer = await of('payer_fan_in');
    expect(payer.evidence.figures).toEqual({ buyers7d: 3, parcels: 3, threshold: 3 });

    const flows = await of('three_flow_mismatch');
    expect(flows).toMatchObject({ subject: SELLER, period: `M${D2.slice(0, 7)}` });
    expect(flows.evidence.figures).toMatchObject({
      orders: 21,
      unpaidOrders: 1,
      orderCny: '21650.00',
      paymentCny: '18960.00',
      moneyGapRatio: '0.1242',
    });
    // Persons appear as keyed references only: no address, name, ID number or telephone in the queue or a detail.
    const bodies = [
      (await get('/risk/warnings?pageSize=50', customs)).body,
      JSON.stringify([fan, split, payer]),
    ];
    for (const text of bodies)
      for (const pii of ['共用路', '河南省', '张三', '410800199002', COMMON_PAYER])
        expect(text).not.toContain(pii);
  });

  it('a rescan of the same day raises nothing twice', async () => {
    const res = await post('/risk/warnings/scan', customs, { from: D2, to: D2 });
    expect(json<{ raised: number; candidates: number }>(res)).toMatchObject({ raised: 0, candidates: 4 });
    expect((await warnings()).total).toBe(4);
  });

  it('filters the queue by typology, severity and status', async () => {
    const q = async (query: string) =>
      json<{ total: number }>(await get(`/risk/warnings?${query}`, customs)).total;
    expect(await q('typology=split_orders')).toBe(1);
    expect(await q('severity=high')).toBe(0);
    expect(await q('status=open')).toBe(4);
    expect(await q('status=closed')).toBe(0);
  });

  it('assign, confirm, review by a second officer: the fan-in address’s buyers land on the negative list', async () => {
    const fan = await of('address_fan_in');
    const officers = json<{ id: string; name: string }[]>(await get('/risk/officers', customs));
    const me = json<{ user: { id: string } }>(await get('/auth/me', customs)).user.id;
    expect(officers.map((o) => o.id)).toContain(me);
    expect((await post(`/risk/warnings/${fan.id}/assign`, customs, { assignee: me })).statusCode).toBe(200);
    // The second officer may not dispose of a warning assigned to the first.
    const taken = await post(`/risk/warnings/${fan.id}/dispose`, second, {
      outcome: 'dismissed',
      note: '无',
    });
    expect(taken.statusCode).toBe(409);
    const disposed = await post(`/risk/warnings/${fan.id}/dispose`, customs, {
      outcome: 'confirmed',
      note: '五名买家共用一个收货地址，核实为刷单',
      actions: {
        negativeList: true,
        creditEvent: true,
        referral: { agency: 'market_supervision', note: '请核查' },
      },
    });
    expect(disposed.statusCode, disposed.body).toBe(200);
    expect(json<Detail>(disposed).status).toBe('disposed');
    // The officer who disposed may not review.
    const own = await post(`/risk/warnings/${fan.id}/review`, customs, { decision: 'approved' });
    expect(own.statusCode).toBe(422);
    expect(own.body).toContain('SAME_OFFICER');
    const reviewed = await post(`/risk/warnings/${fan.id}/review`, second, {
      decision: 'approved',
      note: '同意',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const d = json<Detail>(reviewed);
    expect(d.status).toBe('closed');
    expect(d.reviewedBy?.name).toBe('复核官员');
    expect(d.history.map((h) => h.action)).toEqual(['raised', 'assigned', 'confirmed', 'review.approved']);

    // The five buyers are on the negative list (by their keyed hash), and the seller has one credit event.
    const keys = await p.database.db
      .selectFrom('inventory_clearance')
      .select('buyer_key')
      .where('document_id', 'in', await Promise.all(['F1', 'F2', 'F3', 'F4', 'F5'].map(invId)))
      .execute();
    const listed = await p.database.db
      .selectFrom('negative_list')
      .select(['subject_type', 'subject_key'])
      .where(
        'subject_key',
        'in',
        keys.map((k) => k.buyer_key),
      )
      .where('delisted_at', 'is', null)
      .execute();
    expect(listed).toHaveLength(5);
    expect(new Set(listed.map((l) => l.subject_type))).toEqual(new Set(['person']));
    const events = await p.database.db
      .selectFrom('credit_events')
      .select(['subject_key', 'category', 'weight', 'reference'])
      .where('category', '=', 'risk_warning')
      .execute();
    expect(events).toEqual([
      { subject_key: SELLER, category: 'risk_warning', weight: '-5.00', reference: `risk_warning:${fan.id}` },
    ]);
    // The audit trail has each act.
    const audit = await p.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', fan.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'risk_warning.assigned',
      'risk_warning.confirmed',
      'risk_warning.review.approved',
    ]);
    // Buyer F1's next parcel goes to inspection (a negative-listed party).
    await send('F1b', '18:00:00', 'F1');
    expect((await importInventoryOf(p, orders.F1b as string)).status).toBe('500');
  });

  it('a returned review goes back to the officer; a dismissal takes no action', async () => {
    const split = await of('split_orders');
    const withActions = await post(`/risk/warnings/${split.id}/dispose`, customs, {
      outcome: 'dismissed',
      note: '家庭采购',
      actions: { negativeList: true },
    });
    expect(withActions.statusCode).toBe(422);
    expect(
      (await post(`/risk/warnings/${split.id}/dispose`, customs, { outcome: 'dismissed', note: '家庭采购' }))
        .statusCode,
    ).toBe(200);
    const returned = await post(`/risk/warnings/${split.id}/review`, second, {
      decision: 'returned',
      note: '请补充说明',
    });
    expect(json<Detail>(returned).status).toBe('assigned');
    expect(
      (await post(`/risk/warnings/${split.id}/review`, second, { decision: 'approved' })).statusCode,
    ).toBe(409);
  });

  it('enterprises and the zone office get 403 on the queue, a detail (existing or not) and the scan', async () => {
    const id = (await warnings()).items[0]?.id as string;
    for (const user of ['seller', 'platform', 'zone']) {
      const cookie = await p.login(user);
      expect((await get('/risk/warnings', cookie)).statusCode, user).toBe(403);
      expect((await get(`/risk/warnings/${id}`, cookie)).statusCode, user).toBe(403);
      expect((await post('/risk/warnings/scan', cookie, { from: D2, to: D2 })).statusCode, user).toBe(403);
      expect(
        (await get(`/risk/warnings/00000000-0000-4000-8000-000000000000`, cookie)).statusCode,
        user,
      ).toBe(403);
    }
  });

  it('per-rule statistics of a version: hits, inspections, found, precision, trend', async () => {
    const draft = await post('/risk/rule-sets', customs, { name: '默认规则集', body: DEFAULT_RULE_SET });
    const ruleSet = json<{ id: string }>(draft).id;
    const org = await p.database.db
      .selectFrom('organisations')
      .select('id')
      .where('code', '=', SELLER)
      .executeTakeFirstOrThrow();
    const decision = async (name: string, fired: string[], lane: string, time: string) => ({
      direction: 'import' as const,
      document_id: await invId(name),
      org_id: org.id,
      rule_set_id: ruleSet,
      rule_set_version: 1,
      lane: lane as 'inspection',
      explanation: JSON.stringify({ lane, fired: fired.map((rule) => ({ rule })) }),
      shadow: false,
      decided_at: at(`${D2}T${time}`),
    });
    await p.database.db
      .insertInto('risk_decisions')
      .values([
        await decision('X1', ['random_sample'], 'inspection', '15:00:00'),
        await decision('X2', ['random_sample', 'split_buyer_24h'], 'inspection', '15:10:00'),
        await decision('F2', ['shared_address'], 'document_review', '09:02:00'),
      ])
      .execute();
    const res = await get(`/risk/rule-stats?ruleSetId=${ruleSet}&from=${D2}&to=${D2}`, customs);
    expect(res.statusCode, res.body).toBe(200);
    const s = json<{
      periods: string[];
      rules: {
        rule: string;
        hits: number;
        inspected: number;
        concluded: number;
        found: number;
        precision: number | null;
        trend: unknown[];
      }[];
    }>(res);
    expect(s.periods).toEqual([D2]);
    const rule = (id: string) => s.rules.find((r) => r.rule === id);
    expect(rule('random_sample')).toMatchObject({
      hits: 2,
      inspected: 2,
      concluded: 2,
      found: 1,
      precision: 0.5,
      trend: [{ period: D2, hits: 2, found: 1 }],
    });
    expect(rule('split_buyer_24h')).toMatchObject({
      hits: 1,
      inspected: 1,
      concluded: 1,
      found: 0,
      precision: 0,
    });
    expect(rule('shared_address')).toMatchObject({
      hits: 1,
      inspected: 0,
      concluded: 0,
      found: 0,
      precision: null,
    });
    expect(rule('undervalued_line')).toMatchObject({ hits: 0, precision: null, trend: [] });
    expect(s.rules).toHaveLength(DEFAULT_RULE_SET.rules.length);
    // The Excel export, read back: the header row, then one row per rule with its figures and the day's hits.
    const file = await get(`/risk/rule-stats/export.xlsx?ruleSetId=${ruleSet}&from=${D2}&to=${D2}`, customs);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows.findIndex((r) => r[0] === '规则 Rule');
    expect(rows[header]).toEqual([
      '规则 Rule',
      '名称 Name',
      '命中 Hits',
      '查验 Inspected',
      '查验办结 Concluded',
      '查获 Found',
      '查获率 Precision',
      D2,
    ]);
    const sample = rows.slice(header + 1).find((r) => r[0] === 'random_sample');
    expect(sample).toEqual(['random_sample', '随机抽查 (Random sampling)', 2, 2, 2, 1, 0.5, 2]);
    const seller = await p.login('seller');
    expect((await get(`/risk/rule-stats?ruleSetId=${ruleSet}&from=${D2}&to=${D2}`, seller)).statusCode).toBe(
      403,
    );
    expect(
      (await get(`/risk/rule-stats/export.xlsx?ruleSetId=${ruleSet}&from=${D2}&to=${D2}`, seller)).statusCode,
    ).toBe(403);
  });
});
