import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULE_SET,
  checkRuleSet,
  diffRuleSets,
  drawOf,
  evaluateRisk,
  fnv1a32,
  ruleSetErrors,
  type FeatureValues,
  type RiskRuleSet,
} from '../src/index.ts';

const rules = { id: 'rs-default', version: 1, body: DEFAULT_RULE_SET };

/** An ordinary parcel: nothing about it is risky. Each case below changes only what its typology looks at. */
const quiet: FeatureValues = {
  'party.negativeListed': false,
  'seller.samplingRate': 0,
  'order.valueCny': 300,
  'buyer.orders24h': 1,
  'buyer.sum24hCny': 300,
  'buyer.orders7d': 1,
  'buyer.sum7dCny': 300,
  'address.orders24h': 1,
  'address.sum24hCny': 300,
  'phone.orders24h': 1,
  'phone.sum24hCny': 300,
  'address.buyers7d': 1,
  'phone.buyers7d': 1,
  'payer.isBuyer': true,
  'payer.buyers7d': 1,
  'line.minPriceRatio': 1,
};

const judge = (over: FeatureValues, seed = 'parcel-1') =>
  evaluateRisk(rules, { seed, features: { ...quiet, ...over } });
const firedIds = (over: FeatureValues) => judge(over).fired.map((f) => f.rule);

