import type { Database, Kysely, NewTaxBill } from '@crossgate/db';

/** One bill per inventory: a re-declared inventory's new bill replaces its voided one. */
export async function insertTaxBill(db: Kysely<Database>, row: NewTaxBill): Promise<void> {
  const { id: _id, document_id: _doc, created_at: _created, ...update } = row;
  await db
    .insertInto('tax_bills')
    .values(row)
    .onConflict((oc) => oc.column('document_id').doUpdateSet(update))
    .execute();
}

export async function findTaxBill(db: Kysely<Database>, documentId: string) {
  return db.selectFrom('tax_bills').selectAll().where('document_id', '=', documentId).executeTakeFirst();
}

export async function setTaxBillStatus(
  db: Kysely<Database>,
  documentId: string,
  status: '1' | '2' | '3',
  now: Date,
): Promise<void> {
  await db
    .updateTable('tax_bills')
    .set({ status, updated_at: now })
    .where('document_id', '=', documentId)
    .execute();
}

export async function voidTaxBill(db: Kysely<Database>, documentId: string, now: Date): Promise<void> {
  await db
    .updateTable('tax_bills')
    .set({ status: '3', updated_at: now })
    .where('document_id', '=', documentId)
    .where('status', '<>', '3')
    .execute();
}
