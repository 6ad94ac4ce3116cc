import { negativeInfo, type NegativeCode } from '@crossgate/ceb';
import type { Database, ImportDocument, Kysely } from '@crossgate/db';
import { toDecimal } from '@crossgate/domain';
import { sql } from '@crossgate/db';
import {
  appendEvent,
  findByWaybill,
  findInventoryByInvtNo,
  setDocumentStatus,
  updateClearance,
} from '../../repositories/import-documents.ts';
import { restoreQuota } from '../../repositories/quotas.ts';
import type { OutboxReceipt } from '../../repositories/receipts-outbox.ts';
import type { RequestContext } from '../context.ts';
import { unwindInventory } from './clear-inventory.ts';
import type { InboundDocument } from './documents.ts';
import { outboxReceipt } from './receipts.ts';

type Inventory = NonNullable<Awaited<ReturnType<typeof findInventoryByInvtNo>>>;
export type FollowUpCheck =
  | { ok: true; inventory?: Inventory; waybills?: ImportDocument[] }
  | { ok: false; code: NegativeCode; info: string };

/** Inventory statuses from which a cancellation (撤单) may be declared: accepted, not yet released or detained. */
const CANCELLABLE = ['120', '300', '399', '500'];
/** Returns within 30 days of release restore the quota (财关税〔2016〕18号; 公告2020年第45号). */
const RETURN_WINDOW_DAYS = 30;

const lines = (doc: { body: unknown }) =>
  ((doc.body as { lines?: Record<string, string>[] }).lines ?? []) as Record<string, string>[];

/** What a cancel, return, waybill status or warehousing detail refers to must exist and be in the right state. */
export async function checkFollowUp(
  db: Kysely<Database>,
  doc: InboundDocument,
  now: Date,
): Promise<FollowUpCheck> {
  const b = doc.body as Record<string, string>;
  switch (doc.docType) {
    case 'cancel': {
      const inventory = await findInventoryByInvtNo(db, b.invtNo ?? '', true);
      if (!inventory) return { ok: false, code: '-623003', info: negativeInfo('-623003', b.invtNo ?? '') };
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
      if (!inventory)
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
      const original = lines(inventory);
      for (const line of lines(doc)) {
        const match = original.find((o) => o.gnum === line.gnum && o.gcode === line.gcode);
        if (!match)
          return {
            ok: false,
            code: '-625209',
            info: negativeInfo('-625209', b.invtNo ?? '', line.gnum ?? '', line.gcode ?? ''),
          };
        if (toDecimal(line.qty ?? '0').gt(toDecimal(match.qty ?? '0'))) {
          return {
            ok: false,
            code: '-625001',
            info: negativeInfo('-625001', `第${line.gnum}项退货数量${line.qty}超过原清单数量${match.qty}`),
          };
        }
      }
      return { ok: true, inventory };
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
 * a cancellation gives the whole quota back and voids the tax bill; a return gives back the value of the
 * returned goods (price × quantity of each line) and puts 1210 stock back in the account book.
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
      const original = lines(inventory);
      let value = toDecimal(0);
      for (const line of lines(doc)) {
        const o = original.find((x) => x.gnum === line.gnum) as Record<string, string>;
        value = value.plus(toDecimal(o.price ?? '0').times(toDecimal(line.qty ?? '0')));
        if (inventory.trade_mode === '1210' && inventory.ems_no && o.itemRecordNo) {
          await sql`UPDATE account_book_items SET stock_qty = stock_qty + ${line.qty}::numeric WHERE ems_no = ${inventory.ems_no} AND item_record_no = ${o.itemRecordNo}`.execute(
            db,
          );
          await db
            .insertInto('stock_movements')
            .values({
              ems_no: inventory.ems_no,
              item_record_no: o.itemRecordNo,
              qty: line.qty ?? '0',
              reason: 'return',
              document_id: inventory.id,
              note: `退货申请单${doc.businessKey}`,
              at: ctx.now,
            })
            .execute();
        }
      }
      const restored = await restoreQuota(db, inventory.id, value.toFixed(2), ctx.now);
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
