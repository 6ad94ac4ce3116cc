import type { Language, TErrorDetail } from './errors.ts';
import { FINDING_TEXTS, textCheckText } from './finding-texts.ts';

/**
 * Errors for clerks (issue 17 item 7): an API error's details are written for machines (a JSON path, a regular
 * expression, a byte limit, a rule code). This file turns each detail into one sentence in one language that
 * says what is wrong, where, and how to fix it; the technical parts stay available for an expandable "technical
 * detail". Pure functions over the error shape, shared by the web app and the CLI.
 */

type Text = { zh: string; en: string };

/**
 * Clerk texts of the business-rule codes a clerk meets most (they arrive as `details[].rule` = `CODE: rule`
 * under RULE_VIOLATION or VALIDATION_FAILED). A code not listed here is shown with the rule's own text in the
 * language asked for (see {@link oneLanguage}).
 */
export const RULE_TEXTS: Record<string, Text> = {
  HS_CODE_UNKNOWN: {
    zh: '商品编码不在海关商品目录中：请核对前6位，可在商品编码查询中找到正确的10位编码',
    en: 'The commodity code is not in the customs nomenclature: check its first 6 digits, or look the right 10-digit code up',
  },
  HS_CODE_FORMAT: {
    zh: '商品编码应为10位数字：请补足或更正',
    en: 'A commodity code has 10 digits: complete or correct it',
  },
  CODE_UNKNOWN: {
    zh: '代码不在海关参数代码表中：请从下拉列表中选择',
    en: 'The code is not in the customs code table: pick one from the list',
  },
  USCC_REQUIRED: {
    zh: '请填写统一社会信用代码（18位）',
    en: 'Enter the unified social credit code (18 characters)',
  },
  USCC_FORMAT: {
    zh: '统一社会信用代码格式不正确：应为18位数字或大写字母，请对照营业执照填写',
    en: 'The unified social credit code is malformed: 18 digits or capital letters, as on the business licence',
  },
  USCC_CHECK_CHARACTER: {
    zh: '统一社会信用代码校验位不符：通常是某一位抄错，请对照营业执照逐位核对',
    en: 'The check character of the unified social credit code does not fit: a character is probably mistyped; compare it with the business licence',
  },
  USCC_ORGANISATION_CODE: {
    zh: '统一社会信用代码中的组织机构代码部分不正确：请对照营业执照核对',
    en: 'The organisation-code part of the unified social credit code is wrong: compare it with the business licence',
  },
  CUSTOMS_CODE_FORMAT: {
    zh: '海关注册编码应为10位：前4位为关区代码，后6位为数字或大写字母',
    en: 'A customs registration code has 10 characters: a 4-digit customs office, then 6 digits or capital letters',
  },
  BARCODE_FORMAT: {
    zh: '条形码格式不正确：应为8、12、13或14位数字',
    en: 'The barcode is malformed: 8, 12, 13 or 14 digits',
  },
  BARCODE_CHECK_DIGIT: {
    zh: '条形码最后一位校验码不符：请核对是否抄错',
    en: 'The last (check) digit of the barcode does not fit: check for a typing mistake',
  },
  PRICE_FORMAT: {
    zh: '价格格式不正确：请填写数字，最多5位小数',
    en: 'The price is malformed: enter a number with at most 5 decimals',
  },
  PRICE_NEGATIVE: { zh: '价格不能为负数', en: 'A price cannot be negative' },
  AMOUNT_FORMAT: {
    zh: '金额或数量格式不正确：请填写数字，最多5位小数',
    en: 'The amount or quantity is malformed: enter a number with at most 5 decimals',
  },
  QTY_POSITIVE: { zh: '数量必须大于0', en: 'The quantity must be more than 0' },
  PHONE_FORMAT: {
    zh: '电话号码格式不正确：请填写手机号或带区号的固定电话',
    en: 'The telephone number is malformed: a mobile number, or a landline with its area code',
  },
  EMAIL_FORMAT: { zh: '电子邮箱格式不正确', en: 'The email address is malformed' },
  DATE_FORMAT: {
    zh: '日期不正确：请按“年-月-日”选择一个真实的日期',
    en: 'The date is not right: pick a real day (year-month-day)',
  },
  DECLARATION_ELEMENTS_REQUIRED: {
    zh: '请填写申报要素（品牌类型、用途、成分等），至少一项',
    en: 'Fill in the declaration elements (brand type, use, composition …), at least one',
  },
  POSITIVE_LIST: {
    zh: '该商品不在跨境电商零售进口商品清单内，不能按零售进口备案',
    en: 'The goods are not on the list of goods allowed for CBEC retail import; they cannot be filed for retail import',
  },
  ITEM_NO_REPEATED: {
    zh: '商品货号与本企业已备案的商品重复：请换一个货号',
    en: 'Your enterprise already filed a product with this item number: use another one',
  },
  NEGATIVE_LISTED: {
    zh: '该企业或人员在信用负面清单上，不能办理：如有异议请联系海关',
    en: 'The enterprise or person is on the credit negative list and may not do this; contact customs to dispute it',
  },
  STATUS_TRANSITION: {
    zh: '当前状态下不能办理此项操作：请刷新页面查看最新状态',
    en: 'This cannot be done in the current state: reload the page to see the latest state',
  },
  REASON_REQUIRED: { zh: '请填写原因', en: 'Enter a reason' },
  CREDIT_EVENT_CATEGORY: {
    zh: '请从列表中选择信用事件类别',
    en: 'Pick the credit event category from the list',
  },
  CREDIT_EVENT_WEIGHT: {
    zh: '分值不正确：扣分事件填负数、加分事件填正数，最多两位小数，绝对值不超过100',
    en: 'The weight is not right: negative for a penalty, positive for a commendation, at most 2 decimals and within ±100',
  },
  CREDIT_EVENT_FUTURE: {
    zh: '发生日期不能晚于今天',
    en: 'The day it occurred cannot be after today',
  },
  // Findings of the three-document match (import and export), shown on the parcel pages.
  ORDER_ACTURAL_PAID: {
    zh: '订单实际支付金额应等于商品价格＋运杂费＋代扣税款－非现金抵扣：请核对订单金额',
    en: 'The amount paid on the order must equal goods value + freight + tax − discount: check the order’s amounts',
  },
  PAYMENT_AMOUNT: {
    zh: '支付单的支付金额与订单实际支付金额不一致：请核对支付单或订单',
    en: 'The payment amount differs from what the order says was paid: check the payment or the order',
  },
  CONSIGNEE_MISMATCH: {
    zh: '订单与运单的收件人信息不一致：请核对收件人姓名、电话和地址',
    en: 'The consignee on the order differs from the waybill: check the name, telephone and address',
  },
  GNAME_MISMATCH: {
    zh: '清单商品名称与订单商品名称不一致：请按订单修改',
    en: 'The goods name on the inventory differs from the order: correct it to match the order',
  },
  LINE_GNUM: {
    zh: '清单与订单的商品项号不能一一对应：请核对商品序号',
    en: 'The goods lines of the inventory and the order do not correspond one to one: check the line numbers',
  },
  ID_TYPE: {
    zh: '订购人和支付人须使用身份证：证件类型请选择身份证',
    en: 'The buyer and the payer are identified by their ID card: choose the ID card as the document type',
  },
  CURRENCY: {
    zh: '跨境电商进口的金额须以人民币申报：币制请选择人民币',
    en: 'CBEC import amounts are declared in yuan: choose the renminbi as the currency',
  },
  BUYER_NOT_PAYER: {
    zh: '订购人与支付人须为同一人：请核对订单与支付单的身份信息',
    en: 'The buyer must be the payer: check the identity on the order and the payment',
  },
  ASSURE_CODE: {
    zh: '担保企业编号不正确：请填写已备案的担保企业',
    en: 'The guarantor code is not right: enter a filed guarantor',
  },
  PRACTICE_TOTALS: {
    zh: '清单各项总价之和与订单商品价格不一致：请核对',
    en: 'The inventory’s line totals do not add up to the order’s goods value: check them',
  },
  PRACTICE_QTY1: {
    zh: '申报计量单位与法定计量单位相同时，两个数量应相等：请核对',
    en: 'Where the declared unit is the statutory unit, both quantities must be equal: check them',
  },
  EXPORT_EBC_MISMATCH: {
    zh: '清单的电商企业与订单不一致：请核对电商企业代码',
    en: 'The e-commerce enterprise on the inventory differs from the order: check its code',
  },
  EXPORT_RECEIPT_MISSING: {
    zh: '尚未收到收款单：零售出口须有收款单才能比对',
    en: 'No receipt of payment yet: retail export is matched only with one',
  },
  QUERY_TOO_SHORT: {
    zh: '查询条件太短：请至少输入2个字',
    en: 'The search is too short: type at least 2 characters',
  },
};

