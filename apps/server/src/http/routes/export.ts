import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCertificateVerification,
  ZError,
  ZExportDeclaration,
  ZExportDeclarationDetail,
  ZExportDeclarationQuery,
  ZExportDocumentSummary,
  ZExportInventoryQuery,
  ZExportParcel,
  ZExportSequencing,
  ZFileOverseasWarehouse,
  ZIdParams,
  ZOverseasWarehouse,
  ZPage,
  ZPageQuery,
  ZRunSummary,
  ZSummaryRun,
} from '@crossgate/contract';
import type { TCertificateVerification } from '@crossgate/contract';
import { beijingDateTime } from '@crossgate/domain';
import type { Deps } from '../../services/context.ts';
import {
  certificatePdf,
  fileOverseasWarehouse,
  getExportDeclaration,
  listExportDeclarations,
  listOverseasWarehouses,
  revokeOverseasWarehouse,
  runMonthlySummary,
  setExportSequencing,
  verifyCertificate,
} from '../../services/export/declarations.ts';
import { getExportParcel, listExportInventories } from '../../services/export/queries.ts';
import { AppError } from '../../errors.ts';
import { contextOf } from '../auth.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError, 422: ZError };
const ZCertificateParams = z.object({ certificateNo: z.string().regex(/^ZM\d{8}D\d{9}$/) });
const ZVerifyQuery = z.object({
  code: z.string().regex(/^[0-9a-f]{24}$/, 'the code printed in the QR code'),
});

/**
 * Export clearance over the REST API: summary declarations (汇总申报) and their certificates (报关单证明联),
 * overseas-warehouse filings (9810), office settings. Export messages themselves go through `POST /ceb/messages`.
 */
