import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TParcel } from '@crossgate/contract';
import { CATALOGUE, type ParcelItem } from '@crossgate/ceb';
import { ENGINES } from '../../../test/support/engines.ts';
import { gatewayFor, importInventoryOf, parcel, sendImport, type Gateway } from './support/import-kit.ts';
import { json, startPlatform, type Platform } from './support/platform.ts';

// Two toys (儿童积木玩具, 9503008900: VAT 13%, no consumption tax) and a bottle of wine (干红葡萄酒, 2204210000:
// VAT 13%, consumption tax 其他酒 10%), priced so that the line taxes are amounts binary floats cannot hold.
const TOY = CATALOGUE.find((c) => c.itemNo === 'MD24-003') as ParcelItem;
const WINE = CATALOGUE.find((c) => c.itemNo === 'VXP-0004') as ParcelItem;
const ITEMS: ParcelItem[] = [
  { ...TOY, itemNo: 'MD24-003A', qty: '1', price: '1.10' },
  { ...TOY, itemNo: 'MD24-003B', qty: '1', price: '2.20' },
  { ...WINE, qty: '1', price: '9.00' },
];

describe.each(ENGINES)(
  'the parcel API sends the tax bill with its totals as decimal strings (%s)',
  (engine) => {
    let p: Platform;
    let g: Gateway;
    beforeAll(async () => {
      p = await startPlatform(engine, {}, { draw: () => 0.999 });
      g = await gatewayFor(p);
    });
    afterAll(async () => p?.close());

    it('taxes three lines within the limits at 70% (财关税〔2016〕18号) and totals them exactly: VAT 1.21, CT 0.70, total 1.91', async () => {
      const m = parcel({ items: ITEMS, freight: '0', insuredFee: '0' });
      const answers = await sendImport(g, m);
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
      const orderNo = /<ceb:orderNo>([^<]+)</.exec(m.inventory)?.[1] as string;
      const inventory = await importInventoryOf(p, orderNo);
      expect(inventory.status).toBe('800');
      const res = await p.app.inject({
        url: `/api/v1/import/inventories/${inventory.id}`,
        headers: { cookie: await p.login('customs') },
      });
      expect(res.statusCode).toBe(200);
      const view = json<TParcel>(res);
      const bill = view.taxBill;
      // Within the limits: duty 0, VAT and consumption tax at 70% of the statutory amount (财关税〔2016〕18号).
      // Toy 1.10: VAT 1.10 × 0.13 × 0.7 = 0.1001 → 0.10. Toy 2.20: VAT 0.2002 → 0.20.
      // Wine 9.00: CT 9.00 / (1 − 0.10) × 0.10 × 0.7 = 0.70; VAT (9.00 + 1.00) × 0.13 × 0.7 = 0.91.
      // Totals: duty 0.00; VAT 0.10 + 0.20 + 0.91 = 1.21; CT 0.70; owed 0.00 + 1.21 + 0.70 = 1.91
      // (in binary floats 0.1 + 0.2 is already 0.30000000000000004).
      expect(bill).toEqual({
        // The CEB816 taxNo: the inventory number, then the bill's sequence number.
        taxNo: `${view.clearance.invtNo ?? ''}_1`,
        status: '1',
        taxMode: 'cbec',
        customsTax: '0.00',
        valueAddedTax: '1.21',
        consumptionTax: '0.70',
        taxTotal: '1.91',
        lines: [
          {
            gnum: '1',
            gcode: '9503008900',
            gname: '儿童积木玩具',
            taxPrice: '1.10',
            customsTax: '0.00',
            valueAddedTax: '0.10',
            consumptionTax: '0.00',
          },
          {
            gnum: '2',
            gcode: '9503008900',
            gname: '儿童积木玩具',
            taxPrice: '2.20',
            customsTax: '0.00',
            valueAddedTax: '0.20',
            consumptionTax: '0.00',
          },
          {
            gnum: '3',
            gcode: '2204210000',
            gname: '干红葡萄酒',
            taxPrice: '9.00',
            customsTax: '0.00',
            valueAddedTax: '0.91',
            consumptionTax: '0.70',
            consumptionTaxItem: expect.objectContaining({
              item: 'other-alcoholic-beverages',
              basis: 'no-threshold',
              rate: '0.10',
            }) as unknown as object,
          },
        ],
      });
    });
  },
);
