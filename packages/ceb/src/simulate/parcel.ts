import { Dec } from '../decimal.ts';
import type * as T from '../generated/import-202205.ts';
import { newCebGuid } from '../receipts.ts';
import { officialSchema } from '../schemas.ts';
import { signEnveloped, type SigningKey } from '../signature.ts';
import { cebAppTime, cebDate } from '../time.ts';
import { CEB_NS } from '../xsd/model.ts';
import { serialize } from '../xsd/serialize.ts';
import type { CebObject } from '../xsd/validate.ts';
import { numberedLines } from './lines.ts';

export interface Party {
  code: string;
  name: string;
  dxpId: string;
}

export interface ParcelItem {
  itemNo: string;
  gcode: string;
  gname: string;
  gmodel: string;
  unit: string;
  /** Legal first unit and quantity (JGS-20), e.g. 035 千克. */
  unit1: string;
  qty: string;
  qty1: string;
  price: string;
  country: string;
  barCode?: string;
  /** 1210: the account-book item number. */
  itemRecordNo?: string;
}

export interface ParcelSpec {
  now: Date;
  tradeMode: '9610' | '1210';
  customsCode: string;
  portCode: string;
  orderNo: string;
  logisticsNo: string;
  payTransactionId: string;
  copNo: string;
  platform: Party;
  seller: Party;
  payment: Party;
  logistics: Party;
  agent: Party;
  buyer: { regNo: string; name: string; idNumber: string; telephone: string; address: string };
  items: ParcelItem[];
  freight: string;
  insuredFee: string;
  /** 1210: account book of the bonded warehouse, and the warehouse enterprise (areaCode). */
  emsNo?: string;
  area?: Party;
  /** The agent's signing key (CEB621 must be signed). */
  agentKey: SigningKey;
}

export interface ParcelMessages {
  order: string;
  payment: string;
  waybill: string;
  inventory: string;
}

const fmt = (d: Dec, places = 2) => d.toFixed(places);
const baseTransfer = (p: Party): T.BaseTransfer => ({
  copCode: p.code,
  copName: p.name,
  dxpMode: 'DXP',
  dxpId: p.dxpId,
});

function message(root: string, value: CebObject, pending: string[] = []): string {
  const decl = officialSchema('202205', 'import').element(CEB_NS, root);
  if (!decl) throw new Error(root);
  return serialize(
    decl,
    { '@guid': newCebGuid(), '@version': '1.0', ...value },
    { prefix: 'ceb', declaration: false, pending },
  );
}

/**
 * The four messages of one import parcel, as a platform, a payment firm, a logistics firm and a declaration
 * agent would send them: amounts consistent across documents (acturalPaid = goodsValue + freight + taxTotal −
 * discount = amountPaid), consignee identical on order and waybill, inventory lines 1:1 with order lines.
 */
