import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DbHandle } from './create-db.ts';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

/** Migrations are plain SQL files `NNNN_name.sql`, applied in version order, each in its own transaction. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      const [version, ...rest] = file.replace(/\.sql$/, '').split('_');
      return {
        version: version as string,
        name: rest.join('_'),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

export class MigrationError extends Error {
  constructor(
    readonly code: 'MIGRATION_CHANGED' | 'MIGRATION_UNKNOWN' | 'MIGRATION_FAILED',
    message: string,
  ) {
    super(message);
  }
}

// Any number of server processes may start at once; one advisory lock makes them take turns (backups hold it
// shared, restores exclusively: backup.ts).
export const MIGRATION_LOCK_KEY = 7_261_001;

/** The bookkeeping table of applied migrations (a restore creates it the same way: backup.ts). */
export const MIGRATIONS_TABLE = 'schema_migrations';
export const MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS schema_migrations (
        version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;

export interface MigrateResult {
  applied: string[];
  current: string | null;
}

export async function migrate(
  handle: DbHandle,
  options: { onProgress?: (done: number, total: number, migration: Migration) => void } = {},
): Promise<MigrateResult> {
  const migrations = loadMigrations();
  return handle.session(async (s) => {
    await s.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await s.exec(MIGRATIONS_TABLE_DDL);
      const rows = await s.query<{ version: string; checksum: string }>(
        'SELECT version, checksum FROM schema_migrations ORDER BY version',
      );
      const known = new Map(migrations.map((m) => [m.version, m]));
      for (const row of rows) {
        const m = known.get(row.version);
        if (!m)
          throw new MigrationError(
            'MIGRATION_UNKNOWN',
            `database has migration ${row.version}, which this build does not know (newer build?)`,
          );
        if (m.checksum !== row.checksum)
          throw new MigrationError(
            'MIGRATION_CHANGED',
            `migration ${row.version}_${m.name} was edited after it was applied`,
          );
      }
      const done = new Set(rows.map((r) => r.version));
      const pending = migrations.filter((m) => !done.has(m.version));
      const applied: string[] = [];
      for (const m of pending) {
        await s.exec('BEGIN');
        try {
          await s.exec(m.sql);
          await s.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
            m.version,
            m.name,
            m.checksum,
          ]);
          await s.exec('COMMIT');
        } catch (error) {
          await s.exec('ROLLBACK');
          throw new MigrationError(
            'MIGRATION_FAILED',
            `migration ${m.version}_${m.name} failed: ${(error as Error).message}`,
          );
        }
        applied.push(`${m.version}_${m.name}`);
        options.onProgress?.(applied.length, pending.length, m);
      }
      const last = migrations.at(-1);
      return { applied, current: last ? `${last.version}_${last.name}` : null };
    } finally {
      await s.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}
