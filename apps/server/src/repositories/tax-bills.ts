import { sql, type Database, type Kysely, type NewTaxBill } from '@crossgate/db';
import { deferRow, type DeferredKind } from './unit-of-work.ts';

/** The columns a re-declared inventory's new bill replaces (all but its identity and first issue). */
const REPLACED = [
  'org_id',
  'tax_no',
  'invt_no',
  'assure_code',
  'ebc_code',
  'logistics_code',
  'agent_code',
  'customs_code',
  'status',
  'ent_duty_no',
  'customs_tax',
  'value_added_tax',
  'consumption_tax',
  'tax_mode',
  'lines',
  'updated_at',
] as const;

/** Tax bills issued in a gateway batch, written in one statement (decision 0045); a later one of a document wins. */
const TAX_BILLS: DeferredKind<NewTaxBill> = {
  table: 'tax_bills',
  mode: 'upsert',
  merge: (_a, b) => b,
  write: async (db, rows) => {
    await db
      .insertInto('tax_bills')
      .values(rows)
      .onConflict((oc) =>
        oc
          .column('document_id')
          .doUpdateSet((eb) => Object.fromEntries(REPLACED.map((c) => [c, eb.ref(`excluded.${c}`)]))),
      )
      .execute();
  },
};

/** One bill per inventory: a re-declared inventory's new bill replaces its voided one. */
export async function insertTaxBill(db: Kysely<Database>, row: NewTaxBill): Promise<void> {
  if (deferRow(db, TAX_BILLS, row.document_id, row)) return;
  await TAX_BILLS.write(db, [row]);
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

/** Issued tax bills (status 1) of closed inventories (899), by guarantor, at most `limit`. */
export async function billsToConsolidate(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('tax_bills as t')
    .innerJoin('import_documents as d', 'd.id', 't.document_id')
    .select(['t.document_id', 't.org_id', 't.assure_code', 't.invt_no', 't.tax_no', 't.customs_code'])
    .where('t.status', '=', '1')
    .where('d.status', '=', '899')
    .orderBy('t.assure_code')
    .limit(limit)
    .execute();
}

/** How many payment notices (distinct entDutyNo) a guarantor has had so far. */
export async function paymentNoticeCount(db: Kysely<Database>, assureCode: string): Promise<number> {
  const seq = await sql<{
    n: string;
  }>`SELECT count(DISTINCT ent_duty_no)::text AS n FROM tax_bills WHERE assure_code = ${assureCode} AND ent_duty_no IS NOT NULL`.execute(
    db,
  );
  return Number(seq.rows[0]?.n ?? 0);
}

/** Consolidates issued bills (status 1) into a payment notice: status 2 已汇总 with its entDutyNo. */
export async function consolidateTaxBills(
  db: Kysely<Database>,
  documentIds: string[],
  entDutyNo: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('tax_bills')
    .set({ status: '2', ent_duty_no: entDutyNo, updated_at: now })
    .where('document_id', 'in', documentIds)
    .where('status', '=', '1')
    .execute();
}
