import {
  sql,
  type Database,
  type ExportDocType,
  type ExportInventoryPatch,
  type Kysely,
  type NewExportInventory,
} from '@crossgate/db';
import { endOfBeijingDay, startOfBeijingDay } from '@crossgate/domain';
import { fetchPage } from './paging.ts';
import { exportInventoryOfParty } from './party-scope.ts';

/** Export documents, export inventories' clearance rows and the waybill marks (migration 0008). */

export async function findExportDocument(
  db: Kysely<Database>,
  docType: ExportDocType,
  businessKey: string,
  forUpdate = false,
) {
  const q = db
    .selectFrom('export_documents')
    .selectAll()
    .where('doc_type', '=', docType)
    .where('business_key', '=', businessKey);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export type ExportDocumentRow = NonNullable<Awaited<ReturnType<typeof findExportDocument>>>;

export async function insertExportDocument(
  db: Kysely<Database>,
  row: Omit<ExportDocumentRow, 'body' | 'deleted'> & { body: string; deleted: boolean },
): Promise<void> {
  await db.insertInto('export_documents').values(row).execute();
}

export async function replaceExportDocument(
  db: Kysely<Database>,
  id: string,
  row: Partial<Omit<ExportDocumentRow, 'body' | 'id'>> & { body?: string },
): Promise<void> {
  await db.updateTable('export_documents').set(row).where('id', '=', id).execute();
}

export async function setExportStatus(
  db: Kysely<Database>,
  ids: string[],
  status: string,
  now: Date,
  invtNo?: string,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('export_documents')
    .set({ status, updated_at: now, ...(invtNo ? { invt_no: invtNo } : {}) })
    .where('id', 'in', ids)
    .execute();
}

/** The live (not deleted) order, receipt or waybill an inventory links to. */
export async function findSupporting(
  db: Kysely<Database>,
  links: { ebpCode: string; orderNo: string; logisticsCode: string; logisticsNo: string },
) {
  const rows = await db
    .selectFrom('export_documents')
    .selectAll()
    .where('deleted', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('doc_type', 'in', ['order', 'receipt']),
          eb('ebp_code', '=', links.ebpCode),
          eb('order_no', '=', links.orderNo),
        ]),
        eb.and([
          eb('doc_type', '=', 'waybill'),
          eb('logistics_code', '=', links.logisticsCode),
          eb('logistics_no', '=', links.logisticsNo),
        ]),
      ]),
    )
    .execute();
  return {
    order: rows.find((r) => r.doc_type === 'order'),
    receipt: rows.find((r) => r.doc_type === 'receipt'),
    waybill: rows.find((r) => r.doc_type === 'waybill'),
  };
}

/** Inventories still waiting for their documents (status 2) that a new order, receipt or waybill may complete. */
export async function waitingExportInventories(
  db: Kysely<Database>,
  link: { ebpCode: string; orderNo: string } | { logisticsCode: string; logisticsNo: string },
) {
  let q = db
    .selectFrom('export_documents')
    .selectAll()
    .where('doc_type', '=', 'inventory')
    .where('status', '=', '2')
    .where('deleted', '=', false);
  q =
    'orderNo' in link
      ? q.where('ebp_code', '=', link.ebpCode).where('order_no', '=', link.orderNo)
      : q.where('logistics_code', '=', link.logisticsCode).where('logistics_no', '=', link.logisticsNo);
  return q.execute();
}

export async function insertExportInventory(db: Kysely<Database>, row: NewExportInventory): Promise<void> {
  await db.insertInto('export_inventories').values(row).execute();
}

