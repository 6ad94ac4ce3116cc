import type { TAuthorisation, TAuthorisationQuery, TPage } from '@crossgate/contract';
import {
  authorisationInForce,
  checkAuthorisationGrant,
  scopeFor,
  type AuthorisationRole,
} from '@crossgate/domain';
import { conflict, forbidden, notFound, ruleViolation } from '../../errors.ts';
import { appendAudit } from '../../repositories/audit.ts';
import {
  findAuthorisation,
  grantedAuthorisationOf,
  insertAuthorisation,
  listAuthorisations as listRows,
  revokeAuthorisation as revokeRow,
  type AuthorisationRow,
} from '../../repositories/authorisations.ts';
import { findOrganisation, findOrganisationByAnyCode } from '../../repositories/organisations.ts';
import { newId } from '../auth.ts';
import type { Deps, RequestContext } from '../context.ts';
import { todayOf } from '../credit/credit.ts';
import { pageWindow } from '../mappers.ts';
import { forgetAuthorisations } from '../party-binding.ts';

/**
 * 代理申报授权 (decision 0018): an enterprise authorises another to name it, in one role, in the documents the
 * other declares (a seller its customs broker, as ebcCode; a platform an express operator that sends its
 * orders, as ebpCode …). The grantor's signed-in admin or operator grants and revokes; both parties, customs
 * and the zone office read; every change is audited. The CEB gateway refuses a document naming an enterprise
 * that has not authorised its sender (services/party-binding.ts).
 */

const view = (r: AuthorisationRow, today: string): TAuthorisation => ({
  id: r.id,
  grantor: { id: r.grantor_org_id, code: r.grantor_code, uscc: r.grantor_uscc, nameZh: r.grantor_name },
  grantee: { id: r.grantee_org_id, code: r.grantee_code, uscc: r.grantee_uscc, nameZh: r.grantee_name },
  role: r.role,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  status: r.status,
  inForce: authorisationInForce(
    { grantorCodes: [], role: r.role, status: r.status, validFrom: r.valid_from, validTo: r.valid_to },
    today,
  ),
  reason: r.reason,
  grantedBy: r.granted_by_name,
  grantedAt: r.granted_at.toISOString(),
  revokedBy: r.revoked_by_name,
  revokedAt: r.revoked_at?.toISOString() ?? null,
  revokeReason: r.revoke_reason,
});

function scope(ctx: RequestContext, action: 'read' | 'create' | 'update') {
  const s = scopeFor(ctx.actor, 'authorisation', action);
  if (s.kind === 'none')
    throw forbidden(
      action === 'read'
        ? 'authorisations are read by their two parties, customs officers and the zone office'
        : 'an enterprise’s signed-in administrator or operator grants and revokes its authorisations',
    );
  return s;
}

/** The authorisation if the caller may see it: customs and the zone office any, an enterprise its own. */
async function visible(deps: Deps, ctx: RequestContext, id: string, action: 'read' | 'update') {
  const s = scope(ctx, action);
  const row = await findAuthorisation(deps.db, id);
  if (!row || (s.kind === 'own' && row.grantor_org_id !== s.orgId && row.grantee_org_id !== s.orgId))
    throw notFound('id', id);
  return row;
}

export async function getAuthorisation(deps: Deps, ctx: RequestContext, id: string): Promise<TAuthorisation> {
  return view(await visible(deps, ctx, id, 'read'), todayOf(ctx.now));
}

export async function listAuthorisations(
  deps: Deps,
  ctx: RequestContext,
  query: TAuthorisationQuery,
): Promise<TPage<TAuthorisation>> {
  const s = scope(ctx, 'read');
  const { rows, total } = await listRows(
    deps.db,
    {
      ...(s.kind === 'own' ? { partyOrgId: s.orgId, direction: query.direction } : {}),
      role: query.role,
      status: query.status,
      inForceOn: query.inForceOn,
      grantorCode: query.grantorCode,
      granteeCode: query.granteeCode,
    },
    pageWindow(query),
  );
  const today = todayOf(ctx.now);
  return { items: rows.map((r) => view(r, today)), total, page: query.page, pageSize: query.pageSize };
}

