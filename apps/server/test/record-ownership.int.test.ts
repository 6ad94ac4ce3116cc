import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCancel,
  buildExportCancel,
  buildExportDeparture,
  buildExportParcel,
  buildExportReturn,
  buildImportParcel,
  buildRefund,
  buildReturnTally,
  buildWayBillBinding,
  returnLinesOf,
  type ExportParcelSpec,
  type ParcelSpec,
  type Party,
} from '@crossgate/ceb';
import { MIGRATIONS_DIR, type ExportDocType } from '@crossgate/db';
import { ENGINES } from '../../../test/support/engines.ts';
import { insertAuthorisation } from '../src/repositories/authorisations.ts';
import { newId } from '../src/services/auth.ts';
import { createApiKey } from '../src/services/api-keys.ts';
import { systemContext } from '../src/services/context.ts';
import { probeEnterprise } from './support/access-kit.ts';
import {
  arriveExport,
  clearExport,
  departExport,
  exportSpec,
  sendExport,
  summaryApply,
} from './support/export-kit.ts';
import {
  gatewayFor,
  infos,
  MILK,
  parcelSpec,
  PARTIES,
  sendImport,
  sentBy,
  statuses,
  uniqueId,
  type Gateway,
} from './support/import-kit.ts';
import { startPlatform, type Platform } from './support/platform.ts';

/**
 * Records belong to the enterprise that declared them (decision 0019). Each case is an attack by an approved
 * enterprise that holds every role and writes only its OWN codes in every party field — it names nothing of
 * the victim's but the victim's numbers (orderNo, invtNo), which are sequential or printed on the parcel. The
 * victim's parcels are the demo parties' (platform, seller, agent …).
 */

const withAppType = (xml: string, appType: '2' | '3') =>
  xml.replace(/<ceb:appType>1<\/ceb:appType>/, `<ceb:appType>${appType}</ceb:appType>`);

/** Everything a victim's name, code or state could show through in an answer to someone else. */
const VICTIM_NAMES = [PARTIES.platform.name, PARTIES.seller.name, PARTIES.agent.name];

