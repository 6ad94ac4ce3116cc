import type { TImportDocumentSummary, TPage, TPageQuery, TParcel, TReceiptFeed } from '@crossgate/contract';
import { statusNameZh } from '@crossgate/ceb';
import type { ImportDocument } from '@crossgate/db';
import { maskBody, scopeFor } from '@crossgate/domain';
import { forbidden, notFound } from '../../errors.ts';
import {
  eventsOf,
  findByOrder,
  findByWaybill,
  findClearance,
  findDocumentById,
  listInventories as listRows,
  type InventoryFilter,
} from '../../repositories/import-documents.ts';
import { findOrganisation } from '../../repositories/organisations.ts';
import { receiptsAfter } from '../../repositories/receipts-outbox.ts';
import { findTaxBill } from '../../repositories/tax-bills.ts';
import type { Deps, RequestContext } from '../context.ts';
import { pageWindow } from '../mappers.ts';

export const toSummary = (d: ImportDocument): TImportDocumentSummary => ({
  id: d.id,
  docType: d.doc_type,
  businessKey: d.business_key,
  status: d.status,
  statusZh: statusNameZh(d.status),
  orderNo: d.order_no,
  ebpCode: d.ebp_code,
  ebcCode: d.ebc_code,
  logisticsCode: d.logistics_code,
  logisticsNo: d.logistics_no,
  invtNo: d.invt_no,
  createdAt: d.created_at.toISOString(),
  updatedAt: d.updated_at.toISOString(),
});

/**
 * The enterprise whose declarations the actor sees (its id, customs code and USCC), or null when the actor
 * sees all; refused when the role sees none. Shared by the import and export queries.
 */
export async function partyScope(
  deps: Deps,
  ctx: RequestContext,
  resource: 'import_document' | 'export_document',
): Promise<{ orgId: string; code: string; codes: string[] } | null> {
  const scope = scopeFor(ctx.actor, resource, 'read');
  if (scope.kind === 'none') throw forbidden('your role does not see declarations');
  if (scope.kind === 'all') return null;
  const org = await findOrganisation(deps.db, ctx.actor.orgId);
  return {
    orgId: ctx.actor.orgId,
    code: org?.code ?? '',
    codes: [org?.code, org?.uscc].filter((c): c is string => Boolean(c)),
  };
}

const partyOf = (deps: Deps, ctx: RequestContext) => partyScope(deps, ctx, 'import_document');

const isParty = (d: ImportDocument, party: { orgId: string; code: string } | null) =>
  party === null ||
  d.org_id === party.orgId ||
  [d.ebp_code, d.ebc_code, d.logistics_code, d.pay_code].includes(party.code) ||
  (d.body as Record<string, unknown>).agentCode === party.code;

export async function listInventories(
  deps: Deps,
  ctx: RequestContext,
  query: TPageQuery & InventoryFilter,
): Promise<TPage<TImportDocumentSummary>> {
  const party = await partyOf(deps, ctx);
  const { rows, total } = await listRows(deps.db, party, query, pageWindow(query));
  return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize };
}

/**
 * An inventory the actor may see, with the order, payment and waybill it was matched with; a parcel outside the
 * actor's scope is not found.
 */
export async function parcelDocuments(deps: Deps, ctx: RequestContext, inventoryId: string) {
  const party = await partyOf(deps, ctx);
  const inventory = await findDocumentById(deps.db, inventoryId);
  if (!inventory || inventory.doc_type !== 'inventory' || !isParty(inventory, party))
    throw notFound('id', inventoryId);
  const [order, payment, waybill] = await Promise.all([
    findByOrder(deps.db, 'order', inventory.ebp_code ?? '', inventory.order_no ?? ''),
    findByOrder(deps.db, 'payment', inventory.ebp_code ?? '', inventory.order_no ?? ''),
    findByWaybill(deps.db, 'waybill', inventory.logistics_code ?? '', inventory.logistics_no ?? ''),
  ]);
  return { inventory, order, payment, waybill };
}

/** The parcel: the inventory with its order, payment and waybill side by side, tax bill and the full timeline. */
export async function getParcel(deps: Deps, ctx: RequestContext, inventoryId: string): Promise<TParcel> {
  const { inventory, order, payment, waybill } = await parcelDocuments(deps, ctx, inventoryId);
  const [clearance, bill] = await Promise.all([
    findClearance(deps.db, inventory.id),
    findTaxBill(deps.db, inventory.id),
  ]);
  const docs = [inventory, order, payment, waybill].filter((d): d is ImportDocument => d !== undefined);
  const events = await eventsOf(
    deps.db,
    docs.map((d) => d.id),
  );
  const typeOf = new Map(docs.map((d) => [d.id, d.doc_type]));
  // Personal fields are always shown masked here; the entitled see them in clear through revealPersonalData
  // (services/personal-data.ts), which audits every view.
  const shown = (d: ImportDocument) => maskBody(d.body as Record<string, unknown>);
  const full = (d: ImportDocument | undefined) => (d ? { ...toSummary(d), body: shown(d) } : null);
  return {
    inventory: { ...toSummary(inventory), body: shown(inventory) },
    clearance: {
      preNo: clearance?.pre_no ?? '',
      invtNo: clearance?.invt_no ?? null,
      tradeMode: clearance?.trade_mode ?? '',
      issues: clearance?.issues ?? [],
      channel: clearance?.channel ?? null,
      taxMode: clearance?.tax_mode ?? null,
      quotaAmount: clearance?.quota_amount ?? null,
      releasedAt: clearance?.released_at?.toISOString() ?? null,
      cancelledAt: clearance?.cancelled_at?.toISOString() ?? null,
    },
    order: full(order),
    payment: full(payment),
    waybill: full(waybill),
    taxBill: bill
      ? {
          taxNo: bill.tax_no,
          status: bill.status,
          customsTax: bill.customs_tax,
          valueAddedTax: bill.value_added_tax,
          consumptionTax: bill.consumption_tax,
          taxMode: bill.tax_mode,
          lines: bill.lines,
        }
      : null,
    timeline: events.map((e) => ({
      at: e.at.toISOString(),
      documentId: e.document_id,
      docType: typeOf.get(e.document_id) ?? '',
      status: e.status,
      returnInfo: e.return_info,
      actorVia: e.actor_via,
    })),
  };
}

/**
 * The pull feed of an enterprise's receipts: everything after the cursor, in commit-safe order, so a client
 * that always passes back `nextCursor` sees every receipt exactly once.
 */
export async function receiptFeed(
  deps: Deps,
  ctx: RequestContext,
  query: { cursor: string; limit: number },
): Promise<TReceiptFeed> {
  const [tx = '0', id = '0'] = query.cursor.split(':');
  const rows = await receiptsAfter(deps.db, ctx.actor.orgId, { tx, id }, query.limit);
  const last = rows.at(-1);
  return {
    receipts: rows.map((r) => ({
      cursor: `${r.tx}:${r.id}`,
      messageType: r.message_type,
      documentId: r.document_id,
      businessKey: r.business_key,
      returnStatus: r.return_status,
      returnInfo: r.return_info,
      createdAt: r.created_at.toISOString(),
      xml: r.xml,
    })),
    nextCursor: last ? `${last.tx}:${last.id}` : query.cursor,
  };
}
