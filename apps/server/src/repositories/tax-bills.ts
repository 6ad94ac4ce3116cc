import type { Database, Kysely, NewTaxBill } from '@crossgate/db';

export async function insertTaxBill(db: Kysely<Database>, row: NewTaxBill): Promise<void> {
  await db.insertInto('tax_bills').values(row).execute();
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
