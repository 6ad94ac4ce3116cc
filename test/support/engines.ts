import { randomBytes } from 'node:crypto';
import { createDatabaseOn } from './postgres.ts';
import { inject } from 'vitest';
import { createDb, type DbConfig, type DbHandle, type Engine } from '@crossgate/db';

export const ENGINES: Engine[] = ['pglite', 'postgres'];

/** A fresh, empty database on the given engine: in-memory PGlite, or a new database on the test server. */
export async function freshDatabase(
  engine: Engine,
  extra: Pick<DbConfig, 'onStatement' | 'onQuery'> = {},
): Promise<DbHandle> {
  if (engine === 'pglite') return createDb({ dataDir: 'memory://', ...extra });
  const admin = inject('postgresUrl');
  const name = `crossgate_test_${randomBytes(6).toString('hex')}`;
  return createDb({ databaseUrl: await createDatabaseOn(admin, name), poolSize: 5, ...extra });
}
