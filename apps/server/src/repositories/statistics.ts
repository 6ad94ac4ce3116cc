import { sql, type Database, type Kysely } from '@crossgate/db';
import {
  BEIJING_OFFSET_MS,
  GOODS_DIMENSIONS,
  PARCEL_DIMENSIONS,
  STATS_USD,
  type Measures,
} from '@crossgate/domain';

/**
 * The statistics module's SQL (issue 20, decision 0048). It reads what clearance writes (timeline events,
 * inventories, tax bills, returns, exchange rates) and writes only its own tables (`stats_*`, migration 0024).
 * Written as raw SQL: the module's tables are its own and are not in the shared Kysely schema.
 */

type Db = Kysely<Database>;

export interface Cursor {
  tx: string;
  id: string;
  events: string;
}

/** The consumer's cursor, locked for this transaction (one worker moves it at a time); created at zero. */
export async function lockCursor(db: Db, name: string, now: Date): Promise<Cursor> {
  await sql`
    INSERT INTO stats_cursors (name, tx, id, events, updated_at)
    VALUES (${name}, '0'::xid8, 0, 0, ${now}) ON CONFLICT (name) DO NOTHING`.execute(db);
  const r = await sql<Cursor>`
    SELECT tx::text AS tx, id::text AS id, events::text AS events FROM stats_cursors
    WHERE name = ${name} FOR UPDATE`.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error(`statistics cursor ${name} missing`);
  return row;
}

/** Where the consumer stands, without locking (for the status line). */
export async function readCursor(db: Db, name: string) {
  const r = await sql<Cursor & { updated_at: Date }>`
    SELECT tx::text AS tx, id::text AS id, events::text AS events, updated_at FROM stats_cursors
    WHERE name = ${name}`.execute(db);
  return r.rows[0] ?? null;
}

export async function moveCursor(
  db: Db,
  name: string,
  to: { tx: string; id: string },
  events: number,
  now: Date,
) {
  await sql`
    UPDATE stats_cursors SET tx = ${to.tx}::xid8, id = ${to.id}::bigint, events = events + ${events},
      updated_at = ${now}
    WHERE name = ${name}`.execute(db);
}

export interface EventRef {
  id: string;
  tx: string;
  document_id: string;
}

/**
 * The next events after the cursor in commit-safe order: (tx, id) order, and only events of transactions older
 * than every transaction still running, so one that commits late is read later, never skipped.
 */
