import { negativeInfo } from '@crossgate/ceb';
import { maskIssueShown, maskName, maskValuesIn, scopeFor, type RuleError } from '@crossgate/domain';
import { forbidden } from '../errors.ts';
import { codesOf, findOrganisation } from '../repositories/organisations.ts';
import type { Deps, RequestContext } from './context.ts';

/**
 * Who sees which document of a parcel, and what its timeline says to whom (decision 0020).
 *
 * - A caller sees a document only if it is a party to it: the enterprise that sent it, or one whose customs
 *   code or USCC a role field of it names (platform, seller, carrier, payment firm, agent). Customs, inspection
 *   and the zone office see every document.
 * - An inventory's parcel view attaches the order, payment and waybill that belong to the inventory by their
 *   parties (the repositories' lookups: the order is the inventory's seller's, the waybill carries the
 *   inventory's order number) — and, of those, another enterprise's document only once the clearance recorded
 *   the match (`matched_at`) of a declared inventory. A draft or an unmatched inventory attaches only the
 *   caller's own documents, so writing someone's order or waybill number into an inventory shows nothing.
 * - Timeline texts and match findings show personal values masked, to everybody; the figures of a quota
 *   refusal (the buyer's purchases this year, the limits) only to the declarer and to customs.
 */

/** The enterprise looking (its id and the codes that are its own), or null for those who see every document. */
export type Viewer = { orgId: string; code: string; codes: string[] } | null;

/**
 * The viewer of a declaration resource: null when the actor sees all; the actor's enterprise when it sees those
 * it is party to; refused when the role sees none. Shared by the import and export queries.
 */
export async function viewerOf(
  deps: Deps,
  ctx: RequestContext,
  resource: 'import_document' | 'export_document',
): Promise<Viewer> {
  const scope = scopeFor(ctx.actor, resource, 'read');
  if (scope.kind === 'none') throw forbidden('your role does not see declarations');
  if (scope.kind === 'all') return null;
  const org = await findOrganisation(deps.db, ctx.actor.orgId);
  return { orgId: ctx.actor.orgId, code: org?.code ?? '', codes: org ? codesOf(org) : [] };
}

/** A stored document as far as its parties go: sender, the role columns, and agentCode from its body. */
export interface PartyFacts {
  org_id: string;
  ebp_code?: string | null;
  ebc_code?: string | null;
  logistics_code?: string | null;
  pay_code?: string | null;
  body: unknown;
}

/** The enterprise codes a document names in its role fields. */
export function roleCodes(doc: PartyFacts, extra: (string | null | undefined)[] = []): string[] {
  const agent = (doc.body as Record<string, unknown> | null)?.agentCode;
  return [doc.ebp_code, doc.ebc_code, doc.logistics_code, doc.pay_code, agent, ...extra].filter(
    (c): c is string => typeof c === 'string' && c !== '',
  );
}

/** Whether the viewer is a party to the document: its sender, or named in one of its role fields. */
export function isPartyTo(
  doc: PartyFacts,
  viewer: Viewer,
  extra: (string | null | undefined)[] = [],
): boolean {
  if (viewer === null) return true;
  if (doc.org_id === viewer.orgId) return true;
  return roleCodes(doc, extra).some((c) => viewer.codes.includes(c));
}

/**
 * Whether a supporting document (one that belongs to the inventory by its parties) is shown beside the
 * inventory: the viewer's own document always; another enterprise's only once the clearance recorded the
 * match of the declared, live inventory.
 */
export function attaches(
  doc: PartyFacts,
  viewer: Viewer,
  inventory: { status: string; deleted: boolean },
  matchedAt: Date | null | undefined,
): boolean {
  if (isPartyTo(doc, viewer)) return true;
  return matchedAt != null && inventory.status !== '1' && !inventory.deleted;
}

/**
 * Whether the viewer may read the figures of a quota refusal (the buyer's purchases this year, the limits): the
 * enterprise that declared the inventory, and customs. Other parties read that the limit was exceeded.
 */
