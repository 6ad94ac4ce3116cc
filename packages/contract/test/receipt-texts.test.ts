// Receipts and findings for clerks (decision 0039): every returnStatus, every refusal code of table 7-2 the
// platform emits and every rule code of the domain has a Chinese and an English clerk text; receipts the
// platform writes are said in one language, with what a person typed kept as written.
import { describe, expect, it } from 'vitest';
import { FORMAT_CODES, NEGATIVE_CODES, RETURN_STATUS } from '@crossgate/ceb/status-codes';
import { DOMAIN_RULE_CODES, TEXT_CHECK_BASES } from '@crossgate/domain';
import {
  CEB_DOCUMENT_LABELS,
  CEB_FIELD_LABELS,
  FINDING_TEXTS,
  findingPlace,
  findingText,
  receiptText,
  REFUSAL_TEXTS,
  ruleCodeText,
  RULE_TEXTS,
  STATUS_TEXTS,
  textCheckText,
} from '../src/index.ts';

const CJK = /[\u3400-\u9fff]/;
/** Latin a Chinese clerk text may use: the credit levels A–D, as the customs credit rules name them. */
const ALLOWED_LATIN = new Set(['A', 'B', 'C', 'D']);

function jargonIn(zh: string): string[] {
  const found: string[] = [];
  if (/[A-Z][A-Z0-9]*_[A-Z0-9_]+/.test(zh)) found.push('a rule code');
  if (/CEB\d/.test(zh)) found.push('a message number');
  if (/\d{5,}/.test(zh)) found.push('a raw number');
  for (const word of zh.match(/[A-Za-z][A-Za-z-]*/g) ?? [])
    if (!ALLOWED_LATIN.has(word)) found.push(`the Latin word ${word}`);
  return found;
}

const CATALOGUE: [string, { zh: string; en: string }][] = [
  ...Object.entries(STATUS_TEXTS).map(([k, v]) => [`status ${k}`, v] as [string, typeof v]),
  ...Object.entries(REFUSAL_TEXTS).map(([k, v]) => [`refusal ${k}`, v] as [string, typeof v]),
  ...Object.entries(FINDING_TEXTS),
  ...TEXT_CHECK_BASES.flatMap((b) =>
    [`${b}_REQUIRED`, `${b}_LENGTH`].map(
      (c) => [c, textCheckText(c)] as [string, { zh: string; en: string }],
    ),
  ),
];

describe('the receipt and finding catalogue', () => {
  it.each(CATALOGUE)('%s: Chinese without codes or Latin words, English without Chinese', (_code, t) => {
    expect(t.zh).toMatch(CJK);
    expect(jargonIn(t.zh)).toEqual([]);
    expect(t.en).not.toMatch(CJK);
    expect(t.en).toMatch(/^[A-Z]/);
    expect(t.en.length).toBeGreaterThan(3);
  });

  it.each([...Object.entries(CEB_FIELD_LABELS), ...Object.entries(CEB_DOCUMENT_LABELS)])(
    'the label of %s is Chinese in Chinese and has no Chinese in English',
    (_name, t) => {
      expect(t.zh).toMatch(CJK);
      expect(jargonIn(t.zh)).toEqual([]);
      expect(t.en).not.toMatch(CJK);
    },
  );

  it('has a text for every positive returnStatus of spec 202205 §7', () => {
    const positive = Object.values(RETURN_STATUS);
    expect(positive).toHaveLength(17);
    expect(positive.filter((s) => !Object.hasOwn(STATUS_TEXTS, s))).toEqual([]);
  });

  it('has a text for every refusal code the platform emits (table 7-2) and every CEB900 format code', () => {
    const codes = [...Object.keys(NEGATIVE_CODES), ...Object.values(FORMAT_CODES).map((f) => f.status)];
    expect(codes.length).toBeGreaterThan(70);
    expect(codes.filter((c) => !Object.hasOwn(REFUSAL_TEXTS, c))).toEqual([]);
  });

  it('has a text for every rule code the domain can emit', () => {
    expect(DOMAIN_RULE_CODES.length).toBeGreaterThan(140);
    expect(DOMAIN_RULE_CODES.filter((c) => ruleCodeText(c) === undefined)).toEqual([]);
  });

  it('has a text for the finding codes the server adds (waiting, stock, review, cancelled, detention)', () => {
    for (const code of [
      'WAITING',
      'STOCK_INSUFFICIENT',
      'MANUAL_REVIEW',
      'INVENTORY_CANCELLED',
      'DETENTION_CODE',
    ])
      expect(ruleCodeText(code), code).toBeDefined();
  });

  it('words no code twice (RULE_TEXTS and the findings are one catalogue)', () => {
    expect(Object.keys(FINDING_TEXTS).filter((c) => Object.hasOwn(RULE_TEXTS, c))).toEqual([]);
  });
});

