import type { TEnterpriseFiling, TEnterpriseFilingInput, TPage } from '@crossgate/contract';
import type { FilingStatus } from '@crossgate/db';
import {
  checkEnterpriseFiling,
  checkFilingDecision,
  checkFilingTransition,
  scopeFor,
  type FilingStatus as DomainFilingStatus,
} from '@crossgate/domain';
import { conflict, forbidden, notFound, ruleViolation } from '../../errors.ts';
import { appendAudit } from '../../repositories/audit.ts';
import {
  findFiling,
  insertFiling,
  listFilings as listRows,
  openFilingOf,
  setOrganisationFiling,
  updateFiling,
  type FilingRow,
} from '../../repositories/filings.ts';
import { listedAmong } from '../../repositories/negative-list.ts';
import { findOrganisation } from '../../repositories/organisations.ts';
import { newId } from '../auth.ts';
import type { Deps, RequestContext } from '../context.ts';
import { forgetSender } from '../import/accept-message.ts';
import { pageWindow } from '../mappers.ts';
import { refreshScore } from '../credit/credit.ts';

/**
 * Enterprise filing (企业备案, seed §二(一)1): an enterprise applies for its roles with its USCC, customs code,
 * legal representative, contacts and documents; a customs officer verifies the identity and approves or
 * rejects with reasons; approved filings may later be suspended, reinstated or revoked. Approval grants the
 * roles the gateway checks; a negative-listed enterprise cannot file (事前准入禁止).
 */

const view = (f: FilingRow): TEnterpriseFiling => ({
  id: f.id,
  orgId: f.org_id,
  uscc: f.uscc,
  customsCode: f.customs_code,
  nameZh: f.name_zh,
  ...(f.name_en ? { nameEn: f.name_en } : {}),
  roles: f.roles as TEnterpriseFiling['roles'],
  legalRep: f.legal_rep,
  address: f.address,
  contacts: f.contacts.map((c) => ({ name: c.name, phone: c.phone, ...(c.email ? { email: c.email } : {}) })),
  documents: f.documents,
  status: f.status,
  reasons: (f.reasons as unknown[]).map(String),
  identityVerifiedAt: f.identity_verified_at?.toISOString() ?? null,
  submittedAt: f.submitted_at?.toISOString() ?? null,
  decidedAt: f.decided_at?.toISOString() ?? null,
  createdAt: f.created_at.toISOString(),
  updatedAt: f.updated_at.toISOString(),
});

function scope(ctx: RequestContext, action: 'read' | 'create' | 'update') {
  const s = scopeFor(ctx.actor, 'filing', action);
  if (s.kind === 'none') throw forbidden('filings are made by enterprises and reviewed by customs officers');
  return s;
}

/** A negative-listed enterprise may not file (事前准入禁止). */
async function refuseListed(deps: Deps, input: { uscc: string; customsCode: string }) {
  const listed = await listedAmong(deps.db, [input.uscc, input.customsCode].filter(Boolean));
  if (listed.size > 0)
    throw ruleViolation([
      {
        code: 'NEGATIVE_LISTED',
        field: 'uscc',
        rule: '列入信用负面清单的企业不予备案（事前准入禁止） (an enterprise on the credit negative list cannot file)',
        actual: [...listed].join(','),
      },
    ]);
}

/** Saves the enterprise's draft filing (creates one, or edits the open draft or rejected filing). */
export async function saveFiling(
  deps: Deps,
  ctx: RequestContext,
  input: TEnterpriseFilingInput,
): Promise<TEnterpriseFiling> {
  const s = scope(ctx, 'create');
  if (s.kind !== 'own') throw forbidden('an enterprise files for itself');
  const errors = checkEnterpriseFiling(input);
  if (errors.length > 0) throw ruleViolation(errors);
  return deps.db.transaction().execute(async (trx) => {
    const open = await openFilingOf(trx, ctx.actor.orgId);
    if (open?.status === 'submitted')
      throw conflict('status', '备案已提交，审核中不能修改 (submitted, under review)', open.id);
    const fields = {
      uscc: input.uscc,
      customs_code: input.customsCode,
      name_zh: input.nameZh,
      name_en: input.nameEn ?? null,
      roles: input.roles,
      legal_rep: input.legalRep,
      address: input.address,
      contacts: JSON.stringify(input.contacts),
      documents: JSON.stringify(input.documents),
      updated_at: ctx.now,
    };
    const id = open?.id ?? newId();
    if (open) await updateFiling(trx, id, { ...fields, status: 'draft' });
    else
      await insertFiling(trx, {
        id,
        org_id: ctx.actor.orgId,
        ...fields,
        status: 'draft',
        reasons: '[]',
        identity_verified_at: null,
        reviewed_by: null,
        submitted_at: null,
        decided_at: null,
        created_at: ctx.now,
      });
    const row = (await findFiling(trx, id)) as FilingRow;
    await appendAudit(trx, ctx, {
      action: open ? 'filing.update' : 'filing.create',
      targetType: 'enterprise_filing',
      targetId: id,
      targetOrgId: ctx.actor.orgId,
      ...(open ? { before: view(open) } : {}),
      after: view(row),
    });
    return view(row);
  });
}