describe.each(ENGINES)('record ownership on %s', (engine) => {
  let p: Platform;
  let g: Gateway;
  let draws: number[] = [];
  let attacker: { id: string; party: Party; key: string };

  beforeAll(async () => {
    p = await startPlatform(engine, {}, { draw: () => draws.shift() ?? 0.999 });
    g = await gatewayFor(p);
    const probe = await probeEnterprise(p, '越权');
    const org = await p.database.db
      .selectFrom('organisations')
      .select('name_zh')
      .where('id', '=', probe.id)
      .executeTakeFirstOrThrow();
    const key = await createApiKey({ db: p.database.db }, systemContext(), {
      name: 'attacker',
      orgId: probe.id,
    });
    attacker = {
      id: probe.id,
      party: { code: probe.code, name: org.name_zh, dxpId: 'DXPENT0000009999' },
      key: key.secret,
    };
    // The attacker is a genuine seller on the victim's platform: the platform authorised it to declare orders
    // under the platform's code (代理申报授权, decision 0018), so only record ownership stands in its way.
    await insertAuthorisation(p.database.db, {
      id: newId(),
      grantor_org_id: await orgIdOf(PARTIES.platform.code),
      grantee_org_id: probe.id,
      role: 'ebp',
      valid_from: '2020-01-01',
      valid_to: null,
      reason: '平台入驻商家订单申报',
      granted_by: null,
      granted_at: new Date(),
    });
  });
  afterAll(async () => p?.close());

  const db = () => p.database.db;
  const attack = (xml: string) =>
    p.app.inject({
      method: 'POST',
      url: '/ceb/messages',
      headers: { authorization: `Bearer ${attacker.key}`, 'content-type': 'application/xml' },
      payload: xml,
    });
  /** The attacker's own parties in every field; only the victim's numbers stay. */
  const asAttacker = <S extends ParcelSpec | ExportParcelSpec>(spec: S): S => ({
    ...spec,
    platform: attacker.party,
    seller: attacker.party,
    payment: attacker.party,
    logistics: attacker.party,
    agent: attacker.party,
  });
  const orgIdOf = async (code: string) =>
    (await db().selectFrom('organisations').select('id').where('code', '=', code).executeTakeFirstOrThrow())
      .id;
  const importDoc = (docType: 'order' | 'inventory', orderNo: string) =>
    db()
      .selectFrom('import_documents')
      .selectAll()
      .where('doc_type', '=', docType)
      .where('order_no', '=', orderNo)
      .executeTakeFirstOrThrow();
  const importInventory = (orderNo: string) =>
    db()
      .selectFrom('import_documents as d')
      .innerJoin('inventory_clearance as c', 'c.document_id', 'd.id')
      .select(['d.id', 'd.status', 'c.invt_no', 'c.cancelled_at'])
      .where('d.doc_type', '=', 'inventory')
      .where('d.order_no', '=', orderNo)
      .executeTakeFirstOrThrow();
  const exportInventory = (orderNo: string) =>
    db()
      .selectFrom('export_documents as d')
      .innerJoin('export_inventories as i', 'i.document_id', 'd.id')
      .select(['d.id', 'd.status', 'i.invt_no', 'i.cancelled_at', 'i.summarised_at', 'i.returned_qty'])
      .where('d.doc_type', '=', 'inventory')
      .where('d.order_no', '=', orderNo)
      .executeTakeFirstOrThrow();
  const quotaEntry = (documentId: string) =>
    db()
      .selectFrom('quota_entries')
      .select(['amount', 'restored'])
      .where('document_id', '=', documentId)
      .executeTakeFirstOrThrow();
  /** Every receipt the attacker was ever sent (its pull feed and webhooks read these rows). */
  const attackerReceipts = () =>
    db()
      .selectFrom('receipts')
      .select(['message_type', 'document_id', 'return_status', 'return_info', 'xml'])
      .where('org_id', '=', attacker.id)
      .execute();
  /** The attacker's latest export document of `docType` (its status), if it has one. */
  const attackersLatestExport = (docType: ExportDocType) =>
    db()
      .selectFrom('export_documents')
      .select('status')
      .where('doc_type', '=', docType)
      .where('org_id', '=', attacker.id)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  /** The answer the attacker gets for a number nobody declared, with that number swapped for `realNo`. */
  const unknownAnswer = async (build: (no: string) => string, realNo: string) => {
    const made = `4614${new Date().getFullYear()}I${String(Date.now()).slice(-9)}`;
    const res = await attack(build(made));
    return { statuses: statuses(res.body), infos: infos(res.body).map((i) => i?.split(made).join(realNo)) };
  };
  const expectNothingOf = (text: string) => {
    for (const name of VICTIM_NAMES) expect(text).not.toContain(name);
    expect(text).not.toContain('当前状态');
  };

  describe('changing and deleting records (appType 2 / 3)', () => {
    it("refuses another enterprise's change (appType 2) or deletion (appType 3) of an order as if it did not exist (−301009), and the order stays its declarant's", async () => {
      const spec = parcelSpec();
      await sendImport(g, buildImportParcel(spec), ['order']);
      const before = await importDoc('order', spec.orderNo);
      // Another seller on the same platform: its own ebcCode, the platform's ebpCode, the victim's orderNo.
      const forged = sentBy(buildImportParcel({ ...spec, seller: attacker.party }).order, attacker.party);
      for (const appType of ['2', '3'] as const) {
        const res = await attack(withAppType(forged, appType));
        expect(statuses(res.body), res.body).toEqual(['-301009']);
        expectNothingOf(res.body);
        const unknown = sentBy(
          buildImportParcel({ ...spec, orderNo: `SO${uniqueId()}`, seller: attacker.party }).order,
          attacker.party,
        );
        expect(infos(res.body)).toEqual(infos((await attack(withAppType(unknown, appType))).body));
      }
      const after = await importDoc('order', spec.orderNo);
      expect([after.org_id, after.deleted, after.body_hash, after.status]).toEqual([
        before.org_id,
        false,
        before.body_hash,
        before.status,
      ]);
      expect(after.org_id).toBe(await orgIdOf(PARTIES.platform.code));
      // The victim's own parcel is not disturbed: it still clears.
      await sendImport(g, buildImportParcel(spec), ['payment', 'waybill', 'inventory']);
      expect((await importInventory(spec.orderNo)).status).toBe('800');
    });

    it("refuses another enterprise's change or deletion of an export order the same way (−301009)", async () => {
      const spec = exportSpec();
      await sendExport(g, buildExportParcel(spec), ['order']);
      const forged = sentBy(buildExportParcel({ ...spec, seller: attacker.party }).order, attacker.party);
      for (const appType of ['2', '3'] as const) {
        const res = await attack(withAppType(forged, appType));
        expect(statuses(res.body), res.body).toEqual(['-301009']);
        expectNothingOf(res.body);
      }
      const order = await db()
        .selectFrom('export_documents')
        .select(['org_id', 'deleted', 'ebc_code'])
        .where('doc_type', '=', 'order')
        .where('order_no', '=', spec.orderNo)
        .executeTakeFirstOrThrow();
      expect(order).toEqual({
        org_id: await orgIdOf(PARTIES.platform.code),
        deleted: false,
        ebc_code: PARTIES.seller.code,
      });
      await sendExport(g, buildExportParcel(spec), ['receipt', 'waybill', 'inventory']);
      expect(['120', '400']).toContain((await exportInventory(spec.orderNo)).status);
    });

    it('refuses a number another enterprise already used (−301010) without saying whose it is or its state, even after its declarant deleted it', async () => {
      const spec = parcelSpec();
      const victim = buildImportParcel(spec);
      await sendImport(g, victim, ['order']);
      const own = sentBy(buildImportParcel({ ...spec, seller: attacker.party }).order, attacker.party);
      const taken = await attack(own);
      expect(statuses(taken.body)).toEqual(['-301010']);
      expectNothingOf(taken.body);
      // The victim's very document, sent again by someone else, is not "a repeat" of it: nothing of its state shows.
      const copy = await attack(sentBy(victim.order, attacker.party));
      expect(statuses(copy.body)[0]).toMatch(/^-/);
      expectNothingOf(copy.body);
      // Deleted by its declarant, the number is still not the attacker's to take over.
      expect(statuses((await g.post('platform', withAppType(victim.order, '3'))).body)).toEqual(['2']);
      const reused = await attack(
        sentBy(buildImportParcel({ ...spec, seller: attacker.party }).order, attacker.party),
      );
      expect(statuses(reused.body)).toEqual(['-301010']);
      const order = await importDoc('order', spec.orderNo);
      expect([order.org_id, order.deleted]).toEqual([await orgIdOf(PARTIES.platform.code), true]);
      const victimId = order.id;
      expect((await attackerReceipts()).filter((r) => r.document_id === victimId)).toEqual([]);
    });
  });

  describe('export waybill marks (CEB509 / CEB607)', () => {
    it("a departure (CEB509) naming another carrier's waybill number marks only the sender's own waybill: the victim's released inventory is not closed (stays 800) until its own carrier reports", async () => {
      const spec = exportSpec();
      await sendExport(g, buildExportParcel(spec));
      await arriveExport(g, spec);
      expect((await exportInventory(spec.orderNo)).status).toBe('800');
      const forged = buildExportDeparture({
        now: new Date(),
        customsCode: spec.customsCode,
        copNo: `DPX${uniqueId()}`.slice(0, 20),
        logistics: attacker.party,
        parcels: [{ logisticsNo: spec.logisticsNo }],
      });
      const res = await attack(sentBy(forged, attacker.party));
      expect(res.statusCode).toBe(200);
      expectNothingOf(res.body);
      expect((await exportInventory(spec.orderNo)).status).toBe('800');
      // The victim's own carrier reports the departure: now it closes (899 结关).
      await departExport(g, spec);
      expect((await exportInventory(spec.orderNo)).status).toBe('899');
    });

    it("a master-bill binding (CEB607) from another agent naming the victim's carrier and waybill leaves the victim's inventory unbound", async () => {
      const spec = exportSpec();
      await sendExport(g, buildExportParcel(spec));
      const forged = buildWayBillBinding({
        now: new Date(),
        customsCode: spec.customsCode,
        copNo: `WBX${uniqueId()}`.slice(0, 20),
        logistics: PARTIES.logistics,
        agent: attacker.party,
        grossWeight: '1.000',
        transport: { billNo: 'FORGED-MAWB-1' },
        parcels: [{ logisticsNo: spec.logisticsNo }],
      });
      const res = await attack(sentBy(forged, attacker.party));
      expect(res.statusCode).toBe(200);
      expectNothingOf(res.body);
      const bound = await db()
        .selectFrom('export_documents as d')
        .innerJoin('export_inventories as i', 'i.document_id', 'd.id')
        .select(['i.bill_no'])
        .where('d.doc_type', '=', 'inventory')
        .where('d.order_no', '=', spec.orderNo)
        .executeTakeFirstOrThrow();
      expect(bound.bill_no).not.toBe('FORGED-MAWB-1');
    });
  });

  describe('cancellations (CEB623 / CEB605)', () => {
    it("refuses to cancel another seller's parcel under inspection by its invtNo (−623003, as for an unknown number); its quota and tax bill stay", async () => {
      draws = [0.001];
      const spec = parcelSpec();
      await sendImport(g, buildImportParcel(spec));
      const inventory = await importInventory(spec.orderNo);
      expect(inventory.status).toBe('500');
      const invtNo = inventory.invt_no as string;
      const res = await attack(buildCancel(asAttacker(spec), invtNo, '冒名撤单'));
      expect(statuses(res.body), res.body).toEqual(['-623003']);
      expectNothingOf(res.body);
      expect(await unknownAnswer((no) => buildCancel(asAttacker(spec), no, '冒名撤单'), invtNo)).toEqual({
        statuses: statuses(res.body),
        infos: infos(res.body),
      });
      const after = await importInventory(spec.orderNo);
      expect([after.status, after.cancelled_at]).toEqual(['500', null]);
      const entry = await quotaEntry(inventory.id);
      expect(entry.restored).toBe('0.00');
      const bill = await db()
        .selectFrom('tax_bills')
        .select('status')
        .where('document_id', '=', inventory.id)
        .executeTakeFirstOrThrow();
      expect(bill.status).toBe('1');
      // The declaring agent still may.
      expect(statuses((await g.post('agent', buildCancel(spec, invtNo, '消费者取消订单'))).body)).toEqual([
        '2',
      ]);
    });

    it('lets the e-commerce enterprise the inventory names cancel it (电商企业或其代理人, spec 202205 §3.11)', async () => {
      draws = [0.001];
      const spec = parcelSpec();
      await sendImport(g, buildImportParcel(spec));
      const inventory = await importInventory(spec.orderNo);
      // Sent by the seller itself, as its own agent: every party field is its own code or the inventory's.
      const res = await g.post(
        'seller',
        buildCancel({ ...spec, agent: PARTIES.seller }, inventory.invt_no as string, '商家撤单'),
      );
      expect(statuses(res.body), res.body).toEqual(['2']);
      expect((await importInventory(spec.orderNo)).cancelled_at).not.toBeNull();
    });

    it("refuses to cancel another seller's export inventory (−623003, as for an unknown number)", async () => {
      const spec = exportSpec();
      await sendExport(g, buildExportParcel(spec));
      const inventory = await exportInventory(spec.orderNo);
      const invtNo = inventory.invt_no as string;
      const res = await attack(buildExportCancel(asAttacker(spec), invtNo, '冒名撤单'));
      expect(statuses(res.body), res.body).toEqual(['-623003']);
      expectNothingOf(res.body);
      expect(
        await unknownAnswer((no) => buildExportCancel(asAttacker(spec), no, '冒名撤单'), invtNo),
      ).toEqual({ statuses: statuses(res.body), infos: infos(res.body) });
      expect((await exportInventory(spec.orderNo)).cancelled_at).toBeNull();
    });
  });

  describe('returns (CEB625 / CEB213)', () => {
    it("refuses a return on another seller's released import parcel (−625001, as for an unknown number); its quota stays", async () => {
      const spec = parcelSpec();
      await sendImport(g, buildImportParcel(spec));
      const inventory = await importInventory(spec.orderNo);
      const invtNo = inventory.invt_no as string;
      const line = [{ gnum: '1', gcode: MILK.gcode, gname: MILK.gname, qty: '1', unit: MILK.unit }];
      const res = await attack(buildRefund(asAttacker(spec), invtNo, line, '冒名退货'));
      expect(statuses(res.body), res.body).toEqual(['-625001']);
      expectNothingOf(res.body);
      expect(
        await unknownAnswer((no) => buildRefund(asAttacker(spec), no, line, '冒名退货'), invtNo),
      ).toEqual({
        statuses: statuses(res.body),
        infos: infos(res.body),
      });
      expect((await quotaEntry(inventory.id)).restored).toBe('0.00');
    });

    it("refuses a return on another seller's released export parcel (−625016 查无此数据, as for an unknown number)", async () => {
      const spec = exportSpec();
      await clearExport(g, spec);
      const invtNo = (await exportInventory(spec.orderNo)).invt_no as string;
      const ret = (no: string) =>
        buildExportReturn(asAttacker(spec), {
          invtNo: no,
          lines: returnLinesOf(spec),
          reason: '冒名退货',
          coElNo: `R${uniqueId()}`,
        });
      const res = await attack(ret(invtNo));
      expect(statuses(res.body), res.body).toEqual(['-625016']);
      expectNothingOf(res.body);
      expect(await unknownAnswer(ret, invtNo)).toEqual({
        statuses: statuses(res.body),
        infos: infos(res.body),
      });
      const returned = await db()
        .selectFrom('return_lines')
        .select('qty')
        .where('inventory_id', '=', (await exportInventory(spec.orderNo)).id)
        .execute();
      expect(returned).toEqual([]);
    });

    it('checks each return against what earlier returns took: the same goods a third time are refused (−625001 naming the line and quantities), and the quota comes back once, in proportion', async () => {
      const spec = parcelSpec({ items: [{ ...MILK, qty: '2', price: '268.00' }], freight: '10.00' });
      await sendImport(g, buildImportParcel(spec));
      const inventory = await importInventory(spec.orderNo);
      const invtNo = inventory.invt_no as string;
      const one = [{ gnum: '1', gcode: MILK.gcode, gname: MILK.gname, qty: '1', unit: MILK.unit }];
      const returnAs = (copNo: string) =>
        g.post('agent', buildRefund({ ...spec, copNo }, invtNo, one, '质量问题'));
      const first = buildRefund({ ...spec, copNo: 'RA1' }, invtNo, one, '质量问题');
      expect(statuses((await g.post('agent', first)).body)).toEqual(['2']);
      // Half the goods came back: half the counted amount (536 goods + 10 freight) goes back to the quota.
      expect(await quotaEntry(inventory.id)).toEqual({ amount: '546.00', restored: '273.00' });
      // The same bytes again are a replay: the stored answer, nothing given back twice.
      const replay = await g.post('agent', first);
      expect([replay.headers['x-crossgate-replayed'], statuses(replay.body)]).toEqual(['true', ['2']]);
      expect(await quotaEntry(inventory.id)).toEqual({ amount: '546.00', restored: '273.00' });
      expect(statuses((await returnAs('RA2')).body)).toEqual(['2']);
      expect(await quotaEntry(inventory.id)).toEqual({ amount: '546.00', restored: '546.00' });
      const third = await returnAs('RA3');
      expect(statuses(third.body)).toEqual(['-625001']);
      expect(infos(third.body)[0]).toContain('第1项退货数量1超过可退数量0（原清单数量2，已退2）');
      expect(await quotaEntry(inventory.id)).toEqual({ amount: '546.00', restored: '546.00' });
      const lines = await db()
        .selectFrom('return_lines')
        .select(['gnum', 'qty'])
        .where('inventory_id', '=', inventory.id)
        .orderBy('created_at')
        .execute();
      expect(lines.map((l) => [l.gnum, Number(l.qty)])).toEqual([
        [1, 1],
        [1, 1],
      ]);
      // One return of more than is left, in one message, is refused too.
      const two = [{ ...one[0], qty: '2' }] as typeof one;
      const spec2 = parcelSpec({ items: [{ ...MILK, qty: '2', price: '268.00' }] });
      await sendImport(g, buildImportParcel(spec2));
      const invtNo2 = (await importInventory(spec2.orderNo)).invt_no as string;
      await g.post('agent', buildRefund({ ...spec2, copNo: 'RB1' }, invtNo2, one, '质量问题'));
      expect(
        statuses(
          (await g.post('agent', buildRefund({ ...spec2, copNo: 'RB2' }, invtNo2, two, '质量问题'))).body,
        ),
      ).toEqual(['-625001']);
    });

    it('puts back in the 1210 account book only the returned share of what the release wrote off, never more', async () => {
      const emsNo = `T4619R${uniqueId()}`.slice(0, 30);
      const cookie = await p.login('warehouse');
      const ok = async (url: string, payload: object) => {
        const res = await p.app.inject({ method: 'POST', url, headers: { cookie }, payload });
        expect(res.statusCode, res.body).toBeLessThan(300);
      };
      await ok('/api/v1/bonded/account-books', { emsNo, customsCode: '4619', name: '德众保税仓' });
      await ok(`/api/v1/bonded/account-books/${emsNo}/items`, {
        itemRecordNo: 'MILK-R',
        gcode: MILK.gcode,
        gname: MILK.gname,
        unit: '035',
      });
      await ok(`/api/v1/bonded/account-books/${emsNo}/receipts`, { itemRecordNo: 'MILK-R', qty: '10' });
      const stock = async () =>
        (
          await db()
            .selectFrom('account_book_items')
            .select('stock_qty')
            .where('ems_no', '=', emsNo)
            .executeTakeFirstOrThrow()
        ).stock_qty;
      // Two tins (qty 2) are 1.8 kg in the account book's unit (qty1): the release writes 1.8 off.
      const spec = parcelSpec({
        tradeMode: '1210',
        customsCode: '4619',
        portCode: '4619',
        emsNo,
        area: PARTIES.warehouse,
        items: [{ ...MILK, qty: '2', qty1: '1.8', itemRecordNo: 'MILK-R' }],
      });
      await sendImport(g, buildImportParcel(spec));
      const inventory = await importInventory(spec.orderNo);
      expect(inventory.status).toBe('800');
      expect(Number(await stock())).toBe(8.2);
      const one = [{ gnum: '1', gcode: MILK.gcode, gname: MILK.gname, qty: '1', unit: MILK.unit }];
      const returnAs = (copNo: string) =>
        g.post('agent', buildRefund({ ...spec, copNo }, inventory.invt_no as string, one, '退货'));
      expect(statuses((await returnAs('RS1')).body)).toEqual(['2']);
      expect(Number(await stock())).toBe(9.1);
      expect(statuses((await returnAs('RS2')).body)).toEqual(['2']);
      expect(Number(await stock())).toBe(10);
      expect(statuses((await returnAs('RS3')).body)).toEqual(['-625001']);
      expect(Number(await stock())).toBe(10);
    });

    it('counts export returns from their approval: the same goods cannot be applied for again while the first return waits for its tally', async () => {
      const spec = exportSpec();
      await clearExport(g, spec);
      const inventory = await exportInventory(spec.orderNo);
      const invtNo = inventory.invt_no as string;
      const ret = (coElNo: string) =>
        g.post(
          'agent',
          buildExportReturn(spec, { invtNo, lines: returnLinesOf(spec), reason: '买家退货', coElNo }),
        );
      expect(statuses((await ret('RE1')).body)).toEqual(['2']);
      const again = await ret('RE2');
      expect(statuses(again.body)).toEqual(['-625001']);
      expect(infos(again.body)[0]).toContain('exported 1 − returned 1');
      const tally = await g.post(
        'warehouse',
        buildReturnTally(spec, { operator: PARTIES.warehouse, invtNo, coElNo: 'RE1' }),
      );
      expect(statuses(tally.body)).toEqual(['2']);
      expect((await exportInventory(spec.orderNo)).returned_qty).toEqual({ '1': '1' });
      expect(statuses((await ret('RE3')).body)).toEqual(['-625001']);
    });
  });

  describe('return tallies (CEB215)', () => {
    it("concludes a return only from a tally that names the return's waybill: another waybill finds no return to tally (100)", async () => {
      const spec = exportSpec();
      await clearExport(g, spec);
      const invtNo = (await exportInventory(spec.orderNo)).invt_no as string;
      const coElNo = `RT${uniqueId()}`.slice(0, 30);
      const applied = await g.post(
        'agent',
        buildExportReturn(spec, { invtNo, lines: returnLinesOf(spec), reason: '买家退货', coElNo }),
      );
      expect(statuses(applied.body)).toEqual(['2']);
      const elsewhere = await attack(
        buildReturnTally(spec, { operator: attacker.party, invtNo, coElNo, logisticsNo: `LX${uniqueId()}` }),
      );
      expect(statuses(elsewhere.body)).toEqual(['2']);
      const tally = await attackersLatestExport('refund_detail');
      expect(tally?.status).toBe('100');
      const refund = await db()
        .selectFrom('export_documents')
        .select('status')
        .where('doc_type', '=', 'refund')
        .where('business_key', '=', `${invtNo}|${coElNo}`)
        .executeTakeFirstOrThrow();
      expect(refund.status).toBe('120');
      expect((await exportInventory(spec.orderNo)).returned_qty).toEqual({});
    });
  });

  describe('migration 0014', () => {
    it('finds the returns accepted before it: the backfill rebuilds return_lines from the stored documents', async () => {
      // Earlier cases of this file left concluded import returns and approved or tallied export returns.
      const read = () =>
        db()
          .selectFrom('return_lines')
          .select(['direction', 'inventory_id', 'return_id', 'org_id', 'gnum', 'qty'])
          .orderBy('return_id')
          .orderBy('gnum')
          .execute();
      const before = await read();
      expect(new Set(before.map((r) => r.direction))).toEqual(new Set(['import', 'export']));
      const migration = readFileSync(join(MIGRATIONS_DIR, '0014_return_lines.sql'), 'utf8');
      const backfill = migration.slice(migration.indexOf('INSERT INTO return_lines'));
      await db().deleteFrom('return_lines').execute();
      await p.database.session((s) => s.exec(backfill));
      expect((await read()).map((r) => ({ ...r, qty: Number(r.qty) }))).toEqual(
        before.map((r) => ({ ...r, qty: Number(r.qty) })),
      );
    });
  });

  describe('summary applications (CEB701)', () => {
    it("merges only inventories the applicant declared or is named on: another seller's closed inventories stay untouched and the applicant receives nothing of them", async () => {
      const spec = exportSpec();
      await clearExport(g, spec);
      const victim = await exportInventory(spec.orderNo);
      expect(victim.status).toBe('899');
      const invtNo = victim.invt_no as string;
      const apply = (o: { invtNos?: string[]; period?: { start: Date; end: Date } }, blank: boolean) => {
        const xml = summaryApply({ agent: attacker.party, seller: attacker.party, ...o });
        // The XSD lets agentCode and ebcCode be empty: an application that names no one.
        return blank
          ? xml
              .replace(/<ceb:agentCode>[^<]*<\/ceb:agentCode>/, '<ceb:agentCode></ceb:agentCode>')
              .replace(/<ceb:ebcCode>[^<]*<\/ceb:ebcCode>/, '<ceb:ebcCode></ceb:ebcCode>')
          : xml;
      };
      const day = 86_400_000;
      const period = { start: new Date(Date.now() - 40 * day), end: new Date(Date.now() + day) };
      const attempts: [{ invtNos?: string[]; period?: typeof period }, boolean][] = [
        [{ invtNos: [invtNo] }, false],
        [{ invtNos: [invtNo] }, true],
        [{ period }, true],
      ];
      for (const [o, blank] of attempts) {
        const res = await attack(apply(o, blank));
        expectNothingOf(res.body);
        const doc = await attackersLatestExport('summary_apply');
        expect(doc?.status ?? statuses(res.body)[0]).not.toBe('120');
      }
      expect((await exportInventory(spec.orderNo)).summarised_at).toBeNull();
      const received = await attackerReceipts();
      expect(received.filter((r) => r.message_type === 'CEB792Message')).toEqual([]);
      for (const r of received) {
        expect(r.xml).not.toContain(spec.logisticsNo);
        expectNothingOf(r.return_info);
      }
      // The declaring agent summarises its own inventory as before.
      const own = await g.post('agent', summaryApply({ invtNos: [invtNo] }));
      expect(statuses(own.body)).toEqual(['2']);
      expect((await exportInventory(spec.orderNo)).summarised_at).not.toBeNull();
    });
  });
});
