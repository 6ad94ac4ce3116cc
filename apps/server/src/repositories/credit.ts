import { sql, type Database, type Kysely } from '@crossgate/db';
import { fetchPage, type PageWindow } from './paging.ts';

/** Credit events, customs credit levels, third-party ratings, scores, sampling table (migration 0009). */

export async function insertCreditEvent(
  db: Kysely<Database>,
  row: {
    id: string;
    subject_type: 'enterprise' | 'person';
    subject_key: string;
    org_id: string | null;
    source: 'platform' | 'regulator';
    category: string;
    weight: string;
    occurred_on: string;
    expires_on: string;
    description: string;
    reference: string | null;
    authority: string | null;
    recorded_by: string | null;
    created_at: Date;
  },
): Promise<boolean> {
  // A platform event is recorded once per (subject, category, reference): a replayed decision adds nothing.
  const r = await db
    .insertInto('credit_events')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['subject_key', 'category', 'reference']).where('reference', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function eventsOfSubject(db: Kysely<Database>, subjectKey: string) {
  return db
    .selectFrom('credit_events')
    .selectAll()
    .where('subject_key', '=', subjectKey)
    .orderBy('occurred_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export async function customsLevelOn(db: Kysely<Database>, orgId: string, date: string) {
  return db
    .selectFrom('customs_credit_levels')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .orderBy('valid_from', 'desc')
    .executeTakeFirst();
}

export async function insertCustomsLevel(
  db: Kysely<Database>,
  row: {
    id: string;
    org_id: string;
    level: 'advanced_certified' | 'general_certified' | 'general' | 'dishonest';
    valid_from: string;
    source: string;
    created_at: Date;
  },
): Promise<void> {
  // The level in force until now ends the day before the new one starts.
  await sql`UPDATE customs_credit_levels SET valid_to = (${row.valid_from}::date - 1)
    WHERE org_id = ${row.org_id} AND valid_to IS NULL AND valid_from < ${row.valid_from}::date`.execute(db);
  await db
    .insertInto('customs_credit_levels')
    .values({ ...row, valid_to: null })
    .execute();
}

export async function ratingsOf(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom('third_party_ratings')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('rated_on', 'desc')
    .execute();
}

export async function upsertRatings(
  db: Kysely<Database>,
  rows: {
    id: string;
    org_id: string;
    agency: string;
    rating: string;
    score: string;
    rated_on: string;
    valid_to: string | null;
    imported_at: Date;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('third_party_ratings')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['org_id', 'agency', 'rated_on']).doUpdateSet((eb) => ({
        rating: eb.ref('excluded.rating'),
        score: eb.ref('excluded.score'),
        valid_to: eb.ref('excluded.valid_to'),
        imported_at: eb.ref('excluded.imported_at'),
      })),
    )
    .execute();
}

export async function insertScore(
  db: Kysely<Database>,
  row: {
    id: string;
    org_id: string;
    score: string;
    level: 'A' | 'B' | 'C' | 'D';
    formula_version: string;
    as_of: string;
    components: string;
    computed_at: Date;
  },
): Promise<void> {
  await db.insertInto('credit_scores').values(row).execute();
}

export async function scoresOf(db: Kysely<Database>, orgId: string, limit = 24) {
  return db
    .selectFrom('credit_scores')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('computed_at', 'desc')
    .limit(limit)
    .execute();
}

/** The latest composite level of the enterprises with these codes (customs code or USCC). */
export async function latestLevelsOf(db: Kysely<Database>, codes: string[]) {
  if (codes.length === 0) return new Map<string, 'A' | 'B' | 'C' | 'D'>();
  const rows = await db
    .selectFrom('organisations as o')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('credit_scores')
          .select(['org_id', 'level'])
          .distinctOn('org_id')
          .orderBy('org_id')
          .orderBy('computed_at', 'desc')
          .as('s'),
      (join) => join.onRef('s.org_id', '=', 'o.id'),
    )
    .select(['o.code', 'o.uscc', 's.level'])
    .where((eb) => eb.or([eb('o.code', 'in', codes), eb('o.uscc', 'in', codes)]))
    .execute();
  const out = new Map<string, 'A' | 'B' | 'C' | 'D'>();
  for (const r of rows) {
    out.set(r.code, r.level);
    if (r.uscc) out.set(r.uscc, r.level);
  }
  return out;
}

export async function samplingTable(db: Kysely<Database>) {
  const rows = await db.selectFrom('credit_sampling_rates').select(['level', 'sampling_rate']).execute();
  return Object.fromEntries(rows.map((r) => [r.level, r.sampling_rate])) as Partial<
    Record<'A' | 'B' | 'C' | 'D', string>
  >;
}

export async function setSamplingRates(
  db: Kysely<Database>,
  table: Record<string, string>,
  now: Date,
): Promise<void> {
  const rows = Object.entries(table).map(([level, rate]) => ({
    level: level as 'A' | 'B' | 'C' | 'D',
    sampling_rate: rate,
    updated_at: now,
  }));
  if (rows.length === 0) return;
  await db
    .insertInto('credit_sampling_rates')
    .values(rows)
    .onConflict((oc) =>
      oc.column('level').doUpdateSet((eb) => ({
        sampling_rate: eb.ref('excluded.sampling_rate'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** Regulators' list: enterprises with their latest composite score. */
export async function listCredit(
  db: Kysely<Database>,
  filter: { level?: string | undefined; q?: string | undefined },
  page: PageWindow,
) {
  let q = db
    .selectFrom('organisations as o')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('credit_scores')
          .select(['org_id', 'level', 'score', 'as_of'])
          .distinctOn('org_id')
          .orderBy('org_id')
          .orderBy('computed_at', 'desc')
          .as('s'),
      (join) => join.onRef('s.org_id', '=', 'o.id'),
    )
    .where('o.kind', '=', 'enterprise');
  if (filter.level) q = q.where('s.level', '=', filter.level as 'A');
  if (filter.q) {
    const like = `%${filter.q}%`;
    q = q.where((eb) =>
      eb.or([
        eb('o.name_zh', 'like', like),
        eb('o.code', '=', filter.q ?? ''),
        eb('o.uscc', '=', filter.q ?? ''),
      ]),
    );
  }
  return fetchPage(
    q,
    (b) =>
      b
        .select([
          'o.id',
          'o.code',
          'o.uscc',
          'o.name_zh',
          'o.filing_status',
          'o.enterprise_roles',
          's.level',
          's.score',
          's.as_of',
        ])
        .orderBy('o.code'),
    page,
  );
}
