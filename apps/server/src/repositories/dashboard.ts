import { sql, type Database, type Kysely } from '@crossgate/db';
import { BEIJING_OFFSET_MS } from '@crossgate/domain';

/**
 * The zone dashboard's aggregates. Each is one statement (GROUP BY, FILTER, LIMIT), read without a
 * transaction; none returns a row per parcel. Counts come back as int, money as numeric text.
 *
 * Scans: ceb_messages.received_at and document_events.at carry no index yet, so the throughput window reads
 * the tables; an index on each (and on the release times) is the next step when traffic grows.
 */

/** Inventory statuses that are a decision about the parcel: released, refused, inspection, closed. */
const DECISIONS = ['800', '100', '500', '899'];

export async function messagesPerMinute(db: Kysely<Database>, since: Date) {
  const r = await sql<{ minute: Date; n: number }>`
    SELECT date_trunc('minute', received_at) AS minute, count(*)::int AS n
    FROM ceb_messages WHERE received_at >= ${since}
    GROUP BY 1`.execute(db);
  return r.rows;
}

export async function decisionsPerMinute(db: Kysely<Database>, since: Date) {
  const r = await sql<{ minute: Date; decisions: number; released: number }>`
    SELECT date_trunc('minute', e.at) AS minute,
           count(*)::int AS decisions,
           count(*) FILTER (WHERE e.status = '800')::int AS released
    FROM document_events e
    WHERE e.at >= ${since}
      AND e.status IN (${sql.join(DECISIONS)})
      AND (EXISTS (SELECT 1 FROM inventory_clearance c WHERE c.document_id = e.document_id)
        OR EXISTS (SELECT 1 FROM export_inventories x WHERE x.document_id = e.document_id))
    GROUP BY 1`.execute(db);
  return r.rows;
}

export async function messagesSince(db: Kysely<Database>, since: Date): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ceb_messages WHERE received_at >= ${since}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export interface ModeRow {
  trade_mode: string;
  declared: number;
  released: number;
  declared_today: number;
  released_today: number;
  value: string;
  value_year: string;
  unconverted: number;
  unconverted_year: number;
}

/**
 * The day a document was received, in China time (UTC+8): the day whose customs monthly rate applies. The
 * offset is the Beijing-time helper's (a literal, so the expression is the same in SELECT and GROUP BY).
 */
const chinaDay = (doc: string) =>
  sql`((${sql.ref(`${doc}.created_at`)} AT TIME ZONE 'UTC') + ${sql.lit(BEIJING_OFFSET_MS / 3_600_000)} * interval '1 hour')::date`;

/**
 * The customs rate (CNY per unit) of a currency on a China-time day: the `exchange_rates` row in force that
 * day, i.e. the customs monthly rate of its month when the rates are entered month by month
 * (《中华人民共和国海关进出口货物征税管理办法》第十三条, 2024; 第十六条 of the 2005 version, 海关总署令第124号:
 * the month's rate is the central parity of the previous month's third Wednesday). CNY (142) is 1; NULL when
 * no rate is recorded — never 0 (decision 0030).
 */
const rateOn = (currency: ReturnType<typeof sql>, day: ReturnType<typeof sql>) => sql`
  CASE WHEN COALESCE(${currency}, '142') = '142' THEN 1::numeric ELSE (
    SELECT r.cny_per_unit FROM exchange_rates r
    WHERE r.currency = ${currency} AND r.valid_from <= ${day}
      AND (r.valid_to IS NULL OR r.valid_to >= ${day})
    ORDER BY r.valid_from DESC LIMIT 1) END`;

/**
 * The CNY value of one document's lines: `totalPrice` × the customs rate of the line's currency in force on
 * the day it was received (China time). `missing` is true when a line's currency has no rate for that day:
 * such a document has no CNY value, and is counted apart instead of as 0.
 */