async function visible(deps: Deps, ctx: RequestContext, id: string, action: 'read' | 'create' | 'update') {
  const s = scope(ctx, action);
  const row = await findFiling(deps.db, id);
  if (!row || (s.kind === 'own' && row.org_id !== s.orgId)) throw notFound('id', id);
  return row;
}

export async function getFiling(deps: Deps, ctx: RequestContext, id: string): Promise<TEnterpriseFiling> {
  return view(await visible(deps, ctx, id, 'read'));
}

export async function listFilings(
  deps: Deps,
  ctx: RequestContext,
  query: { status?: string | undefined; q?: string | undefined; page: number; pageSize: number },
): Promise<TPage<TEnterpriseFiling>> {
  const s = scope(ctx, 'read');
  const { rows, total } = await listRows(
    deps.db,
    { ...(s.kind === 'own' ? { orgId: s.orgId } : {}), status: query.status, q: query.q },
    pageWindow(query),
  );
  return { items: rows.map(view), total, page: query.page, pageSize: query.pageSize };
}

/** The enterprise submits its draft (or its corrected rejected filing) for review. */
export async function submitFiling(deps: Deps, ctx: RequestContext, id: string): Promise<TEnterpriseFiling> {
  const before = await visible(deps, ctx, id, 'create');
  const errors = checkFilingTransition(before.status as DomainFilingStatus, 'submitted', 'enterprise');
  if (errors.length > 0) throw ruleViolation(errors);
  await refuseListed(deps, { uscc: before.uscc, customsCode: before.customs_code });
  return deps.db.transaction().execute(async (trx) => {
    await updateFiling(trx, id, { status: 'submitted', submitted_at: ctx.now, updated_at: ctx.now });
    const org = await findOrganisation(trx, before.org_id);
    if (org && org.filing_status !== 'approved')
      await setOrganisationFiling(trx, before.org_id, { filing_status: 'submitted' }, ctx.now);
    const after = (await findFiling(trx, id)) as FilingRow;
    await appendAudit(trx, ctx, {
      action: 'filing.submit',
      targetType: 'enterprise_filing',
      targetId: id,
      targetOrgId: before.org_id,
      before: view(before),
      after: view(after),
    });
    return view(after);
  });
}

const TARGET: Record<string, DomainFilingStatus> = {
  approve: 'approved',
  reject: 'rejected',
  suspend: 'suspended',
  reinstate: 'approved',
  revoke: 'revoked',
};

/**
 * An officer decides: approve (identity verified; the organisation gets the roles and may declare), reject
 * with reasons, or later suspend / reinstate / revoke (the gateway refuses a suspended or revoked sender).
 */
export async function decideFiling(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: { decision: keyof typeof TARGET; reasons: string[]; identityVerified: boolean },
): Promise<TEnterpriseFiling> {
  const before = await visible(deps, ctx, id, 'update');
  const to = TARGET[input.decision] as DomainFilingStatus;
  const errors = [
    ...checkFilingTransition(before.status as DomainFilingStatus, to, 'officer'),
    ...checkFilingDecision({
      to,
      reasons: input.reasons,
      identityVerified: input.identityVerified || before.identity_verified_at !== null,
    }),
  ];
  if (errors.length > 0) throw ruleViolation(errors);
  if (to === 'approved') await refuseListed(deps, { uscc: before.uscc, customsCode: before.customs_code });
  const result = await deps.db.transaction().execute(async (trx) => {
    await updateFiling(trx, id, {
      status: to,
      reasons: JSON.stringify(input.reasons),
      reviewed_by: ctx.actor.userId,
      decided_at: ctx.now,
      updated_at: ctx.now,
      ...(input.identityVerified && !before.identity_verified_at ? { identity_verified_at: ctx.now } : {}),
    });
    const org = await findOrganisation(trx, before.org_id);
    // A rejected re-filing leaves an approved enterprise approved (for the roles it had).
    const status = (
      to === 'rejected' ? (org?.filing_status === 'approved' ? 'approved' : 'rejected') : to
    ) as FilingStatus;
    await setOrganisationFiling(
      trx,
      before.org_id,
      {
        filing_status: status,
        ...(to === 'approved'
          ? { enterprise_roles: before.roles, uscc: before.uscc, name_zh: before.name_zh }
          : {}),
      },
      ctx.now,
    );
    const after = (await findFiling(trx, id)) as FilingRow;
    await appendAudit(trx, ctx, {
      action: `filing.${input.decision}`,
      targetType: 'enterprise_filing',
      targetId: id,
      targetOrgId: before.org_id,
      before: view(before),
      after: view(after),
    });
    if (to === 'approved') await refreshScore(trx, ctx, before.org_id);
    return view(after);
  });
  forgetSender(before.org_id);
  return result;
}
