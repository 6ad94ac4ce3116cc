/**
 * Full taxation of a single indivisible item over the single limit (issue 14, items 2 and 4; decision 0026).
 *
 * 财关税〔2018〕49号: a single indivisible item whose dutiable value exceeds RMB 5,000, within the annual limit,
 * may still be imported as CBEC retail, taxed in full as general trade (全额征收关税和进口环节增值税、消费税).
 * The duty is the MFN rate of 《中华人民共和国进出口税则(2026)》 shipped in data/reference/tariff-lines.json; the
 * expected amounts below are worked by hand from the formula of ceb-reference §8.5, never by the product's code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPage } from '@crossgate/contract';
import { CATALOGUE, type ParcelItem, type ParcelMessages } from '@crossgate/ceb';
import { ENGINES } from '../../../test/support/engines.ts';
import { gatewayFor, parcel, type Gateway, taxBillOf } from './support/import-kit.ts';
import { json, startPlatform, type Platform } from './support/platform.ts';

const item = (itemNo: string, qty1: string): ParcelItem => ({
  ...(CATALOGUE.find((c) => c.itemNo === itemNo) as ParcelItem),
  qty: '1',
  qty1,
});
/** One bottle of red wine, 2204210000 (装入2升及以下容器的鲜葡萄酿造的酒). */
const WINE = item('VXP-0004', '0.75');
/** One box of building blocks, 9503008900 (其他玩具). */
const TOY = item('MD24-003', '1');

interface Line {
  hsCode: string;
  verified: boolean;
  verification: string | null;
  rates: {
    id: string;
    validFrom: string;
    validTo: string | null;
    vatRate: string;
    dutyRate: string | null;
  }[];
}

describe.each(ENGINES)('full taxation of a single indivisible item on %s', (engine) => {
  let p: Platform;
  let g: Gateway;
  beforeAll(async () => {
    p = await startPlatform(engine);
    g = await gatewayFor(p);
  });
  afterAll(async () => p?.close());

  const send = async (m: ParcelMessages) => {
    await g.post('platform', m.order);
    await g.post('payment', m.payment);
    await g.post('logistics', m.waybill);
    await g.post('agent', m.inventory);
  };
  const inventoryOf = (m: ParcelMessages) =>
    p.database.db
      .selectFrom('import_documents')
      .selectAll()
      .where('doc_type', '=', 'inventory')
      .where('order_no', '=', /<ceb:orderNo>([^<]+)</.exec(m.order)?.[1] as string)
      .executeTakeFirstOrThrow();
  const tariffLine = async (hsCode: string) =>
    json<TPage<Line>>(await p.app.inject({ url: `/api/v1/reference/tariff-lines?q=${hsCode}` }))
      .items[0] as Line;

  it('clears a 6,000 CNY bottle of wine in full: duty 14% MFN, consumption tax 10%, VAT 13% (财关税〔2018〕49号)', async () => {
    const m = parcel({ items: [{ ...WINE, price: '6000.00' }], freight: '0' });
    await send(m);
    const inventory = await inventoryOf(m);
    expect(inventory.status).toBe('800');
    const bill = await taxBillOf(p, inventory.id);
    // P = 6000 (no freight or insurance). Duty P × 14% = 840.00 (税则2026, 2204.2100);
    // CT (P + duty) / (1 − 10%) × 10% = 6840 / 0.9 × 0.1 = 760.00 (消费税税目税率表: 其他酒 10%);
    // VAT (P + duty + CT) × 13% = 7600 × 0.13 = 988.00 (增值税法; 公告2019年第39号) — all at 100%, not 70%.
    expect([bill.tax_mode, bill.customs_tax, bill.consumption_tax, bill.value_added_tax]).toEqual([
      'full',
      '840.00',
      '760.00',
      '988.00',
    ]);
  });

  it('refuses a full-tax item whose duty rate is not recorded with −621003 naming the line, its gcode and 税率未知', async () => {
    const zone = await p.login('zone');
    const toy = await tariffLine('9503008900');
    const open = toy.rates.find((r) => r.validTo === null);
    const patch = async (dutyRate: string | null) =>
      (
        await p.app.inject({
          method: 'PATCH',
          url: `/api/v1/reference/tariff-rates/${open?.id}`,
          headers: { cookie: zone },
          payload: { dutyRate },
        })
      ).statusCode;
    expect(await patch(null)).toBe(200);
    try {
      const m = parcel({ items: [{ ...TOY, price: '5500.00' }], freight: '0' });
      await send(m);
      const inventory = await inventoryOf(m);
      expect(inventory.status).toBe('100');
      const last = await p.database.db
        .selectFrom('receipts')
        .select(['return_status', 'return_info'])
        .where('document_id', '=', inventory.id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(last.return_status).toBe('-621003');
      expect(last.return_info).toMatch(/^清单申报失败，\[第1项商品编码\(gcode\)9503008900进口关税税率未知/);
      expect(last.return_info).toContain('财关税〔2018〕49号');
    } finally {
      expect(await patch('0')).toBe(200);
    }
    // Within the limits duty is 0 whatever the tariff holds (财关税〔2016〕18号): the same toy at 159 clears.
  });

  it('publishes each line verified or not: milk powder 0402 verified at VAT 13%, infant formula unverified (未核实)', async () => {
    const milk = await tariffLine('0402210000');
    expect(milk.verified).toBe(true);
    const milk2026 = milk.rates.find((r) => r.validFrom === '2026-01-01');
    // Milk powder is a dairy product, not 鲜奶: standard rate 13%, never the 9% low rate (财税字〔1995〕52号).
    expect(Number(milk2026?.vatRate)).toBe(0.13);
    expect(Number(milk2026?.dutyRate)).toBe(0.1);
    expect(milk.verification).toContain('财税字〔1995〕52号');
    const formula = await tariffLine('1901101000');
    expect(formula.verified).toBe(false);
    expect(formula.verification).toContain('UNVERIFIED');
  });
});
