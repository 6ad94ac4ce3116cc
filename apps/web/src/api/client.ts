import type { ZodType } from 'zod';

/** An API refusal as the server sends it: code, message (in the request's language) and per-field details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { field: string; rule: string; expected?: string; actual?: string }[] = [],
    /** the server's request id, for the administrator (shown under "technical detail") */
    readonly requestId?: string,
  ) {
    super(message);
  }
}

let language = 'zh-CN';
/** The UI language, sent as Accept-Language so refusals come back in it. */
export const setApiLanguage = (lng: string) => {
  language = lng;
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The CSRF token the server issued with the session: the `cg_csrf` cookie, readable by this page's script (and
 * by no other site's). Undefined when signed out.
 */
export function csrfToken(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'cg_csrf') return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * The header a write signed in by cookie must carry (double-submit CSRF protection, decision 0015): the
 * server refuses POST, PUT, PATCH and DELETE whose `x-csrf-token` does not repeat the `cg_csrf` cookie.
 * Empty for reads. Use it for any request that does not go through `api()`.
 */
export function csrfHeaders(method = 'GET'): Record<string, string> {
  const token = UNSAFE.has(method.toUpperCase()) ? csrfToken() : undefined;
  return token ? { 'x-csrf-token': token } : {};
}

/**
 * Calls the platform's API with the session cookie (and, for writes, its CSRF token). Responses are validated against the contract's zod
 * schema when one is given (never cast), so a mismatch shows as an error instead of a broken page.
 */
export async function api<T>(
  path: string,
  options: {
    method?: string;
    body?: unknown;
    schema?: ZodType<T>;
    raw?: BodyInit;
    contentType?: string;
  } = {},
): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { 'accept-language': language, ...csrfHeaders(method) };
  let body: BodyInit | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
    if (options.contentType) headers['content-type'] = options.contentType;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(path, {
    method,
    headers,
    body,
    credentials: 'same-origin',
  });
  const text = await res.text();
  const data: unknown =
    text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
  if (!res.ok) {
    const e = (data ?? {}) as {
      code?: string;
      message?: string;
      details?: ApiError['details'];
      requestId?: string;
    };
    throw new ApiError(
      res.status,
      e.code ?? `HTTP_${res.status}`,
      e.message ?? res.statusText,
      e.details ?? [],
      e.requestId,
    );
  }
  return options.schema ? options.schema.parse(data) : (data as T);
}

/** Builds a query string from the defined values. */
export const qs = (params: Record<string, string | number | boolean | undefined | null>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};
