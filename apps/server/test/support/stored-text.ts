import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { sql, type DbHandle } from '@crossgate/db';

/**
 * The tables of the database whose text holds `needle` anywhere in a row (every column, as PostgreSQL writes the
 * row as text): how the personal-data tests prove a planted ID number or telephone is stored in clear nowhere.
 */
export async function tablesContaining(database: DbHandle, needle: string): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`.execute(database.db);
  const hits: string[] = [];
  for (const { name } of tables.rows) {
    const r = await sql<{
      n: string;
    }>`SELECT count(*)::text AS n FROM ${sql.table(name)} t WHERE t::text LIKE ${`%${needle}%`}`.execute(
      database.db,
    );
    if (Number(r.rows[0]?.n) > 0) hits.push(name);
  }
  return hits;
}

/** The text of a `crossgate db backup` file (gzip members of JSON lines), to search as the tables are searched. */
export const backupText = (file: string): string => gunzipSync(readFileSync(file)).toString('utf8');
