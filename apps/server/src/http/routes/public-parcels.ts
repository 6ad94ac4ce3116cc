import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError, ZPublicParcelQuery, ZPublicParcelStatus } from '@crossgate/contract';
import type { Deps } from '../../services/context.ts';
import { publicParcelStatus } from '../../services/public-parcels.ts';

/** The public's parcel status lookup by waybill number (no login; statuses and times only). */
export const publicParcelsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/public/parcels',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['public'],
          summary:
            '包裹通关状态查询 A parcel’s clearance status by waybill number: direction, trade mode, statuses with times (no personal data)',
          querystring: ZPublicParcelQuery,
          response: { 200: ZPublicParcelStatus, 400: ZError, 404: ZError },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return publicParcelStatus(deps, request.query.logisticsNo);
      },
    );
  };
