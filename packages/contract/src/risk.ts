import { z } from 'zod';
import { ZIsoDate, ZPageQuery, ZTimestamp, ZUuid } from './common.ts';

/** 风险防控 (issue 19, decision 0042): versioned rule sets, their diff and a replay over past parcels. */

export const ZRiskRuleSetStatus = z.enum(['draft', 'published', 'retired']);
export const ZRiskLane = z.enum(['green', 'document_review', 'inspection', 'hold', 'manual_review']);

export const ZRiskRuleSetSummary = z.object({
  id: ZUuid,
  version: z.number().int(),
  name: z.string(),
  status: ZRiskRuleSetStatus,
  authorUserId: ZUuid.nullable(),
  effectiveFrom: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
  publishedAt: ZTimestamp.nullable(),
  publishedBy: ZUuid.nullable(),
  retiredAt: ZTimestamp.nullable(),
  retiredBy: ZUuid.nullable(),
  /** A draft running beside the live version (shadow mode, decision 0046): judges, decides nothing. */
  shadow: z.boolean(),
});
export type TRiskRuleSetSummary = z.infer<typeof ZRiskRuleSetSummary>;

/** A version with its body (the domain's rule set: rules, typologies, decision bands). */
export const ZRiskRuleSetVersion = ZRiskRuleSetSummary.extend({ body: z.unknown() });
export type TRiskRuleSetVersion = z.infer<typeof ZRiskRuleSetVersion>;

export const ZRiskRuleSetQuery = ZPageQuery.extend({ status: ZRiskRuleSetStatus.optional() });

/**
 * A new draft. The body is checked by the domain (checkRuleSet): a bad one is refused RULE_VIOLATION with one
 * detail per problem, its field the path in the body (`body.rules[2].conditions[0].feature`) and its rule the
 * reason in Chinese then English.
 */
export const ZRiskRuleSetInput = z.object({
  name: z.string().trim().min(1).max(200),
  body: z.unknown(),
  effectiveFrom: z.iso.datetime({ offset: true }).optional(),
});
export type TRiskRuleSetInput = z.infer<typeof ZRiskRuleSetInput>;

const ZFieldChange = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });
const ZIdChanges = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.object({ id: z.string(), changes: z.array(ZFieldChange) })),
});
export const ZRiskRuleSetDiff = z.object({
  from: z.object({ id: ZUuid, version: z.number().int() }),
  to: z.object({ id: ZUuid, version: z.number().int() }),
  rules: ZIdChanges,
  typologies: ZIdChanges,
  decision: z.array(ZFieldChange),
});
export type TRiskRuleSetDiff = z.infer<typeof ZRiskRuleSetDiff>;
export const ZRiskDiffQuery = z.object({ against: ZUuid });

/** Replay: a rule set (a stored version or a body) over the import inventories declared in a date range. */
export const ZRiskReplayInput = z
  .object({
    ruleSetId: ZUuid.optional(),
    body: z.unknown().optional(),
    from: ZIsoDate,
    to: ZIsoDate,
    /** How many changed parcels to list (the counts cover all of them). */
    limit: z.number().int().min(0).max(1000).default(100),
  })
  .refine((v) => (v.ruleSetId === undefined) !== (v.body === undefined), {
    message: 'give exactly one of ruleSetId or body',
    path: ['ruleSetId'],
  });
export type TRiskReplayInput = z.input<typeof ZRiskReplayInput>;

