import type { Database, Kysely } from '@crossgate/db';

/** Which of these subjects (enterprise codes or buyer keys) are on the negative list now. */
export async function listedAmong(db: Kysely<Database>, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('negative_list')
    .select('subject_key')
    .where('subject_key', 'in', keys)
    .where('delisted_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.subject_key));
}
