import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZError } from '@crossgate/contract';
import type { Deps } from '../../services/context.ts';
import { validateMessage } from '../../services/sandbox.ts';

const XML_TYPES = ['application/xml', 'text/xml'];

export const ZSandboxFieldError = z
  .object({
    path: z.string().describe('full element path, e.g. `CEB311Message/Order[2]/OrderHead/orderNo`'),
    field: z.string().describe('element and field, e.g. `OrderHead.orderNo`'),
    rule: z.string().describe('the rule broken (XSD facet, required element, well-formedness …)'),
    expected: z.string().optional(),
    actual: z.string().optional(),
  })
  .meta({ id: 'SandboxFieldError' });

export const ZSandboxResult = z
  .discriminatedUnion('ok', [
    z.object({
      ok: z.literal(true),
      messageType: z.string().describe('root element, e.g. CEB621Message'),
      nameZh: z.string().describe('the message in Chinese, e.g. 进口清单'),
      direction: z.enum(['import', 'export']),
      version: z.enum(['202205', '2018']).describe('the official XSD version it validates against'),
      documents: z.number().int().describe('business documents in the message (Order, Inventory …)'),
      enveloped: z.boolean().describe('sent in a DxpMsg / DxpMsgSv envelope'),
    }),
    z.object({
      ok: z.literal(false),
      code: z.string().describe('the CEB900 returnStatus the gateway would answer: -1, -2, -999 …'),
      desc: z.string().describe('its description, e.g. 数据包不能通过schema验证'),
      messageType: z.string().describe('root element when known, else Unknown'),
      errors: z.array(ZSandboxFieldError),
    }),
  ])
  .meta({ id: 'SandboxResult' });

/**
 * The message workbench (报文工作台): check a CEB message without declaring it. The XML body parser is
 * registered in this plugin only (like the CEB gateway's), so the rest of the JSON API is unaffected.
 */
export const sandboxRoutes =
  (_deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    for (const type of XML_TYPES) {
      app.addContentTypeParser(type, { parseAs: 'string' }, (_request, body, done) => done(null, body));
    }
    app.post(
      '/sandbox/validate',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags: ['ceb'],
          summary: '报文校验 Validate a CEB message without declaring it (nothing stored, no receipt)',
          description:
            'Body: one CEB message (or a DxpMsg / DxpMsgSv envelope) as `application/xml` or `text/xml`, at most the server body limit. Runs the format check of `POST /ceb/messages` — well-formed, safe XML, an inbound message of either direction, the official XSD (202205, then 2018) — and answers 200 with `ok: true` and what the message is, or `ok: false` with the CEB900 code the gateway would answer and every bad field. Business rules (copCode, filing, three-document match) run only when the message is declared.',
          consumes: XML_TYPES,
          body: z.string().describe('the CEB XML message'),
          response: { 200: ZSandboxResult, 400: ZError, 401: ZError, 413: ZError, 415: ZError },
        },
      },
      // Any signed-in user or API key: the authentication hook has already refused anonymous callers.
      async (request) => validateMessage(request.body),
    );
  };
