import { describe, expect, it } from 'vitest';
import {
  checkBarcode,
  checkPositiveList,
  checkProductFiling,
  gtinCheckDigit,
  positiveListEntry,
  type PositiveListEntry,
  type ProductFilingInput,
  type ReferenceLookups,
} from '../src/index.ts';

const ref: ReferenceLookups = {
  hsExists: (code) => ['040210', '330499', '190110'].includes(code),
  countryExists: (code) => ['116', '502', '303'].includes(code),
  unitExists: (code) => ['007', '011', '035', '142'].includes(code),
  currencyExists: (code) => ['142', '502', '116'].includes(code),
};

const product = (over: Partial<ProductFilingInput> = {}): ProductFilingInput => ({
  itemNo: 'JZ-MILK-001',
  nameZh: '婴幼儿配方奶粉',
  nameEn: 'Infant formula milk powder',
  hsCode: '1901101000',
  declarationElements: { 品牌类型: '境外品牌(其他)', 出口享惠情况: '不享惠' },
  originCountry: '116',
  brand: 'DemoBrand',
  barcode: '6901234567892',
  unit: '142',
  legalUnit1: '035',
  legalUnit2: undefined,
  price: '199.00',
  currency: '142',
  retailImport: false,
  ...over,
});

const codesAndFields = (errors: { code: string; field: string }[]) => errors.map((e) => [e.code, e.field]);

describe('product filing', () => {
  it('accepts a complete product filing', () => {
    expect(checkProductFiling(product(), ref)).toEqual([]);
  });

  it('refuses an item number outside 1–30 characters and a name outside 1–250', () => {
    expect(codesAndFields(checkProductFiling(product({ itemNo: '', nameZh: '' }), ref))).toEqual([
      ['ITEM_NO_LENGTH', 'itemNo'],
      ['PRODUCT_NAME_REQUIRED', 'nameZh'],
    ]);
    expect(codesAndFields(checkProductFiling(product({ itemNo: 'x'.repeat(31) }), ref))).toEqual([
      ['ITEM_NO_LENGTH', 'itemNo'],
    ]);
    expect(checkProductFiling(product({ itemNo: 'x'.repeat(30), nameZh: '奶'.repeat(250) }), ref)).toEqual(
      [],
    );
    expect(codesAndFields(checkProductFiling(product({ nameZh: '奶'.repeat(251) }), ref))).toEqual([
      ['PRODUCT_NAME_LENGTH', 'nameZh'],
    ]);
  });

  it('refuses an HS code that is not 10 digits, without looking it up', () => {
    expect(codesAndFields(checkProductFiling(product({ hsCode: '19011010' }), ref))).toEqual([
      ['HS_CODE_FORMAT', 'hsCode'],
    ]);
  });

  it('refuses a 10-digit code whose 6-digit HS subheading is not in the nomenclature', () => {
    expect(checkProductFiling(product({ hsCode: '9999990000' }), ref)).toEqual([
      expect.objectContaining({ code: 'HS_CODE_UNKNOWN', field: 'hsCode', actual: '9999990000' }),
    ]);
  });

  it('requires declaration elements, each with a filled-in value of at most 255 characters', () => {
    expect(codesAndFields(checkProductFiling(product({ declarationElements: {} }), ref))).toEqual([
      ['DECLARATION_ELEMENTS_REQUIRED', 'declarationElements'],
    ]);
    expect(
      codesAndFields(
        checkProductFiling(product({ declarationElements: { 品牌类型: '', 用途: 'x'.repeat(256) } }), ref),
      ),
    ).toEqual([
      ['DECLARATION_ELEMENT_REQUIRED', 'declarationElements.品牌类型'],
      ['DECLARATION_ELEMENT_LENGTH', 'declarationElements.用途'],
    ]);
  });

  it('refuses codes missing from the country, unit and currency tables, naming each field', () => {
    const errors = checkProductFiling(
      product({ originCountry: '999', unit: '000', legalUnit1: '', legalUnit2: '998', currency: 'USD' }),
      ref,
    );
    expect(codesAndFields(errors)).toEqual([
      ['CODE_UNKNOWN', 'originCountry'],
      ['CODE_UNKNOWN', 'unit'],
      ['CODE_UNKNOWN', 'legalUnit1'],
      ['CODE_UNKNOWN', 'legalUnit2'],
      ['CODE_UNKNOWN', 'currency'],
    ]);
  });

  it('takes a price that is a non-negative decimal with at most 5 decimals', () => {
    for (const price of ['0', '199', '199.12345'])
      expect(checkProductFiling(product({ price }), ref)).toEqual([]);
    for (const price of ['-1.00', '1.123456', '1,00', ''])
      expect(codesAndFields(checkProductFiling(product({ price }), ref))).toEqual([
        ['PRICE_FORMAT', 'price'],
      ]);
  });

  it('checks the barcode when given, and accepts 无 or none', () => {
    expect(checkProductFiling(product({ barcode: '无' }), ref)).toEqual([]);
    expect(checkProductFiling(product({ barcode: undefined }), ref)).toEqual([]);
    expect(codesAndFields(checkProductFiling(product({ barcode: '6901234567891' }), ref))).toEqual([
      ['BARCODE_CHECK_DIGIT', 'barcode'],
    ]);
  });

  it('applies the positive list to a retail-import product when the list is given', () => {
    const entries: PositiveListEntry[] = [entry('190110', '2020-01-01', null)];
    expect(checkProductFiling(product({ retailImport: true }), ref, { date: '2025-06-30', entries })).toEqual(
      [],
    );
    expect(
      codesAndFields(
        checkProductFiling(product({ retailImport: true, hsCode: '0402100000' }), ref, {
          date: '2025-06-30',
          entries,
        }),
      ),
    ).toEqual([['POSITIVE_LIST', 'hsCode']]);
    // Not filed for retail import: the list does not apply.
    expect(
      checkProductFiling(product({ retailImport: false, hsCode: '0402100000' }), ref, {
        date: '2025-06-30',
        entries,
      }),
    ).toEqual([]);
  });
});

