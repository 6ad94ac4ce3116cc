import { z } from 'zod';
import type { RuleError } from '../result.ts';
import { FEATURES, isFeatureName, type FeatureSpec } from './features.ts';

/**
 * A risk rule set is data (issue 19): rules test named features of a parcel (features.ts), typologies combine
 * rule scores, and the decision maps typology scores to a lane. A rule may also send a parcel to a lane by
 * itself (the negative list, the random sample) or raise a warning (预警) without changing the lane.
 *
 * Lanes, from the least to the most severe: green (自动放行), document review (单证审核), inspection (查验),
 * hold (暂停通关). Manual review (人工审核) is not a lane a rule can choose: it is where a parcel goes when its
 * evaluation failed.
 */

export const RISK_LANES = ['green', 'document_review', 'inspection', 'hold'] as const;
export type RiskRuleLane = (typeof RISK_LANES)[number];
export type RiskLane = RiskRuleLane | 'manual_review';

export const LANE_NAMES: Record<RiskLane, { zh: string; en: string }> = {
  green: { zh: '绿色通道（自动放行）', en: 'green lane (automatic release)' },
  document_review: { zh: '单证审核', en: 'document review' },
  inspection: { zh: '查验', en: 'inspection' },
  hold: { zh: '暂停通关', en: 'hold' },
  manual_review: { zh: '人工审核', en: 'manual review' },
};

/** Severity order; the decision is the most severe lane any rule or typology asks for. */
export const laneRank = (lane: RiskLane): number => (lane === 'manual_review' ? 4 : RISK_LANES.indexOf(lane));

const ID = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);
const TEXT = z.strictObject({ zh: z.string().min(1).max(500), en: z.string().min(1).max(500) });

export const ZRiskCondition = z.strictObject({
  feature: z.string().min(1).max(100),
  op: z.enum(['lt', 'lte', 'gt', 'gte', 'eq', 'neq']),
  /** A literal threshold … */
  value: z.union([z.number(), z.boolean()]).optional(),
  /** … or another feature of the same parcel (the sample draw against the credit level's rate). */
  ref: z.string().min(1).max(100).optional(),
});

export const ZRiskRule = z.strictObject({
  id: ID,
  name: TEXT,
  /** Every condition must hold (all), or one is enough (any). */
  when: z.enum(['all', 'any']).default('all'),
  conditions: z.array(ZRiskCondition).min(1).max(20),
  /** What the rule adds to the typologies that use it when it fires, 0–100. */
  score: z.number().min(0).max(100),
  /** A lane the rule sets by itself when it fires. */
  lane: z.enum(['document_review', 'inspection', 'hold']).optional(),
  /** A warning (预警) raised when the rule fires; it does not change the lane. */
  warning: TEXT.optional(),
  /** Where the rule or its threshold comes from (a regulation, an analysis). */
  source: z.string().max(500).optional(),
});

export const ZRiskTypologyTerm = z.strictObject({
  rule: ID.optional(),
  typology: ID.optional(),
  weight: z.number().min(0).max(10),
});

export const ZRiskTypology = z.strictObject({
  id: ID,
  name: TEXT,
  /** The score: the sum, or the largest, of weight × the term's score (a rule's score when it fired, else 0). */
  combine: z.enum(['sum', 'max']),
  terms: z.array(ZRiskTypologyTerm).min(1).max(50),
  source: z.string().max(500).optional(),
});

export const ZRiskBand = z.strictObject({
  minScore: z.number().gt(0).max(10_000),
  lane: z.enum(['document_review', 'inspection', 'hold']),
});

export const ZRiskRuleSet = z.strictObject({
  rules: z.array(ZRiskRule).min(1).max(500),
  typologies: z.array(ZRiskTypology).max(200).default([]),
  /** A typology whose score reaches a band's minScore asks for that band's lane (the highest band reached). */
  decision: z.strictObject({ bands: z.array(ZRiskBand).max(10) }),
});

export type RiskCondition = z.infer<typeof ZRiskCondition>;
export type RiskRule = z.infer<typeof ZRiskRule>;
export type RiskTypology = z.infer<typeof ZRiskTypology>;
export type RiskRuleSet = z.infer<typeof ZRiskRuleSet>;
export type RiskRuleSetInput = z.input<typeof ZRiskRuleSet>;

