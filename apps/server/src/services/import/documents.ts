import { createHash } from 'node:crypto';
import type { CebObject, CebValue } from '@crossgate/ceb';
import type { ImportDocType } from '@crossgate/db';
import { personKey } from '../../security/pii.ts';

/**
 * The business documents of one inbound message, flattened to `{ ...head, lines }` with CEB field names,
 * with their kind, official business key (ceb-reference §6.1) and link fields for matching.
 */
export interface InboundDocument<T extends string = ImportDocType> {
  docType: T;
  businessKey: string;
  guid: string;
  appType: string;
  appStatus: string;
  body: Record<string, unknown>;
  bodyHash: string;
  links: {
    orderNo: string | null;
    ebpCode: string | null;
    ebcCode: string | null;
    logisticsCode: string | null;
    logisticsNo: string | null;
    payCode: string | null;
    payTransactionId: string | null;
    invtNo: string | null;
  };
}

const asArray = (v: CebValue | undefined): CebObject[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as CebObject[]) : [v as CebObject];

/** Simple fields of a CEB entity as strings (raw XML parts such as signatures are left out). */
function fields(entity: CebObject | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(entity ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

function stableHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export interface DocumentShape<T extends string = ImportDocType> {
  docType: T;
  entity: string;
  head?: string;
  list?: string;
  key: (h: Record<string, string>) => string;
}

/** How each inbound message carries its documents (XSD: CEB311 Order(OrderHead, OrderList+) …). */
const SHAPES: Record<string, DocumentShape> = {
  CEB311Message: {
    docType: 'order',
    entity: 'Order',
    head: 'OrderHead',
    list: 'OrderList',
    key: (h) => `${h.ebpCode}|${h.orderNo}`,
  },
  CEB411Message: {
    docType: 'payment',
    entity: 'Payment',
    head: 'PaymentHead',
    key: (h) => `${h.payCode}|${h.payTransactionId}`,
  },
  CEB511Message: {
    docType: 'waybill',
    entity: 'Logistics',
    head: 'LogisticsHead',
    key: (h) => `${h.logisticsCode}|${h.logisticsNo}`,
  },
  CEB513Message: {
    docType: 'waybill_status',
    entity: 'LogisticsStatus',
    key: (h) => `${h.logisticsCode}|${h.logisticsNo}|${h.logisticsStatus}`,
  },
  CEB621Message: {
    docType: 'inventory',
    entity: 'Inventory',
    head: 'InventoryHead',
    list: 'InventoryList',
    key: (h) => `${h.ebcCode}|${h.orderNo}`,
  },
  CEB623Message: { docType: 'cancel', entity: 'InvtCancel', key: (h) => `${h.invtNo}` },
  CEB625Message: {
    docType: 'refund',
    entity: 'InvtRefund',
    head: 'InvtRefundHead',
    list: 'InvtRefundList',
    key: (h) => `${h.invtNo}|${h.copNo ?? h.guid}`,
  },
  CEB711Message: {
    docType: 'delivery',
    entity: 'Delivery',
    head: 'DeliveryHead',
    list: 'DeliveryList',
    key: (h) => `${h.operatorCode}|${h.copNo ?? h.guid}`,
  },
};

export function documentsOf(messageType: string, message: CebObject): InboundDocument[] {
  return documentsWith(SHAPES, messageType, message);
}

/** The documents of a message by the given shapes (import here, export in services/export). */
export function documentsWith<T extends string>(
  shapes: Record<string, DocumentShape<T>>,
  messageType: string,
  message: CebObject,
): InboundDocument<T>[] {
  const shape = shapes[messageType];
  if (!shape) throw new Error(`no document shape for ${messageType}`);
  return asArray(message[shape.entity]).map((entity) => {
    const head = fields(shape.head ? (entity[shape.head] as CebObject) : entity);
    const body: Record<string, unknown> = { ...head };
    if (shape.list) body.lines = asArray(entity[shape.list]).map(fields);
    const n = (k: string) => head[k] ?? null;
    return {
      docType: shape.docType,
      businessKey: shape.key(head),
      guid: head.guid ?? '',
      appType: head.appType ?? '1',
      appStatus: head.appStatus ?? '2',
      body,
      bodyHash: stableHash(body),
      links: {
        orderNo: n('orderNo'),
        ebpCode: n('ebpCode'),
        ebcCode: n('ebcCode'),
        logisticsCode: n('logisticsCode'),
        logisticsNo: n('logisticsNo'),
        payCode: n('payCode'),
        payTransactionId: n('payTransactionId'),
        invtNo: n('invtNo'),
      },
    };
  });
}

/** BaseTransfer.copCode: the enterprise that transmits the message (must be the caller). */
export function copCodeOf(message: CebObject): string | undefined {
  const bt = message.BaseTransfer as CebObject | undefined;
  return typeof bt?.copCode === 'string' ? bt.copCode : undefined;
}

/**
 * The buyer's quota key: a keyed hash (HMAC-SHA256 under the personal-data hash key) of ID type and number, so
 * quota rows and the negative list never hold the ID number, and the key cannot be recomputed without the key file.
 */
export const buyerKey = (idType: string, idNumber: string): string => personKey(idType, idNumber);
