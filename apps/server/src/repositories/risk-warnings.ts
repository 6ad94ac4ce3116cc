import type { Database, Kysely } from '@crossgate/db';
import { sql } from '@crossgate/db';
import { fetchPage, type PageWindow } from './paging.ts';

/** The SQL of risk warnings (migration 0023, decision 0047): the scan's loads, the queue, disposal, statistics. */

// ── The scan's set-wise loads ─────────────────────────────────────────────────────────────────────────────

/** One batch of orders received in [from, to), in (received, id) order after `after`. */
export async function ordersInRange(
  db: Kysely<Database>,
  range: { from: Date; to: Date },
  after: { at: Date; id: string } | null,
  limit: number,
) {
  let q = db
    .selectFrom('import_documents')
    .select(['id', 'created_at', 'order_no', 'ebp_code', 'ebc_code', 'body'])
    .where('doc_type', '=', 'order')
    .where('deleted', '=', false)
    .where('created_at', '>=', range.from)
    .where('created_at', '<', range.to);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '>', after.at),
        eb.and([eb('created_at', '=', after.at), eb('id', '>', after.id)]),
      ]),
    );
  return q.orderBy('created_at').orderBy('id').limit(limit).execute();
}

/** The live documents of one type naming these orders (payments, waybills, inventories). */
export async function documentsOfOrders(
  db: Kysely<Database>,
  docType: 'payment' | 'waybill' | 'inventory',
  orderNos: string[],
) {
  if (orderNos.length === 0) return [];
  return db
    .selectFrom('import_documents')
    .select(['id', 'order_no', 'ebp_code', 'body'])
    .where('doc_type', '=', docType)
    .where('deleted', '=', false)
    .where('order_no', 'in', orderNos)
    .execute();
}

/** Each seller's first import inventory ever (one grouped statement). */
export async function firstInventoryOfSellers(db: Kysely<Database>, codes: string[]) {
  if (codes.length === 0) return new Map<string, Date>();
  const rows = await db
    .selectFrom('import_documents')
    .select(['ebc_code', (eb) => eb.fn.min('created_at').as('first')])
    .where('doc_type', '=', 'inventory')
    .where('ebc_code', 'in', codes)
    .groupBy('ebc_code')
    .execute();
  return new Map(rows.map((r) => [r.ebc_code as string, new Date(r.first as unknown as string)]));
}

