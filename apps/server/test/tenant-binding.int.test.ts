import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAuthorisation, TPage } from '@crossgate/contract';
import {
  buildCancel,
  buildDelivery,
  buildExportArrival,
  buildExportCancel,
  buildExportDeparture,
  buildExportParcel,
  buildExportReturn,
  buildImportParcel,
  buildRefund,
  buildReturnTally,
  buildSummaryApply,
  buildWaybillStatus,
  buildWayBillBinding,
  returnLinesOf,
  type ExportParcelSpec,
  type Party,
} from '@crossgate/ceb';
import { PARTY_BINDINGS } from '@crossgate/domain';
import { ENGINES } from '../../../test/support/engines.ts';
import { forgetAuthorisations } from '../src/services/party-binding.ts';
import { apiKeyCaller, orgIdOf, probeEnterprise, withoutRateLimits } from './support/access-kit.ts';
import { exportSpec } from './support/export-kit.ts';
import {
  AGENT_KEY,
  gatewayFor,
  infos,
  MILK,
  parcelSpec,
  PARTIES,
  PERFUME,
  sendAccepted,
  sentBy,
  statuses,
  uniqueId,
  type Gateway,
  type Role,
} from './support/import-kit.ts';
import { json, startPlatform, type Platform } from './support/platform.ts';

/**
 * Binding every party code to an authority (issue 13, decision 0018): a document's acting party fields must
 * name the sender or an enterprise that authorised it (代理申报授权). Before this, only BaseTransfer.copCode
 * was checked, so an enterprise could declare under another firm's codes — squat a platform's order numbers,
 * declare a seller's inventories, or hide from the negative list behind a clean firm's code.
 */

/** The message with `field` (every occurrence; each names one party) set to `value`. */
const naming = (xml: string, field: string, value: string) => {
  const re = new RegExp(`<ceb:${field}>[^<]*</ceb:${field}>`, 'g');
  if (!re.test(xml)) throw new Error(`no ${field} in the message`);
  return xml.replace(re, `<ceb:${field}>${value}</ceb:${field}>`);
};

/** The message with an optional element inserted after `after` (XSD order). */
const inserting = (xml: string, after: string, element: string) => {
  const close = `</ceb:${after}>`;
  if (!xml.includes(close)) throw new Error(`no ${after} in the message`);
  return xml.replace(close, `${close}${element}`);
};

const chinaDate = (offsetDays = 0) =>
  new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

const INVT_NO = '46142026I000000001';

