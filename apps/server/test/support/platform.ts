import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { migrate, type DbHandle, type Engine } from '@crossgate/db';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/seed/demo.ts';
import { seedReference } from '../../src/seed/reference.ts';
import { seedZone } from '../../src/seed/zone.ts';
import { systemContext } from '../../src/services/context.ts';
import { freshDatabase } from '../../../../test/support/engines.ts';

export interface Platform {
  app: FastifyInstance;
  database: DbHandle;
  /** Signs a demo user in and returns the Cookie header to send. */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

/** A migrated, seeded platform (reference data, Jiaozuo zone, demo) on a fresh database of the engine. */
export async function startPlatform(
  engine: Engine,
  overrides: Partial<ReturnType<typeof loadConfig>> = {},
  options: { draw?: () => number } = {},
): Promise<Platform> {
  const database = await freshDatabase(engine);
  await migrate(database);
  const ctx = systemContext();
  const quiet = () => {};
  await seedReference(database.db, ctx, quiet);
  await seedZone(database.db, ctx);
  await seedDemo(database.db, ctx, quiet);
  const config = { ...loadConfig({}), ...overrides };
  const app = await buildApp({ config, database, logger: false, draw: options.draw ?? (() => 0.999) });
  await app.ready();
  return {
    app,
    database,
    async login(username) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: DEMO_PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'cg_session');
      if (!cookie) throw new Error('no session cookie');
      return `cg_session=${cookie.value}`;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export const json = <T = Record<string, unknown>>(res: LightMyRequestResponse): T => res.json() as T;