/** Export inventories and return applications (退货, CEB625/CEB213 refund) received in [from, to). */
export async function exportMovements(db: Kysely<Database>, range: { from: Date; to: Date }) {
  return db
    .selectFrom('export_documents')
    .select(['id', 'doc_type', 'created_at', 'ebc_code', 'invt_no', 'status', 'body'])
    .where('doc_type', 'in', ['inventory', 'refund'])
    .where('deleted', '=', false)
    .where('created_at', '>=', range.from)
    .where('created_at', '<', range.to)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Export inventories by number (the goods a return names by gnum). */
export async function exportInventoriesByNo(db: Kysely<Database>, invtNos: string[]) {
  if (invtNos.length === 0) return [];
  return db
    .selectFrom('export_documents')
    .select(['invt_no', 'ebc_code', 'body'])
    .where('doc_type', '=', 'inventory')
    .where('invt_no', 'in', invtNos)
    .execute();
}

/** Organisations by code (to name the enterprise a warning is about). */
export async function organisationsByCode(db: Kysely<Database>, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('organisations')
    .select(['id', 'code', 'name_zh', 'kind'])
    .where('code', 'in', codes)
    .execute();
}

// ── Warnings ──────────────────────────────────────────────────────────────────────────────────────────────

export interface NewWarningRow {
  id: string;
  typology: string;
  subject_type: 'address' | 'phone' | 'payer' | 'buyer' | 'enterprise';
  subject_key: string;
  period: string;
  severity: 'low' | 'medium' | 'high';
  org_id: string | null;
  evidence: unknown;
  parcel_count: number;
  created_at: Date;
}

/**
 * Inserts the warnings not raised before (one per typology, subject and period) and their `raised` event; returns
 * the ids actually inserted. Two statements whatever the number of warnings.
 */
export async function insertWarnings(db: Kysely<Database>, rows: NewWarningRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('risk_warnings')
    .values(
      rows.map((r) => ({
        ...r,
        evidence: JSON.stringify(r.evidence),
        status: 'open' as const,
        updated_at: r.created_at,
      })),
    )
    .onConflict((oc) => oc.columns(['typology', 'subject_key', 'period']).doNothing())
    .returning('id')
    .execute();
  const ids = inserted.map((r) => r.id);
  if (ids.length > 0) {
    const at = rows[0]?.created_at ?? new Date();
    await db
      .insertInto('risk_warning_events')
      .values(
        ids.map((id) => ({
          warning_id: id,
          action: 'raised',
          actor_user_id: null,
          actor_org_id: null,
          note: null,
          details: '{}',
          at,
        })),
      )
      .execute();
  }
  return ids;
}

export async function findWarning(db: Kysely<Database>, id: string) {
  return db.selectFrom('risk_warnings').selectAll().where('id', '=', id).executeTakeFirst();
}
export type WarningRow = NonNullable<Awaited<ReturnType<typeof findWarning>>>;

/** Locks one warning for a change (FOR UPDATE): two officers acting at once act one after the other. */
export async function lockWarning(db: Kysely<Database>, id: string) {
  return db.selectFrom('risk_warnings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateWarning(
  db: Kysely<Database>,
  id: string,
  patch: Partial<{
    status: 'open' | 'assigned' | 'disposed' | 'closed';
    assignee_user_id: string | null;
    disposal: 'dismissed' | 'confirmed' | null;
    disposal_actions: string | null;
    disposal_note: string | null;
    disposed_by: string | null;
    disposed_at: Date | null;
    reviewed_by: string | null;
    reviewed_at: Date | null;
    review_note: string | null;
    updated_at: Date;
  }>,
): Promise<void> {
  await db.updateTable('risk_warnings').set(patch).where('id', '=', id).execute();
}

export async function insertWarningEvent(
  db: Kysely<Database>,
  row: {
    warning_id: string;
    action: string;
    actor_user_id: string | null;
    actor_org_id: string | null;
    note: string | null;
    details?: unknown;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('risk_warning_events')
    .values({ ...row, details: JSON.stringify(row.details ?? {}) })
    .execute();
}

export async function warningEvents(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('risk_warning_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.id', 'e.action', 'e.actor_user_id', 'u.display_name', 'e.note', 'e.details', 'e.at'])
    .where('e.warning_id', '=', id)
    .orderBy('e.id')
    .execute();
}

export interface WarningFilter {
  severity?: 'low' | 'medium' | 'high' | undefined;
  status?: 'open' | 'assigned' | 'disposed' | 'closed' | undefined;
  typology?: string | undefined;
  assignee?: string | undefined;
}

export async function listWarnings(db: Kysely<Database>, filter: WarningFilter, page: PageWindow) {
  let q = db.selectFrom('risk_warnings as w');
  if (filter.severity) q = q.where('w.severity', '=', filter.severity);
  if (filter.status) q = q.where('w.status', '=', filter.status);
  if (filter.typology) q = q.where('w.typology', '=', filter.typology);
  if (filter.assignee) q = q.where('w.assignee_user_id', '=', filter.assignee);
  return fetchPage(
    q,
    (b) =>
      b
        .leftJoin('organisations as o', 'o.id', 'w.org_id')
        .leftJoin('users as a', 'a.id', 'w.assignee_user_id')
        .select([
          'w.id',
          'w.typology',
          'w.subject_type',
          'w.subject_key',
          'w.period',
          'w.severity',
          'w.status',
          'w.parcel_count',
          'w.assignee_user_id',
          'a.display_name as assignee_name',
          'w.disposal',
          'w.created_at',
          'w.updated_at',
          'o.name_zh as org_name',
          'w.evidence',
        ])
        .orderBy(sql`CASE w.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END`)
        .orderBy('w.created_at', 'desc')
        .orderBy('w.id'),
    page,
  );
}

/** Customs users who may be assigned a warning (operators and administrators of customs organisations). */
export async function customsOfficers(db: Kysely<Database>) {
  return db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.display_name', 'u.roles', 'u.org_id'])
    .where('o.kind', '=', 'agency')
    .where('o.agency_type', '=', 'customs')
    .orderBy('u.display_name')
    .execute();
}

// ── Per-rule statistics ───────────────────────────────────────────────────────────────────────────────────

/**
 * Per rule of one rule-set version and per Beijing day: the live (not shadow) decisions on which the rule fired,
 * those whose parcel went to inspection, and of those the concluded ones and the ones found at fault (rejected
 * 100, detained 501–599, returned 700; 8xx after inspection is a clean inspection). One statement.
 */
export async function ruleHitsByDay(
  db: Kysely<Database>,
  ruleSetId: string,
  range: { from: Date; to: Date },
) {
  const r = await sql<{
    rule: string;
    day: string;
    hits: string;
    inspected: string;
    concluded: string;
    found: string;
  }>`
    SELECT f.value->>'rule' AS rule,
           to_char((d.decided_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD') AS day,
           count(*) AS hits,
           count(*) FILTER (WHERE c.channel->>'lane' IN ('inspection', 'hold')) AS inspected,
           count(*) FILTER (WHERE c.channel->>'lane' IN ('inspection', 'hold') AND c.cancelled_at IS NULL
                              AND (doc.status ~ '^(100|5(0[1-9]|[1-9][0-9])|700)$' OR doc.status ~ '^8[0-9][0-9]$'))
             AS concluded,
           count(*) FILTER (WHERE c.channel->>'lane' IN ('inspection', 'hold') AND c.cancelled_at IS NULL
                              AND doc.status ~ '^(100|5(0[1-9]|[1-9][0-9])|700)$') AS found
    FROM risk_decisions d
    CROSS JOIN LATERAL jsonb_array_elements(
      CASE WHEN jsonb_typeof(d.explanation->'fired') = 'array' THEN d.explanation->'fired' ELSE '[]'::jsonb END) f
    JOIN import_documents doc ON doc.id = d.document_id
    LEFT JOIN inventory_clearance c ON c.document_id = d.document_id
    WHERE d.rule_set_id = ${ruleSetId} AND d.shadow = false AND d.direction = 'import'
      AND d.decided_at >= ${range.from} AND d.decided_at < ${range.to}
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(db);
  return r.rows.map((x) => ({
    rule: x.rule,
    day: x.day,
    hits: Number(x.hits),
    inspected: Number(x.inspected),
    concluded: Number(x.concluded),
    found: Number(x.found),
  }));
}
