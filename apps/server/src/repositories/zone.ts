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
