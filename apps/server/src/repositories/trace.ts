import { sql, type Database, type Kysely, type TraceEventType } from '@crossgate/db';
import { fetchPage, type PageWindow } from './paging.ts';

/**
 * The traceability module's SQL (issue 21; decision 0049): its own tables (trace_codes, trace_events) and the
 * clearance facts it reads (released import inventories and their status events). It never writes clearance's
 * tables.
 */

/** Approved product filings without a code yet (all owners, or one). */
export async function productsWithoutCode(db: Kysely<Database>, orgId: string | null, limit: number) {
  let q = db
    .selectFrom('products as p')
    .leftJoin('trace_codes as t', (j) => j.onRef('t.product_id', '=', 'p.id').on('t.kind', '=', 'product'))
    .select(['p.id', 'p.org_id'])
    .where('p.status', '=', 'approved')
    .where('t.code', 'is', null);
  if (orgId) q = q.where('p.org_id', '=', orgId);
  return q.orderBy('p.id').limit(limit).execute();
}

/**
 * Released (not cancelled) import inventories none of whose lines has a code yet, with their lines (the goods
 * list carries no personal data), seller and sender. `party` narrows to the inventories the enterprise is the
 * seller or the sender of.
 */
export async function releasedInventoriesWithoutCodes(
  db: Kysely<Database>,
  party: { orgId: string; codes: string[] } | null,
  limit: number,
) {
  const codes = sql.join(party && party.codes.length > 0 ? party.codes : ['']);
  const r = await sql<{
    id: string;
    org_id: string;
    ebc_code: string | null;
    lines: { gnum?: string; itemNo?: string }[] | null;
  }>`
    SELECT d.id, d.org_id, d.ebc_code, d.body->'lines' AS lines
    FROM import_documents d
    JOIN inventory_clearance c ON c.document_id = d.id
    WHERE d.doc_type = 'inventory' AND NOT d.deleted
      AND c.released_at IS NOT NULL AND c.cancelled_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM trace_codes t WHERE t.document_id = d.id)
      ${party ? sql`AND (d.org_id = ${party.orgId} OR d.ebc_code IN (${codes}))` : sql``}
    ORDER BY d.id
    LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** Organisations by customs code or USCC (the sellers an inventory names). */
export async function organisationsByCodes(db: Kysely<Database>, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('organisations')
    .select(['id', 'code', 'uscc'])
    .where((eb) => eb.or([eb('code', 'in', codes), eb('uscc', 'in', codes)]))
    .execute();
}

/** Products of these owners with these item numbers (a parcel line names its product by the seller's item no). */
export async function productsByItemNos(db: Kysely<Database>, orgIds: string[], itemNos: string[]) {
  if (orgIds.length === 0 || itemNos.length === 0) return [];
  return db
    .selectFrom('products')
    .select(['id', 'org_id', 'item_no'])
    .where('org_id', 'in', orgIds)
    .where('item_no', 'in', itemNos)
    .execute();
}

export interface NewTraceCode {
  code: string;
  kind: 'product' | 'line';
  org_id: string;
  product_id: string | null;
  document_id: string | null;
  gnum: number | null;
  issued_at: Date;
}

/** Stores codes; one already issued (the same derived code, or another for the same subject) is kept. */
export async function insertCodes(db: Kysely<Database>, rows: NewTraceCode[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('trace_codes')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** One code by its value: a primary-key lookup with its subject's owner. */
export async function findCode(db: Kysely<Database>, code: string) {
  return db.selectFrom('trace_codes').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The code of a product (null when it has none yet). */
export async function codeOfProduct(db: Kysely<Database>, productId: string) {
  return db
    .selectFrom('trace_codes')
    .select('code')
    .where('product_id', '=', productId)
    .where('kind', '=', 'product')
    .executeTakeFirst();
}

/** Codes of an owner (or all), product or line codes, newest first, with what they name. */
export async function listCodes(
  db: Kysely<Database>,
  filter: {
    orgId: string | null;
    kind?: 'product' | 'line' | undefined;
    productId?: string | undefined;
    q?: string | undefined;
  },
  page: PageWindow,
) {
  let q = db
    .selectFrom('trace_codes as t')
    .leftJoin('products as p', 'p.id', 't.product_id')
    .leftJoin('import_documents as d', 'd.id', 't.document_id');
  if (filter.orgId) q = q.where('t.org_id', '=', filter.orgId);
  if (filter.kind) q = q.where('t.kind', '=', filter.kind);
  if (filter.productId) q = q.where('t.product_id', '=', filter.productId);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('t.code', 'ilike', like),
        eb('p.item_no', 'ilike', like),
        eb('p.name_zh', 'ilike', like),
        eb('d.invt_no', 'ilike', like),
        eb('d.logistics_no', 'ilike', like),
      ]),
    );
  }
  return fetchPage(
    q,
    (f) =>
      f
        .select([
          't.code',
          't.kind',
          't.product_id',
          't.document_id',
          't.gnum',
          't.issued_at',
          'p.item_no',
          'p.name_zh',
          'p.name_en',
          'd.invt_no',
          'd.logistics_no',
          'd.order_no',
        ])
        .orderBy('t.issued_at', 'desc')
        .orderBy('t.code'),
    page,
  );
}

/** The codes among these that the owner holds (labels are printed for one's own codes only). */
export async function codesOfOwner(db: Kysely<Database>, orgId: string | null, codes: string[]) {
  if (codes.length === 0) return [];
  let q = db
    .selectFrom('trace_codes as t')
    .leftJoin('products as p', 'p.id', 't.product_id')
    .select(['t.code', 't.kind', 'p.name_zh', 'p.item_no', 't.gnum'])
    .where('t.code', 'in', codes);
  if (orgId) q = q.where('t.org_id', '=', orgId);
  return q.execute();
}

/** A product with its owner's names and filing facts (what the chain shows). */
export async function productForChain(db: Kysely<Database>, productId: string) {
  return db
    .selectFrom('products as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .leftJoin('countries as c', 'c.code', 'p.origin_country')
    .select([
      'p.id',
      'p.org_id',
      'p.item_no',
      'p.name_zh',
      'p.name_en',
      'p.hs_code',
      'p.spec',
      'p.brand',
      'p.barcode',
      'p.origin_country',
      'c.name_zh as origin_zh',
      'p.status',
      'p.decided_at',
      'o.name_zh as owner_zh',
      'o.name_en as owner_en',
      'o.code as owner_code',
    ])
    .where('p.id', '=', productId)
    .executeTakeFirst();
}

/**
 * The clearance facts of an import inventory the public may see: trade mode, office, status, when declared and
 * released, and one goods line's name and quantity. Nothing about the buyer, the parties or the price.
 */
export async function inventoryForChain(db: Kysely<Database>, documentId: string, gnum: number) {
  const r = await sql<{
    id: string;
    org_id: string;
    ebc_code: string | null;
    ebp_code: string | null;
    logistics_code: string | null;
    area_code: string | null;
    status: string;
    created_at: Date;
    trade_mode: string;
    customs_code: string;
    customs_zh: string | null;
    released_at: Date | null;
    line: { gname?: string; qty?: string; unit?: string; country?: string; itemNo?: string } | null;
  }>`
    SELECT d.id, d.org_id, d.ebc_code, d.ebp_code, d.logistics_code, d.body->>'areaCode' AS area_code, d.status,
           d.created_at, c.trade_mode, c.customs_code, o.name_zh AS customs_zh, c.released_at,
           (SELECT l FROM jsonb_array_elements(d.body->'lines') l WHERE l->>'gnum' = ${String(gnum)} LIMIT 1) AS line
    FROM import_documents d
    JOIN inventory_clearance c ON c.document_id = d.id
    LEFT JOIN customs_offices o ON o.code = c.customs_code
    WHERE d.id = ${documentId}`.execute(db);
  return r.rows[0];
}

/** The statuses a document went through, with their time (clearance's event log, read only). */
export async function clearanceEvents(db: Kysely<Database>, documentId: string) {
  return db
    .selectFrom('document_events')
    .select(['status', 'at'])
    .where('document_id', '=', documentId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export interface NewTraceEvent {
  id: string;
  org_id: string;
  product_id: string | null;
  line_code: string | null;
  event_type: TraceEventType;
  event_time: Date;
  batch: string | null;
  place: string;
  place_code: string | null;
  quantity: string | null;
  note: string | null;
  via: 'api' | 'excel' | 'system';
  recorded_by: string | null;
  request_id: string | null;
  created_at: Date;
}

export async function insertEvents(db: Kysely<Database>, rows: NewTraceEvent[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('trace_events').values(rows).execute();
}

/** Events recorded about a product or a parcel line (its own and, for a line, its product's), oldest first. */
export async function eventsFor(
  db: Kysely<Database>,
  subject: { productId: string | null; lineCode: string | null },
) {
  return db
    .selectFrom('trace_events as e')
    .innerJoin('organisations as o', 'o.id', 'e.org_id')
    .select([
      'e.id',
      'e.product_id',
      'e.line_code',
      'e.event_type',
      'e.event_time',
      'e.batch',
      'e.place',
      'e.place_code',
      'e.quantity',
      'e.note',
      'e.created_at',
      'o.name_zh as org_zh',
      'o.name_en as org_en',
    ])
    .where((eb) =>
      eb.or([
        ...(subject.lineCode ? [eb('e.line_code', '=', subject.lineCode)] : []),
        ...(subject.productId
          ? [eb.and([eb('e.product_id', '=', subject.productId), eb('e.line_code', 'is', null)])]
          : []),
      ]),
    )
    .orderBy('e.event_time')
    .orderBy('e.created_at')
    .limit(500)
    .execute();
}
