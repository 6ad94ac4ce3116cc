import type { TPage, TWarningDetail, TWarningDisposeInput, TWarningSummary } from '@crossgate/contract';
import { WARNING_TYPOLOGY_NAMES, scopeFor, type WarningTypology } from '@crossgate/domain';
import { conflict, forbidden, notFound, ruleViolation } from '../../errors.ts';
import { appendAudit } from '../../repositories/audit.ts';
import { findNegativeEntry, insertNegativeEntry } from '../../repositories/negative-list.ts';
import { findOrganisation } from '../../repositories/organisations.ts';
import {
  customsOfficers,
  findWarning,
  insertWarningEvent,
  listWarnings,
  lockWarning,
  organisationsByCode,
  updateWarning,
  warningEvents,
  type WarningFilter,
  type WarningRow,
} from '../../repositories/risk-warnings.ts';
import { findUser } from '../../repositories/users.ts';
import { newId } from '../auth.ts';
import type { Deps, RequestContext } from '../context.ts';
import { recordPlatformEvent } from '../credit/credit.ts';
import { pageWindow } from '../mappers.ts';
import { scanWarnings } from './warnings.ts';

/**
 * The warnings queue (预警队列, decision 0047): list with filters and paging, assignment to an officer, disposal
 * (dismissed, or confirmed with its effects: the negative list, a credit event, a referral to another agency),
 * a review by a second officer — never the one who disposed — and the history. Effects apply when the review
 * approves a confirmed disposal, in the review's transaction. Only customs sees warnings (the `risk_rule`
 * resource: every customs user reads, officers act); anyone else is refused 403.
 */

function requireRisk(ctx: RequestContext, action: 'read' | 'update') {
  if (scopeFor(ctx.actor, 'risk_rule', action).kind === 'none')
    throw forbidden(
      action === 'read'
        ? '风险预警仅海关查阅 (risk warnings are read by customs)'
        : '风险预警由海关风险官员处置 (risk warnings are handled by customs risk officers)',
    );
}

interface Evidence {
  parcels?: { id: string; invtNo: string | null }[];
  buyers?: string[];
  sellers?: string[];
  figures?: Record<string, number | string>;
  zh?: string;
  en?: string;
}
interface Actions {
  negativeList: boolean;
  creditEvent: boolean;
  referral?: { agency: string; note: string } | undefined;
}

/** A person's subject is shown as a short reference to its keyed hash, never a clear value. */
const subjectOf = (r: { subject_type: string; subject_key: string }) =>
  r.subject_type === 'enterprise'
    ? r.subject_key
    : `${r.subject_type}#${r.subject_key.replace(/^p1:/, '').slice(0, 8)}`;

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

