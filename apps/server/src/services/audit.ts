import type { TAuditEntry, TPage, TPageQuery } from '@crossgate/contract';
import { scopeFor } from '@crossgate/domain';
import { forbidden } from '../errors.ts';
import { listAudit, type AuditFilter } from '../repositories/audit.ts';
import type { Deps, RequestContext } from './context.ts';
import { pageWindow, toAuditEntry } from './mappers.ts';

/** The audit trail a role may read: its own organisation's (as actor or as owner of the record), or all. */
export async function readAuditTrail(
  deps: Deps,
  ctx: RequestContext,
  query: TPageQuery & AuditFilter,
): Promise<TPage<TAuditEntry>> {
  const scope = scopeFor(ctx.actor, 'audit', 'read');
  if (scope.kind === 'none')
    throw forbidden('the audit trail is read by organisation administrators, customs and the zone office');
  const { rows, total } = await listAudit(deps.db, scope, query, pageWindow(query));
  return { items: rows.map(toAuditEntry), total, page: query.page, pageSize: query.pageSize };
}
