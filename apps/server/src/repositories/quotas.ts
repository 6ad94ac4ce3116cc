import { sql, type Database, type Kysely } from '@crossgate/db';
import { Dec, toDecimal } from '@crossgate/domain';
import { deferRow, type DeferredKind } from './unit-of-work.ts';

export async function quotaUsed(db: Kysely<Database>, buyerKey: string, year: number): Promise<string> {
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
  return g;
}
