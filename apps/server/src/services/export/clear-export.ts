import { cebDate, codeDesc } from '@crossgate/ceb';
import type { Database, Kysely } from '@crossgate/db';
import {
  DEFAULT_EXPORT_SEQUENCING,
  formatInvtNo,
  matchExportDocuments,
  nextAfterMatch,
  type ClearanceIssue,
  type ExportInventoryDocument,
  type ExportOrderDocument,
  type ExportReceiptDocument,
  type ExportWaybillDocument,
} from '@crossgate/domain';
import { appendEvents } from '../../repositories/import-documents.ts';
import {
  findExportInventory,
  findSupporting,
  nextExportSerial,
  officeSequencing,
  setExportStatus,
  updateExportInventory,
  waybillMarks,
  type ExportDocumentRow,
} from '../../repositories/export-documents.ts';
import type { OutboxReceipt } from '../../repositories/receipts-outbox.ts';
import type { RequestContext } from '../context.ts';
import { acceptSupporting, actorOf } from '../clearance-common.ts';
import { describeIssues } from '../import/clear-inventory.ts';
import { recordPlatformEvent } from '../credit/credit.ts';
import { exportOutbox } from './receipts.ts';

type Lines = Record<string, string>[];
const linesOf = (doc: { body: unknown }) => ((doc.body as { lines?: Lines }).lines ?? []) as Lines;
const head = (doc: { body: unknown }) => doc.body as Record<string, string>;

/** The inventory as the export rules see it. */
export interface InventoryState {
  id: string;
  orgId: string;
  guid: string;
  status: string;
  body: Record<string, unknown>;
  businessKey: string;
  preNo: string;
  invtNo: string | null;
}

/**
 * Moves an export inventory (and writes its event and CEB604 receipt to the declarer). The caller has checked
 * the move against the lifecycle.
 */
export async function moveExport(
  db: Kysely<Database>,
  ctx: RequestContext,
  inv: InventoryState,
  to: string,
  info: string,
  details?: unknown,
): Promise<OutboxReceipt> {
  await setExportStatus(db, [inv.id], to, ctx.now, inv.invtNo ?? undefined);
  await appendEvents(db, [
    {
      documentId: inv.id,
      orgId: inv.orgId,
      status: to,
      returnInfo: info,
      actor: actorOf(ctx),
      requestId: ctx.requestId,
      details,
      now: ctx.now,
    },
  ]);
  inv.status = to;
  return exportOutbox(
    inv.orgId,
    { docType: 'inventory', body: inv.body, guid: inv.guid, preNo: inv.preNo, invtNo: inv.invtNo },
    inv.id,
    inv.businessKey,
    to,
    info,
    ctx.now,
  );
}

/**
 * After release: a departure (CEB509) already seen closes the inventory (899 结关) at once; otherwise it waits
 * for the departure.
 */
async function releaseExport(
  db: Kysely<Database>,
  ctx: RequestContext,
  inv: InventoryState,
  departed: boolean,
): Promise<OutboxReceipt[]> {
  const out = [await moveExport(db, ctx, inv, '800', codeDesc('2600', '放行'))];
  await updateExportInventory(db, inv.id, { released_at: ctx.now, updated_at: ctx.now });
  if (departed) out.push(...(await closeExport(db, ctx, inv)));
  return out;
}

export async function closeExport(
  db: Kysely<Database>,
  ctx: RequestContext,
  inv: InventoryState,
): Promise<OutboxReceipt[]> {
  const out = [await moveExport(db, ctx, inv, '899', '结关')];
  await updateExportInventory(db, inv.id, { departed_at: ctx.now, closed_at: ctx.now, updated_at: ctx.now });
  return out;
}

/** An inventory waiting for arrival (400) that has arrived is released; one already released, closed on departure. */
export async function onArrival(
  db: Kysely<Database>,
  ctx: RequestContext,
  inv: InventoryState,
  departed: boolean,
): Promise<OutboxReceipt[]> {
  await updateExportInventory(db, inv.id, { arrived_at: ctx.now, updated_at: ctx.now });
  if (inv.status === '400') return releaseExport(db, ctx, inv, departed);
  return [];
}

/**
 * Tries to clear one export inventory waiting for its documents (status 2): with the order, the waybill and —
 * for retail (orderType E) — the receipt of payment all there, the documents are matched (ceb-reference
 * §5.3 step 2); a mismatch refuses the inventory (100) naming each field; a match gives the customs number
 * (120) and then, by the customs office's sequencing, waits for arrival (400) or is released (800).
 */