describe('risk rule set: the default rules and typologies', () => {
  it('sends an ordinary parcel to the green lane with no rule fired', () => {
    const d = judge({});
    expect(d.lane).toBe('green');
    expect(d.fired).toEqual([]);
    expect(d.ruleSet).toEqual({ id: 'rs-default', version: 1 });
    expect(d.zh).toBe('绿色通道（自动放行）：未命中风险规则');
  });

  it('negative list: a listed party sends the parcel to inspection, with the condition and its value', () => {
    const d = judge({ 'party.negativeListed': true });
    expect(d.lane).toBe('inspection');
    expect(d.fired).toHaveLength(1);
    expect(d.fired[0]).toMatchObject({
      rule: 'negative_list_party',
      lane: 'inspection',
      conditions: [{ feature: 'party.negativeListed', op: 'eq', threshold: true, actual: true, met: true }],
    });
    expect(d.zh).toContain('当事方在信用负面清单中');
  });

  it('random sample: inspection when the seed’s draw is below the credit level’s rate, never at rate 0', () => {
    expect(judge({ 'seller.samplingRate': 1 }).lane).toBe('inspection');
    expect(judge({ 'seller.samplingRate': 0 }).lane).toBe('green');
    const d = judge({ 'seller.samplingRate': 1 });
    expect(d.fired[0]?.conditions[0]).toMatchObject({
      feature: 'sample.draw',
      ref: 'seller.samplingRate',
      threshold: 1,
    });
  });

  it('random sample: the same seed draws the same number, so a replay reproduces the lane', () => {
    const a = judge({ 'seller.samplingRate': 0.05 }, 'inv-42');
    const b = judge({ 'seller.samplingRate': 0.05 }, 'inv-42');
    expect(a.draw).toBe(b.draw);
    expect(a.lane).toBe(b.lane);
  });

  it('the draw is uniform enough: about 5 % of 20,000 seeds fall under 0.05', () => {
    let under = 0;
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const d = drawOf(`seed-${i}`);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(1);
      if (d < 0.05) under++;
      sum += d;
    }
    expect(under).toBeGreaterThan(850);
    expect(under).toBeLessThan(1150);
    expect(sum / 20_000).toBeGreaterThan(0.49);
    expect(sum / 20_000).toBeLessThan(0.51);
  });

  it('FNV-1a of the draw matches the reference test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('split orders: one buyer with two orders summing 5,000.01 CNY in 24 h goes to inspection', () => {
    const d = judge({ 'buyer.orders24h': 2, 'buyer.sum24hCny': 5000.01 });
    expect(d.lane).toBe('inspection');
    expect(d.fired.map((f) => f.rule)).toEqual(['split_buyer_24h']);
    expect(d.fired[0]?.conditions).toEqual([
      { feature: 'buyer.orders24h', op: 'gte', threshold: 2, actual: 2, met: true },
      { feature: 'buyer.sum24hCny', op: 'gt', threshold: 5000, actual: 5000.01, met: true },
    ]);
    expect(d.typologies.find((t) => t.typology === 'split_orders')).toMatchObject({
      score: 60,
      lane: 'inspection',
    });
    expect(d.zh).toBe('查验：拆单规避单次限值（得分 60）');
  });

  it('split orders: near miss — two orders summing exactly 5,000 CNY (the limit itself) stay green', () => {
    expect(firedIds({ 'buyer.orders24h': 2, 'buyer.sum24hCny': 5000 })).toEqual([]);
  });

  it('split orders: near miss — one order of 6,000 CNY is not a split (the limit check refuses it elsewhere)', () => {
    expect(firedIds({ 'buyer.orders24h': 1, 'buyer.sum24hCny': 6000 })).toEqual([]);
  });

  it('split orders by address and by telephone fire on their own', () => {
    expect(firedIds({ 'address.orders24h': 3, 'address.sum24hCny': 7200 })).toEqual(['split_address_24h']);
    expect(firedIds({ 'phone.orders24h': 2, 'phone.sum24hCny': 5100 })).toEqual(['split_phone_24h']);
    expect(firedIds({ 'phone.orders24h': 2, 'phone.sum24hCny': 4999.99 })).toEqual([]);
  });

  it('under-valuation: a line at 0.49 of the filed reference price goes to inspection; at 0.5 it does not', () => {
    const d = judge({ 'line.minPriceRatio': 0.49 });
    expect(d.lane).toBe('inspection');
    expect(d.fired[0]?.conditions[0]).toEqual({
      feature: 'line.minPriceRatio',
      op: 'lt',
      threshold: 0.5,
      actual: 0.49,
      met: true,
    });
    expect(firedIds({ 'line.minPriceRatio': 0.5 })).toEqual([]);
  });

  it('under-valuation: no filed reference price (null) is not met, and the explanation can say so', () => {
    expect(judge({ 'line.minPriceRatio': null }).lane).toBe('green');
  });

  it('shared address: five buyers at one address in 7 days → document review and a warning; four → silent', () => {
    const d = judge({ 'address.buyers7d': 5 });
    expect(d.lane).toBe('document_review');
    expect(d.warnings).toEqual([
      {
        rule: 'shared_address',
        zh: '收货地址7天内对应5名以上订购人，疑似刷单',
        en: 'Five or more buyers at one address in 7 days: possible fake trade',
      },
    ]);
    expect(d.typologies.find((t) => t.typology === 'shared_contact')).toMatchObject({ score: 40 });
    expect(judge({ 'address.buyers7d': 4 }).lane).toBe('green');
  });

  it('shared telephone: five buyers on one number → document review; four → silent', () => {
    expect(judge({ 'phone.buyers7d': 5 }).lane).toBe('document_review');
    expect(firedIds({ 'phone.buyers7d': 4 })).toEqual([]);
  });

  it('payer fan-in: a payer who is not the buyer and paid for 3 buyers → document review', () => {
    const d = judge({ 'payer.isBuyer': false, 'payer.buyers7d': 3 });
    expect(d.lane).toBe('document_review');
    expect(d.fired.map((f) => f.rule)).toEqual(['payer_fan_in']);
  });

  it('payer fan-in: near misses — 2 buyers, or the payer is the buyer — stay silent', () => {
    expect(firedIds({ 'payer.isBuyer': false, 'payer.buyers7d': 2 })).toEqual([]);
    expect(firedIds({ 'payer.isBuyer': true, 'payer.buyers7d': 9 })).toEqual([]);
  });

  it('fake trade combines typologies: shared address and payer fan-in together score 80 → inspection', () => {
    const d = judge({ 'address.buyers7d': 6, 'payer.isBuyer': false, 'payer.buyers7d': 4 });
    expect(d.typologies.find((t) => t.typology === 'fake_trade')).toEqual({
      typology: 'fake_trade',
      name: { zh: '非真实交易（刷单）综合', en: 'Non-genuine trade, combined' },
      score: 80,
      lane: 'inspection',
    });
    expect(d.lane).toBe('inspection');
  });
});