export function buildImportParcel(spec: ParcelSpec): ParcelMessages {
  const appTime = cebAppTime(spec.now);
  const { lines, goodsValue } = numberedLines(spec.items);
  const freight = new Dec(spec.freight);
  const acturalPaid = goodsValue.plus(freight);
  const weight = lines.reduce(
    (s, l) => s.plus(new Dec(l.unit1 === '035' ? l.qty1 : '0.5').times(l.unit1 === '035' ? 1 : l.qty)),
    new Dec(0.2),
  );

  const orderHead: T.OrderHead = {
    guid: newCebGuid(),
    appType: '1',
    appTime,
    appStatus: '2',
    orderType: 'I',
    orderNo: spec.orderNo,
    ebpCode: spec.platform.code,
    ebpName: spec.platform.name,
    ebcCode: spec.seller.code,
    ebcName: spec.seller.name,
    goodsValue: fmt(goodsValue),
    freight: fmt(freight),
    discount: '0',
    taxTotal: '0',
    acturalPaid: fmt(acturalPaid),
    currency: '142',
    buyerRegNo: spec.buyer.regNo,
    buyerName: spec.buyer.name,
    buyerTelephone: spec.buyer.telephone,
    buyerIdType: '1',
    buyerIdNumber: spec.buyer.idNumber,
    payCode: spec.payment.code,
    payName: spec.payment.name,
    payTransactionId: spec.payTransactionId,
    consignee: spec.buyer.name,
    consigneeTelephone: spec.buyer.telephone,
    consigneeAddress: spec.buyer.address,
  };
  const orderList: T.OrderList[] = lines.map((l) => ({
    gnum: l.gnum,
    itemNo: l.itemNo,
    itemName: l.gname,
    gmodel: l.gmodel,
    ...(l.barCode ? { barCode: l.barCode } : {}),
    unit: l.unit,
    qty: l.qty,
    price: l.price,
    totalPrice: fmt(l.total),
    currency: '142',
    country: l.country,
  }));
  const order = message('CEB311Message', {
    Order: [{ OrderHead: orderHead, OrderList: orderList }] as unknown as CebObject[],
    BaseTransfer: baseTransfer(spec.platform) as unknown as CebObject,
  });

  const paymentHead: T.PaymentHead = {
    guid: newCebGuid(),
    appType: '1',
    appTime,
    appStatus: '2',
    payCode: spec.payment.code,
    payName: spec.payment.name,
    payTransactionId: spec.payTransactionId,
    orderNo: spec.orderNo,
    ebpCode: spec.platform.code,
    ebpName: spec.platform.name,
    payerIdType: '1',
    payerIdNumber: spec.buyer.idNumber,
    payerName: spec.buyer.name,
    telephone: spec.buyer.telephone,
    amountPaid: fmt(acturalPaid),
    currency: '142',
    payTime: appTime,
  };
  const payment = message('CEB411Message', {
    Payment: [{ PaymentHead: paymentHead }] as unknown as CebObject[],
    BaseTransfer: baseTransfer(spec.payment) as unknown as CebObject,
  });

  const logisticsHead: T.LogisticsHead = {
    guid: newCebGuid(),
    appType: '1',
    appTime,
    appStatus: '2',
    logisticsCode: spec.logistics.code,
    logisticsName: spec.logistics.name,
    logisticsNo: spec.logisticsNo,
    ...(spec.tradeMode === '9610' ? { billNo: `MAWB${spec.orderNo.slice(-8)}` } : {}),
    orderNo: spec.orderNo,
    freight: fmt(freight),
    insuredFee: spec.insuredFee,
    currency: '142',
    weight: fmt(weight, 3),
    packNo: '1',
    goodsInfo: lines
      .map((l) => l.gname)
      .join(',')
      .slice(0, 200),
    consignee: spec.buyer.name,
    consigneeAddress: spec.buyer.address,
    consigneeTelephone: spec.buyer.telephone,
  };
  const waybill = message('CEB511Message', {
    Logistics: [{ LogisticsHead: logisticsHead }] as unknown as CebObject[],
    BaseTransfer: baseTransfer(spec.logistics) as unknown as CebObject,
  });

  const bonded = spec.tradeMode === '1210';
  const inventoryHead: T.InventoryHead = {
    guid: newCebGuid(),
    appType: '1',
    appTime,
    appStatus: '2',
    orderNo: spec.orderNo,
    ebpCode: spec.platform.code,
    ebpName: spec.platform.name,
    ebcCode: spec.seller.code,
    ebcName: spec.seller.name,
    logisticsNo: spec.logisticsNo,
    logisticsCode: spec.logistics.code,
    logisticsName: spec.logistics.name,
    copNo: spec.copNo,
    assureCode: spec.agent.code,
    ...(bonded && spec.emsNo ? { emsNo: spec.emsNo } : {}),
    ieFlag: 'I',
    declTime: cebDate(spec.now),
    customsCode: spec.customsCode,
    portCode: spec.portCode,
    ieDate: cebDate(spec.now),
    buyerIdType: '1',
    buyerIdNumber: spec.buyer.idNumber,
    buyerName: spec.buyer.name,
    buyerTelephone: spec.buyer.telephone,
    consigneeAddress: spec.buyer.address,
    agentCode: spec.agent.code,
    agentName: spec.agent.name,
    ...(bonded && spec.area ? { areaCode: spec.area.code, areaName: spec.area.name } : {}),
    tradeMode: spec.tradeMode,
    trafMode: bonded ? 'W' : '5',
    ...(bonded ? {} : { trafNo: 'CA1234', voyageNo: 'CA1234', billNo: `MAWB${spec.orderNo.slice(-8)}` }),
    country: bonded ? '142' : (lines[0]?.country ?? '142'),
    freight: fmt(freight),
    insuredFee: spec.insuredFee,
    currency: '142',
    packNo: '1',
    grossWeight: fmt(weight, 3),
    netWeight: fmt(weight.times(0.9), 3),
  };
  const inventoryList: T.InventoryList[] = lines.map((l) => ({
    gnum: l.gnum,
    ...(bonded && l.itemRecordNo ? { itemRecordNo: l.itemRecordNo } : {}),
    itemNo: l.itemNo.slice(0, 20),
    itemName: l.gname,
    gcode: l.gcode,
    gname: l.gname,
    gmodel: l.gmodel,
    barCode: l.barCode ?? '无',
    country: l.country,
    currency: '142',
    qty: l.qty,
    unit: l.unit,
    qty1: l.qty1,
    unit1: l.unit1,
    price: l.price,
    totalPrice: fmt(l.total),
  }));
  const unsigned = message(
    'CEB621Message',
    {
      Inventory: [{ InventoryHead: inventoryHead, InventoryList: inventoryList }] as unknown as CebObject[],
      BaseTransfer: baseTransfer(spec.agent) as unknown as CebObject,
    },
    ['Signature'],
  );
  const inventory = signEnveloped(unsigned, spec.agentKey);
  return { order, payment, waybill, inventory: `<?xml version="1.0" encoding="UTF-8"?>\n${inventory}` };
}
