import { sql, type Database, type Kysely } from '@crossgate/db';

export async function findItem(db: Kysely<Database>, emsNo: string, itemRecordNo: string) {
  return db
    .selectFrom('account_book_items')
    .selectAll()
    .where('ems_no', '=', emsNo)
    .where('item_record_no', '=', itemRecordNo)
    .executeTakeFirst();
}

/** Writes stock off only while enough is left; returns false (and changes nothing) otherwise. */
export async function writeOffStock(
  db: Kysely<Database>,
  m: { emsNo: string; itemRecordNo: string; qty: string; documentId: string; now: Date },
): Promise<boolean> {
  const r = await sql`UPDATE account_book_items SET stock_qty = stock_qty - ${m.qty}::numeric
    WHERE ems_no = ${m.emsNo} AND item_record_no = ${m.itemRecordNo} AND stock_qty >= ${m.qty}::numeric`.execute(
    db,
  );
  if (Number(r.numAffectedRows ?? 0) !== 1) return false;
  await db
    .insertInto('stock_movements')
    .values({
      ems_no: m.emsNo,
      item_record_no: m.itemRecordNo,
      qty: `-${m.qty}`,
      reason: 'release',
      document_id: m.documentId,
      note: null,
      at: m.now,
    })
    .execute();
  return true;
}

/** Locks the account-book items a release will write off, in key order (no deadlocks), and returns them. */
export async function lockItems(db: Kysely<Database>, keys: { emsNo: string; itemRecordNo: string }[]) {
  const sorted = [...new Map(keys.map((k) => [`${k.emsNo}\u0000${k.itemRecordNo}`, k])).values()].sort(
    (a, b) =>
      a.emsNo === b.emsNo ? a.itemRecordNo.localeCompare(b.itemRecordNo) : a.emsNo.localeCompare(b.emsNo),
  );
  const rows = [];
  for (const k of sorted) {
    const row = await db
      .selectFrom('account_book_items')
      .selectAll()
      .where('ems_no', '=', k.emsNo)
      .where('item_record_no', '=', k.itemRecordNo)
      .forUpdate()
      .executeTakeFirst();
    if (row) rows.push(row);
  }
  return rows;
}

/**
 * Puts returned goods back in the account book (1210 returns): one statement for the items, one for their
 * movements. Quantities per item are summed first; items are updated in key order.
 */
export async function returnStock(
  db: Kysely<Database>,
  m: { emsNo: string; documentId: string; note: string; now: Date },
  lines: { itemRecordNo: string; qty: string }[],
): Promise<void> {
  const byItem = new Map<string, string[]>();
  for (const l of lines) byItem.set(l.itemRecordNo, [...(byItem.get(l.itemRecordNo) ?? []), l.qty]);
  const items = [...byItem.keys()].sort();
  if (items.length === 0) return;
  // Summed in SQL (numeric), so no binary float ever carries a quantity.
  const flat = items.flatMap((i) => (byItem.get(i) ?? []).map((q) => ({ i, q })));
  await sql`UPDATE account_book_items AS a SET stock_qty = a.stock_qty + v.qty
    FROM (SELECT item, sum(qty) AS qty FROM unnest(${flat.map((f) => f.i)}::text[], ${flat.map((f) => f.q)}::numeric[]) AS t(item, qty) GROUP BY item) AS v
    WHERE a.ems_no = ${m.emsNo} AND a.item_record_no = v.item`.execute(db);
  await db
    .insertInto('stock_movements')
    .values(
      flat.map((f) => ({
        ems_no: m.emsNo,
        item_record_no: f.i,
        qty: f.q,
        reason: 'return' as const,
        document_id: m.documentId,
        note: m.note,
        at: m.now,
      })),
    )
    .execute();
}
