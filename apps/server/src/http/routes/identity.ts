import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZApiKey,
  ZCreateApiKey,
  ZCreatedApiKey,
  ZCreateOrganisation,
  ZCreateUser,
  ZError,
  ZIdParams,
  ZOrganisation,
  ZOrganisationQuery,
  ZPage,
  ZPageQuery,
  ZUser,
  ZRegisterSigningKey,
  ZSigningKey,
} from '@crossgate/contract';
import { z } from 'zod';
import { listSigningKeys, registerSigningKey, revokeKeyById } from '../../services/signing-keys.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/api-keys.ts';
import type { Deps } from '../../services/context.ts';
import { createOrganisation, getOrganisation, listOrganisations } from '../../services/organisations.ts';
import { createUser, listUsers, requireSession } from '../../services/users.ts';
import { requireUserPasswordChange } from '../../services/passwords.ts';
import { contextOf } from '../auth.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

export const identityRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/organisations',
      {
        config: { access: { resource: 'organisation', action: 'read' } },
        schema: {
          tags: ['identity'],
          summary: '组织机构列表 Organisations',
          querystring: ZPageQuery.extend(ZOrganisationQuery.shape),
          response: { 200: ZPage(ZOrganisation), ...errors },
        },
      },
      async (request) => listOrganisations(deps, contextOf(request), request.query),
    );
    app.post(
      '/organisations',
      {
        config: { access: { resource: 'organisation', action: 'create' } },
        schema: {
          tags: ['identity'],
          summary: '登记组织机构 Register an organisation (zone office)',
          body: ZCreateOrganisation,
          response: { 201: ZOrganisation, ...errors, 422: ZError },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createOrganisation(deps, contextOf(request), request.body)),
    );
    app.get(
      '/organisations/:id',
      {
        config: { access: { resource: 'organisation', action: 'read' } },
        schema: {
          tags: ['identity'],
          summary: '组织机构 Organisation',
          params: ZIdParams,
          response: { 200: ZOrganisation, ...errors },
        },
      },
      async (request) => getOrganisation(deps, contextOf(request), request.params.id),
    );

    app.get(
      '/users',
      {
        config: { access: { resource: 'user', action: 'read' } },
        schema: {
          tags: ['identity'],
          summary: '用户列表 Users of your organisation',
          querystring: ZPageQuery,
          response: { 200: ZPage(ZUser), ...errors },
        },
      },
      async (request) => listUsers(deps, contextOf(request), request.query),
    );
    app.post(
      '/users',
      {
        config: { access: { resource: 'user', action: 'create' } },
        schema: {
          tags: ['identity'],
          summary: '新建用户 Create a user',
          body: ZCreateUser,
          response: { 201: ZUser, ...errors },
        },
      },
      async (request, reply) => {
        const ctx = contextOf(request);
        requireSession(ctx);
        return reply.status(201).send(await createUser(deps, ctx, request.body));
      },
    );

    app.get(
      '/api-keys',
      {
        config: { access: { resource: 'api_key', action: 'read' } },
        schema: {
          tags: ['identity'],
          summary: 'API 密钥列表 API keys of your enterprise',
          querystring: ZPageQuery,
          response: { 200: ZPage(ZApiKey), ...errors },
        },
      },
      async (request) => listApiKeys(deps, contextOf(request), request.query),
    );
    app.post(
      '/api-keys',
      {
        config: { access: { resource: 'api_key', action: 'create' } },
        schema: {
          tags: ['identity'],
          summary: '签发 API 密钥 Issue an API key (the secret is shown once)',
          description:
            'At most 20 active keys per enterprise by default (CROSSGATE_MAX_API_KEYS): then 409 API_KEY_LIMIT_REACHED.',
          body: ZCreateApiKey,
          response: { 201: ZCreatedApiKey, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createApiKey(deps, contextOf(request), request.body)),
    );
    app.delete(
      '/api-keys/:id',
      {
        config: { access: { resource: 'api_key', action: 'delete' } },
        schema: {
          tags: ['identity'],
          summary: '吊销 API 密钥 Revoke an API key',
          params: ZIdParams,
          response: { 200: ZApiKey, ...errors },
        },
      },
      async (request) => revokeApiKey(deps, contextOf(request), request.params.id),
    );
    app.get(
      '/signing-keys',
      {
        config: { access: { resource: 'api_key', action: 'read' } },
        schema: {
          tags: ['identity'],
          summary: '签名证书 Signing keys of your enterprise',
          response: { 200: z.array(ZSigningKey), ...errors },
        },
      },
      async (request) => listSigningKeys(deps, contextOf(request)),
    );
    app.post(
      '/signing-keys',
      {
        config: { access: { resource: 'api_key', action: 'create' } },
        schema: {
          tags: ['identity'],
          summary:
            '登记签名证书 Register a signing certificate or public key (RSA or SM2); signatures are verified from then on',
          body: ZRegisterSigningKey,
          response: { 201: ZSigningKey, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await registerSigningKey(deps, contextOf(request), request.body)),
    );
    app.delete(
      '/signing-keys/:id',
      {
        config: { access: { resource: 'api_key', action: 'delete' } },
        schema: {
          tags: ['identity'],
          summary: '吊销签名证书 Revoke a signing key',
          params: ZIdParams,
          response: { 200: ZSigningKey, ...errors },
        },
      },
      async (request) => revokeKeyById(deps, contextOf(request), request.params.id),
    );
    app.post(
      '/users/:id/require-password-change',
      {
        config: { access: { resource: 'user', action: 'update' } },
        schema: {
          tags: ['identity'],
          summary:
            '要求下次登录修改密码 Require the user to change their password: until then their sessions reach only the change itself and sign-out',
          params: ZIdParams,
          response: { 200: ZUser, ...errors },
        },
      },
      async (request) => requireUserPasswordChange(deps, contextOf(request), request.params.id),
    );
  };