/** The enterprise authorises another to name it in `role` from `validFrom` (default today). */
export async function grantAuthorisation(
  deps: Deps,
  ctx: RequestContext,
  input: {
    granteeCode: string;
    role: AuthorisationRole;
    validFrom?: string | undefined;
    validTo: string | null;
    reason: string;
  },
): Promise<TAuthorisation> {
  const s = scope(ctx, 'create');
  if (s.kind !== 'own') throw forbidden('an enterprise authorises in its own name');
  const grantor = await findOrganisation(deps.db, s.orgId);
  if (!grantor || grantor.kind !== 'enterprise') throw forbidden('only enterprises authorise');
  const grantee = await findOrganisationByAnyCode(deps.db, input.granteeCode);
  if (!grantee || grantee.kind !== 'enterprise')
    throw ruleViolation([
      {
        code: 'GRANTEE_UNKNOWN',
        field: 'granteeCode',
        rule: '被授权企业须为已登记的企业（海关编码或统一社会信用代码） (the grantee is a registered enterprise, by customs code or USCC)',
        actual: input.granteeCode,
      },
    ]);
  const today = todayOf(ctx.now);
  const validFrom = input.validFrom ?? today;
  const errors = checkAuthorisationGrant({
    grantorRoles: grantor.enterprise_roles,
    granteeIsGrantor: grantee.id === grantor.id,
    role: input.role,
    validFrom,
    validTo: input.validTo,
    today,
  });
  if (errors.length > 0) throw ruleViolation(errors);
  const id = newId();
  try {
    const row = await deps.db.transaction().execute(async (trx) => {
      const open = await grantedAuthorisationOf(trx, grantor.id, grantee.id, input.role);
      if (open)
        throw conflict(
          'role',
          '已有同一角色的授权，变更期限请先撤销原授权 (an authorisation of this role is already granted: revoke it first to change its period)',
          open.id,
        );
      await insertAuthorisation(trx, {
        id,
        grantor_org_id: grantor.id,
        grantee_org_id: grantee.id,
        role: input.role,
        valid_from: validFrom,
        valid_to: input.validTo,
        reason: input.reason,
        granted_by: ctx.actor.userId,
        granted_at: ctx.now,
      });
      const after = (await findAuthorisation(trx, id)) as AuthorisationRow;
      await appendAudit(trx, ctx, {
        action: 'authorisation.grant',
        targetType: 'declaration_authorisation',
        targetId: id,
        targetOrgId: grantor.id,
        after: view(after, today),
      });
      return after;
    });
    return view(row, today);
  } catch (error) {
    // Two grants racing: the unique index keeps one in force; the other is answered like the check above.
    if ((error as { code?: string }).code === '23505')
      throw conflict('role', '已有同一角色的授权 (an authorisation of this role is already granted)');
    throw error;
  } finally {
    forgetAuthorisations(grantee.id);
  }
}

/** The grantor withdraws an authorisation; documents the grantee sends from now on are refused. */
export async function revokeAuthorisation(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  reason: string,
): Promise<TAuthorisation> {
  const before = await visible(deps, ctx, id, 'update');
  const s = scope(ctx, 'update');
  if (s.kind === 'own' && before.grantor_org_id !== s.orgId)
    throw forbidden(
      '只有授权企业可以撤销授权 (only the enterprise that granted an authorisation revokes it)',
    );
  const today = todayOf(ctx.now);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      if (!(await revokeRow(trx, id, { userId: ctx.actor.userId, at: ctx.now, reason })))
        throw conflict('status', '授权已撤销 (already revoked)', id);
      const after = (await findAuthorisation(trx, id)) as AuthorisationRow;
      await appendAudit(trx, ctx, {
        action: 'authorisation.revoke',
        targetType: 'declaration_authorisation',
        targetId: id,
        targetOrgId: before.grantor_org_id,
        before: view(before, today),
        after: view(after, today),
      });
      return view(after, today);
    });
  } finally {
    forgetAuthorisations(before.grantee_org_id);
  }
}
