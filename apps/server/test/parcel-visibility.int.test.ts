import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  TAuditEntry,
  TExportParcel,
  TPage,
  TParcel,
  TPersonalData,
  TPublicParcelStatus,
} from '@crossgate/contract';
import { buildExportParcel, buildImportParcel, type ParcelSpec, type Party } from '@crossgate/ceb';
import { ENGINES } from '../../../test/support/engines.ts';
import { apiKeyCaller, probeEnterprise, signIn, userCaller, type Caller } from './support/access-kit.ts';
import { clearExport, exportSpec } from './support/export-kit.ts';
import {
  buyer,
  gatewayFor,
  importInventoryOf,
  MILK,
  parcelSpec,
  PARTIES,
  sendImport,
  statuses,
  uniqueId,
  type Gateway,
} from './support/import-kit.ts';
import { DEMO_PASSWORD, json, startPlatform, type Platform } from './support/platform.ts';

/**
 * Who sees which document of a parcel (decision 0020, SECURITY.md "Parcel views and reveals"): an enterprise
 * that writes another enterprise's order or waybill number into an inventory of its own does not become a
 * party to that order or waybill; the reveal of personal data is audited against every organisation whose data
 * it shows; public tracking lists only matched declarations; a quota refusal's figures stay with the declarer.
 */
