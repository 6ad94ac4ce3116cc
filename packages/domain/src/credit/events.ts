import { addDays, isIsoDate } from '../export/deadline.ts';
import { formatDecimal, toDecimal, type Dec } from '../money.ts';
import type { RuleError } from '../result.ts';
import { checkText } from './text.ts';

/**
 * The credit event catalogue: what lowers (or raises) an enterprise's behaviour score in the composite evaluation
 * (compositeScore in score.ts), seed §二(二)4 (信用数据库, 综合评价). Platform events are recorded by the window
 * itself from what happens to the enterprise's documents and goods; regulator events are entered by an officer
 * from a decision of an authority.
 *
 * The weights are points on the 0–100 composite scale and the validity is how long an event counts, from the
 * day it occurred. They are this platform's choice (formula jz-credit-1, docs/credit-formula.md), not figures
 * from a regulation: 海关总署令第251号 (2021) 《海关注册登记和备案企业信用管理办法》 sets the customs levels, not
 * a points scale. The longer validity of detention, sampling failures and administrative penalties follows the
 * idea of that order that serious violations weigh on credit for longer [UNVERIFIED: the order's own periods].
 */
export interface CreditEventCategory {
  zh: string;
  en: string;
  source: 'platform' | 'regulator';
  /**
   * Who decided what the event records: the platform's own automatic checks (a refusal by the three-document
   * match), customs (an officer's inspection finding, detention, return), or a regulator (entered from the
   * authority's decision). What a credit record shows as the event's source (issue 17 item 2).
   */
  decidedBy: 'platform' | 'customs' | 'regulator';
  /** Signed points, 2 decimals: negative lowers the score, positive raises it. */
  defaultWeight: string;
  /** Days the event counts: it counts from occurredOn (inclusive) to occurredOn + validityDays (exclusive). */
  validityDays: number;
}

export const CREDIT_EVENT_CATEGORIES: Record<string, CreditEventCategory> = {
  rule_refusal: {
    zh: '退单（三单比对不通过）',
    en: 'Refused by rule (three-document match failed)',
    source: 'platform',
    decidedBy: 'platform',
    defaultWeight: '-1.00',
    validityDays: 365,
  },
  inspection_finding: {
    zh: '查验发现问题',
    en: 'Problem found at inspection',
    source: 'platform',
    decidedBy: 'customs',
    defaultWeight: '-3.00',
    validityDays: 365,
  },
  detention: {
    zh: '扣留',
    en: 'Goods detained',
    source: 'platform',
    decidedBy: 'customs',
    defaultWeight: '-5.00',
    validityDays: 730,
  },
  return_abroad: {
    zh: '退运',
    en: 'Returned abroad',
    source: 'platform',
    decidedBy: 'customs',
    defaultWeight: '-3.00',
    validityDays: 365,
  },
  late_tax: {
    zh: '逾期缴税',
    en: 'Tax paid late',
    source: 'platform',
    decidedBy: 'customs',
    defaultWeight: '-2.00',
    validityDays: 365,
  },
  sampling_failure: {
    zh: '抽检不合格',
    en: 'Failed quality sampling',
    source: 'platform',
    decidedBy: 'customs',
    defaultWeight: '-4.00',
    validityDays: 730,
  },
  complaint: {
    zh: '消费者投诉',
    en: 'Consumer complaint',
    source: 'platform',
    decidedBy: 'platform',
    defaultWeight: '-1.00',
    validityDays: 180,
  },
  risk_warning: {
    // A risk warning (风险预警) a customs officer confirmed and a second officer reviewed (decision 0047): the
    // pattern (split orders, fan-in, three flows disagreeing) is established by customs, like a finding.
    zh: '风险预警经核实',
    en: 'Risk warning confirmed',
    source: 'platform',
    decidedBy: 'customs',
    defaultWeight: '-5.00',
    validityDays: 365,
  },
  administrative_penalty: {
    zh: '行政处罚',
    en: 'Administrative penalty',
    source: 'regulator',
    decidedBy: 'regulator',
    defaultWeight: '-10.00',
    validityDays: 730,
  },
  commendation: {
    zh: '表彰',
    en: 'Commendation',
    source: 'regulator',
    decidedBy: 'regulator',
    defaultWeight: '5.00',
    validityDays: 365,
  },
};

/** An event's weight is at most this many points either way (credit_events.weight is numeric(8, 2)). */
export const MAX_EVENT_WEIGHT = '100.00';
/** The longest validity an override may give: ten years. */
export const MAX_EVENT_VALIDITY_DAYS = 3650;

const WEIGHT = /^-?\d{1,3}(\.\d{1,2})?$/;

