import type { TApiKey, TCreatedApiKey, TPage, TPageQuery } from '@crossgate/contract';
import { inScope, scopeFor } from '@crossgate/domain';
import { AppError, forbidden, notFound } from '../errors.ts';
import { DEFAULT_CAPS } from '../config.ts';
import {
  countActiveApiKeys,
  findApiKey,
  insertApiKey,
  listApiKeys as listKeyRows,
  revokeApiKey as revokeKeyRow,
} from '../repositories/api-keys.ts';
import { appendAudit } from '../repositories/audit.ts';
import { findOrganisation, lockOrganisation } from '../repositories/organisations.ts';
import { apiKeyActors, newId } from './auth.ts';
import type { Deps, RequestContext } from './context.ts';
import { newApiKey, sha256 } from './credentials.ts';
import { pageWindow, toApiKey } from './mappers.ts';

export async function listApiKeys(
  deps: Deps,
  ctx: RequestContext,
  page: TPageQuery,
  orgId?: string,
): Promise<TPage<TApiKey>> {
  const scope = scopeFor(ctx.actor, 'api_key', 'read');
  if (scope.kind === 'none') throw forbidden('API keys are managed by an enterprise administrator');
  if (orgId !== undefined && !inScope(scope, orgId)) throw notFound('orgId', orgId);
  const { rows, total } = await listKeyRows(
    deps.db,
    scope.kind === 'own' ? scope.orgId : (orgId ?? null),
    pageWindow(page),
  );
  return { items: rows.map(toApiKey), total, page: page.page, pageSize: page.pageSize };
}

/** Issues a key for the actor's enterprise. The whole key is returned once; only its hash is kept. */
export async function createApiKey(
  deps: Deps,
  ctx: RequestContext,
  input: { name: string; orgId?: string; scopes?: TApiKey['scopes'] | undefined },
): Promise<TCreatedApiKey> {
  const scope = scopeFor(ctx.actor, 'api_key', 'create');
  if (scope.kind === 'none') throw forbidden('API keys are issued to enterprises by their administrator');
  const orgId = input.orgId ?? ctx.actor.orgId;
  if (!inScope(scope, orgId)) throw notFound('orgId', orgId);
  // Keys are issued to enterprises for their systems (even by the system actor of the CLI); an agency's or the
  // zone office's work is done by signed-in people.
  const org = await findOrganisation(deps.db, orgId);
  if (!org) throw notFound('orgId', orgId);
  if (org.kind !== 'enterprise')
    throw new AppError('RULE_VIOLATION', [
      {
        field: 'orgId',
        rule: 'API keys are issued to enterprises',
        expected: 'enterprise',
        actual: org.kind,
      },
    ]);
  const { prefix, secret, key } = newApiKey();
  const cap = (deps.caps ?? DEFAULT_CAPS).apiKeys;
  return deps.db.transaction().execute(async (trx) => {
    await lockOrganisation(trx, orgId);
    const active = await countActiveApiKeys(trx, orgId);
    if (active >= cap)
      throw new AppError('API_KEY_LIMIT_REACHED', [
        {
          field: 'orgId',
          rule: `每个企业最多 ${cap} 个有效 API 密钥，请先吊销不用的密钥 / at most ${cap} active API keys per enterprise: revoke one it no longer uses first`,
          expected: `at most ${cap} active keys (CROSSGATE_MAX_API_KEYS)`,
          actual: `${active} active keys`,
        },
      ]);
    const row = await insertApiKey(trx, {
      id: newId(),
      orgId,
      name: input.name,
      prefix,
      secretHash: sha256(secret),
      scopes: input.scopes ? [...new Set(input.scopes)].sort() : null,
      createdBy: ctx.actor.userId,
      now: ctx.now,
    });
    const created = toApiKey(row);
    await appendAudit(trx, ctx, {
      action: 'api_key.create',
      targetType: 'api_key',
      targetId: row.id,
      targetOrgId: orgId,
      after: created,
    });
    return { ...created, secret: key };
  });
}

export async function revokeApiKey(deps: Deps, ctx: RequestContext, id: string): Promise<TApiKey> {
  const scope = scopeFor(ctx.actor, 'api_key', 'delete');
  if (scope.kind === 'none') throw forbidden('API keys are managed by an enterprise administrator');
  return deps.db.transaction().execute(async (trx) => {
    const existing = await findApiKey(trx, id);
    if (!existing || !inScope(scope, existing.org_id)) throw notFound('id', id);
    const revoked = await revokeKeyRow(trx, id, ctx.now);
    apiKeyActors.deleteWhere((actor) => actor.apiKeyId === id);
    if (!revoked) return toApiKey(existing); // already revoked: nothing changes, nothing to audit
    await appendAudit(trx, ctx, {
      action: 'api_key.revoke',
      targetType: 'api_key',
      targetId: id,
      targetOrgId: existing.org_id,
      before: toApiKey(existing),
      after: toApiKey(revoked),
    });
    return toApiKey(revoked);
  });
}
