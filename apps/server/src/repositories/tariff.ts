import { fetchPage } from './paging.ts';
import type { Database, Kysely, NewTariffRate, TariffRate } from '@crossgate/db';
import { escapeLike } from './organisations.ts';

export async function findTariffLine(db: Kysely<Database>, hsCode: string, forUpdate = false) {
  let q = db.selectFrom('tariff_lines').selectAll().where('hs_code', '=', hsCode);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertTariffLine(
  db: Kysely<Database>,
  row: { hsCode: string; nameZh: string; nameEn: string | null; legalUnit: string | null; now: Date },
) {
  await db
    .insertInto('tariff_lines')
    .values({
      hs_code: row.hsCode,
      name_zh: row.nameZh,
      name_en: row.nameEn,
      legal_unit: row.legalUnit,
      created_at: row.now,
      updated_at: row.now,
    })
    .execute();
}

export async function ratesOfLine(db: Kysely<Database>, hsCode: string): Promise<TariffRate[]> {
  return db
    .selectFrom('tariff_rates')
    .selectAll()
    .where('hs_code', '=', hsCode)
    .orderBy('valid_from')
    .execute();
}

export async function ratesOfLines(
  db: Kysely<Database>,
  hsCodes: string[],
  date?: string,
): Promise<TariffRate[]> {
  if (hsCodes.length === 0) return [];
  let q = db.selectFrom('tariff_rates').selectAll().where('hs_code', 'in', hsCodes);
  if (date)
    q = q
      .where('valid_from', '<=', date)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]));
  return q.orderBy('hs_code').orderBy('valid_from').execute();
}

export async function findRate(db: Kysely<Database>, id: string): Promise<TariffRate | undefined> {
  return db.selectFrom('tariff_rates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The rate in force on `date` (half-open periods: valid_from ≤ date < valid_to). */
export async function rateOn(db: Kysely<Database>, hsCode: string, date: string) {
  return db
    .selectFrom('tariff_rates as r')
    .innerJoin('tariff_lines as l', 'l.hs_code', 'r.hs_code')
    .selectAll('r')
    .select(['l.name_zh as line_name_zh'])
    .where('r.hs_code', '=', hsCode)
    .where('r.valid_from', '<=', date)
    .where((eb) => eb.or([eb('r.valid_to', 'is', null), eb('r.valid_to', '>', date)]))
    .executeTakeFirst();
}

export async function listTariffLines(
  db: Kysely<Database>,
  text: string | undefined,
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('tariff_lines');
  if (text) {
    const t = text.trim();
    q = /^\d+$/.test(t)
      ? q.where('hs_code', 'like', `${t}%`)
      : q.where((eb) =>
          eb.or([eb('name_zh', 'ilike', `%${escapeLike(t)}%`), eb('name_en', 'ilike', `%${escapeLike(t)}%`)]),
        );
  }
  return fetchPage(q, (b) => b.selectAll().orderBy('hs_code'), page);
}

export async function insertRate(db: Kysely<Database>, row: NewTariffRate): Promise<TariffRate> {
  return db.insertInto('tariff_rates').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateRate(
  db: Kysely<Database>,
  id: string,
  patch: Partial<NewTariffRate>,
): Promise<TariffRate> {
  return db
    .updateTable('tariff_rates')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
