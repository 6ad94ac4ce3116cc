import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZError,
  ZIdParams,
  ZPage,
  ZPageQuery,
  ZProduct,
  ZProductInput,
  ZProductPatch,
  ZProductQuery,
} from '@crossgate/contract';
import type { Deps } from '../../services/context.ts';
import {
  createProduct,
  deleteProductById,
  getProduct,
  listProducts,
  updateProductById,
} from '../../services/products.ts';
import { contextOf } from '../auth.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError, 422: ZError };

export const productRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/products',
      {
        config: { access: { resource: 'product', action: 'read' } },
        schema: {
          tags: ['products'],
          summary: '商品列表 Products',
          querystring: ZPageQuery.extend(ZProductQuery.shape),
          response: { 200: ZPage(ZProduct), ...errors },
        },
      },
      async (request) => listProducts(deps, contextOf(request), request.query),
    );
    app.get(
      '/products/:id',
      {
        config: { access: { resource: 'product', action: 'read' } },
        schema: {
          tags: ['products'],
          summary: '商品 Product',
          params: ZIdParams,
          response: { 200: ZProduct, ...errors },
        },
      },
      async (request) => getProduct(deps, contextOf(request), request.params.id),
    );
    app.post(
      '/products',
      {
        config: { access: { resource: 'product', action: 'create' } },
        schema: {
          tags: ['products'],
          summary: '新增商品 Add a product',
          body: ZProductInput,
          response: { 201: ZProduct, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createProduct(deps, contextOf(request), request.body)),
    );
    app.patch(
      '/products/:id',
      {
        config: { access: { resource: 'product', action: 'update' } },
        schema: {
          tags: ['products'],
          summary: '修改商品 Change a product',
          params: ZIdParams,
          body: ZProductPatch,
          response: { 200: ZProduct, ...errors },
        },
      },
      async (request) => updateProductById(deps, contextOf(request), request.params.id, request.body),
    );
    app.delete(
      '/products/:id',
      {
        config: { access: { resource: 'product', action: 'delete' } },
        schema: {
          tags: ['products'],
          summary: '删除商品 Delete a product',
          params: ZIdParams,
          response: { 204: z.undefined(), ...errors },
        },
      },
      async (request, reply) => {
        await deleteProductById(deps, contextOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
