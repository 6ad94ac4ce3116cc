import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { actorFromApiKey, csrfTokenOf, sessionOf } from '../services/auth.ts';
import type { Deps, RequestContext } from '../services/context.ts';
import { isPublic, judgeAccess } from './access.ts';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './types.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : undefined;
}

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * A cookie-authenticated write must come from the platform's own pages (OWASP CSRF Prevention Cheat Sheet):
 * the `Origin`, when the browser sends one, names this host; and the `x-csrf-token` header repeats the
 * `cg_csrf` cookie issued with this very session (double submit, bound to the session). Another site can
 * neither read that cookie nor set the header. The session cookie is also SameSite=Strict.
 */
function refuseCrossSiteWrite(request: FastifyRequest, sessionToken: string): void {
  const origin = request.headers.origin;
  if (origin !== undefined && hostOf(origin) !== request.headers.host)
    throw new AppError('FORBIDDEN', [
      {
        field: 'Origin',
        rule: 'cookie-authenticated writes come from the platform itself',
        ...(request.headers.host ? { expected: request.headers.host } : {}),
        actual: origin,
      },
    ]);
  const header = request.headers[CSRF_HEADER];
  const cookie = request.cookies[CSRF_COOKIE];
  const sent = typeof header === 'string' ? header : undefined;
  const rule = `请求头 ${CSRF_HEADER} 须与登录时签发的 ${CSRF_COOKIE} Cookie 一致 (cookie-authenticated writes repeat the ${CSRF_COOKIE} cookie in the ${CSRF_HEADER} header)`;
  if (!sent || !cookie)
    throw new AppError('FORBIDDEN', [
      {
        field: CSRF_HEADER,
        rule,
        expected: `the value of the ${CSRF_COOKIE} cookie`,
        actual: !sent ? '(missing)' : `(no ${CSRF_COOKIE} cookie: sign in again)`,
      },
    ]);
  if (!sameToken(sent, cookie) || !sameToken(cookie, csrfTokenOf(sessionToken)))
    throw new AppError('FORBIDDEN', [
      {
        field: CSRF_HEADER,
        rule,
        expected: `the value of the ${CSRF_COOKIE} cookie`,
        actual: '(does not match)',
      },
    ]);
}

/**
 * Resolves who is calling and whether the route lets them, before the body is even parsed:
 * 1. the route's access declaration (decision 0015): public routes skip the rest, and so does the operators'
 *    token on a route that admits it (`/metrics`);
 * 2. an enterprise system by API key, or a person by session cookie, else 401;
 * 3. cookie-authenticated writes: same origin and the CSRF token, else 403;
 * 4. a person an administrator asked to change their password reaches only the routes marked
 *    `duringPasswordChange` until they do, else 403 PASSWORD_CHANGE_REQUIRED (decision 0022);
 * 5. the declaration against the domain policy, else 403 naming the resource and action.
 * Services check the scope of each record again (out-of-scope records are 404, decision 0004).
 */
export function registerAuthentication(
  app: FastifyInstance,
  deps: Deps,
  options: { operatorToken?: string | undefined } = {},
) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const access = request.routeOptions.config?.access;
    // Every route has a declaration (access.ts refuses to register one without); should one ever lack it,
    // it is closed, not open.
    if (access === undefined)
      throw new AppError('FORBIDDEN', [{ field: 'route', rule: 'the route declares no access policy' }]);
    if (isPublic(access)) return;
    const now = new Date();
    const key = bearer(request);
    // The operators' token (monitoring): only on the routes that admit it, compared in constant time.
    if (
      options.operatorToken &&
      request.routeOptions.config?.acceptsOperatorToken === true &&
      key !== undefined &&
      sameToken(key, options.operatorToken)
    )
      return;
    if (key !== undefined) {
      request.actor = (await actorFromApiKey(deps, key, now)) ?? null;
      if (!request.actor)
        throw new AppError('UNAUTHENTICATED', [
          { field: 'Authorization', rule: 'a valid, unrevoked API key of an active enterprise' },
        ]);
    } else {
      const token = request.cookies[SESSION_COOKIE];
      const session = token ? await sessionOf(deps, token, now) : undefined;
      request.actor = session?.actor ?? null;
      if (!request.actor || !token)
        throw new AppError('UNAUTHENTICATED', [
          {
            field: 'session',
            rule: 'signed in (POST /api/v1/auth/login) or an API key in Authorization: Bearer',
          },
        ]);
      if (UNSAFE.has(request.method)) refuseCrossSiteWrite(request, token);
      // An administrator required a new password: until it is changed, the session does nothing else.
      if (session?.mustChangePassword && request.routeOptions.config?.duringPasswordChange !== true)
        throw new AppError('PASSWORD_CHANGE_REQUIRED', [
          {
            field: 'session',
            rule: '管理员要求修改密码，请先修改 (an administrator requires a new password first)',
            expected: 'POST /api/v1/auth/password',
          },
        ]);
    }
    const verdict = judgeAccess(request.actor, access, request.method);
    if (!verdict.allowed) throw new AppError('FORBIDDEN', [verdict.detail]);
  });
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/** The use-case context of an authenticated request. */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return { actor: request.actor, requestId: request.id, ip: request.ip, now: new Date() };
}