/** Clerk names of the fields that errors name most (the last segment of `details[].field`). */
export const FIELD_LABELS: Record<string, Text> = {
  orderNo: { zh: '订单编号', en: 'order number' },
  logisticsNo: { zh: '运单编号', en: 'waybill number' },
  waybillNo: { zh: '运单编号', en: 'waybill number' },
  invtNo: { zh: '清单编号', en: 'inventory number' },
  preNo: { zh: '预录入编号', en: 'pre-entry number' },
  copNo: { zh: '企业内部编号', en: 'internal number' },
  payTransactionId: { zh: '支付交易编号', en: 'payment transaction number' },
  hsCode: { zh: '商品编码', en: 'commodity code' },
  gcode: { zh: '商品编码', en: 'commodity code' },
  gname: { zh: '商品名称', en: 'goods name' },
  itemNo: { zh: '商品货号', en: 'item number' },
  nameZh: { zh: '中文名称', en: 'Chinese name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  uscc: { zh: '统一社会信用代码', en: 'unified social credit code' },
  customsCode: { zh: '海关注册编码', en: 'customs registration code' },
  orgCode: { zh: '企业编码', en: 'enterprise code' },
  barcode: { zh: '条形码', en: 'barcode' },
  brand: { zh: '品牌', en: 'brand' },
  price: { zh: '单价', en: 'unit price' },
  currency: { zh: '币制', en: 'currency' },
  unit: { zh: '计量单位', en: 'unit' },
  legalUnit1: { zh: '第一法定计量单位', en: 'first statutory unit' },
  legalUnit2: { zh: '第二法定计量单位', en: 'second statutory unit' },
  originCountry: { zh: '原产国（地区）', en: 'country of origin' },
  country: { zh: '国家（地区）', en: 'country' },
  declarationElements: { zh: '申报要素', en: 'declaration elements' },
  username: { zh: '用户名', en: 'username' },
  password: { zh: '密码', en: 'password' },
  legalRep: { zh: '法定代表人', en: 'legal representative' },
  address: { zh: '地址', en: 'address' },
  phone: { zh: '电话', en: 'telephone' },
  email: { zh: '电子邮箱', en: 'email' },
  idNumber: { zh: '证件号码', en: 'ID number' },
  name: { zh: '名称', en: 'name' },
  reason: { zh: '原因', en: 'reason' },
  reasons: { zh: '原因', en: 'reasons' },
  description: { zh: '说明', en: 'description' },
  category: { zh: '类别', en: 'category' },
  weight: { zh: '分值', en: 'weight' },
  occurredOn: { zh: '发生日期', en: 'date it occurred' },
  month: { zh: '月份', en: 'month' },
  q: { zh: '查询条件', en: 'search' },
  page: { zh: '页码', en: 'page' },
  pageSize: { zh: '每页条数', en: 'rows per page' },
  body: { zh: '提交的内容', en: 'what was sent' },
  file: { zh: '文件', en: 'file' },
  'content-type': { zh: '文件类型', en: 'file type' },
  url: { zh: '访问地址', en: 'address' },
  actor: { zh: '当前账号', en: 'your account' },
};

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

/**
 * One language out of a text written `中文 (English)` or `中文（English）`, as the domain writes its rules.
 * A text in one language only is returned for that language and undefined for the other.
 */
export function oneLanguage(text: string, language: Language): string | undefined {
  const trimmed = text.trim();
  const m = /^(.*?[\u3400-\u9fff].*?)\s*[(（]([^\u3400-\u9fff]*)[)）]\s*$/s.exec(trimmed);
  if (m && m[2] && /[A-Za-z]{2}/.test(m[2])) return language === 'en' ? m[2].trim() : (m[1] ?? '').trim();
  const hasCjk = CJK.test(trimmed);
  if (language === 'en') return hasCjk ? undefined : trimmed;
  return hasCjk ? trimmed : undefined;
}

/** The clerk name of a field path such as `body.lines.0.hsCode` (the last named segment), when one is known. */
export function fieldLabel(field: string, language: Language): string | undefined {
  const segments = field.split(/[.[\]]/).filter((s) => s !== '' && !/^\d+$/.test(s));
  const last = segments[segments.length - 1];
  const label = last !== undefined && Object.hasOwn(FIELD_LABELS, last) ? FIELD_LABELS[last] : undefined;
  return label ? label[language === 'en' ? 'en' : 'zh'] : undefined;
}

const CLASS_PARTS: [RegExp, Text][] = [
  [/A-Za-z|a-zA-Z/, { zh: '字母', en: 'letters' }],
  [/A-Z/, { zh: '大写字母', en: 'capital letters' }],
  [/a-f/, { zh: '小写字母a–f', en: 'letters a–f' }],
  [/a-z/, { zh: '小写字母', en: 'small letters' }],
  [/0-9|\\d/, { zh: '数字', en: 'digits' }],
  [/-$|^-|\\-/, { zh: '短横线', en: 'hyphens' }],
  [/_/, { zh: '下划线', en: 'underscores' }],
  [/\\\.|\./, { zh: '点', en: 'dots' }],
];

function joinList(items: string[], language: Language): string {
  if (items.length <= 1) return items.join('');
  const last = items[items.length - 1] as string;
  const head = items.slice(0, -1);
  return language === 'en' ? `${head.join(', ')} and ${last}` : `${head.join('、')}和${last}`;
}

/**
 * A simple pattern (`^[A-Za-z0-9-]{4,60}$`, `^\d{10}$`, `^[0-9a-f]{64}$` …) in words; undefined for anything
 * more complex (then only "the format is not right" is said, with the pattern in the technical detail).
 */
export function describePattern(pattern: string, language: Language): string | undefined {
  const m = /^\^(?:\[([^\]]+)\]|(\\d))(?:\{(\d+)(?:,(\d+))?\}|(\+))\$$/.exec(pattern);
  if (!m) return undefined;
  let cls = m[1] ?? '0-9';
  const words: string[] = [];
  for (const [re, text] of CLASS_PARTS) {
    const hit = re.exec(cls);
    if (!hit) continue;
    words.push(text[language === 'en' ? 'en' : 'zh']);
    cls = cls.slice(0, hit.index) + cls.slice(hit.index + hit[0].length);
  }
  if (cls.trim() !== '' || words.length === 0) return undefined;
  const [min, max, plus] = [m[3], m[4], m[5]];
  const en = language === 'en';
  const length = plus
    ? ''
    : max !== undefined
      ? en
        ? `, ${min}–${max} characters`
        : `，长度${min}–${max}位`
      : en
        ? `, exactly ${min} characters`
        : `，长度${min}位`;
  return en ? `only ${joinList(words, language)}${length}` : `只能包含${joinList(words, language)}${length}`;
}

