import { negativeInfo, type NegativeCode } from '@crossgate/ceb';
import type { Database, ImportDocument, Kysely } from '@crossgate/db';
import { checkImportReturn, toDecimal, type ImportReturnEffect } from '@crossgate/domain';
import { returnStock } from '../../repositories/account-books.ts';
import {
  appendEvent,
  findByWaybill,
  findInventoryByInvtNo,
  setDocumentStatus,
  updateClearance,
} from '../../repositories/import-documents.ts';
import { restoreQuota } from '../../repositories/quotas.ts';
import { insertReturnLines, returnedQuantities } from '../../repositories/returns.ts';
import type { OutboxReceipt } from '../../repositories/receipts-outbox.ts';
import { partyToInventory } from '../clearance-common.ts';
import type { RequestContext } from '../context.ts';
import { describeIssues, unwindInventory } from './clear-inventory.ts';
import type { InboundDocument } from './documents.ts';
import { outboxReceipt } from './receipts.ts';

type Inventory = NonNullable<Awaited<ReturnType<typeof findInventoryByInvtNo>>>;
export type FollowUpCheck =
  | { ok: true; inventory?: Inventory; waybills?: ImportDocument[]; returned?: ImportReturnEffect }
  | { ok: false; code: NegativeCode; info: string };

/** Inventory statuses from which a cancellation (撤单) may be declared: accepted, not yet released or detained. */
const CANCELLABLE = ['120', '300', '399', '500'];
/** Returns within 30 days of release restore the quota (财关税〔2016〕18号; 公告2020年第45号). */
const RETURN_WINDOW_DAYS = 30;

const lines = (doc: { body: unknown }) =>
  ((doc.body as { lines?: Record<string, string>[] }).lines ?? []) as Record<string, string>[];

/**
 * What a cancel, return, waybill status or warehousing detail refers to must exist and be in the right state.
 * A cancel or return of an inventory the sender is no party to is answered exactly as one of an inventory
 * that does not exist (−623003 / −625001), before any check that would tell its state.
 */
export async function checkFollowUp(
  db: Kysely<Database>,
  doc: InboundDocument,
  now: Date,
  orgId: string,
): Promise<FollowUpCheck> {
  const b = doc.body as Record<string, string>;
  switch (doc.docType) {
    case 'cancel': {
      const inventory = await findInventoryByInvtNo(db, b.invtNo ?? '', true);
      if (!inventory || !(await partyToInventory(db, inventory, orgId)))
        return { ok: false, code: '-623003', info: negativeInfo('-623003', b.invtNo ?? '') };
      if (inventory.cancelled_at || !CANCELLABLE.includes(inventory.status)) {
        return {
          ok: false,
          code: '-623005',
          info: `${negativeInfo('-623005', b.invtNo ?? '')} 当前状态${inventory.status}${inventory.cancelled_at ? '(已撤单)' : ''}`,
        };
      }
      return { ok: true, inventory };
    }
    case 'refund': {
      const inventory = await findInventoryByInvtNo(db, b.invtNo ?? '', true);
      if (!inventory || !(await partyToInventory(db, inventory, orgId)))
        return {
          ok: false,
          code: '-625001',
          info: negativeInfo('-625001', `清单编号${b.invtNo ?? ''}不存在`),
        };
      if (!inventory.released_at || !['800', '899'].includes(inventory.status)) {
        return {
          ok: false,
          code: '-625001',
          info: negativeInfo('-625001', `清单${b.invtNo ?? ''}未放行，不能申请退货`),
        };
      }
      const days = (now.getTime() - inventory.released_at.getTime()) / 86_400_000;
      if (days > RETURN_WINDOW_DAYS) {
        return {
          ok: false,
          code: '-625001',
          info: negativeInfo('-625001', `清单${b.invtNo ?? ''}放行已超过${RETURN_WINDOW_DAYS}日退货期限`),
        };
      }
      // Checked against what earlier returns of the same lines already took (return_lines, decision 0019).
      const already = await returnedQuantities(db, 'import', inventory.id);
      const bonded = inventory.trade_mode === '1210' && inventory.ems_no;
      const checked = checkImportReturn({
        invtNo: b.invtNo ?? '',
        quotaAmount: inventory.quota_amount ?? '0',
        lines: lines(doc).map((l) => ({ gnum: l.gnum ?? '', gcode: l.gcode ?? '', qty: l.qty ?? '' })),
        original: lines(inventory).map((o) => ({
          gnum: o.gnum ?? '',
          gcode: o.gcode ?? '',
          qty: o.qty ?? '0',
          totalPrice: o.totalPrice || '0',
          // What the release wrote off (clear-inventory.ts releaseInventory: qty1, else qty).
          stockQty: bonded && o.itemRecordNo ? o.qty1 || o.qty || '0' : '0',
          alreadyReturned: already.get(o.gnum ?? '') ?? '0',
        })),
      });
      if (!checked.ok) {
        const original = lines(inventory);
        const unknown = lines(doc).find(
          (l) => !original.some((o) => o.gnum === l.gnum && o.gcode === l.gcode),
        );
        if (unknown)
          return {
            ok: false,
            code: '-625209',
            info: negativeInfo('-625209', b.invtNo ?? '', unknown.gnum ?? '', unknown.gcode ?? ''),
          };
        return {
          ok: false,
          code: '-625001',
          info: negativeInfo('-625001', describeIssues(checked.errors)),
        };
      }
      return { ok: true, inventory, returned: checked.value };
    }
    case 'waybill_status': {
      const waybill = await findByWaybill(db, 'waybill', b.logisticsCode ?? '', b.logisticsNo ?? '');
      if (!waybill)
        return {
          ok: false,
          code: '-505011',
          info: `${negativeInfo('-505011')}：运单[${b.logisticsCode}|${b.logisticsNo}]不存在`,
        };
      return { ok: true, waybills: [waybill] };
    }
    case 'delivery': {
      const found: ImportDocument[] = [];
      for (const line of lines(doc)) {
        const w = await findByWaybill(db, 'waybill', b.logisticsCode ?? '', line.logisticsNo ?? '');
        if (w) found.push(w);
      }
      return { ok: true, waybills: found };
    }
    default:
      return { ok: true };
  }
}

