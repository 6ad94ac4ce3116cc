import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { CONTENT_SECURITY_POLICY, HSTS } from '../src/http/security-headers.ts';
import { gatewayFor } from './support/import-kit.ts';
import { startPlatform, type Platform } from './support/platform.ts';

/**
 * Security headers on every kind of response (API, refusals, the web app, downloads, public pages, the API
 * docs) and /metrics for operators only. HTTP-level behaviour: one engine (PGlite) is enough.
 */
const METRICS_TOKEN = 'metrics-token-for-tests-0123456789abcdef';

function expectSecurityHeaders(res: LightMyRequestResponse, what: string) {
  const h = res.headers;
  const csp = String(h['content-security-policy'] ?? '');
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).not.toContain("'unsafe-eval'");
  expect(csp, what).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(h['x-frame-options'], what).toBe('DENY');
  expect(h['x-content-type-options'], what).toBe('nosniff');
  expect(h['referrer-policy'], what).toBe('same-origin');
  expect(h['cross-origin-opener-policy'], what).toBe('same-origin');
}

describe('security headers and operator endpoints', () => {
  let p: Platform;
  let tls: Platform;
  beforeAll(async () => {
    p = await startPlatform('pglite', { metricsToken: METRICS_TOKEN });
    // Behind a TLS-terminating proxy the platform trusts (X-Forwarded-Proto: https).
    tls = await startPlatform('pglite', { trustProxy: true });
  });
  afterAll(async () => {
    await p?.close();
    await tls?.close();
  });

  it('sets them on API answers, refusals and 404s', async () => {
    expectSecurityHeaders(await p.app.inject({ url: '/health' }), 'health');
    expectSecurityHeaders(await p.app.inject({ url: '/api/v1/reference/hs?q=0401' }), 'reference');
    const refused = await p.app.inject({ url: '/api/v1/products' });
    expect(refused.statusCode).toBe(401);
    expectSecurityHeaders(refused, '401');
    const forbidden = await p.app.inject({ url: '/metrics', headers: { cookie: await p.login('seller') } });
    expect(forbidden.statusCode).toBe(403);
    expectSecurityHeaders(forbidden, '403');
    const missing = await p.app.inject({ url: '/api/v1/no-such-route' });
    expect(missing.statusCode).toBe(404);
    expectSecurityHeaders(missing, '404');
    const bad = await p.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: '', password: '' },
    });
    expect(bad.statusCode).toBe(400);
    expectSecurityHeaders(bad, '400');
  });

  it('sets them on the web app, its assets, the API docs and the public verification page', async () => {
    const index = await p.app.inject({ url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expectSecurityHeaders(index, 'SPA index');
    // A deep link of the single-page app is answered with index.html.
    const deep = await p.app.inject({ url: '/customs/queue', headers: { accept: 'text/html' } });
    expect(deep.statusCode).toBe(200);
    expectSecurityHeaders(deep, 'SPA deep link');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index.body)?.[1];
    expect(script).toBeDefined();
    const asset = await p.app.inject({ url: script as string });
    expect(asset.statusCode).toBe(200);
    expectSecurityHeaders(asset, 'asset');
    const docs = await p.app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expectSecurityHeaders(docs, '/docs');
    expect((await p.app.inject({ url: '/docs/json' })).statusCode).toBe(200);
    const verify = await p.app.inject({ url: '/verify/certificates/NOPE?code=x' });
    expect(verify.statusCode).toBe(404);
    expect(verify.headers['content-type']).toMatch(/text\/html/);
    expectSecurityHeaders(verify, 'verification page');
    const lookup = await p.app.inject({ url: '/api/v1/public/parcels?logisticsNo=LN-NONE' });
    expectSecurityHeaders(lookup, 'public lookup');
  });

  it('sets them on PDF and Excel downloads, which still download', async () => {
    const seller = await p.login('seller');
    const pdf = await p.app.inject({ url: '/api/v1/credit/me/report.pdf', headers: { cookie: seller } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expectSecurityHeaders(pdf, 'PDF');
    const xlsx = await p.app.inject({
      url: '/api/v1/filings/products/template.xlsx',
      headers: { cookie: seller },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toMatch(/attachment/);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expectSecurityHeaders(xlsx, 'XLSX');
  });

  it('keeps the CSP the web app was checked under (Chromium journeys): scripts only from the platform', () => {
    expect(CONTENT_SECURITY_POLICY.directives.scriptSrc).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY.directives.frameAncestors).toEqual(["'none'"]);
  });

  it('sends HSTS only over TLS: not on plain HTTP, yes behind a trusted TLS proxy or with Secure cookies', async () => {
    expect((await p.app.inject({ url: '/health' })).headers['strict-transport-security']).toBeUndefined();
    // An untrusted X-Forwarded-Proto changes nothing.
    const spoofed = await p.app.inject({ url: '/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    const proxied = await tls.app.inject({ url: '/', headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers['strict-transport-security']).toBe(HSTS);
    expectSecurityHeaders(proxied, 'over TLS');
    const refused = await tls.app.inject({
      url: '/api/v1/products',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['strict-transport-security']).toBe(HSTS);
    expect(
      (await tls.app.inject({ url: '/health', headers: { 'x-forwarded-proto': 'http' } })).headers[
        'strict-transport-security'
      ],
    ).toBeUndefined();
    const secure = await startPlatform('pglite', { cookieSecure: true });
    try {
      expect((await secure.app.inject({ url: '/health' })).headers['strict-transport-security']).toBe(HSTS);
    } finally {
      await secure.close();
    }
  });

  describe('/metrics is for operators', () => {
    it('refuses an anonymous caller (401), an enterprise by session or API key and an agency (403)', async () => {
      expect((await p.app.inject({ url: '/metrics' })).statusCode).toBe(401);
      const seller = await p.login('seller');
      expect((await p.app.inject({ url: '/metrics', headers: { cookie: seller } })).statusCode).toBe(403);
      const g = await gatewayFor(p);
      const byKey = await p.app.inject({
        url: '/metrics',
        headers: { authorization: `Bearer ${g.keys.agent}` },
      });
      expect(byKey.statusCode).toBe(403);
      const customs = await p.login('customs');
      expect((await p.app.inject({ url: '/metrics', headers: { cookie: customs } })).statusCode).toBe(403);
    });

    it('refuses a wrong operator token, and any token where none is configured', async () => {
      const wrong = await p.app.inject({
        url: '/metrics',
        headers: { authorization: `Bearer ${METRICS_TOKEN.replace(/.$/, 'X')}` },
      });
      expect(wrong.statusCode).toBe(401);
      const elsewhere = await tls.app.inject({
        url: '/metrics',
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(elsewhere.statusCode).toBe(401);
    });

    it('answers the operator token and a signed-in zone-office administrator', async () => {
      const byToken = await p.app.inject({
        url: '/metrics',
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(byToken.statusCode).toBe(200);
      expect(byToken.body).toContain('crossgate_http_requests_total');
      expectSecurityHeaders(byToken, '/metrics');
      const zone = await p.app.inject({ url: '/metrics', headers: { cookie: await p.login('zone') } });
      expect(zone.statusCode).toBe(200);
      expect(zone.body).toContain('crossgate_process_cpu_user_seconds_total');
      // The token opens /metrics only, not the API.
      const api = await p.app.inject({
        url: '/api/v1/products',
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(api.statusCode).toBe(401);
    });
  });
});