describe('risk rule set: an evaluation error sends the parcel to manual review, never throws', () => {
  it('a missing feature → manual review with the error recorded', () => {
    const features = { ...quiet };
    delete features['payer.buyers7d'];
    const d = evaluateRisk(rules, { seed: 'x', features });
    expect(d.lane).toBe('manual_review');
    expect(d.error?.en).toBe(
      'feature payer.buyers7d is missing (distinct buyers the same payer paid for in 7 days)',
    );
    expect(d.error?.zh).toBe('缺少特征 payer.buyers7d（同一支付人7天内代付的不同订购人数）');
    expect(d.warnings[0]?.rule).toBe('(evaluation)');
  });

  it('a feature of the wrong type, or a broken stored rule set → manual review', () => {
    expect(
      evaluateRisk(rules, {
        seed: 'x',
        features: { ...quiet, 'buyer.sum24hCny': 'lots' as unknown as number },
      }).lane,
    ).toBe('manual_review');
    expect(
      evaluateRisk({ id: 'bad', version: 9, body: { rules: 'none' } }, { seed: 'x', features: quiet }),
    ).toMatchObject({
      lane: 'manual_review',
      ruleSet: { id: 'bad', version: 9 },
    });
  });
});

const base = (): RiskRuleSet => JSON.parse(JSON.stringify(DEFAULT_RULE_SET)) as RiskRuleSet;
const issuesOf = (body: unknown) => {
  const check = checkRuleSet(body);
  return check.ok ? [] : check.issues;
};