describe.each(ENGINES)('party codes bound to the sender on %s', (engine) => {
  let p: Platform;
  let g: Gateway;
  /** A registered, approved enterprise holding every role, which authorised nobody. */
  let victim: Party & { id: string };
  let agentId: string;

  beforeAll(async () => {
    p = await startPlatform(engine, withoutRateLimits());
    g = await gatewayFor(p);
    const probe = await probeEnterprise(p, 'V');
    victim = { id: probe.id, code: probe.code, name: '焦作被冒用企业', dxpId: 'DXPENT0000009999' };
    agentId = await orgIdOf(p, PARTIES.agent.code);
  }, 180_000);
  afterAll(async () => p?.close());

  const login = (username: string) => p.login(username);
  const api = async (
    cookie: string,
    method: 'GET' | 'POST',
    url: string,
    payload?: Record<string, unknown>,
  ) =>
    p.app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload ? { payload } : {}),
    });
  const grant = async (username: string, body: Record<string, unknown>) => {
    const res = await api(await login(username), 'POST', '/api/v1/filing/authorisations', {
      reason: '委托代理协议 WT-2026-001',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return json<TAuthorisation>(res);
  };
  const revoke = async (username: string, id: string) => {
    const res = await api(await login(username), 'POST', `/api/v1/filing/authorisations/${id}/revoke`, {
      reason: '委托代理协议终止',
    });
    expect(res.statusCode, res.body).toBe(200);
    return json<TAuthorisation>(res);
  };
  const importInventory = (orderNo: string) =>
    p.database.db
      .selectFrom('import_documents')
      .select(['id', 'status'])
      .where('doc_type', '=', 'inventory')
      .where('order_no', '=', orderNo)
      .executeTakeFirst();
  const importOrder = (orderNo: string) =>
    p.database.db
      .selectFrom('import_documents')
      .select(['org_id', 'status'])
      .where('doc_type', '=', 'order')
      .where('order_no', '=', orderNo)
      .executeTakeFirst();

  describe('named attacks', () => {
    it('refuses a platform’s order number squatted by another enterprise (−10102 naming ebpCode; a new order would take the set-wise path), then takes the genuine order', async () => {
      const spec = parcelSpec();
      const genuine = buildImportParcel(spec).order;
      // seller2 (an e-commerce enterprise, which may send orders) claims the platform's order number.
      const squat = await g.post('seller2', sentBy(genuine, PARTIES.seller2));
      expect(squat.statusCode).toBe(200);
      expect(statuses(squat.body)).toEqual(['-10102']);
      expect(infos(squat.body)[0]).toContain(`OrderHead.ebpCode[${PARTIES.platform.code}]`);
      expect(infos(squat.body)[0]).toContain(`未授权接入企业[${PARTIES.seller2.code}]申报`);
      expect(await importOrder(spec.orderNo)).toBeUndefined();

      const real = await g.post('platform', genuine);
      expect(statuses(real.body)).toEqual(['2']);
      const stored = await importOrder(spec.orderNo);
      expect(stored?.org_id).toBe(await orgIdOf(p, PARTIES.platform.code));
    });

    it('refuses only the unbound document of a message and accepts the others', async () => {
      const a = parcelSpec();
      const b = parcelSpec();
      const orderA = buildImportParcel(a).order;
      const orderB = naming(buildImportParcel(b).order, 'ebpCode', victim.code);
      const entityB = /<ceb:Order>[\s\S]*<\/ceb:Order>/.exec(orderB)?.[0] as string;
      const both = orderA.replace('</ceb:Order>', `</ceb:Order>${entityB}`);
      const res = await g.post('platform', both);
      expect(statuses(res.body)).toEqual(['2', '-10102']);
      expect(infos(res.body)[1]).toContain(`OrderHead.ebpCode[${victim.code}]`);
      expect((await importOrder(a.orderNo))?.status).toBe('2');
      expect(await importOrder(b.orderNo)).toBeUndefined();
    });

    it('refuses a negative-listed enterprise declaring under clean firms’ codes, so its parcel is not released', async () => {
      const customs = await login('customs');
      const listed = await api(customs, 'POST', '/api/v1/negative-list', {
        subjectType: 'enterprise',
        code: PARTIES.seller2.code,
        name: '焦作明洞24跨境贸易有限公司(演示)',
        reason: '走私违规（测试）',
        authority: '焦作海关',
      });
      expect(listed.statusCode, listed.body).toBe(201);
      try {
        // A parcel of the clean seller, its order, payment and waybill in place …
        const spec = parcelSpec();
        const m = buildImportParcel(spec);
        await sendAccepted(g, m, ['order', 'payment', 'waybill']);
        // … declared by the listed firm with the clean agent as declaring unit: refused, naming agentCode.
        const masked = await g.post('seller2', sentBy(m.inventory, PARTIES.seller2));
        expect(statuses(masked.body)).toEqual(['-10102']);
        expect(infos(masked.body)[0]).toContain(`InventoryHead.agentCode[${PARTIES.agent.code}]`);
        // … or as itself on the clean seller's behalf, which never authorised it: refused, naming ebcCode.
        const own = naming(
          naming(sentBy(m.inventory, PARTIES.seller2), 'agentCode', PARTIES.seller2.code),
          'assureCode',
          PARTIES.seller2.code,
        );
        const onBehalf = await g.post('seller2', own);
        expect(statuses(onBehalf.body)).toEqual(['-10102']);
        expect(infos(onBehalf.body)[0]).toContain(`InventoryHead.ebcCode[${PARTIES.seller.code}]`);
        // Nothing was declared, so nothing can be released.
        expect(await importInventory(spec.orderNo)).toBeUndefined();
      } finally {
        const entry = await p.database.db
          .selectFrom('negative_list')
          .select('id')
          .where('subject_key', '=', PARTIES.seller2.code)
          .where('delisted_at', 'is', null)
          .executeTakeFirstOrThrow();
        await api(customs, 'POST', `/api/v1/negative-list/${entry.id}/delist`, { reason: '测试结束' });
      }
    });

    it('takes a seller’s inventory from its agent only while an authorisation is in force: granted, revoked, outside its dates, grantor suspended', async () => {
      const seller = PARTIES.seller2;
      /** A fresh parcel of seller2 with its order, payment and waybill sent; the agent's inventory. */
      const parcelOfSeller2 = async () => {
        const spec = parcelSpec({ seller, items: [PERFUME] });
        const m = buildImportParcel(spec);
        await g.post('platform', m.order);
        await g.post('payment', m.payment);
        await g.post('logistics', m.waybill);
        return { spec, inventory: () => buildImportParcel(spec).inventory };
      };
      const expectRefused = async (xml: string) => {
        const res = await g.post('agent', xml);
        expect(statuses(res.body)).toEqual(['-10102']);
        expect(infos(res.body)[0]).toContain(
          `InventoryHead.ebcCode[${seller.code}]未授权接入企业[${PARTIES.agent.code}]申报`,
        );
      };

      // The demo's standing authorisation is withdrawn by seller2.
      const mine = json<TPage<TAuthorisation>>(
        await api(
          await login('seller2'),
          'GET',
          `/api/v1/filing/authorisations?direction=granted&role=ebc&status=granted&granteeCode=${PARTIES.agent.code}`,
        ),
      );
      expect(mine.items).toHaveLength(1);
      await revoke('seller2', (mine.items[0] as TAuthorisation).id);

      // 1. No authorisation: refused; nothing stored.
      const first = await parcelOfSeller2();
      await expectRefused(first.inventory());
      expect(await importInventory(first.spec.orderNo)).toBeUndefined();

      // 2. Authorised: the same parcel's inventory (sent again) is accepted and released.
      const granted = await grant('seller2', { granteeCode: PARTIES.agent.code, role: 'ebc' });
      expect(granted.inForce).toBe(true);
      expect(statuses((await g.post('agent', first.inventory())).body)).toEqual(['2']);
      expect((await importInventory(first.spec.orderNo))?.status).toBe('800');

      // 3. Revoked: refused from now on.
      const revoked = await revoke('seller2', granted.id);
      expect(revoked.status).toBe('revoked');
      expect(revoked.inForce).toBe(false);
      const second = await parcelOfSeller2();
      await expectRefused(second.inventory());

      // 4. Not yet in force (from tomorrow): refused.
      const later = await grant('seller2', {
        granteeCode: PARTIES.agent.code,
        role: 'ebc',
        validFrom: chinaDate(1),
      });
      expect(later.inForce).toBe(false);
      await expectRefused(second.inventory());

      // 5. Expired (its period ended yesterday, validTo being the first day no longer in force): refused.
      await p.database.db
        .updateTable('declaration_authorisations')
        .set({ valid_from: chinaDate(-30), valid_to: chinaDate(0) })
        .where('id', '=', later.id)
        .execute();
      forgetAuthorisations(agentId);
      await expectRefused(second.inventory());

      // 6. The same row, in force again (until tomorrow): accepted.
      await p.database.db
        .updateTable('declaration_authorisations')
        .set({ valid_to: chinaDate(1) })
        .where('id', '=', later.id)
        .execute();
      forgetAuthorisations(agentId);
      expect(statuses((await g.post('agent', second.inventory())).body)).toEqual(['2']);

      // 7. An authorisation counts only while its grantor's filing is approved: suspended, its agent is refused.
      const filing = await p.database.db
        .selectFrom('enterprise_filings')
        .select('id')
        .where('org_id', '=', await orgIdOf(p, seller.code))
        .executeTakeFirstOrThrow();
      const customs = await login('customs');
      const decide = async (decision: 'suspend' | 'reinstate') => {
        const res = await api(customs, 'POST', `/api/v1/filings/enterprise/${filing.id}/decision`, {
          decision,
          reasons: ['代理申报授权测试'],
        });
        expect(res.statusCode, res.body).toBe(200);
      };
      await decide('suspend');
      try {
        const third = await parcelOfSeller2();
        await expectRefused(third.inventory());
        await decide('reinstate');
        expect(statuses((await g.post('agent', third.inventory())).body)).toEqual(['2']);
      } finally {
        await decide('reinstate').catch(() => undefined);
      }
    });
  });

  /**
   * The access matrix's dimension "documents of another enterprise, by code": for every message type of both
   * directions and every bound field of it (packages/domain/src/access/party-binding.ts), a message from its
   * legitimate sender X whose field names enterprise Y (which authorised nobody) is refused with −10102 naming
   * the field. The expected field is written here literally; the table must cover exactly the domain's.
   */
  describe('documents of another enterprise, by code', () => {
    type Row = { type: string; path: string; sender: Role; message: (y: string) => string };
    const imp = () => parcelSpec();
    const exp = () => exportSpec();
    const ROWS: Row[] = [
      {
        type: 'CEB311Message',
        path: 'OrderHead.ebpCode',
        sender: 'platform',
        message: (y) => naming(buildImportParcel(imp()).order, 'ebpCode', y),
      },
      {
        type: 'CEB411Message',
        path: 'PaymentHead.payCode',
        sender: 'payment',
        message: (y) => naming(buildImportParcel(imp()).payment, 'payCode', y),
      },
      {
        type: 'CEB511Message',
        path: 'LogisticsHead.logisticsCode',
        sender: 'logistics',
        message: (y) => naming(buildImportParcel(imp()).waybill, 'logisticsCode', y),
      },
      {
        type: 'CEB513Message',
        path: 'LogisticsStatus.logisticsCode',
        sender: 'logistics',
        message: (y) => naming(buildWaybillStatus(imp()), 'logisticsCode', y),
      },
      {
        type: 'CEB621Message',
        path: 'InventoryHead.agentCode',
        sender: 'agent',
        message: (y) => naming(buildImportParcel(imp()).inventory, 'agentCode', y),
      },
      {
        type: 'CEB621Message',
        path: 'InventoryHead.ebcCode',
        sender: 'agent',
        message: (y) => naming(buildImportParcel(imp()).inventory, 'ebcCode', y),
      },
      {
        type: 'CEB621Message',
        path: 'InventoryHead.areaCode',
        sender: 'agent',
        message: (y) =>
          inserting(
            buildImportParcel(imp()).inventory,
            'agentName',
            `<ceb:areaCode>${y}</ceb:areaCode><ceb:areaName>被冒用保税仓</ceb:areaName>`,
          ),
      },
      {
        type: 'CEB621Message',
        path: 'InventoryHead.assureCode',
        sender: 'agent',
        message: (y) => naming(buildImportParcel(imp()).inventory, 'assureCode', y),
      },
      {
        type: 'CEB623Message',
        path: 'InvtCancel.agentCode',
        sender: 'agent',
        message: (y) => naming(buildCancel(imp(), INVT_NO, '测试撤单'), 'agentCode', y),
      },
      {
        type: 'CEB623Message',
        path: 'InvtCancel.ebcCode',
        sender: 'agent',
        message: (y) => naming(buildCancel(imp(), INVT_NO, '测试撤单'), 'ebcCode', y),
      },
      {
        type: 'CEB625Message',
        path: 'InvtRefundHead.agentCode',
        sender: 'agent',
        message: (y) => naming(refund(), 'agentCode', y),
      },
      {
        type: 'CEB625Message',
        path: 'InvtRefundHead.ebcCode',
        sender: 'agent',
        message: (y) => naming(refund(), 'ebcCode', y),
      },
      {
        type: 'CEB711Message',
        path: 'DeliveryHead.operatorCode',
        sender: 'warehouse',
        message: (y) => {
          const s = imp();
          return naming(buildDelivery(PARTIES.warehouse, AGENT_KEY, s, [s.logisticsNo]), 'operatorCode', y);
        },
      },
      {
        type: 'CEB303Message',
        path: 'OrderHead.ebpCode',
        sender: 'platform',
        message: (y) => naming(buildExportParcel(exp()).order, 'ebpCode', y),
      },
      {
        // A foreign platform without a code (无): the e-commerce enterprise is the declarant.
        type: 'CEB303Message',
        path: 'OrderHead.ebcCode',
        sender: 'platform',
        message: (y) => naming(naming(buildExportParcel(exp()).order, 'ebpCode', '无'), 'ebcCode', y),
      },
      {
        type: 'CEB403Message',
        path: 'Receipts.payCode',
        sender: 'payment',
        message: (y) => naming(buildExportParcel(exp()).receipt, 'payCode', y),
      },
      {
        // Cash (现金支付, no payment firm): the e-commerce enterprise declares its own receipt.
        type: 'CEB403Message',
        path: 'Receipts.ebcCode',
        sender: 'seller',
        message: (y) => {
          const spec: ExportParcelSpec = exp();
          delete spec.payment;
          return naming(buildExportParcel(spec).receipt, 'ebcCode', y);
        },
      },
      {
        type: 'CEB505Message',
        path: 'Logistics.logisticsCode',
        sender: 'logistics',
        message: (y) => naming(buildExportParcel(exp()).waybill, 'logisticsCode', y),
      },
      {
        type: 'CEB507Message',
        path: 'ArrivalHead.operatorCode',
        sender: 'warehouse',
        message: (y) =>
          naming(buildExportArrival({ ...batch(), operator: PARTIES.warehouse }), 'operatorCode', y),
      },
      {
        type: 'CEB509Message',
        path: 'DepartureHead.logisticsCode',
        sender: 'logistics',
        message: (y) => naming(buildExportDeparture(batch()), 'logisticsCode', y),
      },
      {
        type: 'CEB603Message',
        path: 'InventoryHead.agentCode',
        sender: 'agent',
        message: (y) => naming(buildExportParcel(exp()).inventory, 'agentCode', y),
      },
      {
        type: 'CEB603Message',
        path: 'InventoryHead.ebcCode',
        sender: 'agent',
        message: (y) => naming(buildExportParcel(exp()).inventory, 'ebcCode', y),
      },
      {
        type: 'CEB603Message',
        path: 'InventoryHead.iacCode',
        sender: 'agent',
        message: (y) =>
          inserting(
            buildExportParcel(exp()).inventory,
            'ownerName',
            `<ceb:iacCode>${y}</ceb:iacCode><ceb:iacName>被冒用区内企业</ceb:iacName>`,
          ),
      },
      {
        type: 'CEB605Message',
        path: 'InvtCancel.agentCode',
        sender: 'agent',
        message: (y) =>
          naming(buildExportCancel(exp(), INVT_NO.replace('I', 'E'), '测试撤单'), 'agentCode', y),
      },
      {
        type: 'CEB605Message',
        path: 'InvtCancel.ebcCode',
        sender: 'agent',
        message: (y) => naming(buildExportCancel(exp(), INVT_NO.replace('I', 'E'), '测试撤单'), 'ebcCode', y),
      },
      {
        type: 'CEB607Message',
        path: 'WayBillHead.agentCode',
        sender: 'agent',
        message: (y) =>
          naming(
            buildWayBillBinding({ ...batch(), agent: PARTIES.agent, grossWeight: '1.5' }),
            'agentCode',
            y,
          ),
      },
      {
        type: 'CEB701Message',
        path: 'SummaryApplyHead.agentCode',
        sender: 'agent',
        message: (y) => naming(summary(), 'agentCode', y),
      },
      {
        type: 'CEB701Message',
        path: 'SummaryApplyHead.ebcCode',
        sender: 'agent',
        message: (y) => naming(summary(), 'ebcCode', y),
      },
      {
        type: 'CEB213Message',
        path: 'InvtRefundHead.agentCode',
        sender: 'agent',
        message: (y) => naming(exportReturn(), 'agentCode', y),
      },
      {
        type: 'CEB213Message',
        path: 'InvtRefundHead.ebcCode',
        sender: 'agent',
        message: (y) => naming(exportReturn(), 'ebcCode', y),
      },
      {
        type: 'CEB215Message',
        path: 'InvtRefundDetail.operatorCode',
        sender: 'warehouse',
        message: (y) =>
          naming(
            buildReturnTally(exp(), { operator: PARTIES.warehouse, invtNo: INVT_NO }),
            'operatorCode',
            y,
          ),
      },
    ];
    function refund() {
      return buildRefund(
        imp(),
        INVT_NO,
        [{ gnum: '1', gcode: MILK.gcode, gname: MILK.gname, qty: '1', unit: MILK.unit }],
        '测试退货',
      );
    }
    function batch() {
      return {
        now: new Date(),
        customsCode: '4614',
        copNo: `B${uniqueId()}`.slice(0, 20),
        logistics: PARTIES.logistics,
        parcels: [{ logisticsNo: `EL${uniqueId()}` }],
      };
    }
    function summary() {
      return buildSummaryApply({
        now: new Date(),
        customsCode: '4614',
        copNo: `S${uniqueId()}`.slice(0, 20),
        agent: PARTIES.agent,
        seller: PARTIES.seller,
        invtNos: [INVT_NO.replace('I', 'E')],
      });
    }
    function exportReturn() {
      const spec = exp();
      return buildExportReturn(spec, {
        invtNo: INVT_NO.replace('I', 'E'),
        lines: returnLinesOf(spec),
        reason: '测试退货',
      });
    }

    it('covers every bound field of every message type of the domain table', () => {
      const expected = Object.values(PARTY_BINDINGS).flatMap((b) =>
        b.bound.flatMap((f) => [
          `${b.messageType} ${b.entity}.${f.field}`,
          ...(f.instead ? [`${b.messageType} ${b.entity}.${f.instead.field}`] : []),
        ]),
      );
      expect(ROWS.map((r) => `${r.type} ${r.path}`).sort()).toEqual(expected.sort());
    });

    it.each(ROWS.map((r) => [`${r.type} ${r.path}`, r] as const))(
      '%s naming another enterprise is refused with −10102 naming the field',
      async (_name, row) => {
        const xml = row.message(victim.code);
        expect(xml).toContain(`<ceb:${row.type}`);
        const res = await g.post(row.sender, xml);
        expect(res.statusCode, res.body).toBe(200);
        expect(statuses(res.body), infos(res.body).join(' | ')).toEqual(['-10102']);
        expect(infos(res.body)[0]).toContain(`${row.path}[${victim.code}]`);
      },
    );

    it('takes the same message from the enterprise it names (the refusal is about the sender, not the message)', async () => {
      // The victim holds every role: its own order, naming itself, is accepted.
      const key = await apiKeyCaller(p, 'victim key', victim.id);
      const order = sentBy(naming(buildImportParcel(imp()).order, 'ebpCode', victim.code), victim);
      const res = await p.app.inject({
        method: 'POST',
        url: '/ceb/messages',
        headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/xml' },
        payload: order,
      });
      expect(statuses(res.body)).toEqual(['2']);
    });
  });

  describe('the authorisations (/api/v1/filing/authorisations)', () => {
    it('shows an authorisation to both parties, customs and the zone office, and to nobody else', async () => {
      const created = await grant('seller', { granteeCode: PARTIES.logistics.code, role: 'assure' });
      expect(created).toMatchObject({
        grantor: { code: PARTIES.seller.code },
        grantee: { code: PARTIES.logistics.code },
        role: 'assure',
        validFrom: chinaDate(0),
        validTo: null,
        status: 'granted',
        inForce: true,
        reason: '委托代理协议 WT-2026-001',
      });
      expect(created.grantedBy).toBeTruthy();
      for (const who of ['seller', 'logistics', 'customs', 'zone']) {
        const res = await api(await login(who), 'GET', `/api/v1/filing/authorisations/${created.id}`);
        expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
      }
      const platform = await api(
        await login('platform'),
        'GET',
        `/api/v1/filing/authorisations/${created.id}`,
      );
      expect(platform.statusCode).toBe(404);
      const market = await api(await login('market'), 'GET', `/api/v1/filing/authorisations/${created.id}`);
      expect(market.statusCode).toBe(403);
      // The grantee reads it but cannot revoke it.
      const byGrantee = await api(
        await login('logistics'),
        'POST',
        `/api/v1/filing/authorisations/${created.id}/revoke`,
        { reason: '被授权方撤销' },
      );
      expect(byGrantee.statusCode).toBe(403);
      const again = await api(await login('seller'), 'POST', '/api/v1/filing/authorisations', {
        granteeCode: PARTIES.logistics.code,
        role: 'assure',
        reason: '重复授权',
      });
      expect(again.statusCode).toBe(409);
      await revoke('seller', created.id);
      const twice = await api(
        await login('seller'),
        'POST',
        `/api/v1/filing/authorisations/${created.id}/revoke`,
        {
          reason: '再次撤销',
        },
      );
      expect(twice.statusCode).toBe(409);
      const audit = await p.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_via'])
        .where('target_id', '=', created.id)
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['authorisation.grant', 'authorisation.revoke']);
    });

    it('lists with paging and filters: an enterprise its own, customs every one', async () => {
      const customs = await login('customs');
      const all = json<TPage<TAuthorisation>>(
        await api(customs, 'GET', '/api/v1/filing/authorisations?pageSize=200'),
      );
      expect(all.total).toBeGreaterThanOrEqual(4);
      const page = json<TPage<TAuthorisation>>(
        await api(customs, 'GET', '/api/v1/filing/authorisations?pageSize=1&page=2'),
      );
      expect(page.items).toHaveLength(1);
      expect(page.total).toBe(all.total);
      const warehouse = json<TPage<TAuthorisation>>(
        await api(
          customs,
          'GET',
          `/api/v1/filing/authorisations?grantorCode=${PARTIES.warehouse.code}&role=warehouse&inForceOn=${chinaDate(0)}`,
        ),
      );
      expect(warehouse.items.map((a) => [a.grantor.code, a.grantee.code, a.role])).toEqual([
        [PARTIES.warehouse.code, PARTIES.agent.code, 'warehouse'],
      ]);
      const received = json<TPage<TAuthorisation>>(
        await api(
          await login('agent'),
          'GET',
          '/api/v1/filing/authorisations?direction=received&pageSize=200',
        ),
      );
      expect(received.items.length).toBeGreaterThan(0);
      expect(received.items.every((a) => a.grantee.code === PARTIES.agent.code)).toBe(true);
      const platform = json<TPage<TAuthorisation>>(
        await api(await login('platform'), 'GET', '/api/v1/filing/authorisations?pageSize=200'),
      );
      expect(
        platform.items.every(
          (a) => a.grantor.code === PARTIES.platform.code || a.grantee.code === PARTIES.platform.code,
        ),
      ).toBe(true);
    });

    it('refuses a role the grantor does not hold, itself, an unknown grantee, a back-dated start, and API keys', async () => {
      const seller = await login('seller');
      const post = (body: Record<string, unknown>) =>
        api(seller, 'POST', '/api/v1/filing/authorisations', { reason: '测试授权', ...body });
      const codes = async (body: Record<string, unknown>) => {
        const res = await post(body);
        expect(res.statusCode, res.body).toBe(422);
        return (json<{ details: { rule: string }[] }>(res).details ?? []).map((d) => d.rule.split(':')[0]);
      };
      expect(await codes({ granteeCode: PARTIES.agent.code, role: 'payment' })).toEqual(['ROLE_NOT_HELD']);
      expect(await codes({ granteeCode: PARTIES.seller.code, role: 'ebc' })).toEqual(['SELF_AUTHORISATION']);
      expect(await codes({ granteeCode: '4614999999', role: 'ebc' })).toEqual(['GRANTEE_UNKNOWN']);
      expect(
        await codes({ granteeCode: PARTIES.agent.code, role: 'assure', validFrom: chinaDate(-1) }),
      ).toEqual(['BACKDATED']);
      const key = (await gatewayFor(p)).keys.seller;
      const byKey = await p.app.inject({
        method: 'POST',
        url: '/api/v1/filing/authorisations',
        headers: { authorization: `Bearer ${key}` },
        payload: { granteeCode: PARTIES.agent.code, role: 'assure', reason: '密钥授权' },
      });
      expect(byKey.statusCode).toBe(403);
    });
  });
});
