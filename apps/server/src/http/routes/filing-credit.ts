import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAuthorisation,
  ZAuthorisationInput,
  ZAuthorisationQuery,
  ZAuthorisationRevoke,
  ZBulkFilingResult,
  ZCreditEventInput,
  ZCreditListItem,
  ZCreditQuery,
  ZCreditRecord,
  ZCreditScore,
  ZCustomsLevelInput,
  ZEnterpriseFiling,
  ZEnterpriseFilingInput,
  ZError,
  ZFilingDecision,
  ZFilingQuery,
  ZIdParams,
  ZNegativeListEntry,
  ZNegativeListInput,
  ZPage,
  ZProductDecision,
  ZProductFiling,
  ZProductFilingInput,
  ZPublicEnterprise,
  ZPublicProduct,
  ZPositiveListEntry,
  ZPositiveListFields,
  ZRatingsImport,
  ZSamplingTable,
} from '@crossgate/contract';
import { beijingCompact } from '@crossgate/domain';
import type { Deps } from '../../services/context.ts';
import {
  creditRecord,
  importRatings,
  listCredit,
  recordRegulatorEvent,
  setCustomsLevel,
  setSamplingTable,
} from '../../services/credit/credit.ts';
import {
  addToNegativeList,
  listNegativeList,
  removeFromNegativeList,
} from '../../services/credit/negative-list.ts';
import { publicEnterprises, publicProducts } from '../../services/credit/public.ts';
import { creditReport, creditXlsx, filingsXlsx, negativeListXlsx } from '../../services/credit/exports.ts';
import {
  decideFiling,
  getFiling,
  listFilings,
  saveFiling,
  submitFiling,
} from '../../services/filing/enterprise-filings.ts';
import {
  bulkFileProducts,
  decideProduct,
  fileProduct,
  productQueue,
} from '../../services/filing/product-filings.ts';
import { addPositiveEntries, positiveList } from '../../services/filing/positive-list.ts';
import {
  getAuthorisation,
  grantAuthorisation,
  listAuthorisations,
  revokeAuthorisation,
} from '../../services/filing/authorisations.ts';
import { contextOf } from '../auth.ts';

