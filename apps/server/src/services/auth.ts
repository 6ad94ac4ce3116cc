import { createHash, randomUUID } from 'node:crypto';
import type { Actor, AgencyType, ApiKeyScope, EnterpriseRole, UserRole } from '@crossgate/domain';
import type { TMe } from '@crossgate/contract';
import { AppError } from '../errors.ts';
import { appendAudit } from '../repositories/audit.ts';
import { findApiKeyByPrefix, touchApiKey } from '../repositories/api-keys.ts';
import { findOrganisation } from '../repositories/organisations.ts';
import { findLiveSession, insertSession, revokeSession } from '../repositories/sessions.ts';
import { findUser, findUsersByUsername, touchLogin } from '../repositories/users.ts';
import type { Deps, RequestContext } from './context.ts';
import { decoyHash, newSessionToken, parseApiKey, sameHash, sha256, verifyPassword } from './credentials.ts';
import { TtlCache } from './ttl-cache.ts';
import { toOrganisation, toUser } from './mappers.ts';

export interface LoginInput {
  /** The username, or `username@ORGCODE` to name the organisation (code or USCC) in one field. */
  username: string;
  password: string;
  /** The organisation's code or USCC, when the username is held in several organisations. */
  orgCode?: string | undefined;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  now: Date;
  ttlHours: number;
}

/**
 * The CSRF token of a session, for the double-submit cookie (OWASP CSRF Prevention Cheat Sheet, "signed
 * double-submit cookie"): derived from the session token, so it is bound to the session (a cookie planted by a
 * sibling subdomain cannot match) and nothing more is stored. It is readable by the page's script; SHA-256
 * does not give the session token back.
 */
export const csrfTokenOf = (sessionToken: string) =>
  createHash('sha256').update(`cg_csrf:${sessionToken}`).digest('base64url');

/** Users of one username tried at one sign-in without an organisation code (decision 0024). */
const CANDIDATES = 8;

/**
 * Who signs in: usernames are unique per organisation (decision 0024), so a username may be held in several.
 * With the organisation's code (`orgCode`, or `username@ORGCODE`) only that organisation's user is tried;
 * without it, every holder of the name (the oldest eight) is tried at once and the one whose password matches
 * signs in — the same answer and, the checks running in parallel, about the same time as for a name held
 * once. Two holders with the same password, or a name held in more than eight organisations, need the code.
 */
async function resolveLogin(deps: Deps, input: LoginInput) {
  const at = input.username.lastIndexOf('@');
  const username = input.orgCode === undefined && at > 0 ? input.username.slice(0, at) : input.username;
  const orgCode = input.orgCode ?? (at > 0 ? input.username.slice(at + 1) : undefined);
  const candidates = await findUsersByUsername(deps.db, username, { orgCode, limit: CANDIDATES });
  if (candidates.length === 0) {
    await verifyPassword(await decoyHash(), input.password);
    return undefined;
  }
  const verdicts = await Promise.all(candidates.map((u) => verifyPassword(u.password_hash, input.password)));
  const matching = candidates.filter((_, i) => verdicts[i]);
  if (matching.length > 1)
    throw new AppError('LOGIN_FAILED', [
      {
        field: 'orgCode',
        rule: '此用户名在多个机构使用，请同时填写机构代码 (this username is used in several organisations: give the organisation code, or sign in as username@ORGCODE)',
      },
    ]);
  return matching[0];
}

/**
 * Password login: on success a new session whose token goes into an HttpOnly cookie, and its CSRF token into
 * a script-readable one.
 */
export async function login(
  deps: Deps,
  input: LoginInput,
): Promise<{ token: string; csrfToken: string; expiresAt: Date; me: TMe }> {
  const user = await resolveLogin(deps, input);
  const org = user ? await findOrganisation(deps.db, user.org_id) : undefined;
  if (!user || !org || user.disabled_at !== null || org.status !== 'active') {
    throw new AppError('LOGIN_FAILED', [{ field: 'username', rule: 'an active user with this password' }]);
  }
  const token = newSessionToken();
  const expiresAt = new Date(input.now.getTime() + input.ttlHours * 3_600_000);
  const actor = actorOfUser(user.id, user.roles, org);
  const ctx: RequestContext = { actor, requestId: input.requestId, ip: input.ip, now: input.now };
  await deps.db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      tokenHash: sha256(token),
      userId: user.id,
      now: input.now,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await touchLogin(trx, user.id, input.now);
    await appendAudit(trx, ctx, {
      action: 'session.login',
      targetType: 'user',
      targetId: user.id,
      targetOrgId: org.id,
    });
  });
  return {
    token,
    csrfToken: csrfTokenOf(token),
    expiresAt,
    me: {
      via: 'session',
      user: toUser({ ...user, last_login_at: input.now }),
      organisation: toOrganisation(org),
    },
  };
}

