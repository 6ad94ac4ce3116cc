import { sql, type Database, type Kysely } from '@crossgate/db';
import { importInventoryOfParty, exportInventoryOfParty, type Party } from './party-scope.ts';

/**
 * The counts of the home pages (issue 17): each is one grouped or filtered count over the whole scope, never a
 * loop over records. `party` narrows a count to the parcels an enterprise is a party to (sender, or named by one
 * of its codes as platform, seller, carrier or agent), as the inventory lists do; null counts every parcel.
 */
export type { Party };

/** Import inventories per status, in the party's scope. */
export async function importStatusCounts(db: Kysely<Database>, party: Party) {
  let q = db
    .selectFrom('import_documents as d')
    .where('d.doc_type', '=', 'inventory')
    .where('d.deleted', '=', false);
  if (party) q = q.where(importInventoryOfParty(party));
  return q
    .select(['d.status', sql<number>`count(*)::int`.as('n')])
    .groupBy('d.status')
    .execute();
}

/** Export inventories per status (cancelled ones apart), and the closed B-type ones not yet summarised. */
export async function exportStatusCounts(db: Kysely<Database>, party: Party) {
  let q = db
    .selectFrom('export_documents as d')
    .innerJoin('export_inventories as i', 'i.document_id', 'd.id')
    .where('d.doc_type', '=', 'inventory')
    .where('d.deleted', '=', false)
    .where('i.cancelled_at', 'is', null);
  if (party) q = q.where(exportInventoryOfParty(party));
  return q
    .select([
      'd.status',
      sql<number>`count(*)::int`.as('n'),
      sql<number>`(count(*) FILTER (WHERE i.statistics_flag = 'B' AND i.closed_at IS NOT NULL AND i.summarised_at IS NULL))::int`.as(
        'unsummarised',
      ),
    ])
    .groupBy('d.status')
    .execute();
}

/** Enterprise filings per status: every enterprise's, or one organisation's. */
export async function filingStatusCounts(db: Kysely<Database>, orgId: string | null) {
  let q = db.selectFrom('enterprise_filings');
  if (orgId) q = q.where('org_id', '=', orgId);
  return q
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status')
    .execute();
}

/** Product filings per status: every enterprise's, or one organisation's. */
export async function productStatusCounts(db: Kysely<Database>, orgId: string | null) {
  let q = db.selectFrom('products');
  if (orgId) q = q.where('org_id', '=', orgId);
  return q
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status')
    .execute();
}

/** Entries of the credit negative list in force. */
export async function negativeListInForce(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('negative_list')
    .where('delisted_at', 'is', null)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirst();
  return row?.n ?? 0;
}

/** The last `limit` import inventories changed, in the party's scope. */
export async function recentImports(db: Kysely<Database>, party: Party, limit: number) {
  let q = db
    .selectFrom('import_documents as d')
    .where('d.doc_type', '=', 'inventory')
    .where('d.deleted', '=', false);
  if (party) q = q.where(importInventoryOfParty(party));
  return q
    .select(['d.id', 'd.invt_no', 'd.order_no', 'd.logistics_no', 'd.status', 'd.updated_at'])
    .orderBy('d.updated_at', 'desc')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

/** The last `limit` export inventories changed, in the party's scope. */
export async function recentExports(db: Kysely<Database>, party: Party, limit: number) {
  let q = db
    .selectFrom('export_documents as d')
    .innerJoin('export_inventories as i', 'i.document_id', 'd.id')
    .where('d.doc_type', '=', 'inventory')
    .where('d.deleted', '=', false);
  if (party) q = q.where(exportInventoryOfParty(party));
  return q
    .select(['d.id', 'i.invt_no', 'd.order_no', 'i.logistics_no', 'd.status', 'd.updated_at'])
    .orderBy('d.updated_at', 'desc')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}