/** A byte count as a clerk reads it: 1048576 → "1 MB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} B`;
}

/** The clerk text of a rule code: RULE_TEXTS, then the findings' catalogue (finding-texts.ts, decision 0039). */
function knownRule(code: string | undefined): Text | undefined {
  if (code === undefined) return undefined;
  if (Object.hasOwn(RULE_TEXTS, code)) return RULE_TEXTS[code];
  if (Object.hasOwn(FINDING_TEXTS, code)) return FINDING_TEXTS[code];
  return textCheckText(code);
}

/** One detail of an API error for a clerk: the sentence to show, and the technical parts for "details". */
export interface ClerkDetail {
  /** where (the field's clerk name, when known) */
  where?: string;
  /** what is wrong and how to fix it, in one language */
  text: string;
  /** the rule code, when the detail carries one (`HS_CODE_UNKNOWN`) */
  code?: string;
  /** field path, rule, expected and actual as the server sent them */
  technical: string[];
}

function sizeText(expected: string, rule: string, language: Language): string | undefined {
  const m = /^([≤≥])\s*(\d+)(?:\s*(bytes))?$/.exec(expected.trim());
  if (!m) return undefined;
  const [, op, n, bytes] = m;
  const en = language === 'en';
  if (bytes)
    return en
      ? `File too large: at most ${formatBytes(Number(n))}`
      : `文件过大：最大 ${formatBytes(Number(n))}`;
  const most = op === '≤';
  if (/string|character/i.test(rule))
    return en ? `${most ? 'At most' : 'At least'} ${n} characters` : `${most ? '最多' : '至少'}${n}个字`;
  if (/array|item|element/i.test(rule))
    return en ? `${most ? 'At most' : 'At least'} ${n} entries` : `${most ? '最多' : '至少'}${n}项`;
  return en ? `${most ? 'At most' : 'At least'} ${n}` : `${most ? '不能大于' : '不能小于'}${n}`;
}

