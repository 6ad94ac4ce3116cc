import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import {
  ERROR_CODES,
  errorMessage,
  pickLanguage,
  type ErrorCode,
  type TError,
  type TErrorDetail,
} from '@crossgate/contract';
import { maskFieldError } from '@crossgate/domain';
import { AppError } from '../errors.ts';

/** Sends the one error shape `{ code, message, details }`, in the caller's language. */
export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  details: TErrorDetail[] = [],
) {
  const body: TError = {
    code,
    message: errorMessage(code, pickLanguage(request.headers['accept-language'])),
    details,
    requestId: request.id,
  };
  return reply.status(ERROR_CODES[code].status).type('application/json; charset=utf-8').send(body);
}

interface ZodIssueView {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: {
    expected?: unknown;
    minimum?: unknown;
    maximum?: unknown;
    pattern?: unknown;
    format?: unknown;
    values?: unknown[];
  };
}

const SOURCES: Record<string, (r: FastifyRequest) => unknown> = {
  body: (r) => r.body,
  querystring: (r) => r.query,
  params: (r) => r.params,
  headers: (r) => r.headers,
};

/**
 * The value the caller sent at a JSON path, as text for the error detail ("(missing)" when absent). An object or
 * array is described, not copied: the values inside it (a person's ID number …) are not echoed.
 */
function sentValue(root: unknown, path: string[]): string {
  let value = root;
  for (const key of path)
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  if (value === undefined) return '(missing)';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value !== null && typeof value === 'object')
    return `an object {${Object.keys(value).slice(0, 10).join(', ')}}`.slice(0, 120);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function expectation(p: NonNullable<ZodIssueView['params']>): string | undefined {
  if (p.values) return `one of ${p.values.map(String).join(', ')}`;
  if (p.format === 'regex' && p.pattern !== undefined) return `matches ${String(p.pattern)}`;
  if (p.minimum !== undefined) return `≥ ${String(p.minimum)}`;
  if (p.maximum !== undefined) return `≤ ${String(p.maximum)}`;
  if (p.format !== undefined) return String(p.format);
  if (p.expected !== undefined) return String(p.expected);
  return undefined;
}

function validationDetails(request: FastifyRequest, error: FastifyError): TErrorDetail[] {
  const context = (error as FastifyError & { validationContext?: string }).validationContext ?? 'body';
  const root = SOURCES[context]?.(request);
  return ((error.validation ?? []) as ZodIssueView[]).map((v) => {
    const path = (v.instancePath ?? '').split('/').filter(Boolean);
    const detail: TErrorDetail = {
      field: [context, ...path].join('.'),
      rule: v.message ?? v.keyword ?? 'invalid',
      actual: sentValue(root, path),
    };
    const expected = v.params ? expectation(v.params) : undefined;
    if (expected !== undefined) detail.expected = expected;
    return maskFieldError(detail); // an ID number, telephone, name or address sent is shown masked
  });
}

/**
 * The database cannot be reached right now (restarting, failing over, network): 503, so clients retry, not
 * 500. Socket errors (a Unix socket is gone while the server restarts: ENOENT on connect), SQLSTATE class 08
 * (connection exception), 57P01–57P03 (admin / crash shutdown, cannot connect now), and pg's own messages for
 * a connection that died under a query.
 */
const SOCKET_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
function databaseUnavailable(error: FastifyError, pgCode: string | undefined): boolean {
  if (pgCode === undefined)
    return /^Connection terminated|Client has encountered a connection error|Connection terminated unexpectedly/.test(
      error.message,
    );
  if (SOCKET_DOWN.has(pgCode) || pgCode.startsWith('08') || /^57P0[123]$/.test(pgCode)) return true;
  return pgCode === 'ENOENT' && (error as { syscall?: string }).syscall === 'connect';
}

const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';
const PG_CHECK_VIOLATION = '23514';
const PG_CHARACTER_NOT_IN_REPERTOIRE = '22021';
const PG_UNTRANSLATABLE_CHARACTER = '22P05';