function summaryOf(
  r: Pick<
    WarningRow,
    | 'id'
    | 'typology'
    | 'subject_type'
    | 'subject_key'
    | 'period'
    | 'severity'
    | 'status'
    | 'parcel_count'
    | 'disposal'
    | 'created_at'
    | 'updated_at'
    | 'evidence'
    | 'assignee_user_id'
  >,
  names: { org: string | null; assignee: string | null },
): TWarningSummary {
  const e = (r.evidence ?? {}) as Evidence;
  return {
    id: r.id,
    typology: r.typology as TWarningSummary['typology'],
    subjectType: r.subject_type,
    subject: subjectOf(r),
    subjectName: names.org,
    period: r.period,
    severity: r.severity,
    status: r.status,
    parcelCount: r.parcel_count,
    assignee: r.assignee_user_id ? { id: r.assignee_user_id, name: names.assignee ?? '' } : null,
    disposal: r.disposal,
    zh: e.zh ?? WARNING_TYPOLOGY_NAMES[r.typology as WarningTypology]?.zh ?? r.typology,
    en: e.en ?? WARNING_TYPOLOGY_NAMES[r.typology as WarningTypology]?.en ?? r.typology,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export async function listRiskWarnings(
  deps: Deps,
  ctx: RequestContext,
  query: WarningFilter & { page: number; pageSize: number },
): Promise<TPage<TWarningSummary>> {
  requireRisk(ctx, 'read');
  const { rows, total } = await listWarnings(deps.db, query, pageWindow(query));
  return {
    items: rows.map((r) => summaryOf(r, { org: r.org_name ?? null, assignee: r.assignee_name ?? null })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getRiskWarning(deps: Deps, ctx: RequestContext, id: string): Promise<TWarningDetail> {
  requireRisk(ctx, 'read');
  return detailOf(deps.db, id);
}

async function detailOf(db: Deps['db'], id: string): Promise<TWarningDetail> {
  const r = await findWarning(db, id);
  if (!r) throw notFound('id', id);
  const [events, org] = await Promise.all([
    warningEvents(db, id),
    r.org_id ? findOrganisation(db, r.org_id) : Promise.resolve(undefined),
  ]);
  const userIds = [r.assignee_user_id, r.disposed_by, r.reviewed_by].filter((u): u is string => !!u);
  const users = new Map<string, string>();
  for (const u of new Set(userIds)) users.set(u, (await findUser(db, u))?.display_name ?? '');
  const who = (u: string | null) => (u ? { id: u, name: users.get(u) ?? '' } : null);
  const e = (r.evidence ?? {}) as Evidence;
  return {
    ...summaryOf(r, {
      org: org?.name_zh ?? null,
      assignee: r.assignee_user_id ? (users.get(r.assignee_user_id) ?? '') : null,
    }),
    evidence: {
      parcels: e.parcels ?? [],
      buyers: e.buyers?.length ?? 0,
      sellers: e.sellers ?? [],
      figures: e.figures ?? {},
    },
    disposalActions: (r.disposal_actions as TWarningDetail['disposalActions']) ?? null,
    disposalNote: r.disposal_note,
    disposedBy: who(r.disposed_by),
    disposedAt: r.disposed_at ? iso(r.disposed_at) : null,
    reviewedBy: who(r.reviewed_by),
    reviewedAt: r.reviewed_at ? iso(r.reviewed_at) : null,
    reviewNote: r.review_note,
    history: events.map((ev) => ({
      action: ev.action,
      actor: ev.actor_user_id ? { id: ev.actor_user_id, name: ev.display_name ?? '' } : null,
      note: ev.note,
      details: ev.details,
      at: iso(ev.at),
    })),
  };
}

/** Customs officers a warning may be assigned to (operators and administrators, not disabled). */
export async function riskOfficers(deps: Deps, ctx: RequestContext) {
  requireRisk(ctx, 'read');
  const rows = await customsOfficers(deps.db);
  return rows
    .filter((u) => u.roles.includes('operator') || u.roles.includes('admin'))
    .map((u) => ({ id: u.id, name: u.display_name }));
}

async function act(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  action: string,
  change: (trx: Deps['db'], row: WarningRow) => Promise<{ note?: string | null; details?: unknown }>,
): Promise<TWarningDetail> {
  requireRisk(ctx, 'update');
  return deps.db.transaction().execute(async (trx) => {
    const before = await lockWarning(trx, id);
    if (!before) throw notFound('id', id);
    const { note = null, details = {} } = await change(trx, before);
    await insertWarningEvent(trx, {
      warning_id: id,
      action,
      actor_user_id: ctx.actor.userId,
      actor_org_id: ctx.actor.via === 'system' ? null : ctx.actor.orgId,
      note,
      details,
      at: ctx.now,
    });
    const after = (await findWarning(trx, id)) as WarningRow;
    const state = (w: WarningRow) => ({
      status: w.status,
      assignee: w.assignee_user_id,
      disposal: w.disposal,
      disposalActions: w.disposal_actions,
      disposedBy: w.disposed_by,
      reviewedBy: w.reviewed_by,
    });
    await appendAudit(trx, ctx, {
      action: `risk_warning.${action}`,
      targetType: 'risk_warning',
      targetId: id,
      targetOrgId: before.org_id,
      before: state(before),
      after: { ...state(after), note, details },
    });
    return detailOf(trx, id);
  });
}

const closedOrDisposed = (row: WarningRow) => {
  if (row.status === 'closed') throw conflict('status', '预警已办结 (the warning is closed)', row.status);
  if (row.status === 'disposed')
    throw conflict('status', '预警已处置，待复核 (the warning awaits review)', row.status);
};

export function assignRiskWarning(deps: Deps, ctx: RequestContext, id: string, assignee: string) {
  return act(deps, ctx, id, 'assigned', async (trx, row) => {
    closedOrDisposed(row);
    const officers = await customsOfficers(trx);
    const officer = officers.find((u) => u.id === assignee);
    if (!officer || !(officer.roles.includes('operator') || officer.roles.includes('admin')))
      throw ruleViolation([
        {
          code: 'NOT_RISK_OFFICER',
          field: 'assignee',
          rule: '只能分派给海关风险官员 (a warning is assigned to a customs officer)',
          actual: assignee,
        },
      ]);
    await updateWarning(trx, id, { status: 'assigned', assignee_user_id: assignee, updated_at: ctx.now });
    return { details: { assignee: { id: officer.id, name: officer.display_name } } };
  });
}

export function disposeRiskWarning(deps: Deps, ctx: RequestContext, id: string, input: TWarningDisposeInput) {
  return act(deps, ctx, id, input.outcome, async (trx, row) => {
    closedOrDisposed(row);
    if (row.assignee_user_id && row.assignee_user_id !== ctx.actor.userId)
      throw conflict(
        'assignee',
        '预警已分派给其他官员 (the warning is assigned to another officer)',
        row.assignee_user_id,
      );
    const actions: Actions = {
      negativeList: input.actions?.negativeList ?? false,
      creditEvent: input.actions?.creditEvent ?? false,
      ...(input.actions?.referral ? { referral: input.actions.referral } : {}),
    };
    if (input.outcome === 'dismissed' && (actions.negativeList || actions.creditEvent || actions.referral))
      throw ruleViolation([
        {
          code: 'DISMISSED_WITH_ACTIONS',
          field: 'actions',
          rule: '排除的预警不采取处置措施 (a dismissed warning takes no action)',
        },
      ]);
    await updateWarning(trx, id, {
      status: 'disposed',
      assignee_user_id: row.assignee_user_id ?? ctx.actor.userId,
      disposal: input.outcome,
      disposal_actions: JSON.stringify(actions),
      disposal_note: input.note,
      disposed_by: ctx.actor.userId,
      disposed_at: ctx.now,
      reviewed_by: null,
      reviewed_at: null,
      review_note: null,
      updated_at: ctx.now,
    });
    return { note: input.note, details: actions };
  });
}

export function reviewRiskWarning(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: { decision: 'approved' | 'returned'; note?: string | undefined },
) {
  return act(deps, ctx, id, `review.${input.decision}`, async (trx, row) => {
    if (row.status !== 'disposed')
      throw conflict('status', '预警尚未处置 (the warning has no disposal to review)', row.status);
    if (row.disposed_by === ctx.actor.userId)
      throw ruleViolation([
        {
          code: 'SAME_OFFICER',
          field: 'reviewer',
          rule: '复核须由处置人以外的官员进行 (a disposal is reviewed by another officer)',
        },
      ]);
    if (input.decision === 'returned') {
      await updateWarning(trx, id, {
        status: 'assigned',
        reviewed_by: ctx.actor.userId,
        reviewed_at: ctx.now,
        review_note: input.note ?? null,
        updated_at: ctx.now,
      });
      return { note: input.note ?? null };
    }
    await updateWarning(trx, id, {
      status: 'closed',
      reviewed_by: ctx.actor.userId,
      reviewed_at: ctx.now,
      review_note: input.note ?? null,
      updated_at: ctx.now,
    });
    const effects = row.disposal === 'confirmed' ? await applyEffects(trx, ctx, row) : {};
    return { note: input.note ?? null, details: effects };
  });
}

/**
 * What a reviewed confirmation does: the negative list (the enterprise, the buyer or payer, or the buyers behind an
 * address or telephone — persons by the same keyed hash the clearance reads, so their next parcels go to
 * inspection), a credit event on the enterprise or on the sellers of the parcels (category risk_warning, once per
 * warning), and the referral (recorded in the history for the agency named).
 */
async function applyEffects(trx: Deps['db'], ctx: RequestContext, row: WarningRow) {
  const actions = (row.disposal_actions ?? {}) as Partial<Actions>;
  const e = (row.evidence ?? {}) as Evidence;
  const typology = WARNING_TYPOLOGY_NAMES[row.typology as WarningTypology] ?? {
    zh: row.typology,
    en: row.typology,
  };
  const reason = `风险预警${typology.zh} (${typology.en}) ${row.period}: ${row.disposal_note ?? ''}`.slice(
    0,
    1000,
  );
  const listed: string[] = [];
  if (actions.negativeList) {
    const subjects: { type: 'enterprise' | 'person'; key: string }[] =
      row.subject_type === 'enterprise'
        ? [{ type: 'enterprise', key: row.subject_key }]
        : row.subject_type === 'buyer' || row.subject_type === 'payer'
          ? [{ type: 'person', key: row.subject_key }]
          : (e.buyers ?? []).map((key) => ({ type: 'person' as const, key }));
    const authority = (await findOrganisation(trx, ctx.actor.orgId))?.name_zh ?? '海关';
    const orgs = new Map(
      (
        await organisationsByCode(
          trx,
          subjects.filter((s) => s.type === 'enterprise').map((s) => s.key),
        )
      ).map((o) => [o.code, o]),
    );
    for (const s of subjects) {
      if (await findNegativeEntry(trx, { subjectKey: s.key, active: true })) continue;
      const entryId = newId();
      await insertNegativeEntry(trx, {
        id: entryId,
        subject_type: s.type,
        subject_key: s.key,
        subject_name:
          s.type === 'enterprise'
            ? (orgs.get(s.key)?.name_zh ?? s.key)
            : '风险预警涉及个人 (person in a risk warning)',
        reason,
        authority,
        listed_at: ctx.now,
        valid_until: null,
        listed_by: row.disposed_by,
      });
      await appendAudit(trx, ctx, {
        action: 'negative_list.add',
        targetType: 'negative_list',
        targetId: entryId,
        targetOrgId: null,
        after: { subjectType: s.type, warning: row.id },
      });
      listed.push(entryId);
    }
  }
  const credited: string[] = [];
  if (actions.creditEvent) {
    const codes = row.subject_type === 'enterprise' ? [row.subject_key] : (e.sellers ?? []);
    for (const code of codes) {
      await recordPlatformEvent(trx, ctx, {
        orgCode: code,
        category: 'risk_warning',
        reference: `risk_warning:${row.id}`,
        description: reason,
      });
      credited.push(code);
    }
  }
  return {
    negativeListEntries: listed.length,
    creditEvents: credited,
    ...(actions.referral ? { referral: actions.referral } : {}),
  };
}

/** The scan from the web app or the API: a customs officer, at most 92 days (the CLI is not bounded). */
export async function scanRiskWarningsRequest(
  deps: Deps,
  ctx: RequestContext,
  input: { from: string; to: string },
) {
  requireRisk(ctx, 'update');
  const days = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000 + 1;
  if (days > 92)
    throw ruleViolation([
      {
        code: 'RANGE_TOO_LONG',
        field: 'to',
        rule: '扫描区间最长92天 (a scan covers at most 92 days)',
        expected: '≤ 92 days',
        actual: `${days} days`,
      },
    ]);
  return scanWarnings(deps, ctx, input);
}
