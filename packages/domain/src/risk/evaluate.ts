import { FEATURES, isFeatureName, type FeatureValue, type FeatureValues } from './features.ts';
import {
  LANE_NAMES,
  checkRuleSet,
  laneRank,
  type RiskCondition,
  type RiskLane,
  type RiskRule,
  type RiskRuleSet,
} from './rule-set.ts';

/** A rule set as stored: its identity and version travel with every decision it makes. */
export interface VersionedRuleSet {
  id: string;
  version: number;
  body: unknown;
}

export interface RiskInput {
  /** Fixes the sample draw (`sample.draw`): the same seed gives the same draw, so a replay reproduces it. */
  seed: string;
  features: FeatureValues;
  /**
   * A draw made by the caller instead of the seed's (the clearance policy's injectable `draw`, which tests and
   * simulations fix); the decision records it. Absent: the seed's draw.
   */
  draw?: number;
}

export interface ConditionExplanation {
  feature: string;
  op: RiskCondition['op'];
  /** The literal threshold, or the value of the referenced feature. */
  threshold: FeatureValue;
  ref?: string;
  actual: FeatureValue;
  met: boolean;
}

export interface FiredRule {
  rule: string;
  name: { zh: string; en: string };
  score: number;
  lane?: RiskLane;
  conditions: ConditionExplanation[];
  zh: string;
  en: string;
}

export interface TypologyScore {
  typology: string;
  name: { zh: string; en: string };
  score: number;
  /** The band's lane the score reached, if any. */
  lane?: RiskLane;
}

export interface RiskDecision {
  ruleSet: { id: string; version: number };
  lane: RiskLane;
  fired: FiredRule[];
  typologies: TypologyScore[];
  warnings: { rule: string; zh: string; en: string }[];
  /** The sample draw the seed gave. */
  draw: number;
  zh: string;
  en: string;
  /** Why the evaluation failed; the lane is then manual review. */
  error?: { zh: string; en: string; detail: string };
}

/** 32-bit FNV-1a over the UTF-8 bytes (the FNV reference's offset basis 2166136261 and prime 16777619). */
const UTF8 = new TextEncoder();

export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of UTF8.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * A uniform draw in [0, 1) fixed by the seed: FNV-1a, then MurmurHash3's 32-bit finaliser so that seeds which
 * differ in one character land far apart. Pure, so a replay of the same parcel draws the same number.
 */
export function drawOf(seed: string): number {
  let h = fnv1a32(seed);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return (h >>> 0) / 0x1_0000_0000;
}

const checked = new WeakMap<object, RiskRuleSet>();
const compiledSets = new WeakMap<
  RiskRuleSet,
  { byId: Map<string, RiskRuleSet['typologies'][number]>; bands: RiskRuleSet['decision']['bands'] }
>();

/** Lookups a rule set needs on every parcel, made once per checked rule set. */
function compiled(set: RiskRuleSet) {
  let c = compiledSets.get(set);
  if (!c) {
    c = {
      byId: new Map(set.typologies.map((t) => [t.id, t])),
      bands: [...set.decision.bands].sort((a, b) => b.minScore - a.minScore),
    };
    compiledSets.set(set, c);
  }
  return c;
}

function ruleSetOf(body: unknown): RiskRuleSet {
  if (typeof body === 'object' && body !== null) {
    const cached = checked.get(body);
    if (cached) return cached;
  }
  const check = checkRuleSet(body);
  if (!check.ok)
    throw new EvaluationError(
      `规则集无效：${check.issues.map((i) => `${i.field} ${i.zh}`).join('；')}`,
      `invalid rule set: ${check.issues.map((i) => `${i.field} ${i.en}`).join('; ')}`,
    );
  if (typeof body === 'object' && body !== null) checked.set(body, check.value);
  return check.value;
}

class EvaluationError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

const OP_TEXT: Record<RiskCondition['op'], string> = {
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  eq: '=',
  neq: '≠',
};