const lineValue = (doc: string) => sql`
  LEFT JOIN LATERAL (
    SELECT sum((l->>'totalPrice')::numeric * fx.rate) AS value, bool_or(fx.rate IS NULL) AS missing
    FROM jsonb_array_elements(COALESCE(${sql.ref(`${doc}.body`)}->'lines', '[]'::jsonb)) l
    LEFT JOIN LATERAL (SELECT ${rateOn(sql`l->>'currency'`, chinaDay(doc))} AS rate) fx ON true
  ) v ON true`;

/**
 * The inventories of a direction: the clearance facts of each as `x` (trade mode, customs, release and
 * cancellation times) joined to its document as `d` (body, declaration time).
 */
const INVENTORIES = {
  import: sql`inventory_clearance x JOIN import_documents d ON d.id = x.document_id`,
  export: sql`export_inventories x JOIN export_documents d ON d.id = x.document_id`,
};
export type Direction = keyof typeof INVENTORIES;

/**
 * Inventories of a direction per trade mode (import 9610 / 1210, export 9610 / 1210 / 9710 / 9810): declared,
 * released, value; today's and this year's share.
 */
export async function tradeModes(db: Kysely<Database>, direction: Direction, day: Date, year: Date) {
  const r = await sql<ModeRow>`
    SELECT x.trade_mode,
      count(*)::int AS declared,
      count(*) FILTER (WHERE x.released_at IS NOT NULL AND x.cancelled_at IS NULL)::int AS released,
      count(*) FILTER (WHERE d.created_at >= ${day})::int AS declared_today,
      count(*) FILTER (WHERE x.released_at >= ${day} AND x.cancelled_at IS NULL)::int AS released_today,
      round(COALESCE(sum(v.value) FILTER (WHERE x.released_at IS NOT NULL AND x.cancelled_at IS NULL AND NOT COALESCE(v.missing, false)), 0), 2)::text AS value,
      round(COALESCE(sum(v.value) FILTER (WHERE x.released_at >= ${year} AND x.cancelled_at IS NULL AND NOT COALESCE(v.missing, false)), 0), 2)::text AS value_year,
      count(*) FILTER (WHERE x.released_at IS NOT NULL AND x.cancelled_at IS NULL AND COALESCE(v.missing, false))::int AS unconverted,
      count(*) FILTER (WHERE x.released_at >= ${year} AND x.cancelled_at IS NULL AND COALESCE(v.missing, false))::int AS unconverted_year
    FROM ${INVENTORIES[direction]}
    ${lineValue('d')}
    GROUP BY x.trade_mode
    ORDER BY x.trade_mode`.execute(db);
  return r.rows;
}

export interface MissingRateRow {
  currency: string;
  /** YYYY-MM, China time: the month whose customs rate is missing. */
  month: string;
  parcels: number;
}

/**
 * Released inventories of a direction (not cancelled; released since `since` when given) left without a CNY
 * value: per currency and month with no customs rate recorded, how many. An inventory with two such
 * currencies counts under each.
 */
export async function missingRates(db: Kysely<Database>, direction: Direction, since?: Date) {
  const r = await sql<MissingRateRow>`
    SELECT l->>'currency' AS currency, to_char(${chinaDay('d')}, 'YYYY-MM') AS month,
      count(DISTINCT x.document_id)::int AS parcels
    FROM ${INVENTORIES[direction]}
    CROSS JOIN LATERAL jsonb_array_elements(COALESCE(d.body->'lines', '[]'::jsonb)) l
    WHERE x.released_at IS NOT NULL AND x.cancelled_at IS NULL
      ${since ? sql`AND x.released_at >= ${since}` : sql``}
      AND ${rateOn(sql`l->>'currency'`, chinaDay('d'))} IS NULL
    GROUP BY 1, 2
    ORDER BY 2, 1`.execute(db);
  return r.rows;
}

export interface CountryRow {
  code: string;
  name_zh: string | null;
  name_en: string | null;
  parcels: number;
}