function category(code: string): CreditEventCategory | undefined {
  return Object.hasOwn(CREDIT_EVENT_CATEGORIES, code) ? CREDIT_EVENT_CATEGORIES[code] : undefined;
}

/** Why a weight is not acceptable for a category, or undefined when it is. */
function weightProblem(cat: CreditEventCategory, weight: string): string | undefined {
  if (!WEIGHT.test(weight)) return 'format';
  const value: Dec = toDecimal(weight);
  if (value.isZero()) return 'zero';
  if (value.abs().gt(toDecimal(MAX_EVENT_WEIGHT))) return 'range';
  if (value.isNegative() !== toDecimal(cat.defaultWeight).isNegative()) return 'sign';
  return undefined;
}

/**
 * The weight and expiry of a new event of `category` that occurred on `occurredOn`: the catalogue's defaults,
 * or an officer's overrides. An unknown category, a malformed date or an override the rules refuse is a
 * caller's bug (the input was checked with {@link checkCreditEventInput}) and throws RangeError.
 */
export function creditEventFor(
  categoryCode: string,
  occurredOn: string,
  overrides?: { weight?: string; validityDays?: number },
): { weight: string; expiresOn: string } {
  const cat = category(categoryCode);
  if (!cat) throw new RangeError(`unknown credit event category ${JSON.stringify(categoryCode)}`);
  if (!isIsoDate(occurredOn)) throw new RangeError(`occurredOn must be YYYY-MM-DD, got ${occurredOn}`);
  const weight = overrides?.weight ?? cat.defaultWeight;
  const problem = weightProblem(cat, weight);
  if (problem)
    throw new RangeError(`weight ${JSON.stringify(weight)} refused for ${categoryCode}: ${problem}`);
  const days = overrides?.validityDays ?? cat.validityDays;
  if (!Number.isInteger(days) || days < 1 || days > MAX_EVENT_VALIDITY_DAYS) {
    throw new RangeError(`validityDays must be an integer from 1 to ${MAX_EVENT_VALIDITY_DAYS}, got ${days}`);
  }
  return { weight: formatDecimal(toDecimal(weight), 2), expiresOn: addDays(occurredOn, days) };
}

/**
 * Checks an event an officer (or the platform) records: a known category; a weight, when it overrides the
 * default, of at most 2 decimals, not zero, within ±100 and with the category's sign (a commendation raises the
 * score, everything else lowers it); a real date, not after `asOf` when given; a description.
 */
export function checkCreditEventInput(
  input: { category: string; weight?: string | undefined; occurredOn: string; description: string },
  asOf?: string,
): RuleError[] {
  const errors: RuleError[] = [];
  const cat = category(input.category);
  if (!cat) {
    errors.push({
      code: 'CREDIT_EVENT_CATEGORY',
      field: 'category',
      rule: '信用事件类别不在目录中 (not a credit event category)',
      expected: Object.keys(CREDIT_EVENT_CATEGORIES).join(' | '),
      actual: input.category,
    });
  }
  if (cat && input.weight !== undefined) {
    const problem = weightProblem(cat, input.weight);
    const sign = toDecimal(cat.defaultWeight).isNegative() ? 'negative' : 'positive';
    const signZh = sign === 'negative' ? '负数（扣分）' : '正数（加分）';
    if (problem) {
      errors.push({
        code: 'CREDIT_EVENT_WEIGHT',
        field: 'weight',
        rule:
          problem === 'sign'
            ? `${cat.zh}的分值须为${signZh} (${cat.en}: the weight is ${sign})`
            : `分值须为非零、最多两位小数、绝对值不超过${MAX_EVENT_WEIGHT}的数 (weight: non-zero, at most 2 decimals, within ±${MAX_EVENT_WEIGHT})`,
        expected: `${sign}, e.g. ${cat.defaultWeight}`,
        actual: input.weight,
      });
    }
  }
  if (!isIsoDate(input.occurredOn)) {
    errors.push({
      code: 'DATE_FORMAT',
      field: 'occurredOn',
      rule: '发生日期须为有效日期 (occurredOn is a real YYYY-MM-DD day)',
      expected: 'YYYY-MM-DD',
      actual: input.occurredOn,
    });
  } else if (asOf !== undefined && input.occurredOn > asOf) {
    errors.push({
      code: 'CREDIT_EVENT_FUTURE',
      field: 'occurredOn',
      rule: '发生日期不能晚于记录日期 (an event is recorded after it occurred)',
      expected: `≤ ${asOf}`,
      actual: input.occurredOn,
    });
  }
  errors.push(
    ...checkText('description', input.description, {
      code: 'CREDIT_EVENT_DESCRIPTION',
      label: { zh: '事件说明', en: 'description' },
      max: 500,
      required: true,
    }),
  );
  return errors;
}