describe('risk rule set: a bad rule set is refused with the field path and a reason in Chinese and English', () => {
  it('accepts the default rule set', () => {
    expect(checkRuleSet(DEFAULT_RULE_SET).ok).toBe(true);
  });

  it('an unknown feature', () => {
    const body = base();
    (body.rules[2] as RiskRuleSet['rules'][number]).conditions[1] = {
      feature: 'buyer.sum30dCny',
      op: 'gt',
      value: 5000,
    };
    expect(issuesOf(body)).toEqual([
      {
        code: 'UNKNOWN_FEATURE',
        field: 'rules[2].conditions[1].feature',
        zh: '未知特征（不在特征目录中）',
        en: 'unknown feature (not in the catalogue)',
        actual: 'buyer.sum30dCny',
      },
    ]);
  });

  it('a threshold of the wrong type', () => {
    const body = base();
    (body.rules[0] as RiskRuleSet['rules'][number]).conditions[0] = {
      feature: 'party.negativeListed',
      op: 'eq',
      value: 1,
    };
    expect(issuesOf(body)).toEqual([
      {
        code: 'WRONG_TYPE',
        field: 'rules[0].conditions[0].value',
        zh: '阈值类型应为布尔值',
        en: 'the threshold must be a boolean',
        actual: '1',
      },
    ]);
  });

  it('an ordering operator on a boolean feature', () => {
    const body = base();
    (body.rules[0] as RiskRuleSet['rules'][number]).conditions[0] = {
      feature: 'party.negativeListed',
      op: 'gt',
      value: true,
    };
    expect(issuesOf(body).map((i) => [i.field, i.code])).toEqual([
      ['rules[0].conditions[0].op', 'WRONG_TYPE'],
    ]);
  });

  it('a threshold out of the feature’s range', () => {
    const body = base();
    (body.rules[5] as RiskRuleSet['rules'][number]).conditions[0] = {
      feature: 'line.minPriceRatio',
      op: 'lt',
      value: -0.5,
    };
    expect(issuesOf(body)).toEqual([
      {
        code: 'OUT_OF_RANGE',
        field: 'rules[5].conditions[0].value',
        zh: '阈值超出特征取值范围 0–1000000',
        en: "threshold outside the feature's range 0–1000000",
        actual: '-0.5',
      },
    ]);
  });

  it('a score out of range, caught by the shape', () => {
    const body = base();
    (body.rules[1] as RiskRuleSet['rules'][number]).score = 150;
    expect(issuesOf(body)).toEqual([
      {
        code: 'OUT_OF_RANGE',
        field: 'rules[1].score',
        zh: '超出范围，应≤ 100',
        en: 'out of range, expected ≤ 100',
      },
    ]);
  });

  it('a typology cycle', () => {
    const body = base();
    body.typologies.push(
      {
        id: 'loop_a',
        name: { zh: '甲', en: 'A' },
        combine: 'sum',
        terms: [{ typology: 'loop_b', weight: 1 }],
      },
      {
        id: 'loop_b',
        name: { zh: '乙', en: 'B' },
        combine: 'sum',
        terms: [{ typology: 'loop_a', weight: 1 }],
      },
    );
    expect(issuesOf(body)).toEqual([
      {
        code: 'TYPOLOGY_CYCLE',
        field: 'typologies[6].terms[0].typology',
        zh: '类型之间循环引用：loop_a → loop_b → loop_a',
        en: 'typologies refer to each other in a cycle: loop_a → loop_b → loop_a',
        actual: 'loop_a',
      },
    ]);
  });

  it('a typology naming a rule that does not exist, and a duplicate rule id', () => {
    const body = base();
    (body.typologies[0] as RiskRuleSet['typologies'][number]).terms[0] = {
      rule: 'split_buyer_30d',
      weight: 1,
    };
    body.rules.push({ ...(body.rules[0] as RiskRuleSet['rules'][number]) });
    expect(issuesOf(body).map((i) => `${i.code} ${i.field}`)).toEqual([
      'DUPLICATE_ID rules[9].id',
      'UNKNOWN_REFERENCE typologies[0].terms[0].rule',
    ]);
  });

  it('the API error detail carries the field and the reason, Chinese first', () => {
    const body = base();
    (body.rules[2] as RiskRuleSet['rules'][number]).conditions[1] = { feature: 'nope', op: 'gt', value: 1 };
    const check = checkRuleSet(body);
    expect(check.ok ? [] : ruleSetErrors(check.issues)).toEqual([
      {
        code: 'UNKNOWN_FEATURE',
        field: 'rules[2].conditions[1].feature',
        rule: '未知特征（不在特征目录中） (unknown feature (not in the catalogue))',
        actual: 'nope',
      },
    ]);
  });
});

describe('risk rule set: the diff of two versions', () => {
  it('names added rules and each changed threshold by its path', () => {
    const before = base();
    const after = base();
    (after.rules[2] as RiskRuleSet['rules'][number]).conditions[1] = {
      feature: 'buyer.sum24hCny',
      op: 'gt',
      value: 4000,
    };
    after.rules.push({
      id: 'split_buyer_7d',
      name: { zh: '七日拆单', en: '7-day split' },
      when: 'all',
      conditions: [{ feature: 'buyer.sum7dCny', op: 'gt', value: 5000 }],
      score: 30,
    });
    expect(diffRuleSets(before, after).rules).toEqual({
      added: ['split_buyer_7d'],
      removed: [],
      changed: [
        { id: 'split_buyer_24h', changes: [{ path: 'conditions[1].value', before: 5000, after: 4000 }] },
      ],
    });
  });
});
