import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZCustomsDecision,
  ZError,
  ZIdParams,
  ZImportDocumentSummary,
  ZInventoryQuery,
  ZPage,
  ZPageQuery,
  ZParcel,
  ZReceiptFeed,
  ZReceiptFeedQuery,
  ZGatewayAnswer,
  ZJsonMessage,
  ZJsonMessageParams,
} from '@crossgate/contract';
import { jsonToCebXml } from '@crossgate/ceb';
import { maskFieldError } from '@crossgate/domain';
import { AppError } from '../../errors.ts';
import { acceptImportMessage } from '../../services/import/accept-message.ts';
import type { ClearancePolicy } from '../../services/import/clear-inventory.ts';
import type { Deps } from '../../services/context.ts';
import { decideInventory } from '../../services/import/decide-inventory.ts';
import { getParcel, listInventories, receiptFeed } from '../../services/import/queries.ts';
import { contextOf } from '../auth.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 422: ZError };

export const importRoutes =
  (deps: Deps, policy: () => Promise<ClearancePolicy>): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/import/messages/:messageType',
      {
        config: { access: { resource: 'declaration', action: 'create' } },
        schema: {
          tags: ['import'],
          summary:
            '报文接收(JSON) Submit one CEB message as JSON: same checks, same receipts as POST /ceb/messages',
          description:
            "CEB621/623/625/711 carry no XML-DSig in JSON. Under the zone's default signature policy (required) they are refused (−621029/−623029/−625005, CEB900 1001 for CEB711): send them signed as XML. Only in demo/test mode (signature policy optional) are they accepted as JSON, and then only while the enterprise has no registered signing key.",
          params: ZJsonMessageParams,
          body: ZJsonMessage,
          response: { 200: ZGatewayAnswer, ...errors },
        },
      },
      async (request) => {
        const { xml, errors: jsonErrors } = jsonToCebXml(request.params.messageType, request.body);
        if (jsonErrors.length > 0)
          throw new AppError(
            'VALIDATION_FAILED',
            jsonErrors.map(maskFieldError).map((e) => ({
              field: e.path,
              rule: e.rule,
              ...(e.expected ? { expected: e.expected } : {}),
              ...(e.actual ? { actual: e.actual } : {}),
            })),
          );
        const answer = await acceptImportMessage(deps, contextOf(request), xml, await policy(), 'json');
        if (answer.outcome === 'format_error') {
          const details = (
            answer.formatErrors ?? [
              {
                path: request.params.messageType,
                rule: 'refused before (replay); see the CEB900 receipt',
                actual: answer.receiptXml.slice(0, 300),
              },
            ]
          ).map((e) => ({
            field: e.path,
            rule: e.rule,
            ...('expected' in e && e.expected ? { expected: e.expected } : {}),
            ...('actual' in e && e.actual ? { actual: e.actual } : {}),
          }));
          throw new AppError('VALIDATION_FAILED', details);
        }
        return {
          outcome: answer.outcome,
          replayed: answer.replayed,
          receiptType: answer.receiptType,
          documents: answer.documents,
          receiptXml: answer.receiptXml,
        };
      },
    );
    app.get(
      '/receipts',
      {
        config: { access: { resource: 'declaration', action: 'read' } },
        schema: {
          tags: ['import'],
          summary:
            '回执拉取 Pull feed of your receipts (CEB312 … CEB816), in order, never skipping or repeating',
          querystring: ZReceiptFeedQuery,
          response: { 200: ZReceiptFeed, ...errors },
        },
      },
      async (request) => receiptFeed(deps, contextOf(request), request.query),
    );
    app.get(
      '/import/inventories',
      {
        config: { access: { resource: 'import_document', action: 'read' } },
        schema: {
          tags: ['import'],
          summary: '进口清单 Import inventories (yours; customs: all), filtered and paginated',
          querystring: ZPageQuery.extend(ZInventoryQuery.shape),
          response: { 200: ZPage(ZImportDocumentSummary), ...errors },
        },
      },
      async (request) => listInventories(deps, contextOf(request), request.query),
    );
    app.get(
      '/import/inventories/:id',
      {
        config: { access: { resource: 'import_document', action: 'read' } },
        schema: {
          tags: ['import'],
          summary: '包裹 The parcel: four documents side by side, tax bill, timeline',
          params: ZIdParams,
          response: { 200: ZParcel, ...errors },
        },
      },
      async (request) => getParcel(deps, contextOf(request), request.params.id),
    );
    app.post(
      '/import/inventories/:id/decision',
      {
        config: {
          access: [
            { resource: 'customs_decision', action: 'update' },
            { resource: 'import_document', action: 'read' },
          ],
        },
        schema: {
          tags: ['import'],
          summary: '海关处置 Customs decision: release, reject, detain or return, with a reason',
          params: ZIdParams,
          body: ZCustomsDecision,
          response: { 200: ZImportDocumentSummary, ...errors },
        },
      },
      async (request) => decideInventory(deps, contextOf(request), request.params.id, request.body),
    );
  };
