/**
 * The feature catalogue of the risk engine (issue 19): every name a rule may test, with its type, unit and the
 * range a threshold must lie in. The features of a parcel are computed by the server set-wise for a batch of
 * parcels (apps/server/src/services/risk/features.ts); the evaluator only reads them. docs/risk.md explains each
 * one and where its threshold in the default rule set comes from.
 *
 * A value is a number, a boolean, or null when it does not apply to the parcel (no line has a filed reference
 * price, no payment is matched): a condition on a null value is not met, and the explanation says so. A feature
 * a rule needs that the input does not carry at all is an evaluation error (the parcel goes to manual review).
 * Money is in yuan (CNY), rounded to the fen by the feature builder, so a threshold compares exactly.
 */

export type FeatureType = 'number' | 'boolean';
export type FeatureUnit = 'CNY' | 'count' | 'ratio' | 'fraction';

export interface FeatureSpec {
  type: FeatureType;
  unit: FeatureUnit | null;
  /** Inclusive bounds of a meaningful value (and of a threshold); numbers only. */
  min?: number;
  max?: number;
  zh: string;
  en: string;
  /** Set by the evaluator, never by the caller (the sample draw, from the input's seed). */
  derived?: true;
}

const MONEY = { type: 'number', unit: 'CNY', min: 0, max: 100_000_000 } as const;
const COUNT = { type: 'number', unit: 'count', min: 0, max: 1_000_000 } as const;

export const FEATURES = {
  'party.negativeListed': {
    type: 'boolean',
    unit: null,
    zh: '当事方（电商平台、电商企业、支付企业、物流企业、申报企业、订购人）在信用负面清单中',
    en: 'a party (platform, seller, payer, carrier, agent or buyer) is on the credit negative list',
  },
  'seller.samplingRate': {
    type: 'number',
    unit: 'fraction',
    min: 0,
    max: 1,
    zh: '电商企业信用等级对应的随机抽查比例',
    en: "the random inspection rate of the seller's credit level",
  },
  'sample.draw': {
    type: 'number',
    unit: 'fraction',
    min: 0,
    max: 1,
    zh: '随机抽样值（由种子确定，可复现）',
    en: 'the sampling draw (fixed by the seed, reproducible)',
    derived: true,
  },
  'order.valueCny': {
    ...MONEY,
    zh: '本单交易金额（限值口径，元）',
    en: 'the transaction value (limit basis, CNY)',
  },
  'buyer.orders24h': {
    ...COUNT,
    zh: '同一订购人24小时内订单数（含本单）',
    en: 'orders of the same buyer in 24 h (this one included)',
  },
  'buyer.sum24hCny': {
    ...MONEY,
    zh: '同一订购人24小时内交易金额合计（元）',
    en: 'value of the same buyer’s orders in 24 h (CNY)',
  },
  'buyer.orders7d': {
    ...COUNT,
    zh: '同一订购人7天内订单数（含本单）',
    en: 'orders of the same buyer in 7 days (this one included)',
  },
  'buyer.sum7dCny': {
    ...MONEY,
    zh: '同一订购人7天内交易金额合计（元）',
    en: 'value of the same buyer’s orders in 7 days (CNY)',
  },
  'address.orders24h': {
    ...COUNT,
    zh: '同一收货地址24小时内订单数（含本单）',
    en: 'orders to the same address in 24 h (this one included)',
  },
  'address.sum24hCny': {
    ...MONEY,
    zh: '同一收货地址24小时内交易金额合计（元）',
    en: 'value of the orders to the same address in 24 h (CNY)',
  },
  'phone.orders24h': {
    ...COUNT,
    zh: '同一订购人电话24小时内订单数（含本单）',
    en: 'orders with the same telephone in 24 h (this one included)',
  },
  'phone.sum24hCny': {
    ...MONEY,
    zh: '同一订购人电话24小时内交易金额合计（元）',
    en: 'value of the orders with the same telephone in 24 h (CNY)',
  },
  'address.buyers7d': {
    ...COUNT,
    zh: '同一收货地址7天内不同订购人数',
    en: 'distinct buyers at the same address in 7 days',
  },
  'phone.buyers7d': {
    ...COUNT,
    zh: '同一电话7天内不同订购人数',
    en: 'distinct buyers with the same telephone in 7 days',
  },
  'payer.isBuyer': {
    type: 'boolean',
    unit: null,
    zh: '支付人与订购人为同一人',
    en: 'the payer is the buyer',
  },
  'payer.buyers7d': {
    ...COUNT,
    zh: '同一支付人7天内代付的不同订购人数',
    en: 'distinct buyers the same payer paid for in 7 days',
  },
  'line.minPriceRatio': {
    type: 'number',
    unit: 'ratio',
    min: 0,
    max: 1_000_000,
    zh: '商品单价与备案参考价之比（各项中最低）',
    en: 'unit price over the filed reference price (lowest of the lines)',
  },
} as const satisfies Record<string, FeatureSpec>;

export type FeatureName = keyof typeof FEATURES;
export type FeatureValue = number | boolean | null;
export type FeatureValues = Partial<Record<string, FeatureValue>>;

export const isFeatureName = (name: string): name is FeatureName => Object.hasOwn(FEATURES, name);

export const featureSpec = (name: FeatureName): FeatureSpec => FEATURES[name];