/** Import inventories per origin country of their lines (a parcel with goods of two origins counts for both). */
export async function topOrigins(db: Kysely<Database>, limit: number) {
  const r = await sql<CountryRow>`
    SELECT t.code, k.name_zh, k.name_en, t.parcels FROM (
      SELECT o.country AS code, count(*)::int AS parcels
      FROM inventory_clearance c
      JOIN import_documents d ON d.id = c.document_id
      CROSS JOIN LATERAL (
        SELECT DISTINCT l->>'country' AS country
        FROM jsonb_array_elements(COALESCE(d.body->'lines', '[]'::jsonb)) l
        WHERE l->>'country' IS NOT NULL
      ) o
      WHERE c.cancelled_at IS NULL
      GROUP BY o.country
      ORDER BY parcels DESC, o.country
      LIMIT ${limit}
    ) t LEFT JOIN countries k ON k.code = t.code
    ORDER BY t.parcels DESC, t.code`.execute(db);
  return r.rows;
}

/** Export inventories per destination country (运抵国 of the inventory head). */
export async function topDestinations(db: Kysely<Database>, limit: number) {
  const r = await sql<CountryRow>`
    SELECT t.code, k.name_zh, k.name_en, t.parcels FROM (
      SELECT d.body->>'country' AS code, count(*)::int AS parcels
      FROM export_inventories x
      JOIN export_documents d ON d.id = x.document_id
      WHERE x.cancelled_at IS NULL AND d.body->>'country' IS NOT NULL
      GROUP BY 1
      ORDER BY parcels DESC, 1
      LIMIT ${limit}
    ) t LEFT JOIN countries k ON k.code = t.code
    ORDER BY t.parcels DESC, t.code`.execute(db);
  return r.rows;
}

/** Enterprises per park of the zone (every park, even empty), and those registered outside any park. */
export async function enterprisesPerPark(db: Kysely<Database>, zoneCode: string) {
  const [parks, outside] = await Promise.all([
    sql<{
      code: string;
      name_zh: string;
      name_en: string | null;
      designation: string;
      enterprises: number;
    }>`
      SELECT p.code, p.name_zh, p.name_en, p.designation, count(o.id)::int AS enterprises
      FROM parks p
      LEFT JOIN organisations o
        ON o.park_code = p.code AND o.zone_code = p.zone_code AND o.kind = 'enterprise' AND o.status = 'active'
      WHERE p.zone_code = ${zoneCode}
      GROUP BY p.code, p.name_zh, p.name_en, p.designation
      ORDER BY p.code`.execute(db),
    sql<{ n: number; total: number }>`
      SELECT count(*) FILTER (WHERE park_code IS NULL)::int AS n, count(*)::int AS total
      FROM organisations WHERE kind = 'enterprise' AND status = 'active'`.execute(db),
  ]);
  return { parks: parks.rows, outside: outside.rows[0]?.n ?? 0, total: outside.rows[0]?.total ?? 0 };
}

/** Parks the province (or the State) has designated demonstration parks. */
export async function designatedParks(db: Kysely<Database>, zoneCode: string): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM parks
    WHERE zone_code = ${zoneCode} AND designation IN ('provincial', 'national')`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Overseas warehouses on file (9810) and not revoked. */
export async function filedOverseasWarehouses(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM overseas_warehouses WHERE status = 'filed'`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export interface ClearanceRow {
  n: number;
  median: number | null;
  p90: number | null;
}

/** Median and 90th percentile of declaration → release, in seconds, of a direction's inventories released since. */
export async function clearanceTimes(db: Kysely<Database>, direction: Direction, since: Date) {
  const r = await sql<ClearanceRow>`
    SELECT count(*)::int AS n,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM x.released_at - d.created_at)::float8) AS median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM x.released_at - d.created_at)::float8) AS p90
    FROM ${INVENTORIES[direction]}
    WHERE x.released_at >= ${since}`.execute(db);
  return r.rows[0] ?? { n: 0, median: null, p90: null };
}