/** A detail of an API error in one language, for a clerk (see the top of this file). */
export function clerkDetail(detail: TErrorDetail, language: Language): ClerkDetail {
  const en = language === 'en';
  const technical = [
    `field: ${detail.field}`,
    `rule: ${detail.rule}`,
    ...(detail.expected !== undefined ? [`expected: ${detail.expected}`] : []),
    ...(detail.actual !== undefined ? [`actual: ${detail.actual}`] : []),
  ];
  const where = fieldLabel(detail.field, language);
  const coded = /^([A-Z][A-Z0-9_]{2,}):\s*(.*)$/s.exec(detail.rule);
  const code = coded?.[1];
  const rule = coded ? (coded[2] ?? '') : detail.rule;
  const known = knownRule(code);
  const out = (text: string): ClerkDetail => ({
    ...(where !== undefined ? { where } : {}),
    text,
    ...(code !== undefined ? { code } : {}),
    technical,
  });
  if (known) return out(en ? known.en : known.zh);
  if (detail.actual === '(missing)') return out(en ? 'Required: fill it in' : '必填项，请填写');
  const expected = detail.expected ?? '';
  const pattern = /^matches \/(.*)\/[a-z]*$/s.exec(expected)?.[1];
  if (pattern !== undefined) {
    const described = describePattern(pattern, language);
    return out(
      en
        ? `Wrong format${described ? `: ${described}` : ''}`
        : `格式不正确${described ? `：${described}` : '，请按页面提示填写'}`,
    );
  }
  const size = sizeText(expected, rule, language);
  if (size !== undefined) return out(size);
  if (expected.startsWith('one of '))
    return out(en ? 'Pick one of the values offered' : '请从给出的选项中选择');
  const said = oneLanguage(rule, language);
  if (said !== undefined && said !== '') return out(said);
  return out(en ? 'Not acceptable as entered: correct it' : '填写的内容不符合要求，请修改');
}

/** A finding's rule for a clerk: the clerk text of its code, else one language of the rule, else the rule. */
export function ruleText(code: string | undefined, rule: string, language: Language): string {
  const known = knownRule(code);
  if (known) return language === 'en' ? known.en : known.zh;
  return oneLanguage(rule, language) ?? rule;
}
