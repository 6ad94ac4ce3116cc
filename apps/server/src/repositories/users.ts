import { fetchPage } from './paging.ts';
import type { Database, Kysely, User } from '@crossgate/db';

/** The user of an organisation by username (usernames are unique per organisation: migration 0016). */
export async function findUserInOrg(
  db: Kysely<Database>,
  orgId: string,
  username: string,
): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('username', '=', username)
    .executeTakeFirst();
}

/**
 * The users holding a username, oldest first, at most `limit` — across organisations, or in the organisation
 * whose code (or USCC) is given.
 */
export async function findUsersByUsername(
  db: Kysely<Database>,
  username: string,
  options: { orgCode?: string | undefined; limit: number },
): Promise<User[]> {
  let q = db.selectFrom('users').selectAll('users').where('users.username', '=', username);
  if (options.orgCode !== undefined) {
    const code = options.orgCode;
    q = q
      .innerJoin('organisations', 'organisations.id', 'users.org_id')
      .where((eb) => eb.or([eb('organisations.code', '=', code), eb('organisations.uscc', '=', code)]));
  }
  return q.orderBy('users.created_at').orderBy('users.id').limit(options.limit).execute();
}

export async function findUser(db: Kysely<Database>, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(
  db: Kysely<Database>,
  orgId: string | null,
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('users');
  if (orgId) q = q.where('org_id', '=', orgId);
  return fetchPage(q, (b) => b.selectAll().orderBy('username'), page);
}

export async function insertUser(
  db: Kysely<Database>,
  row: {
    id: string;
    org_id: string;
    username: string;
    display_name: string;
    password_hash: string;
    roles: string[];
    locale: string;
    now: Date;
  },
): Promise<User> {
  const { now, ...values } = row;
  return db
    .insertInto('users')
    .values({ ...values, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A new password: stored as its hash, the administrator's demand for a change settled (or raised, when an
 * operator sets a temporary password with `crossgate users reset-password --must-change`).
 */
export async function replacePassword(
  db: Kysely<Database>,
  id: string,
  passwordHash: string,
  now: Date,
  mustChangePassword = false,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: mustChangePassword,
      password_changed_at: now,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** An administrator requires the user to choose a new password before doing anything else. */
export async function requirePasswordChange(db: Kysely<Database>, id: string, now: Date): Promise<User> {
  return db
    .updateTable('users')
    .set({ must_change_password: true, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function touchLogin(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await db.updateTable('users').set({ last_login_at: now }).where('id', '=', id).execute();
}
