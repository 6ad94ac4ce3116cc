import { z } from 'zod';
import { ZIsoDate, ZPageQuery, ZTimestamp, ZUuid } from './common.ts';

/**
 * 风险预警 (issue 19, decision 0047): warnings the cross-parcel typologies raise, their queue, assignment, disposal
 * and review, and per-rule statistics of a rule-set version.
 */

export const ZWarningTypology = z.enum([
  'address_fan_in',
  'phone_fan_in',
  'payer_fan_in',
  'split_orders',
  'three_flow_mismatch',
  'circular_trade',
  'new_enterprise_burst',
]);
export const ZWarningSeverity = z.enum(['low', 'medium', 'high']);
export const ZWarningStatus = z.enum(['open', 'assigned', 'disposed', 'closed']);
export const ZWarningSubjectType = z.enum(['address', 'phone', 'payer', 'buyer', 'enterprise']);

export const ZWarningQuery = ZPageQuery.extend({
  severity: ZWarningSeverity.optional(),
  status: ZWarningStatus.optional(),
  typology: ZWarningTypology.optional(),
  assignee: ZUuid.optional(),
});

export const ZWarningSummary = z.object({
  id: ZUuid,
  typology: ZWarningTypology,
  subjectType: ZWarningSubjectType,
  /** The enterprise's code; a person's subject (address, telephone, payer, buyer) is shown as a short reference. */
  subject: z.string(),
  subjectName: z.string().nullable(),
  period: z.string(),
  severity: ZWarningSeverity,
  status: ZWarningStatus,
  parcelCount: z.number().int(),
  assignee: z.object({ id: ZUuid, name: z.string() }).nullable(),
  disposal: z.enum(['dismissed', 'confirmed']).nullable(),
  zh: z.string(),
  en: z.string(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TWarningSummary = z.infer<typeof ZWarningSummary>;

export const ZReferralAgency = z.enum([
  'inspection',
  'commerce',
  'tax',
  'forex',
  'market_supervision',
  'statistics',
  'public_security',
]);

export const ZWarningActions = z.object({
  /** Confirmed only: the subject (an enterprise, a buyer, a payer) or the buyers behind an address / telephone. */
  negativeList: z.boolean().default(false),
  /** Confirmed only: a credit event on the enterprise (or the sellers of the parcels). */
  creditEvent: z.boolean().default(false),
  referral: z.object({ agency: ZReferralAgency, note: z.string().trim().min(1).max(1000) }).optional(),
});

export const ZWarningDetail = ZWarningSummary.extend({
  evidence: z.object({
    parcels: z.array(z.object({ id: ZUuid, invtNo: z.string().nullable() })),
    buyers: z.number().int(),
    sellers: z.array(z.string()),
    figures: z.record(z.string(), z.union([z.number(), z.string()])),
  }),
  disposalActions: ZWarningActions.nullable(),
  disposalNote: z.string().nullable(),
  disposedBy: z.object({ id: ZUuid, name: z.string() }).nullable(),
  disposedAt: ZTimestamp.nullable(),
  reviewedBy: z.object({ id: ZUuid, name: z.string() }).nullable(),
  reviewedAt: ZTimestamp.nullable(),
  reviewNote: z.string().nullable(),
  history: z.array(
    z.object({
      action: z.string(),
      actor: z.object({ id: ZUuid, name: z.string() }).nullable(),
      note: z.string().nullable(),
      details: z.unknown(),
      at: ZTimestamp,
    }),
  ),
});
export type TWarningDetail = z.infer<typeof ZWarningDetail>;

export const ZWarningAssignInput = z.object({ assignee: ZUuid });
export const ZWarningDisposeInput = z.object({
  outcome: z.enum(['dismissed', 'confirmed']),
  note: z.string().trim().min(1).max(2000),
  actions: ZWarningActions.optional(),
});
export type TWarningDisposeInput = z.infer<typeof ZWarningDisposeInput>;
export const ZWarningReviewInput = z.object({
  decision: z.enum(['approved', 'returned']),
  note: z.string().trim().max(2000).optional(),
});

export const ZWarningScanInput = z.object({ from: ZIsoDate, to: ZIsoDate });
export const ZWarningScanResult = z.object({
  from: z.string(),
  to: z.string(),
  parcels: z.number().int(),
  orders: z.number().int(),
  candidates: z.number().int(),
  raised: z.number().int(),
  byTypology: z.record(z.string(), z.number().int()),
  ms: z.number(),
});

export const ZRiskOfficer = z.object({ id: ZUuid, name: z.string() });

/** Per-rule statistics of one rule-set version over a date range (Beijing days). */
export const ZRuleStatsQuery = z.object({
  ruleSetId: ZUuid,
  from: ZIsoDate,
  to: ZIsoDate,
  by: z.enum(['day', 'week']).default('day'),
});
export const ZRuleStat = z.object({
  rule: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }).nullable(),
  hits: z.number().int(),
  inspected: z.number().int(),
  concluded: z.number().int(),
  found: z.number().int(),
  /** found / concluded inspections; null when none concluded. */
  precision: z.number().nullable(),
  trend: z.array(z.object({ period: z.string(), hits: z.number().int(), found: z.number().int() })),
});
export const ZRuleStats = z.object({
  ruleSet: z.object({ id: ZUuid, version: z.number().int(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  by: z.enum(['day', 'week']),
  periods: z.array(z.string()),
  rules: z.array(ZRuleStat),
});
export type TRuleStats = z.infer<typeof ZRuleStats>;