export const exportRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/export/inventories',
      {
        config: { access: { resource: 'export_document', action: 'read' } },
        schema: {
          tags: ['export'],
          summary:
            '出口清单 Export inventories the caller is a party to (all, for customs and the zone office)',
          querystring: ZExportInventoryQuery,
          response: { 200: ZPage(ZExportDocumentSummary), ...errors },
        },
      },
      async (request) => listExportInventories(deps, contextOf(request), request.query),
    );
    app.get(
      '/export/inventories/:id',
      {
        config: { access: { resource: 'export_document', action: 'read' } },
        schema: {
          tags: ['export'],
          summary: '出口包裹 One export parcel: inventory, order, receipt, waybill, decisions and timeline',
          params: ZIdParams,
          response: { 200: ZExportParcel, ...errors },
        },
      },
      async (request) => getExportParcel(deps, contextOf(request), request.params.id),
    );
    app.get(
      '/export/declarations',
      {
        config: { access: { resource: 'export_summary', action: 'read' } },
        schema: {
          tags: ['export'],
          summary: '汇总报关单 Summary declarations (the enterprise’s own, or all for the agencies)',
          querystring: ZExportDeclarationQuery,
          response: { 200: ZPage(ZExportDeclaration), ...errors },
        },
      },
      async (request) => listExportDeclarations(deps, contextOf(request), request.query),
    );
    app.get(
      '/export/declarations/:id',
      {
        config: { access: { resource: 'export_summary', action: 'read' } },
        schema: {
          tags: ['export'],
          summary: '汇总报关单详情 One summary declaration with its lines and the inventory lines in each',
          params: ZIdParams,
          response: { 200: ZExportDeclarationDetail, ...errors },
        },
      },
      async (request) => getExportDeclaration(deps, contextOf(request), request.params.id),
    );
    app.get(
      '/export/declarations/:id/certificate.pdf',
      {
        config: { access: { resource: 'export_summary', action: 'read' } },
        schema: {
          tags: ['export'],
          summary:
            '报关单证明联 The declaration certificate as a printable PDF (Chinese, with a verification QR code)',
          params: ZIdParams,
          response: { 200: z.any().describe('application/pdf'), ...errors },
        },
      },
      async (request, reply) => {
        const { pdf, certificateNo } = await certificatePdf(
          deps,
          contextOf(request),
          request.params.id,
          deps.publicUrl ?? 'http://localhost:8080',
        );
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="${certificateNo}.pdf"`)
          .send(pdf);
      },
    );
    app.post(
      '/export/summaries',
      {
        config: { access: { resource: 'export_summary', action: 'create' } },
        schema: {
          tags: ['export'],
          summary: '汇总申报 Form a month’s summary declarations now (customs officer or zone office)',
          body: ZRunSummary,
          response: { 200: ZSummaryRun, ...errors },
        },
      },
      async (request) => runMonthlySummary(deps, contextOf(request), request.body),
    );
    app.get(
      '/export/overseas-warehouses',
      {
        config: { access: { resource: 'overseas_warehouse', action: 'read' } },
        schema: {
          tags: ['export'],
          summary: '海外仓备案 Filed overseas warehouses',
          querystring: ZPageQuery,
          response: { 200: ZPage(ZOverseasWarehouse), ...errors },
        },
      },
      async (request) => listOverseasWarehouses(deps, contextOf(request), request.query),
    );
    app.post(
      '/export/overseas-warehouses',
      {
        config: { access: { resource: 'overseas_warehouse', action: 'create' } },
        schema: {
          tags: ['export'],
          summary: '海外仓备案 File an overseas warehouse (operator); 9810 bookings must name a filed one',
          body: ZFileOverseasWarehouse,
          response: { 201: ZOverseasWarehouse, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await fileOverseasWarehouse(deps, contextOf(request), request.body)),
    );
    app.post(
      '/export/overseas-warehouses/:id/revoke',
      {
        config: { access: { resource: 'overseas_warehouse', action: 'update' } },
        schema: {
          tags: ['export'],
          summary: '注销海外仓备案 Revoke a filing (its operator, or customs)',
          params: ZIdParams,
          response: { 200: ZOverseasWarehouse, ...errors },
        },
      },
      async (request) => revokeOverseasWarehouse(deps, contextOf(request), request.params.id),
    );
    app.put(
      '/export/customs-offices/:customsCode/sequencing',
      {
        config: { access: { resource: 'customs_setting', action: 'update' } },
        schema: {
          tags: ['export'],
          summary: '出口运抵/放行顺序 Set an office’s export sequencing (customs administrator)',
          params: z.object({ customsCode: z.string().regex(/^\d{4}$/) }),
          body: ZExportSequencing,
          response: {
            200: z.object({ customsCode: z.string(), sequencing: z.string() }),
            ...errors,
          },
        },
      },
      async (request) =>
        setExportSequencing(deps, contextOf(request), request.params.customsCode, request.body.sequencing),
    );
    app.get(
      '/public/certificates/:certificateNo',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['public'],
          summary: '证明联核验 Verify a declaration certificate (no login; the code comes from its QR code)',
          params: ZCertificateParams,
          querystring: ZVerifyQuery,
          response: { 200: ZCertificateVerification, ...errors },
        },
      },
      async (request) => verifyCertificate(deps, request.params.certificateNo, request.query.code),
    );
  };

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** The verification page's HTML shell around its body. */
const verifyPage = (body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>报关单证明联核验 · Crossgate</title><style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:640px;margin:2rem auto;padding:0 1rem;color:#1f1f1f}h1{font-size:1.3rem}.ok{color:#389e0d;font-weight:600}.warn{color:#d46b08;font-weight:600}.bad{color:#cf1322;font-weight:600}table{border-collapse:collapse;width:100%}th,td{border:1px solid #d9d9d9;padding:.4rem .6rem;text-align:left}th{background:#fafafa;width:40%}</style></head><body><h1>出口货物报关单证明联核验<br><small>Declaration certificate verification</small></h1>${body}<p><small>焦作跨境电子商务综合试验区单一窗口 · Crossgate</small></p></body></html>`;

/**
 * The page the certificate's QR code opens (no login): whether the certificate is genuine, and the figures to
 * compare with the paper. Plain server-rendered HTML, so it opens on any phone.
 */
export const verifyPageRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/verify/certificates/:certificateNo',
      {
        config: { access: { public: true } },
        schema: {
          hide: true,
          params: z.object({ certificateNo: z.string().max(40) }),
          querystring: z.object({ code: z.string().max(64).default('') }),
        },
      },
      async (request, reply) => {
        const { certificateNo } = request.params;
        // Only "no such certificate / wrong code" is an answer about the certificate; a database failure is
        // ours, and must not tell the holder of a genuine certificate that it is forged.
        let found: TCertificateVerification | undefined;
        try {
          found = await verifyCertificate(deps, certificateNo, request.query.code);
        } catch (e) {
          if (!(e instanceof AppError && e.code === 'NOT_FOUND')) {
            request.log.error({ err: e }, 'certificate verification failed');
            return reply
              .status(503)
              .header('content-type', 'text/html; charset=utf-8')
              .header('cache-control', 'no-store')
              .header('retry-after', '30')
              .send(
                verifyPage(
                  `<p class="bad">暂时无法核验，请稍后再试 (verification is unavailable at the moment; try again later)</p><p>证明联编号：${escape(certificateNo)}</p>`,
                ),
              );
          }
        }
        const rows = found
          ? [
              ['证明联编号 Certificate', found.certificateNo],
              ['汇总统一编号 Summary no.', found.declSeqNo],
              ['报关单号 Entry no.', found.entryId ?? '待海关给号 (not yet given by customs)'],
              ['收发货人 Consignor', found.ebcName],
              ['申报海关 Customs', found.customsCode],
              ['出境关别 Exit port', found.portCode],
              ['监管方式 Trade mode', found.tradeMode],
              ['汇总月份 Month', found.month],
              ['清单票数 Inventories', String(found.invtCount)],
              ['总价 Totals', found.totals.map((t) => `${t.total} (${t.currency})`).join('；')],
              ['签发时间 Issued', `${beijingDateTime(new Date(found.issuedAt), 'minute')} (北京时间)`],
            ]
          : [];
        const body = found
          ? `${
              found.entryId
                ? '<p class="ok">✔ 证明联真实有效 (genuine certificate)</p>'
                : // Without the 报关单号 customs has not finished the declaration: the record is ours and the
                  // code matches, but it is not yet a certificate a bank or tax office may rely on.
                  '<p class="warn" data-state="provisional">⚠ 临时证明联：编号与核验码相符，但海关尚未给出报关单号，取得报关单号后方为有效证明 (provisional: the number and code match, but customs has not yet given the entry number; it becomes a valid certificate once it has one)</p>'
            }<table>${rows
              .map(([k, v]) => `<tr><th>${escape(k as string)}</th><td>${escape(v as string)}</td></tr>`)
              .join('')}</table>`
          : `<p class="bad">✘ 未找到该证明联，或核验码不符 (no certificate with this number and code)</p><p>证明联编号：${escape(certificateNo)}</p>`;
        return reply
          .status(found ? 200 : 404)
          .header('content-type', 'text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(verifyPage(body));
      },
    );
  };
