import type {
  ErrorCode,
  TBulkFilingResult,
  TPage,
  TProductFiling,
  TProductFilingInput,
} from '@crossgate/contract';
import type { Database, Kysely, Product } from '@crossgate/db';
import {
  checkPositiveList,
  checkProductFiling,
  scopeFor,
  type PositiveListEntry,
  type ReferenceLookups,
  type RuleError,
} from '@crossgate/domain';
import { AppError, conflict, forbidden, notFound, ruleViolation } from '../../errors.ts';
import { appendAudit, appendAuditMany } from '../../repositories/audit.ts';
import { existingItemNos, positiveListInForce, productsAwaitingReview } from '../../repositories/filings.ts';
import { findProduct, insertProduct, updateProduct } from '../../repositories/products.ts';
import { knownCodes, knownSubheadings } from '../../repositories/reference.ts';
import { newId } from '../auth.ts';
import type { Deps, RequestContext } from '../context.ts';
import { todayOf } from '../credit/credit.ts';
import { pageWindow } from '../mappers.ts';
import { ParserRefusal, UploadGuard } from '../uploads/guard.ts';
import type { WorkbookProblem, WorkbookRow } from './product-workbook.ts';

/**
 * Product filing (商品备案, seed §二(一)1): the enterprise files each product with its 10-digit code checked
 * against the nomenclature, declaration elements, origin, brand, barcode, legal units and reference price; for
 * retail import, against the positive list (跨境电子商务零售进口商品清单). One product, or many from the Excel
 * template, where every bad row is reported with its fields and the good rows are filed regardless.
 */

const view = (p: Product): TProductFiling => ({
  id: p.id,
  orgId: p.org_id,
  itemNo: p.item_no,
  nameZh: p.name_zh,
  hsCode: p.hs_code,
  barcode: p.barcode,
  brand: p.brand,
  originCountry: p.origin_country,
  retailImport: p.retail_import,
  status: p.status,
  reasons: (p.reasons as unknown[]).map(String),
  submittedAt: p.submitted_at?.toISOString() ?? null,
  decidedAt: p.decided_at?.toISOString() ?? null,
});

/**
 * The code tables and the nomenclature for the pure checks: only the codes the given filings name are read
 * (one query per table), so a single filing does not load the whole nomenclature.
 */
async function lookups(db: Kysely<Database>, inputs: TProductFilingInput[]): Promise<ReferenceLookups> {
  const codes = (pick: (i: TProductFilingInput) => (string | undefined)[]) => [
    ...new Set(inputs.flatMap(pick).filter((c): c is string => Boolean(c))),
  ];
  const known = (table: 'countries' | 'units' | 'currencies', wanted: string[]) =>
    knownCodes(db, table, wanted);
  const subheadings = codes((i) => [i.hsCode.slice(0, 6)]);
  const [h, c, u, cur] = await Promise.all([
    knownSubheadings(db, subheadings),
    known(
      'countries',
      codes((i) => [i.originCountry]),
    ),
    known(
      'units',
      codes((i) => [i.unit, i.legalUnit1, i.legalUnit2]),
    ),
    known(
      'currencies',
      codes((i) => [i.currency]),
    ),
  ]);
  return {
    hsExists: (code) => h.has(code),
    countryExists: (code) => c.has(code),
    unitExists: (code) => u.has(code),
    currencyExists: (code) => cur.has(code),
  };
}

function checkAll(
  input: TProductFilingInput,
  ref: ReferenceLookups,
  positive: PositiveListEntry[],
  today: string,
): RuleError[] {
  const errors = checkProductFiling(input, ref);
  if (input.retailImport && errors.every((e) => e.field !== 'hsCode'))
    errors.push(...checkPositiveList(input.hsCode, today, positive));
  return errors;
}

const rowOf = (orgId: string, input: TProductFilingInput, now: Date) => ({
  id: newId(),
  org_id: orgId,
  item_no: input.itemNo,
  name_zh: input.nameZh,
  name_en: input.nameEn ?? null,
  hs_code: input.hsCode,
  spec: Object.entries(input.declarationElements)
    .map(([k, v]) => `${k}:${v}`)
    .join('|'),
  brand: input.brand ?? null,
  barcode: input.barcode && input.barcode !== '无' ? input.barcode : null,
  origin_country: input.originCountry,
  unit: input.unit,
  price: input.price,
  currency: input.currency,
  status: 'submitted' as const,
  declaration_elements: JSON.stringify(input.declarationElements),
  legal_unit1: input.legalUnit1,
  legal_unit2: input.legalUnit2 ?? null,
  retail_import: input.retailImport,
  submitted_at: now,
  created_at: now,
  updated_at: now,
});

