import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type DbHandle, type Engine } from '@crossgate/db';

export const ENGINES: Engine[] = ['pglite', 'postgres'];

/** A fresh, empty database on the given engine: in-memory PGlite, or a new database on the test server. */
export async function freshDatabase(engine: Engine): Promise<DbHandle> {
  if (engine === 'pglite') return createDb({ dataDir: 'memory://' });
  const admin = inject('postgresUrl');
  const name = `crossgate_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return createDb({ databaseUrl: url.toString(), poolSize: 5 });
}
