import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../services/context.ts';

/** Routes for the web app (dashboard); filled in by the web-app work. */
export const dashboardRoutes =
  (_deps: Deps): FastifyPluginAsyncZod =>
  async () => {};
