import { fetchPage } from './paging.ts';
import type { Database, Kysely } from '@crossgate/db';
import { escapeLike } from './organisations.ts';

type Page = { limit: number; offset: number };

export async function searchHs(
  db: Kysely<Database>,
  filter: { q?: string | undefined; level?: number | undefined; parent?: string | undefined },
  page: Page,
) {
  let q = db.selectFrom('hs_codes');
  if (filter.level) q = q.where('level', '=', filter.level);
  if (filter.parent) q = q.where('parent', '=', filter.parent);
  if (filter.q) {
    const text = filter.q.trim();
    q = /^\d+$/.test(text)
      ? q.where('code', 'like', `${text}%`)
      : q.where('description_en', 'ilike', `%${escapeLike(text)}%`);
  }
  return fetchPage(q, (b) => b.selectAll().orderBy('code'), page);
}

export async function findHs(db: Kysely<Database>, code: string) {
  return db.selectFrom('hs_codes').selectAll().where('code', '=', code).executeTakeFirst();
}

export type CodeTableName = 'countries' | 'currencies' | 'units' | 'customs_offices';

/** Searches one JGS code table; every table is read as { code, nameZh, nameEn }. */
export async function searchCodeTable(
  db: Kysely<Database>,
  table: CodeTableName,
  text: string | undefined,
  page: Page,
) {
  const columns = {
    countries: { en: 'name_en' },
    currencies: { en: 'alpha_code' },
    units: { en: null },
    customs_offices: { en: null },
  } as const;
  const en = columns[table].en;
  let q = db.selectFrom(table as 'countries');
  if (text) {
    const like = `%${escapeLike(text.trim())}%`;
    const prefix = `${escapeLike(text.trim())}%`;
    q = q.where((eb) => {
      const ors = [eb('code', 'like', prefix), eb('name_zh', 'ilike', like)];
      if (en) ors.push(eb(eb.ref(en as 'name_en'), 'ilike', like));
      return eb.or(ors);
    });
  }
  const select = en
    ? q.select(['code', 'name_zh', (eb) => eb.ref(en as 'name_en').as('name_en')])
    : q.select(['code', 'name_zh', (eb) => eb.val<string | null>(null).as('name_en')]);
  const [rows, count] = await Promise.all([
    select.orderBy('code').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function codeExists(db: Kysely<Database>, table: CodeTableName, code: string): Promise<boolean> {
  const row = await db
    .selectFrom(table as 'countries')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which of the wanted codes one code table holds (one query; none for no codes). */
export async function knownCodes(
  db: Kysely<Database>,
  table: 'countries' | 'units' | 'currencies',
  wanted: string[],
): Promise<Set<string>> {
  return wanted.length === 0
    ? new Set()
    : new Set(
        (await db.selectFrom(table).select('code').where('code', 'in', wanted).execute()).map((r) => r.code),
      );
}

/** The Chinese names of the given codes of one code table, by code (one query; none for no codes). */
export async function codeNames(
  db: Kysely<Database>,
  table: CodeTableName,
  codes: string[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter(Boolean))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom(table as 'countries')
    .select(['code', 'name_zh'])
    .where('code', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.code, r.name_zh]));
}

/** Which of the given codes are HS subheadings (level 6) of the nomenclature (one query; none for no codes). */
export async function knownSubheadings(db: Kysely<Database>, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('hs_codes')
    .select('code')
    .where('level', '=', 6)
    .where('code', 'in', codes)
    .execute();
  return new Set(rows.map((r) => r.code));
}
