import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { migrate, type DbConfig, type DbHandle, type Engine } from '@crossgate/db';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { seedReference } from '../../src/seed/reference.ts';
import { seedZone } from '../../src/seed/zone.ts';
import { systemContext } from '../../src/services/context.ts';
import { freshDatabase } from '../../../../test/support/engines.ts';

/**
 * The demo users' password on the test platform, handed to the seed explicitly (decision 0022): a real start
 * never has one — it generates a password per user and install, or takes CROSSGATE_DEMO_PASSWORD. It passes the
 * password rules, so a test may also give it to a user it creates.
 */
export const DEMO_PASSWORD = 'Test-Platform-7391';

export interface Platform {
  app: FastifyInstance;
  database: DbHandle;
  /** Signs a demo user in and returns the Cookie header to send (app.inject adds its CSRF token to writes). */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** A migrated, seeded platform (reference data, Jiaozuo zone, demo) on a fresh database of the engine. */
export async function startPlatform(
  engine: Engine,
  overrides: Partial<ReturnType<typeof loadConfig>> = {},
  options: {
    draw?: () => number;
    receiptClock?: () => Date;
    rateLimitClock?: () => number;
    /** Told of every statement the platform's database handle sends (statement budgets). */
    onStatement?: DbConfig['onStatement'];
    onQuery?: DbConfig['onQuery'];
  } = {},
): Promise<Platform> {
  const database = await freshDatabase(engine, {
    ...(options.onStatement ? { onStatement: options.onStatement } : {}),
    ...(options.onQuery ? { onQuery: options.onQuery } : {}),
  });
  await migrate(database);
  const ctx = systemContext();
  const quiet = () => {};
  await seedReference(database.db, ctx, quiet);
  await seedZone(database.db, ctx);
  await seedDemo(database.db, ctx, quiet, { password: DEMO_PASSWORD });
  // Demo/test mode for signatures (decision 0024): the test traffic is signed with keys the demo enterprises
  // have not registered. Production's default is `required`; signature-policy tests pass it explicitly.
  const config = { ...loadConfig({}), signaturePolicy: 'optional' as const, ...overrides };
  const app = await buildApp({
    config,
    database,
    logger: false,
    draw: options.draw ?? (() => 0.999),
    ...(options.receiptClock ? { receiptClock: options.receiptClock } : {}),
    ...(options.rateLimitClock ? { rateLimitClock: options.rateLimitClock } : {}),
  });
  await app.ready();
  // Like the web app (apps/web/src/api/client.ts), a request carrying a cookie that login() returned repeats
  // its CSRF token in x-csrf-token when it writes (decision 0015); any other request goes as written.
  const csrfOf = new Map<string, string>();
  const inject = app.inject.bind(app) as (options: InjectOptions | string) => Promise<LightMyRequestResponse>;
  app.inject = ((options: InjectOptions | string) => {
    if (typeof options === 'object') {
      const headers = (options.headers ?? {}) as Record<string, string | undefined>;
      const token = typeof headers.cookie === 'string' ? csrfOf.get(headers.cookie) : undefined;
      const write = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(
        String(options.method ?? 'GET').toUpperCase(),
      );
      if (token && write && headers['x-csrf-token'] === undefined)
        return inject({ ...options, headers: { ...headers, 'x-csrf-token': token } });
    }
    return inject(options);
  }) as unknown as typeof app.inject;
  return {
    app,
    database,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const session = res.cookies.find((c) => c.name === 'cg_session');
      const csrf = res.cookies.find((c) => c.name === 'cg_csrf');
      if (!session || !csrf) throw new Error('no session or CSRF cookie');
      const cookie = `cg_session=${session.value}; cg_csrf=${csrf.value}`;
      csrfOf.set(cookie, csrf.value);
      return cookie;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export const json = <T = Record<string, unknown>>(res: LightMyRequestResponse): T => res.json() as T;

/** The zone office's system actor, to register organisations as the zone office does. */
export async function zoneContext(p: Platform) {
  const zone = await p.database.db
    .selectFrom('organisations')
    .select('id')
    .where('kind', '=', 'zone_office')
    .executeTakeFirstOrThrow();
  const ctx = systemContext();
  return { ...ctx, actor: { ...ctx.actor, orgId: zone.id } };
}
