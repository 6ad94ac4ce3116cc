import {
  cebReturnTime,
  receiptXml,
  taxBillXml,
  type Import,
  type ReceiptEntities,
  type ReceiptType,
} from '@crossgate/ceb';
import type { ImportDocument } from '@crossgate/db';
import type { OutboxReceipt } from '../../repositories/receipts-outbox.ts';

/** returnInfo is C..1000 in every receipt. */
export const clip = (text: string) => (text.length > 1000 ? `${text.slice(0, 997)}...` : text || '-');

const RECEIPT_OF: Record<string, ReceiptType> = {
  order: 'CEB312Message',
  payment: 'CEB412Message',
  waybill: 'CEB512Message',
  waybill_status: 'CEB514Message',
  inventory: 'CEB622Message',
  cancel: 'CEB624Message',
  refund: 'CEB626Message',
  delivery: 'CEB712Message',
};
export const receiptTypeOf = (docType: string): ReceiptType => RECEIPT_OF[docType] as ReceiptType;

export interface ReceiptFacts {
  docType: string;
  body: Record<string, unknown>;
  guid: string;
  /** For inventories, cancels and returns: the e-port pre-entry number (always 18 characters). */
  preNo?: string | undefined;
  invtNo?: string | null | undefined;
}

const s = (v: unknown) => (typeof v === 'string' ? v : '');

/** One receipt entity for a document, with the fields its XSD asks for. */
export function receiptEntity(
  facts: ReceiptFacts,
  returnStatus: string,
  returnInfo: string,
  now: Date,
): ReceiptEntities[ReceiptType] {
  const b = facts.body;
  const common = {
    guid: facts.guid,
    returnStatus,
    returnTime: cebReturnTime(now),
    returnInfo: clip(returnInfo),
  };
  switch (facts.docType) {
    case 'order':
      return {
        ...common,
        ebpCode: s(b.ebpCode),
        ebcCode: s(b.ebcCode),
        orderNo: s(b.orderNo),
      } satisfies Import.OrderReturn;
    case 'payment':
      return {
        ...common,
        payCode: s(b.payCode),
        payTransactionId: s(b.payTransactionId),
      } satisfies Import.PaymentReturn;
    case 'waybill':
      return {
        ...common,
        logisticsCode: s(b.logisticsCode),
        logisticsNo: s(b.logisticsNo),
      } satisfies Import.LogisticsReturn;
    case 'waybill_status':
      return {
        ...common,
        logisticsCode: s(b.logisticsCode),
        logisticsNo: s(b.logisticsNo),
        logisticsStatus: s(b.logisticsStatus),
      } satisfies Import.LogisticsStatusReturn;
    case 'delivery':
      return {
        ...common,
        ...(b.customsCode ? { customsCode: s(b.customsCode) } : {}),
        operatorCode: s(b.operatorCode),
        ...(b.copNo ? { copNo: s(b.copNo) } : {}),
      } satisfies Import.DeliveryReturn;
    default: {
      // CEB622 / 624 / 626: copNo is required in the receipt; when the sender gave none, the preNo stands in.
      const preNo = facts.preNo ?? '';
      const entity: Import.InventoryReturn = {
        ...common,
        ...(b.customsCode ? { customsCode: s(b.customsCode) } : {}),
        ...(b.ebpCode ? { ebpCode: s(b.ebpCode) } : {}),
        ...(b.ebcCode ? { ebcCode: s(b.ebcCode) } : {}),
        ...(b.agentCode ? { agentCode: s(b.agentCode) } : {}),
        copNo: s(b.copNo) || preNo,
        preNo,
        ...(facts.invtNo ? { invtNo: facts.invtNo } : {}),
      };
      return entity;
    }
  }
}

/** The outbox row of one receipt: the single-entity receipt message for the recipient's pull feed. */
export function outboxReceipt(
  orgId: string,
  facts: ReceiptFacts,
  documentId: string | null,
  businessKey: string | null,
  returnStatus: string,
  returnInfo: string,
  now: Date,
  entity?: ReceiptEntities[ReceiptType],
): OutboxReceipt {
  return outboxOf(IMPORT_KIND, orgId, facts, documentId, businessKey, returnStatus, returnInfo, now, entity);
}

