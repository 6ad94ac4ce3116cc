import type { TOrganisation, TPage, TPageQuery } from '@crossgate/contract';
import { inScope, scopeFor } from '@crossgate/domain';
import { forbidden, notFound } from '../errors.ts';
import { findOrganisation, listOrganisations as listRows } from '../repositories/organisations.ts';
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
