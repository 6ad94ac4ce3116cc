import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZError } from '@crossgate/contract';
import type { Deps } from '../../services/context.ts';
import { acceptImportMessage } from '../../services/import/accept-message.ts';
import type { ClearancePolicy } from '../../services/import/clear-inventory.ts';
import { contextOf } from '../auth.ts';

const XML_TYPES = ['application/xml', 'text/xml'];

/**
 * The CEB gateway: enterprises post one raw CEB message (or a DxpMsg / DxpMsgSv envelope carrying one) and
 * get the synchronous receipt back as XML. Later receipts (120, 800, tax bills …) come through the pull feed.
 */
export const cebGatewayRoutes =
  (deps: Deps, policy: () => Promise<ClearancePolicy>): FastifyPluginAsyncZod =>
  async (app) => {
    for (const type of XML_TYPES) {
      app.addContentTypeParser(type, { parseAs: 'string' }, (_request, body, done) => done(null, body));
    }
    app.post(
      '/messages',
      {
        config: { access: { resource: 'declaration', action: 'create' } },
        schema: {
          tags: ['ceb'],
          summary: '报文接收 Submit one CEB message (XML, or a DxpMsg envelope); answers with the receipt',
          description:
            'Body: a CEB311/411/511/513/621/623/625/711 message as `application/xml`. 200 with the receipt message (per-document returnStatus, negative = refused with the spec code); 400 with a CEB900 format-check receipt when the XML is malformed, hostile or breaks the official XSD. Sending the same bytes again returns the same receipt and changes nothing (header `x-crossgate-replayed: true`).',
          consumes: XML_TYPES,
          body: z.string().describe('the CEB XML message'),
          response: {
            200: z.string().describe('receipt XML'),
            400: z.string().describe('CEB900 receipt XML'),
            401: ZError,
            403: ZError,
            413: ZError,
            415: ZError,
          },
        },
      },
      async (request, reply) => {
        const answer = await acceptImportMessage(deps, contextOf(request), request.body, await policy());
        return reply
          .status(answer.httpStatus)
          .header('content-type', 'application/xml; charset=utf-8')
          .header('x-crossgate-outcome', answer.outcome)
          .header('x-crossgate-replayed', String(answer.replayed))
          .send(answer.receiptXml);
      },
    );
  };
