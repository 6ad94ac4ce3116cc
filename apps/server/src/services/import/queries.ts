import type {
  TImportDocumentSummary,
  TPage,
  TPageQuery,
  TParcel,
  TReceiptFeed,
  TTaxBill,
  TTaxLine,
} from '@crossgate/contract';
import { statusNameZh } from '@crossgate/ceb';
import type { ImportDocument } from '@crossgate/db';
import { formatDecimal, maskBody, scopeFor, toDecimal } from '@crossgate/domain';
import { notFound } from '../../errors.ts';
import {
  eventsOf,
  findClearance,
  findDocumentById,
  listInventories as listRows,
  supportingDocuments,
  type InventoryFilter,
} from '../../repositories/import-documents.ts';
import { receiptsAfter } from '../../repositories/receipts-outbox.ts';
import { liveDecisionOf } from '../../repositories/risk.ts';
import { findTaxBill } from '../../repositories/tax-bills.ts';
import { channelForDeclarer, decisionView } from '../risk/explanation.ts';
import type { Deps, RequestContext } from '../context.ts';
import { pageWindow } from '../mappers.ts';
import {
  attaches,
  isPartyTo,
  issuesShown,
  seesFigures,
  timelineText,
  viewerOf,
} from '../parcel-visibility.ts';

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

/** The order and the waybill name the same consignee (CEB311 / CEB511 consignee, telephone, address). */
const sameConsignee = (order: ImportDocument, waybill: ImportDocument) =>
  (['consignee', 'consigneeTelephone', 'consigneeAddress'] as const).every(
    (k) => (order.body as Record<string, unknown>)[k] === (waybill.body as Record<string, unknown>)[k],
  );

const viewerOfImports = (deps: Deps, ctx: RequestContext) => viewerOf(deps, ctx, 'import_document');

export async function listInventories(
  deps: Deps,
  ctx: RequestContext,
  query: TPageQuery & InventoryFilter,
): Promise<TPage<TImportDocumentSummary>> {
  const viewer = await viewerOfImports(deps, ctx);
  const { rows, total } = await listRows(deps.db, viewer, query, pageWindow(query));
  return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize };
}

/**
 * An inventory the actor is a party to, with what the clearance recorded and the order, payment and waybill the
 * actor may see beside it (services/parcel-visibility.ts): those that belong to the inventory by their parties,
 * and of those another enterprise's only once the clearance recorded the match. An inventory the actor is not a
 * party to is not found.
 */