export function seesFigures(ctx: RequestContext, viewer: Viewer, declarantOrgId: string): boolean {
  if (viewer !== null) return viewer.orgId === declarantOrgId;
  return ctx.actor.orgKind === 'agency' && ctx.actor.agencyType === 'customs';
}

/** What the timeline keeps of a −621018 refusal: the buyer masked, no figures. */
export const annualQuotaText = (preNo: string, maskedName: string) =>
  `清单[${preNo}]中购买人[${maskedName}]本次购买将超过年度限额 (the buyer's annual CBEC limit would be exceeded)`;

/** The −621018 text as the e-port words it (name, purchases so far, limit), as stored before decision 0020. */
const ANNUAL_TEXT =
  /^清单\[([^\]]*)\]中购买人\[([^\]]*)\]已用购买额度为\[([^\]]*)\]，本次购买将超过年度限额\[([^\]]*)\]/;
/** The −621005 text: 清单[preNo]的购买金额超过单笔限额[amount>limit]. */
const SINGLE_TEXT = /^(清单\[[^\]]*\]的购买金额超过单笔限额)\[[^\]]*\]/;

interface QuotaFacts {
  preNo: string;
  buyerName: string;
  used: string;
  annual: string;
}

const isIssue = (v: unknown): v is RuleError =>
  typeof v === 'object' && v !== null && typeof (v as { field?: unknown }).field === 'string';

/** The issues an event's details quote (`issues` of a refusal, `warnings` of an acceptance). */
function issuesOf(details: unknown): RuleError[] {
  if (typeof details !== 'object' || details === null) return [];
  const d = details as Record<string, unknown>;
  return [d.issues, d.warnings].flatMap((list) => (Array.isArray(list) ? list.filter(isIssue) : []));
}

function quotaFacts(details: unknown, text: string): QuotaFacts | undefined {
  const q = (details as { quota?: Partial<QuotaFacts> } | null)?.quota;
  if (q && typeof q.preNo === 'string')
    return { preNo: q.preNo, buyerName: q.buyerName ?? '', used: q.used ?? '', annual: q.annual ?? '' };
  const m = ANNUAL_TEXT.exec(text);
  return m ? { preNo: m[1] ?? '', buyerName: m[2] ?? '', used: m[3] ?? '', annual: m[4] ?? '' } : undefined;
}

/**
 * An event's text as this viewer reads it: personal values the event's findings name are masked; a quota
 * refusal names the buyer masked, with the figures only for the declarer and customs (`figures`).
 */
export function timelineText(
  event: { status: string; return_info: string; details: unknown },
  figures: boolean,
): string {
  if (event.status === '-621018') {
    const facts = quotaFacts(event.details, event.return_info);
    if (!facts) return figures ? event.return_info : '本次购买将超过年度限额 (annual CBEC limit exceeded)';
    const name = maskName(facts.buyerName);
    return figures
      ? negativeInfo('-621018', facts.preNo, name, facts.used, facts.annual)
      : annualQuotaText(facts.preNo, name);
  }
  if (event.status === '-621005' && !figures) {
    const m = SINGLE_TEXT.exec(event.return_info);
    return m ? (m[1] ?? '') : '购买金额超过单笔限额 (over the per-transaction limit)';
  }
  return maskValuesIn(event.return_info, issuesOf(event.details));
}

/** Quota findings whose figures only the declarer and customs read. */
const QUOTA_CODES = new Set(['-621005', '-621018']);

/**
 * The match findings as this viewer reads them: personal values masked for everybody; the figures of a quota
 * refusal (rule text with the purchases so far, expected, actual, limits) only with `figures`.
 */
export function issuesShown(issues: unknown, figures: boolean): unknown[] {
  if (!Array.isArray(issues)) return [];
  return issues.map((issue: unknown) => {
    if (!isIssue(issue)) return issue;
    const { code } = issue;
    if (QUOTA_CODES.has(code) && !figures)
      return {
        code,
        field: issue.field,
        rule:
          code === '-621018'
            ? '本次购买将超过年度限额 (the annual CBEC limit would be exceeded)'
            : '购买金额超过单笔限额 (over the per-transaction limit)',
      };
    return maskIssueShown(issue);
  });
}
