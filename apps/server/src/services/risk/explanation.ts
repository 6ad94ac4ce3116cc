import type { TRiskDecisionView } from '@crossgate/contract';
import { FEATURES, isFeatureName, type RiskDecision } from '@crossgate/domain';
import type { liveDecisionOf } from '../../repositories/risk.ts';

/**
 * What the parcel views show of a risk decision (decision 0046). Customs (who may read risk rules) get the whole
 * explanation with the features named; the declaring enterprise gets the channel cut to what it may know: the
 * lane, the negative list and the random sample as before, and for any other rule only 已布控查验 — never a rule
 * id, a threshold or a feature value.
 */

type Row = NonNullable<Awaited<ReturnType<typeof liveDecisionOf>>>;

const nameOf = (feature: string) =>
  isFeatureName(feature)
    ? { zh: FEATURES[feature].zh, en: FEATURES[feature].en }
    : { zh: feature, en: feature };

export function decisionView(row: Row): TRiskDecisionView {
  const d = row.explanation as RiskDecision;
  return {
    ruleSet: { id: row.rule_set_id, version: row.rule_set_version },
    lane: row.lane,
    zh: d.zh,
    en: d.en,
    fired: (d.fired ?? []).map((f) => ({
      rule: f.rule,
      name: f.name,
      score: f.score,
      ...(f.lane ? { lane: f.lane } : {}),
      conditions: f.conditions.map((c) => ({
        feature: c.feature,
        name: nameOf(c.feature),
        op: c.op,
        threshold: c.threshold,
        ...(c.ref !== undefined ? { ref: c.ref } : {}),
        actual: c.actual,
        met: c.met,
      })),
      zh: f.zh,
      en: f.en,
    })),
    typologies: (d.typologies ?? []).map((t) => ({
      typology: t.typology,
      name: t.name,
      score: t.score,
      ...(t.lane ? { lane: t.lane } : {}),
    })),
    warnings: d.warnings ?? [],
    ...(d.error ? { error: { zh: d.error.zh, en: d.error.en } } : {}),
    decidedAt: row.decided_at.toISOString(),
  };
}

const TODAY = new Set(['NEGATIVE_LIST', 'RANDOM_SAMPLING']);
const SELECTED = {
  code: 'SELECTED',
  zh: '已布控查验',
  en: 'selected for inspection',
};

/** The channel record as the declaring enterprise (or anyone who may not read risk rules) sees it. */
export function channelForDeclarer(channel: unknown): unknown {
  if (typeof channel !== 'object' || channel === null) return channel ?? null;
  const c = channel as { lane?: unknown; reasons?: unknown; sampling?: unknown };
  const reasons = Array.isArray(c.reasons) ? (c.reasons as { code?: unknown }[]) : [];
  const kept = reasons.filter((r) => typeof r.code === 'string' && TODAY.has(r.code));
  const lane = c.lane === 'hold' ? 'inspection' : c.lane === 'document_review' ? 'manual_review' : c.lane;
  return {
    lane,
    reasons: kept.length < reasons.length && lane === 'inspection' ? [...kept, SELECTED] : kept,
    ...(c.sampling ? { sampling: c.sampling } : {}),
  };
}