export async function parcelDocuments(deps: Deps, ctx: RequestContext, inventoryId: string) {
  const viewer = await viewerOfImports(deps, ctx);
  const inventory = await findDocumentById(deps.db, inventoryId);
  if (!inventory || inventory.doc_type !== 'inventory' || !isPartyTo(inventory, viewer))
    throw notFound('id', inventoryId);
  const [clearance, found] = await Promise.all([
    findClearance(deps.db, inventory.id),
    supportingDocuments(deps.db, {
      ebpCode: inventory.ebp_code ?? '',
      orderNo: inventory.order_no ?? '',
      ebcCode: inventory.ebc_code ?? '',
      logisticsCode: inventory.logistics_code ?? '',
      logisticsNo: inventory.logistics_no ?? '',
    }),
  ]);
  const shown = (d: ImportDocument | undefined) =>
    d && attaches(d, viewer, inventory, clearance?.matched_at) ? d : undefined;
  const mine = (d: ImportDocument | undefined) => (d && isPartyTo(d, viewer) ? d : undefined);
  // The payment names the platform and the order number but not the seller, the waybill an order number but not
  // the platform: both belong to the inventory through the seller's order — the waybill only if it delivers to
  // that order's consignee. Otherwise only their own parties see them here.
  const order = found.order;
  const payment = order ? shown(found.payment) : mine(found.payment);
  const waybill =
    order && found.waybill && sameConsignee(order, found.waybill)
      ? shown(found.waybill)
      : mine(found.waybill);
  return {
    viewer,
    inventory,
    clearance,
    order: shown(order),
    payment,
    waybill,
  };
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The stored CEB816 tax bill as the parcel shows it, with the goods names of the inventory's lines and the
 * total the guarantor owes. The three head amounts are the sums of the rounded line taxes as the clearance
 * stored them (computeInventoryTax); `taxTotal` adds them in decimal, never in binary floats
 * (docs/ARCHITECTURE.md, Storage).
 */
function taxBillView(
  bill: NonNullable<Awaited<ReturnType<typeof findTaxBill>>>,
  inventoryBody: unknown,
): TTaxBill {
  const goods = (inventoryBody as { lines?: unknown } | null)?.lines;
  const names = new Map<string, string>(
    (Array.isArray(goods) ? (goods as Record<string, unknown>[]) : []).map((l) => [
      text(l.gnum),
      text(l.gname),
    ]),
  );
  const stored = (Array.isArray(bill.lines) ? bill.lines : []) as (TTaxLine & Record<string, unknown>)[];
  return {
    taxNo: bill.tax_no,
    status: bill.status,
    taxMode: bill.tax_mode,
    customsTax: bill.customs_tax,
    valueAddedTax: bill.value_added_tax,
    consumptionTax: bill.consumption_tax,
    taxTotal: formatDecimal(
      toDecimal(bill.customs_tax).plus(toDecimal(bill.value_added_tax)).plus(toDecimal(bill.consumption_tax)),
      2,
    ),
    lines: stored.map((l) => ({
      gnum: l.gnum,
      gcode: l.gcode,
      gname: names.get(l.gnum) || null,
      taxPrice: l.taxPrice,
      customsTax: l.customsTax,
      valueAddedTax: l.valueAddedTax,
      consumptionTax: l.consumptionTax,
      ...(l.consumptionTaxItem ? { consumptionTaxItem: l.consumptionTaxItem } : {}),
    })),
  };
}

/** The parcel: the inventory with its order, payment and waybill side by side, tax bill and the full timeline. */
export async function getParcel(deps: Deps, ctx: RequestContext, inventoryId: string): Promise<TParcel> {
  const { viewer, inventory, clearance, order, payment, waybill } = await parcelDocuments(
    deps,
    ctx,
    inventoryId,
  );
  // Customs read the risk decision with its explanation; everyone else sees only that the parcel was selected.
  const seesRules = scopeFor(ctx.actor, 'risk_rule', 'read').kind !== 'none';
  const [bill, risk] = await Promise.all([
    findTaxBill(deps.db, inventory.id),
    seesRules ? liveDecisionOf(deps.db, 'import', inventory.id) : Promise.resolve(undefined),
  ]);
  const docs = [inventory, order, payment, waybill].filter((d): d is ImportDocument => d !== undefined);
  const events = await eventsOf(
    deps.db,
    docs.map((d) => d.id),
  );
  const typeOf = new Map(docs.map((d) => [d.id, d.doc_type]));
  // Quota figures (the buyer's purchases this year) for the declarer and customs; masks for everybody.
  const figures = seesFigures(ctx, viewer, inventory.org_id);
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
      issues: issuesShown(clearance?.issues ?? [], figures),
      channel: seesRules ? (clearance?.channel ?? null) : channelForDeclarer(clearance?.channel ?? null),
      risk: risk ? decisionView(risk) : null,
      taxMode: clearance?.tax_mode ?? null,
      quotaAmount: clearance?.quota_amount ?? null,
      releasedAt: clearance?.released_at?.toISOString() ?? null,
      cancelledAt: clearance?.cancelled_at?.toISOString() ?? null,
    },
    order: full(order),
    payment: full(payment),
    waybill: full(waybill),
    taxBill: bill ? taxBillView(bill, inventory.body) : null,
    timeline: events.map((e) => ({
      at: e.at.toISOString(),
      documentId: e.document_id,
      docType: typeOf.get(e.document_id) ?? '',
      status: e.status,
      returnInfo: timelineText(e, figures),
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
