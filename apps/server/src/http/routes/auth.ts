import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZChangePassword, ZError, ZLogin, ZMe, ZPasswordChanged } from '@crossgate/contract';
import { login, logout, me } from '../../services/auth.ts';
import { changeOwnPassword } from '../../services/passwords.ts';
import type { Deps } from '../../services/context.ts';
import { contextOf } from '../auth.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../types.ts';

export const authRoutes =
  (deps: Deps, options: { ttlHours: number; cookieSecure: boolean }): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/auth/login',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['auth'],
          summary:
            '登录 Sign in with username and password (usernames are unique per organisation: add orgCode when the name is held in several)',
          body: ZLogin,
          response: { 200: ZMe, 401: ZError },
        },
      },
      async (request, reply) => {
        const result = await login(deps, {
          ...request.body,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          requestId: request.id,
          now: new Date(),
          ttlHours: options.ttlHours,
        });
        const cookie = {
          path: '/',
          sameSite: 'strict',
          secure: options.cookieSecure || request.protocol === 'https',
          expires: result.expiresAt,
        } as const;
        reply.setCookie(SESSION_COOKIE, result.token, { ...cookie, httpOnly: true });
        // The double-submit CSRF token: the web app's script reads it and repeats it in x-csrf-token.
        reply.setCookie(CSRF_COOKIE, result.csrfToken, { ...cookie, httpOnly: false });
        return result.me;
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { access: { signedIn: true }, duringPasswordChange: true },
        schema: { tags: ['auth'], summary: '退出 Sign out', response: { 204: z.undefined() } },
      },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await logout(deps, contextOf(request), token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        reply.clearCookie(CSRF_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.get(
      '/auth/me',
      {
        config: { access: { signedIn: true }, duringPasswordChange: true },
        schema: { tags: ['auth'], summary: '当前用户 Who am I', response: { 200: ZMe, 401: ZError } },
      },
      async (request) => me(deps, contextOf(request)),
    );

    app.post(
      '/auth/password',
      {
        config: { access: { signedIn: true, via: ['session'] }, duringPasswordChange: true },
        schema: {
          tags: ['auth'],
          summary:
            '修改密码 Change your own password: the current one, and a new one that passes the password rules; your other sessions are signed out',
          body: ZChangePassword,
          response: { 200: ZPasswordChanged, 400: ZError, 401: ZError, 403: ZError },
        },
      },
      async (request) =>
        changeOwnPassword(deps, contextOf(request), request.cookies[SESSION_COOKIE] ?? '', request.body),
    );
  };
