import { sql, type Database, type Kysely } from '@crossgate/db';
import { SEALED_FIELDS } from '@crossgate/domain';
import { REFUSED_EXCERPT_BYTES } from './ceb-messages.ts';

/** The document fields sealed at rest, as a text[] parameter. */
const SEALED = sql`${[...SEALED_FIELDS]}::text[]`;

export async function listPiiKeys(db: Kysely<Database>) {
  return db.selectFrom('pii_keys').selectAll().orderBy('key_id').execute();
}

/** Records a key's check value; a concurrent start that recorded it first wins (and is read back by the caller). */
export async function recordPiiKey(
  db: Kysely<Database>,
  row: { keyId: string; purpose: 'seal' | 'hash'; checkValue: string; now: Date },
): Promise<void> {
  await db
    .insertInto('pii_keys')
    .values({ key_id: row.keyId, purpose: row.purpose, check_value: row.checkValue, added_at: row.now })
    .onConflict((oc) => oc.column('key_id').doNothing())
    .execute();
}

export async function retirePiiKeys(db: Kysely<Database>, keyIds: string[], now: Date): Promise<void> {
  if (keyIds.length === 0) return;
  await db
    .updateTable('pii_keys')
    .set({ retired_at: now })
    .where('key_id', 'in', keyIds)
    .where('retired_at', 'is', null)
    .execute();
}

/**
 * The next import documents (by id, after `after`) that still hold personal data in clear or sealed under a key
 * other than `active` — what a rotation has left to do.
 */
export async function documentsToReseal(db: Kysely<Database>, active: string, after: string, limit: number) {
  const prefix = `enc:v1:${active}:%`;
  return db
    .selectFrom('import_documents')
    .select(['id', 'body'])
    .where('id', '>', after)
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM jsonb_each_text(body) f WHERE f.key = ANY(${SEALED}) AND f.value <> '' AND f.value NOT LIKE ${prefix})`,
    )
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function updateDocumentBody(db: Kysely<Database>, id: string, body: string): Promise<void> {
  await db.updateTable('import_documents').set({ body }).where('id', '=', id).execute();
}

/** The longest a sealed excerpt of a refused message can be (key ids have at most 32 characters). */
const SEALED_EXCERPT_MAX = 'enc:v1:'.length + 32 + 1 + Math.ceil(((12 + 16 + REFUSED_EXCERPT_BYTES) * 4) / 3);

/**
 * Raw messages a rotation to `active` has left to do: a body in clear or under another key; a CEB900 receipt in
 * clear or under another key (earlier versions stored it in clear, with the whole message echoed); a refused
 * message stored whole by an earlier version (decision 0021 keeps an excerpt).
 */
const messageWork = (active: string) => {
  const prefix = `enc:v1:${active}:%`;
  return sql<boolean>`(body NOT LIKE ${prefix}
    OR (outcome = 'format_error' AND receipt_xml NOT LIKE ${prefix})
    OR (outcome IN ('refused', 'format_error') AND length(body) > ${SEALED_EXCERPT_MAX}))`;
};

export async function messagesToReseal(db: Kysely<Database>, active: string, after: string, limit: number) {
  return db
    .selectFrom('ceb_messages')
    .select(['id', 'body', 'outcome', 'receipt_xml'])
    .where('id', '>', after)
    .where(messageWork(active))
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function updateMessage(
  db: Kysely<Database>,
  id: string,
  stored: { body: string; receipt_xml: string },
): Promise<void> {
  await db.updateTable('ceb_messages').set(stored).where('id', '=', id).execute();
}

/** How many values are still sealed under each key (or in clear): what the rotation status reports. */
export async function sealedCounts(db: Kysely<Database>) {
  const r = await sql<{ key_id: string; n: string }>`
    SELECT CASE WHEN f.value LIKE 'enc:v1:%' THEN split_part(f.value, ':', 3) ELSE 'clear' END AS key_id, count(*)::text AS n
    FROM import_documents d, jsonb_each_text(d.body) f
    WHERE f.key = ANY(${SEALED}) AND f.value <> ''
    GROUP BY 1
    UNION ALL
    SELECT CASE WHEN body LIKE 'enc:v1:%' THEN split_part(body, ':', 3) ELSE 'clear' END, count(*)::text
    FROM ceb_messages GROUP BY 1
    UNION ALL
    SELECT CASE WHEN receipt_xml LIKE 'enc:v1:%' THEN split_part(receipt_xml, ':', 3) ELSE 'clear' END, count(*)::text
    FROM ceb_messages WHERE outcome = 'format_error' GROUP BY 1`.execute(db);
  const out = new Map<string, number>();
  for (const row of r.rows) out.set(row.key_id, (out.get(row.key_id) ?? 0) + Number(row.n));
  return out;
}

/** Person lookup keys still in the unkeyed form of earlier versions (64 hex digits, no `p1:`). */
export async function legacyPersonKeys(db: Kysely<Database>) {
  const r = await sql<{ key: string }>`
    SELECT buyer_key AS key FROM buyer_quotas WHERE buyer_key NOT LIKE 'p1:%'
    UNION SELECT buyer_key FROM inventory_clearance WHERE buyer_key IS NOT NULL AND buyer_key NOT LIKE 'p1:%'
    UNION SELECT subject_key FROM negative_list WHERE subject_type = 'person' AND subject_key NOT LIKE 'p1:%'`.execute(
    db,
  );
  return r.rows.map((row) => row.key);
}

/** Replaces an old person key by its keyed form everywhere it is used (quotas are merged by year). */
export async function replacePersonKey(db: Kysely<Database>, from: string, to: string): Promise<void> {
  await sql`INSERT INTO buyer_quotas (buyer_key, year, used)
    SELECT ${to}, year, used FROM buyer_quotas WHERE buyer_key = ${from}
    ON CONFLICT (buyer_key, year) DO UPDATE SET used = buyer_quotas.used + EXCLUDED.used`.execute(db);
  await sql`DELETE FROM buyer_quotas WHERE buyer_key = ${from}`.execute(db);
  await sql`UPDATE quota_entries SET buyer_key = ${to} WHERE buyer_key = ${from}`.execute(db);
  await sql`UPDATE inventory_clearance SET buyer_key = ${to} WHERE buyer_key = ${from}`.execute(db);
  await sql`UPDATE negative_list SET subject_key = ${to} WHERE subject_type = 'person' AND subject_key = ${from}`.execute(
    db,
  );
}

/** The buyer's ID of each inventory whose clearance still carries an unkeyed person key. */
export async function inventoriesWithLegacyKeys(db: Kysely<Database>) {
  return db
    .selectFrom('inventory_clearance as c')
    .innerJoin('import_documents as d', 'd.id', 'c.document_id')
    .select(['c.buyer_key', 'd.body'])
    .where('c.buyer_key', 'is not', null)
    .where('c.buyer_key', 'not like', 'p1:%')
    .execute();
}

/** How many documents and raw messages a rotation to `active` still has to re-seal (or cut, or seal). */
export async function resealBacklog(db: Kysely<Database>, active: string): Promise<number> {
  const prefix = `enc:v1:${active}:%`;
  const r = await sql<{ n: string }>`
    SELECT ((SELECT count(*) FROM import_documents d WHERE EXISTS (SELECT 1 FROM jsonb_each_text(d.body) f
        WHERE f.key = ANY(${SEALED})
          AND f.value <> '' AND f.value NOT LIKE ${prefix}))
      + (SELECT count(*) FROM ceb_messages WHERE ${messageWork(active)}))::text AS n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
