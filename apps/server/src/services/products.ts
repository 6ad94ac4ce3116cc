import type { TPage, TPageQuery, TProduct, TProductInput } from '@crossgate/contract';
import {
  checkTenDigitHsCode,
  inScope,
  scopeFor,
  toDecimal,
  type RuleError,
  type Scope,
} from '@crossgate/domain';
import type { Database, Kysely } from '@crossgate/db';
import { conflict, forbidden, notFound, ruleViolation } from '../errors.ts';
import { appendAudit } from '../repositories/audit.ts';
import {
  deleteProduct as deleteRow,
  findProduct,
  insertProduct,
  itemNoTaken,
  listProducts as listRows,
  updateProduct,
} from '../repositories/products.ts';
import { codeExists, findHs } from '../repositories/reference.ts';
import { newId } from './auth.ts';
import type { Deps, RequestContext } from './context.ts';
import { pageWindow, toProduct } from './mappers.ts';

function requireScope(ctx: RequestContext, action: 'read' | 'create' | 'update' | 'delete'): Scope {
  const scope = scopeFor(ctx.actor, 'product', action);
  if (scope.kind === 'none')
    throw forbidden(
      action === 'read'
        ? 'your role does not see product files'
        : 'only enterprises maintain their own products',
    );
  return scope;
}

/** Reference checks a product must pass: its codes exist in the customs code tables and the HS nomenclature. */
async function checkProductCodes(db: Kysely<Database>, p: Partial<TProductInput>): Promise<RuleError[]> {
  const errors: RuleError[] = [];
  if (p.hsCode !== undefined) {
    errors.push(...checkTenDigitHsCode('hsCode', p.hsCode));
    if (errors.length === 0 && !(await findHs(db, p.hsCode.slice(0, 6)))) {
      errors.push({
        code: 'HS_CODE_UNKNOWN',
        field: 'hsCode',
        rule: 'the first six digits are an HS 2022 subheading',
        expected: 'a subheading of the HS nomenclature',
        actual: p.hsCode,
      });
    }
  }
  const tables = [
    ['originCountry', 'countries', 'JGS-20 country code'],
    ['unit', 'units', 'JGS-20 unit code'],
    ['currency', 'currencies', 'JGS-20 currency code'],
  ] as const;
  for (const [field, table, what] of tables) {
    const value = p[field];
    if (value !== undefined && !(await codeExists(db, table, value))) {
      errors.push({
        code: 'CODE_UNKNOWN',
        field,
        rule: `${what} (${table})`,
        expected: `a code of the ${table} table`,
        actual: value,
      });
    }
  }
  if (p.price !== undefined && toDecimal(p.price).isNegative()) {
    errors.push({
      code: 'PRICE_NEGATIVE',
      field: 'price',
      rule: 'a price is not negative',
      expected: '≥ 0',
      actual: p.price,
    });
  }
  return errors;
}

export async function listProducts(
  deps: Deps,
  ctx: RequestContext,
  query: TPageQuery & { q?: string | undefined; hsCode?: string | undefined },
): Promise<TPage<TProduct>> {
  const scope = requireScope(ctx, 'read');
  const { rows, total } = await listRows(deps.db, scope, query, pageWindow(query));
  return { items: rows.map(toProduct), total, page: query.page, pageSize: query.pageSize };
}

export async function getProduct(deps: Deps, ctx: RequestContext, id: string): Promise<TProduct> {
  const product = await findProduct(deps.db, requireScope(ctx, 'read'), id);
  if (!product) throw notFound('id', id);
  return toProduct(product);
}

export async function createProduct(
  deps: Deps,
  ctx: RequestContext,
  input: TProductInput,
): Promise<TProduct> {
  const scope = requireScope(ctx, 'create');
  const orgId = ctx.actor.orgId;
  if (!inScope(scope, orgId)) throw forbidden('only enterprises maintain their own products');
  const errors = await checkProductCodes(deps.db, input);
  if (errors.length > 0) throw ruleViolation(errors);
  return deps.db.transaction().execute(async (trx) => {
    if (await itemNoTaken(trx, orgId, input.itemNo))
      throw conflict('itemNo', 'one product per item number per enterprise', input.itemNo);
    const row = await insertProduct(trx, {
      id: newId(),
      org_id: orgId,
      item_no: input.itemNo,
      name_zh: input.nameZh,
      name_en: input.nameEn ?? null,
      hs_code: input.hsCode,
      spec: input.spec ?? null,
      brand: input.brand ?? null,
      barcode: input.barcode ?? null,
      origin_country: input.originCountry,
      unit: input.unit,
      price: input.price,
      currency: input.currency,
      // A product entered here is a filing like any other: customs reviews it (商品备案).
      status: 'submitted',
      submitted_at: ctx.now,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    const after = toProduct(row);
    await appendAudit(trx, ctx, {
      action: 'product.create',
      targetType: 'product',
      targetId: row.id,
      targetOrgId: orgId,
      after,
    });
    return after;
  });
}

export async function updateProductById(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  patch: Partial<TProductInput>,
): Promise<TProduct> {
  const scope = requireScope(ctx, 'update');
  const errors = await checkProductCodes(deps.db, patch);
  if (errors.length > 0) throw ruleViolation(errors);
  return deps.db.transaction().execute(async (trx) => {
    const existing = await findProduct(trx, scope, id, true);
    if (!existing) throw notFound('id', id);
    const row = await updateProduct(trx, id, {
      ...(patch.itemNo !== undefined && { item_no: patch.itemNo }),
      ...(patch.nameZh !== undefined && { name_zh: patch.nameZh }),
      ...(patch.nameEn !== undefined && { name_en: patch.nameEn }),
      ...(patch.hsCode !== undefined && { hs_code: patch.hsCode }),
      ...(patch.spec !== undefined && { spec: patch.spec }),
      ...(patch.brand !== undefined && { brand: patch.brand }),
      ...(patch.barcode !== undefined && { barcode: patch.barcode }),
      ...(patch.originCountry !== undefined && { origin_country: patch.originCountry }),
      ...(patch.unit !== undefined && { unit: patch.unit }),
      ...(patch.price !== undefined && { price: patch.price }),
      ...(patch.currency !== undefined && { currency: patch.currency }),
      updated_at: ctx.now,
    });
    const before = toProduct(existing);
    const after = toProduct(row);
    await appendAudit(trx, ctx, {
      action: 'product.update',
      targetType: 'product',
      targetId: id,
      targetOrgId: existing.org_id,
      before,
      after,
    });
    return after;
  });
}

export async function deleteProductById(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const scope = requireScope(ctx, 'delete');
  await deps.db.transaction().execute(async (trx) => {
    const existing = await findProduct(trx, scope, id, true);
    if (!existing) throw notFound('id', id);
    await deleteRow(trx, id);
    await appendAudit(trx, ctx, {
      action: 'product.delete',
      targetType: 'product',
      targetId: id,
      targetOrgId: existing.org_id,
      before: toProduct(existing),
    });
  });
}
