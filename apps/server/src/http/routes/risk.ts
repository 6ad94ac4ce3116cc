import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZError,
  ZIdParams,
  ZPage,
  ZRiskDiffQuery,
  ZRiskFeature,
  ZRiskReplayInput,
  ZRiskReplayResult,
  ZRiskRuleSetDiff,
  ZRiskRuleSetInput,
  ZRiskRuleSetQuery,
  ZRiskRuleSetSummary,
  ZRiskRuleSetVersion,
  ZRiskShadowComparison,
  ZRiskShadowInput,
  ZRiskShadowQuery,
} from '@crossgate/contract';
import type { Deps } from '../../services/context.ts';
import {
  createRiskDraft,
  diffRiskRuleSets,
  getRiskRuleSet,
  listRiskRuleSets,
  publishRiskRuleSet,
  retireRiskRuleSet,
  riskFeatures,
  setRiskShadow,
} from '../../services/risk/rule-sets.ts';
import { riskShadowComparison } from '../../services/risk/shadow.ts';
import { replayRiskRules } from '../../services/risk/replay.ts';
import { contextOf } from '../auth.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError, 422: ZError };

/** 风险防控 (issue 19, decision 0042): the rule sets customs keeps, their diff, the feature catalogue. */
export const riskRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/risk/features',
      {
        config: { access: { resource: 'risk_rule', action: 'read' } },
        schema: {
          tags: ['risk'],
          summary: '风险特征目录 The features a risk rule may test (name, type, unit, range)',
          response: { 200: z.array(ZRiskFeature), ...errors },
        },
      },
      async (request) => riskFeatures(contextOf(request)),
    );
    app.get(
      '/risk/rule-sets',
      {
        config: { access: { resource: 'risk_rule', action: 'read' } },
        schema: {
          tags: ['risk'],
          summary: '风险规则集版本 The rule-set versions, newest first',
          querystring: ZRiskRuleSetQuery,
          response: { 200: ZPage(ZRiskRuleSetSummary), ...errors },
        },
      },
      async (request) => listRiskRuleSets(deps, contextOf(request), request.query),
    );
    app.get(
      '/risk/rule-sets/:id',
      {
        config: { access: { resource: 'risk_rule', action: 'read' } },
        schema: {
          tags: ['risk'],
          summary: '风险规则集 One version with its rules, typologies and decision bands',
          params: ZIdParams,
          response: { 200: ZRiskRuleSetVersion, ...errors },
        },
      },
      async (request) => getRiskRuleSet(deps, contextOf(request), request.params.id),
    );
    app.post(
      '/risk/rule-sets',
      {
        config: { access: { resource: 'risk_rule', action: 'create' } },
        schema: {
          tags: ['risk'],
          summary:
            '起草风险规则集 Save a new draft version (checked: unknown feature, wrong type, range, cycles → 422 per field)',
          body: ZRiskRuleSetInput,
          response: { 200: ZRiskRuleSetVersion, ...errors },
        },
      },
      async (request) => createRiskDraft(deps, contextOf(request), request.body),
    );
    app.post(
      '/risk/rule-sets/:id/publish',
      {
        config: { access: { resource: 'risk_rule', action: 'update' } },
        schema: {
          tags: ['risk'],
          summary: '发布 Publish a draft (audited; the version published before is retired)',
          params: ZIdParams,
          response: { 200: ZRiskRuleSetVersion, ...errors },
        },
      },
      async (request) => publishRiskRuleSet(deps, contextOf(request), request.params.id),
    );
    app.post(
      '/risk/rule-sets/:id/retire',
      {
        config: { access: { resource: 'risk_rule', action: 'update' } },
        schema: {
          tags: ['risk'],
          summary: '停用 Retire a draft or the published version (audited)',
          params: ZIdParams,
          response: { 200: ZRiskRuleSetVersion, ...errors },
        },
      },
      async (request) => retireRiskRuleSet(deps, contextOf(request), request.params.id),
    );
    app.get(
      '/risk/rule-sets/:id/diff',
      {
        config: { access: { resource: 'risk_rule', action: 'read' } },
        schema: {
          tags: ['risk'],
          summary: '版本比较 What changed from version `against` to this one',
          params: ZIdParams,
          querystring: ZRiskDiffQuery,
          response: { 200: ZRiskRuleSetDiff, ...errors },
        },
      },
      async (request) => diffRiskRuleSets(deps, contextOf(request), request.params.id, request.query.against),
    );
    app.post(
      '/risk/rule-sets/:id/shadow',
      {
        config: { access: { resource: 'risk_rule', action: 'update' } },
        schema: {
          tags: ['risk'],
          summary:
            '影子运行 Run a draft beside the live version (judges the same parcels, decides nothing; audited) or stop it',
          params: ZIdParams,
          body: ZRiskShadowInput,
          response: { 200: ZRiskRuleSetVersion, ...errors },
        },
      },
      async (request) => setRiskShadow(deps, contextOf(request), request.params.id, request.body.on),
    );
    app.get(
      '/risk/rule-sets/:id/shadow',
      {
        config: { access: { resource: 'risk_rule', action: 'read' } },
        schema: {
          tags: ['risk'],
          summary:
            '影子对比 The version’s shadow decisions against the live ones: agreement, differing parcels',
          params: ZIdParams,
          querystring: ZRiskShadowQuery,
          response: { 200: ZRiskShadowComparison, ...errors },
        },
      },
      async (request) =>
        riskShadowComparison(deps, contextOf(request), request.params.id, request.query.limit),
    );
    app.post(
      '/risk/replay',
      {
        config: { access: { resource: 'risk_rule', action: 'read' } },
        schema: {
          tags: ['risk'],
          summary:
            '回放测试 Replay a rule set (a version or a draft body) over past import parcels: lane changes, inspection load, precision',
          body: ZRiskReplayInput,
          response: { 200: ZRiskReplayResult, ...errors },
        },
      },
      async (request) => replayRiskRules(deps, contextOf(request), request.body),
    );
  };
