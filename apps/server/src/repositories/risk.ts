import type { Database, Kysely } from '@crossgate/db';
import { sql } from '@crossgate/db';
import { fetchPage, type PageWindow } from './paging.ts';

/** The SQL of the risk engine's rule sets and decisions (migration 0020, decision 0042). */

export async function findRuleSet(db: Kysely<Database>, id: string) {
  return db.selectFrom('risk_rule_sets').selectAll().where('id', '=', id).executeTakeFirst();
}
export type RuleSetRow = NonNullable<Awaited<ReturnType<typeof findRuleSet>>>;

/** The published version, if any (at most one: a partial unique index). */
export async function publishedRuleSet(db: Kysely<Database>) {
  return db.selectFrom('risk_rule_sets').selectAll().where('status', '=', 'published').executeTakeFirst();
}

export async function listRuleSets(
  db: Kysely<Database>,
  filter: { status?: 'draft' | 'published' | 'retired' | undefined },
  page: PageWindow,
) {
  let q = db.selectFrom('risk_rule_sets');
  if (filter.status) q = q.where('status', '=', filter.status);
  return fetchPage(
    q,
    (b) =>
      b
        .select([
          'id',
          'version',
          'name',
          'status',
          'author_user_id',
          'author_org_id',
          'effective_from',
          'created_at',
          'published_at',
          'published_by',
          'retired_at',
          'retired_by',
          'shadow',
        ])
        .orderBy('version', 'desc'),
    page,
  );
}

/**
 * Inserts a new version numbered one above the highest so far. The caller holds the rule-set lock
 * (lockRuleSets) so two drafts saved at once do not take the same number.
 */
export async function insertRuleSet(
  db: Kysely<Database>,
  row: {
    id: string;
    name: string;
    status: 'draft' | 'published';
    author_user_id: string | null;
    author_org_id: string | null;
    effective_from: Date | null;
    body: unknown;
    created_at: Date;
    published_at?: Date | null;
    published_by?: string | null;
  },
): Promise<number> {
  const top = await db
    .selectFrom('risk_rule_sets')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  const version = Number(top?.v ?? 0) + 1;
  await db
    .insertInto('risk_rule_sets')
    .values({ ...row, version, body: JSON.stringify(row.body) })
    .execute();
  return version;
}

