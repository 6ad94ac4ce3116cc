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

export async function findAccountBook(db: Kysely<Database>, emsNo: string) {
  return db.selectFrom('account_books').selectAll().where('ems_no', '=', emsNo).executeTakeFirst();
}

/** An account book's items in record-number order. */
export async function itemsOfAccountBook(db: Kysely<Database>, emsNo: string) {
  return db
    .selectFrom('account_book_items')
    .selectAll()
    .where('ems_no', '=', emsNo)
    .orderBy('item_record_no')
    .execute();
}

/** Account books in number order, of one organisation when `orgId` is given. */
export async function listAccountBookRows(db: Kysely<Database>, orgId?: string) {
  let q = db.selectFrom('account_books').selectAll();
  if (orgId !== undefined) q = q.where('org_id', '=', orgId);
  return q.orderBy('ems_no').execute();
}

export async function accountBookExists(db: Kysely<Database>, emsNo: string): Promise<boolean> {
  return (
    (await db.selectFrom('account_books').select('ems_no').where('ems_no', '=', emsNo).executeTakeFirst()) !==
    undefined
  );
}

export async function insertAccountBook(
  db: Kysely<Database>,
  row: { emsNo: string; orgId: string; customsCode: string; name: string; now: Date },
): Promise<void> {
  await db
    .insertInto('account_books')
    .values({
      ems_no: row.emsNo,
      org_id: row.orgId,
      customs_code: row.customsCode,
      name: row.name,
      created_at: row.now,
    })
    .execute();
}

export async function accountBookItemExists(
  db: Kysely<Database>,
  emsNo: string,
  itemRecordNo: string,
): Promise<boolean> {
  return (
    (await db
      .selectFrom('account_book_items')
      .select('item_record_no')
      .where('ems_no', '=', emsNo)
      .where('item_record_no', '=', itemRecordNo)
      .executeTakeFirst()) !== undefined
  );
}

/** A new item of an account book, with no stock yet. */
export async function insertAccountBookItem(
  db: Kysely<Database>,
  emsNo: string,
  item: { itemRecordNo: string; gcode: string; gname: string; unit: string },
): Promise<void> {
  await db
    .insertInto('account_book_items')
    .values({
      ems_no: emsNo,
      item_record_no: item.itemRecordNo,
      gcode: item.gcode,
      gname: item.gname,
      unit: item.unit,
      stock_qty: '0',
    })
    .execute();
}

/**
 * Goods received into the bonded warehouse: the item's stock goes up and a ledger line records it. Returns
 * false (and writes no ledger line) when the book has no such item.
 */
export async function receiveStockIntoItem(
  db: Kysely<Database>,
  m: { emsNo: string; itemRecordNo: string; qty: string; note: string | null; now: Date },
): Promise<boolean> {
  const r =
    await sql`UPDATE account_book_items SET stock_qty = stock_qty + ${m.qty}::numeric WHERE ems_no = ${m.emsNo} AND item_record_no = ${m.itemRecordNo}`.execute(
      db,
    );
  if (Number(r.numAffectedRows ?? 0) !== 1) return false;
  await db
    .insertInto('stock_movements')
    .values({
      ems_no: m.emsNo,
      item_record_no: m.itemRecordNo,
      qty: m.qty,
      reason: 'receipt',
      document_id: null,
      note: m.note,
      at: m.now,
    })
    .execute();
  return true;
}

/** An account book's stock ledger in the order it was written. */
export async function stockMovementsOf(db: Kysely<Database>, emsNo: string) {
  return db.selectFrom('stock_movements').selectAll().where('ems_no', '=', emsNo).orderBy('id').execute();
}
