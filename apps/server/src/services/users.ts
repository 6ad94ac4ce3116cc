import type { TCreateUser, TPage, TPageQuery, TUser } from '@crossgate/contract';
import { inScope, scopeFor } from '@crossgate/domain';
import { AppError, conflict, forbidden, notFound } from '../errors.ts';
import { appendAudit } from '../repositories/audit.ts';
import { findOrganisation } from '../repositories/organisations.ts';
import { findUserInOrg, insertUser, listUsers as listUserRows } from '../repositories/users.ts';
import { newId } from './auth.ts';
import type { Deps, RequestContext } from './context.ts';
import { hashPassword } from './credentials.ts';
import { assertStrongPassword } from './passwords.ts';
import { pageWindow, toUser } from './mappers.ts';

export async function listUsers(
  deps: Deps,
  ctx: RequestContext,
  page: TPageQuery,
  orgId?: string,
): Promise<TPage<TUser>> {
  const scope = scopeFor(ctx.actor, 'user', 'read');
  if (scope.kind === 'none') throw forbidden('only organisation administrators manage users');
  if (orgId !== undefined && !inScope(scope, orgId)) throw notFound('orgId', orgId);
  const { rows, total } = await listUserRows(
    deps.db,
    scope.kind === 'own' ? scope.orgId : (orgId ?? null),
    pageWindow(page),
  );
  return { items: rows.map(toUser), total, page: page.page, pageSize: page.pageSize };
}

/**
 * Creates a user in the caller's organisation (zone administrators and the operator CLI: in any). Usernames
 * are unique per organisation (decision 0024): the answer depends only on the organisation's own users, which
 * its administrator lists anyway — never on whether another organisation uses the name.
 */
export async function createUser(deps: Deps, ctx: RequestContext, input: TCreateUser): Promise<TUser> {
  const scope = scopeFor(ctx.actor, 'user', 'create');
  if (scope.kind === 'none') throw forbidden('only organisation administrators manage users');
  const orgId = input.orgId ?? ctx.actor.orgId;
  if (scope.kind === 'own' && orgId !== scope.orgId) throw notFound('orgId', orgId);
  if (!(await findOrganisation(deps.db, orgId))) throw notFound('orgId', orgId);
  if (await findUserInOrg(deps.db, orgId, input.username))
    throw conflict('username', 'usernames are unique within an organisation', input.username);
  // The same password rules as a person's own change (decision 0022): an administrator's choice is no weaker.
  assertStrongPassword('password', input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, {
      id: newId(),
      org_id: orgId,
      username: input.username,
      display_name: input.displayName,
      password_hash: passwordHash,
      roles: input.roles,
      locale: input.locale,
      now: ctx.now,
    });
    const after = toUser(user);
    await appendAudit(trx, ctx, {
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      targetOrgId: orgId,
      after,
    });
    return after;
  });
}

export function requireSession(ctx: RequestContext): void {
  if (ctx.actor.via === 'api_key')
    throw new AppError('FORBIDDEN', [
      { field: 'Authorization', rule: 'this action needs a signed-in person, not an API key' },
    ]);
}
