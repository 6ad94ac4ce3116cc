import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { beijingCompact } from '@crossgate/domain';
import {
  ZClearanceTimeQuery,
  ZClearanceTimeResult,
  ZError,
  ZStatsQuery,
  ZStatsResult,
} from '@crossgate/contract';
import type { Deps } from '../../services/context.ts';
import { clearanceTime, queryStatistics, statisticsXlsx } from '../../services/statistics/query.ts';
import { contextOf } from '../auth.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 422: ZError };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 统计监测 (issue 20, decision 0048): figures from the rollups of the declaration lists, and their Excel. */
export const statisticsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/statistics/query',
      {
        config: { access: { resource: 'statistics', action: 'read' } },
        schema: {
          tags: ['statistics'],
          summary:
            '统计查询 Figures by period and up to two dimensions, filtered, with 同比 / 环比 (an enterprise: its own traffic)',
          querystring: ZStatsQuery,
          response: { 200: ZStatsResult, ...errors },
        },
      },
      async (request) => queryStatistics(deps, contextOf(request), request.query),
    );
    app.get(
      '/statistics/query.xlsx',
      {
        config: { access: { resource: 'statistics', action: 'read' } },
        schema: {
          tags: ['statistics'],
          summary: '统计导出 The same query, every row, as an Excel workbook',
          querystring: ZStatsQuery,
          response: { 200: z.any(), ...errors },
        },
      },
      async (request, reply) =>
        reply
          .header('content-type', XLSX)
          .header(
            'content-disposition',
            `attachment; filename="statistics-${beijingCompact(new Date(), 8)}.xlsx"`,
          )
          .send(await statisticsXlsx(deps, contextOf(request), request.query)),
    );
    app.get(
      '/statistics/clearance-time',
      {
        config: { access: { resource: 'statistics', action: 'read' } },
        schema: {
          tags: ['statistics'],
          summary:
            '通关时效 Median and P90 hours per clearance stage (declared → documents complete → released → departed) by month, mode and office',
          querystring: ZClearanceTimeQuery,
          response: { 200: ZClearanceTimeResult, ...errors },
        },
      },
      async (request) => clearanceTime(deps, contextOf(request), request.query),
    );
  };
