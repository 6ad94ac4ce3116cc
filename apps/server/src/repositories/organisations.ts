import { fetchPage } from './paging.ts';
import { sql, type Database, type Kysely, type NewOrganisation, type Organisation } from '@crossgate/db';

export async function findOrganisation(db: Kysely<Database>, id: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrganisationByCode(
  db: Kysely<Database>,
  code: string,
): Promise<Organisation | undefined> {
  return db.selectFrom('organisations').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The organisation with this customs code, or else this USCC (the two ways a CEB document names a party). */
export async function findOrganisationByAnyCode(
  db: Kysely<Database>,
  code: string,
): Promise<Organisation | undefined> {
  return (
    (await findOrganisationByCode(db, code)) ??
    db.selectFrom('organisations').selectAll().where('uscc', '=', code).executeTakeFirst()
  );
}

/**
 * The public lookup of enterprises (no login): an exact customs code or USCC, or part of the Chinese name;
 * at most 20, in code order, with only the public columns.
 */
export async function searchPublicEnterprises(db: Kysely<Database>, text: string) {
  return db
    .selectFrom('organisations')
    .select(['code', 'uscc', 'name_zh', 'filing_status', 'enterprise_roles'])
    .where('kind', '=', 'enterprise')
    .where((eb) =>
      eb.or([
        eb('code', '=', text),
        eb('uscc', '=', text),
        eb(sql<string>`name_zh`, 'like', `%${escapeLike(text)}%`),
      ]),
    )
    .orderBy('code')
    .limit(20)
    .execute();
}

/** Whether any organisation exists yet (a new database has none). */
export async function anyOrganisation(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('organisations').select('id').executeTakeFirst()) !== undefined;
}

export async function listOrganisations(
  db: Kysely<Database>,
  filter: { q?: string | undefined; kind?: string | undefined },
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('organisations');
  if (filter.kind) q = q.where('kind', '=', filter.kind as Organisation['kind']);
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('code', 'ilike', like),
        eb('uscc', 'ilike', like),
        eb('name_zh', 'ilike', like),
        eb('name_en', 'ilike', like),
      ]),
    );
  }
  return fetchPage(q, (b) => b.selectAll().orderBy('kind').orderBy('code'), page);
}

export async function insertOrganisation(db: Kysely<Database>, row: NewOrganisation) {
  await db.insertInto('organisations').values(row).execute();
}

/** Escapes LIKE wildcards so a search for `50%` finds the text `50%`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The codes an organisation is known by in documents: its customs registration code and its USCC. */
export const codesOf = (o: { code: string; uscc: string | null }): string[] =>
  [o.code, o.uscc ?? ''].filter((c) => c !== '');

/** The codes of the organisation with this id (see codesOf); none when there is no such organisation. */
export async function organisationCodes(db: Kysely<Database>, id: string): Promise<string[]> {
  const o = await db
    .selectFrom('organisations')
    .select(['code', 'uscc'])
    .where('id', '=', id)
    .executeTakeFirst();
  return o ? codesOf(o) : [];
}

/**
 * Locks the organisation's row until the transaction ends: a count of its keys or webhooks read after it
 * stays true until commit, so two requests at once cannot both take the last place under a cap.
 */
export async function lockOrganisation(db: Kysely<Database>, orgId: string): Promise<void> {
  await db.selectFrom('organisations').select('id').where('id', '=', orgId).forUpdate().execute();
}
