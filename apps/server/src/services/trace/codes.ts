// 云关码: issuing, listing and printing traceability codes (issue 21; decision 0049).
//
// A code is derived: HMAC-SHA256 under the personal-data keyring's lookup-hash key (never rotated, so a printed
// code stays valid) of the subject — `product|<id>` or `line|<inventory id>|<gnum>` — cut to 60 bits, written in
// Crockford base 32 with a Luhn mod 32 check character (packages/domain/src/trace/code.ts). Without the key
// nobody can compute the code of a subject, and 60 bits make guessing a live code hopeless. Codes are stored in
// trace_codes (primary key = the code), so resolving one is a single index lookup.
//
// Codes are issued for approved product filings and for every line of a released, not cancelled import
// inventory: by the background schedule (every minute) and, for the caller's own subjects, before listing or
// printing. Issuing is idempotent (the same subject derives the same code; conflicts are ignored).
import { createHmac } from 'node:crypto';
import QRCode from 'qrcode';
import type { TTraceCode } from '@crossgate/contract';
import { codeFromMac, formatCode, scopeFor, type Scope } from '@crossgate/domain';
import type { Database, Kysely } from '@crossgate/db';
import { AppError, forbidden } from '../../errors.ts';
import { codesOf, findOrganisation } from '../../repositories/organisations.ts';
import {
  codesOfOwner,
  insertCodes,
  listCodes,
  organisationsByCodes,
  productsByItemNos,
  productsWithoutCode,
  releasedInventoriesWithoutCodes,
  type NewTraceCode,
} from '../../repositories/trace.ts';
import { keyring } from '../../security/pii.ts';
import { a4Frame, drawQr, INK, MUTED, openPdf } from '../pdf/document.ts';
import type { Deps, RequestContext } from '../context.ts';

/** The code of a subject (deterministic under the server's key). */
export function deriveCode(subject: { product: string } | { document: string; gnum: number }): string {
  const text =
    'product' in subject ? `product|${subject.product}` : `line|${subject.document}|${subject.gnum}`;
  const mac = createHmac('sha256', keyring().hash).update(`crossgate-trace-code-v1|${text}`).digest();
  return codeFromMac(mac);
}

export const chainUrl = (deps: Deps, code: string) =>
  `${(deps.publicUrl ?? 'http://localhost:8080').replace(/\/+$/, '')}/t/${code}`;

const BATCH = 500;

/**
 * Issues the codes still missing: approved products and released parcel lines (of one owner's, or all). Returns
 * how many subjects were coded. Runs in rounds of 500 subjects until none is left.
 */
export async function issueTraceCodes(
  db: Kysely<Database>,
  now: Date,
  owner: { orgId: string; codes: string[] } | null = null,
): Promise<number> {
  let issued = 0;
  for (;;) {
    const products = await productsWithoutCode(db, owner?.orgId ?? null, BATCH);
    if (products.length === 0) break;
    await insertCodes(
      db,
      products.map((p): NewTraceCode => ({
        code: deriveCode({ product: p.id }),
        kind: 'product',
        org_id: p.org_id,
        product_id: p.id,
        document_id: null,
        gnum: null,
        issued_at: now,
      })),
    );
    issued += products.length;
    if (products.length < BATCH) break;
  }
  for (;;) {
    const inventories = await releasedInventoriesWithoutCodes(db, owner, BATCH);
    if (inventories.length === 0) break;
    const sellers = await organisationsByCodes(db, [
      ...new Set(inventories.map((i) => i.ebc_code).filter((c): c is string => !!c)),
    ]);
    const sellerOf = (code: string | null) =>
      code ? sellers.find((s) => s.code === code || s.uscc === code)?.id : undefined;
    const itemNos = inventories.flatMap((i) => (i.lines ?? []).map((l) => l.itemNo ?? '')).filter((n) => n);
    const products = await productsByItemNos(
      db,
      sellers.map((s) => s.id),
      [...new Set(itemNos)],
    );
    const rows: NewTraceCode[] = [];
    for (const inv of inventories) {
      const owner = sellerOf(inv.ebc_code) ?? inv.org_id;
      for (const line of inv.lines ?? []) {
        const gnum = Number(line.gnum);
        if (!Number.isInteger(gnum)) continue;
        const product = products.find((p) => p.org_id === owner && p.item_no === line.itemNo);
        rows.push({
          code: deriveCode({ document: inv.id, gnum }),
          kind: 'line',
          org_id: owner,
          product_id: product?.id ?? null,
          document_id: inv.id,
          gnum,
          issued_at: now,
        });
      }
    }
    await insertCodes(db, rows);
    issued += inventories.length;
    if (inventories.length < BATCH) break;
  }
  return issued;
}

