import { sql, type Database, type Kysely } from '@crossgate/db';
import { pendingUnit } from './unit-of-work.ts';

export interface OutboxReceipt {
  orgId: string;
  messageType: string;
  documentId: string | null;
  businessKey: string | null;
  returnStatus: string;
  returnInfo: string;
  xml: string;
}

export async function enqueueReceipts(
  db: Kysely<Database>,
  receipts: OutboxReceipt[],
  now: Date,
): Promise<void> {
  if (receipts.length === 0) return;
  const unit = pendingUnit(db);
  if (unit) {
    unit.receipts.push(...receipts.map((r) => ({ ...r, now })));
    return;
  }
  await insertReceiptRows(
    db,
    receipts.map((r) => ({ ...r, now })),
  );
}

export async function insertReceiptRows(
  db: Kysely<Database>,
  receipts: (OutboxReceipt & { now: Date })[],
): Promise<void> {
  if (receipts.length === 0) return;
  await db
    .insertInto('receipts')
    .values(
      receipts.map((r) => ({
        org_id: r.orgId,
        message_type: r.messageType,
        document_id: r.documentId,
        business_key: r.businessKey,
        return_status: r.returnStatus,
        return_info: r.returnInfo,
        xml: r.xml,
        created_at: r.now,
      })),
    )
    .execute();
}

/**
 * The next receipts of an enterprise after a cursor `(tx, id)`, in commit-safe order: only receipts of
 * transactions older than the oldest one still running are visible, so a receipt that commits late is
 * never jumped over by a cursor that already moved past a younger one.
 */
export async function receiptsAfter(
  db: Kysely<Database>,
  orgId: string,
  cursor: { tx: string; id: string },
  limit: number,
) {
  return db
    .selectFrom('receipts')
    .select([
      'id',
      'tx',
      'message_type',
      'document_id',
      'business_key',
      'return_status',
      'return_info',
      'xml',
      'created_at',
    ])
    .where('org_id', '=', orgId)
    .where(sql<boolean>`(tx, id) > (${cursor.tx}::xid8, ${cursor.id}::bigint)`)
    .where(sql<boolean>`tx < pg_snapshot_xmin(pg_current_snapshot())`)
    .orderBy('tx')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** One receipt of the outbox by id; throws when there is none. */
export async function findReceipt(db: Kysely<Database>, id: string) {
  return db.selectFrom('receipts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
