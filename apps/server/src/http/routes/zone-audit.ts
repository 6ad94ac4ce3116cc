import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZAuditEntry, ZAuditQuery, ZError, ZPage, ZPageQuery, ZZone, ZZonePatch } from '@crossgate/contract';
import { readAuditTrail } from '../../services/audit.ts';
import type { Deps } from '../../services/context.ts';
import { getDefaultZone, updateZone } from '../../services/zone.ts';
import { contextOf } from '../auth.ts';

export const zoneAuditRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/zone',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['zone'],
          summary: '综试区配置 The zone: customs offices, parks, targets',
          response: { 200: ZZone, 404: ZError },
        },
      },
      async () => getDefaultZone(deps),
    );
    app.patch(
      '/zone',
      {
        config: { access: { resource: 'zone', action: 'update' } },
        schema: {
          tags: ['zone'],
          summary: '综试区设置 Change the zone settings (zone office administrators)',
          body: ZZonePatch,
          response: { 200: ZZone, 400: ZError, 401: ZError, 403: ZError },
        },
      },
      async (request) => updateZone(deps, contextOf(request), request.body),
    );
    app.get(
      '/audit',
      {
        config: { access: { resource: 'audit', action: 'read' } },
        schema: {
          tags: ['audit'],
          summary: '审计日志 The audit trail you may read',
          querystring: ZPageQuery.extend(ZAuditQuery.shape),
          response: { 200: ZPage(ZAuditEntry), 400: ZError, 401: ZError, 403: ZError },
        },
      },
      async (request) => readAuditTrail(deps, contextOf(request), request.query),
    );
  };