/** The caller's scope over codes: enterprises their own products' and parcels' codes; supervisors all. */
async function codeOwner(
  deps: Deps,
  ctx: RequestContext,
): Promise<{ scope: Scope; owner: { orgId: string; codes: string[] } | null }> {
  const scope = scopeFor(ctx.actor, 'product', 'read');
  if (scope.kind === 'none') throw forbidden('your role does not see traceability codes');
  if (scope.kind === 'all') return { scope, owner: null };
  const org = await findOrganisation(deps.db, ctx.actor.orgId);
  return { scope, owner: { orgId: ctx.actor.orgId, codes: org ? codesOf(org) : [] } };
}

/** The caller's codes (issuing what is due first), newest first. */
export async function listTraceCodes(
  deps: Deps,
  ctx: RequestContext,
  query: {
    page: number;
    pageSize: number;
    kind?: 'product' | 'line' | undefined;
    productId?: string | undefined;
    q?: string | undefined;
  },
): Promise<{ items: TTraceCode[]; total: number; page: number; pageSize: number }> {
  const { owner } = await codeOwner(deps, ctx);
  if (owner) await issueTraceCodes(deps.db, ctx.now, owner);
  const { rows, total } = await listCodes(
    deps.db,
    { orgId: owner?.orgId ?? null, kind: query.kind, productId: query.productId, q: query.q },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return {
    items: rows.map((r) => ({
      code: r.code,
      kind: r.kind,
      productId: r.product_id,
      itemNo: r.item_no,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      documentId: r.document_id,
      gnum: r.gnum,
      invtNo: r.invt_no,
      logisticsNo: r.logistics_no,
      orderNo: r.order_no,
      issuedAt: new Date(r.issued_at).toISOString(),
      url: chainUrl(deps, r.code),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The caller's codes among `wanted` (refusing a code that is not theirs as not found). */
async function ownCodes(deps: Deps, ctx: RequestContext, wanted: string[]) {
  const { owner } = await codeOwner(deps, ctx);
  const unique = [...new Set(wanted.map((c) => c.trim().toUpperCase()).filter((c) => c))];
  if (unique.length === 0 || unique.length > 200)
    throw new AppError('VALIDATION_FAILED', [
      { field: 'codes', rule: '1 to 200 codes', actual: String(unique.length) },
    ]);
  const rows = await codesOfOwner(deps.db, owner?.orgId ?? null, unique);
  const missing = unique.filter((c) => !rows.some((r) => r.code === c));
  if (missing.length > 0)
    throw new AppError('NOT_FOUND', [
      { field: 'codes', rule: 'the code exists and is yours', actual: missing.slice(0, 5).join(',') },
    ]);
  return unique.map((c) => rows.find((r) => r.code === c) as (typeof rows)[number]);
}

/** A label as PNG: the QR code of the chain page (error correction M, quiet zone of 4 modules). */
export async function labelPng(deps: Deps, ctx: RequestContext, code: string): Promise<Buffer> {
  const [row] = await ownCodes(deps, ctx, [code]);
  return QRCode.toBuffer(chainUrl(deps, (row as { code: string }).code), {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 4,
    scale: 8,
  });
}

const escapeXml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string,
  );

/** A label as SVG: the QR code with the product's name and the code printed under it. */
export async function labelSvg(deps: Deps, ctx: RequestContext, code: string): Promise<string> {
  const [row] = await ownCodes(deps, ctx, [code]);
  const r = row as { code: string; name_zh: string | null; kind: string; gnum: number | null };
  const { modules } = QRCode.create(chainUrl(deps, r.code), { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const cell = 4;
  const quiet = 4 * cell;
  const side = n * cell + 2 * quiet;
  let path = '';
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++)
      if (modules.get(y, x)) path += `M${quiet + x * cell} ${quiet + y * cell}h${cell}v${cell}h-${cell}z`;
  const title = r.name_zh ?? '';
  const height = side + 44;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${height}" viewBox="0 0 ${side} ${height}">`,
    `<title>云关码 ${escapeXml(formatCode(r.code))}</title>`,
    `<rect width="${side}" height="${height}" fill="#fff"/>`,
    `<path d="${path}" fill="#000"/>`,
    `<text x="${side / 2}" y="${side + 12}" font-size="12" text-anchor="middle" font-family="sans-serif">${escapeXml(title.slice(0, 24))}</text>`,
    `<text x="${side / 2}" y="${side + 32}" font-size="14" text-anchor="middle" font-family="monospace" letter-spacing="1">${escapeXml(formatCode(r.code))}</text>`,
    `</svg>`,
  ].join('');
}

/** Labels per A4 page: 3 columns × 7 rows. */
const COLUMNS = 3;
const ROWS = 7;

/**
 * An A4 sheet of labels (3 × 7 a page, as many pages as needed): each the QR code of the chain page, the
 * product's name, 云关码 and the code in groups. The PDF's creation date is `ctx.now` (bytes follow the input).
 */
export async function labelSheetPdf(deps: Deps, ctx: RequestContext, codes: string[]): Promise<Buffer> {
  const rows = await ownCodes(deps, ctx, codes);
  const frame = a4Frame(28, 0);
  const { doc, done } = openPdf(frame, {
    Title: '云关码标签 Traceability code labels',
    Creator: 'Crossgate',
    CreationDate: ctx.now,
  });
  const cellW = (frame.width - 2 * frame.margin) / COLUMNS;
  const cellH = (frame.height - 2 * frame.margin) / ROWS;
  const qr = Math.min(cellH - 40, cellW - 70);
  rows.forEach((r, i) => {
    const onPage = i % (COLUMNS * ROWS);
    if (i > 0 && onPage === 0) doc.addPage();
    const x = frame.margin + (onPage % COLUMNS) * cellW;
    const y = frame.margin + Math.floor(onPage / COLUMNS) * cellH;
    doc
      .lineWidth(0.3)
      .dash(2, { space: 2 })
      .rect(x + 2, y + 2, cellW - 4, cellH - 4)
      .stroke('#999999');
    doc.undash();
    drawQr(doc, chainUrl(deps, r.code), { x: x + 8, y: y + 10, size: qr });
    const tx = x + qr + 14;
    const tw = cellW - qr - 20;
    doc
      .fontSize(7)
      .fillColor(MUTED)
      .text('云关码 扫码查看质量追溯', tx, y + 12, { width: tw });
    doc
      .fontSize(8)
      .fillColor(INK)
      .text((r.name_zh ?? '').slice(0, 30), tx, y + 32, { width: tw, height: 36, ellipsis: true });
    if (r.kind === 'line')
      doc
        .fontSize(7)
        .fillColor(MUTED)
        .text(`第 ${r.gnum ?? ''} 项`, tx, y + 70, { width: tw });
    doc
      .fontSize(9)
      .fillColor(INK)
      .text(formatCode(r.code), x + 8, y + qr + 14, { width: cellW - 16, lineBreak: false });
  });
  doc.end();
  return done;
}
