import { cebDate, cebReturnTime, taxStatusXml } from '@crossgate/ceb';
import type { Database, Kysely } from '@crossgate/db';
import { findDocumentById, lockOrderNumbers, releasedBefore } from '../../repositories/import-documents.ts';
import { enqueueReceipts } from '../../repositories/receipts-outbox.ts';
import { billsToConsolidate, consolidateTaxBills, paymentNoticeCount } from '../../repositories/tax-bills.ts';
import { systemContext } from '../context.ts';
import { moveInventory } from './clear-inventory.ts';

/**
 * Returns may come within 30 days of release, and only then is the tax final (财关税〔2016〕18号; 公告2020年第45号;
 * "if there is no return or correction within 30 days after release, the withholding agent pays between day 31
 * and day 45", ceb-reference §8.4).
 */
export const RETURN_WINDOW_DAYS = 30;

/**
 * The customs calendar, run periodically by the server (and on demand in tests): released inventories whose
 * return window has passed are closed (899 结关), and their tax bills are consolidated per guarantor
 * (assureCode) into a payment notice (缴款书, entDutyNo) — status 2 已汇总, announced with a CEB818.
 */
export async function runCustomsSchedule(
  db: Kysely<Database>,
  now: Date,
  batch = 500,
): Promise<{ closed: number; consolidated: number; notices: number }> {
  const cutoff = new Date(now.getTime() - RETURN_WINDOW_DAYS * 86_400_000);
  const ctx = systemContext(now);
  let closed = 0;
  const due = await releasedBefore(db, cutoff, batch);
  for (const row of due) {
    await db.transaction().execute(async (trx) => {
      await lockOrderNumbers(trx, [row.order_no ?? row.id]);
      const inventory = await findDocumentById(trx, row.id);
      if (!inventory || inventory.status !== '800') return;
      await enqueueReceipts(
        trx,
        await moveInventory(trx, ctx, inventory, '899', 'system', '结关：退货期限届满'),
        now,
      );
      closed++;
    });
  }

  // Tax bills of closed inventories, per guarantor: one payment notice each run.
  const bills = await billsToConsolidate(db, batch * 10);
  const byGuarantor = new Map<string, typeof bills>();
  for (const b of bills) byGuarantor.set(b.assure_code, [...(byGuarantor.get(b.assure_code) ?? []), b]);
  let notices = 0;
  for (const [assureCode, group] of byGuarantor) {
    await db.transaction().execute(async (trx) => {
      const sent = await paymentNoticeCount(trx, assureCode);
      const entDutyNo =
        `${group[0]?.customs_code ?? ''}${cebDate(now)}${assureCode}${String(sent + 1).padStart(4, '0')}`.slice(
          0,
          50,
        );
      const ids = group.map((b) => b.document_id);
      await consolidateTaxBills(trx, ids, entDutyNo, now);
      const byOrg = new Map<string, typeof group>();
      for (const b of group) byOrg.set(b.org_id, [...(byOrg.get(b.org_id) ?? []), b]);
      const receipts = [...byOrg].map(([orgId, bs]) => ({
        orgId,
        messageType: 'CEB818Message',
        documentId: null,
        businessKey: entDutyNo,
        returnStatus: '2',
        returnInfo: `电子税单已汇总，缴款书编号${entDutyNo}`,
        xml: taxStatusXml(
          bs.map((b) => ({
            guid: b.document_id.toUpperCase(),
            returnTime: cebReturnTime(now),
            invtNo: b.invt_no,
            taxNo: b.tax_no,
            status: '2',
            entDutyNo,
            assureCode,
          })),
        ),
      }));
      await enqueueReceipts(trx, receipts, now);
      notices++;
    });
  }
  return { closed, consolidated: bills.length, notices };
}
