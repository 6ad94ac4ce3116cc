import type { TErrorDetail, TPasswordChanged, TUser } from '@crossgate/contract';
import {
  PASSWORD_MIN_LENGTH,
  inScope,
  passwordProblems,
  passwordRuleLine,
  scopeFor,
  type PasswordRule,
} from '@crossgate/domain';
import { AppError, forbidden, notFound } from '../errors.ts';
import { appendAudit } from '../repositories/audit.ts';
import { revokeOtherSessions } from '../repositories/sessions.ts';
import { findUser, replacePassword, requirePasswordChange } from '../repositories/users.ts';
import type { Deps, RequestContext } from './context.ts';
import { hashPassword, sha256, verifyPassword } from './credentials.ts';
import { toUser } from './mappers.ts';

/**
 * Passwords after sign-in (docs/decisions/0022-closed-by-default.md): a person changes their own, proving the
 * current one; an administrator can require a change at the next sign-in.
 */

/** One detail per broken rule, on the field that carries the password. */
export function passwordDetails(field: string, password: string, problems: PasswordRule[]): TErrorDetail[] {
  const length = [...password].length;
  return problems.map((rule) => ({
    field,
    rule: passwordRuleLine(rule),
    ...(rule === 'PASSWORD_TOO_SHORT'
      ? { expected: `≥ ${PASSWORD_MIN_LENGTH} characters`, actual: `${length} characters` }
      : {}),
  }));
}

/**
 * Checks a password an operator or a configuration sets (not typed by its user): the same rules, VALIDATION_FAILED
 * on `field` when one is broken.
 */
export function assertStrongPassword(field: string, password: string, username?: string): void {
  const problems = passwordProblems(password, { username });
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', passwordDetails(field, password, problems));
}

/**
 * The signed-in person replaces their password. The current one must be given (a session left open on a shared
 * desk does not let someone else take the account); the new one must pass the password rules. Every other session
 * of the user is signed out, the administrator's demand for a change (if any) is settled, and the change is
 * audited. A wrong current password is audited too, and counted like a failed sign-in (rate limits).
 */
export async function changeOwnPassword(
  deps: Deps,
  ctx: RequestContext,
  sessionToken: string,
  input: { currentPassword: string; newPassword: string },
): Promise<TPasswordChanged> {
  if (ctx.actor.via !== 'session' || !ctx.actor.userId)
    throw new AppError('FORBIDDEN', [
      { field: 'Authorization', rule: 'a person changes their own password, signed in; API keys have none' },
    ]);
  const user = await findUser(deps.db, ctx.actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const details: TErrorDetail[] = [];
  const currentOk = await verifyPassword(user.password_hash, input.currentPassword);
  if (!currentOk)
    details.push({ field: 'currentPassword', rule: passwordRuleLine('CURRENT_PASSWORD_WRONG') });
  const problems = passwordProblems(input.newPassword, {
    username: user.username,
    current: currentOk ? input.currentPassword : undefined,
  });
  details.push(...passwordDetails('newPassword', input.newPassword, problems));
  if (!currentOk)
    await appendAudit(deps.db, ctx, {
      action: 'user.password_change_refused',
      targetType: 'user',
      targetId: user.id,
      targetOrgId: user.org_id,
      after: { reason: 'CURRENT_PASSWORD_WRONG' },
    });
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', details);
  const hash = await hashPassword(input.newPassword);
  return deps.db.transaction().execute(async (trx) => {
    await replacePassword(trx, user.id, hash, ctx.now);
    const revokedSessions = await revokeOtherSessions(trx, user.id, sha256(sessionToken), ctx.now);
    await appendAudit(trx, ctx, {
      action: 'user.password_change',
      targetType: 'user',
      targetId: user.id,
      targetOrgId: user.org_id,
      after: { revokedSessions, wasRequired: user.must_change_password },
    });
    return { revokedSessions };
  });
}

/**
 * An administrator (of the user's organisation, or of the zone office) requires the user to choose a new password:
 * from the next request on, the user's sessions reach only the change-password endpoint, who-am-I and sign-out,
 * and the web app opens the change form right after sign-in.
 */
export async function requireUserPasswordChange(
  deps: Deps,
  ctx: RequestContext,
  userId: string,
): Promise<TUser> {
  const scope = scopeFor(ctx.actor, 'user', 'update');
  if (scope.kind === 'none') throw forbidden('only organisation administrators manage users');
  const user = await findUser(deps.db, userId);
  if (!user || !inScope(scope, user.org_id)) throw notFound('id', userId);
  return deps.db.transaction().execute(async (trx) => {
    const updated = await requirePasswordChange(trx, user.id, ctx.now);
    await appendAudit(trx, ctx, {
      action: 'user.password_change_required',
      targetType: 'user',
      targetId: user.id,
      targetOrgId: user.org_id,
      after: { mustChangePassword: true },
    });
    return toUser(updated);
  });
}
