import { sql, type Database, type Kysely } from '@crossgate/db';

export async function findDefaultZone(db: Kysely<Database>) {
  const zone = await db.selectFrom('zones').selectAll().where('is_default', '=', true).executeTakeFirst();
  if (!zone) return undefined;
  const [parks, targets] = await Promise.all([
    db.selectFrom('parks').selectAll().where('zone_code', '=', zone.code).orderBy('code').execute(),
    db.selectFrom('zone_targets').selectAll().where('zone_code', '=', zone.code).orderBy('code').execute(),
  ]);
  return { zone, parks, targets };
}

/**
 * What clearing an inventory reads of the zone, in one statement: the default zone's random inspection rate
 * and the credit sampling table (rates per composite level, as stored). Read once per gateway batch
 * (decision 0041).
 */
export async function clearanceSettings(db: Kysely<Database>): Promise<{
  samplingRate: string | null;
  creditTable: Partial<Record<'A' | 'B' | 'C' | 'D', string>>;
}> {
  const { rows } = await sql<{ rate: string | null; credit: Record<string, string> | null }>`
    SELECT (SELECT inspection_sampling_rate FROM zones WHERE is_default LIMIT 1) AS rate,
           (SELECT json_object_agg(level, sampling_rate::text) FROM credit_sampling_rates) AS credit`.execute(
    db,
  );
  const row = rows[0];
  return { samplingRate: row?.rate ?? null, creditTable: row?.credit ?? {} };
}

/** The default zone's settings the gateway applies to every message (one row, read each time, never cached). */
export async function defaultZoneSettings(db: Kysely<Database>) {
  return db
    .selectFrom('zones')
    .select(['inspection_sampling_rate', 'signature_policy'])
    .where('is_default', '=', true)
    .executeTakeFirst();
}

/** Changes the zone's random inspection sampling rate. */
export async function setZoneSamplingRate(
  db: Kysely<Database>,
  code: string,
  rate: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('zones')
    .set({ inspection_sampling_rate: rate, updated_at: now })
    .where('code', '=', code)
    .execute();
}

/** Changes the zone's signature policy (null: the server's default applies). */
export async function setZoneSignaturePolicy(
  db: Kysely<Database>,
  code: string,
  policy: string | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('zones')
    .set({ signature_policy: policy, updated_at: now })
    .where('code', '=', code)
    .execute();
}
