import { cebDate, codeDesc } from '@crossgate/ceb';
import type { Database, Kysely } from '@crossgate/db';
import {
  checkExportCancel,
  checkExportTransition,
  DEFAULT_EXPORT_SEQUENCING,
  formatInvtNo,
  matchExportDocuments,
  nextAfterMatch,
  sequencingOf,
  type ClearanceIssue,
  type ExportInventoryStatus,
  type ExportSequencing,
  type RuleError,
  type TransitionActor,
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
  type ExportInventoryView,
} from '../../repositories/export-documents.ts';
import { ruleViolation } from '../../errors.ts';
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
  /** The stored status (CEB604 returnStatus). */
  status: string;
  /** A concluded CEB605 cancel: the stored status stays as it was, the lifecycle sees `cancelled`. */
  cancelled: boolean;
  /** The customs office's export sequencing (customs_office_settings; absent: the default). */
  sequencing: ExportSequencing;
  body: Record<string, unknown>;
  businessKey: string;
  preNo: string;
  invtNo: string | null;
}

/** The status the export lifecycle sees (packages/domain export/lifecycle.ts, ceb-reference §7.1). */
export const lifecycleStatusOf = (
  inv: Pick<InventoryState, 'status' | 'cancelled'>,
): ExportInventoryStatus => (inv.cancelled ? 'cancelled' : (inv.status as ExportInventoryStatus));

/** The refusal of a move the export lifecycle does not allow for this inventory; empty when it does. */
function checkMove(inv: InventoryState, to: ExportInventoryStatus, by: TransitionActor): RuleError[] {
  const from = lifecycleStatusOf(inv);
  return checkExportTransition(from, to, by, sequencingOf(from, inv.sequencing));
}

/** An inventory read with its clearance row, as the export rules see it. */
export async function inventoryStateOf(
  db: Kysely<Database>,
  v: ExportInventoryView,
): Promise<InventoryState> {
  return {
    id: v.id,
    orgId: v.org_id,
    guid: v.guid,
    status: v.status,
    cancelled: v.cancelled_at !== null,
    sequencing: (await officeSequencing(db, v.customs_code)) ?? DEFAULT_EXPORT_SEQUENCING,
    body: v.body,
    businessKey: v.business_key,
    preNo: v.pre_no,
    invtNo: v.invt_no,
  };
}

/**
 * Moves an export inventory (and writes its event and CEB604 receipt to the declarer), in the caller's
 * transaction. Every export status move goes through here and is checked against the export lifecycle
 * (ceb-reference §7.1, packages/domain export/lifecycle.ts) as import moves are (moveInventory): a move the
 * lifecycle does not allow is a RULE_VIOLATION (STATUS_TRANSITION) and writes nothing.
 */
export async function moveExport(
  db: Kysely<Database>,
  ctx: RequestContext,
  inv: InventoryState,
  to: ExportInventoryStatus,
  by: TransitionActor,
  info: string,
  details?: unknown,
): Promise<OutboxReceipt> {
  const errors = checkMove(inv, to, by);
  if (errors.length > 0) throw ruleViolation(errors);
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
 * Why a CEB605 cancel of this inventory is refused, or empty: the cancel rule (checkExportCancel: 120, 300, 399,
 * 400, 500 only; after release a return, CEB213) and the lifecycle's move to `cancelled`.
 */
export function cancelRefusal(inv: InventoryState): RuleError[] {
  const cancel = checkExportCancel(lifecycleStatusOf(inv), inv.invtNo ?? '');
  return cancel.length > 0 ? cancel : checkMove(inv, 'cancelled', 'system');
}

/**
 * Concludes a CEB605 cancel (customs, 399 on the cancel document): the inventory leaves the lifecycle
 * (`cancelled`; stored as cancelled_at, its status kept for the record). Refused as {@link cancelRefusal} says.
 */
export async function cancelExport(
  db: Kysely<Database>,
  ctx: RequestContext,
  inv: InventoryState,
  reason: string,
  cancelDocumentId: string,
): Promise<void> {
  const errors = cancelRefusal(inv);
  if (errors.length > 0) throw ruleViolation(errors);
  await updateExportInventory(db, inv.id, { cancelled_at: ctx.now, updated_at: ctx.now });
  await appendEvents(db, [
    {
      documentId: inv.id,
      orgId: inv.orgId,
      status: inv.status,
      returnInfo: `撤单审结，清单已撤销：${reason}`,
      actor: actorOf(ctx),
      requestId: ctx.requestId,
      details: { cancel: cancelDocumentId },
      now: ctx.now,
    },
  ]);
  inv.cancelled = true;
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
  const out = [await moveExport(db, ctx, inv, '800', 'system', codeDesc('2600', '放行'))];
  await updateExportInventory(db, inv.id, { released_at: ctx.now, updated_at: ctx.now });
  if (departed) out.push(...(await closeExport(db, ctx, inv)));
  return out;
}

export async function closeExport(
  db: Kysely<Database>,
  ctx: RequestContext,
  inv: InventoryState,
): Promise<OutboxReceipt[]> {
  const out = [await moveExport(db, ctx, inv, '899', 'system', '结关')];
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

/** A departure (CEB509) closes an inventory the lifecycle lets it close (800 放行 → 899 结关); others wait. */
export async function onDeparture(
  db: Kysely<Database>,
  ctx: RequestContext,
  inv: InventoryState,
): Promise<OutboxReceipt[]> {
  if (checkMove(inv, '899', 'system').length > 0) return [];
  return closeExport(db, ctx, inv);
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
    cancelled: false,
    sequencing: (await officeSequencing(db, h.customsCode ?? '')) ?? DEFAULT_EXPORT_SEQUENCING,
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
    return [
      await moveExport(db, ctx, inv, '100', 'system', `三单比对不通过：${describeIssues(refusals)}`, {
        issues,
      }),
    ];
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
  out.push(
    await moveExport(db, ctx, inv, '120', 'system', codeDesc('1800', '逻辑校验通过'), { warnings: issues }),
  );
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
  const next = nextAfterMatch(inv.sequencing, arrived);
  if (arrived) await updateExportInventory(db, doc.id, { arrived_at: ctx.now, updated_at: ctx.now });
  if (next === '800') out.push(...(await releaseExport(db, ctx, inv, departed)));
  else out.push(await moveExport(db, ctx, inv, next, 'system', '待运抵：等待运抵报告(CEB507)'));
  return out;
}
