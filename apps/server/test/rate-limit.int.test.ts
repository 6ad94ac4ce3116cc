import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildImportParcel } from '@crossgate/ceb';
import { ERROR_CODES, type TError } from '@crossgate/contract';
import { loadConfig, loadRateLimits, type RateLimitConfig } from '../src/config.ts';
import { ENGINES } from '../../../test/support/engines.ts';
import { createApiKey } from '../src/services/api-keys.ts';
import { systemContext } from '../src/services/context.ts';
import { orgIdOf } from './support/access-kit.ts';
import { gatewayFor, PARTIES, parcelSpec, type Gateway } from './support/import-kit.ts';
import { DEMO_PASSWORD, json, startPlatform, type Platform } from './support/platform.ts';

/*
 * Rate limits (issue 8: per API key and per IP, 429 with Retry-After; a flood on one enterprise does not starve
 * the others). The limiter counts in memory in the server process and never asks the database, so PGlite alone
 * would prove the limits; the flood test also proves that what it accepts is stored and what it refuses is not,
 * which is the database's business, so the suite runs on both engines (it is cheap: a few seconds each).
 *
 * Each platform gets small budgets of its own through config (the production defaults are never lowered for
 * tests). RATE_LIMIT_FLOOD=<n> sends a bigger flood (default 200 messages against a budget of 40).
 */

const FLOOD = Number(process.env.RATE_LIMIT_FLOOD ?? 200);
const OFF: RateLimitConfig = {
  windowMs: 60_000,
  gateway: 0,
  api: 0,
  public: 0,
  anonymous: 0,
  login: 0,
  authFailures: 0,
  organisation: 0,
};

/**
 * The limiter's clock (buildApp's `rateLimitClock`): it stands still unless a test moves it, so no window
 * ends while a slow machine is still sending a test's requests, and a window is passed by advancing the clock
 * rather than sleeping through it.
 */