export async function attemptExportClearance(
  db: Kysely<Database>,
  ctx: RequestContext,
  doc: ExportDocumentRow,
): Promise<OutboxReceipt[]> {
  if (doc.status !== '2' || doc.deleted) return [];
  const row = await findExportInventory(db, doc.id, true);
  if (!row || row.cancelled_at) return [];
  const h = head(doc);
  const found = await findSupporting(db, {
    ebpCode: h.ebpCode ?? '',
    orderNo: h.orderNo ?? '',
    logisticsCode: h.logisticsCode ?? '',
    logisticsNo: h.logisticsNo ?? '',
  });
  const order = found.order && found.order.status !== '1' ? found.order : undefined;
  const waybill = found.waybill && found.waybill.status !== '1' ? found.waybill : undefined;
  const receipt = found.receipt && found.receipt.status !== '1' ? found.receipt : undefined;
  // Retail export needs the receipt of payment (收款单); B2B and overseas-warehouse payment data is optional (§5.5).
  const requireReceipt = !order || head(order).orderType === 'E';
  const missing = [
    !order && '电子订单(CEB303)',
    !waybill && '物流运单(CEB505)',
    requireReceipt && !receipt && '收款单(CEB403)',
  ].filter(Boolean);
  if (missing.length > 0) {
    await updateExportInventory(db, doc.id, {
      issues: JSON.stringify([
        { code: 'WAITING', severity: 'info', field: 'documents', rule: `等待 ${missing.join('、')}` },
      ]),
      updated_at: ctx.now,
    });
    return [];
  }
  const inv: InventoryState = {
    id: doc.id,
    orgId: doc.org_id,
    guid: doc.guid,
    status: doc.status,
    body: doc.body,
    businessKey: doc.business_key,
    preNo: row.pre_no,
    invtNo: null,
  };
  const asDoc = <T>(d: ExportDocumentRow) => ({ ...head(d), lines: linesOf(d) }) as unknown as T;
  const match = matchExportDocuments({
    order: asDoc<ExportOrderDocument>(order as ExportDocumentRow),
    waybill: asDoc<ExportWaybillDocument>(waybill as ExportDocumentRow),
    inventory: asDoc<ExportInventoryDocument>(doc),
    ...(receipt ? { receipt: asDoc<ExportReceiptDocument>(receipt) } : {}),
    requireReceipt,
  });
  const issues: ClearanceIssue[] = [...match.issues];
  const refusals = issues.filter((i) => i.severity === 'refuse');
  if (refusals.length > 0) {
    await recordPlatformEvent(db, ctx, {
      orgCode: h.ebcCode ?? '',
      category: 'rule_refusal',
      reference: `${doc.id}:100`,
      description: `出口清单[${row.pre_no}]三单比对不通过：${describeIssues(refusals)}`,
    });
    await updateExportInventory(db, doc.id, {
      issues: JSON.stringify(issues),
      matched_at: ctx.now,
      updated_at: ctx.now,
    });
    return [await moveExport(db, ctx, inv, '100', `三单比对不通过：${describeIssues(refusals)}`, { issues })];
  }

  const out: OutboxReceipt[] = [];
  inv.invtNo = formatInvtNo(
    h.customsCode ?? '',
    cebDate(ctx.now).slice(0, 4),
    await nextExportSerial(db, 'export_invt_no_seq'),
    'E',
  );
  await updateExportInventory(db, doc.id, {
    invt_no: inv.invtNo,
    issues: JSON.stringify(issues),
    matched_at: ctx.now,
    updated_at: ctx.now,
  });
  out.push(await moveExport(db, ctx, inv, '120', codeDesc('1800', '逻辑校验通过'), { warnings: issues }));
  // The supporting documents are stored by customs (120) as well.
  out.push(
    ...(await acceptSupporting(
      db,
      ctx,
      [order, waybill, receipt].filter((d): d is ExportDocumentRow => d !== undefined && d.status === '2'),
      inv.invtNo,
      (ids) => setExportStatus(db, ids, '120', ctx.now),
      (d, info) =>
        exportOutbox(
          d.org_id,
          { docType: d.doc_type, body: d.body, guid: d.guid },
          d.id,
          d.business_key,
          '120',
          info,
          ctx.now,
        ),
    )),
  );

  // Marks of this carrier's waybill only; a binding only when the inventory's own declarant sent it.
  const marks = await waybillMarks(db, h.logisticsCode ?? '', h.logisticsNo ?? '');
  const arrived = marks.some((m) => m.kind === 'arrival');
  const departed = marks.some((m) => m.kind === 'departure');
  const binding = marks.find((m) => m.kind === 'binding' && m.org_id === inv.orgId);
  if (binding)
    await updateExportInventory(db, doc.id, {
      bill_no: binding.details.billNo ?? null,
      voyage_no: binding.details.voyageNo ?? null,
      updated_at: ctx.now,
    });
  const sequencing = (await officeSequencing(db, h.customsCode ?? '')) ?? DEFAULT_EXPORT_SEQUENCING;
  const next = nextAfterMatch(sequencing, arrived);
  if (arrived) await updateExportInventory(db, doc.id, { arrived_at: ctx.now, updated_at: ctx.now });
  if (next === '800') out.push(...(await releaseExport(db, ctx, inv, departed)));
  else out.push(await moveExport(db, ctx, inv, next, '待运抵：等待运抵报告(CEB507)'));
  return out;
}
