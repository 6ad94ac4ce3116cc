import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZError,
  ZIdParams,
  ZPage,
  ZRiskOfficer,
  ZRuleStats,
  ZRuleStatsQuery,
  ZWarningAssignInput,
  ZWarningDetail,
  ZWarningDisposeInput,
  ZWarningQuery,
  ZWarningReviewInput,
  ZWarningScanInput,
  ZWarningScanResult,
  ZWarningSummary,
} from '@crossgate/contract';
import type { Deps } from '../../services/context.ts';
import { ruleStatistics, ruleStatisticsXlsx } from '../../services/risk/rule-stats.ts';
import {
  assignRiskWarning,
  disposeRiskWarning,
  getRiskWarning,
  listRiskWarnings,
  reviewRiskWarning,
  riskOfficers,
  scanRiskWarningsRequest,
} from '../../services/risk/warning-queue.ts';
import { contextOf } from '../auth.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError, 422: ZError };
const read = { access: { resource: 'risk_rule', action: 'read' } } as const;
const act = { access: { resource: 'risk_rule', action: 'update' } } as const;

/** 风险预警 (issue 19, decision 0047): the warnings queue, disposal and review, the scan, per-rule statistics. */
export const riskWarningRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/risk/warnings',
      {
        config: read,
        schema: {
          tags: ['risk'],
          summary: '预警队列 Warnings by severity, status, typology, assignee',
          querystring: ZWarningQuery,
          response: { 200: ZPage(ZWarningSummary), ...errors },
        },
      },
      async (request) => listRiskWarnings(deps, contextOf(request), request.query),
    );
    app.get(
      '/risk/warnings/:id',
      {
        config: read,
        schema: {
          tags: ['risk'],
          summary: '预警详情 One warning: evidence, disposal, review, history',
          params: ZIdParams,
          response: { 200: ZWarningDetail, ...errors },
        },
      },
      async (request) => getRiskWarning(deps, contextOf(request), request.params.id),
    );
    app.get(
      '/risk/officers',
      {
        config: read,
        schema: {
          tags: ['risk'],
          summary: '风险官员 Customs officers a warning may be assigned to',
          response: { 200: z.array(ZRiskOfficer), ...errors },
        },
      },
      async (request) => riskOfficers(deps, contextOf(request)),
    );
    app.post(
      '/risk/warnings/:id/assign',
      {
        config: act,
        schema: {
          tags: ['risk'],
          summary: '分派 Assign a warning to an officer (audited)',
          params: ZIdParams,
          body: ZWarningAssignInput,
          response: { 200: ZWarningDetail, ...errors },
        },
      },
      async (request) =>
        assignRiskWarning(deps, contextOf(request), request.params.id, request.body.assignee),
    );
    app.post(
      '/risk/warnings/:id/dispose',
      {
        config: act,
        schema: {
          tags: ['risk'],
          summary:
            '处置 Dismiss or confirm a warning (negative list, credit event, referral); applied after review (audited)',
          params: ZIdParams,
          body: ZWarningDisposeInput,
          response: { 200: ZWarningDetail, ...errors },
        },
      },
      async (request) => disposeRiskWarning(deps, contextOf(request), request.params.id, request.body),
    );
    app.post(
      '/risk/warnings/:id/review',
      {
        config: act,
        schema: {
          tags: ['risk'],
          summary:
            '复核 A second officer approves or returns a disposal (never the one who disposed; audited)',
          params: ZIdParams,
          body: ZWarningReviewInput,
          response: { 200: ZWarningDetail, ...errors },
        },
      },
      async (request) => reviewRiskWarning(deps, contextOf(request), request.params.id, request.body),
    );
    app.post(
      '/risk/warnings/scan',
      {
        config: act,
        schema: {
          tags: ['risk'],
          summary: '预警扫描 Run the cross-parcel typologies over a period (at most 92 days; idempotent)',
          body: ZWarningScanInput,
          response: { 200: ZWarningScanResult, ...errors },
        },
      },
      async (request) => scanRiskWarningsRequest(deps, contextOf(request), request.body),
    );
    app.get(
      '/risk/rule-stats',
      {
        config: read,
        schema: {
          tags: ['risk'],
          summary:
            '规则统计 Per rule of a version: hits, inspections, found, precision, trend by day or week',
          querystring: ZRuleStatsQuery,
          response: { 200: ZRuleStats, ...errors },
        },
      },
      async (request) => ruleStatistics(deps, contextOf(request), request.query),
    );
    app.get(
      '/risk/rule-stats/export.xlsx',
      {
        config: read,
        schema: {
          tags: ['risk'],
          summary: '规则统计导出 The per-rule statistics as an Excel workbook',
          querystring: ZRuleStatsQuery,
          response: { 200: z.any(), ...errors },
        },
      },
      async (request, reply) =>
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="rule-stats-${request.query.from}-${request.query.to}.xlsx"`,
          )
          .send(await ruleStatisticsXlsx(deps, contextOf(request), request.query)),
    );
  };