// ── Public parcel status ────────────────────────────────────────────────────────────────────────────────

export interface PublicInventoryRow {
  id: string;
  direction: 'import' | 'export';
  trade_mode: string;
  customs_code: string;
  customs_zh: string | null;
  status: string;
  created_at: Date;
  released_at: Date | null;
}

/**
 * The import and export inventories declared for a waybill number and matched with it: only what the public
 * page shows (no party, buyer or price column is selected). At most 10 (a number reused by several carriers).
 *
 * An inventory is listed only when the clearance matched it with its documents without refusing the match
 * (`matched_at`, no finding of severity `refuse`), and the waybill and order it names are its own: the waybill
 * carries its order number (import) or names no other seller (export), the order is its seller's. A draft, an
 * inventory still waiting, or one that merely wrote someone else's waybill number never shows under it.
 */
export async function inventoriesByWaybill(db: Kysely<Database>, logisticsNo: string) {
  const refused = sql`'[{"severity":"refuse"}]'::jsonb`;
  const r = await sql<PublicInventoryRow>`
    SELECT * FROM (
      SELECT d.id, 'import' AS direction, c.trade_mode, c.customs_code, o.name_zh AS customs_zh, d.status,
             d.created_at, c.released_at
      FROM import_documents d
      JOIN inventory_clearance c ON c.document_id = d.id
      LEFT JOIN customs_offices o ON o.code = c.customs_code
      WHERE d.doc_type = 'inventory' AND d.logistics_no = ${logisticsNo} AND NOT d.deleted AND d.status <> '1'
        AND c.matched_at IS NOT NULL AND NOT (c.issues @> ${refused})
        AND EXISTS (SELECT 1 FROM import_documents w
                    WHERE w.doc_type = 'waybill' AND NOT w.deleted AND w.logistics_code = d.logistics_code
                      AND w.logistics_no = d.logistics_no AND w.order_no = d.order_no)
        AND EXISTS (SELECT 1 FROM import_documents r
                    WHERE r.doc_type = 'order' AND NOT r.deleted AND r.ebp_code = d.ebp_code
                      AND r.order_no = d.order_no AND r.ebc_code = d.ebc_code)
      UNION ALL
      SELECT d.id, 'export' AS direction, x.trade_mode, x.customs_code, o.name_zh AS customs_zh,
             CASE WHEN x.cancelled_at IS NOT NULL THEN 'cancelled' ELSE d.status END AS status,
             d.created_at, x.released_at
      FROM export_documents d
      JOIN export_inventories x ON x.document_id = d.id
      LEFT JOIN customs_offices o ON o.code = x.customs_code
      WHERE d.doc_type = 'inventory' AND x.logistics_no = ${logisticsNo} AND NOT d.deleted AND d.status <> '1'
        AND x.matched_at IS NOT NULL AND NOT (x.issues @> ${refused})
        AND EXISTS (SELECT 1 FROM export_documents w
                    WHERE w.doc_type = 'waybill' AND NOT w.deleted AND w.logistics_code = x.logistics_code
                      AND w.logistics_no = x.logistics_no AND (w.ebc_code IS NULL OR w.ebc_code = x.ebc_code))
        AND EXISTS (SELECT 1 FROM export_documents r
                    WHERE r.doc_type = 'order' AND NOT r.deleted AND r.ebp_code = d.ebp_code
                      AND r.order_no = d.order_no AND r.ebc_code = x.ebc_code)
    ) t
    ORDER BY created_at DESC
    LIMIT 10`.execute(db);
  return r.rows;
}

/** The statuses each document went through, with the time (no actor, no return text). */
export async function statusTimelines(db: Kysely<Database>, documentIds: string[]) {
  if (documentIds.length === 0) return [];
  return db
    .selectFrom('document_events')
    .select(['document_id', 'status', 'at'])
    .where('document_id', 'in', documentIds)
    .orderBy('document_id')
    .orderBy('id')
    .execute();
}