function manualClock(start = Date.UTC(2026, 0, 5, 1, 0, 0)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const codeOf = (res: LightMyRequestResponse) => json<TError>(res).code;
const count = (answers: LightMyRequestResponse[], status: number) =>
  answers.filter((a) => a.statusCode === status).length;

function expectRateLimited(res: LightMyRequestResponse, field: string) {
  expect(res.statusCode, res.body).toBe(429);
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(res.headers['x-ratelimit-remaining']).toBe('0');
  const body = json<TError>(res);
  expect(body.code).toBe('RATE_LIMITED');
  expect(body.details).toHaveLength(1);
  expect(body.details[0]?.field).toBe(field);
  expect(body.details[0]?.actual).toContain(`retry after ${retryAfter} s`);
  return body;
}

describe('rate limit configuration', () => {
  it('defaults carry an enterprise batch on the gateway and keep sign-in tight; 0 switches a budget off', () => {
    const d = loadConfig({}).rateLimit;
    expect(d.windowMs).toBe(60_000);
    expect(d.gateway).toBeGreaterThanOrEqual(3000);
    expect(d.gateway).toBeGreaterThan(d.api);
    expect(d.login).toBeLessThan(d.public);
    expect(loadRateLimits({ CROSSGATE_RATE_LOGIN_PER_MIN: '0' }).login).toBe(0);
    expect(loadRateLimits({ CROSSGATE_RATE_GATEWAY_PER_MIN: '90000' }).gateway).toBe(90_000);
    expect(() => loadRateLimits({ CROSSGATE_RATE_PUBLIC_PER_MIN: '-1' })).toThrow(
      /CROSSGATE_RATE_PUBLIC_PER_MIN/,
    );
    expect(() => loadRateLimits({ CROSSGATE_RATE_API_PER_MIN: 'lots' })).toThrow(
      /CROSSGATE_RATE_API_PER_MIN/,
    );
    // One enterprise, all its keys and people: two keys' gateway budgets by default.
    expect(d.organisation).toBe(2 * d.gateway);
    expect(loadRateLimits({ CROSSGATE_RATE_ORG_PER_MIN: '500' }).organisation).toBe(500);
    expect(() => loadRateLimits({ CROSSGATE_RATE_ORG_PER_MIN: '1.5' })).toThrow(/CROSSGATE_RATE_ORG_PER_MIN/);
  });
});

describe.each(ENGINES)('a request budget per enterprise across its keys on %s (issue 13)', (engine) => {
  let p: Platform;
  let keys: string[];
  let otherKey: string;
  beforeAll(async () => {
    p = await startPlatform(
      engine,
      { rateLimit: { ...OFF, api: 5, organisation: 8 } },
      { rateLimitClock: manualClock().now },
    );
    const [platformOrg, sellerOrg] = await Promise.all([
      orgIdOf(p, PARTIES.platform.code),
      orgIdOf(p, PARTIES.seller.code),
    ]);
    const issue = (orgId: string, name: string) =>
      createApiKey({ db: p.database.db }, systemContext(), { name, orgId }).then((k) => k.secret);
    keys = [
      await issue(platformOrg, 'system 1'),
      await issue(platformOrg, 'system 2'),
      await issue(platformOrg, 'system 3'),
    ];
    otherKey = await issue(sellerOrg, 'another enterprise');
  });
  afterAll(() => p?.close());

  const me = (headers: Record<string, string>) => p.app.inject({ url: '/api/v1/auth/me', headers });
  const byKey = (key: string) => me({ authorization: `Bearer ${key}` });

  it('limits one enterprise by its own budget however many keys it issues; other enterprises and agencies are not touched', async () => {
    const [k1, k2, k3] = keys as [string, string, string];
    const first = [];
    for (let i = 0; i < 6; i++) first.push(await byKey(k1));
    expect(first.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 429]);
    // Over its key's budget: refused there, without spending the enterprise's.
    expectRateLimited(first[5] as LightMyRequestResponse, 'Authorization');

    // A second key of the same enterprise: 3 left of the enterprise's 8, the tighter budget in the headers.
    const second = [];
    for (let i = 0; i < 4; i++) second.push(await byKey(k2));
    expect(second.map((r) => r.statusCode)).toEqual([200, 200, 200, 429]);
    expect(second.slice(0, 3).map((r) => r.headers['x-ratelimit-limit'])).toEqual(['8', '8', '8']);
    expect(second.slice(0, 3).map((r) => r.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0']);
    const body = expectRateLimited(second[3] as LightMyRequestResponse, 'organisation');
    expect(body.details[0]?.rule).toBe('8 requests per 60 s');
    expect(body.details[0]?.expected).toBe(
      'requests per enterprise, all its API keys and users together (CROSSGATE_RATE_ORG_PER_MIN)',
    );

    // A third key, fresh, and the enterprise's people signed in: the enterprise's budget is spent.
    expectRateLimited(await byKey(k3), 'organisation');
    expectRateLimited(await me({ cookie: await p.login('platform') }), 'organisation');

    // Another enterprise's key, and a customs officer, have budgets of their own.
    expect((await byKey(otherKey)).statusCode).toBe(200);
    expect((await me({ cookie: await p.login('customs') })).statusCode).toBe(200);
  });
});

describe.each(ENGINES)('rate limits on %s', (engine) => {
  // Minute windows, small budgets; behind a proxy whose X-Forwarded-For is trusted.
  let p: Platform;
  let g: Gateway;
  // A short window, the peer address only (no proxy trusted).
  let s: Platform;
  let sg: Gateway;
  const sClock = manualClock();

  beforeAll(async () => {
    [p, s] = await Promise.all([
      startPlatform(
        engine,
        {
          trustProxy: true,
          rateLimit: { ...OFF, gateway: 40, api: 5, public: 5, login: 3, authFailures: 5 },
        },
        { rateLimitClock: manualClock().now },
      ),
      startPlatform(
        engine,
        {
          trustProxy: false,
          rateLimit: { ...OFF, windowMs: 3000, gateway: 50, api: 3, public: 4 },
        },
        { rateLimitClock: sClock.now },
      ),
    ]);
    [g, sg] = await Promise.all([gatewayFor(p), gatewayFor(s)]);
  });
  afterAll(async () => {
    await Promise.all([p?.close(), s?.close()]);
  });

  it('answers the request over an API key budget with 429, Retry-After and the error shape, and serves it again once the window has passed', async () => {
    const me = (key: string, language?: string) =>
      s.app.inject({
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${key}`, ...(language ? { 'accept-language': language } : {}) },
      });
    const within = [];
    for (let i = 0; i < 3; i++) within.push(await me(sg.keys.seller));
    expect(within.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(within.map((r) => r.headers['x-ratelimit-limit'])).toEqual(['3', '3', '3']);
    expect(within.map((r) => r.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0']);

    const over = await me(sg.keys.seller);
    const body = expectRateLimited(over, 'Authorization');
    // The clock has not moved since the window began: the whole 3 s window is still to wait.
    expect(over.headers['retry-after']).toBe('3');
    expect(over.headers['x-ratelimit-reset']).toBe('3');
    expect(body.message).toBe(ERROR_CODES.RATE_LIMITED.zh);
    expect(body.details[0]?.rule).toBe('3 requests per 3 s');
    expect(body.details[0]?.expected).toContain('CROSSGATE_RATE_API_PER_MIN');
    expect(body.requestId).toBe(over.headers['x-request-id']);
    expect(json<TError>(await me(sg.keys.seller, 'en')).message).toBe(ERROR_CODES.RATE_LIMITED.en);

    // The key's machine channel has its own, larger budget; another key and a signed-in person have theirs.
    const feed = await s.app.inject({
      url: '/api/v1/receipts?cursor=0:0&limit=1',
      headers: { authorization: `Bearer ${sg.keys.seller}` },
    });
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.headers['x-ratelimit-limit']).toBe('50');
    const jsonChannel = await s.app.inject({
      method: 'POST',
      url: '/api/v1/import/messages/CEB311Message',
      headers: { authorization: `Bearer ${sg.keys.seller}` },
      payload: {},
    });
    expect(jsonChannel.statusCode).not.toBe(429);
    expect(jsonChannel.headers['x-ratelimit-remaining']).toBe('48');
    expect((await me(sg.keys.platform)).statusCode).toBe(200);
    const cookie = await s.login('seller');
    expect((await s.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);

    // One millisecond before the window ends the key is still refused; at its end it is served again.
    sClock.advance(2999);
    const last = await me(sg.keys.seller);
    expectRateLimited(last, 'Authorization');
    expect(last.headers['retry-after']).toBe('1');
    sClock.advance(1);
    const again = await me(sg.keys.seller);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['x-ratelimit-remaining']).toBe('2');
    // A budget set to 0 is off: no counting, no headers.
    expect((await s.app.inject({ url: '/health' })).headers['x-ratelimit-limit']).toBeUndefined();
  });

  it("keeps another enterprise's gateway traffic flowing while one floods far over its budget; the excess is refused unstored", async () => {
    const floodSpecs = Array.from({ length: FLOOD }, () => parcelSpec());
    const otherSpecs = Array.from({ length: 30 }, () => parcelSpec());
    const post = (key: string, xml: string) =>
      p.app.inject({
        method: 'POST',
        url: '/ceb/messages',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/xml' },
        payload: xml,
      });
    // Enterprise A (the platform, orders) floods; enterprise B (the payment firm) sends during the flood.
    const floodXml = floodSpecs.map((spec) => buildImportParcel(spec).order);
    const otherXml = otherSpecs.map((spec) => buildImportParcel(spec).payment);
    const floodAnswers = floodXml.map((xml) => post(g.keys.platform, xml));
    const otherAnswers = otherXml.map((xml) => post(g.keys.payment, xml));
    const [flood, other] = await Promise.all([Promise.all(floodAnswers), Promise.all(otherAnswers)]);

    expect(other.map((r) => r.statusCode)).toEqual(otherXml.map(() => 200));
    expect(count(flood, 200)).toBe(40);
    expect(count(flood, 429)).toBe(FLOOD - 40);
    expectRateLimited(flood.find((r) => r.statusCode === 429) as LightMyRequestResponse, 'Authorization');

    const stored = async (docType: 'order' | 'payment', orderNos: string[]) =>
      (
        await p.database.db
          .selectFrom('import_documents')
          .select('order_no')
          .where('doc_type', '=', docType)
          .where('order_no', 'in', orderNos)
          .execute()
      ).map((r) => r.order_no);
    const acceptedOrders = floodSpecs.filter((_, i) => flood[i]?.statusCode === 200).map((sp) => sp.orderNo);
    expect(
      (
        await stored(
          'order',
          floodSpecs.map((sp) => sp.orderNo),
        )
      ).sort(),
    ).toEqual(acceptedOrders.sort());
    expect(
      await stored(
        'payment',
        otherSpecs.map((sp) => sp.orderNo),
      ),
    ).toHaveLength(otherSpecs.length);
  });

  it('limits public lookups per client IP, counting X-Forwarded-For only when the proxy is trusted', async () => {
    const lookup = (
      app: Platform['app'],
      i: number,
      headers: Record<string, string>,
      remoteAddress?: string,
    ) =>
      app.inject({
        url:
          i % 2 === 0
            ? '/api/v1/public/parcels?logisticsNo=NOSUCH0000001'
            : `/verify/certificates/CG-NOSUCH-${i}?code=${'0'.repeat(24)}`,
        headers,
        ...(remoteAddress ? { remoteAddress } : {}),
      });

    // Trusted proxy: each forwarded client has its own budget of 5, shared by the public pages.
    const first = [];
    for (let i = 0; i < 5; i++) first.push(await lookup(p.app, i, { 'x-forwarded-for': '203.0.113.7' }));
    expect(first.map((r) => r.statusCode)).not.toContain(429);
    expectRateLimited(await lookup(p.app, 5, { 'x-forwarded-for': '203.0.113.7' }), 'ip');
    expect((await lookup(p.app, 6, { 'x-forwarded-for': '203.0.113.8' })).statusCode).not.toBe(429);
    // IPv6 counts per /64: another address of the same subscriber shares the budget, another /64 does not.
    for (let i = 0; i < 5; i++) await lookup(p.app, i, { 'x-forwarded-for': '2001:db8:1:2::1' });
    expectRateLimited(await lookup(p.app, 5, { 'x-forwarded-for': '2001:db8:1:2::abcd' }), 'ip');
    expect((await lookup(p.app, 6, { 'x-forwarded-for': '2001:db8:1:3::1' })).statusCode).not.toBe(429);

    // No trusted proxy: a made-up X-Forwarded-For on every request buys no extra budget (4 per peer address).
    const spoofed = await Promise.all(
      Array.from({ length: 6 }, (_, i) => lookup(s.app, i, { 'x-forwarded-for': `198.18.0.${i + 1}` })),
    );
    expect(count(spoofed, 429)).toBe(2);
    expectRateLimited(spoofed.find((r) => r.statusCode === 429) as LightMyRequestResponse, 'ip');
    expect((await lookup(s.app, 0, {}, '10.1.1.2')).statusCode).not.toBe(429);
  });

  it('stops password guessing from one IP before the password is checked, without locking out people who sign in', async () => {
    const login = (ip: string, password: string, username = 'seller') =>
      p.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-for': ip },
        payload: { username, password },
      });
    const sessionsOf = async (username: string) =>
      Number(
        (
          await p.database.db
            .selectFrom('sessions')
            .innerJoin('users', 'users.id', 'sessions.user_id')
            .where('users.username', '=', username)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    const guesses = [];
    for (let i = 0; i < 3; i++) guesses.push(await login('198.51.100.20', `guess-${i}`));
    expect(guesses.map(codeOf)).toEqual(['LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_FAILED']);
    expect(guesses.map((r) => r.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0']);
    // Over the budget even the right password is refused: it is not checked, and no session is opened.
    const before = await sessionsOf('seller');
    expectRateLimited(await login('198.51.100.20', DEMO_PASSWORD), 'ip');
    expect(await sessionsOf('seller')).toBe(before);
    // The same person from another address signs in.
    expect((await login('198.51.100.21', DEMO_PASSWORD)).statusCode).toBe(200);

    // Successful sign-ins give their attempt back: an office behind one address is not locked out.
    const office = [];
    for (const user of ['seller', 'platform', 'payment', 'logistics', 'agent', 'customs'])
      office.push(await login('198.51.100.22', DEMO_PASSWORD, user));
    expect(office.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);

    // A burst of parallel guesses gets no more than the budget: attempts count while they run.
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login('198.51.100.23', `parallel-${i}`)),
    );
    expect(count(burst, 401)).toBe(3);
    expect(count(burst, 429)).toBe(7);
  });

  it("does not let a forged API key (the real key's prefix, a wrong secret) spend the real key's budget", async () => {
    const real = g.keys.agent;
    const forged = `${real.slice(0, 'cg_'.length + 12 + 1)}${'A'.repeat(43)}`; // cg_<prefix>_<secret>
    expect(forged).toMatch(/^cg_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(forged).not.toBe(real);
    const me = (key: string, ip: string) =>
      p.app.inject({
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': ip },
      });

    const attack = [];
    for (let i = 0; i < 8; i++) attack.push(await me(forged, '192.0.2.66'));
    // Refused by authentication; after 5 refusals the address is not even checked any more.
    expect(attack.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(attack.slice(0, 5).map(codeOf)).toEqual(Array(5).fill('UNAUTHENTICATED'));
    expectRateLimited(attack[5] as LightMyRequestResponse, 'ip');

    // The real key still has its whole budget of 5.
    const own = [];
    for (let i = 0; i < 6; i++) own.push(await me(real, '192.0.2.10'));
    expect(own.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 429]);
    expectRateLimited(own[5] as LightMyRequestResponse, 'Authorization');
  });
});
