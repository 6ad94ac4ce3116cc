import { fetchPage } from './paging.ts';
import { deferRow, pendingUnit, takeSerial, type DeferredKind } from './unit-of-work.ts';
import {
  sql,
  type Database,
  type ImportDocType,
  type ImportDocument,
  type InventoryClearancePatch,
  type Kysely,
  type NewImportDocument,
  type NewInventoryClearance,
} from '@crossgate/db';
import { importInventoryOfParty } from './party-scope.ts';

export async function lockOrderNumbers(db: Kysely<Database>, orderNos: string[]): Promise<void> {
  // One transaction-scoped advisory lock per order number, taken in sorted order in one statement (no
  // deadlocks, one round trip): the four documents of a parcel all carry orderNo, so whichever arrives last
  // sees the others committed.
  const keys = [...new Set(orderNos)].sort();
  if (keys.length === 0) return;
  await sql`SELECT count(pg_advisory_xact_lock(7261002, hashtext(k))) FROM (SELECT unnest(${keys}::text[]) AS k ORDER BY 1) AS sorted`.execute(
    db,
  );
}

export async function findDocument(
  db: Kysely<Database>,
  docType: ImportDocType,
  businessKey: string,
  forUpdate = false,
) {
  let q = db
    .selectFrom('import_documents')
    .selectAll()
    .where('doc_type', '=', docType)
    .where('business_key', '=', businessKey);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findDocumentById(
  db: Kysely<Database>,
  id: string,
): Promise<ImportDocument | undefined> {
  return db.selectFrom('import_documents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDocument(db: Kysely<Database>, row: NewImportDocument): Promise<void> {
  await db.insertInto('import_documents').values(row).execute();
}

export async function replaceDocument(
  db: Kysely<Database>,
  id: string,
  patch: {
    org_id: string;
    message_id: string;
    guid: string;
    app_type: string;
    app_status: string;
    status: string;
    deleted: boolean;
    body: string;
    body_hash: string;
    updated_at: Date;
  } & Partial<
    Pick<
      NewImportDocument,
      | 'order_no'
      | 'ebp_code'
      | 'ebc_code'
      | 'logistics_code'
      | 'logistics_no'
      | 'pay_code'
      | 'pay_transaction_id'
      | 'invt_no'
    >
  >,
): Promise<void> {
  await db.updateTable('import_documents').set(patch).where('id', '=', id).execute();
}

interface StatusChange {
  id: string;
  status: string;
  at: Date;
  invtNo: string | undefined;
}

/** Status changes of documents held back in a gateway batch: one statement for all (decision 0045). */
const STATUS_CHANGES: DeferredKind<StatusChange> = {
  table: 'import_documents',
  mode: 'update',
  merge: (a, b) => ({ ...b, invtNo: b.invtNo ?? a.invtNo }),
  write: async (db, rows) => {
    await sql`UPDATE import_documents AS d SET status = v.status, updated_at = v.at, invt_no = coalesce(v.invt_no, d.invt_no)
      FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.status)}::text[],
        ${rows.map((r) => r.at.toISOString())}::timestamptz[], ${rows.map((r) => r.invtNo ?? null)}::text[])
        AS v(id, status, at, invt_no)
      WHERE d.id = v.id`.execute(db);
  },
};

export async function setDocumentStatus(
  db: Kysely<Database>,
  id: string,
  status: string,
  now: Date,
  invtNo?: string,
): Promise<void> {
  if (deferRow(db, STATUS_CHANGES, id, { id, status, at: now, invtNo: invtNo || undefined })) return;
  await db
    .updateTable('import_documents')
    .set({ status, updated_at: now, ...(invtNo ? { invt_no: invtNo } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function findByWaybill(
  db: Kysely<Database>,
  docType: 'waybill' | 'inventory',
  logisticsCode: string,
  logisticsNo: string,
) {
  return db
    .selectFrom('import_documents')
    .selectAll()
    .where('doc_type', '=', docType)
    .where('logistics_code', '=', logisticsCode)
    .where('logistics_no', '=', logisticsNo)
    .where('deleted', '=', false)
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
}

/** Inventories waiting for documents (status 2) that a newly arrived document may complete. */
export async function waitingInventories(
  db: Kysely<Database>,
  link: {
    ebpCode?: string | null;
    orderNo?: string | null;
    logisticsCode?: string | null;
    logisticsNo?: string | null;
  },
) {
  let q = db
    .selectFrom('import_documents')
    .select('id')
    .where('doc_type', '=', 'inventory')
    .where('status', '=', '2')
    .where('deleted', '=', false);
  if (link.logisticsCode && link.logisticsNo)
    q = q.where('logistics_code', '=', link.logisticsCode).where('logistics_no', '=', link.logisticsNo);
  else if (link.ebpCode && link.orderNo)
    q = q.where('ebp_code', '=', link.ebpCode).where('order_no', '=', link.orderNo);
  else return [];
  return q.execute();
}

/** A first submission (appType 1, appStatus 2 → status 2) of an order, payment or waybill in a set-wise batch. */
export interface FirstSubmission {
  id: string;
  docType: string;
  businessKey: string;
  orgId: string;
  messageId: string;
  guid: string;
  links: {
    orderNo: string | null;
    ebpCode: string | null;
    ebcCode: string | null;
    logisticsCode: string | null;
    logisticsNo: string | null;
    payCode: string | null;
    payTransactionId: string | null;
  };
  /** The body as stored (JSON of the sealed body). */
  body: string;
  bodyHash: string;
  now: Date;
}

/**
 * Writes a batch's first submissions in one statement. A key (doc_type, business_key) already taken writes
 * nothing; the ids of the rows written come back, so the caller sends the others through the document rules.
 */
export async function insertFirstSubmissions(
  db: Kysely<Database>,
  rows: FirstSubmission[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const written = await sql<{ id: string }>`
    INSERT INTO import_documents (id, doc_type, business_key, org_id, message_id, guid, app_type, app_status, status, deleted, order_no, ebp_code, ebc_code, logistics_code, logistics_no, pay_code, pay_transaction_id, invt_no, body, body_hash, created_at, updated_at)
    SELECT id, doc_type, business_key, org_id, message_id, guid, '1', '2', '2', false, order_no, ebp_code, ebc_code, logistics_code, logistics_no, pay_code, pay_transaction_id, NULL, body, body_hash, at, at
    FROM unnest(${rows.map((p) => p.id)}::uuid[], ${rows.map((p) => p.docType)}::text[], ${rows.map((p) => p.businessKey)}::text[],
      ${rows.map((p) => p.orgId)}::uuid[], ${rows.map((p) => p.messageId)}::bigint[], ${rows.map((p) => p.guid)}::text[],
      ${rows.map((p) => p.links.orderNo)}::text[], ${rows.map((p) => p.links.ebpCode)}::text[], ${rows.map((p) => p.links.ebcCode)}::text[],
      ${rows.map((p) => p.links.logisticsCode)}::text[], ${rows.map((p) => p.links.logisticsNo)}::text[], ${rows.map((p) => p.links.payCode)}::text[],
      ${rows.map((p) => p.links.payTransactionId)}::text[], ${rows.map((p) => p.body)}::jsonb[], ${rows.map((p) => p.bodyHash)}::text[],
      ${rows.map((p) => p.now.toISOString())}::timestamptz[])
      AS t(id, doc_type, business_key, org_id, message_id, guid, order_no, ebp_code, ebc_code, logistics_code, logistics_no, pay_code, pay_transaction_id, body, body_hash, at)
    ON CONFLICT (doc_type, business_key) DO NOTHING
    RETURNING id::text`.execute(db);
  return new Set(written.rows.map((r) => r.id));
}

/**
 * Inventories waiting for documents (status 2) that any of many newly arrived documents may complete, in one
 * query: by (ebpCode, orderNo) of orders and payments, by (logisticsCode, logisticsNo) of waybills.
 */
export async function waitingInventoriesOfMany(
  db: Kysely<Database>,
  byOrder: { ebpCode: string; orderNo: string }[],
  byWaybill: { logisticsCode: string; logisticsNo: string }[],
): Promise<ImportDocument[]> {
  const r = await sql<ImportDocument>`
      SELECT * FROM import_documents
      WHERE doc_type = 'inventory' AND status = '2' AND NOT deleted AND (
        (ebp_code, order_no) IN (SELECT * FROM unnest(${byOrder.map((k) => k.ebpCode)}::text[], ${byOrder.map((k) => k.orderNo)}::text[]))
        OR (logistics_code, logistics_no) IN (SELECT * FROM unnest(${byWaybill.map((k) => k.logisticsCode)}::text[], ${byWaybill.map((k) => k.logisticsNo)}::text[])))
      ORDER BY id`.execute(db);
  return r.rows;
}

/**
 * The clearance rows of several inventories, locked (FOR UPDATE) in one statement, in document order: what
 * `findClearance(db, id, true)` reads for each (decision 0041: one read per kind for a batch's set).
 */
export async function lockClearances(db: Kysely<Database>, documentIds: string[]) {
  if (documentIds.length === 0)
    return new Map<string, NonNullable<Awaited<ReturnType<typeof findClearance>>>>();
  const rows = await db
    .selectFrom('inventory_clearance')
    .selectAll()
    .where('document_id', 'in', documentIds)
    .orderBy('document_id')
    .forUpdate()
    .execute();
  return new Map(rows.map((r) => [r.document_id, r]));
}

/**
 * The supporting documents of several inventories in one statement: for each link, what `supportingDocuments`
 * answers for it (the same conditions, the most recently updated row of each kind).
 */
export async function supportingDocumentsOfMany(
  db: Kysely<Database>,
  links: { ebpCode: string; orderNo: string; ebcCode: string; logisticsCode: string; logisticsNo: string }[],
) {
  const out: {
    order: ImportDocument | undefined;
    payment: ImportDocument | undefined;
    waybill: ImportDocument | undefined;
  }[] = [];
  if (links.length === 0) return out;
  const col = (f: (l: (typeof links)[number]) => string) => links.map(f);
  const r = await sql<ImportDocument>`
      SELECT * FROM import_documents
      WHERE NOT deleted AND (
        (doc_type = 'order' AND (ebp_code, order_no, ebc_code) IN (SELECT * FROM unnest(${col((l) => l.ebpCode)}::text[], ${col((l) => l.orderNo)}::text[], ${col((l) => l.ebcCode)}::text[])))
        OR (doc_type = 'payment' AND (ebp_code, order_no) IN (SELECT * FROM unnest(${col((l) => l.ebpCode)}::text[], ${col((l) => l.orderNo)}::text[])))
        OR (doc_type = 'waybill' AND (logistics_code, logistics_no, order_no) IN (SELECT * FROM unnest(${col((l) => l.logisticsCode)}::text[], ${col((l) => l.logisticsNo)}::text[], ${col((l) => l.orderNo)}::text[]))))
      ORDER BY updated_at DESC`.execute(db);
  for (const l of links) {
    const of = (type: string, match: (d: ImportDocument) => boolean) =>
      r.rows.find((d) => d.doc_type === type && match(d));
    out.push({
      order: of(
        'order',
        (d) => d.ebp_code === l.ebpCode && d.order_no === l.orderNo && d.ebc_code === l.ebcCode,
      ),
      payment: of('payment', (d) => d.ebp_code === l.ebpCode && d.order_no === l.orderNo),
      waybill: of(
        'waybill',
        (d) =>
          d.logistics_code === l.logisticsCode &&
          d.logistics_no === l.logisticsNo &&
          d.order_no === l.orderNo,
      ),
    });
  }
  return out;
}

/** Released inventories (800, not cancelled) whose release is at or before `cutoff`, at most `limit`. */
export async function releasedBefore(db: Kysely<Database>, cutoff: Date, limit: number) {
  return db
    .selectFrom('inventory_clearance as c')
    .innerJoin('import_documents as d', 'd.id', 'c.document_id')
    .select(['d.id', 'd.order_no'])
    .where('d.status', '=', '800')
    .where('c.cancelled_at', 'is', null)
    .where('c.released_at', '<=', cutoff)
    .limit(limit)
    .execute();
}

export async function findInventoryByInvtNo(db: Kysely<Database>, invtNo: string, forUpdate = false) {
  let q = db
    .selectFrom('import_documents as d')
    .innerJoin('inventory_clearance as c', 'c.document_id', 'd.id')
    .selectAll('d')
    .select([
      'c.pre_no',
      'c.released_at',
      'c.cancelled_at',
      'c.buyer_key',
      'c.trade_mode',
      'c.ems_no',
      'c.customs_code',
      'c.quota_amount',
    ])
    .where('c.invt_no', '=', invtNo);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertClearance(db: Kysely<Database>, row: NewInventoryClearance): Promise<void> {
  await db.insertInto('inventory_clearance').values(row).execute();
}

export async function findClearance(db: Kysely<Database>, documentId: string, forUpdate = false) {
  let q = db.selectFrom('inventory_clearance').selectAll().where('document_id', '=', documentId);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

const JSON_COLUMNS = new Set(['issues', 'channel']);

/**
 * Changes to clearance rows held back in a gateway batch (decision 0045): a row's changes merged in order, then
 * one statement per set of columns changed, the values typed by the table's own row type.
 */
const CLEARANCE_PATCHES: DeferredKind<InventoryClearancePatch & { document_id: string }> = {
  table: 'inventory_clearance',
  mode: 'update',
  merge: (a, b) => ({ ...a, ...b }),
  write: async (db, rows) => {
    const shapes = new Map<string, typeof rows>();
    for (const row of rows) {
      const shape = Object.keys(row)
        .filter((k) => k !== 'document_id')
        .sort()
        .join(',');
      shapes.set(shape, [...(shapes.get(shape) ?? []), row]);
    }
    for (const [shape, of] of shapes) {
      const columns = shape.split(',').filter(Boolean);
      if (columns.length === 0) continue;
      const json = of.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [
            k,
            JSON_COLUMNS.has(k) && typeof v === 'string' ? (JSON.parse(v) as unknown) : v,
          ]),
        ),
      );
      await sql`UPDATE inventory_clearance AS c SET ${sql.join(
        columns.map((col) => sql`${sql.id(col)} = v.${sql.id(col)}`),
      )}
        FROM jsonb_populate_recordset(NULL::inventory_clearance, ${JSON.stringify(json)}::jsonb) AS v
        WHERE c.document_id = v.document_id`.execute(db);
    }
  },
};

export async function updateClearance(
  db: Kysely<Database>,
  documentId: string,
  patch: InventoryClearancePatch,
): Promise<void> {
  // As `.set(patch)` does, a field given as undefined is left alone.
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (deferRow(db, CLEARANCE_PATCHES, documentId, { ...given, document_id: documentId })) return;
  await db.updateTable('inventory_clearance').set(patch).where('document_id', '=', documentId).execute();
}

export async function nextSerial(
  db: Kysely<Database>,
  sequence: 'pre_no_seq' | 'invt_no_seq',
): Promise<number> {
  // In a gateway batch, the numbers the batch expects to take are reserved in one statement (decision 0045).
  return takeSerial(db, sequence, async (n) => {
    const r = await sql<{
      n: string;
    }>`SELECT nextval(${sequence}::regclass)::text AS n FROM generate_series(1, ${n}::int) ORDER BY 1`.execute(
      db,
    );
    return r.rows.map((row) => Number(row.n));
  });
}

export interface EventRow {
  documentId: string;
  orgId: string;
  status: string;
  returnInfo: string;
  actor: { via: 'session' | 'api_key' | 'system'; userId: string | null; orgId: string | null };
  requestId: string | null;
  details?: unknown;
  now: Date;
}

export async function insertEventRows(db: Kysely<Database>, rows: EventRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('document_events')
    .values(
      rows.map((row) => ({
        document_id: row.documentId,
        org_id: row.orgId,
        status: row.status,
        return_info: row.returnInfo,
        actor_via: row.actor.via,
        actor_user_id: row.actor.userId,
        actor_org_id: row.actor.orgId,
        request_id: row.requestId,
        details: row.details === undefined ? null : JSON.stringify(row.details),
        at: row.now,
      })),
    )
    .execute();
}

export async function appendEvent(db: Kysely<Database>, row: EventRow): Promise<void> {
  await appendEvents(db, [row]);
}

export async function appendEvents(db: Kysely<Database>, rows: EventRow[]): Promise<void> {
  const unit = pendingUnit(db);
  if (unit) unit.events.push(...rows);
  else await insertEventRows(db, rows);
}

export async function eventsOf(db: Kysely<Database>, documentIds: string[]) {
  if (documentIds.length === 0) return [];
  return db
    .selectFrom('document_events')
    .selectAll()
    .where('document_id', 'in', documentIds)
    .orderBy('id')
    .execute();
}

export interface InventoryFilter {
  status?: string | undefined;
  orderNo?: string | undefined;
  logisticsNo?: string | undefined;
  invtNo?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * Inventories, optionally only those an enterprise is a party to: as sender, or named as platform, seller,
 * carrier or agent by one of its codes (customs code, USCC).
 */
export async function listInventories(
  db: Kysely<Database>,
  party: { orgId: string; codes: string[] } | null,
  filter: InventoryFilter,
  page: { limit: number; offset: number },
) {
  let q = db
    .selectFrom('import_documents as d')
    .innerJoin('inventory_clearance as c', 'c.document_id', 'd.id')
    .where('d.doc_type', '=', 'inventory')
    .where('d.deleted', '=', false);
  if (party) q = q.where(importInventoryOfParty(party));
  if (filter.status) q = q.where('d.status', '=', filter.status);
  if (filter.orderNo) q = q.where('d.order_no', '=', filter.orderNo);
  if (filter.logisticsNo) q = q.where('d.logistics_no', '=', filter.logisticsNo);
  if (filter.invtNo) q = q.where('c.invt_no', '=', filter.invtNo);
  if (filter.from) q = q.where('c.decl_date', '>=', filter.from);
  if (filter.to) q = q.where('c.decl_date', '<=', filter.to);
  return fetchPage(q, (b) => b.selectAll('d').orderBy('d.updated_at', 'desc').orderBy('d.id'), page);
}

/** Several documents reach the same status at once (the supporting documents of an accepted inventory). */
export async function setStatusMany(
  db: Kysely<Database>,
  ids: string[],
  status: string,
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  if (ids.every((id) => deferRow(db, STATUS_CHANGES, id, { id, status, at: now, invtNo: undefined }))) return;
  await db.updateTable('import_documents').set({ status, updated_at: now }).where('id', 'in', ids).execute();
}

/**
 * The order, payment and waybill of an inventory, in one query (each the newest live one). A document belongs
 * to the inventory only when it names the inventory's parties, not merely its numbers: the order must be the
 * inventory's seller's (ebcCode), and the waybill must carry the inventory's order number. An order number or a
 * waybill number alone is no proof: anyone may write another enterprise's numbers into an inventory.
 */
export async function supportingDocuments(
  db: Kysely<Database>,
  link: { ebpCode: string; orderNo: string; ebcCode: string; logisticsCode: string; logisticsNo: string },
) {
  const rows = await db
    .selectFrom('import_documents')
    .selectAll()
    .where('deleted', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('doc_type', '=', 'order'),
          eb('ebp_code', '=', link.ebpCode),
          eb('order_no', '=', link.orderNo),
          eb('ebc_code', '=', link.ebcCode),
        ]),
        eb.and([
          eb('doc_type', '=', 'payment'),
          eb('ebp_code', '=', link.ebpCode),
          eb('order_no', '=', link.orderNo),
        ]),
        eb.and([
          eb('doc_type', '=', 'waybill'),
          eb('logistics_code', '=', link.logisticsCode),
          eb('logistics_no', '=', link.logisticsNo),
          eb('order_no', '=', link.orderNo),
        ]),
      ]),
    )
    .orderBy('updated_at', 'desc')
    .execute();
  const pick = (type: string) => rows.find((r) => r.doc_type === type);
  return { order: pick('order'), payment: pick('payment'), waybill: pick('waybill') };
}

/**
 * The live inventories that name an order, payment or waybill (decision 0028): by platform and order number (an
 * order or payment) or by logistics enterprise, waybill number and order number (a waybill) — and only those
 * whose seller (ebcCode) is the seller of the live order under that platform and order number, as the match
 * takes them (supportingDocuments). An order number alone is no proof: another enterprise may write it into its
 * own inventory, and that must not lock this enterprise's documents.
 */
export async function inventoriesNaming(
  db: Kysely<Database>,
  link:
    | { docType: 'order' | 'payment'; ebpCode: string; orderNo: string }
    | { docType: 'waybill'; logisticsCode: string; logisticsNo: string; orderNo: string },
) {
  let q = db
    .selectFrom('import_documents as i')
    .select(['i.id', 'i.status'])
    .where('i.doc_type', '=', 'inventory')
    .where('i.deleted', '=', false)
    .where('i.order_no', '=', link.orderNo);
  q =
    link.docType === 'waybill'
      ? q.where('i.logistics_code', '=', link.logisticsCode).where('i.logistics_no', '=', link.logisticsNo)
      : q.where('i.ebp_code', '=', link.ebpCode);
  return q
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('import_documents as o')
          .select('o.id')
          .where('o.doc_type', '=', 'order')
          .where('o.deleted', '=', false)
          .whereRef('o.ebp_code', '=', 'i.ebp_code')
          .whereRef('o.order_no', '=', 'i.order_no')
          .whereRef('o.ebc_code', '=', 'i.ebc_code'),
      ),
    )
    .execute();
}
