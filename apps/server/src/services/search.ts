import type {
  TBatchDecision,
  TBatchDecisionResult,
  TInventorySearchHit,
  TInventorySearchQuery,
  TPage,
} from '@crossgate/contract';
import { maskName, scopeFor } from '@crossgate/domain';
import { AppError, forbidden } from '../errors.ts';
import { searchInventories, type InventorySearchRow } from '../repositories/inventory-search.ts';
import type { Deps, RequestContext } from './context.ts';
import { buyerKey } from './import/documents.ts';
import { decideInventory } from './import/decide-inventory.ts';
import { pageWindow } from './mappers.ts';
import { viewerOf } from './parcel-visibility.ts';

const hitOf = (r: InventorySearchRow): TInventorySearchHit => ({
  id: r.id,
  direction: r.direction,
  copNo: r.cop_no,
  preNo: r.pre_no,
  invtNo: r.invt_no,
  orderNo: r.order_no,
  logisticsNo: r.logistics_no,
  ebpCode: r.ebp_code,
  ebcCode: r.ebc_code,
  logisticsCode: r.logistics_code,
  agentCode: r.agent_code,
  customsCode: r.customs_code,
  tradeMode: r.trade_mode,
  status: r.status,
  lane: r.lane,
  buyerName: r.buyer_name ? maskName(r.buyer_name) : null,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/**
 * 清单综合查询: import and export inventories by any number, party, buyer, status, lane, office and date, within
 * the caller's scope — customs, inspection and the zone office see every parcel, an enterprise those it is a party
 * to (the same rule as the lists of each direction). The buyer is found by the keyed hash of the ID number, never
 * by the number itself, and only by those who may see personal data.
 */
export async function searchAllInventories(
  deps: Deps,
  ctx: RequestContext,
  query: TInventorySearchQuery,
): Promise<TPage<TInventorySearchHit>> {
  const viewer = await viewerOf(deps, ctx, 'import_document');
  await viewerOf(deps, ctx, 'export_document');
  let key: string | undefined;
  if (query.buyerIdNumber) {
    if (scopeFor(ctx.actor, 'personal_data', 'read').kind === 'none')
      throw forbidden('your role does not search parcels by a buyer’s ID number');
    key = buyerKey('1', query.buyerIdNumber.toUpperCase());
  }
  const { rows, total } = await searchInventories(
    deps.db,
    viewer,
    {
      direction: query.direction,
      no: query.no || undefined,
      party: query.party || undefined,
      buyerKey: key,
      status: query.status,
      lane: query.lane,
      customsCode: query.customsCode,
      from: query.from,
      to: query.to,
    },
    pageWindow(query),
  );
  return { items: rows.map(hitOf), total, page: query.page, pageSize: query.pageSize };
}

/**
 * 批量放行: the officer's one release for many inventories. Each is decided on its own through the single
 * decision (same rules, own transaction, own receipt, own audit row); one that cannot be released is reported
 * with its error code and does not stop the others.
 */
export async function decideMany(
  deps: Deps,
  ctx: RequestContext,
  batch: TBatchDecision,
): Promise<TBatchDecisionResult> {
  if (scopeFor(ctx.actor, 'customs_decision', 'update').kind === 'none')
    throw forbidden('only customs officers decide on declarations');
  const results: TBatchDecisionResult['results'] = [];
  for (const id of [...new Set(batch.ids)]) {
    try {
      const done = await decideInventory(deps, ctx, id, { action: batch.action, reason: batch.reason });
      results.push({ id, ok: true, status: done.status, code: null, message: null });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const rule = e.details.map((d) => d.rule).join('; ');
      results.push({ id, ok: false, status: null, code: e.code, message: rule || null });
    }
  }
  return { results };
}
