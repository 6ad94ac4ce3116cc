import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError, ZIdParams, ZPersonalData, ZPersonalDataRequest } from '@crossgate/contract';
import type { Deps } from '../../services/context.ts';
import { revealPersonalData } from '../../services/personal-data.ts';
import { contextOf } from '../auth.ts';

export const personalDataRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/import/inventories/:id/personal-data',
      {
        config: { access: { resource: 'personal_data', action: 'read' } },
        schema: {
          tags: ['import'],
          summary: '查看完整个人信息 A parcel’s personal data in clear (audited)',
          description:
            'ID numbers, telephones, names and addresses of the buyer, payer and consignee as declared. Elsewhere they are always masked. Customs officers (any parcel) and signed-in clerks of an enterprise party to the parcel; never by API key. Every call is written to the audit log with its reason (action personal_data.view).',
          params: ZIdParams,
          body: ZPersonalDataRequest,
          response: { 200: ZPersonalData, 400: ZError, 401: ZError, 403: ZError, 404: ZError },
        },
      },
      async (request) => revealPersonalData(deps, contextOf(request), request.params.id, request.body.reason),
    );
  };
