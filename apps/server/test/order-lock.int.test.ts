import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCancel, buildExportParcel, buildImportParcel, type ParcelMessages } from '@crossgate/ceb';
import { ENGINES } from '../../../test/support/engines.ts';
import {
  gatewayFor,
  importInventoryOf,
  infos,
  PARTIES,
  parcelSpec,
  sendImport,
  statuses,
  type Gateway,
} from './support/import-kit.ts';
import { exportSpec, sendExport } from './support/export-kit.ts';
import { startPlatform, type Platform } from './support/platform.ts';

/**
 * Spec 202205 table 7-2 (ceb-reference §7.2, §11.6): an order, payment or waybill changes (appType 2) or is
 * deleted (appType 3) only while no inventory naming it is declared — −301011 该订单已向海关申报清单，状态不符,
 * −401008 该支付单已向海关申报支付单，状态不符, −504016 该运单已向海关申报运单，状态不符. Decision 0028: declared
 * means any status but 1 暂存 and 100 退单. The expected codes and texts below are the spec's, literally.
 */
const ORDER_LOCKED = '该订单已向海关申报清单，状态不符';
const PAYMENT_LOCKED = '该支付单已向海关申报支付单，状态不符';
const WAYBILL_LOCKED = '该运单已向海关申报运单，状态不符';

/** The document as a change (appType 2) of one harmless field, or as a deletion (appType 3). */
const changed = (xml: string, field: string, value: string) =>
  xml
    .replace(/<ceb:appType>1</, '<ceb:appType>2<')
    .replace(new RegExp(`<ceb:${field}>[^<]*<`), `<ceb:${field}>${value}<`);