export async function findExportInventory(db: Kysely<Database>, documentId: string, forUpdate = false) {
  const q = db.selectFrom('export_inventories').selectAll().where('document_id', '=', documentId);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function updateExportInventory(
  db: Kysely<Database>,
  documentId: string,
  patch: ExportInventoryPatch,
): Promise<void> {
  await db.updateTable('export_inventories').set(patch).where('document_id', '=', documentId).execute();
}

const inventoryColumns = [
  'd.id',
  'd.org_id',
  'd.guid',
  'd.status',
  'd.body',
  'd.business_key',
  'd.invt_no',
  'i.pre_no',
  'i.trade_mode',
  'i.statistics_flag',
  'i.customs_code',
  'i.logistics_code',
  'i.logistics_no',
  'i.released_at',
  'i.arrived_at',
  'i.departed_at',
  'i.closed_at',
  'i.cancelled_at',
  'i.summarised_at',
  'i.returned_qty',
] as const;

/** An export inventory with its clearance row, by the number customs gave it, locked when asked. */
export async function findExportInventoryByInvtNo(db: Kysely<Database>, invtNo: string, forUpdate = false) {
  const q = db
    .selectFrom('export_documents as d')
    .innerJoin('export_inventories as i', 'i.document_id', 'd.id')
    .select(inventoryColumns)
    .where('i.invt_no', '=', invtNo);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export type ExportInventoryView = NonNullable<Awaited<ReturnType<typeof findExportInventoryByInvtNo>>>;

/**
 * Live export inventories of the given waybill numbers of one carrier (arrival, departure and binding list
 * waybills): a waybill number is unique only within its carrier (CEB505 key logisticsCode + logisticsNo).
 * With `declaredBy`, only the inventories that organisation declared (a master-bill binding's sender).
 */
export async function exportInventoriesOfWaybills(
  db: Kysely<Database>,
  logisticsCode: string,
  logisticsNos: string[],
  declaredBy?: string,
): Promise<ExportInventoryView[]> {
  if (logisticsNos.length === 0) return [];
  let q = db
    .selectFrom('export_documents as d')
    .innerJoin('export_inventories as i', 'i.document_id', 'd.id')
    .select(inventoryColumns)
    .where('i.logistics_code', '=', logisticsCode)
    .where('i.logistics_no', 'in', logisticsNos);
  if (declaredBy !== undefined) q = q.where('d.org_id', '=', declaredBy);
  return q
    .where('d.deleted', '=', false)
    .where('i.cancelled_at', 'is', null)
    .orderBy('d.created_at')
    .forUpdate()
    .execute();
}

export async function markWaybills(
  db: Kysely<Database>,
  rows: {
    logisticsNo: string;
    kind: 'arrival' | 'departure' | 'binding';
    logisticsCode: string;
    orgId: string;
    documentId: string;
    details: Record<string, string>;
    at: Date;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('export_waybill_marks')
    .values(
      rows.map((r) => ({
        logistics_no: r.logisticsNo,
        kind: r.kind,
        logistics_code: r.logisticsCode,
        org_id: r.orgId,
        document_id: r.documentId,
        details: JSON.stringify(r.details),
        at: r.at,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['logistics_no', 'logistics_code', 'kind']).doUpdateSet((eb) => ({
        org_id: eb.ref('excluded.org_id'),
        document_id: eb.ref('excluded.document_id'),
        details: eb.ref('excluded.details'),
        at: eb.ref('excluded.at'),
      })),
    )
    .execute();
}

/** The marks of one carrier's waybill (another carrier's waybill of the same number is another waybill). */
export async function waybillMarks(db: Kysely<Database>, logisticsCode: string, logisticsNo: string) {
  return db
    .selectFrom('export_waybill_marks')
    .selectAll()
    .where('logistics_no', '=', logisticsNo)
    .where('logistics_code', '=', logisticsCode)
    .execute();
}

export async function officeSequencing(db: Kysely<Database>, customsCode: string) {
  const r = await db
    .selectFrom('customs_office_settings')
    .select('export_sequencing')
    .where('customs_code', '=', customsCode)
    .executeTakeFirst();
  return r?.export_sequencing;
}

export async function setOfficeSequencing(
  db: Kysely<Database>,
  customsCode: string,
  sequencing: 'arrival_then_release' | 'release_then_arrival',
  now: Date,
): Promise<void> {
  await db
    .insertInto('customs_office_settings')
    .values({ customs_code: customsCode, export_sequencing: sequencing, updated_at: now })
    .onConflict((oc) =>
      oc.column('customs_code').doUpdateSet({ export_sequencing: sequencing, updated_at: now }),
    )
    .execute();
}

/** The exchange rate of a currency in force on a date (CNY per unit), if one is entered. */
export async function exchangeRate(db: Kysely<Database>, currency: string, date: string) {
  const r = await db
    .selectFrom('exchange_rates')
    .select(['cny_per_unit', 'source'])
    .where('currency', '=', currency)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .orderBy('valid_from', 'desc')
    .executeTakeFirst();
  return r;
}

export async function nextExportSerial(
  db: Kysely<Database>,
  sequence: 'export_invt_no_seq' | 'export_sum_no_seq' | 'export_decl_seq',
): Promise<number> {
  const r = await sql<{ n: string }>`SELECT nextval(${sequence}::regclass)::text AS n`.execute(db);
  return Number(r.rows[0]?.n);
}

export interface ExportInventoryFilter {
  status?: string | undefined;
  tradeMode?: string | undefined;
  orderNo?: string | undefined;
  logisticsNo?: string | undefined;
  invtNo?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Export inventories, optionally only those an enterprise is a party to (sender, platform, seller, carrier, agent). */
export async function listExportInventories(
  db: Kysely<Database>,
  party: { orgId: string; codes: string[] } | null,
  filter: ExportInventoryFilter,
  page: { limit: number; offset: number },
) {
  let q = db
    .selectFrom('export_documents as d')
    .innerJoin('export_inventories as i', 'i.document_id', 'd.id')
    .where('d.doc_type', '=', 'inventory')
    .where('d.deleted', '=', false);
  if (party) q = q.where(exportInventoryOfParty(party));
  if (filter.status) q = q.where('d.status', '=', filter.status);
  if (filter.tradeMode) q = q.where('i.trade_mode', '=', filter.tradeMode);
  if (filter.orderNo) q = q.where('d.order_no', '=', filter.orderNo);
  if (filter.logisticsNo) q = q.where('i.logistics_no', '=', filter.logisticsNo);
  if (filter.invtNo) q = q.where('i.invt_no', '=', filter.invtNo);
  // Declared on a China Standard Time date.
  if (filter.from) q = q.where('d.created_at', '>=', startOfBeijingDay(filter.from));
  if (filter.to) q = q.where('d.created_at', '<', endOfBeijingDay(filter.to));
  return fetchPage(q, (b) => b.selectAll('d').orderBy('d.updated_at', 'desc').orderBy('d.id'), page);
}

export async function findExportDocumentById(db: Kysely<Database>, id: string) {
  return db.selectFrom('export_documents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The summary declaration lines an inventory's lines went to. */
export async function declarationItemsOf(db: Kysely<Database>, invtNo: string) {
  return db
    .selectFrom('export_declaration_items as x')
    .innerJoin('export_declarations as d', 'd.id', 'x.declaration_id')
    .select(['d.id', 'd.decl_seq_no', 'x.gnum', 'x.gseqno'])
    .where('x.invt_no', '=', invtNo)
    .orderBy('x.gnum')
    .execute();
}

/**
 * The live export inventories that name an order, receipt of payment or waybill (decision 0028): by platform and
 * order number (order, receipt) or by logistics enterprise and waybill number (waybill, CEB505 carries no order
 * number) — and only those whose seller (ebcCode) is the document's, so another enterprise copying the numbers
 * into its own inventory locks nothing (its ebcCode is bound to it, decision 0018).
 */
export async function exportInventoriesNaming(
  db: Kysely<Database>,
  link:
    | { by: 'order'; ebpCode: string; orderNo: string; ebcCode: string }
    | { by: 'waybill'; logisticsCode: string; logisticsNo: string; ebcCode: string },
) {
  const q = db
    .selectFrom('export_documents')
    .select(['id', 'status'])
    .where('doc_type', '=', 'inventory')
    .where('deleted', '=', false)
    .where('ebc_code', '=', link.ebcCode);
  return (
    link.by === 'order'
      ? q.where('ebp_code', '=', link.ebpCode).where('order_no', '=', link.orderNo)
      : q.where('logistics_code', '=', link.logisticsCode).where('logistics_no', '=', link.logisticsNo)
  ).execute();
}
