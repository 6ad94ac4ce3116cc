import type { TAccountBook } from '@crossgate/contract';
import { checkTenDigitHsCode, inScope, scopeFor, toDecimal } from '@crossgate/domain';
import { conflict, forbidden, notFound, ruleViolation } from '../errors.ts';
import {
  accountBookExists,
  accountBookItemExists,
  findAccountBook,
  insertAccountBook,
  insertAccountBookItem,
  itemsOfAccountBook,
  listAccountBookRows,
  receiveStockIntoItem,
  stockMovementsOf,
} from '../repositories/account-books.ts';
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
  const row = await findAccountBook(deps.db, emsNo);
  if (!row || !inScope(s, row.org_id)) throw notFound('emsNo', emsNo);
  return row;
}

async function withItems(
  deps: Deps,
  row: { ems_no: string; org_id: string; customs_code: string; name: string },
): Promise<TAccountBook> {
  const items = await itemsOfAccountBook(deps.db, row.ems_no);
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
  const rows = await listAccountBookRows(deps.db, s.kind === 'own' ? s.orgId : undefined);
  return Promise.all(rows.map((r) => withItems(deps, r)));
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
    if (await accountBookExists(trx, input.emsNo))
      throw conflict('emsNo', 'account book numbers are unique', input.emsNo);
    await insertAccountBook(trx, {
      emsNo: input.emsNo,
      orgId: ctx.actor.orgId,
      customsCode: input.customsCode,
      name: input.name,
      now: ctx.now,
    });
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
    if (await accountBookItemExists(trx, emsNo, input.itemRecordNo))
      throw conflict('itemRecordNo', 'one item per record number in an account book', input.itemRecordNo);
    await insertAccountBookItem(trx, emsNo, input);
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
    const received = await receiveStockIntoItem(trx, {
      emsNo,
      itemRecordNo: input.itemRecordNo,
      qty: input.qty,
      note: input.note ?? null,
      now: ctx.now,
    });
    if (!received) throw notFound('itemRecordNo', input.itemRecordNo);
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
  const rows = await stockMovementsOf(deps.db, emsNo);
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
