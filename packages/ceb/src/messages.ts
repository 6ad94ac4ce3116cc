/**
 * The message catalogues (ceb-reference §3.1 import, §3.2 export; spec 202205 ch. 3 and ch. 2): who sends
 * what, the receipt that answers it, and whether the XML-DSig signature is mandatory.
 */
export type SenderRole = 'ebp' | 'ebc' | 'payment' | 'logistics' | 'declaration_agent' | 'warehouse';

/** Which customs system a message belongs to, and so which XSD family checks it. */
export type Direction = 'import' | 'export';

export interface InboundMessageSpec {
  type: string;
  direction: Direction;
  nameZh: string;
  /** The business entity inside the message root (maxOccurs 100 for most). */
  entity: string;
  receipt: string;
  receiptEntity: string;
  /** XSD minOccurs=1 on ds:Signature (import CEB621, CEB623, CEB625, CEB711; no export message). */
  signatureRequired: boolean;
  /**
   * What the spec's field table says of ds:Signature where the XSD is laxer: `required` (必填 是: import
   * CEB621/623/625/711, export CEB509/603/605/607/701), `when_declared` (export CEB507: "appStatus 填写2时需要
   * 业务加签申报即Signature节点必须填写"), or `optional`. The XSD does not enforce it; the gateway's policy may.
   */
  specSignature: 'required' | 'when_declared' | 'optional';
  /** Roles that may send it; an express or postal operator may send orders and payments on behalf (公告2018年第194号). */
  senders: SenderRole[];
}

export const IMPORT_INBOUND: Record<string, InboundMessageSpec> = {
  CEB311Message: {
    type: 'CEB311Message',
    direction: 'import',
    nameZh: '电子订单',
    entity: 'Order',
    receipt: 'CEB312Message',
    receiptEntity: 'OrderReturn',
    signatureRequired: false,
    specSignature: 'optional',
    senders: ['ebp', 'ebc', 'logistics'],
  },
  CEB411Message: {
    type: 'CEB411Message',
    direction: 'import',
    nameZh: '支付凭证',
    entity: 'Payment',
    receipt: 'CEB412Message',
    receiptEntity: 'PaymentReturn',
    signatureRequired: false,
    specSignature: 'optional',
    senders: ['payment', 'logistics'],
  },
  CEB511Message: {
    type: 'CEB511Message',
    direction: 'import',
    nameZh: '物流运单',
    entity: 'Logistics',
    receipt: 'CEB512Message',
    receiptEntity: 'LogisticsReturn',
    signatureRequired: false,
    specSignature: 'optional',
    senders: ['logistics'],
  },
  CEB513Message: {
    type: 'CEB513Message',
    direction: 'import',
    nameZh: '物流运单状态',
    entity: 'LogisticsStatus',
    receipt: 'CEB514Message',
    receiptEntity: 'LogisticsStatusReturn',
    signatureRequired: false,
    specSignature: 'optional',
    senders: ['logistics'],
  },
  CEB621Message: {
    type: 'CEB621Message',
    direction: 'import',
    nameZh: '进口清单',
    entity: 'Inventory',
    receipt: 'CEB622Message',
    receiptEntity: 'InventoryReturn',
    signatureRequired: true,
    specSignature: 'required',
    senders: ['declaration_agent', 'ebc'],
  },
  CEB623Message: {
    type: 'CEB623Message',
    direction: 'import',
    nameZh: '撤销申请单',
    entity: 'InvtCancel',
    receipt: 'CEB624Message',
    receiptEntity: 'InvtCancelReturn',
    signatureRequired: true,
    specSignature: 'required',
    senders: ['declaration_agent', 'ebc'],
  },
  CEB625Message: {
    type: 'CEB625Message',
    direction: 'import',
    nameZh: '退货申请单',
    entity: 'InvtRefund',
    receipt: 'CEB626Message',
    receiptEntity: 'InvtRefundReturn',
    signatureRequired: true,
    specSignature: 'required',
    senders: ['declaration_agent', 'ebc'],
  },
  CEB711Message: {
    type: 'CEB711Message',
    direction: 'import',
    nameZh: '入库明细单',
    entity: 'Delivery',
    receipt: 'CEB712Message',
    receiptEntity: 'DeliveryReturn',
    signatureRequired: true,
    specSignature: 'required',
    senders: ['warehouse', 'logistics'],
  },
};

