import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAccountBook,
  ZAddAccountBookItem,
  ZCreateAccountBook,
  ZError,
  ZStockMovement,
  ZStockReceipt,
} from '@crossgate/contract';
import {
  addAccountBookItem,
  createAccountBook,
  listAccountBooks,
  receiveStock,
  stockLedger,
} from '../../services/account-books.ts';
import type { Deps } from '../../services/context.ts';
import { contextOf } from '../auth.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError, 422: ZError };
const ZEmsParams = z.object({ emsNo: z.string().regex(/^[A-Z0-9]{1,30}$/) });

export const accountBookRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/bonded/account-books',
      {
        config: { access: { resource: 'account_book', action: 'read' } },
        schema: {
          tags: ['bonded'],
          summary: '保税账册 Bonded account books with stock',
          response: { 200: z.array(ZAccountBook), ...errors },
        },
      },
      async (request) => listAccountBooks(deps, contextOf(request)),
    );
    app.post(
      '/bonded/account-books',
      {
        config: { access: { resource: 'account_book', action: 'create' } },
        schema: {
          tags: ['bonded'],
          summary: '设立账册 Open an account book (warehouse operator)',
          body: ZCreateAccountBook,
          response: { 201: ZAccountBook, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createAccountBook(deps, contextOf(request), request.body)),
    );
    app.post(
      '/bonded/account-books/:emsNo/items',
      {
        config: { access: { resource: 'account_book', action: 'update' } },
        schema: {
          tags: ['bonded'],
          summary: '备案料号 Add an item to an account book',
          params: ZEmsParams,
          body: ZAddAccountBookItem,
          response: { 200: ZAccountBook, ...errors },
        },
      },
      async (request) => addAccountBookItem(deps, contextOf(request), request.params.emsNo, request.body),
    );
    app.post(
      '/bonded/account-books/:emsNo/receipts',
      {
        config: { access: { resource: 'account_book', action: 'update' } },
        schema: {
          tags: ['bonded'],
          summary: '入区入库 Goods received into the bonded warehouse (stock +)',
          params: ZEmsParams,
          body: ZStockReceipt,
          response: { 200: ZAccountBook, ...errors },
        },
      },
      async (request) => receiveStock(deps, contextOf(request), request.params.emsNo, request.body),
    );
    app.get(
      '/bonded/account-books/:emsNo/movements',
      {
        config: { access: { resource: 'account_book', action: 'read' } },
        schema: {
          tags: ['bonded'],
          summary: '库存台账 Stock ledger of an account book',
          params: ZEmsParams,
          response: { 200: z.array(ZStockMovement), ...errors },
        },
      },
      async (request) => stockLedger(deps, contextOf(request), request.params.emsNo),
    );
  };
