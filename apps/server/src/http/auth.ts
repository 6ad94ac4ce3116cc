import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { actorFromApiKey, actorFromSession } from '../services/auth.ts';
import type { Deps, RequestContext } from '../services/context.ts';
import { SESSION_COOKIE } from './types.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : undefined;
}

/**
 * Resolves who is calling before the body is even parsed: an enterprise system by API key, or a person by
 * session cookie. Cookie-authenticated writes must come from our own origin (the cookie is also SameSite=Strict).
 */
export function registerAuthentication(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (
      request.is404 ||
      request.routeOptions.config?.public ||
      !(request.url.startsWith('/api/') || request.url.startsWith('/ceb/'))
    )
      return;
    const now = new Date();
    const key = bearer(request);
    if (key !== undefined) {
      request.actor = (await actorFromApiKey(deps, key, now)) ?? null;
      if (!request.actor)
        throw new AppError('UNAUTHENTICATED', [
          { field: 'Authorization', rule: 'a valid, unrevoked API key of an active enterprise' },
        ]);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.actor = (await actorFromSession(deps, token, now)) ?? null;
    if (!request.actor)
      throw new AppError('UNAUTHENTICATED', [
        {
          field: 'session',
          rule: 'signed in (POST /api/v1/auth/login) or an API key in Authorization: Bearer',
        },
      ]);
    if (UNSAFE.has(request.method)) {
      const origin = request.headers.origin;
      if (origin !== undefined && hostOf(origin) !== request.headers.host) {
        throw new AppError('FORBIDDEN', [
          {
            field: 'Origin',
            rule: 'cookie-authenticated writes come from the platform itself',
            expected: request.headers.host,
            actual: origin,
          },
        ]);
      }
    }
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
