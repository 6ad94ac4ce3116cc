import type { TCreateOrganisation, TOrganisation, TPage, TPageQuery } from '@crossgate/contract';
import { checkOrganisationRegistration, inScope, scopeFor } from '@crossgate/domain';
import { conflict, forbidden, notFound, ruleViolation } from '../errors.ts';
import { appendAudit } from '../repositories/audit.ts';
import {
  findOrganisation,
  findOrganisationByCode,
  insertOrganisation,
  listOrganisations as listRows,
} from '../repositories/organisations.ts';
import { findDefaultZone } from '../repositories/zone.ts';
import { newId } from './auth.ts';
import type { Deps, RequestContext } from './context.ts';
import { pageWindow, toOrganisation } from './mappers.ts';

export async function listOrganisations(
  deps: Deps,
  ctx: RequestContext,
  query: TPageQuery & { q?: string | undefined; kind?: string | undefined },
): Promise<TPage<TOrganisation>> {
  const scope = scopeFor(ctx.actor, 'organisation', 'read');
  if (scope.kind === 'none') throw forbidden('may not browse organisations');
  const { rows, total } = await listRows(deps.db, query, pageWindow(query));
  const items = rows.filter((o) => inScope(scope, o.id)).map(toOrganisation);
  return {
    items,
    total: scope.kind === 'all' ? total : items.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getOrganisation(deps: Deps, ctx: RequestContext, id: string): Promise<TOrganisation> {
  const scope = scopeFor(ctx.actor, 'organisation', 'read');
  const org = await findOrganisation(deps.db, id);
  if (!org || !inScope(scope, org.id)) throw notFound('id', id);
  return toOrganisation(org);
}

/** Registers a party of the window (zone office administrators; the operator CLI). */
export async function createOrganisation(
  deps: Deps,
  ctx: RequestContext,
  input: TCreateOrganisation,
): Promise<TOrganisation> {
  if (scopeFor(ctx.actor, 'organisation', 'create').kind === 'none')
    throw forbidden('organisations are registered by the zone office');
  const errors = checkOrganisationRegistration(input);
  const zone = await findDefaultZone(deps.db);
  if (input.parkCode && !zone?.parks.some((p) => p.code === input.parkCode)) {
    errors.push({
      code: 'PARK_UNKNOWN',
      field: 'parkCode',
      rule: 'a park of the zone',
      expected: zone?.parks.map((p) => p.code).join(', ') ?? '(no zone)',
      actual: input.parkCode,
    });
  }
  if (errors.length > 0) throw ruleViolation(errors);
  return deps.db.transaction().execute(async (trx) => {
    if (await findOrganisationByCode(trx, input.code))
      throw conflict('code', 'organisation codes are unique', input.code);
    const row = {
      id: newId(),
      code: input.code,
      uscc: input.uscc ?? null,
      name_zh: input.nameZh,
      name_en: input.nameEn ?? null,
      kind: input.kind,
      enterprise_roles: [...input.enterpriseRoles],
      agency_type: input.agencyType ?? null,
      zone_code: zone?.zone.code ?? null,
      park_code: input.parkCode ?? null,
      created_at: ctx.now,
      updated_at: ctx.now,
    };
    await insertOrganisation(trx, row);
    const created = await findOrganisation(trx, row.id);
    if (!created) throw new Error('organisation vanished inside its own transaction');
    const after = toOrganisation(created);
    await appendAudit(trx, ctx, {
      action: 'organisation.create',
      targetType: 'organisation',
      targetId: row.id,
      targetOrgId: row.id,
      after,
    });
    return after;
  });
}
