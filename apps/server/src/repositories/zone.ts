import type { Database, Kysely } from '@crossgate/db';

export async function findDefaultZone(db: Kysely<Database>) {
  const zone = await db.selectFrom('zones').selectAll().where('is_default', '=', true).executeTakeFirst();
  if (!zone) return undefined;
  const [parks, targets] = await Promise.all([
    db.selectFrom('parks').selectAll().where('zone_code', '=', zone.code).orderBy('code').execute(),
    db.selectFrom('zone_targets').selectAll().where('zone_code', '=', zone.code).orderBy('code').execute(),
  ]);
  return { zone, parks, targets };
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
