import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { TErrorDetail } from '@crossgate/contract';
import type { RateLimitConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { SESSION_COOKIE } from './types.ts';

/**
 * Request budgets, so that a flood from one caller cannot starve the others (issue 8, hardening):
 *
 * - per API key (or per signed-in user): the machine channel — CEB gateway `/ceb/…`, the JSON message channel
 *   `POST /api/v1/{import,export}/messages/…` and the receipt feed — has its own, larger budget; every other
 *   authenticated endpoint shares the API budget. Counted after authentication, by the key's id: a forged
 *   key (right prefix, wrong secret) is refused by authentication and never touches the real key's budget.
 * - per enterprise: every authenticated request of its keys and people together, so that issuing more keys
 *   does not multiply what one enterprise may send (issue 13). A request refused by its key's budget does
 *   not spend the enterprise's.
 * - per client IP: public lookups (`/api/v1/public/…`, `/verify/…`); other requests without credentials
 *   (health, reference data, zone …); sign-in attempts that did not succeed (against password guessing, cf.
 *   GB/T 22239-2019 8.1.4.1 登录失败处理: limit failed logins and lock out); requests whose credentials were
 *   refused. The IP is Fastify's `request.ip`: the peer address, or X-Forwarded-For only when
 *   `CROSSGATE_TRUST_PROXY=true`. IPv6 addresses count per /64 (one subscriber's usual allocation).
 *
 * Windows are fixed (`windowMs`, a minute) and counted in memory in each process: with `--workers N` a caller
 * may get up to N times the budget. Over budget: 429 `RATE_LIMITED` with `Retry-After` (seconds) and the
 * `x-ratelimit-limit / -remaining / -reset` headers that @fastify/rate-limit sends on every counted request.
 */

/** Counters kept per budget at most; the oldest are dropped first (an attacker's fresh addresses included). */
const MAX_TRACKED = 100_000;
/** One address: IPv6 counted per /64. */
const IPV6_SUBNET = 64;

type Field = 'Authorization' | 'session' | 'ip' | 'organisation';
interface Verdict {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/** Sign-in, and a password change (it checks the current password): counted per IP by outcome. */
const LOGIN = /^\/api\/v1\/auth\/(login|password)$/;
const PUBLIC_PAGE = /^\/(api\/v1\/public|verify)\//;
/** The machine channel: messages in, receipts out. */
const MACHINE = /^(POST|PUT) \/ceb\/|^POST \/api\/v1\/(import|export)\/messages\/|^GET \/api\/v1\/receipts$/;
/** Routes that answer callers of the API; /docs, /metrics and the web app's files are not counted. */
const COUNTED_ROUTE = /^\/(api|ceb|verify)\/|^\/health$/;
/** Where credentials are checked (public lookups and sign-in aside). */
const AUTHENTICATED_ROUTE = /^\/(ceb\/|api\/(?!v1\/public\/|v1\/auth\/login$))/;

const clientIp = (request: FastifyRequest) => normalizeIP(request.ip, IPV6_SUBNET);

function presentsCredentials(request: FastifyRequest): boolean {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) return true;
  if (typeof request.headers['x-api-key'] === 'string') return true;
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies;
  return Boolean(cookies?.[SESSION_COOKIE]) || (request.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`);
}

const windowText = (ms: number) => `${ms / 1000} s`;

function setHeaders(reply: FastifyReply, v: Verdict) {
  reply.header('x-ratelimit-limit', v.limit);
  reply.header('x-ratelimit-remaining', v.remaining);
  reply.header('x-ratelimit-reset', v.resetSeconds);
}

/** The 429: headers as @fastify/rate-limit sets them, the body in the API's error shape. */
function refuse(reply: FastifyReply, field: Field, v: Verdict, rule: string, budget: string): AppError {
  const retryAfter = Math.max(1, v.resetSeconds);
  setHeaders(reply, { ...v, remaining: 0, resetSeconds: retryAfter });
  reply.header('retry-after', retryAfter);
  const detail: TErrorDetail = {
    field,
    rule,
    expected: budget,
    actual: `limit reached; retry after ${retryAfter} s (Retry-After)`,
  };
  return new AppError('RATE_LIMITED', [detail]);
}

/**
 * Fixed-window counters by key: the store of @fastify/rate-limit's limiters, and the counters of what the
 * plugin cannot count itself (outcomes: an attempt that failed; attempts given back: a sign-in that
 * succeeded). Ours rather than the plugin's LocalStore, which hands every caller the same live counter object:
 * requests counted in one tick all read the last count and are all refused at the edge of the budget.
 * Windows of one store all have the same length and are (re)inserted when they start, so the first entry
 * always ends first: expired and, past MAX_TRACKED, oldest counters are dropped from the front.
 */
class FixedWindows {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  /** `now`: the clock the windows are counted on (milliseconds since the epoch). */
  constructor(private readonly now: () => number = Date.now) {}

  private live(key: string, now: number) {
    const w = this.windows.get(key);
    if (w && w.endsAt > now) return w;
    if (w) this.windows.delete(key);
    return undefined;
  }

  /** The count so far in the key's window (0 and a window starting now when it has none). */
  peek(key: string, now: number, windowMs: number): { count: number; endsAt: number } {
    const w = this.live(key, now);
    return w ? { ...w } : { count: 0, endsAt: now + windowMs };
  }

  /** Counts one more in the key's window; the counts after it. */
  add(key: string, now: number, windowMs: number): { count: number; endsAt: number } {
    let w = this.live(key, now);
    if (!w) {
      for (const [oldest, o] of this.windows) {
        if (o.endsAt > now && this.windows.size < MAX_TRACKED) break;
        this.windows.delete(oldest);
      }
      w = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count += 1;
    return { ...w };
  }

  /** Gives back one count of the window ending at `endsAt` (never one of a later window); the count left. */
  giveBack(key: string, endsAt: number): number | undefined {
    const w = this.windows.get(key);
    if (!w || w.endsAt !== endsAt || w.count === 0) return undefined;
    w.count -= 1;
    return w.count;
  }

  // The store interface of @fastify/rate-limit.
  incr(
    key: string,
    done: (error: Error | null, result?: { current: number; ttl: number }) => void,
    timeWindow: number,
  ) {
    const now = this.now();
    const w = this.add(key, now, timeWindow);
    done(null, { current: w.count, ttl: w.endsAt - now });
  }

  child(): FixedWindows {
    return new FixedWindows(this.now);
  }
}

/** A per-IP budget counted by outcome, ahead of authentication. */
class OutcomeBudget {
  private readonly windows: FixedWindows;
  constructor(
    now: () => number,

    readonly max: number,
    readonly windowMs: number,
  ) {
    this.windows = new FixedWindows(now);
  }
  peek = (key: string, now: number) => this.windows.peek(key, now, this.windowMs);
  add = (key: string, now: number) => this.windows.add(key, now, this.windowMs);
  giveBack = (key: string, endsAt: number) => this.windows.giveBack(key, endsAt);
  verdict(w: { count: number; endsAt: number }, now: number): Verdict {
    return {
      limit: this.max,
      remaining: Math.max(0, this.max - w.count),
      resetSeconds: Math.max(1, Math.ceil((w.endsAt - now) / 1000)),
    };
  }
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;
interface Budget {
  limiter: Limiter;
  max: number;
  field: Field;
  describe: string;
}

/**
 * Registers @fastify/rate-limit and the budgets. Call before the authentication hook and before any route:
 * the per-IP checks of sign-in and refused credentials run ahead of authentication (no password or key is
 * looked at once over budget); the per-caller budgets run in each route's own onRequest hook, which Fastify
 * runs after every instance hook, hence after authentication has named the caller.
 *
 * `now` is the clock every window is counted on: the system clock, unless a test passes one it advances
 * instead of waiting for a window to pass (buildApp's `rateLimitClock`).
 */
export async function registerRateLimits(
  app: FastifyInstance,
  limits: RateLimitConfig,
  now: () => number = Date.now,
): Promise<void> {
  // The plugin makes its store with `new store(options)`: a class bound to our clock.
  const Store = class extends FixedWindows {
    constructor() {
      super(now);
    }
  };
  // global: false — the plugin hooks no route by itself; the budgets below call its limiters.
  await app.register(fastifyRateLimit, { global: false, store: Store });
  const per = windowText(limits.windowMs);

  const limiter = (max: number, keyOf: (request: FastifyRequest) => string): Limiter | undefined =>
    max > 0
      ? app.createRateLimit({
          max,
          timeWindow: limits.windowMs,
          keyGenerator: keyOf, // each limiter has a store of its own: addresses cannot evict keys' counters
        })
      : undefined;
  // Verified callers only (this runs after authentication): the key's id, never anything the caller wrote.
  const callerOf = (request: FastifyRequest) =>
    request.actor?.apiKeyId ? `key:${request.actor.apiKeyId}` : `user:${request.actor?.userId ?? ''}`;
  const gateway = limiter(limits.gateway, callerOf);
  const api = limiter(limits.api, callerOf);
  const organisation = limiter(limits.organisation, (request) => `org:${request.actor?.orgId ?? ''}`);
  const publicPages = limiter(limits.public, clientIp);
  const anonymous = limiter(limits.anonymous, clientIp);

  const budgetOf = (request: FastifyRequest, url: string): Budget | undefined => {
    if (PUBLIC_PAGE.test(url))
      return (
        publicPages && {
          limiter: publicPages,
          max: limits.public,
          field: 'ip',
          describe: 'public lookups per client IP (CROSSGATE_RATE_PUBLIC_PER_MIN)',
        }
      );
    const actor = request.actor;
    if (actor && (actor.apiKeyId || actor.userId)) {
      const field: Field = actor.apiKeyId ? 'Authorization' : 'session';
      const who = actor.apiKeyId ? 'API key' : 'user';
      if (MACHINE.test(`${request.method} ${url}`))
        return (
          gateway && {
            limiter: gateway,
            max: limits.gateway,
            field,
            describe: `CEB gateway, message channel and receipt feed per ${who} (CROSSGATE_RATE_GATEWAY_PER_MIN)`,
          }
        );
      return (
        api && {
          limiter: api,
          max: limits.api,
          field,
          describe: `API requests per ${who} (CROSSGATE_RATE_API_PER_MIN)`,
        }
      );
    }
    return (
      anonymous && {
        limiter: anonymous,
        max: limits.anonymous,
        field: 'ip',
        describe: 'requests without credentials per client IP (CROSSGATE_RATE_ANONYMOUS_PER_MIN)',
      }
    );
  };

  /** An enterprise's requests, by key or by person: its budget across all of them. */
  const organisationOf = (request: FastifyRequest): Budget | undefined => {
    const actor = request.actor;
    if (!organisation || !actor || actor.orgKind !== 'enterprise' || !(actor.apiKeyId || actor.userId))
      return undefined;
    return {
      limiter: organisation,
      max: limits.organisation,
      field: 'organisation',
      describe: 'requests per enterprise, all its API keys and users together (CROSSGATE_RATE_ORG_PER_MIN)',
    };
  };

  const perCaller: onRequestAsyncHookHandler = async (request, reply) => {
    const url = request.routeOptions.url ?? '';
    if (LOGIN.test(url)) return; // counted before authentication, by outcome
    // The caller's own budget first: a request it refuses does not spend the enterprise's.
    let tightest: Verdict | undefined;
    for (const budget of [budgetOf(request, url), organisationOf(request)]) {
      if (!budget) continue;
      const r = await budget.limiter(request);
      if (r.isAllowed) continue;
      const v = { limit: r.max, remaining: r.remaining, resetSeconds: r.ttlInSeconds };
      if (r.isExceeded) throw refuse(reply, budget.field, v, `${r.max} requests per ${per}`, budget.describe);
      if (!tightest || v.remaining < tightest.remaining) tightest = v;
    }
    if (tightest) setHeaders(reply, tightest);
  };
  if (gateway || api || publicPages || anonymous || organisation) {
    app.addHook('onRoute', (route) => {
      if (!COUNTED_ROUTE.test(route.url)) return;
      const own = route.onRequest;
      route.onRequest = own ? [...(Array.isArray(own) ? own : [own]), perCaller] : [perCaller];
    });
  }

  // Per IP, ahead of authentication: failed sign-ins, refused credentials.
  const login = limits.login > 0 ? new OutcomeBudget(now, limits.login, limits.windowMs) : undefined;
  const refused =
    limits.authFailures > 0 ? new OutcomeBudget(now, limits.authFailures, limits.windowMs) : undefined;
  const attempts = new WeakMap<FastifyRequest, { ip: string; endsAt: number }>();
  if (!login && !refused) return;

  app.addHook('onRequest', async (request, reply) => {
    const url = request.routeOptions.url;
    if (url === undefined || request.is404) return;
    const at = now();
    if (LOGIN.test(url)) {
      if (!login) return;
      // Every attempt counts while it runs (a burst of parallel guesses gets no more than the budget);
      // one that succeeds is given back, so people signing in behind one office address are not locked out.
      const ip = clientIp(request);
      const current = login.peek(ip, at);
      if (current.count >= login.max)
        throw refuse(
          reply,
          'ip',
          login.verdict(current, at),
          `${login.max} failed sign-in attempts per ${per}`,
          'sign-in attempts per client IP (CROSSGATE_RATE_LOGIN_PER_MIN)',
        );
      const w = login.add(ip, at);
      attempts.set(request, { ip, endsAt: w.endsAt });
      setHeaders(reply, login.verdict(w, at));
      return;
    }
    if (!refused || !AUTHENTICATED_ROUTE.test(url) || !presentsCredentials(request)) return;
    const ip = clientIp(request);
    const current = refused.peek(ip, at);
    if (current.count >= refused.max)
      throw refuse(
        reply,
        'ip',
        refused.verdict(current, at),
        `${refused.max} requests with refused credentials per ${per}`,
        'refused credentials per client IP; credentials are not checked until the window ends (CROSSGATE_RATE_AUTH_FAILURES_PER_MIN)',
      );
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const attempt = attempts.get(request);
    if (attempt && login && reply.statusCode < 400) {
      const count = login.giveBack(attempt.ip, attempt.endsAt);
      if (count !== undefined) reply.header('x-ratelimit-remaining', Math.max(0, login.max - count));
    } else if (
      refused &&
      reply.statusCode === 401 &&
      !attempt &&
      !LOGIN.test(request.routeOptions.url ?? '') &&
      presentsCredentials(request)
    ) {
      refused.add(clientIp(request), now());
    }
    return payload;
  });
}
