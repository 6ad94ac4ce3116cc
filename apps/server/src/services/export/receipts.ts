import { cebReturnTime } from '@crossgate/ceb';
import type { ExportDocType } from '@crossgate/db';
import type { OutboxReceipt } from '../../repositories/receipts-outbox.ts';
import { clip, outboxOf, type ReceiptFacts, type ReceiptKind } from '../import/receipts.ts';

/** The receipt that answers each export document kind (ceb-reference §3.2). */
export const EXPORT_RECEIPT_OF: Record<ExportDocType, string> = {
  order: 'CEB304Message',
  receipt: 'CEB404Message',
  waybill: 'CEB506Message',
  arrival: 'CEB508Message',
  departure: 'CEB510Message',
  inventory: 'CEB604Message',
  cancel: 'CEB606Message',
  bill_binding: 'CEB608Message',
  summary_apply: 'CEB702Message',
  refund: 'CEB214Message',
  refund_detail: 'CEB216Message',
};

/** The import facts, plus the summary application number customs gives a CEB701 (echoed in its CEB702). */
export interface ExportReceiptFacts extends ReceiptFacts {
  docType: ExportDocType;
  sumNo?: string | undefined;
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * One export receipt entity. Every export receipt echoes fields of the document it answers, so the entity is
 * the document's head fields plus the numbers assigned and the status; the receipt serialiser keeps the
 * fields its XSD names, in XSD order, and leaves out optional ones that do not fit.
 */
export function exportReceiptEntity(
  facts: ExportReceiptFacts,
  returnStatus: string,
  returnInfo: string,
  now: Date,
): Record<string, string> {
  const b = facts.body;
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(b)) if (typeof v === 'string') fields[k] = v;
  const preNo = facts.preNo ?? (text(b.preNo)?.length === 18 ? text(b.preNo) : undefined);
  return {
    ...fields,
    guid: facts.guid,
    // Required echo fields the sender may have left empty (copNo, billNo for postal arrivals, msgSeqNo).
    copNo: fields.copNo || fields.coElNo || preNo || facts.guid.slice(0, 30),
    billNo: fields.billNo || '-',
    msgSeqNo: fields.msgSeqNo || '1',
    ...(preNo ? { preNo } : {}),
    // CEB604/606 require invtNo, which customs gives only at 120: before that it is echoed empty (C..20 allows it).
    invtNo: facts.invtNo || fields.invtNo || '',
    ...(facts.sumNo ? { sumNo: facts.sumNo } : {}),
    returnStatus,
    returnTime: cebReturnTime(now),
    returnInfo: clip(returnInfo),
  };
}

/** The outbox row of one export receipt for the recipient's pull feed. */
export function exportOutbox(
  orgId: string,
  facts: ExportReceiptFacts,
  documentId: string | null,
  businessKey: string | null,
  returnStatus: string,
  returnInfo: string,
  now: Date,
): OutboxReceipt {
  return outboxOf(EXPORT_KIND, orgId, facts, documentId, businessKey, returnStatus, returnInfo, now);
}

export const EXPORT_KIND: ReceiptKind<ExportReceiptFacts> = {
  entity: exportReceiptEntity,
  receiptType: (docType) => EXPORT_RECEIPT_OF[docType as ExportDocType],
};