/** A refused rule set names the field by its path in the JSON and says why in Chinese and English. */
export interface RiskRuleIssue {
  code:
    | 'SHAPE'
    | 'UNKNOWN_FEATURE'
    | 'WRONG_TYPE'
    | 'OUT_OF_RANGE'
    | 'THRESHOLD_REQUIRED'
    | 'DUPLICATE_ID'
    | 'UNKNOWN_REFERENCE'
    | 'TYPOLOGY_CYCLE';
  field: string;
  zh: string;
  en: string;
  actual?: string;
}

export type RuleSetCheck = { ok: true; value: RiskRuleSet } | { ok: false; issues: RiskRuleIssue[] };

const pathOf = (path: readonly PropertyKey[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') ||
  '(rule set)';

function shapeIssue(issue: z.core.$ZodIssue): RiskRuleIssue {
  const field = pathOf(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return {
        code: 'SHAPE',
        field,
        zh: `类型错误，应为${issue.expected}`,
        en: `wrong type, expected ${issue.expected}`,
      };
    case 'too_small':
    case 'too_big': {
      const bound = `${issue.code === 'too_small' ? '≥' : '≤'} ${String(issue.code === 'too_small' ? issue.minimum : issue.maximum)}`;
      return {
        code: issue.origin === 'number' ? 'OUT_OF_RANGE' : 'SHAPE',
        field,
        zh: issue.origin === 'number' ? `超出范围，应${bound}` : `数量或长度不符，应${bound}`,
        en: issue.origin === 'number' ? `out of range, expected ${bound}` : `wrong size, expected ${bound}`,
      };
    }
    case 'invalid_value':
      return {
        code: 'SHAPE',
        field,
        zh: `取值不在允许范围内（${issue.values.map(String).join(', ')}）`,
        en: `not one of ${issue.values.map(String).join(', ')}`,
      };
    case 'unrecognized_keys':
      return {
        code: 'SHAPE',
        field,
        zh: `未知字段：${issue.keys.join(', ')}`,
        en: `unknown field: ${issue.keys.join(', ')}`,
      };
    case 'invalid_format':
      return {
        code: 'SHAPE',
        field,
        zh: '格式错误（标识须为小写字母开头的字母、数字、下划线）',
        en: 'wrong format (an id is lower-case letters, digits and _, starting with a letter)',
      };
    default:
      return { code: 'SHAPE', field, zh: `格式错误：${issue.message}`, en: `malformed: ${issue.message}` };
  }
}

/**
 * Checks a rule set before it is saved: its shape, then what the shape cannot say — every feature exists,
 * thresholds have the feature's type and lie in its range, ids are unique, typologies name existing rules and
 * typologies and do not go round in a cycle. Every problem is returned, each with its field path.
 */
export function checkRuleSet(input: unknown): RuleSetCheck {
  const parsed = ZRiskRuleSet.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map(shapeIssue) };
  const set = parsed.data;
  const issues: RiskRuleIssue[] = [];
  const ruleIds = new Set<string>();
  set.rules.forEach((rule, r) => {
    if (ruleIds.has(rule.id))
      issues.push({
        code: 'DUPLICATE_ID',
        field: `rules[${r}].id`,
        zh: '规则标识重复',
        en: 'duplicate rule id',
        actual: rule.id,
      });
    ruleIds.add(rule.id);
    rule.conditions.forEach((c, i) => issues.push(...checkCondition(c, `rules[${r}].conditions[${i}]`)));
  });
  const typologyIds = new Set<string>();
  set.typologies.forEach((t, k) => {
    if (typologyIds.has(t.id))
      issues.push({
        code: 'DUPLICATE_ID',
        field: `typologies[${k}].id`,
        zh: '类型标识重复',
        en: 'duplicate typology id',
        actual: t.id,
      });
    typologyIds.add(t.id);
  });
  set.typologies.forEach((t, k) =>
    t.terms.forEach((term, j) => {
      const field = `typologies[${k}].terms[${j}]`;
      if ((term.rule === undefined) === (term.typology === undefined))
        issues.push({
          code: 'UNKNOWN_REFERENCE',
          field,
          zh: '须且只能引用一条规则或一个类型',
          en: 'name exactly one rule or one typology',
        });
      else if (term.rule !== undefined && !ruleIds.has(term.rule))
        issues.push({
          code: 'UNKNOWN_REFERENCE',
          field: `${field}.rule`,
          zh: '引用的规则不存在',
          en: 'no rule has this id',
          actual: term.rule,
        });
      else if (term.typology !== undefined && !typologyIds.has(term.typology))
        issues.push({
          code: 'UNKNOWN_REFERENCE',
          field: `${field}.typology`,
          zh: '引用的类型不存在',
          en: 'no typology has this id',
          actual: term.typology,
        });
    }),
  );
  issues.push(...typologyCycles(set.typologies));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: set };
}