describe('a receipt in one language', () => {
  it('says a customs refusal at review in the UI language, the officer’s reason as written', () => {
    const info = '海关退单：查验发现货物与申报不符';
    expect(receiptText('100', info, 'en')).toEqual({
      text: 'Refused by customs after review: act on the reason the officer gave',
      said: '查验发现货物与申报不符',
      known: true,
    });
    expect(receiptText('100', info, 'zh-CN')).toEqual({
      text: '海关审核后退单：请按关员写明的原因处理',
      said: '查验发现货物与申报不符',
      known: true,
    });
  });

  it('picks the language of an officer’s reason written in both', () => {
    expect(receiptText('100', '海关退单：货证不符 (goods differ from the documents)', 'en').said).toBe(
      'goods differ from the documents',
    );
  });

  it('says a three-document match refusal without the domain’s sentences', () => {
    const info =
      "三单比对不通过：CEB621.InventoryList[gnum=1].gname: the inventory goods name equals the order's item name，应为 奶粉，实为 奶茶";
    expect(receiptText('100', info, 'en').text).toBe(
      'The documents do not match: the order, payment, waybill and inventory differ; correct what the match found and declare again',
    );
    expect(receiptText('100', info, 'zh-CN').text).toBe(
      '三单比对不通过：订单、支付单、运单与清单不一致，请按比对结果修改后重新申报',
    );
  });

  it('says the annual quota refusal (−621018) by its code', () => {
    const info = '清单[PRE123]中购买人[张*]已用购买额度为[25000.00]，本次购买将超过年度限额[26000]';
    expect(receiptText('-621018', info, 'en').text).toBe(
      'This purchase would take the buyer over the annual CBEC retail import limit: it cannot clear as CBEC retail import',
    );
  });

  it('says a stock shortfall with its line, item and figures', () => {
    const info = '清单报文校验失败，[账册[T4604W000001]料号[SKU-1]库存3不足，本次申报5（第2项）]';
    expect(receiptText('-621001', info, 'en').text).toBe(
      'Line 2: too little stock of item SKU-1 (3 in stock, 5 declared); declare once it is replenished',
    );
    expect(receiptText('-621001', info, 'zh-CN').text).toBe(
      '第2项库存不足：料号[SKU-1]库存3，本次申报5，请补足库存后再申报',
    );
  });

  it('says an e-port refusal by its table 7-2 code', () => {
    expect(receiptText('-301010', '已存在相同编号的订单', 'en').text).toBe(
      'An order with this number was declared before: declare a change instead',
    );
    expect(
      receiptText('-623005', '清单的状态不符合撤单申报要求(清单编号[4604...])！ 当前状态800', 'zh-CN').text,
    ).toBe('清单当前状态不能撤单：已放行的清单请申报退货');
  });

  it('says release, acceptance and an accepted declaration', () => {
    expect(receiptText('800', '[Code:2600;Desc:放行]', 'en')).toEqual({
      text: 'Released by customs',
      known: true,
    });
    expect(receiptText('120', '[Code:1800;Desc:逻辑校验通过]', 'en').text).toBe(
      'Accepted by customs: the checks passed; release follows',
    );
    expect(receiptText('2', '新增申报成功[7c1e…]', 'zh-CN').text).toBe(
      '申报成功：电子口岸已受理，等待海关处理',
    );
  });

  it('says a random inspection with its rate', () => {
    expect(receiptText('500', '查验：随机抽中（抽查比例5%），查验', 'en').text).toBe(
      'Selected for inspection by random sampling (rate 5%): make the goods available',
    );
  });

  it('falls back to the status for a text it does not know, and to one language of a bilingual text', () => {
    expect(receiptText('399', '某种说明', 'en')).toEqual({ text: 'Concluded by customs', known: true });
    expect(receiptText('7', 'something (else)', 'en')).toEqual({ text: 'something (else)', known: true });
  });
});

describe('a match finding in one language', () => {
  it('words the goods-name mismatch from its code and field', () => {
    const finding = {
      code: 'GNAME_MISMATCH',
      field: 'CEB621.InventoryList[gnum=2].gname',
      rule: "the inventory goods name equals the order's item name (spec 202205, CEB621 InventoryList.gname)",
    };
    expect(findingText(finding, 'zh-CN')).toEqual({
      where: '清单第2项 商品名称',
      text: '清单商品名称与订单商品名称不一致：请按订单修改',
      known: true,
    });
    expect(findingText(finding, 'en')).toEqual({
      where: 'inventory line 2, goods name',
      text: 'The goods name on the inventory differs from the order: correct it to match the order',
      known: true,
    });
  });

  it('words a practice warning and the place of all lines', () => {
    expect(findingPlace('CEB603.InventoryList[*].totalPrice', 'zh-CN')).toBe('清单各项 总价');
    expect(findingPlace('CEB311.OrderHead.acturalPaid', 'en')).toBe('order, amount paid');
    expect(
      findingText(
        { code: 'PRACTICE_WEIGHT', field: 'CEB621.InventoryHead.netWeight', rule: '净重大于0 (x)' },
        'en',
      ).text,
    ).toBe(
      'The weights do not fit: the net weight is more than 0 and the gross weight is at least the net weight',
    );
  });

  it('says one language of a rule the catalogue lacks', () => {
    expect(findingText({ code: 'SOMETHING_NEW', rule: '新规则 (a new rule)' }, 'zh-CN')).toEqual({
      text: '新规则',
      known: false,
    });
  });
});