/** Serialises rule-set writes (version numbers, the one published version) across processes. */
export async function lockRuleSets(db: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('crossgate.risk_rule_sets'))`.execute(db);
}

export async function setRuleSetStatus(
  db: Kysely<Database>,
  id: string,
  patch:
    | { status: 'published'; published_at: Date; published_by: string | null }
    | { status: 'retired'; retired_at: Date; retired_by: string | null },
): Promise<void> {
  await db.updateTable('risk_rule_sets').set(patch).where('id', '=', id).execute();
}

export async function insertRiskDecisions(
  db: Kysely<Database>,
  rows: {
    direction: 'import' | 'export';
    document_id: string;
    org_id: string;
    rule_set_id: string | null;
    rule_set_version: number;
    lane: 'green' | 'document_review' | 'inspection' | 'hold' | 'manual_review';
    explanation: unknown;
    shadow: boolean;
    decided_at: Date;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('risk_decisions')
    .values(rows.map((r) => ({ ...r, explanation: JSON.stringify(r.explanation) })))
    .onConflict((oc) => oc.columns(['direction', 'document_id', 'rule_set_id']).doNothing())
    .execute();
}

// ── Replay: past inventories and what their features need, a batch at a time ─────────────────────────────

/** How many decided import inventories were received in [from, to). */
export async function countReplayInventories(db: Kysely<Database>, range: { from: Date; to: Date }) {
  const row = await db
    .selectFrom('import_documents as d')
    .innerJoin('inventory_clearance as c', 'c.document_id', 'd.id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('d.doc_type', '=', 'inventory')
    .where('c.channel', 'is not', null)
    .where('d.created_at', '>=', range.from)
    .where('d.created_at', '<', range.to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One batch of decided import inventories received in [from, to), in (received, id) order after `after`: the
 * inventory's fields the features read, its clearance (buyer key, value, the recorded lane) and its status.
 */
export async function replayInventories(
  db: Kysely<Database>,
  range: { from: Date; to: Date },
  after: { at: Date; id: string } | null,
  limit: number,
) {
  let q = db
    .selectFrom('import_documents as d')
    .innerJoin('inventory_clearance as c', 'c.document_id', 'd.id')
    .select([
      'd.id',
      'd.org_id',
      'd.created_at',
      'd.status',
      'd.order_no',
      'd.ebp_code',
      'd.ebc_code',
      'd.logistics_code',
      'd.invt_no',
      'd.body',
      'c.buyer_key',
      'c.quota_amount',
      'c.channel',
      'c.cancelled_at',
    ])
    .where('d.doc_type', '=', 'inventory')
    .where('c.channel', 'is not', null)
    .where('d.created_at', '>=', range.from)
    .where('d.created_at', '<', range.to);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('d.created_at', '>', after.at),
        eb.and([eb('d.created_at', '=', after.at), eb('d.id', '>', after.id)]),
      ]),
    );
  return q.orderBy('d.created_at').orderBy('d.id').limit(limit).execute();
}
export type ReplayInventoryRow = Awaited<ReturnType<typeof replayInventories>>[number];

/** The live payments of these orders (the payer is in the body). */
export async function paymentsOfOrders(db: Kysely<Database>, orderNos: string[]) {
  if (orderNos.length === 0) return [];
  return db
    .selectFrom('import_documents')
    .select(['order_no', 'ebp_code', 'pay_code', 'body'])
    .where('doc_type', '=', 'payment')
    .where('deleted', '=', false)
    .where('order_no', 'in', orderNos)
    .execute();
}

/** Filed reference prices of these sellers' item numbers. */
export async function referencePrices(db: Kysely<Database>, ebcCodes: string[], itemNos: string[]) {
  if (ebcCodes.length === 0 || itemNos.length === 0) return [];
  return db
    .selectFrom('products as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .select(['o.code as ebc_code', 'p.item_no', 'p.price', 'p.currency'])
    .where('o.code', 'in', ebcCodes)
    .where('p.item_no', 'in', itemNos)
    .execute();
}

/** Every listing, current or past, of these subjects (to know who was listed when). */
export async function listingsOf(db: Kysely<Database>, keys: string[]) {
  if (keys.length === 0) return [];
  return db
    .selectFrom('negative_list')
    .select(['subject_key', 'listed_at', 'delisted_at'])
    .where('subject_key', 'in', keys)
    .execute();
}

// ── Live decisions (decision 0046) ─────────────────────────────────────────────────────────────────────────

/** The rule sets that judge live parcels: the published version and the draft in shadow, in one statement. */
export async function liveRuleSets(db: Kysely<Database>) {
  return db
    .selectFrom('risk_rule_sets')
    .select(['id', 'version', 'status', 'shadow', 'body'])
    .where((eb) => eb.or([eb('status', '=', 'published'), eb('shadow', '=', true)]))
    .execute();
}

export interface ParcelKeysRow {
  document_id: string;
  at: Date;
  buyer_key: string;
  address_key: string | null;
  phone_key: string | null;
  payer_key: string | null;
  value_fen: number;
}

/**
 * The judged parcels in (from, to] that share a buyer, address, telephone or payer with the batch — the
 * history its cross-parcel windows need — in one statement, in (at, document) order.
 */
export async function parcelKeysAround(
  db: Kysely<Database>,
  range: { from: Date; to: Date },
  keys: { buyers: string[]; addresses: string[]; phones: string[]; payers: string[] },
): Promise<ParcelKeysRow[]> {
  const rows = await db
    .selectFrom('risk_parcel_keys')
    .selectAll()
    .where('at', '>', range.from)
    .where('at', '<=', range.to)
    .where((eb) =>
      eb.or([
        ...(keys.buyers.length > 0 ? [eb('buyer_key', 'in', keys.buyers)] : []),
        ...(keys.addresses.length > 0 ? [eb('address_key', 'in', keys.addresses)] : []),
        ...(keys.phones.length > 0 ? [eb('phone_key', 'in', keys.phones)] : []),
        ...(keys.payers.length > 0 ? [eb('payer_key', 'in', keys.payers)] : []),
      ]),
    )
    .orderBy('at')
    .orderBy('document_id')
    .execute();
  return rows.map((r) => ({ ...r, value_fen: Number(r.value_fen) }));
}

export async function insertParcelKeys(db: Kysely<Database>, rows: ParcelKeysRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('risk_parcel_keys')
    .values(rows)
    .onConflict((oc) => oc.column('document_id').doNothing())
    .execute();
}
