/**
 * The four import documents as the rules see them: the fields of the CEB messages the rules read, with
 * the CEB field names (a CEB311 `OrderHead` plus its `OrderList` lines is an `OrderDocument`, and so on).
 * Amounts and quantities are decimal strings exactly as sent; the rules compute with decimal.js.
 */
export interface OrderLine {
  gnum: string;
  itemNo?: string | undefined;
  itemName: string;
  unit: string;
  qty: string;
  price: string;
  totalPrice: string;
  country: string;
}

/** CEB311 OrderHead + OrderList. */
export interface OrderDocument {
  orderNo: string;
  ebpCode: string;
  ebcCode: string;
  goodsValue: string;
  freight: string;
  discount: string;
  taxTotal: string;
  acturalPaid: string;
  currency: string;
  buyerRegNo: string;
  buyerName: string;
  buyerTelephone: string;
  buyerIdType: string;
  buyerIdNumber: string;
  payCode?: string | undefined;
  payTransactionId?: string | undefined;
  consignee: string;
  consigneeTelephone: string;
  consigneeAddress: string;
  lines: OrderLine[];
}

/** CEB411 PaymentHead. */
export interface PaymentDocument {
  payCode: string;
  payTransactionId: string;
  orderNo: string;
  ebpCode: string;
  payerIdType: string;
  payerIdNumber: string;
  payerName: string;
  amountPaid: string;
  currency: string;
  payTime: string;
}

/** CEB511 LogisticsHead. */
export interface WaybillDocument {
  logisticsCode: string;
  logisticsNo: string;
  orderNo: string;
  billNo?: string | undefined;
  freight?: string | undefined;
  insuredFee?: string | undefined;
  weight: string;
  consignee: string;
  consigneeAddress: string;
  consigneeTelephone: string;
}

export interface InventoryLine {
  gnum: string;
  itemRecordNo?: string | undefined;
  itemNo?: string | undefined;
  gcode: string;
  gname: string;
  country: string;
  qty: string;
  unit: string;
  qty1: string;
  unit1: string;
  qty2?: string | undefined;
  unit2?: string | undefined;
  price: string;
  totalPrice: string;
}

/** CEB621 InventoryHead + InventoryList. */
export interface InventoryDocument {
  orderNo: string;
  ebpCode: string;
  ebcCode: string;
  logisticsNo: string;
  logisticsCode: string;
  copNo?: string | undefined;
  assureCode: string;
  emsNo?: string | undefined;
  declTime: string;
  customsCode: string;
  portCode: string;
  buyerIdType: string;
  buyerIdNumber: string;
  buyerName: string;
  buyerTelephone: string;
  consigneeAddress: string;
  agentCode: string;
  areaCode?: string | undefined;
  tradeMode: string;
  trafMode: string;
  country: string;
  freight: string;
  insuredFee: string;
  currency: string;
  packNo: string;
  grossWeight: string;
  netWeight: string;
  lines: InventoryLine[];
}
