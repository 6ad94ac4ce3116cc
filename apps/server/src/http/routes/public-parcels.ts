import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../services/context.ts';

/** Routes for the web app (public-parcels); filled in by the web-app work. */
export const publicParcelsRoutes =
  (_deps: Deps): FastifyPluginAsyncZod =>
  async () => {};
