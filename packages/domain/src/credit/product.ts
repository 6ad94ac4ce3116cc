import { checkTenDigitHsCode } from '../registry/codes.ts';
import type { RuleError } from '../result.ts';
import { checkPositiveList, type PositiveListEntry } from './positive-list.ts';
import { charLength, checkText } from './text.ts';

/**
 * Product filing (商品备案), seed §二(一)1 备案管理: what an e-commerce enterprise files about a product before it
 * declares it — the customs commodity code and its declaration elements (申报要素), origin, units, price and
 * barcode — checked against the code tables. A product filed for CBEC retail import must also be on the
 * positive list ({@link checkPositiveList}).
 */
export interface ProductFilingInput {
  /** 企业商品货号 (CEB `itemNo`). */
  itemNo: string;
  /** 商品名称 (CEB `itemName`). */
  nameZh: string;
  nameEn?: string | undefined;
  /** 10-digit customs commodity code (CEB `gcode`). */
  hsCode: string;
  /** 申报要素 by element name, e.g. { 品牌类型: '境外品牌(其他)', 出口享惠情况: '不享惠' }. */
  declarationElements: Record<string, string>;
  /** Country code of origin (CEB `country`). */
  originCountry: string;
  brand?: string | undefined;
  /** GTIN (CEB `barCode`); '无' when the product has none. */
  barcode?: string | undefined;
  /** Declared unit (CEB `unit`). */
  unit: string;
  /** First legal unit (CEB `unit1`). */
  legalUnit1: string;
  /** Second legal unit (CEB `unit2`), for the codes that have one. */
  legalUnit2?: string | undefined;
  /** Unit price, a decimal string (CEB `price`, N19,5). */
  price: string;
  /** Currency code (CEB `currency`). */
  currency: string;
  /** Filed for CBEC retail import: the positive list applies. */
  retailImport: boolean;
}

/** The code tables the caller looks codes up in; the domain holds no tables itself. */
export interface ReferenceLookups {
  /** Whether the 6-digit HS subheading exists in the nomenclature. */
  hsExists(code: string): boolean;
  countryExists(code: string): boolean;
  unitExists(code: string): boolean;
  currencyExists(code: string): boolean;
}

/** Optional: the positive list to check a retail-import product against, and the day of the check. */
export interface PositiveListContext {
  date: string;
  entries: readonly PositiveListEntry[];
}

/** N19,5 as CEB writes `price`: non-negative, at most 14 integer digits and 5 fraction digits. */
const PRICE = /^\d{1,14}(\.\d{1,5})?$/;

/**
 * Checks a product filing field by field. When `positiveList` is given and the product is filed for retail
 * import, its code must be on the list in force on `positiveList.date`.
 */
export function checkProductFiling(
  input: ProductFilingInput,
  ref: ReferenceLookups,
  positiveList?: PositiveListContext,
): RuleError[] {
  const errors: RuleError[] = [];
  if (input.itemNo === '' || charLength(input.itemNo) > 30) {
    errors.push({
      code: 'ITEM_NO_LENGTH',
      field: 'itemNo',
      rule: '企业商品货号为1至30个字符 (item number: 1 to 30 characters)',
      expected: '1–30 characters',
      actual: input.itemNo === '' ? '(empty)' : `${charLength(input.itemNo)} characters`,
    });
  }
  errors.push(
    ...checkText('nameZh', input.nameZh, {
      code: 'PRODUCT_NAME',
      label: { zh: '商品名称', en: 'product name' },
      max: 250,
      required: true,
    }),
    ...checkText('nameEn', input.nameEn, {
      code: 'PRODUCT_NAME_EN',
      label: { zh: '商品英文名称', en: 'product name in English' },
      max: 250,
      required: false,
    }),
    ...checkText('brand', input.brand, {
      code: 'BRAND',
      label: { zh: '品牌', en: 'brand' },
      max: 100,
      required: false,
    }),
  );
  errors.push(...checkHsCode(input.hsCode, ref));
  errors.push(...checkDeclarationElements(input.declarationElements));
  errors.push(
    ...checkCode('originCountry', input.originCountry, (c) => ref.countryExists(c), CODE_TABLES.country),
  );
  errors.push(...checkCode('unit', input.unit, (c) => ref.unitExists(c), CODE_TABLES.unit));
  errors.push(...checkCode('legalUnit1', input.legalUnit1, (c) => ref.unitExists(c), CODE_TABLES.unit));
  if (input.legalUnit2 !== undefined && input.legalUnit2 !== '') {
    errors.push(...checkCode('legalUnit2', input.legalUnit2, (c) => ref.unitExists(c), CODE_TABLES.unit));
  }
  errors.push(...checkCode('currency', input.currency, (c) => ref.currencyExists(c), CODE_TABLES.currency));
  if (!PRICE.test(input.price)) {
    errors.push({
      code: 'PRICE_FORMAT',
      field: 'price',
      rule: '单价须为非负数，最多5位小数 (price is a non-negative decimal with at most 5 fraction digits)',
      expected: 'e.g. 199.00',
      actual: input.price === '' ? '(empty)' : input.price,
    });
  }
  if (input.barcode !== undefined && input.barcode !== '')
    errors.push(...checkBarcode('barcode', input.barcode));
  if (input.retailImport && positiveList && /^\d{10}$/.test(input.hsCode)) {
    errors.push(...checkPositiveList(input.hsCode, positiveList.date, positiveList.entries));
  }
  return errors;
}

