import type { Database, Kysely } from '@crossgate/db';

export type DraftKind = 'draft' | 'template';
export type EntryMessageType = 'CEB311Message' | 'CEB411Message' | 'CEB511Message' | 'CEB621Message';

export interface DraftRow {
  id: string;
  org_id: string;
  kind: DraftKind;
  message_type: EntryMessageType;
  name: string;
  body: Record<string, unknown>;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

/** An enterprise's drafts or templates, newest first; `orgId` is the owner (never another's). */
export async function listDrafts(
  db: Kysely<Database>,
  orgId: string,
  filter: { kind?: DraftKind; messageType?: EntryMessageType },
  limit: number,
): Promise<DraftRow[]> {
  let q = db.selectFrom('declaration_drafts').selectAll().where('org_id', '=', orgId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.messageType) q = q.where('message_type', '=', filter.messageType);
  return q.orderBy('updated_at', 'desc').orderBy('id').limit(limit).execute();
}

export async function findDraft(db: Kysely<Database>, id: string): Promise<DraftRow | undefined> {
  return db.selectFrom('declaration_drafts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDraft(
  db: Kysely<Database>,
  row: Omit<DraftRow, 'body'> & { body: string },
): Promise<void> {
  await db.insertInto('declaration_drafts').values(row).execute();
}

/** Replaces a draft's name and values, only when it belongs to `orgId`; whether a row changed. */
export async function updateDraft(
  db: Kysely<Database>,
  id: string,
  orgId: string,
  patch: { name: string; body: string; updated_at: Date },
): Promise<boolean> {
  const res = await db
    .updateTable('declaration_drafts')
    .set(patch)
    .where('id', '=', id)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function deleteDraft(db: Kysely<Database>, id: string, orgId: string): Promise<boolean> {
  const res = await db
    .deleteFrom('declaration_drafts')
    .where('id', '=', id)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** The documents of one kind an enterprise sent, newest first (to copy one into a new declaration). */
export async function previousDocuments(
  db: Kysely<Database>,
  orgId: string,
  docType: 'order' | 'payment' | 'waybill' | 'inventory',
  limit: number,
) {
  return db
    .selectFrom('import_documents')
    .select(['id', 'business_key', 'order_no', 'logistics_no', 'status', 'body', 'created_at'])
    .where('org_id', '=', orgId)
    .where('doc_type', '=', docType)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}
