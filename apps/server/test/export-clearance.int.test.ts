import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type {
  TCertificateVerification,
  TExportDeclaration,
  TExportDeclarationDetail,
  TExportParcel,
  TPage,
  TReceiptFeed,
  TSummaryRun,
} from '@crossgate/contract';
import {
  buildExportCancel,
  buildExportParcel,
  buildExportReturn,
  buildReturnTally,
  buildWayBillBinding,
  returnLinesOf,
  xsdPath,
  type ExportParcelMessages,
  type ExportParcelSpec,
} from '@crossgate/ceb';
import { ENGINES } from '../../../test/support/engines.ts';
import { xmllintValidates } from '../../../packages/ceb/test/support/xmllint.ts';
import {
  arriveExport,
  clearExport,
  departExport,
  DRYER,
  EXPORT_KINDS,
  exportSpec,
  LAPTOP,
  PHONE,
  sendExport,
  summaryApply,
} from './support/export-kit.ts';
import { gatewayFor, PARTIES, statuses, infos, type Gateway } from './support/import-kit.ts';
import { json, startPlatform, type Platform } from './support/platform.ts';
import { pdfWorkspace, squeeze, text as pdfText } from './support/pdf.ts';
import { summaryDeadline } from '@crossgate/domain';
import { runExportSchedule } from '../src/services/export/schedule.ts';

const FIXTURES = join(import.meta.dirname, '../../../packages/ceb/test/fixtures');