const deleted = (xml: string) => xml.replace(/<ceb:appType>1</, '<ceb:appType>3<');
/** The same document in another envelope: a new message guid, the same content. */
const reenveloped = (xml: string) =>
  xml.replace(/(<ceb:CEB\d+Message[^>]*\bguid=")[^"]*"/, '$1AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE"');

const changeOrder = (m: ParcelMessages, regNo = 'changed') => changed(m.order, 'buyerRegNo', regNo);
const changePayment = (m: ParcelMessages) => changed(m.payment, 'telephone', '13900000000');
const changeWaybill = (m: ParcelMessages) => changed(m.waybill, 'goodsInfo', '婴幼儿配方奶粉（改）');

describe.each(ENGINES)('order, payment and waybill locked by a declared inventory (%s)', (engine) => {
  let p: Platform;
  let g: Gateway;
  let draws: number[] = [];
  beforeAll(async () => {
    p = await startPlatform(engine, {}, { draw: () => draws.shift() ?? 0.999 });
    g = await gatewayFor(p);
  });
  afterAll(async () => p?.close());

  const post = async (role: keyof typeof PARTIES, xml: string) => {
    const res = await g.post(role, xml);
    return {
      status: statuses(res.body),
      info: infos(res.body)[0] ?? '',
      replayed: res.headers['x-crossgate-replayed'],
    };
  };
  const orderRow = (orderNo: string) =>
    p.database.db
      .selectFrom('import_documents')
      .select(['status', 'deleted', 'app_type'])
      .where('doc_type', '=', 'order')
      .where('order_no', '=', orderNo)
      .executeTakeFirstOrThrow();
  const invtNoOf = async (orderNo: string) =>
    (
      await p.database.db
        .selectFrom('inventory_clearance as c')
        .innerJoin('import_documents as d', 'd.id', 'c.document_id')
        .select('c.invt_no')
        .where('d.order_no', '=', orderNo)
        .where('d.doc_type', '=', 'inventory')
        .executeTakeFirstOrThrow()
    ).invt_no as string;
  /** An officer refuses the inventory under inspection (100 退单). */
  const officerRefuses = async (orderNo: string) => {
    const inventory = await importInventoryOf(p, orderNo);
    expect(inventory.status).toBe('500');
    const res = await p.app.inject({
      method: 'POST',
      url: `/api/v1/import/inventories/${inventory.id}/decision`,
      headers: { cookie: await p.login('customs') },
      payload: { action: 'reject', reason: '申报不实' },
    });
    expect(res.statusCode).toBe(200);
    expect((await importInventoryOf(p, orderNo)).status).toBe('100');
  };

  it('−301011: an order change is refused, naming orderNo, while an inventory naming it waits for the payment and waybill (table 7-2)', async () => {
    const spec = parcelSpec();
    const m = buildImportParcel(spec);
    await sendImport(g, m, ['order', 'inventory']);
    expect((await importInventoryOf(p, spec.orderNo)).status).toBe('2');
    const res = await post('platform', changeOrder(m));
    expect(res.status).toEqual(['-301011']);
    expect(res.info).toContain(ORDER_LOCKED);
    expect(res.info).toContain(`orderNo[${spec.orderNo}]`);
    expect(await orderRow(spec.orderNo)).toEqual({ status: '2', deleted: false, app_type: '1' });
  });

  it('−301011: an order deletion is refused while an inventory naming it waits (table 7-2)', async () => {
    const spec = parcelSpec();
    const m = buildImportParcel(spec);
    await sendImport(g, m, ['order', 'payment', 'inventory']);
    const res = await post('platform', deleted(m.order));
    expect(res.status).toEqual(['-301011']);
    expect(res.info).toContain(`orderNo[${spec.orderNo}]`);
    expect((await orderRow(spec.orderNo)).deleted).toBe(false);
  });

  it('an order no inventory names may be changed and then deleted (appType 2, 3 → 2)', async () => {
    const spec = parcelSpec();
    const m = buildImportParcel(spec);
    await sendImport(g, m, ['order', 'payment', 'waybill']);
    expect((await post('platform', changeOrder(m))).status).toEqual(['2']);
    expect(await orderRow(spec.orderNo)).toEqual({ status: '2', deleted: false, app_type: '2' });
    expect((await post('platform', deleted(m.order))).status).toEqual(['2']);
    expect((await orderRow(spec.orderNo)).deleted).toBe(true);
  });

  it('a draft inventory (appStatus 1 暂存, not declared) does not lock the order', async () => {
    const spec = parcelSpec();
    const m = buildImportParcel(spec);
    await sendImport(g, m, ['order']);
    const draft = await post('agent', m.inventory.replace(/<ceb:appStatus>2</, '<ceb:appStatus>1<'));
    expect(draft.status).toEqual(['1']);
    expect((await post('platform', changeOrder(m))).status).toEqual(['2']);
  });

  it('an inventory deleted while it waited (appType 3) no longer locks the order', async () => {
    const spec = parcelSpec();
    const m = buildImportParcel(spec);
    await sendImport(g, m, ['order', 'inventory']);
    expect((await post('platform', changeOrder(m))).status).toEqual(['-301011']);
    expect((await post('agent', deleted(m.inventory))).status).toEqual(['2']);
    // Other bytes than the refused change (the same bytes again would get the stored answer).
    expect((await post('platform', changeOrder(m, 'changed-later'))).status).toEqual(['2']);
  });

  it('after customs refuses the inventory (100 退单) the order may be changed, and the declaration made again clears', async () => {
    draws = [0.001];
    const spec = parcelSpec();
    const m = buildImportParcel(spec);
    await sendImport(g, m);
    expect((await post('platform', changeOrder(m))).status).toEqual(['-301011']);
    await officerRefuses(spec.orderNo);
    // The order customs stored with the inventory (120) is free again once that inventory is refused.
    expect((await post('platform', changeOrder(m, 'changed-later'))).status).toEqual(['2']);
    expect(await orderRow(spec.orderNo)).toEqual({ status: '2', deleted: false, app_type: '2' });
    const again = await post('agent', m.inventory.replace(/<ceb:appType>1</, '<ceb:appType>2<'));
    expect(again.status).toEqual(['2']);
    expect((await importInventoryOf(p, spec.orderNo)).status).toBe('800');
    // Declared again and released: locked once more.
    expect((await post('platform', changeOrder(m, 'changed-once-more'))).status).toEqual(['-301011']);
  });

  it('after customs refuses the inventory (100 退单) the order may be deleted', async () => {
    draws = [0.001];
    const spec = parcelSpec();
    const m = buildImportParcel(spec);
    await sendImport(g, m);
    const early = deleted(m.order);
    expect((await post('platform', early)).status).toEqual(['-301011']);
    await officerRefuses(spec.orderNo);
    // Other bytes than the refused deletion (the same bytes again would get the stored answer).
    expect((await post('platform', reenveloped(early))).status).toEqual(['2']);
    expect((await orderRow(spec.orderNo)).deleted).toBe(true);
  });

  it('−301011: the order stays locked after the inventory is released (800) and after it is cancelled (撤单 399)', async () => {
    const released = buildImportParcel(parcelSpec());
    await sendImport(g, released);
    expect((await post('platform', changeOrder(released))).status).toEqual(['-301011']);

    draws = [0.001];
    const spec = parcelSpec();
    const m = buildImportParcel(spec);
    await sendImport(g, m);
    const cancel = await post('agent', buildCancel(spec, await invtNoOf(spec.orderNo), '消费者取消订单'));
    expect(cancel.status).toEqual(['2']);
    expect((await post('platform', changeOrder(m))).status).toEqual(['-301011']);
    expect((await post('platform', deleted(m.order))).status).toEqual(['-301011']);
  });

  it('−401008: a payment change or deletion is refused, naming orderNo, while an inventory naming its order waits (table 7-2)', async () => {
    const spec = parcelSpec();
    const m = buildImportParcel(spec);
    await sendImport(g, m, ['order', 'payment']);
    expect((await post('payment', changePayment(m))).status).toEqual(['2']);
    await sendImport(g, m, ['inventory']);
    expect((await importInventoryOf(p, spec.orderNo)).status).toBe('2');
    const res = await post('payment', changed(m.payment, 'telephone', '13700000000'));
    expect(res.status).toEqual(['-401008']);
    expect(res.info).toContain(PAYMENT_LOCKED);
    expect(res.info).toContain(`orderNo[${spec.orderNo}]`);
    expect((await post('payment', deleted(m.payment))).status).toEqual(['-401008']);
  });

  it('−504016: a waybill change or deletion is refused, naming logisticsNo, while an inventory naming it waits (table 7-2)', async () => {
    const spec = parcelSpec();
    const m = buildImportParcel(spec);
    await sendImport(g, m, ['order', 'waybill']);
    expect((await post('logistics', changeWaybill(m))).status).toEqual(['2']);
    await sendImport(g, m, ['inventory']);
    const res = await post('logistics', changed(m.waybill, 'goodsInfo', '婴幼儿配方奶粉（再改）'));
    expect(res.status).toEqual(['-504016']);
    expect(res.info).toContain(WAYBILL_LOCKED);
    expect(res.info).toContain(`logisticsNo[${spec.logisticsNo}]`);
    expect((await post('logistics', deleted(m.waybill))).status).toEqual(['-504016']);
  });

  it('an inventory of another seller that only copies the order number does not lock the order', async () => {
    const spec = parcelSpec();
    const m = buildImportParcel(spec);
    await sendImport(g, m, ['order']);
    // Same platform and order number, another e-commerce enterprise (ebcCode): not this order's inventory.
    const other = buildImportParcel({ ...spec, seller: PARTIES.seller2 });
    expect((await post('agent', other.inventory)).status).toEqual(['2']);
    expect((await post('platform', changeOrder(m))).status).toEqual(['2']);
  });

  it('a repeated identical order is recognised as a repeat, not refused, while its inventory waits', async () => {
    const spec = parcelSpec();
    const m = buildImportParcel(spec);
    const change = changeOrder(m);
    await sendImport(g, m, ['order']);
    expect((await post('platform', change)).status).toEqual(['2']);
    await sendImport(g, m, ['inventory']);
    // The same bytes: the stored answer again.
    const sameBytes = await post('platform', change);
    expect(sameBytes.status).toEqual(['2']);
    expect(sameBytes.replayed).toBe('true');
    // The same change in another envelope: a repeat of what is stored, not a change.
    const sameChange = await post('platform', reenveloped(change));
    expect(sameChange.status).toEqual(['2']);
    expect(sameChange.info).toContain('重复报文');
    // A real change is still refused.
    expect((await post('platform', changeOrder(m, 'changed-again'))).status).toEqual(['-301011']);
  });

  it('a repeated identical new order (appType 1) is recognised as a repeat, not refused, while its inventory waits', async () => {
    const spec = parcelSpec();
    const m = buildImportParcel(spec);
    await sendImport(g, m, ['order', 'inventory']);
    const sameBytes = await post('platform', m.order);
    expect(sameBytes.status).toEqual(['2']);
    expect(sameBytes.replayed).toBe('true');
    const sameOrder = await post('platform', reenveloped(m.order));
    expect(sameOrder.status).toEqual(['2']);
    expect(sameOrder.info).toContain('重复报文');
  });

  const exportInventoryStatus = async (orderNo: string) =>
    (
      await p.database.db
        .selectFrom('export_documents')
        .select('status')
        .where('doc_type', '=', 'inventory')
        .where('order_no', '=', orderNo)
        .executeTakeFirstOrThrow()
    ).status;

  it('export −301011: an order (CEB303) change is refused, naming orderNo, while an inventory (CEB603) naming it waits (table 7-2)', async () => {
    const spec = exportSpec();
    const m = buildExportParcel(spec);
    await sendExport(g, m, ['order']);
    expect((await post('platform', changed(m.order, 'barCode', '6901234567885'))).status).toEqual(['2']);
    await sendExport(g, m, ['inventory']);
    expect(await exportInventoryStatus(spec.orderNo)).toBe('2');
    const res = await post('platform', changed(m.order, 'barCode', '6901234567878'));
    expect(res.status).toEqual(['-301011']);
    expect(res.info).toContain(ORDER_LOCKED);
    expect(res.info).toContain(`orderNo[${spec.orderNo}]`);
    expect((await post('platform', deleted(m.order))).status).toEqual(['-301011']);
  });

  it('export −401008: a receipt of payment (CEB403) change is refused while an inventory naming its order waits for the waybill (table 7-2)', async () => {
    const spec = exportSpec();
    const m = buildExportParcel(spec);
    await sendExport(g, m, ['order', 'receipt']);
    expect((await post('payment', changed(m.receipt, 'accountingDate', '20261201120000'))).status).toEqual([
      '2',
    ]);
    await sendExport(g, m, ['inventory']);
    expect(await exportInventoryStatus(spec.orderNo)).toBe('2');
    const res = await post('payment', changed(m.receipt, 'accountingDate', '20261202120000'));
    expect(res.status).toEqual(['-401008']);
    expect(res.info).toContain(PAYMENT_LOCKED);
    expect(res.info).toContain(`orderNo[${spec.orderNo}]`);
  });

  it('export −504016: a waybill (CEB505) change is refused, naming logisticsNo, while an inventory naming it waits for the receipt (table 7-2)', async () => {
    const spec = exportSpec();
    const m = buildExportParcel(spec);
    await sendExport(g, m, ['order', 'waybill']);
    expect((await post('logistics', changed(m.waybill, 'goodsInfo', '智能手机（改）'))).status).toEqual([
      '2',
    ]);
    await sendExport(g, m, ['inventory']);
    expect(await exportInventoryStatus(spec.orderNo)).toBe('2');
    const res = await post('logistics', changed(m.waybill, 'goodsInfo', '智能手机（再改）'));
    expect(res.status).toEqual(['-504016']);
    expect(res.info).toContain(WAYBILL_LOCKED);
    expect(res.info).toContain(`logisticsNo[${spec.logisticsNo}]`);
    expect((await post('logistics', deleted(m.waybill))).status).toEqual(['-504016']);
  });

  it('export: an inventory of another seller that only copies the order number does not lock the order', async () => {
    const spec = exportSpec();
    const m = buildExportParcel(spec);
    await sendExport(g, m, ['order']);
    const other = buildExportParcel({ ...spec, seller: PARTIES.seller2 });
    expect((await post('agent', other.inventory)).status).toEqual(['2']);
    expect((await post('platform', changed(m.order, 'barCode', '6901234567885'))).status).toEqual(['2']);
  });
});
