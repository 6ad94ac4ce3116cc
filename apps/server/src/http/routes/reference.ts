import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCodeEntry,
  ZCodeQuery,
  ZCodeTable,
  ZCreateTariffRate,
  ZError,
  ZHsCode,
  ZHsQuery,
  ZIdParams,
  ZPage,
  ZPageQuery,
  ZTariffLine,
  ZTariffLineQuery,
  ZTariffLookup,
  ZTariffLookupQuery,
  ZTariffRate,
  ZUpdateTariffRate,
} from '@crossgate/contract';
import type { Deps } from '../../services/context.ts';
import {
  addTariffRate,
  editTariffRate,
  getHsCode,
  listTariffLines,
  lookupTariffRate,
  searchCodes,
  searchHsCodes,
} from '../../services/reference.ts';
import { contextOf } from '../auth.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError, 422: ZError };
const open = { public: true } as const;

/** Reference data is public (a public-service function of the window); editing tariff rates is not. */
export const referenceRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/reference/hs',
      {
        config: { access: open },
        schema: {
          tags: ['reference'],
          summary: 'HS 编码查询 Search the HS nomenclature',
          querystring: ZPageQuery.extend(ZHsQuery.shape),
          response: { 200: ZPage(ZHsCode), 400: ZError },
        },
      },
      async (request) => searchHsCodes(deps, request.query),
    );
    app.get(
      '/reference/hs/:code',
      {
        config: { access: open },
        schema: {
          tags: ['reference'],
          summary: 'HS 编码 One HS code',
          params: z.object({ code: z.string().regex(/^\d{2,6}$/) }),
          response: { 200: ZHsCode, 400: ZError, 404: ZError },
        },
      },
      async (request) => getHsCode(deps, request.params.code),
    );
    app.get(
      '/reference/codes/:table',
      {
        config: { access: open },
        schema: {
          tags: ['reference'],
          summary: '海关参数代码表 Customs code tables: countries, currencies, units, customs-offices',
          params: z.object({ table: ZCodeTable }),
          querystring: ZPageQuery.extend(ZCodeQuery.shape),
          response: { 200: ZPage(ZCodeEntry), 400: ZError },
        },
      },
      async (request) => searchCodes(deps, request.params.table, request.query),
    );
    app.get(
      '/reference/tariff-lines',
      {
        config: { access: open },
        schema: {
          tags: ['reference'],
          summary: '税则税率 Tariff lines with their rate periods',
          querystring: ZPageQuery.extend(ZTariffLineQuery.shape),
          response: { 200: ZPage(ZTariffLine), 400: ZError },
        },
      },
      async (request) => listTariffLines(deps, request.query),
    );
    app.get(
      '/reference/tariff-rates/lookup',
      {
        config: { access: open },
        schema: {
          tags: ['reference'],
          summary: '按日期查税率 The rates of a tariff line in force on a date',
          querystring: ZTariffLookupQuery,
          response: { 200: ZTariffLookup, 400: ZError, 404: ZError },
        },
      },
      async (request) => lookupTariffRate(deps, request.query.hsCode, request.query.date),
    );
    app.post(
      '/reference/tariff-rates',
      {
        config: { access: { resource: 'tariff_rate', action: 'create' } },
        schema: {
          tags: ['reference'],
          summary: '新增税率期间 Add a rate period (administrators)',
          body: ZCreateTariffRate,
          response: { 201: ZTariffRate, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await addTariffRate(deps, contextOf(request), request.body)),
    );
    app.patch(
      '/reference/tariff-rates/:id',
      {
        config: { access: { resource: 'tariff_rate', action: 'update' } },
        schema: {
          tags: ['reference'],
          summary: '修改税率期间 Edit a rate period (administrators)',
          params: ZIdParams,
          body: ZUpdateTariffRate,
          response: { 200: ZTariffRate, ...errors },
        },
      },
      async (request) => editTariffRate(deps, contextOf(request), request.params.id, request.body),
    );
  };