export const ZRiskReplayResult = z.object({
  from: ZIsoDate,
  to: ZIsoDate,
  ruleSet: z.object({ id: z.string(), version: z.number().int() }),
  parcels: z.number().int(),
  changed: z.number().int(),
  /** Parcels per lane under the replayed rules, and as recorded. */
  lanes: z.record(z.string(), z.number().int()),
  recordedLanes: z.record(z.string(), z.number().int()),
  /** Parcels the replayed rules send to inspection or hold: the officers' load. */
  inspectionLoad: z.number().int(),
  recordedInspectionLoad: z.number().int(),
  /**
   * Against the recorded inspection results: of the parcels the replayed rules would inspect that were inspected
   * and concluded, how many were found at fault (rejected, detained or returned) — precision = found / concluded.
   */
  precision: z.object({
    concluded: z.number().int(),
    found: z.number().int(),
    value: z.number().nullable(),
  }),
  changes: z.array(
    z.object({
      documentId: ZUuid,
      invtNo: z.string().nullable(),
      recorded: z.string().nullable(),
      replayed: ZRiskLane,
      fired: z.array(z.string()),
    }),
  ),
  rulesEvaluated: z.number().int(),
  ms: z.number(),
});
export type TRiskReplayResult = z.infer<typeof ZRiskReplayResult>;

export const ZRiskFeature = z.object({
  name: z.string(),
  type: z.enum(['number', 'boolean']),
  unit: z.string().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  zh: z.string(),
  en: z.string(),
});
export type TRiskFeature = z.infer<typeof ZRiskFeature>;

/** Shadow mode (decision 0046): a draft runs beside the live version, judging the same parcels, deciding nothing. */
export const ZRiskShadowInput = z.object({ on: z.boolean() });
export type TRiskShadowInput = z.infer<typeof ZRiskShadowInput>;

/** The shadow draft's decisions against the live ones on the same parcels. */
export const ZRiskShadowComparison = z.object({
  ruleSet: z.object({ id: ZUuid, version: z.number().int(), shadow: z.boolean() }),
  parcels: z.number().int(),
  agree: z.number().int(),
  disagree: z.number().int(),
  /** Parcels per (live lane, shadow lane) pair. */
  pairs: z.array(z.object({ live: ZRiskLane, shadow: ZRiskLane, parcels: z.number().int() })),
  /** The differing parcels, newest first (at most `limit`). */
  differences: z.array(
    z.object({
      documentId: ZUuid,
      invtNo: z.string().nullable(),
      live: ZRiskLane,
      liveVersion: z.number().int(),
      shadow: ZRiskLane,
      fired: z.array(z.string()),
      decidedAt: ZTimestamp,
    }),
  ),
});
export type TRiskShadowComparison = z.infer<typeof ZRiskShadowComparison>;
export const ZRiskShadowQuery = z.object({
  limit: z.coerce.number().int().min(0).max(1000).default(100),
});

/**
 * The live risk decision on a parcel as customs sees it (decision 0046): the version that judged it, each fired
 * rule with every condition's feature (named zh/en), actual value and threshold, the typology scores, texts zh/en.
 * The declaring enterprise never gets this — only that its parcel was selected.
 */
const ZText = z.object({ zh: z.string(), en: z.string() });
const ZFeatureValue = z.union([z.number(), z.boolean(), z.null()]);
export const ZRiskDecisionView = z
  .object({
    ruleSet: z.object({ id: z.string().nullable(), version: z.number().int() }),
    lane: ZRiskLane,
    zh: z.string(),
    en: z.string(),
    fired: z.array(
      z.object({
        rule: z.string(),
        name: ZText,
        score: z.number(),
        lane: ZRiskLane.optional(),
        conditions: z.array(
          z.object({
            feature: z.string(),
            name: ZText,
            op: z.string(),
            threshold: ZFeatureValue,
            ref: z.string().optional(),
            actual: ZFeatureValue,
            met: z.boolean(),
          }),
        ),
        zh: z.string(),
        en: z.string(),
      }),
    ),
    typologies: z.array(
      z.object({ typology: z.string(), name: ZText, score: z.number(), lane: ZRiskLane.optional() }),
    ),
    warnings: z.array(z.object({ rule: z.string(), zh: z.string(), en: z.string() })),
    error: ZText.optional(),
    decidedAt: ZTimestamp,
  })
  .meta({ id: 'RiskDecisionView' });
export type TRiskDecisionView = z.infer<typeof ZRiskDecisionView>;
