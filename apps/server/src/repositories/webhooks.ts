import { sql, type Database, type Kysely, type WebhookRow } from '@crossgate/db';

export async function insertWebhook(
  db: Kysely<Database>,
  row: { id: string; orgId: string; url: string; secret: string; now: Date },
): Promise<WebhookRow> {
  // A new webhook starts after the receipts that exist now: it pushes what happens from here on.
  const start = await sql<{
    tx: string;
    id: string;
  }>`SELECT COALESCE(max(tx), '0')::text AS tx, COALESCE(max(id), 0)::text AS id FROM receipts WHERE org_id = ${row.orgId}`.execute(
    db,
  );
  return db
    .insertInto('webhooks')
    .values({
      id: row.id,
      org_id: row.orgId,
      url: row.url,
      secret: row.secret,
      cursor_tx: start.rows[0]?.tx ?? '0',
      cursor_id: start.rows[0]?.id ?? '0',
      next_attempt_at: row.now,
      created_at: row.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listWebhooks(db: Kysely<Database>, orgId: string | null) {
  let q = db.selectFrom('webhooks').selectAll();
  if (orgId) q = q.where('org_id', '=', orgId);
  return q.orderBy('created_at').execute();
}

export async function findWebhook(db: Kysely<Database>, id: string) {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function disableWebhook(db: Kysely<Database>, id: string, now: Date) {
  return db
    .updateTable('webhooks')
    .set({ disabled_at: now })
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** One due webhook, locked for this worker; other workers skip it (any number of processes may deliver). */
export async function claimDueWebhook(db: Kysely<Database>, now: Date, skip: string[]) {
  let q = db
    .selectFrom('webhooks')
    .selectAll()
    .where('disabled_at', 'is', null)
    .where('next_attempt_at', '<=', now);
  if (skip.length > 0) q = q.where('id', 'not in', skip);
  return q.orderBy('next_attempt_at').limit(1).forUpdate().skipLocked().executeTakeFirst();
}

export async function advanceWebhook(
  db: Kysely<Database>,
  id: string,
  cursor: { tx: string; id: string },
  now: Date,
  nextAt: Date,
) {
  await db
    .updateTable('webhooks')
    .set({
      cursor_tx: cursor.tx,
      cursor_id: cursor.id,
      attempts: 0,
      last_error: null,
      last_success_at: now,
      next_attempt_at: nextAt,
    })
    .where('id', '=', id)
    .execute();
}

export async function failWebhook(
  db: Kysely<Database>,
  id: string,
  attempts: number,
  error: string,
  nextAt: Date,
) {
  await db
    .updateTable('webhooks')
    .set({ attempts, last_error: error.slice(0, 1000), next_attempt_at: nextAt })
    .where('id', '=', id)
    .execute();
}

export async function deadLetter(
  db: Kysely<Database>,
  row: { webhookId: string; receiptId: string; attempts: number; error: string; now: Date },
) {
  await db
    .insertInto('webhook_dead_letters')
    .values({
      webhook_id: row.webhookId,
      receipt_id: row.receiptId,
      attempts: row.attempts,
      last_error: row.error.slice(0, 1000),
      dead_at: row.now,
    })
    .onConflict((oc) => oc.columns(['webhook_id', 'receipt_id']).doNothing())
    .execute();
}

export async function deadLettersOf(db: Kysely<Database>, webhookId: string) {
  return db
    .selectFrom('webhook_dead_letters as d')
    .innerJoin('receipts as r', 'r.id', 'd.receipt_id')
    .select([
      'd.id',
      'd.receipt_id',
      'd.attempts',
      'd.last_error',
      'd.dead_at',
      'd.retried_at',
      'r.message_type',
      'r.business_key',
      'r.return_status',
    ])
    .where('d.webhook_id', '=', webhookId)
    .orderBy('d.id')
    .execute();
}

/** The organisation's webhooks that are not disabled. */
export async function countActiveWebhooks(db: Kysely<Database>, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('webhooks')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId)
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sets when a webhook is next due (a lease while one worker delivers it, or a short wait when nothing is new). */
export async function postponeWebhook(db: Kysely<Database>, id: string, nextAt: Date): Promise<void> {
  await db.updateTable('webhooks').set({ next_attempt_at: nextAt }).where('id', '=', id).execute();
}

/**
 * After a batch went to the dead letters: the webhook keeps the error that sent it there and its last success
 * from before (advanceWebhook has just cleared the one and set the other).
 */
export async function keepWebhookFailure(
  db: Kysely<Database>,
  id: string,
  error: string,
  lastSuccessAt: Date | null,
): Promise<void> {
  await db
    .updateTable('webhooks')
    .set({ last_error: error, last_success_at: lastSuccessAt })
    .where('id', '=', id)
    .execute();
}

export async function markDeadLetterRetried(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await db.updateTable('webhook_dead_letters').set({ retried_at: now }).where('id', '=', id).execute();
}
