import type { TExportDocumentSummary, TExportParcel, TPage } from '@crossgate/contract';
import { statusNameZh } from '@crossgate/ceb';
import { EXPORT_STATUS_LABELS, type ExportInventoryStatus } from '@crossgate/domain';
import { notFound } from '../../errors.ts';
import {
  declarationItemsOf,
  findExportDocumentById,
  findExportInventory,
  findSupporting,
  listExportInventories as listRows,
  type ExportDocumentRow,
  type ExportInventoryFilter,
} from '../../repositories/export-documents.ts';
import { eventsOf } from '../../repositories/import-documents.ts';
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

const statusZh = (status: string) =>
  EXPORT_STATUS_LABELS[status as ExportInventoryStatus]?.zh ?? statusNameZh(status);

const summaryOf = (d: ExportDocumentRow): TExportDocumentSummary => ({
  id: d.id,
  docType: d.doc_type,
  businessKey: d.business_key,
  status: d.status,
  statusZh: statusZh(d.status),
  orderNo: d.order_no,
  ebpCode: d.ebp_code,
  ebcCode: d.ebc_code,
  logisticsCode: d.logistics_code,
  logisticsNo: d.logistics_no,
  invtNo: d.invt_no,
  createdAt: d.created_at.toISOString(),
  updatedAt: d.updated_at.toISOString(),
});
const withBody = (d: ExportDocumentRow) => ({ ...summaryOf(d), body: d.body });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An enterprise sees the parcels it is a party to (by its id, customs code or USCC); agencies see all. */
const viewerOfExports = (deps: Deps, ctx: RequestContext) => viewerOf(deps, ctx, 'export_document');

export async function listExportInventories(
  deps: Deps,
  ctx: RequestContext,
  query: ExportInventoryFilter & { page: number; pageSize: number },
): Promise<TPage<TExportDocumentSummary>> {
  const viewer = await viewerOfExports(deps, ctx);
  const { rows, total } = await listRows(deps.db, viewer, query, pageWindow(query));
  return { items: rows.map(summaryOf), total, page: query.page, pageSize: query.pageSize };
}

/**
 * The export parcel: inventory, order, receipt and waybill side by side, what customs decided, the timeline.
 * The same rule as the import parcel (services/parcel-visibility.ts): the order and receipt belong to the
 * inventory when they are its seller's (ebcCode), the waybill when it names no other seller; another
 * enterprise's document is attached only once the clearance recorded the match of the declared inventory.
 */
export async function getExportParcel(deps: Deps, ctx: RequestContext, id: string): Promise<TExportParcel> {
  const viewer = await viewerOfExports(deps, ctx);
  const inventory = await findExportDocumentById(deps.db, id);
  const row = inventory?.doc_type === 'inventory' ? await findExportInventory(deps.db, id) : undefined;
  const b = (inventory?.body ?? {}) as Record<string, string>;
  if (!inventory || !row || !isPartyTo(inventory, viewer, [row.ebc_code, row.logistics_code, row.agent_code]))
    throw notFound('id', id);
  const candidates = await findSupporting(deps.db, {
    ebpCode: b.ebpCode ?? '',
    orderNo: b.orderNo ?? '',
    logisticsCode: b.logisticsCode ?? '',
    logisticsNo: b.logisticsNo ?? '',
  });
  const seller = row.ebc_code;
  const shown = (d: ExportDocumentRow | undefined) =>
    d && attaches(d, viewer, inventory, row.matched_at) ? d : undefined;
  const order = candidates.order?.ebc_code === seller ? candidates.order : undefined;
  const ownOnly = (d: ExportDocumentRow | undefined) => (d && isPartyTo(d, viewer) ? d : undefined);
  const found = {
    order: shown(order),
    // Receipt and waybill belong to the parcel through the seller's order; without it, only their own parties
    // see them here.
    receipt:
      order && candidates.receipt?.ebc_code === seller
        ? shown(candidates.receipt)
        : ownOnly(candidates.receipt),
    waybill:
      order && [null, seller].includes(candidates.waybill?.ebc_code ?? null)
        ? shown(candidates.waybill)
        : ownOnly(candidates.waybill),
  };
  const docs = [inventory, found.order, found.receipt, found.waybill].filter(
    (d): d is ExportDocumentRow => d !== undefined,
  );
  const typeOf = new Map(docs.map((d) => [d.id, d.doc_type]));
  const figures = seesFigures(ctx, viewer, inventory.org_id);
  const [events, items] = await Promise.all([
    eventsOf(
      deps.db,
      docs.map((d) => d.id),
    ),
    row.invt_no ? declarationItemsOf(deps.db, row.invt_no) : Promise.resolve([]),
  ]);
  return {
    inventory: withBody(inventory),
    clearance: {
      preNo: row.pre_no,
      invtNo: row.invt_no,
      tradeMode: row.trade_mode,
      statisticsFlag: row.statistics_flag,
      customsCode: row.customs_code,
      portCode: row.port_code,
      valueCny: row.value_cny,
      issues: issuesShown(row.issues, figures),
      billNo: row.bill_no,
      voyageNo: row.voyage_no,
      matchedAt: iso(row.matched_at),
      arrivedAt: iso(row.arrived_at),
      releasedAt: iso(row.released_at),
      departedAt: iso(row.departed_at),
      closedAt: iso(row.closed_at),
      cancelledAt: iso(row.cancelled_at),
      summarisedAt: iso(row.summarised_at),
      returnedQty: row.returned_qty,
    },
    order: found.order ? withBody(found.order) : null,
    receipt: found.receipt ? withBody(found.receipt) : null,
    waybill: found.waybill ? withBody(found.waybill) : null,
    declarations: items.map((i) => ({ id: i.id, declSeqNo: i.decl_seq_no, gnum: i.gnum, gseqno: i.gseqno })),
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