function valueOf(features: FeatureValues, name: string, draw: number): FeatureValue {
  if (name === 'sample.draw') return draw;
  if (!isFeatureName(name)) throw new EvaluationError(`未知特征 ${name}`, `unknown feature ${name}`);
  const value = features[name];
  if (value === undefined)
    throw new EvaluationError(
      `缺少特征 ${name}（${FEATURES[name].zh}）`,
      `feature ${name} is missing (${FEATURES[name].en})`,
    );
  if (value !== null && typeof value !== FEATURES[name].type)
    throw new EvaluationError(`特征 ${name} 的类型不符`, `feature ${name} has the wrong type`);
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new EvaluationError(`特征 ${name} 不是有限数值`, `feature ${name} is not a finite number`);
  return value;
}

function compare(op: RiskCondition['op'], actual: FeatureValue, threshold: FeatureValue): boolean {
  if (actual === null || threshold === null) return false;
  switch (op) {
    case 'eq':
      return actual === threshold;
    case 'neq':
      return actual !== threshold;
    case 'lt':
      return actual < threshold;
    case 'lte':
      return actual <= threshold;
    case 'gt':
      return actual > threshold;
    case 'gte':
      return actual >= threshold;
  }
}

const shown = (v: FeatureValue): { zh: string; en: string } =>
  v === null
    ? { zh: '无', en: 'n/a' }
    : typeof v === 'boolean'
      ? { zh: v ? '是' : '否', en: v ? 'yes' : 'no' }
      : { zh: String(v), en: String(v) };

function explainRule(rule: RiskRule, conditions: ConditionExplanation[]): { zh: string; en: string } {
  const parts = conditions
    .filter((c) => c.met)
    .map((c) => {
      const name = isFeatureName(c.feature) ? FEATURES[c.feature] : { zh: c.feature, en: c.feature };
      const actual = shown(c.actual);
      const threshold = shown(c.threshold);
      const ref = c.ref ? ` (${c.ref})` : '';
      return {
        zh: `${name.zh} = ${actual.zh}，${OP_TEXT[c.op]} ${threshold.zh}${ref}`,
        en: `${name.en} = ${actual.en}, ${OP_TEXT[c.op]} ${threshold.en}${ref}`,
      };
    });
  return {
    zh: `${rule.name.zh}：${parts.map((p) => p.zh).join('；')}`,
    en: `${rule.name.en}: ${parts.map((p) => p.en).join('; ')}`,
  };
}

/**
 * Judges one parcel: every rule's conditions on the parcel's features, the typologies' scores, the lane. The
 * decision lists each fired rule with every condition's actual value and threshold, each typology's score and
 * the rule set's version, with texts in Chinese and English. It never throws: a missing or malformed feature,
 * or a rule set that does not check, gives the manual-review lane with the error recorded, so a rule can never
 * make clearance fail.
 */
