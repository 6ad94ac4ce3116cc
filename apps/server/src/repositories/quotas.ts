import { sql, type Database, type Kysely } from '@crossgate/db';
import { Dec, toDecimal } from '@crossgate/domain';
import { deferRow, pendingUnit, type DeferredKind } from './unit-of-work.ts';

/**
 * The quota totals a gateway batch locked for its set of inventories (decision 0045): by `buyer|year`, what the
 * batch knows each locked row holds — read under the lock, then kept by the batch's own counting.
 */
const LOCKED = 'buyer-quotas-locked';
const lockedOf = (db: Kysely<Database>) =>
  pendingUnit(db)?.shared.get(LOCKED) as Map<string, string> | undefined;

/**
 * Locks the quota totals of these buyers (every year's row) in one statement, in sorted key order, for the rest
 * of the batch: `quotaUsed` then answers from memory for a row locked here. A row that does not exist yet is
 * read as before (another process may create it meanwhile). Outside a gateway batch, nothing.
 */
export async function lockQuotasOf(db: Kysely<Database>, buyerKeys: string[]): Promise<void> {
  const unit = pendingUnit(db);
  if (!unit) return;
  let locked = lockedOf(db);
  if (!locked) {
    locked = new Map();
    unit.shared.set(LOCKED, locked);
  }
  const keys = [...new Set(buyerKeys)].filter((k) => k !== '').sort();
  if (keys.length === 0) return;
  const rows = await db
    .selectFrom('buyer_quotas')
    .select(['buyer_key', 'year', 'used'])
    .where('buyer_key', 'in', keys)
    .orderBy('buyer_key')
    .orderBy('year')
    .forUpdate()
    .execute();
  for (const r of rows)
    if (!locked.has(`${r.buyer_key}|${r.year}`)) locked.set(`${r.buyer_key}|${r.year}`, r.used);
}

export async function quotaUsed(db: Kysely<Database>, buyerKey: string, year: number): Promise<string> {
  const known = lockedOf(db)?.get(`${buyerKey}|${year}`);
  if (known !== undefined) return known;
  const row = await db
    .selectFrom('buyer_quotas')
    .select('used')
    .where('buyer_key', '=', buyerKey)
    .where('year', '=', year)
    .forUpdate()
    .executeTakeFirst();
  return row?.used ?? '0';
}

interface QuotaEntry {
  document_id: string;
  buyer_key: string;
  year: number;
  amount: string;
  counted_at: Date;
}

/** The quota entries a gateway batch counts, written in one statement (decision 0045); a later one wins. */
const QUOTA_ENTRIES: DeferredKind<QuotaEntry> = {
  table: 'quota_entries',
  mode: 'upsert',
  merge: (_a, b) => b,
  write: async (db, rows) => {
    await db
      .insertInto('quota_entries')
      .values(rows)
      .onConflict((oc) =>
        oc.column('document_id').doUpdateSet((eb) => ({
          buyer_key: eb.ref('excluded.buyer_key'),
          year: eb.ref('excluded.year'),
          amount: eb.ref('excluded.amount'),
          restored: '0',
          counted_at: eb.ref('excluded.counted_at'),
          restored_at: null,
        })),
      )
      .execute();
  },
};

/**
 * Counts an inventory against its buyer's annual quota, atomically: the row is created or raised only while
 * the new total stays within `limit`; the row lock makes concurrent inventories of one buyer take turns.
 * Returns the new total, or undefined when the limit would be exceeded.
 */
export async function countQuota(
  db: Kysely<Database>,
  entry: { documentId: string; buyerKey: string; year: number; amount: string; limit: string; now: Date },
): Promise<string | undefined> {
  const r = await sql<{ used: string }>`
    INSERT INTO buyer_quotas AS q (buyer_key, year, used) VALUES (${entry.buyerKey}, ${entry.year}, ${entry.amount}::numeric)
    ON CONFLICT (buyer_key, year) DO UPDATE SET used = q.used + EXCLUDED.used
      WHERE q.used + EXCLUDED.used <= ${entry.limit}::numeric
    RETURNING used::text AS used`.execute(db);
  const used = r.rows[0]?.used;
  if (used === undefined) return undefined;
  const locked = lockedOf(db);
  if (locked?.has(`${entry.buyerKey}|${entry.year}`)) locked.set(`${entry.buyerKey}|${entry.year}`, used);
  // A re-declared inventory (refused, then declared again) counts afresh: its old entry was given back in full.
  const row = {
    document_id: entry.documentId,
    buyer_key: entry.buyerKey,
    year: entry.year,
    amount: entry.amount,
    counted_at: entry.now,
  };
  if (!deferRow(db, QUOTA_ENTRIES, entry.documentId, row)) await QUOTA_ENTRIES.write(db, [row]);
  return used;
}

/** Gives back (part of) a counted amount: cancellation, or a return within the window (§8.4). */
export async function restoreQuota(
  db: Kysely<Database>,
  documentId: string,
  amount: string | 'all',
  now: Date,
): Promise<string> {
  const entry = await db
    .selectFrom('quota_entries')
    .selectAll()
    .where('document_id', '=', documentId)
    .forUpdate()
    .executeTakeFirst();
  if (!entry) return '0';
  const open = toDecimal(entry.amount).minus(toDecimal(entry.restored));
  const give = amount === 'all' ? open : Dec.min(open, toDecimal(amount));
  if (give.lte(0)) return '0';
  const g = give.toFixed(2);
  await sql`UPDATE quota_entries SET restored = restored + ${g}::numeric, restored_at = ${now} WHERE document_id = ${documentId}`.execute(
    db,
  );
  await sql`UPDATE buyer_quotas SET used = used - ${g}::numeric WHERE buyer_key = ${entry.buyer_key} AND year = ${entry.year}`.execute(
    db,
  );
  // Read afresh from now on in this batch.
  lockedOf(db)?.delete(`${entry.buyer_key}|${entry.year}`);
  return g;
}