/** The outbox row of one receipt of either direction, built by the direction's receipt kind. */
export function outboxOf<F extends { docType: string }>(
  kind: ReceiptKind<F>,
  orgId: string,
  facts: F,
  documentId: string | null,
  businessKey: string | null,
  returnStatus: string,
  returnInfo: string,
  now: Date,
  entity: object = kind.entity(facts, returnStatus, returnInfo, now),
): OutboxReceipt {
  const type = kind.receiptType(facts.docType);
  return {
    orgId,
    messageType: type,
    documentId,
    businessKey,
    returnStatus,
    returnInfo: clip(returnInfo),
    xml: receiptXml(type as never, [entity as never]),
  };
}

export interface DocumentOutcome {
  docType: string;
  businessKey: string;
  returnStatus: string;
  returnInfo: string;
  documentId: string | null;
}

/** How a direction builds receipt entities: import (CEB312 …) here, export (CEB304 …) in services/export. */
export interface ReceiptKind<F extends { docType: string }> {
  entity(facts: F, returnStatus: string, returnInfo: string, now: Date): object;
  receiptType(docType: string): string;
}

const IMPORT_KIND: ReceiptKind<ReceiptFacts> = { entity: receiptEntity, receiptType: receiptTypeOf };

/**
 * A message's answer, collected document by document: each document's entity in the synchronous receipt,
 * its own receipt in the sender's pull feed (`outbox`, which may be shared by a batch) and its outcome.
 */
export class MessageAnswer<F extends { docType: string } = ReceiptFacts> {
  readonly outcomes: DocumentOutcome[] = [];
  private readonly entities: object[] = [];

  constructor(
    private readonly orgId: string,
    private readonly now: Date,
    private readonly outbox: OutboxReceipt[],
    private readonly kind: ReceiptKind<F> = IMPORT_KIND as unknown as ReceiptKind<F>,
  ) {}

  add(
    doc: { docType: string; businessKey: string },
    facts: F,
    result: { returnStatus: string; returnInfo: string; documentId: string | null },
  ): void {
    const entity = this.kind.entity(facts, result.returnStatus, result.returnInfo, this.now);
    this.entities.push(entity);
    this.outbox.push(
      outboxOf(
        this.kind,
        this.orgId,
        facts,
        result.documentId,
        doc.businessKey,
        result.returnStatus,
        result.returnInfo,
        this.now,
        entity,
      ),
    );
    this.outcomes.push({
      docType: doc.docType,
      businessKey: doc.businessKey,
      returnStatus: result.returnStatus,
      returnInfo: clip(result.returnInfo),
      documentId: result.documentId,
    });
  }

  /** The receipt message answering the whole message, and whether it accepted all, some or none. */
  conclude(): { xml: string; outcome: 'accepted' | 'partly_refused' | 'refused' } {
    const xml = receiptXml(
      this.kind.receiptType(this.outcomes[0]?.docType ?? 'order') as never,
      this.entities as never[],
    );
    const refused = this.outcomes.filter((o) => o.returnStatus.startsWith('-')).length;
    return {
      xml,
      outcome: refused === 0 ? 'accepted' : refused === this.outcomes.length ? 'refused' : 'partly_refused',
    };
  }
}

export function receiptFactsOf(doc: ImportDocument, preNo?: string): ReceiptFacts {
  return { docType: doc.doc_type, body: doc.body, guid: doc.guid, preNo, invtNo: doc.invt_no };
}

export function taxBillOutbox(orgId: string, documentId: string, bill: Import.Tax): OutboxReceipt {
  return {
    orgId,
    messageType: 'CEB816Message',
    documentId,
    businessKey: bill.TaxHeadRd.invtNo,
    returnStatus: bill.TaxHeadRd.status,
    returnInfo: `电子税单${bill.TaxHeadRd.taxNo}`,
    xml: taxBillXml([bill]),
  };
}
