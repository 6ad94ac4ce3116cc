import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TParcel, TTariffLookup } from '@crossgate/contract';
import { CATALOGUE, type ParcelItem } from '@crossgate/ceb';
import { ENGINES } from '../../../test/support/engines.ts';
import {
  gatewayFor,
  importInventoryOf,
  parcel,
  sendImport,
  type Gateway,
  taxBillOf,
} from './support/import-kit.ts';
import { json, startPlatform, type Platform } from './support/platform.ts';

// The simulator's moisturising cream (面霜) on tariff line 3304990099, declared 1 盒 (140) and its net weight in
// the legal unit 千克 (035).
const CREAM = CATALOGUE.find((c) => c.itemNo === 'MD24-001') as ParcelItem;
// 50 g for 600.00 CNY: 12 元/克 ≥ 10, 高档护肤类化妆品 under 财税〔2016〕103号.
const DEAR = { ...CREAM, qty: '1', qty1: '0.05', price: '600.00' };
// 100 g for 320.00 CNY: 3.2 元/克 < 10, an ordinary skin-care product, no consumption tax since 2016-10-01.
const CHEAP = { ...CREAM, qty: '1', qty1: '0.1', price: '320.00' };

describe.each(ENGINES)('consumption tax of cosmetics by the 财税〔2016〕103号 threshold (%s)', (engine) => {
  let p: Platform;
  let g: Gateway;
  beforeAll(async () => {
    p = await startPlatform(engine, {}, { draw: () => 0.999 });
    g = await gatewayFor(p);
  });
  afterAll(async () => p?.close());

  const clear = async (items: ParcelItem[]) => {
    const m = parcel({ items, freight: '0' });
    const answers = await sendImport(g, m);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
    const orderNo = /<ceb:orderNo>([^<]+)</.exec(m.inventory)?.[1] as string;
    const inventory = await importInventoryOf(p, orderNo);
    expect(inventory.status).toBe('800');
    const bill = await taxBillOf(p, inventory.id);
    const receipt = await p.database.db
      .selectFrom('receipts')
      .select('message_type')
      .where('document_id', '=', inventory.id)
      .where('message_type', '=', 'CEB816Message')
      .execute();
    expect(receipt).toHaveLength(1);
    return { inventory, bill };
  };

  it('taxes high-end skin care at 12 CNY/g (15%) and not cheap skin care at 3.2 CNY/g, in one inventory', async () => {
    const { inventory, bill } = await clear([DEAR, CHEAP]);
    // Dear line: CT 600/(1−0.15)×0.15×0.7 = 74.117… → 74.12; VAT (600 + 105.882…)×0.13×0.7 = 64.235… → 64.24.
    // Cheap line: CT 0; VAT 320×0.13×0.7 = 29.12. Totals: CT 74.12, VAT 93.36, duty 0.
    expect([bill.tax_mode, bill.customs_tax, bill.consumption_tax, bill.value_added_tax]).toEqual([
      'cbec',
      '0.00',
      '74.12',
      '93.36',
    ]);
    const lines = bill.lines as { gnum: string; consumptionTax: string; valueAddedTax: string }[];
    expect(lines.map((l) => [l.gnum, l.consumptionTax, l.valueAddedTax])).toEqual([
      ['1', '74.12', '64.24'],
      ['2', '0.00', '29.12'],
    ]);
    // The parcel shows customs why: the item, the threshold outcome and the regulation.
    const view = json<TParcel>(
      await p.app.inject({
        url: `/api/v1/import/inventories/${inventory.id}`,
        headers: { cookie: await p.login('customs') },
      }),
    );
    expect(view.taxBill?.lines).toMatchObject([
      { consumptionTaxItem: { item: 'cosmetics', basis: 'at-or-above', rate: '0.15' } },
      { consumptionTaxItem: { item: 'cosmetics', basis: 'below', rate: '0' } },
    ]);
    expect(JSON.stringify(view.taxBill?.lines)).toContain('财税〔2016〕103号');
  });

  it('shows the consumption-tax item and its thresholds in the rate lookup (15% from 10 元/毫升(克) since 2016-10-01)', async () => {
    const lookup = async (hsCode: string, date: string) =>
      json<TTariffLookup>(
        await p.app.inject({ url: `/api/v1/reference/tariff-rates/lookup?hsCode=${hsCode}&date=${date}` }),
      );
    expect((await lookup('3304990099', '2024-06-01')).consumptionTaxItem).toMatchObject({
      id: 'cosmetics',
      rate: '0.15',
      levied: 'import',
      thresholds: [
        { perUnit: '10', measure: '元/毫升(克)' },
        { perUnit: '15', measure: '元/片(张)' },
      ],
    });
    expect((await lookup('3303000010', '2016-09-30')).consumptionTaxItem).toMatchObject({
      rate: '0.30',
      thresholds: [],
    });
    expect((await lookup('2201101000', '2024-06-01')).consumptionTaxItem).toBeNull();
  });

  it('taxes skin care exactly at 10 CNY/g: 50 g for 500.00 CNY pays CT 61.76', async () => {
    // CT 500/0.85×0.15×0.7 = 61.764… → 61.76; VAT (500 + 88.235…)×0.091 = 53.529… → 53.53
    const { bill } = await clear([{ ...CREAM, qty: '1', qty1: '0.05', price: '500.00' }]);
    expect([bill.consumption_tax, bill.value_added_tax]).toEqual(['61.76', '53.53']);
  });
});