function enterpriseScope(ctx: RequestContext) {
  const s = scopeFor(ctx.actor, 'product', 'create');
  if (s.kind !== 'own') throw forbidden('products are filed by the enterprise that deals in them');
  return s;
}

const positiveList = async (db: Kysely<Database>, today: string): Promise<PositiveListEntry[]> =>
  (await positiveListInForce(db, today)).map((p) => ({
    hsPrefix: p.hs_prefix,
    nameZh: p.name_zh,
    note: p.note,
    listName: p.list_name,
    validFrom: p.valid_from,
    validTo: p.valid_to,
  }));

/** Files one product (status submitted, for an officer's review). */
export async function fileProduct(
  deps: Deps,
  ctx: RequestContext,
  input: TProductFilingInput,
): Promise<TProductFiling> {
  const s = enterpriseScope(ctx);
  const today = todayOf(ctx.now);
  const errors = checkAll(input, await lookups(deps.db, [input]), await positiveList(deps.db, today), today);
  if (errors.length > 0) throw ruleViolation(errors);
  return deps.db.transaction().execute(async (trx) => {
    if ((await existingItemNos(trx, s.orgId, [input.itemNo])).size > 0)
      throw conflict('itemNo', '企业商品货号已备案 (this item number is already filed)', input.itemNo);
    const row = await insertProduct(trx, rowOf(s.orgId, input, ctx.now));
    await appendAudit(trx, ctx, {
      action: 'product.file',
      targetType: 'product',
      targetId: row.id,
      targetOrgId: s.orgId,
      after: view(row),
    });
    return view(row);
  });
}

