import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZBatchDecision,
  ZBatchDecisionResult,
  ZError,
  ZInventorySearchHit,
  ZInventorySearchQuery,
  ZPage,
} from '@crossgate/contract';
import type { Deps } from '../../services/context.ts';
import { decideMany, searchAllInventories } from '../../services/search.ts';
import { contextOf } from '../auth.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 422: ZError };

export const searchRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/search/inventories',
      {
        config: {
          access: [
            { resource: 'import_document', action: 'read' },
            { resource: 'export_document', action: 'read' },
          ],
        },
        schema: {
          tags: ['import', 'export'],
          summary:
            '清单综合查询 Import and export inventories by any number, party, buyer, status, lane, office, date (within your scope)',
          querystring: ZInventorySearchQuery,
          response: { 200: ZPage(ZInventorySearchHit), ...errors },
        },
      },
      async (request) => searchAllInventories(deps, contextOf(request), request.query),
    );
    app.post(
      '/import/inventories/decisions',
      {
        config: {
          access: [
            { resource: 'customs_decision', action: 'update' },
            { resource: 'import_document', action: 'read' },
          ],
        },
        schema: {
          tags: ['import'],
          summary: '批量放行 Release many inventories at once: each decided as alone, with its own audit row',
          body: ZBatchDecision,
          response: { 200: ZBatchDecisionResult, ...errors },
        },
      },
      async (request) => decideMany(deps, contextOf(request), request.body),
    );
  };
