import { describe, expect, it } from 'vitest';
import { ZParcel, ZTaxBill } from '../src/index.ts';

// A tax bill as the clearance stores and the parcel API sends it: the moisturising cream of decision 0027, one
// jar at 12 元/克 (high-end skin care, consumption tax 15%, 财税〔2016〕103号) and one at 3.2 元/克 (none), within
// the limits at 70% (财关税〔2016〕18号). Dear: CT 600/(1−0.15)×0.15×0.7 = 74.12, VAT (600 + 105.88…)×0.091 =
// 64.24; cheap: VAT 320×0.091 = 29.12. Totals: duty 0.00, VAT 93.36, CT 74.12, owed 167.48.
const BILL = {
  taxNo: '46142026I000000001_1',
  status: '1',
  taxMode: 'cbec',
  customsTax: '0.00',
  valueAddedTax: '93.36',
  consumptionTax: '74.12',
  taxTotal: '167.48',
  lines: [
    {
      gnum: '1',
      gcode: '3304990099',
      gname: '保湿面霜',
      taxPrice: '600.00',
      customsTax: '0.00',
      valueAddedTax: '64.24',
      consumptionTax: '74.12',
      consumptionTaxItem: {
        item: 'cosmetics',
        basis: 'at-or-above',
        rate: '0.15',
        unitPrice: '12 元/毫升(克)',
        source: '财税〔2016〕103号',
      },
    },
    {
      gnum: '2',
      gcode: '3304990099',
      gname: null,
      taxPrice: '320.00',
      customsTax: '0.00',
      valueAddedTax: '29.12',
      consumptionTax: '0.00',
    },
  ],
};

describe('the tax bill of the parcel contract (CEB816 with the totals the server computed)', () => {
  it('parses a real tax bill, its totals and lines kept as the decimal strings sent', () => {
    const parsed = ZTaxBill.parse(BILL);
    expect(parsed).toEqual(BILL);
    expect(parsed.taxTotal).toBe('167.48');
    expect(parsed.lines[0]?.consumptionTaxItem?.basis).toBe('at-or-above');
  });

  it('refuses amounts sent as binary floats or without two decimals', () => {
    expect(ZTaxBill.safeParse({ ...BILL, taxTotal: 167.48 }).success).toBe(false);
    expect(ZTaxBill.safeParse({ ...BILL, valueAddedTax: '93.4' }).success).toBe(false);
    expect(ZTaxBill.safeParse({ ...BILL, consumptionTax: '74.117' }).success).toBe(false);
    const line = { ...BILL.lines[1], valueAddedTax: 29.12 };
    expect(ZTaxBill.safeParse({ ...BILL, lines: [line] }).success).toBe(false);
  });

  it('refuses a tax bill without its total', () => {
    const { taxTotal: _, ...withoutTotal } = BILL;
    expect(ZTaxBill.safeParse(withoutTotal).success).toBe(false);
  });

  it('types the parcel taxBill as the tax bill, or null before clearance', () => {
    const shape = ZParcel.shape.taxBill;
    expect(shape.safeParse(null).success).toBe(true);
    expect(shape.safeParse(BILL).success).toBe(true);
    expect(shape.safeParse({ ...BILL, lines: [{ anything: 1 }] }).success).toBe(false);
  });
});