export function evaluateRisk(ruleSet: VersionedRuleSet, input: RiskInput): RiskDecision {
  const meta = { id: ruleSet.id, version: ruleSet.version };
  let draw = 0;
  try {
    draw = input.draw !== undefined ? input.draw : drawOf(String(input.seed));
    if (!Number.isFinite(draw) || draw < 0 || draw >= 1)
      throw new EvaluationError(`抽样值 ${draw} 不在 [0, 1) 内`, `the draw ${draw} is not in [0, 1)`);
    const set = ruleSetOf(ruleSet.body);
    const features = input.features ?? {};
    const fired: FiredRule[] = [];
    const ruleScore = new Map<string, number>();
    for (const rule of set.rules) {
      // Every condition is read (a missing feature is an error even where another condition already failed);
      // the explanation objects are built only for a rule that fired.
      let all = true;
      let any = false;
      for (const c of rule.conditions) {
        const actual = valueOf(features, c.feature, draw);
        const threshold = c.ref !== undefined ? valueOf(features, c.ref, draw) : (c.value as FeatureValue);
        const met = compare(c.op, actual, threshold);
        all = all && met;
        any = any || met;
      }
      const hit = rule.when === 'all' ? all : any;
      ruleScore.set(rule.id, hit ? rule.score : 0);
      if (hit) {
        const conditions: ConditionExplanation[] = [];
        for (const c of rule.conditions) {
          const actual = valueOf(features, c.feature, draw);
          const threshold = c.ref !== undefined ? valueOf(features, c.ref, draw) : (c.value as FeatureValue);
          conditions.push({
            feature: c.feature,
            op: c.op,
            threshold,
            ...(c.ref !== undefined ? { ref: c.ref } : {}),
            actual,
            met: compare(c.op, actual, threshold),
          });
        }
        fired.push({
          rule: rule.id,
          name: rule.name,
          score: rule.score,
          ...(rule.lane ? { lane: rule.lane } : {}),
          conditions,
          ...explainRule(rule, conditions),
        });
      }
    }
    const typologyScore = new Map<string, number>();
    const { byId, bands } = compiled(set);
    const scoreOf = (id: string): number => {
      const known = typologyScore.get(id);
      if (known !== undefined) return known;
      const t = byId.get(id);
      if (!t) throw new EvaluationError(`未知类型 ${id}`, `unknown typology ${id}`);
      let score = 0;
      for (const term of t.terms) {
        const part =
          term.weight *
          (term.rule !== undefined ? (ruleScore.get(term.rule) ?? 0) : scoreOf(term.typology as string));
        score = t.combine === 'sum' ? score + part : Math.max(score, part);
      }
      score = round6(score);
      typologyScore.set(id, score);
      return score;
    };
    const typologies: TypologyScore[] = [];
    for (const t of set.typologies) {
      const score = scoreOf(t.id);
      const band = bands.find((b) => score >= b.minScore);
      typologies.push({ typology: t.id, name: t.name, score, ...(band ? { lane: band.lane } : {}) });
    }
    let lane: RiskLane = 'green';
    for (const l of [...fired.map((f) => f.lane), ...typologies.map((t) => t.lane)])
      if (l && laneRank(l) > laneRank(lane)) lane = l;
    const warnings = set.rules
      .filter((r) => r.warning && fired.some((f) => f.rule === r.id))
      .map((r) => ({ rule: r.id, zh: r.warning?.zh as string, en: r.warning?.en as string }));
    const reasons = [
      ...fired.filter((f) => f.lane).map((f) => ({ zh: f.zh, en: f.en })),
      ...typologies
        .filter((t) => t.lane)
        .map((t) => ({ zh: `${t.name.zh}（得分 ${t.score}）`, en: `${t.name.en} (score ${t.score})` })),
    ];
    const name = LANE_NAMES[lane];
    return {
      ruleSet: meta,
      lane,
      fired,
      typologies,
      warnings,
      draw,
      zh:
        reasons.length > 0
          ? `${name.zh}：${reasons.map((r) => r.zh).join('；')}`
          : `${name.zh}：未命中风险规则`,
      en:
        reasons.length > 0
          ? `${capital(name.en)}: ${reasons.map((r) => r.en).join('; ')}`
          : `${capital(name.en)}: no risk rule fired`,
    };
  } catch (e) {
    const zh = e instanceof EvaluationError ? e.zh : '规则评估出错';
    const en = e instanceof EvaluationError ? e.en : 'the rules could not be evaluated';
    return {
      ruleSet: meta,
      lane: 'manual_review',
      fired: [],
      typologies: [],
      warnings: [
        {
          rule: '(evaluation)',
          zh: `风险评估出错，转人工审核：${zh}`,
          en: `Risk evaluation failed, manual review: ${en}`,
        },
      ],
      draw,
      zh: `人工审核：风险评估出错（${zh}）`,
      en: `Manual review: the risk evaluation failed (${en})`,
      error: { zh, en, detail: e instanceof Error ? e.message : String(e) },
    };
  }
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
