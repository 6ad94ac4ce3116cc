import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Dialect, type LogEvent } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.ts';
import { countingDialect, type StatementKind } from './counting.ts';

export type Engine = 'postgres' | 'pglite';

/** A raw session for scripts (migrations): multi-statement SQL and parameterised queries on one connection. */
export interface ScriptSession {
  exec(sql: string): Promise<void>;
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
}

export interface DbHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** Where the data lives, for logs (no password). */
  location: string;
  session<T>(fn: (s: ScriptSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbConfig {
  /** postgres://… — when absent, the embedded PGlite engine is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number | undefined;
  /** Called for every query (diagnostics: counting round trips per use case). */
  onQuery?: ((sql: string) => void) | undefined;
  /** Called for every statement sent, BEGIN and COMMIT included (the statement counter of /metrics). */
  onStatement?: ((kind: StatementKind) => void) | undefined;
}

// Same value shapes on both engines: numeric, int8 and date come back as strings, exactly as stored.
const OID_INT8 = 20;
const OID_DATE = 1082;
const OID_NUMERIC = 1700;
const asString = (value: string) => value;

export async function createDb(config: DbConfig): Promise<DbHandle> {
  const log = config.onQuery ? (event: LogEvent) => config.onQuery?.(event.query.sql) : undefined;
  const counted = (dialect: Dialect) =>
    config.onStatement ? countingDialect(dialect, config.onStatement) : dialect;
  return config.databaseUrl
    ? createPostgres(config.databaseUrl, config.poolSize ?? 10, log, counted)
    : createPglite(config.dataDir ?? 'data/db', log, counted);
}

type Wrap = (dialect: Dialect) => Dialect;

async function createPostgres(
  url: string,
  poolSize: number,
  log: ((e: LogEvent) => void) | undefined,
  wrap: Wrap,
): Promise<DbHandle> {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === OID_INT8 || oid === OID_DATE || oid === OID_NUMERIC
        ? asString
        : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
  // A connection the database ends — a restart, a fast shutdown, a failover, an administrator's
  // pg_terminate_backend — must not end the process. pg reports it as an 'error' event: on the pool for an
  // idle connection, on the client for one in use; with no listener Node throws it and the server dies
  // (found by apps/server/test/crash.int.test.ts: a PostgreSQL fast shutdown killed every worker with
  // "Unhandled 'error' event … terminating connection due to administrator command"). The query in flight
  // fails and its transaction is rolled back by the database; the broken connection leaves the pool when it is
  // released, and the next queries open new ones once the database is back.
  pool.on('connect', (client) => {
    client.on('error', (error: Error) => {
      process.emitWarning(
        `数据库连接中断 database connection lost: ${error.message} (the pool reconnects on the next query)`,
        { code: 'CROSSGATE_DB_CONNECTION_LOST' },
      );
    });
  });
  pool.on('error', () => {
    // already reported by the client's listener above; pg-pool has discarded the idle client
  });
  const db = new Kysely<Database>({ dialect: wrap(new PostgresDialect({ pool })), ...(log ? { log } : {}) });
  const location = redact(url);
  return {
    db,
    engine: 'postgres',
    location,
    async session(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async <R>(sql: string, params: unknown[] = []) =>
            (await client.query(sql, params)).rows as R[],
        });
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

async function createPglite(
  dataDir: string,
  log: ((e: LogEvent) => void) | undefined,
  wrap: Wrap,
): Promise<DbHandle> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, {
    parsers: { [OID_INT8]: asString, [OID_DATE]: asString, [OID_NUMERIC]: asString },
  });
  const db = new Kysely<Database>({ dialect: wrap(new PGliteDialect(client)), ...(log ? { log } : {}) });
  return {
    db,
    engine: 'pglite',
    location: dataDir,
    async session(fn) {
      return fn({
        exec: async (sql) => {
          await client.exec(sql);
        },
        query: async <R>(sql: string, params: unknown[] = []) => (await client.query<R>(sql, params)).rows,
      });
    },
    close: () => db.destroy(),
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}
