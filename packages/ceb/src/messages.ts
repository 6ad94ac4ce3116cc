/**
 * The import message catalogue (ceb-reference §3.1, spec 202205 ch. 3): who sends what, the receipt that
 * answers it, and whether the XSD makes the XML-DSig signature mandatory.
 */
export type SenderRole = 'ebp' | 'ebc' | 'payment' | 'logistics' | 'declaration_agent' | 'warehouse';

export interface InboundMessageSpec {
  type: string;
  nameZh: string;
  /** The business entity inside the message root (maxOccurs 100 for most). */
  entity: string;
  receipt: string;
  receiptEntity: string;
  /** XSD minOccurs=1 on ds:Signature (CEB621, CEB623, CEB625, CEB711). */
  signatureRequired: boolean;
  /** Roles that may send it; an express or postal operator may send orders and payments on behalf (公告2018年第194号). */
  senders: SenderRole[];
}

export const IMPORT_INBOUND: Record<string, InboundMessageSpec> = {
  CEB311Message: {
    type: 'CEB311Message',
    nameZh: '电子订单',
    entity: 'Order',
    receipt: 'CEB312Message',
    receiptEntity: 'OrderReturn',
    signatureRequired: false,
    senders: ['ebp', 'ebc', 'logistics'],
  },
  CEB411Message: {
    type: 'CEB411Message',
    nameZh: '支付凭证',
    entity: 'Payment',
    receipt: 'CEB412Message',
    receiptEntity: 'PaymentReturn',
    signatureRequired: false,
    senders: ['payment', 'logistics'],
  },
  CEB511Message: {
    type: 'CEB511Message',
    nameZh: '物流运单',
    entity: 'Logistics',
    receipt: 'CEB512Message',
    receiptEntity: 'LogisticsReturn',
    signatureRequired: false,
    senders: ['logistics'],
  },
  CEB513Message: {
    type: 'CEB513Message',
    nameZh: '物流运单状态',
    entity: 'LogisticsStatus',
    receipt: 'CEB514Message',
    receiptEntity: 'LogisticsStatusReturn',
    signatureRequired: false,
    senders: ['logistics'],
  },
  CEB621Message: {
    type: 'CEB621Message',
    nameZh: '进口清单',
    entity: 'Inventory',
    receipt: 'CEB622Message',
    receiptEntity: 'InventoryReturn',
    signatureRequired: true,
    senders: ['declaration_agent', 'ebc'],
  },
  CEB623Message: {
    type: 'CEB623Message',
    nameZh: '撤销申请单',
    entity: 'InvtCancel',
    receipt: 'CEB624Message',
    receiptEntity: 'InvtCancelReturn',
    signatureRequired: true,
    senders: ['declaration_agent', 'ebc'],
  },
  CEB625Message: {
    type: 'CEB625Message',
    nameZh: '退货申请单',
    entity: 'InvtRefund',
    receipt: 'CEB626Message',
    receiptEntity: 'InvtRefundReturn',
    signatureRequired: true,
    senders: ['declaration_agent', 'ebc'],
  },
  CEB711Message: {
    type: 'CEB711Message',
    nameZh: '入库明细单',
    entity: 'Delivery',
    receipt: 'CEB712Message',
    receiptEntity: 'DeliveryReturn',
    signatureRequired: true,
    senders: ['warehouse', 'logistics'],
  },
};

export const CEB_RECEIVER_IMPORT = 'DXPEDCCEB0000002';