export async function eventsAfter(db: Db, cursor: { tx: string; id: string }, limit: number) {
  const r = await sql<EventRef>`
    SELECT id::text AS id, tx::text AS tx, document_id FROM document_events
    WHERE (tx, id) > (${cursor.tx}::xid8, ${cursor.id}::bigint)
      AND tx < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY tx, id
    LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** Events not yet consumed and already visible to a consumer (the worker's lag). */
export async function eventsBehind(db: Db, cursor: { tx: string; id: string }): Promise<number> {
  const r = await sql<{ n: string }>`
    SELECT count(*)::text AS n FROM document_events
    WHERE (tx, id) > (${cursor.tx}::xid8, ${cursor.id}::bigint)`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * The inventories the events' documents concern: an inventory itself, or the inventory a cancel or return
 * application names by its invtNo, in either direction.
 */
export async function inventoriesOfDocuments(db: Db, documentIds: string[]) {
  if (documentIds.length === 0) return [];
  const ids = sql.join(documentIds.map((id) => sql`${id}::uuid`));
  const r = await sql<{ id: string; direction: 'import' | 'export' }>`
    SELECT c.document_id AS id, 'import' AS direction FROM inventory_clearance c WHERE c.document_id IN (${ids})
    UNION
    SELECT c.document_id, 'import' FROM import_documents a JOIN inventory_clearance c ON c.invt_no = a.invt_no
    WHERE a.id IN (${ids}) AND a.doc_type IN ('cancel', 'refund')
    UNION
    SELECT x.document_id, 'export' FROM export_inventories x WHERE x.document_id IN (${ids})
    UNION
    SELECT x.document_id, 'export' FROM export_documents a JOIN export_inventories x ON x.invt_no = a.invt_no
    WHERE a.id IN (${ids}) AND a.doc_type IN ('cancel', 'refund')`.execute(db);
  return r.rows;
}

/** Beijing (UTC+8) calendar day of a timestamp column, as a date. */
const beijingDay = (column: ReturnType<typeof sql>) =>
  sql`((${column} AT TIME ZONE 'UTC') + ${sql.lit(BEIJING_OFFSET_MS / 3_600_000)} * interval '1 hour')::date`;

/** CNY per unit of a currency on a day: the exchange_rates row in force (CNY itself is 1); NULL without one. */
const rateOn = (currency: ReturnType<typeof sql>, day: ReturnType<typeof sql>) => sql`
  CASE WHEN COALESCE(${currency}, '142') = '142' THEN 1::numeric ELSE (
    SELECT r.cny_per_unit FROM exchange_rates r
    WHERE r.currency = ${currency} AND r.valid_from <= ${day} AND (r.valid_to IS NULL OR r.valid_to >= ${day})
    ORDER BY r.valid_from DESC LIMIT 1) END`;

export interface InventoryStateRow {
  id: string;
  direction: 'import' | 'export';
  counted: boolean;
  day: string | null;
  trade_mode: string;
  statistics_flag: string;
  country: string;
  customs_code: string;
  park_code: string;
  declarant_org: string;
  ebp_code: string;
  ebc_code: string;
  logistics_code: string;
  lane: string;
  pack_no: string | null;
  gross_weight: string | null;
  usd_rate: string | null;
  /** [{gnum, gcode, country, currency, qty, totalPrice, rate, tax, returned}] */
  lines: {
    gnum: string | null;
    gcode: string | null;
    country: string | null;
    currency: string | null;
    qty: string | null;
    totalPrice: string | null;
    rate: string | null;
    tax: string | null;
    returned: string | null;
  }[];
}

/** The current state of the given inventories, as the statistics count them (both directions). */
export async function inventoryStates(db: Db, ids: { id: string; direction: 'import' | 'export' }[]) {
  const imports = ids.filter((i) => i.direction === 'import').map((i) => sql`${i.id}::uuid`);
  const exports = ids.filter((i) => i.direction === 'export').map((i) => sql`${i.id}::uuid`);
  const declDay = beijingDay(sql`d.created_at`);
  const lineRate = rateOn(sql`l->>'currency'`, declDay);
  const usd = rateOn(sql`${STATS_USD}`, declDay);
  const out: InventoryStateRow[] = [];
  if (imports.length > 0) {
    const r = await sql<InventoryStateRow>`
      SELECT d.id, 'import' AS direction,
        (c.released_at IS NOT NULL AND c.cancelled_at IS NULL AND NOT d.deleted) AS counted,
        to_char(${beijingDay(sql`c.released_at`)}, 'YYYY-MM-DD') AS day,
        c.trade_mode, '' AS statistics_flag, COALESCE(d.body->>'country', '') AS country, c.customs_code,
        COALESCE(o.park_code, '') AS park_code, d.org_id AS declarant_org, COALESCE(d.ebp_code, '') AS ebp_code,
        COALESCE(d.ebc_code, '') AS ebc_code, COALESCE(d.logistics_code, '') AS logistics_code,
        COALESCE(c.channel->>'lane', '') AS lane, d.body->>'packNo' AS pack_no, d.body->>'grossWeight' AS gross_weight,
        (${usd})::text AS usd_rate,
        COALESCE((
          SELECT jsonb_agg(jsonb_build_object(
            'gnum', l->>'gnum', 'gcode', l->>'gcode', 'country', l->>'country', 'currency', l->>'currency',
            'qty', l->>'qty', 'totalPrice', l->>'totalPrice', 'rate', (${lineRate})::text,
            'tax', (SELECT ((t->>'customsTax')::numeric + (t->>'valueAddedTax')::numeric
                            + (t->>'consumptionTax')::numeric)::text
                    FROM jsonb_array_elements(CASE WHEN tb.status <> '3' THEN tb.lines ELSE '[]'::jsonb END) t
                    WHERE t->>'gnum' = l->>'gnum' LIMIT 1),
            'returned', (SELECT sum(rl.qty)::text FROM return_lines rl
                         WHERE rl.direction = 'import' AND rl.inventory_id = d.id
                           AND rl.gnum::text = l->>'gnum')))
          FROM jsonb_array_elements(COALESCE(d.body->'lines', '[]'::jsonb)) l), '[]'::jsonb) AS lines
      FROM inventory_clearance c
      JOIN import_documents d ON d.id = c.document_id
      LEFT JOIN organisations o ON o.id = d.org_id
      LEFT JOIN tax_bills tb ON tb.document_id = d.id
      WHERE c.document_id IN (${sql.join(imports)})`.execute(db);
    out.push(...r.rows);
  }
  if (exports.length > 0) {
    const r = await sql<InventoryStateRow>`
      SELECT d.id, 'export' AS direction,
        (x.released_at IS NOT NULL AND x.cancelled_at IS NULL AND NOT d.deleted) AS counted,
        to_char(${beijingDay(sql`x.released_at`)}, 'YYYY-MM-DD') AS day,
        x.trade_mode, x.statistics_flag, COALESCE(d.body->>'country', '') AS country, x.customs_code,
        COALESCE(o.park_code, '') AS park_code, d.org_id AS declarant_org, COALESCE(d.ebp_code, '') AS ebp_code,
        x.ebc_code, x.logistics_code, '' AS lane, d.body->>'packNo' AS pack_no,
        d.body->>'grossWeight' AS gross_weight,
        (${usd})::text AS usd_rate,
        COALESCE((
          SELECT jsonb_agg(jsonb_build_object(
            'gnum', l->>'gnum', 'gcode', l->>'gcode', 'country', l->>'country', 'currency', l->>'currency',
            'qty', l->>'qty', 'totalPrice', l->>'totalPrice', 'rate', (${lineRate})::text,
            'tax', NULL, 'returned', x.returned_qty->>(l->>'gnum')))
          FROM jsonb_array_elements(COALESCE(d.body->'lines', '[]'::jsonb)) l), '[]'::jsonb) AS lines
      FROM export_inventories x
      JOIN export_documents d ON d.id = x.document_id
      LEFT JOIN organisations o ON o.id = d.org_id
      WHERE x.document_id IN (${sql.join(exports)})`.execute(db);
    out.push(...r.rows);
  }
  return out;
}

/** What was last counted for these inventories. */
export async function countedContributions(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const r = await sql<{ document_id: string; contribution: unknown }>`
    SELECT document_id, contribution FROM stats_counted
    WHERE document_id IN (${sql.join(ids.map((id) => sql`${id}::uuid`))})`.execute(db);
  return r.rows;
}

export async function saveContributions(
  db: Db,
  rows: { documentId: string; direction: string; contribution: unknown }[],
  now: Date,
) {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO stats_counted (document_id, direction, contribution, updated_at)
    VALUES ${sql.join(
      rows.map(
        (r) => sql`(${r.documentId}::uuid, ${r.direction}, ${JSON.stringify(r.contribution)}::jsonb, ${now})`,
      ),
    )}
    ON CONFLICT (document_id) DO UPDATE SET contribution = excluded.contribution, updated_at = excluded.updated_at`.execute(
    db,
  );
}