/**
 * The export catalogue (ceb-reference §3.2; spec 202205 §2.1–2.23). The export XSD leaves
 * ds:Signature optional everywhere (minOccurs=0); the spec tables still mark it 是 on CEB509, CEB603, CEB605,
 * CEB607 and CEB701, and CEB507 asks for it when appStatus is 2.
 */
export const EXPORT_INBOUND: Record<string, InboundMessageSpec> = {
  CEB303Message: {
    type: 'CEB303Message',
    direction: 'export',
    nameZh: '电子订单',
    entity: 'Order',
    receipt: 'CEB304Message',
    receiptEntity: 'OrderReturn',
    signatureRequired: false,
    specSignature: 'optional',
    senders: ['ebp', 'ebc'],
  },
  CEB403Message: {
    type: 'CEB403Message',
    direction: 'export',
    nameZh: '收款单',
    entity: 'Receipts',
    receipt: 'CEB404Message',
    receiptEntity: 'ReceiptsReturn',
    signatureRequired: false,
    specSignature: 'optional',
    senders: ['ebc', 'payment'],
  },
  CEB505Message: {
    type: 'CEB505Message',
    direction: 'export',
    nameZh: '物流运单',
    entity: 'Logistics',
    receipt: 'CEB506Message',
    receiptEntity: 'LogisticsReturn',
    signatureRequired: false,
    specSignature: 'optional',
    senders: ['logistics'],
  },
  CEB507Message: {
    type: 'CEB507Message',
    direction: 'export',
    nameZh: '运抵单',
    entity: 'Arrival',
    receipt: 'CEB508Message',
    receiptEntity: 'ArrivalReturn',
    signatureRequired: false,
    specSignature: 'when_declared',
    senders: ['warehouse', 'logistics'],
  },
  CEB509Message: {
    type: 'CEB509Message',
    direction: 'export',
    nameZh: '离境单',
    entity: 'Departure',
    receipt: 'CEB510Message',
    receiptEntity: 'DepartureReturn',
    signatureRequired: false,
    specSignature: 'required',
    senders: ['logistics'],
  },
  CEB603Message: {
    type: 'CEB603Message',
    direction: 'export',
    nameZh: '出口申报清单',
    entity: 'Inventory',
    receipt: 'CEB604Message',
    receiptEntity: 'InventoryReturn',
    signatureRequired: false,
    specSignature: 'required',
    senders: ['declaration_agent', 'ebc'],
  },
  CEB605Message: {
    type: 'CEB605Message',
    direction: 'export',
    nameZh: '撤销申请单',
    entity: 'InvtCancel',
    receipt: 'CEB606Message',
    receiptEntity: 'InvtCancelReturn',
    signatureRequired: false,
    specSignature: 'required',
    senders: ['declaration_agent', 'ebc'],
  },
  CEB607Message: {
    type: 'CEB607Message',
    direction: 'export',
    nameZh: '清单总分单',
    entity: 'WayBill',
    receipt: 'CEB608Message',
    receiptEntity: 'WayBillReturn',
    signatureRequired: false,
    specSignature: 'required',
    senders: ['declaration_agent', 'logistics'],
  },
  CEB701Message: {
    type: 'CEB701Message',
    direction: 'export',
    nameZh: '汇总申请单',
    entity: 'SummaryApply',
    receipt: 'CEB702Message',
    receiptEntity: 'SummaryReturn',
    signatureRequired: false,
    specSignature: 'required',
    senders: ['declaration_agent', 'ebc'],
  },
  CEB213Message: {
    type: 'CEB213Message',
    direction: 'export',
    nameZh: '退货申请单',
    entity: 'InvtRefund',
    receipt: 'CEB214Message',
    receiptEntity: 'RefundReturn',
    signatureRequired: false,
    specSignature: 'optional',
    senders: ['ebc', 'declaration_agent'],
  },
  CEB215Message: {
    type: 'CEB215Message',
    direction: 'export',
    nameZh: '退货理货明细单',
    entity: 'InvtRefundDetail',
    receipt: 'CEB216Message',
    receiptEntity: 'InvtRefundDetailReturn',
    signatureRequired: false,
    specSignature: 'optional',
    senders: ['warehouse'],
  },
};

/** The catalogue of each direction. */
export const INBOUND: Record<Direction, Record<string, InboundMessageSpec>> = {
  import: IMPORT_INBOUND,
  export: EXPORT_INBOUND,
};

/** The catalogue entry of an inbound message root of either direction (the root names do not overlap). */
export const inboundSpecOf = (root: string): InboundMessageSpec | undefined =>
  IMPORT_INBOUND[root] ?? EXPORT_INBOUND[root];