describe.each(ENGINES)('export clearance on %s', (engine) => {
  let p: Platform;
  let g: Gateway;
  beforeAll(async () => {
    p = await startPlatform(engine);
    g = await gatewayFor(p);
  });
  afterAll(async () => p?.close());

  const send = (m: ExportParcelMessages, kinds?: readonly (keyof ExportParcelMessages)[]) =>
    sendExport(g, m, kinds);
  const inventoryOf = (orderNo: string) =>
    p.database.db
      .selectFrom('export_documents as d')
      .innerJoin('export_inventories as i', 'i.document_id', 'd.id')
      .select([
        'd.id',
        'd.status',
        'i.invt_no',
        'i.issues',
        'i.closed_at',
        'i.cancelled_at',
        'i.returned_qty',
      ])
      .where('d.doc_type', '=', 'inventory')
      .where('d.order_no', '=', orderNo)
      .executeTakeFirstOrThrow();
  const receiptsOf = (documentId: string) =>
    p.database.db
      .selectFrom('receipts')
      .select(['message_type', 'return_status', 'return_info', 'xml'])
      .where('document_id', '=', documentId)
      .orderBy('id')
      .execute();
  const arrive = (spec: ExportParcelSpec) => arriveExport(g, spec);
  const depart = (spec: ExportParcelSpec) => departExport(g, spec);
  /** One parcel from declaration to 899 结关. */
  const clearToClosed = async (spec: ExportParcelSpec) => {
    await clearExport(g, spec);
    return inventoryOf(spec.orderNo);
  };

  describe('9610 retail: 清单核放', () => {
    it('matches order, receipt, waybill and inventory in any arrival order, then waits for arrival (400)', async () => {
      for (const order of [
        EXPORT_KINDS,
        ['inventory', 'waybill', 'receipt', 'order'],
        ['waybill', 'inventory', 'order', 'receipt'],
      ] as const) {
        const spec = exportSpec();
        const answers = await send(buildExportParcel(spec), order);
        expect(
          answers.map((a) => a.statusCode),
          answers.map((a) => a.body).join('\n'),
        ).toEqual([200, 200, 200, 200]);
        expect(answers.map((a) => statuses(a.body)[0])).toEqual(['2', '2', '2', '2']);
        const inv = await inventoryOf(spec.orderNo);
        expect(inv.status, order.join('→')).toBe('400');
        expect(inv.invt_no).toMatch(/^46142026E\d{9}$/);
      }
    });

    it('goes 2 → 120 → 400 → 800 on arrival → 899 on departure, with CEB604 receipts valid against the official XSD', async () => {
      const spec = exportSpec();
      await send(buildExportParcel(spec));
      expect((await arrive(spec)).statusCode).toBe(200);
      expect((await inventoryOf(spec.orderNo)).status).toBe('800');
      expect((await depart(spec)).statusCode).toBe(200);
      const inv = await inventoryOf(spec.orderNo);
      expect(inv.status).toBe('899');
      expect(inv.closed_at).not.toBeNull();
      const receipts = await receiptsOf(inv.id);
      expect(receipts.map((r) => [r.message_type, r.return_status])).toEqual([
        ['CEB604Message', '2'],
        ['CEB604Message', '120'],
        ['CEB604Message', '400'],
        ['CEB604Message', '800'],
        ['CEB604Message', '899'],
      ]);
      expect(receipts[1]?.return_info).toBe('[Code:1800;Desc:逻辑校验通过]');
      expect(receipts[3]?.return_info).toBe('[Code:2600;Desc:放行]');
      expect(
        await xmllintValidates(
          xsdPath('202205', 'export'),
          receipts.map((r) => r.xml),
        ),
      ).toEqual(receipts.map(() => true));
      // The parcel view: the four documents side by side and the whole timeline, for a party and for customs.
      for (const who of ['seller', 'customs']) {
        const view = json<TExportParcel>(
          await p.app.inject({
            url: `/api/v1/export/inventories/${inv.id}`,
            headers: { cookie: await p.login(who) },
          }),
        );
        expect(view.clearance.invtNo).toBe(inv.invt_no);
        expect([view.order?.status, view.receipt?.status, view.waybill?.status]).toEqual([
          '120',
          '120',
          '120',
        ]);
        expect(view.timeline.filter((t) => t.docType === 'inventory').map((t) => t.status)).toEqual([
          '2',
          '120',
          '400',
          '800',
          '899',
        ]);
      }
      const stranger = await p.app.inject({
        url: `/api/v1/export/inventories/${inv.id}`,
        headers: { cookie: await p.login('seller2') },
      });
      expect(stranger.statusCode).toBe(404);
      const listed = json<TPage<{ id: string }>>(
        await p.app.inject({
          url: `/api/v1/export/inventories?orderNo=${spec.orderNo}`,
          headers: { cookie: await p.login('agent') },
        }),
      );
      expect(listed.items.map((i) => i.id)).toEqual([inv.id]);
      // The supporting documents were stored by customs (120): CEB304 / CEB404 / CEB506.
      const others = await p.database.db
        .selectFrom('export_documents')
        .select(['doc_type', 'status'])
        .where('order_no', '=', spec.orderNo)
        .where('doc_type', '!=', 'inventory')
        .execute();
      expect(others.map((o) => o.status)).toEqual(['120', '120']);
    });

    it('releases at once where the office releases before arrival (per-office sequencing setting)', async () => {
      const admin = await p.login('customs');
      const set = await p.app.inject({
        method: 'PUT',
        url: '/api/v1/export/customs-offices/4615/sequencing',
        headers: { cookie: admin },
        payload: { sequencing: 'release_then_arrival' },
      });
      expect(set.statusCode, set.body).toBe(200);
      const spec = exportSpec({ customsCode: '4615', portCode: '4615' });
      await send(buildExportParcel(spec));
      expect((await inventoryOf(spec.orderNo)).status).toBe('800');
      await depart(spec);
      expect((await inventoryOf(spec.orderNo)).status).toBe('899');
    });

    it('refuses an inventory whose consignor is not the order’s seller (100), naming the field and both values', async () => {
      const spec = exportSpec({ items: [PHONE, DRYER] });
      const m = buildExportParcel(spec);
      const other = buildExportParcel({ ...spec, seller: PARTIES.seller2 });
      await send({ ...m, inventory: other.inventory });
      const inv = await inventoryOf(spec.orderNo);
      expect(inv.status).toBe('100');
      const refusal = (await receiptsOf(inv.id)).find((r) => r.return_status === '100');
      expect(refusal?.return_info).toContain('三单比对不通过');
      expect(refusal?.return_info).toContain('ebcCode');
      expect(refusal?.return_info).toContain(PARTIES.seller2.code);
    });

    it('answers a repeated message with the same receipt and stores nothing twice', async () => {
      const spec = exportSpec();
      const m = buildExportParcel(spec);
      const first = await g.post('platform', m.order);
      const again = await g.post('platform', m.order);
      expect(again.body).toBe(first.body);
      expect(again.headers['x-crossgate-replayed']).toBe('true');
      const n = await p.database.db
        .selectFrom('export_documents')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('order_no', '=', spec.orderNo)
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(1);
    });

    it('refuses an official 2022 sample whose duplicated BaseTransfer breaks its own XSD, with a CEB900 naming it', async () => {
      const sample = readFileSync(join(FIXTURES, '202205/export/CEB303Message.xml'), 'utf8');
      const res = await g.post('platform', sample);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('CEB900Message');
      expect(res.body).toContain('BaseTransfer');
    });

    it('refuses a sender without the role for the message (-10101)', async () => {
      // The carrier signs the inventory as itself (copCode right) but may not declare inventories.
      const spec = exportSpec({ agent: PARTIES.logistics });
      const res = await g.post('logistics', buildExportParcel(spec).inventory);
      expect(statuses(res.body)[0]).toBe('-10101');
    });
  });

  describe('cancel (CEB605)', () => {
    it('cancels before release (399) and stops the parcel from being released on arrival', async () => {
      const spec = exportSpec();
      await send(buildExportParcel(spec));
      const inv = await inventoryOf(spec.orderNo);
      const res = await g.post('agent', buildExportCancel(spec, inv.invt_no as string, '客户取消订单'));
      expect(statuses(res.body)[0], res.body).toBe('2');
      const cancelled = await inventoryOf(spec.orderNo);
      expect(cancelled.cancelled_at).not.toBeNull();
      await arrive(spec);
      expect((await inventoryOf(spec.orderNo)).status).toBe('400');
    });

    it('refuses to cancel after release (-623005) and points to a return instead', async () => {
      const spec = exportSpec();
      const inv = await clearToClosed(spec);
      const res = await g.post('agent', buildExportCancel(spec, inv.invt_no as string, '晚了'));
      expect(statuses(res.body)[0]).toBe('-623005');
      expect(infos(res.body)[0]).toContain('CEB213');
    });
  });

  describe('9710 B2B and 9810 overseas warehouse (海关总署公告2020年第75号)', () => {
    it('refuses a 9710 shipment over 5,000 CNY, telling the user to file a customs declaration', async () => {
      const spec = exportSpec({ tradeMode: '9710', items: [{ ...LAPTOP, qty: '12', qty1: '12' }] });
      const res = await g.post('agent', buildExportParcel(spec).inventory);
      expect(statuses(res.body)[0]).toBe('-621001');
      expect(infos(res.body)[0]).toContain('报关单');
    });

    it('converts a foreign-currency 9710 value at the customs rate, and refuses when no rate is on record', async () => {
      const spec = exportSpec({
        tradeMode: '9710',
        currency: '502',
        items: [{ ...LAPTOP, price: '300.00' }],
      });
      const refused = await g.post('agent', buildExportParcel(spec).inventory);
      expect(statuses(refused.body)[0]).toBe('-621001');
      expect(infos(refused.body)[0]).toContain('汇率');
      await p.database.db
        .insertInto('exchange_rates')
        .values({
          currency: '502',
          valid_from: '2026-01-01',
          valid_to: null,
          cny_per_unit: '7.1',
          source: 'test',
        })
        .execute();
      const m = buildExportParcel({
        ...spec,
        orderNo: `${spec.orderNo}X`,
        copNo: `${spec.copNo}X`.slice(0, 20),
      });
      const answers = await send(m, ['order', 'waybill', 'inventory']);
      expect(answers.map((a) => statuses(a.body)[0])).toEqual(['2', '2', '2']);
      // B2B payment data is optional: order + waybill are enough.
      expect((await inventoryOf(`${spec.orderNo}X`)).status).toBe('400');
    });

    it('refuses a 9810 inventory whose overseas warehouse is not filed, and clears once it is filed', async () => {
      const code = `OW${randomBytes(3).toString('hex').toUpperCase()}`;
      // The booking names the warehouse operator as its ebp (4614960008, the demo's overseas-warehouse operator).
      const platform = {
        code: '4614960008',
        name: '焦作利马海外仓管理有限公司(演示)',
        dxpId: 'DXPENT0000000008',
      };
      const spec = exportSpec({ tradeMode: '9810', platform });
      const refused = await g.post('agent', buildExportParcel(spec).inventory);
      expect(statuses(refused.body)[0]).toBe('-621001');
      expect(infos(refused.body)[0]).toContain('海外仓');

      const filed = await p.app.inject({
        method: 'POST',
        url: '/api/v1/export/overseas-warehouses',
        headers: { cookie: await p.login('overseas') },
        payload: { code, name: '洛杉矶海外仓', country: '502', address: '1 Harbor Way, Los Angeles' },
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const m = buildExportParcel(spec);
      const answers = await send(m, ['waybill', 'inventory']);
      expect(answers.map((a) => statuses(a.body)[0])).toEqual(['2', '2']);
      // The booking (orderType W) is sent by the seller; B2B and warehouse exports need no receipt.
      await g.post('seller', m.order);
      expect((await inventoryOf(spec.orderNo)).status).toBe('400');
    });
  });

  describe('monthly summary declaration (汇总申报, 海关总署公告2018年第194号)', () => {
    it('merges the month’s closed B-type inventories, maps every line once, and leaves A-type ones out', async () => {
      const seller = PARTIES.seller2;
      const specs = [
        exportSpec({ seller, items: [PHONE, DRYER] }),
        exportSpec({ seller, items: [{ ...PHONE, qty: '2', qty1: '2', qty2: '0.4' }] }),
        exportSpec({ seller, items: [LAPTOP], country: '303' }),
      ];
      const simplified = exportSpec({ seller, statisticsFlag: 'A', items: [PHONE] });
      for (const s of [...specs, simplified]) expect((await clearToClosed(s)).status).toBe('899');
      const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

      const customs = await p.login('customs');
      const run = json<TSummaryRun>(
        await p.app.inject({
          method: 'POST',
          url: '/api/v1/export/summaries',
          headers: { cookie: customs },
          payload: { month, summaryFlag: '1', ebcCode: seller.code },
        }),
      );
      expect(run.inventories).toBe(3);
      // Two 运抵国 (502, 303): two declarations.
      expect(run.declarations).toBe(2);

      const list = json<TPage<TExportDeclaration>>(
        await p.app.inject({
          url: `/api/v1/export/declarations?month=${month}`,
          headers: { cookie: customs },
        }),
      );
      const mine = list.items.filter((d) => run.sumNos.includes(d.sumNo));
      expect(mine).toHaveLength(2);
      const us = mine.find((d) => d.country === '502') as TExportDeclaration;
      const detail = json<TExportDeclarationDetail>(
        await p.app.inject({ url: `/api/v1/export/declarations/${us.id}`, headers: { cookie: customs } }),
      );
      // Phones of both parcels are one line (same country, HS code, currency); quantities summed per unit.
      const phones = detail.lines.find((l) => l.gcode === PHONE.gcode);
      expect(phones?.declared).toEqual([{ unit: '001', qty: '3' }]);
      expect(phones?.totalPrice).toBe('540');
      expect(detail.items).toHaveLength(3);
      expect(new Set(detail.items.map((i) => `${i.invtNo}|${i.gnum}`)).size).toBe(3);

      // A second run finds nothing left: an inventory is summarised once.
      const again = json<TSummaryRun>(
        await p.app.inject({
          method: 'POST',
          url: '/api/v1/export/summaries',
          headers: { cookie: customs },
          payload: { month, ebcCode: seller.code },
        }),
      );
      expect(again.declarations).toBe(0);
      expect(again.reason).toContain('没有可汇总的清单');

      // The CEB792 summary results reach the agent's feed, valid against the official XSD.
      const feed: TReceiptFeed['receipts'] = [];
      for (let cursor = '0:0'; ;) {
        const page = json<TReceiptFeed>(
          await p.app.inject({
            url: `/api/v1/receipts?limit=500&cursor=${cursor}`,
            headers: { authorization: `Bearer ${g.keys.agent}` },
          }),
        );
        feed.push(...page.receipts);
        if (page.receipts.length === 0) break;
        cursor = page.nextCursor;
      }
      const results = feed.filter(
        (r) => r.messageType === 'CEB792Message' && r.businessKey === detail.declSeqNo,
      );
      expect(results).toHaveLength(1);
      expect(await xmllintValidates(xsdPath('202205', 'export'), [results[0]?.xml as string])).toEqual([
        true,
      ]);

      // The certificate: a PDF for the parties, verifiable by anyone with the code from its QR code.
      // The request names another host: the QR code and its caption still point at the platform's own
      // address (CROSSGATE_PUBLIC_URL; unset: http://localhost:8080), never at a Host header the client chose.
      const pdf = await p.app.inject({
        url: `/api/v1/export/declarations/${us.id}/certificate.pdf`,
        headers: { cookie: await p.login('seller2'), host: 'phish.example' },
      });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const pdfs = pdfWorkspace('crossgate-certificate-');
      const printed = squeeze(await pdfText(pdfs.save(pdf.rawPayload)));
      pdfs.cleanup();
      expect(printed).toContain('http://localhost:8080/verify/certificates/');
      expect(printed).not.toContain('phish.example');
      const row = await p.database.db
        .selectFrom('export_declarations')
        .select(['certificate_no', 'verify_code'])
        .where('id', '=', us.id)
        .executeTakeFirstOrThrow();
      const verified = json<TCertificateVerification>(
        await p.app.inject({
          url: `/api/v1/public/certificates/${row.certificate_no}?code=${row.verify_code}`,
        }),
      );
      expect(verified).toMatchObject({ valid: true, declSeqNo: detail.declSeqNo, invtCount: 2 });
      const page = await p.app.inject({
        url: `/verify/certificates/${row.certificate_no}?code=${row.verify_code}`,
      });
      expect(page.statusCode).toBe(200);
      // No 报关单号 yet: a provisional certificate, never "genuine" next to an entry number of "—".
      expect(page.body).toContain('临时证明联');
      expect(page.body).toContain('待海关给号');
      expect(page.body).not.toContain('证明联真实有效');
      await sql`UPDATE export_declarations SET entry_id = '460420261000000001' WHERE id = ${us.id}`.execute(
        p.database.db,
      );
      const given = await p.app.inject({
        url: `/verify/certificates/${row.certificate_no}?code=${row.verify_code}`,
      });
      expect(given.body).toContain('证明联真实有效');
      expect(given.body).toContain('460420261000000001');
      expect(given.body).not.toContain('临时证明联');
      const forged = await p.app.inject({
        url: `/api/v1/public/certificates/${row.certificate_no}?code=${'0'.repeat(24)}`,
      });
      expect(forged.statusCode).toBe(404);
      // A database failure is not a verdict on the certificate: the page says "try again later" (503), never
      // "✘ not found" to the holder of a genuine one.
      await sql`ALTER TABLE export_declarations RENAME TO export_declarations_away`.execute(p.database.db);
      try {
        const down = await p.app.inject({
          url: `/verify/certificates/${row.certificate_no}?code=${row.verify_code}`,
        });
        expect(down.statusCode).toBe(503);
        expect(down.body).toContain('暂时无法核验');
        expect(down.body).not.toContain('未找到');
      } finally {
        await sql`ALTER TABLE export_declarations_away RENAME TO export_declarations`.execute(p.database.db);
      }
    });

    it('forms a summary from a CEB701 application: CEB702 with the sumNo, then one CEB792 per declaration', async () => {
      const specs = [exportSpec({ items: [DRYER] }), exportSpec({ items: [DRYER, PHONE] })];
      const invtNos: string[] = [];
      for (const s of specs) invtNos.push((await clearToClosed(s)).invt_no as string);
      const res = await g.post('agent', summaryApply({ invtNos }));
      expect(statuses(res.body)[0], res.body).toBe('2');
      const doc = await p.database.db
        .selectFrom('export_documents')
        .select(['id', 'status'])
        .where('doc_type', '=', 'summary_apply')
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      expect(doc.status).toBe('120');
      const receipts = await receiptsOf(doc.id);
      const ceb702 = receipts.filter((r) => r.message_type === 'CEB702Message');
      expect(ceb702.map((r) => r.return_status)).toEqual(['2', '120']);
      expect(ceb702[1]?.xml).toMatch(/<sumNo>46142026S\d{9}<\/sumNo>/);
      expect(receipts.filter((r) => r.message_type === 'CEB792Message').length).toBeGreaterThanOrEqual(1);
      // The same inventories cannot be summarised twice.
      const twice = await g.post('agent', summaryApply({ invtNos }));
      expect(statuses(twice.body)[0]).toBe('2');
      const second = await p.database.db
        .selectFrom('export_documents')
        .select(['status'])
        .where('doc_type', '=', 'summary_apply')
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      expect(second.status).toBe('100');
    });
  });

  describe('summary deadline schedule', () => {
    it('forms what is left of a month only from its deadline day on (15th, or the next working day)', async () => {
      const spec = exportSpec({ seller: PARTIES.seller2, items: [DRYER] });
      const inv = await clearToClosed(spec);
      const closed = await p.database.db
        .selectFrom('export_inventories')
        .select('closed_at')
        .where('invt_no', '=', inv.invt_no as string)
        .executeTakeFirstOrThrow();
      const month = new Date((closed.closed_at as Date).getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
      const [y, mo] = month.split('-').map(Number) as [number, number];
      const next = `${mo === 12 ? y + 1 : y}-${String(mo === 12 ? 1 : mo + 1).padStart(2, '0')}`;
      const deadline = summaryDeadline(
        month,
        await p.database.db.selectFrom('calendar_days').select(['date', 'kind']).execute(),
      );
      expect(deadline >= `${next}-15`).toBe(true);
      const dayBefore = new Date(`${next}-14T12:00:00+08:00`);
      expect(await runExportSchedule({ db: p.database.db }, dayBefore)).toBeUndefined();
      const run = await runExportSchedule({ db: p.database.db }, new Date(`${deadline}T09:00:00+08:00`));
      expect(run?.month).toBe(month);
      const item = await p.database.db
        .selectFrom('export_declaration_items')
        .select('gseqno')
        .where('invt_no', '=', inv.invt_no as string)
        .execute();
      expect(item).toHaveLength(1);
      const summary = await p.database.db
        .selectFrom('export_summaries')
        .select('source')
        .where('sum_no', 'in', run?.sumNos ?? [])
        .execute();
      expect(summary.every((x) => x.source === 'schedule')).toBe(true);
    });
  });

  describe('returns (CEB213 / CEB215, 海关总署公告2020年第44号)', () => {
    it('accepts a return of released goods (9661), concludes it on the tally, and records the returned quantity', async () => {
      const spec = exportSpec({ items: [{ ...PHONE, qty: '2', qty1: '2', qty2: '0.4' }] });
      const inv = await clearToClosed(spec);
      const coElNo = `RT${randomBytes(5).toString('hex')}`;
      const lines = returnLinesOf(spec).map((l) => ({ ...l, qty: '1', qty1: '1' }));
      const res = await g.post(
        'agent',
        buildExportReturn(spec, { invtNo: inv.invt_no as string, lines, reason: '买家退货', coElNo }),
      );
      expect(statuses(res.body)[0], res.body).toBe('2');
      const tally = await g.post(
        'warehouse',
        buildReturnTally(spec, { operator: PARTIES.warehouse, invtNo: inv.invt_no as string, coElNo }),
      );
      expect(statuses(tally.body)[0], tally.body).toBe('2');
      expect((await inventoryOf(spec.orderNo)).returned_qty).toEqual({ '1': '1' });
    });

    it('refuses a return of more than was exported', async () => {
      const spec = exportSpec();
      const inv = await clearToClosed(spec);
      const lines = returnLinesOf(spec).map((l) => ({ ...l, qty: '5', qty1: '5' }));
      const res = await g.post(
        'agent',
        buildExportReturn(spec, { invtNo: inv.invt_no as string, lines, reason: '退货', coElNo: 'RTX1' }),
      );
      expect(statuses(res.body)[0]).toBe('-625001');
    });
  });

  describe('master-bill binding (CEB607)', () => {
    it('binds waybills to the master bill after the inventory and stores the voyage on the inventory', async () => {
      const spec = exportSpec();
      await send(buildExportParcel(spec));
      const res = await g.post(
        'agent',
        buildWayBillBinding({
          now: new Date(),
          customsCode: '4614',
          copNo: `WB${randomBytes(6).toString('hex')}`,
          logistics: PARTIES.logistics,
          agent: PARTIES.agent,
          grossWeight: '1.5',
          transport: { billNo: '999-77777777', voyageNo: 'CA999' },
          parcels: [{ logisticsNo: spec.logisticsNo }],
        }),
      );
      expect(statuses(res.body)[0], res.body).toBe('2');
      const row = await p.database.db
        .selectFrom('export_inventories')
        .select(['bill_no', 'voyage_no'])
        .where('logistics_no', '=', spec.logisticsNo)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ bill_no: '999-77777777', voyage_no: 'CA999' });
    });
  });
});
