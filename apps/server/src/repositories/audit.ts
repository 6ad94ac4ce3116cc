import { fetchPage } from './paging.ts';
import type { Database, Kysely } from '@crossgate/db';
import type { Scope } from '@crossgate/domain';
import type { RequestContext } from '../services/context.ts';

export interface AuditEvent {
  action: string;
  targetType: string;
  targetId: string;
  targetOrgId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one audit row. Call it with the transaction that makes the change, never after it. */
export async function appendAudit(
  trx: Kysely<Database>,
  ctx: RequestContext,
  event: AuditEvent,
): Promise<void> {
  await appendAuditMany(trx, ctx, [event]);
}

export async function appendAuditMany(
  trx: Kysely<Database>,
  ctx: RequestContext,
  events: AuditEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const { actor } = ctx;
  await trx
    .insertInto('audit_log')
    .values(
      events.map((e) => ({
        at: ctx.now,
        actor_user_id: actor.userId,
        actor_api_key_id: actor.apiKeyId,
        actor_org_id: actor.via === 'system' ? null : actor.orgId,
        actor_via: actor.via,
        action: e.action,
        target_type: e.targetType,
        target_id: e.targetId,
        target_org_id: e.targetOrgId,
        before: e.before === undefined ? null : JSON.stringify(e.before),
        after: e.after === undefined ? null : JSON.stringify(e.after),
        request_id: ctx.requestId,
        ip: ctx.ip,
      })),
    )
    .execute();
}

export interface AuditFilter {
  targetType?: string | undefined;
  targetId?: string | undefined;
  action?: string | undefined;
}

export async function listAudit(
  db: Kysely<Database>,
  scope: Scope,
  filter: AuditFilter,
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('audit_log');
  if (scope.kind === 'own')
    q = q.where((eb) => eb.or([eb('actor_org_id', '=', scope.orgId), eb('target_org_id', '=', scope.orgId)]));
  if (filter.targetType) q = q.where('target_type', '=', filter.targetType);
  if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
  if (filter.action) q = q.where('action', '=', filter.action);
  return fetchPage(q, (b) => b.selectAll().orderBy('id', 'desc'), page);
}
