import type { Database, Kysely } from '@crossgate/db';
import { fetchPage, type PageWindow } from './paging.ts';

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

export async function findNegativeEntry(
  db: Kysely<Database>,
  by: { id: string } | { subjectKey: string; active: true },
) {
  let q = db.selectFrom('negative_list').selectAll();
  q =
    'id' in by
      ? q.where('id', '=', by.id)
      : q.where('subject_key', '=', by.subjectKey).where('delisted_at', 'is', null);
  return q.executeTakeFirst();
}
export type NegativeRow = NonNullable<Awaited<ReturnType<typeof findNegativeEntry>>>;

export async function insertNegativeEntry(
  db: Kysely<Database>,
  row: {
    id: string;
    subject_type: 'enterprise' | 'person';
    subject_key: string;
    subject_name: string;
    reason: string;
    authority: string;
    listed_at: Date;
    valid_until: string | null;
    listed_by: string | null;
  },
): Promise<void> {
  await db.insertInto('negative_list').values(row).execute();
}

export async function delist(
  db: Kysely<Database>,
  id: string,
  by: { reason: string; by: string | null; at: Date },
): Promise<void> {
  await db
    .updateTable('negative_list')
    .set({ delisted_at: by.at, delist_reason: by.reason, delisted_by: by.by })
    .where('id', '=', id)
    .execute();
}

export async function listNegative(
  db: Kysely<Database>,
  filter: { active?: boolean | undefined; q?: string | undefined },
  page: PageWindow,
) {
  let q = db.selectFrom('negative_list');
  if (filter.active === true) q = q.where('delisted_at', 'is', null);
  if (filter.active === false) q = q.where('delisted_at', 'is not', null);
  if (filter.q) {
    const like = `%${filter.q}%`;
    q = q.where((eb) => eb.or([eb('subject_name', 'like', like), eb('subject_key', '=', filter.q ?? '')]));
  }
  return fetchPage(q, (b) => b.selectAll().orderBy('listed_at', 'desc').orderBy('id'), page);
}

/** Every listing (current and past) of these subjects, newest first. */
export async function negativeEntriesOf(db: Kysely<Database>, keys: string[]) {
  if (keys.length === 0) return [];
  return db
    .selectFrom('negative_list')
    .selectAll()
    .where('subject_key', 'in', keys)
    .orderBy('listed_at', 'desc')
    .execute();
}
