import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZEntryAnswer,
  ZEntryDeclare,
  ZEntryDraft,
  ZEntryDraftInput,
  ZEntryDraftQuery,
  ZEntryForm,
  ZEntryMessageParams,
  ZEntryPrevious,
  ZError,
  ZIdParams,
} from '@crossgate/contract';
import type { Deps } from '../../services/context.ts';
import type { ClearancePolicy } from '../../services/import/clear-inventory.ts';
import {
  declareEntry,
  deleteEntryDraft,
  entryForm,
  getEntryDraft,
  listEntryDrafts,
  previousEntries,
  saveEntryDraft,
} from '../../services/import/entry.ts';
import { contextOf } from '../auth.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 422: ZError };
const read = { access: { resource: 'declaration', action: 'read' } } as const;
const create = { access: { resource: 'declaration', action: 'create' } } as const;

/** 申报录入 (decision 0035): forms, drafts and templates of an enterprise, and declaring a form. */
export const entryRoutes =
  (deps: Deps, policy: () => Promise<ClearancePolicy>): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/entry/forms/:messageType',
      {
        config: read,
        schema: {
          tags: ['entry'],
          summary: '申报录入表单 The form of a message type: XSD fields and facets, defaults, signing',
          params: ZEntryMessageParams,
          response: { 200: ZEntryForm, ...errors },
        },
      },
      async (request) => entryForm(deps, contextOf(request), request.params.messageType, await policy()),
    );
    app.post(
      '/entry/forms/:messageType/declare',
      {
        config: create,
        schema: {
          tags: ['entry'],
          summary:
            '申报 Declare a form: the CEB message is built here and accepted as the gateway accepts it',
          params: ZEntryMessageParams,
          body: ZEntryDeclare,
          response: { 200: ZEntryAnswer, ...errors },
        },
      },
      async (request) =>
        declareEntry(deps, contextOf(request), request.params.messageType, request.body, await policy()),
    );
    app.get(
      '/entry/forms/:messageType/previous',
      {
        config: read,
        schema: {
          tags: ['entry'],
          summary: '复制历史申报 Your latest declarations of this type, as form values to copy',
          params: ZEntryMessageParams,
          response: { 200: z.array(ZEntryPrevious), ...errors },
        },
      },
      async (request) => previousEntries(deps, contextOf(request), request.params.messageType),
    );
    app.get(
      '/entry/drafts',
      {
        config: read,
        schema: {
          tags: ['entry'],
          summary: '暂存与模板 Your enterprise’s drafts and templates',
          querystring: ZEntryDraftQuery,
          response: { 200: z.array(ZEntryDraft), ...errors },
        },
      },
      async (request) => listEntryDrafts(deps, contextOf(request), request.query),
    );
    app.get(
      '/entry/drafts/:id',
      {
        config: read,
        schema: {
          tags: ['entry'],
          summary: '暂存/模板 One draft or template of your enterprise',
          params: ZIdParams,
          response: { 200: ZEntryDraft, ...errors },
        },
      },
      async (request) => getEntryDraft(deps, contextOf(request), request.params.id),
    );
    app.post(
      '/entry/drafts',
      {
        config: create,
        schema: {
          tags: ['entry'],
          summary: '暂存/存为模板 Save a draft or a template',
          body: ZEntryDraftInput,
          response: { 200: ZEntryDraft, ...errors },
        },
      },
      async (request) => saveEntryDraft(deps, contextOf(request), request.body),
    );
    app.put(
      '/entry/drafts/:id',
      {
        config: create,
        schema: {
          tags: ['entry'],
          summary: '更新暂存/模板 Replace a draft’s or template’s name and values',
          params: ZIdParams,
          body: ZEntryDraftInput,
          response: { 200: ZEntryDraft, ...errors },
        },
      },
      async (request) => saveEntryDraft(deps, contextOf(request), request.body, request.params.id),
    );
    app.delete(
      '/entry/drafts/:id',
      {
        config: create,
        schema: {
          tags: ['entry'],
          summary: '删除暂存/模板 Delete a draft or template',
          params: ZIdParams,
          response: { 200: z.object({ id: z.uuid(), deleted: z.literal(true) }), ...errors },
        },
      },
      async (request) => {
        await deleteEntryDraft(deps, contextOf(request), request.params.id);
        return { id: request.params.id, deleted: true as const };
      },
    );
  };
