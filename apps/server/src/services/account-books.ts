import type { TAccountBook } from '@crossgate/contract';
import { sql } from '@crossgate/db';
import { checkTenDigitHsCode, inScope, scopeFor, toDecimal } from '@crossgate/domain';
import { conflict, forbidden, notFound, ruleViolation } from '../errors.ts';
import { appendAudit } from '../repositories/audit.ts';
import { codeExists } from '../repositories/reference.ts';
import type { Deps, RequestContext } from './context.ts';

/**
 * Bonded account books (账册) of 1210 warehouses: goods received into the bonded warehouse raise an item's
 * stock, each released 1210 inventory writes it off (clear-inventory.ts), a return puts it back.
 */
function scope(ctx: RequestContext, action: 'read' | 'create' | 'update') {
  const s = scopeFor(ctx.actor, 'account_book', action);
  if (s.kind === 'none') throw forbidden('account books are kept by bonded warehouse operators');
  return s;
}

async function book(deps: Deps, ctx: RequestContext, emsNo: string, action: 'read' | 'update') {
  const s = scope(ctx, action);
  const row = await deps.db
    .selectFrom('account_books')
    .selectAll()
    .where('ems_no', '=', emsNo)
    .executeTakeFirst();
  if (!row || !inScope(s, row.org_id)) throw notFound('emsNo', emsNo);
  return row;
}

async function withItems(
  deps: Deps,
  row: { ems_no: string; org_id: string; customs_code: string; name: string },
): Promise<TAccountBook> {
  const items = await deps.db
    .selectFrom('account_book_items')
    .selectAll()
    .where('ems_no', '=', row.ems_no)
    .orderBy('item_record_no')
    .execute();
  return {
    emsNo: row.ems_no,
    orgId: row.org_id,
    customsCode: row.customs_code,
    name: row.name,
    items: items.map((i) => ({
      itemRecordNo: i.item_record_no,
      gcode: i.gcode,
      gname: i.gname,
      unit: i.unit,
      stockQty: i.stock_qty,
    })),
  };
}

export async function listAccountBooks(deps: Deps, ctx: RequestContext): Promise<TAccountBook[]> {
  const s = scope(ctx, 'read');
  let q = deps.db.selectFrom('account_books').selectAll();
  if (s.kind === 'own') q = q.where('org_id', '=', s.orgId);
  return Promise.all((await q.orderBy('ems_no').execute()).map((r) => withItems(deps, r)));
}

export async function createAccountBook(
  deps: Deps,
  ctx: RequestContext,
  input: { emsNo: string; customsCode: string; name: string },
): Promise<TAccountBook> {
  scope(ctx, 'create');
  if (!(await codeExists(deps.db, 'customs_offices', input.customsCode))) {
    throw ruleViolation([
      {
        code: 'CODE_UNKNOWN',
        field: 'customsCode',
        rule: 'JGS/T 18 customs office code',
        actual: input.customsCode,
      },
    ]);
  }
  return deps.db.transaction().execute(async (trx) => {
    if (
      await trx
        .selectFrom('account_books')
        .select('ems_no')
        .where('ems_no', '=', input.emsNo)
        .executeTakeFirst()
    )
      throw conflict('emsNo', 'account book numbers are unique', input.emsNo);
    await trx
      .insertInto('account_books')
      .values({
        ems_no: input.emsNo,
        org_id: ctx.actor.orgId,
        customs_code: input.customsCode,
        name: input.name,
        created_at: ctx.now,
      })
      .execute();
    await appendAudit(trx, ctx, {
      action: 'account_book.create',
      targetType: 'account_book',
      targetId: input.emsNo,
      targetOrgId: ctx.actor.orgId,
      after: input,
    });
    return withItems(
      { db: trx },
      { ems_no: input.emsNo, org_id: ctx.actor.orgId, customs_code: input.customsCode, name: input.name },
    );
  });
}

export async function addAccountBookItem(
  deps: Deps,
  ctx: RequestContext,
  emsNo: string,
  input: { itemRecordNo: string; gcode: string; gname: string; unit: string },
): Promise<TAccountBook> {
  const row = await book(deps, ctx, emsNo, 'update');
  const errors = checkTenDigitHsCode('gcode', input.gcode);
  if (!(await codeExists(deps.db, 'units', input.unit)))
    errors.push({ code: 'CODE_UNKNOWN', field: 'unit', rule: 'JGS-20 unit code', actual: input.unit });
  if (errors.length > 0) throw ruleViolation(errors);
  return deps.db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('account_book_items')
      .select('item_record_no')
      .where('ems_no', '=', emsNo)
      .where('item_record_no', '=', input.itemRecordNo)
      .executeTakeFirst();
    if (exists)
      throw conflict('itemRecordNo', 'one item per record number in an account book', input.itemRecordNo);
    await trx
      .insertInto('account_book_items')
      .values({
        ems_no: emsNo,
        item_record_no: input.itemRecordNo,
        gcode: input.gcode,
        gname: input.gname,
        unit: input.unit,
        stock_qty: '0',
      })
      .execute();
    await appendAudit(trx, ctx, {
      action: 'account_book.item_add',
      targetType: 'account_book',
      targetId: emsNo,
      targetOrgId: row.org_id,
      after: input,
    });
    return withItems({ db: trx }, row);
  });
}

/** Goods received into the bonded warehouse: the item's stock goes up, with a ledger line and an audit row. */
export async function receiveStock(
  deps: Deps,
  ctx: RequestContext,
  emsNo: string,
  input: { itemRecordNo: string; qty: string; note?: string | undefined },
): Promise<TAccountBook> {
  const row = await book(deps, ctx, emsNo, 'update');
  if (toDecimal(input.qty).lte(0))
    throw ruleViolation([
      { code: 'QTY_POSITIVE', field: 'qty', rule: 'a received quantity is positive', actual: input.qty },
    ]);
  return deps.db.transaction().execute(async (trx) => {
    const r =
      await sql`UPDATE account_book_items SET stock_qty = stock_qty + ${input.qty}::numeric WHERE ems_no = ${emsNo} AND item_record_no = ${input.itemRecordNo}`.execute(
        trx,
      );
    if (Number(r.numAffectedRows ?? 0) !== 1) throw notFound('itemRecordNo', input.itemRecordNo);
    await trx
      .insertInto('stock_movements')
      .values({
        ems_no: emsNo,
        item_record_no: input.itemRecordNo,
        qty: input.qty,
        reason: 'receipt',
        document_id: null,
        note: input.note ?? null,
        at: ctx.now,
      })
      .execute();
    await appendAudit(trx, ctx, {
      action: 'account_book.receipt',
      targetType: 'account_book',
      targetId: emsNo,
      targetOrgId: row.org_id,
      after: input,
    });
    return withItems({ db: trx }, row);
  });
}

export async function stockLedger(deps: Deps, ctx: RequestContext, emsNo: string) {
  await book(deps, ctx, emsNo, 'read');
  const rows = await deps.db
    .selectFrom('stock_movements')
    .selectAll()
    .where('ems_no', '=', emsNo)
    .orderBy('id')
    .execute();
  return rows.map((m) => ({
    id: m.id,
    itemRecordNo: m.item_record_no,
    qty: m.qty,
    reason: m.reason,
    documentId: m.document_id,
    note: m.note,
    at: m.at.toISOString(),
  }));
}
