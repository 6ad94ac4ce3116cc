import type { Database, Kysely, SigningKeyRow } from '@crossgate/db';

export async function activeSigningKeys(
  db: Kysely<Database>,
  orgId: string,
  now: Date,
): Promise<SigningKeyRow[]> {
  return db
    .selectFrom('signing_keys')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', now)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', now)]))
    .execute();
}

export async function listSigningKeys(db: Kysely<Database>, orgId: string | null) {
  let q = db.selectFrom('signing_keys').selectAll();
  if (orgId) q = q.where('org_id', '=', orgId);
  return q.orderBy('created_at', 'desc').execute();
}

export async function insertSigningKey(
  db: Kysely<Database>,
  row: Omit<SigningKeyRow, 'revoked_at'>,
): Promise<SigningKeyRow> {
  return db.insertInto('signing_keys').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findSigningKey(db: Kysely<Database>, id: string) {
  return db.selectFrom('signing_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function revokeSigningKey(
  db: Kysely<Database>,
  id: string,
  now: Date,
): Promise<SigningKeyRow | undefined> {
  return db
    .updateTable('signing_keys')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
