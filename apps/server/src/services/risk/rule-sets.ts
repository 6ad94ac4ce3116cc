import type {
  TPage,
  TRiskFeature,
  TRiskRuleSetDiff,
  TRiskRuleSetInput,
  TRiskRuleSetSummary,
  TRiskRuleSetVersion,
} from '@crossgate/contract';
import {
  FEATURES,
  checkRuleSet,
  diffRuleSets,
  ruleSetErrors,
  scopeFor,
  type FeatureSpec,
  type RiskRuleSet,
} from '@crossgate/domain';
import { conflict, forbidden, notFound, ruleViolation } from '../../errors.ts';
import { appendAudit } from '../../repositories/audit.ts';
import {
  findRuleSet,
  insertRuleSet,
  listRuleSets,
  lockRuleSets,
  publishedRuleSet,
  setRuleSetStatus,
  type RuleSetRow,
} from '../../repositories/risk.ts';
import { newId } from '../auth.ts';
import type { Deps, RequestContext } from '../context.ts';
import { pageWindow } from '../mappers.ts';

/**
 * 风险防控 rule sets (issue 19, decision 0042): drafts checked by the domain at save time, published by a customs
 * officer (audited, retiring the version published before), retired; never edited once saved — a change is a
 * new draft, so every decision names a body that still exists as it was.
 */

type SummaryRow = Omit<RuleSetRow, 'body'>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const summaryOf = (r: SummaryRow): TRiskRuleSetSummary => ({
  id: r.id,
  version: r.version,
  name: r.name,
  status: r.status,
  authorUserId: r.author_user_id,
  effectiveFrom: iso(r.effective_from),
  createdAt: r.created_at.toISOString(),
  publishedAt: iso(r.published_at),
  publishedBy: r.published_by,
  retiredAt: iso(r.retired_at),
  retiredBy: r.retired_by,
  shadow: r.shadow,
});

const versionOf = (r: RuleSetRow): TRiskRuleSetVersion => ({ ...summaryOf(r), body: r.body });

function requireScope(ctx: RequestContext, action: 'read' | 'create' | 'update') {
  const s = scopeFor(ctx.actor, 'risk_rule', action);
  if (s.kind === 'none')
    throw forbidden(
      action === 'read'
        ? '风险规则仅海关查阅 (risk rules are read by customs)'
        : '风险规则由海关关员起草、发布、停用 (customs officers draft, publish and retire risk rules)',
    );
}

/** The body checked by the domain; a refusal names each field under `body.` with the reason zh (en). */
export function checkedBody(body: unknown, prefix = 'body'): RiskRuleSet {
  const check = checkRuleSet(body);
  if (!check.ok)
    throw ruleViolation(
      ruleSetErrors(check.issues).map((e) => ({
        ...e,
        field: e.field === '(rule set)' ? prefix : `${prefix}.${e.field}`,
      })),
    );
  return check.value;
}

export async function listRiskRuleSets(
  deps: Deps,
  ctx: RequestContext,
  query: { status?: 'draft' | 'published' | 'retired' | undefined; page: number; pageSize: number },
): Promise<TPage<TRiskRuleSetSummary>> {
  requireScope(ctx, 'read');
  const { rows, total } = await listRuleSets(deps.db, { status: query.status }, pageWindow(query));
  return { items: rows.map(summaryOf), total, page: query.page, pageSize: query.pageSize };
}

export async function getRiskRuleSet(
  deps: Deps,
  ctx: RequestContext,
  id: string,
): Promise<TRiskRuleSetVersion> {
  requireScope(ctx, 'read');
  const row = await findRuleSet(deps.db, id);
  if (!row) throw notFound('id', id);
  return versionOf(row);
}

export async function createRiskDraft(
  deps: Deps,
  ctx: RequestContext,
  input: TRiskRuleSetInput,
): Promise<TRiskRuleSetVersion> {
  requireScope(ctx, 'create');
  const body = checkedBody(input.body);
  return deps.db.transaction().execute(async (trx) => {
    await lockRuleSets(trx);
    const id = newId();
    await insertRuleSet(trx, {
      id,
      name: input.name,
      status: 'draft',
      author_user_id: ctx.actor.userId,
      author_org_id: ctx.actor.via === 'system' ? null : ctx.actor.orgId,
      effective_from: input.effectiveFrom ? new Date(input.effectiveFrom) : null,
      body,
      created_at: ctx.now,
    });
    const row = (await findRuleSet(trx, id)) as RuleSetRow;
    await appendAudit(trx, ctx, {
      action: 'risk_rule_set.create',
      targetType: 'risk_rule_set',
      targetId: id,
      targetOrgId: null,
      after: summaryOf(row),
    });
    return versionOf(row);
  });
}

