import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/engines.ts';
import {
  buyer,
  gatewayFor,
  infos,
  MILK,
  parcel,
  sendImport,
  statuses,
  type Gateway,
} from './support/import-kit.ts';
import { startPlatform, type Platform } from './support/platform.ts';

// Decision 0025. The quota year, the CBEC limits (财关税〔2018〕49号), the rates and the invtNo year are those of
// the day the platform received the inventory, in Beijing time (UTC+8): CEB spec 202205, CEB621 field 19
// declTime "申报日期，以海关计算机系统接受清单申报数据时记录的日期为准"; 海关总署令第103号 第九条. A declTime after
// that day (beyond 5 minutes of clock skew) or more than one day before it is refused: −621001 naming declTime.

/** This year in Beijing time: the receipts below fall at its end, after the demo's authorisations began. */
const Y = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
/** An instant given in Beijing wall-clock time (UTC+8). */
const beijing = (year: number, month: number, day: number, hour: number, minute: number) =>
  new Date(Date.UTC(year, month - 1, day, hour - 8, minute));

describe.each(ENGINES)('the declaration date is the day of receipt, not declTime (%s)', (engine) => {
  let p: Platform;
  let g: Gateway;
  let clock: Date | undefined;
  beforeAll(async () => {
    p = await startPlatform(engine, {}, { receiptClock: () => clock ?? new Date() });
    g = await gatewayFor(p);
  });
  afterAll(async () => p?.close());

  const orderNoOf = (xml: string) => /<ceb:orderNo>([^<]+)</.exec(xml)?.[1] as string;
  const inventoryOf = (orderNo: string) =>
    p.database.db
      .selectFrom('import_documents')
      .select(['id', 'status', 'invt_no'])
      .where('doc_type', '=', 'inventory')
      .where('order_no', '=', orderNo)
      .executeTakeFirst();
  const quotaEntryOf = (documentId: string) =>
    p.database.db
      .selectFrom('quota_entries')
      .select(['year', 'amount'])
      .where('document_id', '=', documentId)
      .executeTakeFirst();
  const lastReceipt = (documentId: string) =>
    p.database.db
      .selectFrom('receipts')
      .select(['return_status', 'return_info'])
      .where('document_id', '=', documentId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();

  it('attack: a buyer at 25,000 this year cannot buy 1,500 more by dating the inventory in the next year (−621018)', async () => {
    const who = buyer();
    const lateEvening = beijing(Y, 12, 31, 23, 0);
    clock = lateEvening;
    for (let i = 0; i < 5; i++) {
      const m = parcel({
        now: lateEvening,
        buyer: who,
        items: [{ ...MILK, qty: '10', qty1: '9', price: '500.00' }],
        freight: '0',
      });
      await sendImport(g, m);
      expect((await inventoryOf(orderNoOf(m.order)))?.status).toBe('800');
    }
    // Received at 23:57 Beijing on 31 December, dated 1 January: within the 5 minutes a sender's clock may run
    // fast, so the date is accepted — and the purchase still counts in the year of receipt.
    clock = beijing(Y, 12, 31, 23, 57);
    const attack = parcel({
      now: beijing(Y + 1, 1, 1, 0, 1),
      buyer: who,
      items: [{ ...MILK, qty: '3', qty1: '2.7', price: '500.00' }],
      freight: '0',
    });
    expect(attack.inventory).toContain(`<ceb:declTime>${Y + 1}0101</ceb:declTime>`);
    await sendImport(g, attack);
    const inventory = await inventoryOf(orderNoOf(attack.order));
    expect(inventory?.status).toBe('100');
    const receipt = await lastReceipt(inventory?.id as string);
    expect(receipt.return_status).toBe('-621018');
    expect(receipt.return_info).toContain('25000.00');
    expect(await quotaEntryOf(inventory?.id as string)).toBeUndefined();
  });

  it('refuses an inventory dated after the Beijing day of receipt with −621001 naming declTime', async () => {
    clock = beijing(Y, 12, 31, 12, 0);
    const m = parcel({ now: beijing(Y + 1, 1, 1, 9, 0) });
    const [, , , answer] = await sendImport(g, m);
    expect(statuses(answer?.body ?? '')).toEqual(['-621001']);
    expect(infos(answer?.body ?? '')[0]).toContain(`declTime=${Y + 1}0101`);
    expect(infos(answer?.body ?? '')[0]).toContain(`≤ ${Y}1231`);
    expect(await inventoryOf(orderNoOf(m.order))).toBeUndefined();
  });

  it('refuses an inventory dated years before the receipt with −621001 naming declTime', async () => {
    clock = undefined;
    const m = parcel({ now: new Date('2018-06-01T04:00:00Z') });
    const [, , , answer] = await sendImport(g, m);
    expect(statuses(answer?.body ?? '')).toEqual(['-621001']);
    expect(infos(answer?.body ?? '')[0]).toContain('declTime=20180601');
    expect(await inventoryOf(orderNoOf(m.order))).toBeUndefined();
  });

  it('a receipt at 23:30 Beijing on 31 December counts in that year: quota year and invtNo year', async () => {
    clock = beijing(Y, 12, 31, 23, 30);
    const m = parcel({ now: clock });
    await sendImport(g, m);
    const inventory = await inventoryOf(orderNoOf(m.order));
    expect(inventory?.status).toBe('800');
    expect(await quotaEntryOf(inventory?.id as string)).toEqual({ year: Y, amount: expect.any(String) });
    expect(inventory?.invt_no?.slice(0, 9)).toBe(`4614${Y}I`);
  });

  it('a receipt at 00:30 Beijing on 1 January counts in the new year, though declTime is the day before', async () => {
    clock = beijing(Y + 1, 1, 1, 0, 30);
    const m = parcel({ now: beijing(Y, 12, 31, 23, 55) });
    expect(m.inventory).toContain(`<ceb:declTime>${Y}1231</ceb:declTime>`);
    await sendImport(g, m);
    const inventory = await inventoryOf(orderNoOf(m.order));
    expect(inventory?.status).toBe('800');
    expect((await quotaEntryOf(inventory?.id as string))?.year).toBe(Y + 1);
    expect(inventory?.invt_no?.slice(0, 9)).toBe(`4614${Y + 1}I`);
  });

  it('the inventory, not the last document to arrive, dates the clearance: received 23:30, completed after midnight', async () => {
    const m = parcel({ now: beijing(Y, 12, 31, 23, 30) });
    clock = beijing(Y, 12, 31, 23, 30);
    await sendImport(g, m, ['inventory']);
    clock = beijing(Y + 1, 1, 1, 0, 30);
    await sendImport(g, m, ['order', 'payment', 'waybill']);
    const inventory = await inventoryOf(orderNoOf(m.order));
    expect(inventory?.status).toBe('800');
    expect((await quotaEntryOf(inventory?.id as string))?.year).toBe(Y);
    expect(inventory?.invt_no?.slice(0, 9)).toBe(`4614${Y}I`);
  });
});
