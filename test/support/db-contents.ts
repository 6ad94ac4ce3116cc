import type { DbHandle } from '@crossgate/db';

/**
 * The whole contents of a database, independent of the code under test (backup tests compare a source with its
 * restored copy): every table's rows as record text (UTC, ISO dates, exact floats), sorted bytewise, and every
 * sequence's state, read in one snapshot. `migrations: 'skip'` leaves the bookkeeping table out.
 */
export async function databaseContents(
  handle: DbHandle,
  options: { migrations: 'skip' | 'include' },
): Promise<Record<string, string[]>> {
  return handle.session(async (s) => {
    await s.exec(
      "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL timezone = 'UTC'; SET LOCAL datestyle = 'ISO, YMD'; SET LOCAL extra_float_digits = 3; SET LOCAL intervalstyle = 'postgres'",
    );
    try {
      const out: Record<string, string[]> = {};
      const rels = await s.query<{ name: string; kind: string }>(
        `SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S') ORDER BY c.relname`,
      );
      for (const r of rels) {
        if (r.name === 'schema_migrations' && options.migrations === 'skip') continue;
        const rows = await s.query<{ t: string }>(
          r.kind === 'S'
            ? `SELECT last_value::text || ' ' || is_called::text AS t FROM public."${r.name}"`
            : r.name === 'schema_migrations'
              ? `SELECT version || ' ' || checksum || ' ' || applied_at::text AS t FROM schema_migrations ORDER BY 1`
              : `SELECT t::text AS t FROM public."${r.name}" t ORDER BY t::text COLLATE "C"`,
        );
        out[`${r.kind === 'S' ? 'sequence' : 'table'} ${r.name}`] = rows.map((x) => x.t);
      }
      return out;
    } finally {
      await s.exec('COMMIT');
    }
  });
}

/** The error a backup or restore refused with (its code, message and the field and rule of each detail). */
export async function backupRefusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; details: { field: string; rule: string }[] };
  }
  throw new Error('expected a refusal');
}
