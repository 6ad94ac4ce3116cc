import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDashboard, ZError } from '@crossgate/contract';
import type { Deps } from '../../services/context.ts';
import { getDashboard } from '../../services/dashboard.ts';
import { contextOf } from '../auth.ts';

/** The zone dashboard (综试区大屏) for the zone office and the regulating agencies. */
export const dashboardRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/dashboard',
      {
        config: { access: { signedIn: true, orgKinds: ['zone_office', 'agency'] } },
        schema: {
          tags: ['zone'],
          summary:
            '综试区大屏 The zone at a glance: throughput, modes, countries, parks, targets, clearance times (zone office and agencies)',
          response: { 200: ZDashboard, 401: ZError, 403: ZError, 404: ZError },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return getDashboard(deps, contextOf(request));
      },
    );
  };