/**
 * What a follow-up document does once stored. Cancellations and returns are concluded at once (399 审结):
 * a cancellation gives the whole quota back and voids the tax bill; a return records its lines (return_lines),
 * gives back the quota share of the returned goods and puts their share of the written-off 1210 stock back in
 * the account book (checkImportReturn; decision 0019).
 */
export async function applyFollowUp(
  db: Kysely<Database>,
  ctx: RequestContext,
  doc: InboundDocument,
  documentId: string,
  orgId: string,
  check: FollowUpCheck,
  preNo: string | undefined,
): Promise<OutboxReceipt[]> {
  if (!check.ok) return [];
  const actor = { via: ctx.actor.via, userId: ctx.actor.userId, orgId: ctx.actor.orgId };
  const conclude = async (info: string) => {
    await setDocumentStatus(db, documentId, '399', ctx.now);
    await appendEvent(db, {
      documentId,
      orgId,
      status: '399',
      returnInfo: info,
      actor,
      requestId: ctx.requestId,
      now: ctx.now,
    });
    return outboxReceipt(
      orgId,
      { docType: doc.docType, body: doc.body, guid: doc.guid, preNo, invtNo: doc.links.invtNo },
      documentId,
      doc.businessKey,
      '399',
      info,
      ctx.now,
    );
  };
  switch (doc.docType) {
    case 'cancel': {
      const inventory = check.inventory as Inventory;
      await updateClearance(db, inventory.id, { cancelled_at: ctx.now, updated_at: ctx.now });
      await unwindInventory(db, ctx, inventory);
      await appendEvent(db, {
        documentId: inventory.id,
        orgId: inventory.org_id,
        status: inventory.status,
        returnInfo: `撤单审结，清单已撤销：${(doc.body as Record<string, string>).reason ?? ''}`,
        actor,
        requestId: ctx.requestId,
        details: { cancel: documentId },
        now: ctx.now,
      });
      return [await conclude('撤单审结')];
    }
    case 'refund': {
      const inventory = check.inventory as Inventory;
      const effect = check.returned as ImportReturnEffect;
      await insertReturnLines(
        db,
        'import',
        { inventoryId: inventory.id, returnId: documentId, orgId: inventory.org_id, now: ctx.now },
        effect.lines,
      );
      // 1210: the returned share of what the release wrote off goes back to the account book.
      const itemOf = new Map(lines(inventory).map((o) => [o.gnum ?? '', o.itemRecordNo ?? '']));
      if (inventory.trade_mode === '1210' && inventory.ems_no)
        await returnStock(
          db,
          {
            emsNo: inventory.ems_no,
            documentId: inventory.id,
            note: `退货申请单${doc.businessKey}`,
            now: ctx.now,
          },
          effect.lines
            .filter((l) => itemOf.get(l.gnum) && toDecimal(l.stockQty).gt(0))
            .map((l) => ({ itemRecordNo: itemOf.get(l.gnum) as string, qty: l.stockQty })),
        );
      const restored = await restoreQuota(db, inventory.id, effect.quota, ctx.now);
      await appendEvent(db, {
        documentId: inventory.id,
        orgId: inventory.org_id,
        status: inventory.status,
        returnInfo: `退货审结，退回额度${restored}元`,
        actor,
        requestId: ctx.requestId,
        details: { refund: documentId, restored },
        now: ctx.now,
      });
      return [await conclude(`退货审结，退回额度${restored}元`)];
    }
    case 'waybill_status':
    case 'delivery': {
      const info =
        doc.docType === 'waybill_status'
          ? '已签收'
          : `已入库[提运单号${(doc.body as Record<string, string>).billNo ?? ''}]`;
      for (const w of check.waybills ?? []) {
        await appendEvent(db, {
          documentId: w.id,
          orgId: w.org_id,
          status: w.status,
          returnInfo: info,
          actor,
          requestId: ctx.requestId,
          details: { by: documentId },
          now: ctx.now,
        });
      }
      return [];
    }
    default:
      return [];
  }
}
