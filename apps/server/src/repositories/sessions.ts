import type { Database, Kysely } from '@crossgate/db';

export async function insertSession(
  db: Kysely<Database>,
  row: {
    tokenHash: string;
    userId: string;
    now: Date;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: row.tokenHash,
      user_id: row.userId,
      created_at: row.now,
      expires_at: row.expiresAt,
      ip: row.ip,
      user_agent: row.userAgent,
    })
    .execute();
}

/** The live session behind a token hash, joined with its user and organisation. */
export async function findLiveSession(db: Kysely<Database>, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select([
      's.token_hash',
      's.expires_at',
      'u.id as user_id',
      'u.roles as user_roles',
      'u.disabled_at',
      'u.must_change_password',
      'o.id as org_id',
      'o.kind as org_kind',
      'o.agency_type',
      'o.enterprise_roles',
      'o.status as org_status',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
}

export async function revokeSession(db: Kysely<Database>, tokenHash: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Signs a user out everywhere but `keepTokenHash` (a password change keeps the session that made it). */
export async function revokeOtherSessions(
  db: Kysely<Database>,
  userId: string,
  keepTokenHash: string | null,
  now: Date,
): Promise<number> {
  let q = db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now);
  if (keepTokenHash !== null) q = q.where('token_hash', '<>', keepTokenHash);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