export async function logout(deps: Deps, ctx: RequestContext, token: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (await revokeSession(trx, sha256(token), ctx.now)) {
      await appendAudit(trx, ctx, {
        action: 'session.logout',
        targetType: 'user',
        targetId: ctx.actor.userId ?? 'unknown',
        targetOrgId: ctx.actor.orgId,
      });
    }
  });
}

interface OrgFacts {
  id: string;
  kind: Actor['orgKind'];
  agency_type: string | null;
  enterprise_roles: string[];
}

function actorOfUser(userId: string, roles: string[], org: OrgFacts): Actor {
  return {
    via: 'session',
    userId,
    apiKeyId: null,
    orgId: org.id,
    orgKind: org.kind,
    agencyType: org.agency_type as AgencyType | null,
    enterpriseRoles: org.enterprise_roles as EnterpriseRole[],
    userRoles: roles as UserRole[],
  };
}

/** A live session: who it is, and whether an administrator requires a new password first. */
export interface LiveSession {
  actor: Actor;
  /** While true, the session reaches only the routes marked `duringPasswordChange` (decision 0022). */
  mustChangePassword: boolean;
}

/** The session behind a cookie, or undefined when it is unknown, expired or revoked. */
export async function sessionOf(deps: Deps, token: string, now: Date): Promise<LiveSession | undefined> {
  const s = await findLiveSession(deps.db, sha256(token), now);
  if (!s || s.disabled_at !== null || s.org_status !== 'active') return undefined;
  return {
    actor: actorOfUser(s.user_id, s.user_roles, {
      id: s.org_id,
      kind: s.org_kind,
      agency_type: s.agency_type,
      enterprise_roles: s.enterprise_roles,
    }),
    mustChangePassword: s.must_change_password,
  };
}

/**
 * Verified API keys, for ten seconds: machine traffic presents the same key thousands of times a second,
 * and each check would otherwise cost two database round trips. A revocation takes effect at once in the
 * process that revoked it and within ten seconds in the others.
 */
export const apiKeyActors = new TtlCache<Actor>(10_000);

/**
 * The actor behind an API key, or undefined when the key is unknown, wrong or revoked, or its organisation is
 * suspended or is not an enterprise (keys are issued to enterprises for their systems; a key row of any other
 * organisation, however it got there, authenticates nobody).
 */
export async function actorFromApiKey(deps: Deps, key: string, now: Date): Promise<Actor | undefined> {
  const cacheKey = sha256(key);
  const cached = apiKeyActors.get(cacheKey, now.getTime());
  if (cached) return cached;
  const parsed = parseApiKey(key);
  if (!parsed) return undefined;
  const k = await findApiKeyByPrefix(deps.db, parsed.prefix);
  if (
    !k ||
    k.revoked_at !== null ||
    k.org_status !== 'active' ||
    k.org_kind !== 'enterprise' ||
    !sameHash(k.secret_hash, sha256(parsed.secret))
  )
    return undefined;
  await touchApiKey(deps.db, k.id, now);
  return apiKeyActors.set(
    cacheKey,
    {
      via: 'api_key',
      userId: null,
      apiKeyId: k.id,
      orgId: k.org_id,
      orgKind: k.org_kind,
      agencyType: k.agency_type as AgencyType | null,
      enterpriseRoles: k.enterprise_roles as EnterpriseRole[],
      userRoles: [],
      keyScopes: (k.scopes as ApiKeyScope[] | null) ?? null,
    },
    now.getTime(),
  );
}

export async function me(deps: Deps, ctx: RequestContext): Promise<TMe> {
  const org = await findOrganisation(deps.db, ctx.actor.orgId);
  if (!org) throw new AppError('UNAUTHENTICATED');
  const user = ctx.actor.userId ? await findUser(deps.db, ctx.actor.userId) : undefined;
  return {
    via: ctx.actor.via === 'api_key' ? 'api_key' : 'session',
    user: user ? toUser(user) : null,
    organisation: toOrganisation(org),
  };
}

export const newId = () => randomUUID();
