import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZError,
  ZPage,
  ZPublicTrace,
  ZTraceCode,
  ZTraceCodeParam,
  ZTraceCodeQuery,
  ZTraceEventInput,
  ZTraceEventRecorded,
  ZTraceLabelsQuery,
} from '@crossgate/contract';
import { scopeFor } from '@crossgate/domain';
import { forbidden } from '../../errors.ts';
import type { Deps } from '../../services/context.ts';
import { publicTrace } from '../../services/trace/chain.ts';
import { labelPng, labelSheetPdf, labelSvg, listTraceCodes } from '../../services/trace/codes.ts';
import { epcisOfCode } from '../../services/trace/epcis.ts';
import { recordTraceEvent } from '../../services/trace/events.ts';
import { contextOf } from '../auth.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 422: ZError };

/**
 * 质量追溯 (issue 21; decision 0049): the caller's 云关码 with labels (PNG, SVG, an A4 PDF sheet), events added by
 * manufacturers, warehouses and carriers, the EPCIS 2.0 export, and the public scan behind a code.
 */
export const traceRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const publicUrl = () => deps.publicUrl ?? 'http://localhost:8080';
    app.get(
      '/trace/codes',
      {
        config: { access: { resource: 'product', action: 'read' } },
        schema: {
          tags: ['trace'],
          summary:
            '云关码列表 The caller’s traceability codes (approved products and released parcel lines; due codes are issued first)',
          querystring: ZTraceCodeQuery,
          response: { 200: ZPage(ZTraceCode), ...errors },
        },
      },
      async (request) => listTraceCodes(deps, contextOf(request), request.query),
    );
    app.get(
      '/trace/codes/:code/label.png',
      {
        config: { access: { resource: 'product', action: 'read' } },
        schema: {
          tags: ['trace'],
          summary: '标签 PNG A label as PNG: the QR code of the public chain page',
          params: ZTraceCodeParam,
          response: { 200: z.any().describe('image/png'), ...errors },
        },
      },
      async (request, reply) =>
        reply
          .header('content-type', 'image/png')
          .header('content-disposition', `inline; filename="${request.params.code}.png"`)
          .send(await labelPng(deps, contextOf(request), request.params.code)),
    );
    app.get(
      '/trace/codes/:code/label.svg',
      {
        config: { access: { resource: 'product', action: 'read' } },
        schema: {
          tags: ['trace'],
          summary: '标签 SVG A label as SVG: the QR code, the product’s name and the code',
          params: ZTraceCodeParam,
          response: { 200: z.any().describe('image/svg+xml'), ...errors },
        },
      },
      async (request, reply) =>
        reply
          .header('content-type', 'image/svg+xml; charset=utf-8')
          .header('content-disposition', `inline; filename="${request.params.code}.svg"`)
          .send(await labelSvg(deps, contextOf(request), request.params.code)),
    );
    app.get(
      '/trace/labels.pdf',
      {
        config: { access: { resource: 'product', action: 'read' } },
        schema: {
          tags: ['trace'],
          summary: '标签打印 An A4 PDF sheet of labels (3 × 7 a page) for the codes given',
          querystring: ZTraceLabelsQuery,
          response: { 200: z.any().describe('application/pdf'), ...errors },
        },
      },
      async (request, reply) =>
        reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', 'inline; filename="trace-labels.pdf"')
          .send(await labelSheetPdf(deps, contextOf(request), request.query.codes.split(','))),
    );
    app.get(
      '/trace/codes/:code/epcis',
      {
        config: { access: { resource: 'product', action: 'read' } },
        schema: {
          tags: ['trace'],
          summary: 'EPCIS 2.0 导出 A code’s chain as an EPCIS 2.0 JSON-LD document',
          params: ZTraceCodeParam,
          response: { 200: z.any().describe('application/ld+json'), ...errors },
        },
      },
      async (request, reply) => {
        const ctx = contextOf(request);
        const scope = scopeFor(ctx.actor, 'product', 'read');
        if (scope.kind === 'none') throw forbidden('your role does not see traceability codes');
        const doc = await epcisOfCode(
          deps.db,
          request.params.code,
          scope.kind === 'own' ? scope.orgId : null,
          publicUrl(),
          ctx.now,
        );
        return reply
          .header('content-type', 'application/ld+json; charset=utf-8')
          .header('content-disposition', `attachment; filename="${request.params.code}.epcis.jsonld"`)
          .send(JSON.stringify(doc));
      },
    );
    app.post(
      '/trace/events',
      {
        config: { access: { resource: 'product', action: 'create' } },
        schema: {
          tags: ['trace'],
          summary:
            '记录追溯事件 Record an event: a production batch (product code) or warehouse in/out, departure, delivery, return (parcel-line code)',
          body: ZTraceEventInput,
          response: { 201: ZTraceEventRecorded, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await recordTraceEvent(deps, contextOf(request), request.body)),
    );
    app.get(
      '/public/trace/:code',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['public'],
          summary:
            '云关码扫码 The chain behind a code for the public: product, batch, filing, the parcel’s clearance facts, steps (no personal data); a typo or an unknown code says so',
          params: ZTraceCodeParam,
          response: { 200: ZPublicTrace, 400: ZError },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return publicTrace(deps, request.params.code);
      },
    );
  };
