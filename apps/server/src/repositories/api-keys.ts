import { fetchPage } from './paging.ts';
import type { ApiKey, Database, Kysely } from '@crossgate/db';

export async function insertApiKey(
  db: Kysely<Database>,
  row: {
    id: string;
    orgId: string;
    name: string;
    prefix: string;
    secretHash: string;
    createdBy: string | null;
    scopes: string[] | null;
    now: Date;
  },
): Promise<ApiKey> {
  return db
    .insertInto('api_keys')
    .values({
      id: row.id,
      org_id: row.orgId,
      name: row.name,
      prefix: row.prefix,
      secret_hash: row.secretHash,
      created_by: row.createdBy,
      created_at: row.now,
      scopes: row.scopes,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findApiKey(db: Kysely<Database>, id: string): Promise<ApiKey | undefined> {
  return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The key with this prefix, with its organisation; the caller compares the secret hash. */
export async function findApiKeyByPrefix(db: Kysely<Database>, prefix: string) {
  return db
    .selectFrom('api_keys as k')
    .innerJoin('organisations as o', 'o.id', 'k.org_id')
    .select([
      'k.id',
      'k.secret_hash',
      'k.revoked_at',
      'k.last_used_at',
      'k.scopes',
      'o.id as org_id',
      'o.kind as org_kind',
      'o.agency_type',
      'o.enterprise_roles',
      'o.status as org_status',
    ])
    .where('k.prefix', '=', prefix)
    .executeTakeFirst();
}

export async function listApiKeys(
  db: Kysely<Database>,
  orgId: string | null,
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('api_keys');
  if (orgId) q = q.where('org_id', '=', orgId);
  return fetchPage(q, (b) => b.selectAll().orderBy('created_at', 'desc'), page);
}

export async function revokeApiKey(db: Kysely<Database>, id: string, now: Date): Promise<ApiKey | undefined> {
  return db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Records use at most once a minute, so a busy key does not write on every message. */
export async function touchApiKey(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  const aMinuteAgo = new Date(now.getTime() - 60_000);
  await db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', aMinuteAgo)]))
    .execute();
}

/** The organisation's keys that are not revoked. */
export async function countActiveApiKeys(db: Kysely<Database>, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId)
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