const MEASURE_COLUMNS = [
  ['inventories', 'inventories'],
  ['lines', 'lines'],
  ['parcels', 'parcels'],
  ['gross_weight', 'grossWeight'],
  ['value_cny', 'valueCny'],
  ['value_usd', 'valueUsd'],
  ['unconverted', 'unconverted'],
  ['usd_unconverted', 'usdUnconverted'],
  ['tax', 'tax'],
] as const;

/** Adds delta rows into a rollup (one statement; rows are distinct by key). */
export async function addToRollup(db: Db, table: 'parcels' | 'goods', rows: [string[], Measures][]) {
  if (rows.length === 0) return;
  const dims = table === 'parcels' ? PARCEL_DIMENSIONS : GOODS_DIMENSIONS;
  const measures = MEASURE_COLUMNS.filter(
    ([c]) => table === 'parcels' || !['inventories', 'parcels', 'gross_weight'].includes(c),
  );
  const name = sql.raw(table === 'parcels' ? 'stats_parcels_daily' : 'stats_goods_daily');
  const columns = sql.raw([...dims, ...measures.map(([c]) => c)].join(', '));
  const values = rows.map(([key, m]) => {
    const dimValues = key.map((v, i) =>
      dims[i] === 'day' ? sql`${v}::date` : dims[i] === 'declarant_org' ? sql`${v}::uuid` : sql`${v}`,
    );
    const measureValues = measures.map(([, f]) => sql`${String(m[f])}::numeric`);
    return sql`(${sql.join([...dimValues, ...measureValues])})`;
  });
  const updates = sql.raw(measures.map(([c]) => `${c} = t.${c} + excluded.${c}`).join(', '));
  await sql`
    INSERT INTO ${name} AS t (${columns}) VALUES ${sql.join(values)}
    ON CONFLICT (${sql.raw(dims.join(', '))}) DO UPDATE SET ${updates}`.execute(db);
}

/** Empties the module's tables (a rebuild from nothing). */
export async function clearStatistics(db: Db) {
  await sql`DELETE FROM stats_parcels_daily`.execute(db);
  await sql`DELETE FROM stats_goods_daily`.execute(db);
  await sql`DELETE FROM stats_counted`.execute(db);
  await sql`DELETE FROM stats_cursors`.execute(db);
}