function checkCondition(c: RiskCondition, field: string): RiskRuleIssue[] {
  if (!isFeatureName(c.feature))
    return [
      {
        code: 'UNKNOWN_FEATURE',
        field: `${field}.feature`,
        zh: '未知特征（不在特征目录中）',
        en: 'unknown feature (not in the catalogue)',
        actual: c.feature,
      },
    ];
  const spec: FeatureSpec = FEATURES[c.feature];
  if ((c.value === undefined) === (c.ref === undefined))
    return [
      {
        code: 'THRESHOLD_REQUIRED',
        field,
        zh: '须且只能给出阈值 value 或引用特征 ref 之一',
        en: 'give exactly one of a threshold (value) or a feature (ref)',
      },
    ];
  if (spec.type === 'boolean' && c.op !== 'eq' && c.op !== 'neq')
    return [
      {
        code: 'WRONG_TYPE',
        field: `${field}.op`,
        zh: '布尔特征只能用 eq 或 neq 比较',
        en: 'a boolean feature is compared with eq or neq only',
        actual: c.op,
      },
    ];
  if (c.ref !== undefined) {
    if (!isFeatureName(c.ref))
      return [
        {
          code: 'UNKNOWN_FEATURE',
          field: `${field}.ref`,
          zh: '未知特征（不在特征目录中）',
          en: 'unknown feature (not in the catalogue)',
          actual: c.ref,
        },
      ];
    if (FEATURES[c.ref].type !== spec.type)
      return [
        {
          code: 'WRONG_TYPE',
          field: `${field}.ref`,
          zh: `引用特征的类型应为${typeZh(spec.type)}`,
          en: `the referenced feature must be a ${spec.type}`,
          actual: c.ref,
        },
      ];
    return [];
  }
  if (typeof c.value !== spec.type)
    return [
      {
        code: 'WRONG_TYPE',
        field: `${field}.value`,
        zh: `阈值类型应为${typeZh(spec.type)}`,
        en: `the threshold must be a ${spec.type}`,
        actual: String(c.value),
      },
    ];
  if (typeof c.value === 'number') {
    const { min = -Infinity, max = Infinity } = spec;
    if (!Number.isFinite(c.value) || c.value < min || c.value > max)
      return [
        {
          code: 'OUT_OF_RANGE',
          field: `${field}.value`,
          zh: `阈值超出特征取值范围 ${min}–${max}`,
          en: `threshold outside the feature's range ${min}–${max}`,
          actual: String(c.value),
        },
      ];
  }
  return [];
}

const typeZh = (t: FeatureSpec['type']) => (t === 'number' ? '数值' : '布尔值');

/** Typologies that reach themselves through other typologies, each reported once at the term that closes it. */
function typologyCycles(typologies: RiskTypology[]): RiskRuleIssue[] {
  const index = new Map(typologies.map((t, k) => [t.id, k]));
  const state = new Map<string, 'open' | 'done'>();
  const issues: RiskRuleIssue[] = [];
  const visit = (id: string, trail: string[]) => {
    state.set(id, 'open');
    const k = index.get(id) as number;
    (typologies[k] as RiskTypology).terms.forEach((term, j) => {
      const next = term.typology;
      if (next === undefined || !index.has(next)) return;
      if (state.get(next) === 'open') {
        const path = [...trail, id];
        const cycle = [...path.slice(path.indexOf(next)), next].join(' → ');
        issues.push({
          code: 'TYPOLOGY_CYCLE',
          field: `typologies[${k}].terms[${j}].typology`,
          zh: `类型之间循环引用：${cycle}`,
          en: `typologies refer to each other in a cycle: ${cycle}`,
          actual: next,
        });
      } else if (!state.has(next)) visit(next, [...trail, id]);
    });
    state.set(id, 'done');
  };
  for (const t of typologies) if (!state.has(t.id)) visit(t.id, []);
  return issues;
}

/** The issues as the API's rule errors: the field path, and the reason in Chinese with English after it. */
export const ruleSetErrors = (issues: RiskRuleIssue[]): RuleError[] =>
  issues.map((i) => ({
    code: i.code,
    field: i.field,
    rule: `${i.zh} (${i.en})`,
    ...(i.actual !== undefined ? { actual: i.actual } : {}),
  }));
