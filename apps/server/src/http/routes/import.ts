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
} from '@crossgate/contract';
import type { Deps } from '../../services/context.ts';
import { decideInventory } from '../../services/import/decide-inventory.ts';
import { getParcel, listInventories, receiptFeed } from '../../services/import/queries.ts';
import { contextOf } from '../auth.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 422: ZError };

export const importRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/receipts',
      {
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