/** Publishes a draft: the version published before is retired in the same transaction; both are audited. */
export async function publishRiskRuleSet(
  deps: Deps,
  ctx: RequestContext,
  id: string,
): Promise<TRiskRuleSetVersion> {
  requireScope(ctx, 'update');
  return deps.db.transaction().execute(async (trx) => {
    await lockRuleSets(trx);
    const row = await findRuleSet(trx, id);
    if (!row) throw notFound('id', id);
    if (row.status !== 'draft')
      throw conflict('status', '只有草稿可以发布 (only a draft can be published)', row.status);
    checkedBody(row.body);
    const live = await publishedRuleSet(trx);
    if (live) {
      await setRuleSetStatus(trx, live.id, {
        status: 'retired',
        retired_at: ctx.now,
        retired_by: ctx.actor.userId,
      });
      await appendAudit(trx, ctx, {
        action: 'risk_rule_set.retire',
        targetType: 'risk_rule_set',
        targetId: live.id,
        targetOrgId: null,
        before: summaryOf(live),
        after: summaryOf((await findRuleSet(trx, live.id)) as RuleSetRow),
      });
    }
    await setRuleSetStatus(trx, id, {
      status: 'published',
      published_at: ctx.now,
      published_by: ctx.actor.userId,
    });
    const after = (await findRuleSet(trx, id)) as RuleSetRow;
    await appendAudit(trx, ctx, {
      action: 'risk_rule_set.publish',
      targetType: 'risk_rule_set',
      targetId: id,
      targetOrgId: null,
      before: summaryOf(row),
      after: { ...summaryOf(after), replaces: live ? { id: live.id, version: live.version } : null },
    });
    return versionOf(after);
  });
}

/** Retires a draft or the published version (then no version is live until another is published). */
export async function retireRiskRuleSet(
  deps: Deps,
  ctx: RequestContext,
  id: string,
): Promise<TRiskRuleSetVersion> {
  requireScope(ctx, 'update');
  return deps.db.transaction().execute(async (trx) => {
    await lockRuleSets(trx);
    const row = await findRuleSet(trx, id);
    if (!row) throw notFound('id', id);
    if (row.status === 'retired')
      throw conflict('status', '该版本已停用 (this version is already retired)', row.status);
    await setRuleSetStatus(trx, id, { status: 'retired', retired_at: ctx.now, retired_by: ctx.actor.userId });
    const after = (await findRuleSet(trx, id)) as RuleSetRow;
    await appendAudit(trx, ctx, {
      action: 'risk_rule_set.retire',
      targetType: 'risk_rule_set',
      targetId: id,
      targetOrgId: null,
      before: summaryOf(row),
      after: summaryOf(after),
    });
    return versionOf(after);
  });
}

/** What changed from version `against` to version `id`. */
export async function diffRiskRuleSets(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  against: string,
): Promise<TRiskRuleSetDiff> {
  requireScope(ctx, 'read');
  const [to, from] = await Promise.all([findRuleSet(deps.db, id), findRuleSet(deps.db, against)]);
  if (!to) throw notFound('id', id);
  if (!from) throw notFound('against', against);
  return {
    from: { id: from.id, version: from.version },
    to: { id: to.id, version: to.version },
    ...diffRuleSets(checkedBody(from.body), checkedBody(to.body)),
  };
}

/** The feature catalogue rules may test (domain risk/features.ts). */
export function riskFeatures(ctx: RequestContext): TRiskFeature[] {
  requireScope(ctx, 'read');
  return Object.entries(FEATURES as Record<string, FeatureSpec>).map(([name, f]) => ({
    name,
    type: f.type,
    unit: f.unit,
    min: f.min ?? null,
    max: f.max ?? null,
    zh: f.zh,
    en: f.en,
  }));
}