describe('GS1 barcode check digit (mod-10)', () => {
  it('accepts a GTIN-13 with the right check digit and refuses a wrong one', () => {
    expect(checkBarcode('barcode', '6901234567892')).toEqual([]);
    expect(checkBarcode('barcode', '6901234567891')).toEqual([
      expect.objectContaining({ code: 'BARCODE_CHECK_DIGIT', field: 'barcode', expected: '6901234567892' }),
    ]);
  });

  it('computes check digits of GTIN-8, GTIN-12 and GTIN-14 with weights 3,1 from the right', () => {
    expect(gtinCheckDigit('9638507')).toBe(4); // GTIN-8 96385074
    expect(gtinCheckDigit('03600029145')).toBe(2); // UPC-A 036000291452
    expect(gtinCheckDigit('1690123456789')).toBe(9); // GTIN-14 16901234567899: a case of 6901234567892
    for (const code of ['96385074', '036000291452', '16901234567899'])
      expect(checkBarcode('barcode', code)).toEqual([]);
  });

  it('accepts 无 (no barcode) and refuses other lengths and letters', () => {
    expect(checkBarcode('barcode', '无')).toEqual([]);
    for (const value of ['', '123456789', '69012345678a', '690123456789012'])
      expect(checkBarcode('barcode', value)[0]?.code).toBe('BARCODE_FORMAT');
  });
});

function entry(
  hsPrefix: string,
  validFrom: string,
  validTo: string | null,
  listName = '跨境电子商务零售进口商品清单（2019年版）',
): PositiveListEntry {
  return { hsPrefix, nameZh: `清单商品${hsPrefix}`, note: '', listName, validFrom, validTo };
}

describe('retail import positive list (跨境电子商务零售进口商品清单)', () => {
  const list: PositiveListEntry[] = [
    entry('3304', '2020-01-01', null),
    entry('330499', '2020-01-01', '2022-03-01'),
    entry('33049900', '2022-03-01', null, '跨境电子商务零售进口商品清单（2022年调整）'),
    entry('0402', '2022-03-01', null, '跨境电子商务零售进口商品清单（2022年调整）'),
  ];

  it('picks the longest prefix in force on the day', () => {
    expect(positiveListEntry('3304990099', '2021-06-01', list)?.hsPrefix).toBe('330499');
    expect(positiveListEntry('3304990099', '2023-06-01', list)?.hsPrefix).toBe('33049900');
    expect(positiveListEntry('3304100000', '2023-06-01', list)?.hsPrefix).toBe('3304');
  });

  it('treats validFrom as inclusive and validTo as exclusive', () => {
    expect(positiveListEntry('3304990099', '2022-02-28', list)?.hsPrefix).toBe('330499');
    expect(positiveListEntry('3304990099', '2022-03-01', list)?.hsPrefix).toBe('33049900');
    expect(positiveListEntry('0402100000', '2022-02-28', list)).toBeUndefined();
    expect(positiveListEntry('0402100000', '2022-03-01', list)?.hsPrefix).toBe('0402');
  });

  it('does not depend on the order of the entries', () => {
    const reversed = [...list].reverse();
    for (const date of ['2021-06-01', '2022-03-01', '2024-01-01'])
      expect(positiveListEntry('3304990099', date, reversed)).toEqual(
        positiveListEntry('3304990099', date, list),
      );
  });

  it('refuses a code not on the list, naming the list, in Chinese first', () => {
    const [error] = checkPositiveList('8517130000', '2024-01-01', list);
    expect(error).toMatchObject({ code: 'POSITIVE_LIST', field: 'hsCode', actual: '8517130000: not listed' });
    expect(error?.rule).toMatch(
      /^商品编码\[8517130000\]不在《跨境电子商务零售进口商品清单》内，不能以跨境电商零售进口方式备案 \(.*not on the retail import positive list/,
    );
  });

  it('says when a listed code’s entry is not yet in force', () => {
    expect(checkPositiveList('0402100000', '2021-01-01', list)[0]?.actual).toBe(
      '0402100000: 跨境电子商务零售进口商品清单（2022年调整） 0402 in force 2022-03-01 – ∞ only',
    );
    expect(checkPositiveList('0402100000', '2023-01-01', list)).toEqual([]);
  });
});
