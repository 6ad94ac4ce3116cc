import { cebDate, cebReturnTime, taxStatusXml } from '@crossgate/ceb';
import { sql, type Database, type Kysely } from '@crossgate/db';
import { findDocumentById, lockOrderNumbers } from '../../repositories/import-documents.ts';
import { enqueueReceipts } from '../../repositories/receipts-outbox.ts';
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
  const due = await db
    .selectFrom('inventory_clearance as c')
    .innerJoin('import_documents as d', 'd.id', 'c.document_id')
    .select(['d.id', 'd.order_no'])
    .where('d.status', '=', '800')
    .where('c.cancelled_at', 'is', null)
    .where('c.released_at', '<=', cutoff)
    .limit(batch)
    .execute();
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
  const bills = await db
    .selectFrom('tax_bills as t')
    .innerJoin('import_documents as d', 'd.id', 't.document_id')
    .select(['t.document_id', 't.org_id', 't.assure_code', 't.invt_no', 't.tax_no', 't.customs_code'])
    .where('t.status', '=', '1')
    .where('d.status', '=', '899')
    .orderBy('t.assure_code')
    .limit(batch * 10)
    .execute();
  const byGuarantor = new Map<string, typeof bills>();
  for (const b of bills) byGuarantor.set(b.assure_code, [...(byGuarantor.get(b.assure_code) ?? []), b]);
  let notices = 0;
  for (const [assureCode, group] of byGuarantor) {
    await db.transaction().execute(async (trx) => {
      const seq = await sql<{
        n: string;
      }>`SELECT count(DISTINCT ent_duty_no)::text AS n FROM tax_bills WHERE assure_code = ${assureCode} AND ent_duty_no IS NOT NULL`.execute(
        trx,
      );
      const entDutyNo =
        `${group[0]?.customs_code ?? ''}${cebDate(now)}${assureCode}${String(Number(seq.rows[0]?.n ?? 0) + 1).padStart(4, '0')}`.slice(
          0,
          50,
        );
      const ids = group.map((b) => b.document_id);
      await trx
        .updateTable('tax_bills')
        .set({ status: '2', ent_duty_no: entDutyNo, updated_at: now })
        .where('document_id', 'in', ids)
        .where('status', '=', '1')
        .execute();
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
