import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError, ZHome } from '@crossgate/contract';
import type { Deps } from '../../services/context.ts';
import { homeOf } from '../../services/home.ts';
import { contextOf } from '../auth.ts';

/** The signed-in home page: the actor's to-do counts and recent parcels, in the actor's scope (issue 17). */
export const homeRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/home',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags: ['identity'],
          summary: '首页待办 To-do counts and recent parcels of the signed-in user, within their scope',
          response: { 200: ZHome, 401: ZError, 403: ZError },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return homeOf(deps, contextOf(request));
      },
    );
  };
