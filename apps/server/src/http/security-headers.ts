import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The Content-Security-Policy of every response (HTML pages above all: the web app, the API docs, the
 * certificate verification page). What each directive lets through, and why:
 * - scripts only from the platform's own origin, never inline (`script-src 'self'`, inline handlers
 *   `script-src-attr 'none'`): the Vite build emits module scripts with `src` only; Swagger UI's files too;
 * - styles from the platform and inline: Ant Design v5 writes its CSS-in-JS into `<style>` elements at run
 *   time, React and ECharts set `style` attributes, the verification page has a `<style>` block;
 * - images from the platform, `data:` (Swagger UI and Ant Design icons) and `blob:` (chart exports);
 * - requests (`fetch`) to the platform only; no plugins (`object-src 'none'`); no `<base>` elsewhere; forms
 *   post to the platform; no page may frame it (`frame-ancestors 'none'`, clickjacking).
 * `upgrade-insecure-requests` is left out: a zone's intranet deployment served over plain HTTP on an address
 * would otherwise have every asset request turned into an HTTPS one that fails.
 */
export const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
  },
};

/** HSTS max-age: one year. Without includeSubDomains: other hosts of the zone's domain may still be plain HTTP. */
export const HSTS = 'max-age=31536000';

/**
 * Whether this request reached the platform over TLS: directly (`https`), through a proxy the platform trusts
 * (`CROSSGATE_TRUST_PROXY=true` and `X-Forwarded-Proto: https`), or — with `CROSSGATE_COOKIE_SECURE=true` — a
 * TLS-terminating proxy the operator vouches for. The same test marks the session cookie `Secure`.
 */
export const servedOverTls = (request: FastifyRequest, cookieSecure: boolean) =>
  cookieSecure || request.protocol === 'https';

/**
 * Security headers on every response, set in the first onRequest hook so that refusals (401, 403, 429), 404s
 * and errors carry them too: the CSP above, `X-Frame-Options: DENY`, `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy: same-origin`, Cross-Origin-Opener/Resource-Policy `same-origin`, and
 * `Strict-Transport-Security` only when the request came over TLS (an HSTS header on plain HTTP is ignored by
 * browsers at best, and would pin a host that has no certificate at worst).
 *
 * `Referrer-Policy: same-origin`, not `no-referrer`: under `no-referrer` browsers send `Origin: null` with the
 * web app's own POSTs (Fetch standard, "serializing a request origin"), which the CSRF origin check
 * (http/auth.ts) rightly refuses; `same-origin` keeps the Origin of the platform's own writes and sends
 * nothing — not even the origin — to other sites (parcel lookup URLs carry waybill numbers).
 */
export async function registerSecurityHeaders(app: FastifyInstance, options: { cookieSecure: boolean }) {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (servedOverTls(request, options.cookieSecure)) reply.header('strict-transport-security', HSTS);
  });
}