function checkHsCode(hsCode: string, ref: ReferenceLookups): RuleError[] {
  const format = checkTenDigitHsCode('hsCode', hsCode);
  if (format.length > 0) return format;
  const subheading = hsCode.slice(0, 6);
  if (ref.hsExists(subheading)) return [];
  return [
    {
      code: 'HS_CODE_UNKNOWN',
      field: 'hsCode',
      rule: `商品编码[${hsCode}]的6位子目${subheading}不在协调制度目录中 (HS subheading ${subheading} of ${hsCode} is not in the nomenclature)`,
      expected: 'a code whose first 6 digits are an HS subheading',
      actual: hsCode,
    },
  ];
}

/**
 * 申报要素: the elements the 《中华人民共和国海关进出口商品规范申报目录》 asks for the code (品牌类型, 出口享惠情况,
 * 用途, 成分…). The catalogue by code is not held here, so the rule is the shape: at least one element, each
 * named, each value filled in and at most 255 characters [UNVERIFIED: the per-element length limit is ours].
 */
function checkDeclarationElements(elements: Record<string, string>): RuleError[] {
  const entries = Object.entries(elements);
  if (entries.length === 0) {
    return [
      {
        code: 'DECLARATION_ELEMENTS_REQUIRED',
        field: 'declarationElements',
        rule: '须填写申报要素 (declaration elements are required)',
        expected: 'e.g. 品牌类型, 出口享惠情况',
        actual: '{}',
      },
    ];
  }
  const errors: RuleError[] = [];
  for (const [name, value] of entries) {
    const field = `declarationElements.${name}`;
    if (name.trim() === '') {
      errors.push({
        code: 'DECLARATION_ELEMENT_NAME',
        field,
        rule: '申报要素须有名称 (a declaration element is named)',
        expected: 'e.g. 品牌类型',
        actual: '(empty)',
      });
      continue;
    }
    errors.push(
      ...checkText(field, value, {
        code: 'DECLARATION_ELEMENT',
        label: { zh: `申报要素“${name}”`, en: `declaration element ${name}` },
        max: 255,
        required: true,
      }),
    );
  }
  return errors;
}

const CODE_TABLES = {
  country: { zh: '国别（地区）代码表', en: 'country code table' },
  unit: { zh: '计量单位代码表', en: 'unit code table' },
  currency: { zh: '币制代码表', en: 'currency code table' },
} as const;

function checkCode(
  field: string,
  value: string,
  exists: (code: string) => boolean,
  table: { zh: string; en: string },
): RuleError[] {
  if (value !== '' && exists(value)) return [];
  return [
    {
      code: 'CODE_UNKNOWN',
      field,
      rule: `代码不在${table.zh}中 (code not in the ${table.en})`,
      expected: `a code of the ${table.en}`,
      actual: value === '' ? '(empty)' : value,
    },
  ];
}

/** What a product without a barcode files in the barcode field, as the customs product record does. */
export const NO_BARCODE = '无';

/**
 * GTIN check digit, GS1 General Specifications §7.9 (mod-10) [UNVERIFIED: section number]: from the digit left of the check digit moving
 * left, weights 3, 1, 3, 1…; the check digit brings the weighted sum up to a multiple of 10.
 */
export function gtinCheckDigit(body: string): number | undefined {
  if (!/^\d+$/.test(body)) return undefined;
  let sum = 0;
  for (let i = body.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += Number(body.charAt(i)) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Checks a product barcode: a GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13, 690–699 for China) or GTIN-14 with a
 * correct GS1 check digit; `无` (none) passes.
 */
export function checkBarcode(field: string, value: string): RuleError[] {
  if (value === NO_BARCODE) return [];
  if (!/^(\d{8}|\d{12,14})$/.test(value)) {
    return [
      {
        code: 'BARCODE_FORMAT',
        field,
        rule: '条形码须为8、12、13或14位数字（无条码填“无”） (barcode is a GTIN of 8, 12, 13 or 14 digits, or 无)',
        expected: 'GTIN-8/12/13/14, e.g. 6901234567892',
        actual: value,
      },
    ];
  }
  const expected = gtinCheckDigit(value.slice(0, -1));
  if (String(expected) === value.slice(-1)) return [];
  return [
    {
      code: 'BARCODE_CHECK_DIGIT',
      field,
      rule: '条形码校验位错误 (barcode check digit wrong, GS1 mod-10)',
      expected: `${value.slice(0, -1)}${expected}`,
      actual: value,
    },
  ];
}