/** The media types a route declares it takes (`schema.consumes`), when it declares them. */
const consumedBy = (request: FastifyRequest): string[] | undefined =>
  (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes;

const mediaType = (request: FastifyRequest) =>
  String(request.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase() ?? '';

/**
 * A body the route could not read because it came in a type the route does not take: the CEB gateway takes
 * XML, but Fastify's JSON parser still reads an `application/json` body and fails on it (or hands the route
 * an object). That is the caller's content type, answered 415 with the types the route takes — not a 400,
 * which on the gateway is a CEB900 receipt.
 */
function unsupportedBodyType(request: FastifyRequest, error: FastifyError): TErrorDetail[] | undefined {
  const consumes = consumedBy(request);
  const type = mediaType(request);
  if (!consumes || type === '' || consumes.includes(type)) return undefined;
  const bodyError =
    error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    (error instanceof SyntaxError && error.statusCode === 400) ||
    (hasZodFastifySchemaValidationErrors(error) &&
      (error as FastifyError & { validationContext?: string }).validationContext === 'body');
  return bodyError
    ? [
        {
          field: 'content-type',
          rule: 'a content type the endpoint takes',
          expected: consumes.join(', '),
          actual: String(request.headers['content-type'] ?? ''),
        },
      ]
    : undefined;
}

/**
 * A JSON parser's message without its quote of the body: newer V8 says `Unexpected token 'X', ..."21X}" is not
 * valid JSON`, which may quote a person's data. The position (where there is one) is enough to find the fault.
 */
const withoutQuote = (message: string) =>
  message.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, ' is not valid JSON');

/**
 * @param webApp the web app's index.html, read when asked (absent when the app is not built): the page for
 *   any GET of a browser route the API does not know.
 */
export function registerErrorHandling(app: FastifyInstance, webApp?: () => string) {
  app.setErrorHandler((error: FastifyError & { cause?: unknown }, request, reply) => {
    if (error instanceof AppError) return sendError(request, reply, error.code, error.details);
    const wrongType = unsupportedBodyType(request, error);
    if (wrongType) return sendError(request, reply, 'UNSUPPORTED_MEDIA_TYPE', wrongType);
    if (hasZodFastifySchemaValidationErrors(error))
      return sendError(
        request,
        reply,
        'VALIDATION_FAILED',
        validationDetails(request, error as FastifyError),
      );
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause?.issues }, 'response does not match its schema');
      return sendError(request, reply, 'INTERNAL');
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(request, reply, 'PAYLOAD_TOO_LARGE', [
          { field: 'body', rule: 'body size limit', expected: `≤ ${app.initialConfig.bodyLimit} bytes` },
        ]);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(request, reply, 'UNSUPPORTED_MEDIA_TYPE', [
          {
            field: 'content-type',
            rule: 'a supported content type',
            expected: consumedBy(request)?.join(', ') ?? 'application/json',
            actual: String(request.headers['content-type'] ?? ''),
          },
        ]);
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendError(request, reply, 'MALFORMED_BODY', [
          { field: 'body', rule: 'well-formed JSON', actual: withoutQuote(error.message) },
        ]);
    }
    if (error instanceof SyntaxError && error.statusCode === 400) {
      return sendError(request, reply, 'MALFORMED_BODY', [
        { field: 'body', rule: 'well-formed JSON', actual: withoutQuote(error.message) },
      ]);
    }
    const pgCode = (error as { code?: string }).code;
    const constraint = (error as { constraint?: string }).constraint;
    if (pgCode === PG_UNIQUE_VIOLATION)
      return sendError(request, reply, 'CONFLICT', [{ field: constraint ?? 'record', rule: 'unique' }]);
    if (pgCode === PG_FOREIGN_KEY_VIOLATION || pgCode === PG_CHECK_VIOLATION) {
      return sendError(request, reply, 'RULE_VIOLATION', [
        {
          field: constraint ?? 'record',
          rule: pgCode === PG_CHECK_VIOLATION ? 'database check constraint' : 'referenced record exists',
        },
      ]);
    }
    // PostgreSQL text cannot hold U+0000 (22021) and refuses characters its encoding lacks (22P05): a JSON
    // string may carry either ("\u0000"). The caller's data, not a fault of the server.
    if (pgCode === PG_CHARACTER_NOT_IN_REPERTOIRE || pgCode === PG_UNTRANSLATABLE_CHARACTER)
      return sendError(request, reply, 'VALIDATION_FAILED', [
        {
          field: 'body',
          rule: 'text without NUL (U+0000) or other characters the database cannot store',
          actual: error.message,
        },
      ]);
    if (databaseUnavailable(error, pgCode)) {
      request.log.error({ err: error }, 'database unavailable');
      return sendError(request, reply, 'DATABASE_UNAVAILABLE');
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.warn({ err: error }, 'client error');
      return sendError(request, reply, 'VALIDATION_FAILED', [{ field: 'request', rule: error.message }]);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 'INTERNAL');
  });

  app.setNotFoundHandler((request, reply) => {
    // The web app's own routes (/enterprise/…, /public/…) are answered with its page; the API keeps its 404.
    const path = request.url.split('?')[0] ?? '';
    if (
      webApp &&
      request.method === 'GET' &&
      !/^\/(api|ceb|docs|health|metrics|verify|assets)(\/|$)/.test(path) &&
      (request.headers.accept ?? '').includes('text/html')
    )
      return reply.type('text/html; charset=utf-8').send(webApp());
    return sendError(request, reply, 'ROUTE_NOT_FOUND', [
      {
        field: 'url',
        rule: 'an endpoint listed at /docs',
        actual: `${request.method} ${request.url.split('?')[0]}`,
      },
    ]);
  });
}