const errors = {
  400: ZError,
  401: ZError,
  403: ZError,
  404: ZError,
  409: ZError,
  413: ZError,
  415: ZError,
  422: ZError,
};
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZOrgParams = z.object({ orgId: z.uuid() });
const ZNegativeQuery = z.object({
  active: z.enum(['true', 'false']).optional().describe('true: listed now; false: delisted'),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const activeOf = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');
const stamp = () => beijingCompact(new Date(), 8);

/**
 * Filing (备案) of enterprises and products, the credit system and its negative list, and the public
 * lookups (seed §二(一)1, §二(二)4).
 */
export const filingCreditRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser(
      XLSX,
      { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );

    // ── Enterprise filing ─────────────────────────────────────────────────────────────────────────────
    app.post(
      '/filings/enterprise',
      {
        config: { access: { resource: 'filing', action: 'create' } },
        schema: {
          tags: ['filing'],
          summary:
            '企业备案(草稿) Save the enterprise’s filing draft (creates it, or edits a draft or rejected one)',
          body: ZEnterpriseFilingInput,
          response: { 200: ZEnterpriseFiling, ...errors },
        },
      },
      async (request) => saveFiling(deps, contextOf(request), request.body),
    );
    app.get(
      '/filings/enterprise',
      {
        config: { access: { resource: 'filing', action: 'read' } },
        schema: {
          tags: ['filing'],
          summary: '企业备案列表 Filings: the enterprise’s own; every filing for customs',
          querystring: ZFilingQuery,
          response: { 200: ZPage(ZEnterpriseFiling), ...errors },
        },
      },
      async (request) => listFilings(deps, contextOf(request), request.query),
    );
    app.get(
      '/filings/enterprise/export.xlsx',
      {
        config: { access: { resource: 'filing', action: 'read' } },
        schema: {
          tags: ['filing'],
          summary: '导出备案 Export the filtered filings to Excel (customs, market supervision, zone office)',
          querystring: ZFilingQuery.omit({ page: true, pageSize: true }),
          response: { 200: z.any(), ...errors },
        },
      },
      async (request, reply) =>
        reply
          .header('content-type', XLSX)
          .header('content-disposition', `attachment; filename="filings-${stamp()}.xlsx"`)
          .send(await filingsXlsx(deps, contextOf(request), request.query)),
    );
    app.get(
      '/filings/enterprise/:id',
      {
        config: { access: { resource: 'filing', action: 'read' } },
        schema: {
          tags: ['filing'],
          summary: '企业备案详情 One filing',
          params: ZIdParams,
          response: { 200: ZEnterpriseFiling, ...errors },
        },
      },
      async (request) => getFiling(deps, contextOf(request), request.params.id),
    );
    app.post(
      '/filings/enterprise/:id/submit',
      {
        config: { access: { resource: 'filing', action: 'create' } },
        schema: {
          tags: ['filing'],
          summary: '提交备案 Submit the filing for review (negative-listed enterprises are refused)',
          params: ZIdParams,
          response: { 200: ZEnterpriseFiling, ...errors },
        },
      },
      async (request) => submitFiling(deps, contextOf(request), request.params.id),
    );
    app.post(
      '/filings/enterprise/:id/decision',
      {
        config: { access: { resource: 'filing', action: 'update', scope: 'all' } },
        schema: {
          tags: ['filing'],
          summary:
            '备案审核 Customs decides: approve (identity verified) / reject / suspend / reinstate / revoke',
          params: ZIdParams,
          body: ZFilingDecision,
          response: { 200: ZEnterpriseFiling, ...errors },
        },
      },
      async (request) => decideFiling(deps, contextOf(request), request.params.id, request.body),
    );

    // ── 代理申报授权 Declaration authorisations (decision 0018) ──────────────────────────────────────────────
    app.post(
      '/filing/authorisations',
      {
        config: { access: { resource: 'authorisation', action: 'create' } },
        schema: {
          tags: ['filing'],
          summary:
            '授权代理申报 Authorise another enterprise to name this one, in one role, in the documents it declares (signed-in admin or operator)',
          description:
            'E.g. a seller (ebc) authorises its customs broker, which then may declare CEB621/623/625 and export CEB603/605/701/213 with the seller as ebcCode. The gateway refuses, with −10102, a document naming an enterprise that has not authorised its sender (docs/api/ceb-gateway.md).',
          body: ZAuthorisationInput,
          response: { 201: ZAuthorisation, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await grantAuthorisation(deps, contextOf(request), request.body)),
    );
    app.get(
      '/filing/authorisations',
      {
        config: { access: { resource: 'authorisation', action: 'read' } },
        schema: {
          tags: ['filing'],
          summary:
            '授权列表 Authorisations: an enterprise’s granted and received ones; every one for customs and the zone office',
          querystring: ZAuthorisationQuery,
          response: { 200: ZPage(ZAuthorisation), ...errors },
        },
      },
      async (request) => listAuthorisations(deps, contextOf(request), request.query),
    );
    app.get(
      '/filing/authorisations/:id',
      {
        config: { access: { resource: 'authorisation', action: 'read' } },
        schema: {
          tags: ['filing'],
          summary: '授权详情 One authorisation',
          params: ZIdParams,
          response: { 200: ZAuthorisation, ...errors },
        },
      },
      async (request) => getAuthorisation(deps, contextOf(request), request.params.id),
    );
    app.post(
      '/filing/authorisations/:id/revoke',
      {
        config: { access: { resource: 'authorisation', action: 'update' } },
        schema: {
          tags: ['filing'],
          summary:
            '撤销授权 The grantor revokes an authorisation; from now on the gateway refuses what it covered',
          params: ZIdParams,
          body: ZAuthorisationRevoke,
          response: { 200: ZAuthorisation, ...errors },
        },
      },
      async (request) =>
        revokeAuthorisation(deps, contextOf(request), request.params.id, request.body.reason),
    );

    // ── Product filing ────────────────────────────────────────────────────────────────────────────────
    app.post(
      '/filings/products',
      {
        config: { access: { resource: 'product', action: 'create' } },
        schema: {
          tags: ['filing'],
          summary:
            '商品备案 File one product (HS code, declaration elements, units; positive list for retail import)',
          body: ZProductFilingInput,
          response: { 201: ZProductFiling, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await fileProduct(deps, contextOf(request), request.body)),
    );
    app.get(
      '/filings/products/template.xlsx',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags: ['filing'],
          summary: '批量备案模板 The Excel template for bulk product filing',
          response: { 200: z.any().describe(XLSX), ...errors },
        },
      },
      async (_request, reply) =>
        reply
          .header('content-type', XLSX)
          .header('content-disposition', `attachment; filename="product-filing-template.xlsx"`)
          .send(await (await import('../../services/filing/product-workbook.ts')).productTemplateXlsx()),
    );
    app.post(
      '/filings/products/bulk',
      {
        config: { access: { resource: 'product', action: 'create' } },
        bodyLimit: 5 * 1024 * 1024,
        schema: {
          tags: ['filing'],
          summary:
            '批量商品备案 Bulk product filing from the Excel template: good rows filed, bad rows reported',
          description:
            `Body: the filled template as \`${XLSX}\`: at most 5 MiB, unpacking to at most 16 MiB, and at most ` +
            '5,000 rows below the header, blank rows included. Read in a worker thread with a memory and a time ' +
            'limit, one upload per enterprise at a time. Refusals: `PAYLOAD_TOO_LARGE`, `UPLOAD_TOO_LARGE`, ' +
            '`UPLOAD_TOO_MANY_ROWS`, `UPLOAD_TOO_COMPLEX`, `UPLOAD_IN_PROGRESS`, `UPLOADS_BUSY`, and ' +
            '`RULE_VIOLATION` (`NOT_XLSX`, `NO_SHEET`, `BAD_HEADER`).',
          consumes: [XLSX],
          response: { 200: ZBulkFilingResult, ...errors, 503: ZError },
        },
      },
      async (request) => bulkFileProducts(deps, contextOf(request), request.body as Buffer),
    );
    app.get(
      '/filings/products',
      {
        config: { access: { resource: 'filing', action: 'read', scope: 'all' } },
        schema: {
          tags: ['filing'],
          summary:
            '商品备案审核队列 Product filings by status: customs reviews them; the zone office and market supervision read them',
          querystring: z.object({
            status: z.enum(['submitted', 'approved', 'rejected']).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: ZPage(ZProductFiling), ...errors },
        },
      },
      async (request) => productQueue(deps, contextOf(request), request.query),
    );
    app.post(
      '/filings/products/:id/decision',
      {
        config: { access: { resource: 'filing', action: 'update', scope: 'all' } },
        schema: {
          tags: ['filing'],
          summary: '商品备案审核 Approve or reject a product filing (customs)',
          params: ZIdParams,
          body: ZProductDecision,
          response: { 200: ZProductFiling, ...errors },
        },
      },
      async (request) => decideProduct(deps, contextOf(request), request.params.id, request.body),
    );

    app.get(
      '/reference/positive-list',
      {
        config: { access: { resource: 'tariff_rate', action: 'read' } },
        schema: {
          tags: ['reference'],
          summary: '跨境电商零售进口商品清单 The retail-import positive list, by tariff code prefix',
          querystring: z.object({
            q: z.string().max(100).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: ZPage(ZPositiveListEntry), ...errors },
        },
      },
      async (request) => positiveList(deps, contextOf(request), request.query),
    );
    app.post(
      '/reference/positive-list',
      {
        config: { access: { resource: 'tariff_rate', action: 'update' } },
        schema: {
          tags: ['reference'],
          summary: '维护正面清单 Add positive-list lines (customs or zone administrators)',
          body: z.object({ entries: z.array(ZPositiveListFields).min(1).max(2000) }),
          response: { 200: z.object({ added: z.number().int() }), ...errors },
        },
      },
      async (request) => addPositiveEntries(deps, contextOf(request), request.body.entries),
    );

    // ── Credit ────────────────────────────────────────────────────────────────────────────────────────
    app.get(
      '/credit/me',
      {
        config: { access: { resource: 'credit', action: 'read' } },
        schema: {
          tags: ['credit'],
          summary:
            '本企业信用档案 The caller enterprise’s full credit record, every event and its score explained',
          response: { 200: ZCreditRecord, ...errors },
        },
      },
      async (request) => creditRecord(deps, contextOf(request), contextOf(request).actor.orgId),
    );
    app.get(
      '/credit/me/report.pdf',
      {
        config: { access: { resource: 'credit', action: 'read' } },
        schema: {
          tags: ['credit'],
          summary: '企业信用报告 The credit report as a PDF in Chinese',
          response: { 200: z.any(), ...errors },
        },
      },
      async (request, reply) => {
        const ctx = contextOf(request);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="credit-report-${stamp()}.pdf"`)
          .send(await creditReport(deps, ctx, ctx.actor.orgId));
      },
    );
    app.get(
      '/credit/enterprises',
      {
        config: { access: { resource: 'credit', action: 'read', scope: 'all' } },
        schema: {
          tags: ['credit'],
          summary: '企业信用查询 Enterprises with their composite level (regulators, zone office)',
          querystring: ZCreditQuery,
          response: { 200: ZPage(ZCreditListItem), ...errors },
        },
      },
      async (request) => listCredit(deps, contextOf(request), request.query),
    );
    app.get(
      '/credit/enterprises/export.xlsx',
      {
        config: { access: { resource: 'credit', action: 'read', scope: 'all' } },
        schema: {
          tags: ['credit'],
          summary: '导出 Export the filtered credit list to Excel',
          querystring: ZCreditQuery.omit({ page: true, pageSize: true }),
          response: { 200: z.any(), ...errors },
        },
      },
      async (request, reply) =>
        reply
          .header('content-type', XLSX)
          .header('content-disposition', `attachment; filename="credit-${stamp()}.xlsx"`)
          .send(await creditXlsx(deps, contextOf(request), request.query)),
    );
    app.get(
      '/credit/enterprises/:orgId',
      {
        config: { access: { resource: 'credit', action: 'read' } },
        schema: {
          tags: ['credit'],
          summary: '企业信用档案 One enterprise’s credit record (regulators; an enterprise its own)',
          params: ZOrgParams,
          response: { 200: ZCreditRecord, ...errors },
        },
      },
      async (request) => creditRecord(deps, contextOf(request), request.params.orgId),
    );
    app.post(
      '/credit/events',
      {
        config: { access: { resource: 'credit', action: 'create' } },
        schema: {
          tags: ['credit'],
          summary: '记录信用事件 A regulator records an event (administrative penalty, commendation …)',
          body: ZCreditEventInput,
          response: { 200: ZCreditScore, ...errors },
        },
      },
      async (request) => recordRegulatorEvent(deps, contextOf(request), request.body),
    );
    app.put(
      '/credit/enterprises/:orgId/customs-level',
      {
        config: { access: { resource: 'credit', action: 'update', agencyTypes: ['customs'] } },
        schema: {
          tags: ['credit'],
          summary: '海关信用等级 Customs sets the customs credit level (高级认证 / 一般信用 / 失信)',
          params: ZOrgParams,
          body: ZCustomsLevelInput,
          response: { 200: ZCreditScore, ...errors },
        },
      },
      async (request) => setCustomsLevel(deps, contextOf(request), request.params.orgId, request.body),
    );
    app.post(
      '/credit/ratings',
      {
        config: { access: { resource: 'credit', action: 'update', orgKinds: ['zone_office'] } },
        schema: {
          tags: ['credit'],
          summary: '第三方信用评级导入 Import a rating agency’s ratings (zone office)',
          body: ZRatingsImport,
          response: {
            200: z.object({ imported: z.number().int(), unknown: z.array(z.string()) }),
            ...errors,
          },
        },
      },
      async (request) => importRatings(deps, contextOf(request), request.body),
    );
    app.put(
      '/credit/sampling-rates',
      {
        config: { access: { resource: 'credit', action: 'update', orgKinds: ['zone_office'] } },
        schema: {
          tags: ['credit'],
          summary: '信用分级抽检比例 Random inspection rate per credit level (zone office)',
          body: ZSamplingTable,
          response: { 200: ZSamplingTable, ...errors },
        },
      },
      async (request) => setSamplingTable(deps, contextOf(request), request.body),
    );

    // ── Negative list ─────────────────────────────────────────────────────────────────────────────────
    app.get(
      '/negative-list',
      {
        config: { access: { resource: 'negative_list', action: 'read' } },
        schema: {
          tags: ['credit'],
          summary: '信用负面清单 The negative list (regulators, zone office)',
          querystring: ZNegativeQuery,
          response: { 200: ZPage(ZNegativeListEntry), ...errors },
        },
      },
      async (request) =>
        listNegativeList(deps, contextOf(request), {
          ...request.query,
          active: activeOf(request.query.active),
        }),
    );
    app.get(
      '/negative-list/export.xlsx',
      {
        config: { access: { resource: 'negative_list', action: 'read' } },
        schema: {
          tags: ['credit'],
          summary: '导出负面清单 Export the negative list to Excel',
          querystring: ZNegativeQuery.omit({ page: true, pageSize: true }),
          response: { 200: z.any(), ...errors },
        },
      },
      async (request, reply) =>
        reply
          .header('content-type', XLSX)
          .header('content-disposition', `attachment; filename="negative-list-${stamp()}.xlsx"`)
          .send(
            await negativeListXlsx(deps, contextOf(request), {
              ...request.query,
              active: activeOf(request.query.active),
            }),
          ),
    );
    app.post(
      '/negative-list',
      {
        config: { access: { resource: 'negative_list', action: 'create' } },
        schema: {
          tags: ['credit'],
          summary: '列入负面清单 List an enterprise or a person (customs, market supervision)',
          body: ZNegativeListInput,
          response: { 201: ZNegativeListEntry, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await addToNegativeList(deps, contextOf(request), request.body)),
    );
    app.post(
      '/negative-list/:id/delist',
      {
        config: { access: { resource: 'negative_list', action: 'update' } },
        schema: {
          tags: ['credit'],
          summary: '移出负面清单 Delist, with the reason',
          params: ZIdParams,
          body: z.object({ reason: z.string().min(2).max(500) }),
          response: { 200: ZNegativeListEntry, ...errors },
        },
      },
      async (request) =>
        removeFromNegativeList(deps, contextOf(request), request.params.id, request.body.reason),
    );

    // ── Public lookups (no login) ─────────────────────────────────────────────────────────────────────
    app.get(
      '/public/enterprises',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['public'],
          summary:
            '企业备案与信用查询 An enterprise’s filing status and public credit level, by name or code',
          querystring: z.object({ q: z.string().max(100) }),
          response: { 200: z.array(ZPublicEnterprise), ...errors },
        },
      },
      async (request) => publicEnterprises(deps.db, request.query.q),
    );
    app.get(
      '/public/products',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['public'],
          summary: '商品备案查询 A product’s filing by item number or barcode',
          querystring: z.object({
            itemNo: z.string().max(30).optional(),
            barcode: z.string().max(14).optional(),
          }),
          response: { 200: z.array(ZPublicProduct), ...errors },
        },
      },
      async (request) => publicProducts(deps.db, request.query),
    );
  };
