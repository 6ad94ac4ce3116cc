import type { RiskRuleSetInput } from './rule-set.ts';

/**
 * The default rule set (docs/risk.md explains every threshold). Today's two reasons of the red/green channel
 * (clearance/channel.ts) are its first two rules: a party on the credit negative list → inspection, and the
 * random sample at the seller's credit level's rate → inspection, the draw fixed by the parcel's seed. The
 * typologies are the non-genuine-trade patterns of issue 19: orders split to stay under the single-transaction
 * limit, under-valuation against the filed reference price, one address or telephone shared by many buyers,
 * and one payer paying for many buyers.
 */
export const DEFAULT_RULE_SET: RiskRuleSetInput = {
  rules: [
    {
      id: 'negative_list_party',
      name: { zh: '当事方在信用负面清单中', en: 'A party is on the credit negative list' },
      conditions: [{ feature: 'party.negativeListed', op: 'eq', value: true }],
      score: 100,
      lane: 'inspection',
      source: '中国（焦作）跨境电子商务综合试验区实施方案 §二(二)4：负面清单企业事中全面查验',
    },
    {
      id: 'random_sample',
      name: { zh: '随机抽查', en: 'Random sampling' },
      conditions: [{ feature: 'sample.draw', op: 'lt', ref: 'seller.samplingRate' }],
      score: 0,
      lane: 'inspection',
      source: '海关随机抽查：比例按电商企业信用等级（credit_sampling_rates）',
    },
    {
      id: 'split_buyer_24h',
      name: { zh: '同一订购人24小时内拆单', en: 'Orders of one buyer split within 24 h' },
      conditions: [
        { feature: 'buyer.orders24h', op: 'gte', value: 2 },
        { feature: 'buyer.sum24hCny', op: 'gt', value: 5000 },
      ],
      score: 60,
      source: '财关税〔2018〕49号：单次交易限值人民币5000元',
    },
    {
      id: 'split_address_24h',
      name: { zh: '同一收货地址24小时内拆单', en: 'Orders to one address split within 24 h' },
      conditions: [
        { feature: 'address.orders24h', op: 'gte', value: 2 },
        { feature: 'address.sum24hCny', op: 'gt', value: 5000 },
      ],
      score: 60,
      source: '财关税〔2018〕49号：单次交易限值人民币5000元',
    },
    {
      id: 'split_phone_24h',
      name: { zh: '同一电话24小时内拆单', en: 'Orders with one telephone split within 24 h' },
      conditions: [
        { feature: 'phone.orders24h', op: 'gte', value: 2 },
        { feature: 'phone.sum24hCny', op: 'gt', value: 5000 },
      ],
      score: 60,
      source: '财关税〔2018〕49号：单次交易限值人民币5000元',
    },
    {
      id: 'undervalued_line',
      name: { zh: '申报单价明显低于备案参考价', en: 'Unit price far below the filed reference price' },
      conditions: [{ feature: 'line.minPriceRatio', op: 'lt', value: 0.5 }],
      score: 60,
      source: '低报价格：单价不足备案价格一半（docs/risk.md）',
    },
    {
      id: 'shared_address',
      name: { zh: '同一收货地址多名订购人', en: 'One address shared by many buyers' },
      conditions: [{ feature: 'address.buyers7d', op: 'gte', value: 5 }],
      score: 40,
      warning: {
        zh: '收货地址7天内对应5名以上订购人，疑似刷单',
        en: 'Five or more buyers at one address in 7 days: possible fake trade',
      },
    },
    {
      id: 'shared_phone',
      name: { zh: '同一电话多名订购人', en: 'One telephone shared by many buyers' },
      conditions: [{ feature: 'phone.buyers7d', op: 'gte', value: 5 }],
      score: 40,
      warning: {
        zh: '同一电话7天内对应5名以上订购人，疑似刷单',
        en: 'Five or more buyers with one telephone in 7 days: possible fake trade',
      },
    },
    {
      id: 'payer_fan_in',
      name: { zh: '支付人为多名订购人代付', en: 'One payer paying for many buyers' },
      conditions: [
        { feature: 'payer.isBuyer', op: 'eq', value: false },
        { feature: 'payer.buyers7d', op: 'gte', value: 3 },
      ],
      score: 40,
      warning: {
        zh: '支付人与订购人不一致，且7天内为3名以上订购人付款',
        en: 'The payer is not the buyer and paid for three or more buyers in 7 days',
      },
    },
  ],
  typologies: [
    {
      id: 'split_orders',
      name: { zh: '拆单规避单次限值', en: 'Orders split to stay under the single limit' },
      combine: 'max',
      terms: [
        { rule: 'split_buyer_24h', weight: 1 },
        { rule: 'split_address_24h', weight: 1 },
        { rule: 'split_phone_24h', weight: 1 },
      ],
    },
    {
      id: 'under_valuation',
      name: { zh: '低报价格', en: 'Under-valuation' },
      combine: 'max',
      terms: [{ rule: 'undervalued_line', weight: 1 }],
    },
    {
      id: 'shared_contact',
      name: { zh: '地址或电话共用（刷单）', en: 'Shared address or telephone (fake trade)' },
      combine: 'max',
      terms: [
        { rule: 'shared_address', weight: 1 },
        { rule: 'shared_phone', weight: 1 },
      ],
    },
    {
      id: 'payer_fan_in',
      name: { zh: '代付集中（支付人≠订购人）', en: 'Payer fan-in (payer ≠ buyer)' },
      combine: 'max',
      terms: [{ rule: 'payer_fan_in', weight: 1 }],
    },
    {
      id: 'fake_trade',
      name: { zh: '非真实交易（刷单）综合', en: 'Non-genuine trade, combined' },
      combine: 'sum',
      terms: [
        { typology: 'shared_contact', weight: 1 },
        { typology: 'payer_fan_in', weight: 1 },
      ],
    },
  ],
  decision: {
    bands: [
      { minScore: 30, lane: 'document_review' },
      { minScore: 60, lane: 'inspection' },
      { minScore: 100, lane: 'hold' },
    ],
  },
};

/**
 * The baseline (version 0): what decides while no rule set is published — exactly the red/green channel of
 * before the engine (clearance/channel.ts): the default set's first two rules, negative list → inspection and
 * the random sample at the seller's rate → inspection, nothing else (decision 0046). It has no stored row.
 */
export const BASELINE_RULE_SET: RiskRuleSetInput = {
  rules: DEFAULT_RULE_SET.rules.filter((r) => r.id === 'negative_list_party' || r.id === 'random_sample'),
  typologies: [],
  decision: { bands: [] },
};

/** The identity decisions by the baseline carry: no stored version. */
export const BASELINE_VERSION = { id: 'baseline', version: 0 } as const;