describe.each(ENGINES)('parcel views and reveals (%s)', (engine) => {
  let p: Platform;
  let g: Gateway;
  /** An enterprise unrelated to the victims' parcels: its own key (gateway) and a clerk (admin + operator). */
  let attacker: { party: Party; orgId: string; key: string; clerk: Caller };
  const sessions = new Map<string, Record<string, string>>();

  /** A demo user's signed-in headers (cookie, and the CSRF token for writes). */
  const demo = async (username: string, method = 'GET') => {
    const key = `${username} ${method}`;
    if (!sessions.has(key)) {
      const browser = await signIn(p.app, username, DEMO_PASSWORD);
      sessions.set(`${username} GET`, browser.headers('GET'));
      sessions.set(`${username} POST`, browser.headers('POST'));
    }
    return sessions.get(key) as Record<string, string>;
  };

  beforeAll(async () => {
    p = await startPlatform(engine);
    g = await gatewayFor(p);
    const org = await probeEnterprise(p, 'attacker');
    const key = await apiKeyCaller(p, 'attacker system', org.id);
    const clerk = await userCaller(p, 'attacker clerk', org.id, ['admin', 'operator']);
    attacker = {
      party: { code: org.code, name: `焦作访问矩阵测试企业attacker${org.code}`, dxpId: 'DXPENT0000000099' },
      orgId: org.id,
      key: key.key,
      clerk,
    };
  });
  afterAll(() => p?.close());

  /** Posts a CEB message with the attacker's own key; the gateway's answer. */
  const asAttacker = (xml: string) =>
    p.app.inject({
      method: 'POST',
      url: '/ceb/messages',
      headers: { authorization: `Bearer ${attacker.key}`, 'content-type': 'application/xml' },
      payload: xml,
    });

  /** A victim parcel: the demo platform's order, payment firm's payment, carrier's waybill, agent's inventory. */
  async function victimParcel(overrides: Partial<ParcelSpec> = {}) {
    const spec = parcelSpec({
      buyer: {
        ...buyer(),
        name: '欧阳娜娜',
        telephone: '13977778888',
        address: '河南省焦作市山阳区塔南路88号',
      },
      ...overrides,
    });
    const answers = await sendImport(g, buildImportParcel(spec));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
    const inventory = await importInventoryOf(p, spec.orderNo);
    return { spec, inventoryId: inventory.id, status: inventory.status };
  }

  /**
   * The attacker's own CEB621, sent under its own copCode and naming itself as seller, agent and guarantor, but
   * carrying the victim's order number and/or waybill number (and the victim's platform and carrier codes, the
   * link keys). A draft (appStatus 1) unless told.
   */
  async function attackerInventory(
    victim: ParcelSpec,
    links: { orderNo?: string; logisticsNo?: string },
    appStatus: '1' | '2' = '1',
  ) {
    const own = uniqueId();
    const spec: ParcelSpec = {
      ...victim,
      orderNo: links.orderNo ?? `SO${own}`,
      logisticsNo: links.logisticsNo ?? `LN${own}`,
      copNo: `CX${own}`.slice(0, 20),
      seller: attacker.party,
      agent: attacker.party,
      buyer: { ...buyer(), name: '司马攻', telephone: '13600000001', address: '河南省郑州市金水区1号' },
    };
    const xml = buildImportParcel(spec).inventory.replace(
      /<ceb:appStatus>2<\/ceb:appStatus>/,
      `<ceb:appStatus>${appStatus}</ceb:appStatus>`,
    );
    const res = await asAttacker(xml);
    expect(res.statusCode, res.body).toBe(200);
    expect(statuses(res.body)[0], res.body).toBe(appStatus);
    const row = await p.database.db
      .selectFrom('import_documents')
      .select(['id', 'status'])
      .where('doc_type', '=', 'inventory')
      .where('org_id', '=', attacker.orgId)
      .where('order_no', '=', spec.orderNo)
      .where('logistics_no', '=', spec.logisticsNo)
      .executeTakeFirstOrThrow();
    return row;
  }

  const parcelAs = (headers: Record<string, string>, id: string) =>
    p.app.inject({ url: `/api/v1/import/inventories/${id}`, headers });
  const revealAs = (headers: Record<string, string>, id: string, reason: string) =>
    p.app.inject({
      method: 'POST',
      url: `/api/v1/import/inventories/${id}/personal-data`,
      headers,
      payload: { reason },
    });
  /** The personal-data views an organisation's own audit query shows for a parcel. */
  const auditedViews = async (headers: Record<string, string>, inventoryId: string) => {
    const res = await p.app.inject({
      url: '/api/v1/audit?action=personal_data.view&pageSize=200',
      headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    return json<TPage<TAuditEntry>>(res).items.filter(
      (e) => (e.after as { inventoryId?: string } | null)?.inventoryId === inventoryId,
    );
  };
  const victimSecrets = (spec: ParcelSpec) => [
    spec.buyer.name,
    spec.buyer.idNumber,
    spec.buyer.telephone,
    spec.buyer.address,
  ];

  it('attack 1 by order number: a draft inventory naming another platform’s order attaches none of its documents and reveals none of its personal data', async () => {
    const victim = await victimParcel();
    expect(victim.status).toBe('800');
    const draft = await attackerInventory(victim.spec, { orderNo: victim.spec.orderNo });
    expect(draft.status).toBe('1');

    const view = await parcelAs(attacker.clerk.headers('GET'), draft.id);
    expect(view.statusCode, view.body).toBe(200);
    const parcel = json<TParcel>(view);
    expect([parcel.order, parcel.payment, parcel.waybill]).toEqual([null, null, null]);
    expect(parcel.timeline.every((t) => t.documentId === draft.id)).toBe(true);

    const reveal = await revealAs(attacker.clerk.headers('POST'), draft.id, '核对订单');
    expect(reveal.statusCode, reveal.body).toBe(200);
    const data = json<TPersonalData>(reveal);
    expect(data.documents.map((d) => [d.docType, d.documentId])).toEqual([['inventory', draft.id]]);
    for (const secret of victimSecrets(victim.spec)) {
      expect(view.body).not.toContain(secret);
      expect(reveal.body).not.toContain(secret);
    }
    // The view was of the attacker's own document: its trail has it, the victim platform's has nothing.
    expect(await auditedViews(attacker.clerk.headers('GET'), draft.id)).toHaveLength(1);
    expect(await auditedViews(await demo('platform'), draft.id)).toHaveLength(0);
  });

  it('attack 1 by waybill number: a draft inventory naming another carrier’s waybill attaches neither the waybill nor its consignee', async () => {
    const victim = await victimParcel();
    const draft = await attackerInventory(victim.spec, { logisticsNo: victim.spec.logisticsNo });

    const parcel = json<TParcel>(await parcelAs(attacker.clerk.headers('GET'), draft.id));
    expect([parcel.order, parcel.payment, parcel.waybill]).toEqual([null, null, null]);
    // The waybill's order number (what would lead on to the order) is nowhere in the view.
    expect(JSON.stringify(parcel)).not.toContain(victim.spec.orderNo);

    const reveal = await revealAs(attacker.clerk.headers('POST'), draft.id, '核对运单');
    expect(reveal.statusCode).toBe(200);
    expect(json<TPersonalData>(reveal).documents.map((d) => d.docType)).toEqual(['inventory']);
    for (const secret of [...victimSecrets(victim.spec), victim.spec.orderNo])
      expect(reveal.body).not.toContain(secret);
    expect(await auditedViews(await demo('logistics'), draft.id)).toHaveLength(0);
  });

  it('attack 1 declared: an inventory copying another seller’s order and goods is not matched with that order, and learns nothing of it', async () => {
    const victim = await victimParcel({ items: [MILK] });
    // Not a draft: declared, with the victim's platform, order number, carrier and waybill number and the same
    // goods — only the seller (and agent, guarantor) is the attacker's own.
    const declared = await attackerInventory(
      victim.spec,
      { orderNo: victim.spec.orderNo, logisticsNo: victim.spec.logisticsNo },
      '2',
    );
    const row = await p.database.db
      .selectFrom('import_documents')
      .select('status')
      .where('id', '=', declared.id)
      .executeTakeFirstOrThrow();
    // The order is another seller's: the inventory waits for its own seller's order (no match, no quota, no 120).
    expect(row.status).toBe('2');
    const view = await parcelAs(attacker.clerk.headers('GET'), declared.id);
    const parcel = json<TParcel>(view);
    expect([parcel.order, parcel.payment, parcel.waybill]).toEqual([null, null, null]);
    expect(JSON.stringify(parcel.clearance.issues)).toContain('电子订单(CEB311)');
    // Nothing of the victim's documents came back: not in the view (findings, timeline), not in a receipt.
    const receipts = await p.database.db
      .selectFrom('receipts')
      .select(['return_info', 'xml'])
      .where('org_id', '=', attacker.orgId)
      .execute();
    for (const secret of [...victimSecrets(victim.spec), PARTIES.seller.code]) {
      expect(view.body).not.toContain(secret);
      expect(JSON.stringify(receipts)).not.toContain(secret);
    }
    // The victim's own parcel is untouched.
    const victimView = json<TParcel>(await parcelAs(await demo('agent'), victim.inventoryId));
    expect(victimView.inventory.status).toBe('800');
  });

  it('attack 1 under its own platform: an order of the attacker’s carrying the victim’s order number does not bring the victim’s waybill along', async () => {
    const victim = await victimParcel();
    // The attacker is platform, seller, payment firm and agent of its own parcel, numbered with the victim's
    // order number and waybill number; its consignee is its own.
    const spec: ParcelSpec = {
      ...parcelSpec(),
      orderNo: victim.spec.orderNo,
      logisticsNo: victim.spec.logisticsNo,
      platform: attacker.party,
      seller: attacker.party,
      payment: attacker.party,
      agent: attacker.party,
      buyer: { ...buyer(), name: '司马攻', telephone: '13600000002', address: '河南省郑州市金水区2号' },
    };
    const m = buildImportParcel(spec);
    for (const xml of [m.order, m.payment, m.inventory]) {
      const res = await asAttacker(xml);
      expect(res.statusCode, res.body).toBe(200);
    }
    const inventory = await p.database.db
      .selectFrom('import_documents')
      .select(['id', 'status'])
      .where('doc_type', '=', 'inventory')
      .where('org_id', '=', attacker.orgId)
      .where('ebp_code', '=', attacker.party.code)
      .where('order_no', '=', victim.spec.orderNo)
      .executeTakeFirstOrThrow();
    // Compared with the victim's waybill, the consignees differ: refused.
    expect(inventory.status).toBe('100');
    const view = await parcelAs(attacker.clerk.headers('GET'), inventory.id);
    const parcel = json<TParcel>(view);
    expect(parcel.order?.docType).toBe('order');
    expect(parcel.waybill).toBeNull();
    const reveal = await revealAs(attacker.clerk.headers('POST'), inventory.id, '核对运单');
    expect(json<TPersonalData>(reveal).documents.map((d) => d.docType)).toEqual([
      'inventory',
      'order',
      'payment',
    ]);
    for (const secret of victimSecrets(victim.spec)) {
      expect(view.body).not.toContain(secret);
      expect(reveal.body).not.toContain(secret);
    }
    expect(await auditedViews(await demo('logistics'), inventory.id)).toHaveLength(0);
  });

  it('shows a genuinely matched parcel’s four documents to its parties, and audits a reveal in the trail of the platform, the payment firm and the carrier', async () => {
    const victim = await victimParcel();
    for (const party of ['agent', 'platform', 'seller', 'logistics']) {
      const parcel = json<TParcel>(await parcelAs(await demo(party), victim.inventoryId));
      expect(
        [parcel.order?.docType, parcel.payment?.docType, parcel.waybill?.docType],
        `${party} sees the documents`,
      ).toEqual(['order', 'payment', 'waybill']);
      expect(parcel.timeline.map((t) => t.docType)).toEqual(
        expect.arrayContaining(['order', 'payment', 'waybill', 'inventory']),
      );
    }
    const reason = `核验身份 ${uniqueId()}`;
    const reveal = await revealAs(await demo('agent', 'POST'), victim.inventoryId, reason);
    expect(reveal.statusCode, reveal.body).toBe(200);
    const data = json<TPersonalData>(reveal);
    expect(data.documents.map((d) => d.docType)).toEqual(['inventory', 'order', 'payment', 'waybill']);
    expect(reveal.body).toContain(victim.spec.buyer.idNumber);
    // Each organisation whose documents were shown finds the view in its own audit trail, against its document.
    const documentOf = async (docType: 'order' | 'payment' | 'waybill' | 'inventory') =>
      (
        await p.database.db
          .selectFrom('import_documents')
          .select('id')
          .where('doc_type', '=', docType)
          .where('order_no', '=', victim.spec.orderNo)
          .executeTakeFirstOrThrow()
      ).id;
    for (const [who, docType] of [
      ['platform', 'order'],
      ['payment', 'payment'],
      ['logistics', 'waybill'],
      ['agent', 'inventory'],
    ] as const) {
      const documentId = await documentOf(docType);
      const seen = await auditedViews(await demo(who), victim.inventoryId);
      const own = seen.find((e) => e.targetId === documentId);
      expect(own, `${who} finds the view of its ${docType}`).toBeDefined();
      expect((own?.after as { reason: string }).reason).toBe(reason);
    }
    // A customs officer's reveal is audited the same way.
    await revealAs(await demo('customs', 'POST'), victim.inventoryId, `${reason} 海关`);
    expect(
      (await auditedViews(await demo('payment'), victim.inventoryId)).map(
        (e) => (e.after as { reason: string }).reason,
      ),
    ).toEqual(expect.arrayContaining([reason, `${reason} 海关`]));
  });

  it('public tracking under a waybill shows only the matched, declared inventory', async () => {
    const victim = await victimParcel();
    // Under the victim's waybill number: the attacker's draft, its declared inventory with its own order
    // number (never matched), and its declared copy of the victim's order (never matched either).
    await attackerInventory(victim.spec, { logisticsNo: victim.spec.logisticsNo });
    await attackerInventory(victim.spec, { logisticsNo: victim.spec.logisticsNo }, '2');
    await attackerInventory(
      victim.spec,
      { orderNo: victim.spec.orderNo, logisticsNo: victim.spec.logisticsNo },
      '2',
    );
    const res = await p.app.inject({ url: `/api/v1/public/parcels?logisticsNo=${victim.spec.logisticsNo}` });
    expect(res.statusCode, res.body).toBe(200);
    const found = json<TPublicParcelStatus>(res);
    expect(found.parcels.map((x) => [x.direction, x.status])).toEqual([['import', '800']]);

    // A waybill number with nothing but a draft and an unmatched declaration is not found at all.
    const lone = `LN${uniqueId()}`;
    await attackerInventory(victim.spec, { logisticsNo: lone });
    await attackerInventory(victim.spec, { logisticsNo: lone }, '2');
    expect((await p.app.inject({ url: `/api/v1/public/parcels?logisticsNo=${lone}` })).statusCode).toBe(404);
  });

  it('attack 1 on exports: a draft export inventory naming another seller’s order and waybill attaches none of them, and public tracking does not list it', async () => {
    const victim = exportSpec();
    await clearExport(g, victim);
    const own = uniqueId();
    const xml = buildExportParcel({
      ...victim,
      copNo: `CX${own}`.slice(0, 20),
      seller: attacker.party,
      agent: attacker.party,
    }).inventory.replace(/<ceb:appStatus>2<\/ceb:appStatus>/, '<ceb:appStatus>1</ceb:appStatus>');
    const sent = await asAttacker(xml);
    expect(sent.statusCode, sent.body).toBe(200);
    const draft = await p.database.db
      .selectFrom('export_documents')
      .select(['id', 'status'])
      .where('doc_type', '=', 'inventory')
      .where('org_id', '=', attacker.orgId)
      .where('order_no', '=', victim.orderNo)
      .executeTakeFirstOrThrow();
    expect(draft.status).toBe('1');
    const view = await p.app.inject({
      url: `/api/v1/export/inventories/${draft.id}`,
      headers: attacker.clerk.headers('GET'),
    });
    expect(view.statusCode, view.body).toBe(200);
    const parcel = json<TExportParcel>(view);
    expect([parcel.order, parcel.receipt, parcel.waybill]).toEqual([null, null, null]);
    // The victim's parcel still shows its documents to its seller.
    const victimId = (
      await p.database.db
        .selectFrom('export_documents')
        .select('id')
        .where('doc_type', '=', 'inventory')
        .where('business_key', '=', `${PARTIES.seller.code}|${victim.orderNo}`)
        .executeTakeFirstOrThrow()
    ).id;
    const genuine = json<TExportParcel>(
      await p.app.inject({ url: `/api/v1/export/inventories/${victimId}`, headers: await demo('seller') }),
    );
    expect([genuine.order?.docType, genuine.receipt?.docType, genuine.waybill?.docType]).toEqual([
      'order',
      'receipt',
      'waybill',
    ]);
    const tracked = json<TPublicParcelStatus>(
      await p.app.inject({ url: `/api/v1/public/parcels?logisticsNo=${victim.logisticsNo}` }),
    );
    expect(tracked.parcels.map((x) => [x.direction, x.status])).toEqual([['export', '899']]);
  });

  it('attack 6: a −621018 refusal names the buyer masked and no amounts to other parties, while the declarer and customs read the figures', async () => {
    const quotaBuyer = {
      ...buyer(),
      name: '诸葛卧龙',
      address: '河南省焦作市马村区待王镇1号',
    };
    const big = { ...MILK, qty: '10', qty1: '9', price: '480.00' };
    for (let i = 0; i < 5; i++) await victimParcel({ buyer: quotaBuyer, items: [big], freight: '0' });
    const refused = await victimParcel({
      buyer: quotaBuyer,
      items: [{ ...MILK, qty: '5', qty1: '4.5', price: '400.20' }],
      freight: '0',
    });
    expect(refused.status).toBe('100');
    const entryOf = (parcel: TParcel) => parcel.timeline.find((t) => t.status === '-621018');

    // Other parties: the platform, the seller and the carrier (matched, so they see the parcel).
    for (const party of ['platform', 'seller', 'logistics']) {
      const res = await parcelAs(await demo(party), refused.inventoryId);
      const entry = entryOf(json<TParcel>(res));
      expect(entry?.returnInfo, party).toContain('诸**');
      expect(entry?.returnInfo).toContain('年度限额');
      for (const hidden of ['诸葛卧龙', '24000', '26000'])
        expect(res.body, `${party} must not read ${hidden}`).not.toContain(hidden);
    }
    // The declarer knows exactly why: the year's purchases and the limit (the name masked here too).
    for (const who of ['agent', 'customs']) {
      const entry = entryOf(json<TParcel>(await parcelAs(await demo(who), refused.inventoryId)));
      expect(entry?.returnInfo, who).toContain('诸**');
      expect(entry?.returnInfo).toContain('[24000.00]');
      expect(entry?.returnInfo).toContain('[26000');
      expect(entry?.returnInfo).not.toContain('诸葛卧龙');
    }
    // The receipt saying it the e-port's way goes to the declarer only.
    const receipts = await p.database.db
      .selectFrom('receipts')
      .select(['org_id', 'return_info'])
      .where('document_id', '=', refused.inventoryId)
      .where('return_status', '=', '-621018')
      .execute();
    expect(receipts).toHaveLength(1);
    const agentOrg = await p.database.db
      .selectFrom('organisations')
      .select('id')
      .where('code', '=', PARTIES.agent.code)
      .executeTakeFirstOrThrow();
    expect(receipts[0]?.org_id).toBe(agentOrg.id);
    expect(receipts[0]?.return_info).toContain('24000.00');
    // No event row keeps the buyer's name or the figures for the other parties to find.
    const events = await p.database.db
      .selectFrom('document_events')
      .select('return_info')
      .where('document_id', '=', refused.inventoryId)
      .execute();
    expect(JSON.stringify(events)).not.toContain('诸葛卧龙');
    expect(JSON.stringify(events)).not.toContain('24000');
  });
});