/** The workbook's text cells as the filing input (declaration elements written `名:值|名:值`). */
function inputOf(values: WorkbookRow['values']): TProductFilingInput {
  const elements: Record<string, string> = {};
  for (const part of (values.declarationElements ?? '').split('|')) {
    const at = part.indexOf(':') >= 0 ? part.indexOf(':') : part.indexOf('：');
    if (at > 0) elements[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  const opt = (v: string | undefined) => (v ? v : undefined);
  return {
    itemNo: values.itemNo ?? '',
    nameZh: values.nameZh ?? '',
    ...(opt(values.nameEn) ? { nameEn: values.nameEn } : {}),
    hsCode: values.hsCode ?? '',
    declarationElements: elements,
    originCountry: values.originCountry ?? '',
    ...(opt(values.brand) ? { brand: values.brand } : {}),
    ...(opt(values.barcode) ? { barcode: values.barcode } : {}),
    unit: values.unit ?? '',
    legalUnit1: values.legalUnit1 ?? '',
    ...(opt(values.legalUnit2) ? { legalUnit2: values.legalUnit2 } : {}),
    price: values.price ?? '',
    currency: values.currency ?? '',
    retailImport: values.retailImport === 'true',
  };
}

/**
 * Bulk filing from the Excel template: every row is checked like a single filing; the good rows are filed
 * together in one transaction, the bad ones reported by row and field — a bad row never stops a good one.
 */
export async function bulkFileProducts(
  deps: Deps,
  ctx: RequestContext,
  file: Buffer,
): Promise<TBulkFilingResult> {
  const s = enterpriseScope(ctx);
  const uploads = deps.uploads ?? defaultUploads;
  return uploads.forEnterprise(s.orgId, async () => {
    let read: WorkbookRead;
    try {
      // In a worker thread with a memory and a time limit: the event loop never parses an upload.
      read = await uploads.parse<WorkbookRead>('product-workbook', file);
    } catch (error) {
      if (error instanceof ParserRefusal) throw workbookRefusal(error);
      throw error;
    }
    return fileWorkbookRows(deps, ctx, s.orgId, read);
  });
}

type WorkbookRead = { rows: WorkbookRow[]; problems: WorkbookProblem[] };

/** Used when the caller's Deps bring no guard (tests and tools calling the service directly). */
const defaultUploads = new UploadGuard();

/** The workbook reader's refusal as the API's: the size and row caps have codes of their own. */
function workbookRefusal(error: ParserRefusal): AppError {
  const code: ErrorCode | undefined =
    error.code === 'TOO_LARGE'
      ? 'UPLOAD_TOO_LARGE'
      : error.code === 'TOO_MANY_ROWS'
        ? 'UPLOAD_TOO_MANY_ROWS'
        : undefined;
  if (code && error.detail)
    return new AppError(code, [
      {
        field: error.detail.field,
        rule: `${error.code}: ${error.message}`,
        expected: error.detail.expected,
        actual: error.detail.actual,
      },
    ]);
  return ruleViolation([{ code: error.code, field: 'file', rule: error.message }]);
}

async function fileWorkbookRows(
  deps: Deps,
  ctx: RequestContext,
  orgId: string,
  read: WorkbookRead,
): Promise<TBulkFilingResult> {
  const s = { orgId };
  const today = todayOf(ctx.now);
  const problems: TBulkFilingResult['problems'] = read.problems.map((p) => ({
    row: p.row,
    field: p.field,
    rule: p.rule,
    ...(p.actual !== undefined ? { actual: p.actual } : {}),
  }));
  const badRows = new Set(problems.map((p) => p.row));
  const parsed = read.rows
    .filter((r) => !badRows.has(r.row))
    .map((r) => ({ row: r.row, input: inputOf(r.values) }));
  const [ref, positive] = await Promise.all([
    lookups(
      deps.db,
      parsed.map((p) => p.input),
    ),
    positiveList(deps.db, today),
  ]);
  const candidates: { row: number; input: TProductFilingInput }[] = [];
  const seen = new Map<string, number>();
  for (const { row, input } of parsed) {
    const errors = checkAll(input, ref, positive, today);
    const first = seen.get(input.itemNo);
    if (first !== undefined)
      errors.push({
        code: 'ITEM_NO_REPEATED',
        field: 'itemNo',
        rule: `企业商品货号在文件中重复，与第${first}行相同 (item number repeated in the file, same as row ${first})`,
        actual: input.itemNo,
      });
    else seen.set(input.itemNo, row);
    if (errors.length > 0) {
      for (const e of errors)
        problems.push({
          row: row,
          field: e.field,
          rule: e.rule,
          ...(e.actual ? { actual: e.actual } : {}),
        });
      continue;
    }
    candidates.push({ row: row, input });
  }
  const products = await deps.db.transaction().execute(async (trx) => {
    const taken = await existingItemNos(
      trx,
      s.orgId,
      candidates.map((c) => c.input.itemNo),
    );
    const out: TBulkFilingResult['products'] = [];
    for (const c of candidates) {
      if (taken.has(c.input.itemNo)) {
        problems.push({
          row: c.row,
          field: 'itemNo',
          rule: '企业商品货号已备案 (this item number is already filed)',
          actual: c.input.itemNo,
        });
        continue;
      }
      const row = await insertProduct(trx, rowOf(s.orgId, c.input, ctx.now));
      out.push({ row: c.row, id: row.id, itemNo: row.item_no });
    }
    await appendAuditMany(
      trx,
      ctx,
      out.map((p) => ({
        action: 'product.file',
        targetType: 'product',
        targetId: p.id,
        targetOrgId: s.orgId,
        after: { itemNo: p.itemNo, via: 'bulk', row: p.row },
      })),
    );
    return out;
  });
  problems.sort((a, b) => a.row - b.row);
  return {
    rows: read.rows.length + new Set(read.problems.map((p) => p.row)).size,
    imported: products.length,
    products,
    problems,
  };
}

/** Officers' review queue of product filings. */
export async function productQueue(
  deps: Deps,
  ctx: RequestContext,
  query: { status?: string | undefined; page: number; pageSize: number },
): Promise<TPage<TProductFiling>> {
  // Customs reviews them; the zone office and market supervision, who read every filing, follow them too.
  if (scopeFor(ctx.actor, 'filing', 'read').kind !== 'all')
    throw forbidden('product filings are read by customs, market supervision and the zone office');
  const { rows, total } = await productsAwaitingReview(
    deps.db,
    pageWindow(query),
    query.status ?? 'submitted',
  );
  return { items: rows.map(view), total, page: query.page, pageSize: query.pageSize };
}

/** An officer approves or rejects (with reasons) a product filing. */
export async function decideProduct(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: { decision: 'approve' | 'reject'; reasons: string[] },
): Promise<TProductFiling> {
  if (scopeFor(ctx.actor, 'filing', 'update').kind !== 'all')
    throw forbidden('product filings are reviewed by customs officers');
  if (input.decision === 'reject' && input.reasons.length === 0)
    throw ruleViolation([
      { code: 'REASON_REQUIRED', field: 'reasons', rule: '退回须说明理由 (a rejection needs a reason)' },
    ]);
  return deps.db.transaction().execute(async (trx) => {
    const before = await findProduct(trx, { kind: 'all' }, id, true);
    if (!before) throw notFound('id', id);
    if (before.status !== 'submitted')
      throw conflict(
        'status',
        '只有待审核的商品备案可以审核 (only submitted filings are reviewed)',
        before.status,
      );
    const after = await updateProduct(trx, id, {
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      reasons: JSON.stringify(input.reasons),
      reviewed_by: ctx.actor.userId,
      decided_at: ctx.now,
      updated_at: ctx.now,
    });
    await appendAudit(trx, ctx, {
      action: `product.${input.decision}`,
      targetType: 'product',
      targetId: id,
      targetOrgId: before.org_id,
      before: view(before),
      after: view(after),
    });
    return view(after);
  });
}
