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
