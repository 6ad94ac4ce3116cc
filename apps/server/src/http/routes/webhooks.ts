import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCreatedWebhook,
  ZCreateWebhook,
  ZDeadLetter,
  ZError,
  ZIdParams,
  ZWebhook,
} from '@crossgate/contract';
import type { Deps } from '../../services/context.ts';
import {
  createWebhook,
  disableWebhookById,
  listDeadLetters,
  listWebhooks,
  retryDeadLetter,
  type DeliveryOptions,
} from '../../services/webhooks.ts';
import { contextOf } from '../auth.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 422: ZError };

export const webhookRoutes =
  (deps: Deps, delivery: DeliveryOptions): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/webhooks',
      {
        config: { access: { resource: 'api_key', action: 'read' } },
        schema: {
          tags: ['import'],
          summary: '回执推送 Your receipt webhooks',
          response: { 200: z.array(ZWebhook), ...errors },
        },
      },
      async (request) => listWebhooks(deps, contextOf(request)),
    );
    app.post(
      '/webhooks',
      {
        config: { access: { resource: 'api_key', action: 'create' } },
        schema: {
          tags: ['import'],
          summary: '订阅回执推送 Push your receipts to a URL (signed, retried, dead-lettered)',
          description:
            'At most 10 webhooks per enterprise by default (CROSSGATE_MAX_WEBHOOKS): then 409 WEBHOOK_LIMIT_REACHED.',
          body: ZCreateWebhook,
          response: { 201: ZCreatedWebhook, ...errors, 409: ZError },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createWebhook(deps, contextOf(request), request.body)),
    );
    app.delete(
      '/webhooks/:id',
      {
        config: { access: { resource: 'api_key', action: 'delete' } },
        schema: {
          tags: ['import'],
          summary: '停用推送 Disable a webhook',
          params: ZIdParams,
          response: { 200: ZWebhook, ...errors },
        },
      },
      async (request) => disableWebhookById(deps, contextOf(request), request.params.id),
    );
    app.get(
      '/webhooks/:id/dead-letters',
      {
        config: { access: { resource: 'api_key', action: 'read' } },
        schema: {
          tags: ['import'],
          summary: '推送失败 Receipts the webhook gave up on',
          params: ZIdParams,
          response: { 200: z.array(ZDeadLetter), ...errors },
        },
      },
      async (request) => listDeadLetters(deps, contextOf(request), request.params.id),
    );
    app.post(
      '/webhooks/:id/dead-letters/:deadLetterId/retry',
      {
        config: { access: { resource: 'api_key', action: 'read' } },
        schema: {
          tags: ['import'],
          summary: '重新推送 Send a dead-lettered receipt again now',
          params: ZIdParams.extend({ deadLetterId: z.string().regex(/^\d+$/) }),
          response: { 200: z.object({ retried: z.boolean() }), ...errors },
        },
      },
      async (request) =>
        retryDeadLetter(deps, contextOf(request), request.params.id, request.params.deadLetterId, delivery),
    );
  };
