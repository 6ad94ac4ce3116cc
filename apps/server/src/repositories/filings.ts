import type { Database, FilingStatus, Kysely } from '@crossgate/db';
import { fetchPage, type PageWindow } from './paging.ts';

/** Enterprise filings (备案), product filing review, and the retail-import positive list (migration 0009). */

export async function findFiling(db: Kysely<Database>, id: string, forUpdate = false) {
  const q = db.selectFrom('enterprise_filings').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}
export type FilingRow = NonNullable<Awaited<ReturnType<typeof findFiling>>>;

export async function openFilingOf(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom('enterprise_filings')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('status', 'in', ['draft', 'submitted', 'rejected'])
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function insertFiling(
  db: Kysely<Database>,
  row: Omit<FilingRow, 'contacts' | 'documents' | 'reasons' | 'roles'> & {
    contacts: string;
    documents: string;
    reasons: string;
    roles: string[];
  },
): Promise<void> {
  await db.insertInto('enterprise_filings').values(row).execute();
}

export async function updateFiling(
  db: Kysely<Database>,
  id: string,
  patch: Partial<Omit<FilingRow, 'id' | 'contacts' | 'documents' | 'reasons'>> & {
    contacts?: string;
    documents?: string;
    reasons?: string;
  },
): Promise<void> {
  await db.updateTable('enterprise_filings').set(patch).where('id', '=', id).execute();
}

export async function listFilings(
  db: Kysely<Database>,
  filter: { orgId?: string | undefined; status?: string | undefined; q?: string | undefined },
  page: PageWindow,
) {
  let q = db.selectFrom('enterprise_filings');
  if (filter.orgId) q = q.where('org_id', '=', filter.orgId);
  if (filter.status) q = q.where('status', '=', filter.status as FilingRow['status']);
  if (filter.q) {
    const like = `%${filter.q}%`;
    q = q.where((eb) =>
      eb.or([
        eb('name_zh', 'like', like),
        eb('uscc', '=', filter.q ?? ''),
        eb('customs_code', '=', filter.q ?? ''),
      ]),
    );
  }
  return fetchPage(q, (b) => b.selectAll().orderBy('updated_at', 'desc').orderBy('id'), page);
}

export async function setOrganisationFiling(
  db: Kysely<Database>,
  orgId: string,
  patch: { filing_status: FilingStatus; enterprise_roles?: string[]; uscc?: string; name_zh?: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable('organisations')
    .set({ ...patch, updated_at: now })
    .where('id', '=', orgId)
    .execute();
}

export async function positiveListInForce(db: Kysely<Database>, date: string) {
  return db
    .selectFrom('positive_list')
    .selectAll()
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .execute();
}

export async function productsAwaitingReview(db: Kysely<Database>, page: PageWindow, status = 'submitted') {
  return fetchPage(
    db.selectFrom('products').where('status', '=', status as 'submitted'),
    (b) => b.selectAll().orderBy('submitted_at').orderBy('id'),
    page,
  );
}

/** Public product lookup by item number or barcode: approved filings only. */
export async function findFiledProducts(db: Kysely<Database>, by: { itemNo?: string; barcode?: string }) {
  let q = db
    .selectFrom('products as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .select([
      'p.item_no',
      'p.name_zh',
      'p.hs_code',
      'p.brand',
      'p.barcode',
      'p.origin_country',
      'p.status',
      'p.decided_at',
      'o.name_zh as org_name',
      'o.code as org_code',
    ])
    .where('p.status', '=', 'approved');
  if (by.itemNo) q = q.where('p.item_no', '=', by.itemNo);
  if (by.barcode) q = q.where('p.barcode', '=', by.barcode);
  return q.orderBy('p.item_no').limit(50).execute();
}

export async function existingItemNos(db: Kysely<Database>, orgId: string, itemNos: string[]) {
  if (itemNos.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('products')
    .select('item_no')
    .where('org_id', '=', orgId)
    .where('item_no', 'in', itemNos)
    .execute();
  return new Set(rows.map((r) => r.item_no));
}

export async function listPositiveList(
  db: Kysely<Database>,
  filter: { q?: string | undefined },
  page: PageWindow,
) {
  let q = db.selectFrom('positive_list');
  if (filter.q)
    q = q.where((eb) =>
      eb.or([eb('hs_prefix', 'like', `${filter.q}%`), eb('name_zh', 'like', `%${filter.q}%`)]),
    );
  return fetchPage(q, (b) => b.selectAll().orderBy('hs_prefix').orderBy('valid_from'), page);
}

export async function insertPositiveEntries(
  db: Kysely<Database>,
  rows: {
    id: string;
    hs_prefix: string;
    name_zh: string;
    note: string;
    list_name: string;
    valid_from: string;
    valid_to: string | null;
    created_at: Date;
  }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await db
    .insertInto('positive_list')
    .values(rows)
    .onConflict((oc) => oc.columns(['hs_prefix', 'valid_from']).doNothing())
    .returning('id')
    .execute();
  return r.length;
}
