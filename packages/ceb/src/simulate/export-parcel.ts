import { Dec } from '../decimal.ts';
import type * as E from '../generated/export-202205.ts';
import { newCebGuid } from '../receipts.ts';
import { officialSchema } from '../schemas.ts';
import { signEnveloped, type SigningKey } from '../signature.ts';
import { cebAppTime, cebDate } from '../time.ts';
import { CEB_NS } from '../xsd/model.ts';
import { serialize } from '../xsd/serialize.ts';
import type { CebObject } from '../xsd/validate.ts';
import { numberedLines } from './lines.ts';
import type { Party } from './parcel.ts';
import { prng } from './traffic.ts';

/**
 * Export traffic as enterprises send it (ceb-reference §3.2, §4.11–4.18, §5.3–5.5; spec 202205 ch. 2): the
 * four documents of one export parcel (CEB303 order, CEB403 receipt, CEB505 waybill, CEB603 inventory), the
 * batch documents of the supervised site and the carrier (CEB507 arrival, CEB509 departure, CEB607 waybill
 * binding), and the follow-ups (CEB605 cancel, CEB701 summary application, CEB213 return, CEB215 return tally).
 * Every builder writes XSD order through the export schema, so its output validates against the official XSD.
 */

/** Trade modes (海关监管方式) of an export parcel: 9610 retail, 1210 special-zone, 9710 B2B direct, 9810 overseas warehouse. */
export type ExportTradeMode = '9610' | '9710' | '9810' | '1210';

/** CEB303 `orderType`: E B2C retail, B B2B (9710), W overseas-warehouse booking (9810, 海外仓订仓单). */
export type ExportOrderType = 'E' | 'B' | 'W';

export interface ExportParcelItem {
  /** Enterprise item number: up to 30 characters in the order, the first 20 go to the inventory. */
  itemNo: string;
  /** The enterprise's own name of the goods (used as the tax-refund name after summary); defaults to gname. */
  itemName?: string;
  /** 10-digit customs commodity code; for statisticsFlag A only the first 4 digits count (the rest is written as 0). */
  gcode: string;
  gname: string;
  gmodel: string;
  /** `无` when there is none. */
  barCode?: string;
  /** Final destination country (最终目的国, JGS-20); defaults to the parcel's country. */
  country?: string;
  /** Declared unit and quantity, legal first unit and quantity (JGS-20 units, e.g. 011 件, 035 千克). */
  unit: string;
  qty: string;
  unit1: string;
  qty1: string;
  unit2?: string;
  qty2?: string;
  /** FOB unit price, in the parcel's currency. */
  price: string;
  /** 1210: the account-book item number. */
  itemRecordNo?: string;
}

/** The voyage the goods leave on (CEB603 head, CEB509, CEB607); air freight by default. */
export interface ExportTransport {
  /** JGS-20 transport mode, e.g. 5 air, 2 sea, 4 road, 6 post. */
  trafMode: string;
  trafName: string;
  voyageNo: string;
  /** Master bill (海运提单 / 空运总单 / 汽车载货清单). */
  billNo: string;
  /** Truck plate of the domestic leg into the supervised site (CEB507, CEB607). */
  domesticTrafNo: string;
  totalPackageNo?: string;
}

export interface ExportParcelSpec {
  now: Date;
  tradeMode: ExportTradeMode;
  /** Defaults by trade mode: 9710 → B, 9810 → W, otherwise E. */
  orderType?: ExportOrderType;
  /** A 简化申报 (clearance only, not summarised) or B 汇总申报 (summarised monthly by CEB701); default B. */
  statisticsFlag?: 'A' | 'B';
  /** Customs office where the inventory is declared (申报地海关, 4 digits). */
  customsCode: string;
  /** Exit customs office (出口口岸). */
  portCode: string;
  /** Supervised site, where the customs office has several. */
  loctNo?: string;
  /** Country of destination of the voyage (运抵国, JGS-20), e.g. 502 USA. */
  country: string;
  /** Port of destination (指运港, C3..4); defaults to the country code. */
  pod?: string;
  /** JGS-20 currency of prices, freight and insurance; default 142 (CNY). */
  currency?: string;
  orderNo: string;
  logisticsNo: string;
  copNo: string;
  /** CEB403 payment transaction number, when a payment firm collected the money. */
  payNo?: string;
  platform: Party;
  /** The e-commerce enterprise: consignor (收发货人) of the inventory. */
  seller: Party;
  /** Production-sales unit (生产销售单位); defaults to the seller. */
  owner?: Party;
  /** The collecting payment firm; without one CEB403 says 现金支付 and the seller sends it. */
  payment?: Party;
  logistics: Party;
  agent: Party;
  /** 1210: the special-zone warehouse enterprise (iacCode) and its account book. */
  area?: Party;
  emsNo?: string;
  items: ExportParcelItem[];
  freight: string;
  insuredFee: string;
  /** Packing type code (包装种类), default 2 (纸制或纤维板制盒/箱). */
  wrapType?: string;
  /** Computed from the legal quantities in kilograms when not given. */
  grossWeight?: string;
  netWeight?: string;
  transport?: Partial<ExportTransport>;
  /** The agent's key: CEB603, CEB605 and CEB213 are signed when it is given (the spec marks 603/605 Signature 是). */
  agentKey?: SigningKey;
}

export interface ExportParcelMessages {
  order: string;
  receipt: string;
  waybill: string;
  inventory: string;
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const fmt = (d: Dec, places = 2) => d.toFixed(places);
const bt = (p: Party) =>
  ({
    copCode: p.code,
    copName: p.name,
    dxpMode: 'DXP',
    dxpId: p.dxpId,
  }) satisfies E.BaseTransfer as unknown as CebObject;

/** Serialises an export message in the prefixed form enterprises send, signed when a key is given. */
function build(root: string, value: CebObject, key?: SigningKey): string {
  const decl = officialSchema('202205', 'export').element(CEB_NS, root);
  if (!decl) throw new Error(`no XSD element ${root}`);
  const xml = serialize(
    decl,
    { '@guid': newCebGuid(), '@version': '1.0', ...value },
    { prefix: 'ceb', declaration: false },
  );
  // Signature is the last child written: ExtendMessage, which the export XSD puts after it, is never emitted.
  return DECLARATION + (key ? signEnveloped(xml, key) : xml);
}

/**
 * Serialises a message (`root`, e.g. CEB507Message) whose one `entity` (e.g. Arrival) holds `entityHead` and
 * `entityList` as `<entity>Head` and `<entity>List`, sent by `sender` and signed when a key is given.
 */
function buildHeadAndList(
  root: string,
  entity: string,
  entityHead: object,
  entityList: object[],
  sender: Party,
  key?: SigningKey,
): string {
  const value = { [`${entity}Head`]: entityHead, [`${entity}List`]: entityList };
  return build(root, { [entity]: [value] as unknown as CebObject[], BaseTransfer: bt(sender) }, key);
}

const head = (now: Date, appStatus: '1' | '2' = '2') => ({
  guid: newCebGuid(),
  appType: '1',
  appTime: cebAppTime(now),
  appStatus,
});

export const DEFAULT_EXPORT_TRANSPORT: ExportTransport = {
  trafMode: '5',
  trafName: 'CA1041',
  voyageNo: 'CA1041',
  billNo: '999-10000001',
  domesticTrafNo: '豫H12345',
};

const transportOf = (t?: Partial<ExportTransport>): ExportTransport => ({
  ...DEFAULT_EXPORT_TRANSPORT,
  ...t,
});

const defaultOrderType = (mode: ExportTradeMode): ExportOrderType =>
  mode === '9710' ? 'B' : mode === '9810' ? 'W' : 'E';

/** Lines with their numbers and totals, and the parcel's amounts and weights, computed once for all four documents. */
function figures(spec: ExportParcelSpec) {
  const { lines, goodsValue } = numberedLines(spec.items);
  const freight = new Dec(spec.freight);
  // Kilograms where a legal unit is 035 千克, else half a kilogram a piece.
  const kilograms = (l: ExportParcelItem) =>
    l.unit1 === '035'
      ? new Dec(l.qty1)
      : l.unit2 === '035' && l.qty2
        ? new Dec(l.qty2)
        : new Dec('0.5').times(l.qty);
  const net = lines.reduce((s, l) => s.plus(kilograms(l)), new Dec(0));
  return {
    lines,
    goodsValue,
    freight,
    netWeight: spec.netWeight ?? fmt(net, 3),
    grossWeight: spec.grossWeight ?? fmt(net.plus('0.2'), 3),
    currency: spec.currency ?? '142',
  };
}

/**
 * The four messages of one export parcel, as the platform, the seller (or its payment firm), the carrier and
 * the declaring agent send them: the order's goodsValue is the sum of its lines (FOB), the receipt collects
 * goodsValue + freight, the waybill and the inventory share the logisticsNo, and inventory lines are 1:1 with
 * order lines (gnum). Spec 202205 §2.1, 2.3, 2.5, 2.11.
 */
export function buildExportParcel(spec: ExportParcelSpec): ExportParcelMessages {
  const f = figures(spec);
  const t = transportOf(spec.transport);
  const statisticsFlag = spec.statisticsFlag ?? 'B';

  const orderHead: E.OrderHead = {
    ...head(spec.now),
    orderType: spec.orderType ?? defaultOrderType(spec.tradeMode),
    orderNo: spec.orderNo,
    ebpCode: spec.platform.code,
    ebpName: spec.platform.name,
    ebcCode: spec.seller.code,
    ebcName: spec.seller.name,
    goodsValue: fmt(f.goodsValue),
    freight: fmt(f.freight),
    currency: f.currency,
  };
  const orderList: E.OrderList[] = f.lines.map((l) => ({
    gnum: l.gnum,
    itemNo: l.itemNo,
    itemName: l.itemName ?? l.gname,
    ...(l.barCode ? { barCode: l.barCode } : {}),
    unit: l.unit,
    currency: f.currency,
    qty: l.qty,
    price: l.price,
    totalPrice: fmt(l.total),
  }));
  // An overseas-warehouse booking (W) names the warehouse operator as ebp; the seller books and sends it.
  const orderSender = orderHead.orderType === 'W' ? spec.seller : spec.platform;
  const order = buildHeadAndList('CEB303Message', 'Order', orderHead, orderList, orderSender);

  const receipts: E.Receipts = {
    ...head(spec.now),
    ebpCode: spec.platform.code,
    ebpName: spec.platform.name,
    ebcCode: spec.seller.code,
    ebcName: spec.seller.name,
    orderNo: spec.orderNo,
    ...(spec.payment ? { payCode: spec.payment.code } : {}),
    payName: spec.payment?.name ?? '现金支付',
    ...(spec.payNo ? { payNo: spec.payNo } : {}),
    charge: fmt(f.goodsValue.plus(f.freight)),
    currency: f.currency,
    accountingDate: cebAppTime(spec.now),
  };
  const receipt = build('CEB403Message', {
    Receipts: [receipts] as unknown as CebObject[],
    BaseTransfer: bt(spec.payment ?? spec.seller),
  });

  const logistics: E.Logistics = {
    ...head(spec.now),
    logisticsCode: spec.logistics.code,
    logisticsName: spec.logistics.name,
    logisticsNo: spec.logisticsNo,
    freight: fmt(f.freight),
    insuredFee: spec.insuredFee,
    currency: f.currency,
    grossWeight: f.grossWeight,
    packNo: '1',
    goodsInfo: f.lines
      .map((l) => l.gname)
      .join(',')
      .slice(0, 200),
    ebcCode: spec.seller.code,
    ebcName: spec.seller.name,
  };
  const waybill = build('CEB505Message', {
    Logistics: [logistics] as unknown as CebObject[],
    BaseTransfer: bt(spec.logistics),
  });

  const special = spec.tradeMode === '1210';
  const owner = spec.owner ?? spec.seller;
  const inventoryHead: E.InventoryHead = {
    ...head(spec.now),
    customsCode: spec.customsCode,
    ebpCode: spec.platform.code,
    ebpName: spec.platform.name,
    orderNo: spec.orderNo,
    logisticsCode: spec.logistics.code,
    logisticsName: spec.logistics.name,
    logisticsNo: spec.logisticsNo,
    copNo: spec.copNo,
    ieFlag: 'E',
    portCode: spec.portCode,
    ieDate: cebDate(spec.now),
    statisticsFlag,
    agentCode: spec.agent.code,
    agentName: spec.agent.name,
    ebcCode: spec.seller.code,
    ebcName: spec.seller.name,
    ownerCode: owner.code,
    ownerName: owner.name,
    ...(special && spec.area ? { iacCode: spec.area.code, iacName: spec.area.name } : {}),
    ...(special && spec.emsNo ? { emsNo: spec.emsNo } : {}),
    tradeMode: spec.tradeMode,
    trafMode: t.trafMode,
    trafName: t.trafName,
    voyageNo: t.voyageNo,
    billNo: t.billNo,
    ...(t.totalPackageNo ? { totalPackageNo: t.totalPackageNo } : {}),
    ...(spec.loctNo ? { loctNo: spec.loctNo } : {}),
    country: spec.country,
    POD: spec.pod ?? spec.country,
    freight: fmt(f.freight),
    fCurrency: f.currency,
    fFlag: '3',
    insuredFee: spec.insuredFee,
    iCurrency: f.currency,
    iFlag: '3',
    wrapType: spec.wrapType ?? '2',
    packNo: '1',
    grossWeight: f.grossWeight,
    netWeight: f.netWeight,
  };
  const inventoryList: E.InventoryList[] = f.lines.map((l) => ({
    gnum: l.gnum,
    itemNo: l.itemNo.slice(0, 20),
    ...(special && l.itemRecordNo ? { itemRecordNo: l.itemRecordNo } : {}),
    itemName: l.itemName ?? l.gname,
    // Simplified (A) declarations: "商品编码按税则表前4位填写" (XSD doc of statisticsFlag).
    gcode: statisticsFlag === 'A' ? l.gcode.slice(0, 4).padEnd(10, '0') : l.gcode,
    gname: l.gname,
    gmodel: l.gmodel,
    barCode: l.barCode ?? '无',
    country: l.country ?? spec.country,
    currency: f.currency,
    qty: l.qty,
    qty1: l.qty1,
    ...(l.qty2 && l.unit2 ? { qty2: l.qty2 } : {}),
    unit: l.unit,
    unit1: l.unit1,
    ...(l.qty2 && l.unit2 ? { unit2: l.unit2 } : {}),
    price: l.price,
    totalPrice: fmt(l.total),
  }));
  const inventory = buildHeadAndList(
    'CEB603Message',
    'Inventory',
    inventoryHead,
    inventoryList,
    spec.agent,
    spec.agentKey,
  );
  return { order, receipt, waybill, inventory };
}

/** A batch of parcels moving together (arrival at the site, departure, binding to a master bill). */
export interface ExportBatchSpec {
  now: Date;
  customsCode: string;
  copNo: string;
  loctNo?: string;
  logistics: Party;
  transport?: Partial<ExportTransport>;
  parcels: { logisticsNo: string; invtNo?: string; totalPackageNo?: string }[];
  /** 1 暂存 or 2 申报 (default); a declared CEB507/CEB607 is to be signed (spec §2.7.4, §2.15.4). */
  appStatus?: '1' | '2';
}

/**
 * The head fields the three batch messages (CEB507 arrival, CEB509 departure, CEB607 waybill binding) share: the
 * application, the office and copNo, the carrier, the transport mode and master bill of `t`, and the counters
 * of a batch sent as one message (msgCount = msgSeqNo = 1).
 */
const batchHead = (spec: ExportBatchSpec, t: ExportTransport) => ({
  ...head(spec.now, spec.appStatus),
  customsCode: spec.customsCode,
  copNo: spec.copNo,
  logisticsCode: spec.logistics.code,
  logisticsName: spec.logistics.name,
  trafMode: t.trafMode,
  billNo: t.billNo,
  msgCount: '1',
  msgSeqNo: '1',
});

/**
 * The list of a batch message: one line per parcel, numbered from 1, with its waybill and package number, plus
 * what `more`, when given, adds for the message.
 */
const batchList = <M extends object>(
  spec: ExportBatchSpec,
  more?: (parcel: ExportBatchSpec['parcels'][number]) => M,
) =>
  spec.parcels.map((p, i) => ({
    gnum: String(i + 1),
    logisticsNo: p.logisticsNo,
    ...(p.totalPackageNo ? { totalPackageNo: p.totalPackageNo } : {}),
    ...more?.(p),
  }));

/**
 * CEB507 运抵单 (spec 202205 §2.7): the supervised-site operator (or the postal carrier) reports which export
 * waybills arrived at the site, and on which truck. Signed when a key is given.
 */
export function buildExportArrival(spec: ExportBatchSpec & { operator: Party }, key?: SigningKey): string {
  const t = transportOf(spec.transport);
  const arrivalHead: E.ArrivalHead = {
    ...batchHead(spec, t),
    operatorCode: spec.operator.code,
    operatorName: spec.operator.name,
    ...(spec.loctNo ? { loctNo: spec.loctNo } : {}),
    ieFlag: 'E',
    domesticTrafNo: t.domesticTrafNo,
  };
  const arrivalList: E.ArrivalList[] = batchList(spec);
  return buildHeadAndList('CEB507Message', 'Arrival', arrivalHead, arrivalList, spec.operator, key);
}

/** CEB509 离境单 (spec 202205 §2.9): the carrier reports the waybills gone on a voyage, with the time of departure. */
export function buildExportDeparture(spec: ExportBatchSpec & { leaveTime?: Date }, key?: SigningKey): string {
  const t = transportOf(spec.transport);
  const departureHead: E.DepartureHead = {
    ...batchHead(spec, t),
    trafName: t.trafName,
    voyageNo: t.voyageNo,
    leaveTime: cebAppTime(spec.leaveTime ?? spec.now),
  };
  const departureList: E.DepartureList[] = batchList(spec);
  return buildHeadAndList('CEB509Message', 'Departure', departureHead, departureList, spec.logistics, key);
}

/**
 * CEB607 清单总分单 (spec 202205 §2.15): binds waybills (and their inventories) to the master bill and voyage,
 * which an inventory may have been declared without. Sent by the agent (or the carrier).
 */
export function buildWayBillBinding(
  spec: ExportBatchSpec & { agent: Party; grossWeight: string },
  key?: SigningKey,
): string {
  const t = transportOf(spec.transport);
  const wayBillHead: E.WayBillHead = {
    ...batchHead(spec, t),
    agentCode: spec.agent.code,
    agentName: spec.agent.name,
    ...(spec.loctNo ? { loctNo: spec.loctNo } : {}),
    trafName: t.trafName,
    voyageNo: t.voyageNo,
    domesticTrafNo: t.domesticTrafNo,
    grossWeight: spec.grossWeight,
  };
  const wayBillList: E.WayBillList[] = batchList(spec, (p) => (p.invtNo ? { invtNo: p.invtNo } : {}));
  return buildHeadAndList('CEB607Message', 'WayBill', wayBillHead, wayBillList, spec.agent, key);
}

/** CEB605 撤销申请单 (spec 202205 §2.13): the agent asks customs to cancel a released export inventory. */
export function buildExportCancel(spec: ExportParcelSpec, invtNo: string, reason: string): string {
  const cancel: E.InvtCancel = {
    ...head(spec.now),
    customsCode: spec.customsCode,
    copNo: `C${spec.copNo}`.slice(0, 30),
    invtNo,
    reason,
    agentCode: spec.agent.code,
    agentName: spec.agent.name,
    ebcCode: spec.seller.code,
    ebcName: spec.seller.name,
  };
  return build(
    'CEB605Message',
    { InvtCancel: [cancel] as unknown as CebObject[], BaseTransfer: bt(spec.agent) },
    spec.agentKey,
  );
}

export interface SummaryApplySpec {
  now: Date;
  customsCode: string;
  copNo: string;
  loctNo?: string;
  agent: Party;
  /** The consignor whose inventories are summarised (收发货人). */
  seller: Party;
  /** The broker that files the resulting customs declarations; defaults to the agent. */
  declAgent?: Party;
  /** Either the inventories by number … */
  invtNos?: string[];
  /** … or every inventory in a time range ("如指定时间范围将忽略表体数据"). */
  period?: { start: Date; end: Date };
  /** 1 by consignor only; 2 by consignor and production-sales unit. Default 1. */
  summaryFlag?: '1' | '2';
  /**
   * 1 groups by the inventories' own itemName. The spec says "不填则按商品综合分类名汇总", but the XSD requires one
   * character, so `0` stands for "customs' consolidated name" here [UNVERIFIED practice]. Default 1.
   */
  itemNameFlag?: '1' | '0';
}

/** CEB701 汇总申请单 (spec 202205 §2.21; ceb-reference §4.17, §9): ask customs to summarise B-type inventories. */
export function buildSummaryApply(spec: SummaryApplySpec, key?: SigningKey): string {
  const declAgent = spec.declAgent ?? spec.agent;
  const summaryHead: E.SummaryApplyHead = {
    ...head(spec.now),
    customsCode: spec.customsCode,
    copNo: spec.copNo,
    agentCode: spec.agent.code,
    agentName: spec.agent.name,
    ebcCode: spec.seller.code,
    ebcName: spec.seller.name,
    declAgentCode: declAgent.code,
    declAgentName: declAgent.name,
    ...(spec.period
      ? { startTime: cebAppTime(spec.period.start), endTime: cebAppTime(spec.period.end) }
      : {}),
    ...(spec.loctNo ? { loctNo: spec.loctNo } : {}),
    summaryFlag: spec.summaryFlag ?? '1',
    itemNameFlag: spec.itemNameFlag ?? '1',
    msgCount: '1',
    msgSeqNo: '1',
  };
  const summaryList: E.SummaryApplyList[] = (spec.invtNos ?? []).map((invtNo) => ({ invtNo }));
  return build(
    'CEB701Message',
    {
      SummaryApply: [
        { SummaryApplyHead: summaryHead, ...(summaryList.length ? { SummaryApplyList: summaryList } : {}) },
      ] satisfies E.SummaryApply[] as unknown as CebObject[],
      BaseTransfer: bt(spec.agent),
    },
    key,
  );
}

export interface ExportReturnLine {
  /** The original inventory line. */
  gnum: string;
  gcode: string;
  gname: string;
  gmodel: string;
  qty: string;
  unit: string;
  qty1: string;
  unit1: string;
  qty2?: string;
  unit2?: string;
}

export interface ExportReturnOptions {
  invtNo: string;
  lines: ExportReturnLine[];
  reason: string;
  /** 9661 return of a 9610 export, 1261 of a special-zone (1210) export; default by the parcel's trade mode. */
  tradeMode?: '9661' | '1261';
  /** The inbound waybill, when the goods come back under another number; default the original one. */
  logisticsNo?: string;
  logistics?: Party;
  coElNo?: string;
  /** The inbound voyage; billNo defaults to the waybill number ("如无则填写物流运单号"). */
  transport?: Partial<ExportTransport>;
}

/** CEB213 退货申请单 (spec 202205 §2.17, 公告2020年第44号): goods of a released export inventory come back. */
export function buildExportReturn(spec: ExportParcelSpec, o: ExportReturnOptions): string {
  const logistics = o.logistics ?? spec.logistics;
  const logisticsNo = o.logisticsNo ?? spec.logisticsNo;
  const t = transportOf({ billNo: logisticsNo, ...o.transport });
  const refundHead: E.InvtRefundHead = {
    ...head(spec.now),
    customsCode: spec.customsCode,
    ...(spec.loctNo ? { loctNo: spec.loctNo } : {}),
    ebpCode: spec.platform.code,
    ebpName: spec.platform.name,
    ebcCode: spec.seller.code,
    ebcName: spec.seller.name,
    logisticsNo,
    logisticsCode: logistics.code,
    logisticsName: logistics.name,
    coElNo: o.coElNo ?? `R${spec.copNo}`.slice(0, 30),
    invtNo: o.invtNo,
    tradeMode: o.tradeMode ?? (spec.tradeMode === '1210' ? '1261' : '9661'),
    agentCode: spec.agent.code,
    agentName: spec.agent.name,
    billNo: t.billNo,
    ieFlag: 'I',
    trafMode: t.trafMode,
    trafName: t.trafName,
    portCode: spec.portCode,
    reason: o.reason,
    country: spec.country,
    voyageNo: t.voyageNo,
  };
  const refundList: E.InvtRefundList[] = o.lines.map((l) => ({
    gnum: l.gnum,
    gcode: l.gcode,
    gname: l.gname,
    gmodel: l.gmodel,
    qty: l.qty,
    qty1: l.qty1,
    unit: l.unit,
    unit1: l.unit1,
    ...(l.qty2 && l.unit2 ? { qty2: l.qty2, unit2: l.unit2 } : {}),
  }));
  return buildHeadAndList('CEB213Message', 'InvtRefund', refundHead, refundList, spec.agent, spec.agentKey);
}

/** The export lines of a parcel as a return would name them (all of each line, by default). */
export function returnLinesOf(spec: ExportParcelSpec): ExportReturnLine[] {
  const flag = spec.statisticsFlag ?? 'B';
  return spec.items.map((l, i) => ({
    gnum: String(i + 1),
    gcode: flag === 'A' ? l.gcode.slice(0, 4).padEnd(10, '0') : l.gcode,
    gname: l.gname,
    gmodel: l.gmodel,
    qty: l.qty,
    unit: l.unit,
    qty1: l.qty1,
    unit1: l.unit1,
    ...(l.qty2 && l.unit2 ? { qty2: l.qty2, unit2: l.unit2 } : {}),
  }));
}

/**
 * CEB215 退货理货明细单 (spec 202205 §2.19): the site operator reports a returned parcel tallied at the site.
 */
export function buildReturnTally(
  spec: ExportParcelSpec,
  o: {
    operator: Party;
    invtNo?: string;
    logisticsNo?: string;
    coElNo?: string;
    location?: string;
    transport?: Partial<ExportTransport>;
  },
  key?: SigningKey,
): string {
  const logisticsNo = o.logisticsNo ?? spec.logisticsNo;
  const t = transportOf({ billNo: logisticsNo, ...o.transport });
  const detail: E.InvtRefundDetail = {
    ...head(spec.now),
    customsCode: spec.customsCode,
    operatorCode: o.operator.code,
    operatorName: o.operator.name,
    logisticsCode: spec.logistics.code,
    logisticsName: spec.logistics.name,
    logisticsNo,
    ...(o.invtNo ? { invtNo: o.invtNo } : {}),
    coElNo: o.coElNo ?? `T${spec.copNo}`.slice(0, 20),
    billNo: t.billNo,
    ieFlag: 'I',
    trafMode: t.trafMode,
    trafName: t.trafName,
    voyageNo: t.voyageNo,
    ...(o.location ? { location: o.location } : {}),
  };
  return build(
    'CEB215Message',
    { InvtRefundDetail: [detail] as unknown as CebObject[], BaseTransfer: bt(o.operator) },
    key,
  );
}

/** Goods a Chinese seller typically exports through CBEC channels, with 10-digit customs commodity codes. */
export const EXPORT_CATALOGUE: ExportParcelItem[] = [
  {
    itemNo: 'EX-PHONE-01',
    gcode: '8517130000',
    gname: '智能手机',
    gmodel: '0|0|智能手机|128GB|无品牌',
    unit: '001',
    qty: '1',
    unit1: '001',
    qty1: '1',
    unit2: '035',
    qty2: '0.2',
    price: '180.00',
    barCode: '6901234567892',
  },
  {
    itemNo: 'EX-LAPTOP-01',
    gcode: '8471300000',
    gname: '笔记本电脑',
    gmodel: '0|0|便携式|14英寸|无品牌',
    unit: '001',
    qty: '1',
    unit1: '001',
    qty1: '1',
    price: '420.00',
  },
  {
    itemNo: 'EX-DRYER-01',
    gcode: '8516310000',
    gname: '电吹风',
    gmodel: '0|0|电吹风|1800W|无品牌',
    unit: '001',
    qty: '1',
    unit1: '001',
    qty1: '1',
    unit2: '035',
    qty2: '0.6',
    price: '25.00',
  },
  {
    itemNo: 'EX-TOY-01',
    gcode: '9503008900',
    gname: '塑料积木玩具',
    gmodel: '0|0|塑料积木|500块',
    unit: '011',
    qty: '1',
    unit1: '035',
    qty1: '1.2',
    price: '12.00',
  },
  {
    itemNo: 'EX-PLASTIC-01',
    gcode: '3926909090',
    gname: '塑料收纳盒',
    gmodel: '0|0|塑料|收纳用',
    unit: '007',
    qty: '2',
    unit1: '035',
    qty1: '0.8',
    price: '3.50',
  },
  {
    itemNo: 'EX-TEXTILE-01',
    gcode: '6307900090',
    gname: '布艺收纳袋',
    gmodel: '0|0|涤纶|收纳用',
    unit: '011',
    qty: '3',
    unit1: '035',
    qty1: '0.45',
    price: '2.80',
  },
];

/** Destination countries (JGS-20): USA, UK, Germany, France, Australia, Japan. */
const DESTINATIONS = ['502', '303', '304', '305', '601', '116'] as const;

export interface ExportTrafficOptions {
  parcels: number;
  seed: number;
  now: Date;
  parties: { platform: Party; seller: Party; logistics: Party; agent: Party; payment?: Party };
  customsCode: string;
  portCode: string;
  /** Prefix that makes order, waybill and copNo numbers unique across runs. */
  runId: string;
  /** Share of B2B (9710) and overseas-warehouse (9810) parcels; the rest is 9610 retail. Default 0.2. */
  b2bShare?: number;
  agentKey?: SigningKey;
}

/**
 * Export traffic for tests and the simulator: a seeded mix of 9610 retail parcels (1–3 catalogue lines, qty
 * 1–3) and B2B/overseas-warehouse consignments (larger quantities) to several destinations, priced in USD.
 * The same seed gives the same parcels (guids aside).
 */
export function generateExportTraffic(o: ExportTrafficOptions): ExportParcelSpec[] {
  const rnd = prng(o.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const out: ExportParcelSpec[] = [];
  for (let n = 0; n < o.parcels; n++) {
    const b2b = rnd() < (o.b2bShare ?? 0.2);
    const tradeMode: ExportTradeMode = b2b ? pick(['9710', '9810'] as const) : '9610';
    const country = pick(DESTINATIONS);
    const factor = b2b ? 20 + Math.floor(rnd() * 80) : 1 + Math.floor(rnd() * 3);
    const items: ExportParcelItem[] = [];
    for (let i = 1 + Math.floor(rnd() * 3); i > 0; i--) {
      const item = pick(EXPORT_CATALOGUE);
      if (items.some((x) => x.itemNo === item.itemNo)) continue;
      const times = (v: string) => fmt(new Dec(v).times(factor), 3).replace(/\.?0+$/, '');
      items.push({
        ...item,
        qty: times(item.qty),
        qty1: times(item.qty1),
        ...(item.qty2 ? { qty2: times(item.qty2) } : {}),
      });
    }
    const key = `${o.runId}${String(n).padStart(7, '0')}`;
    out.push({
      now: o.now,
      tradeMode,
      customsCode: o.customsCode,
      portCode: o.portCode,
      country,
      // The catalogue prices are US dollars, the usual quotation currency of CBEC exports.
      currency: '502',
      orderNo: `EO${key}`,
      logisticsNo: `EL${key}`.slice(0, 32),
      copNo: `EC${key}`.slice(0, 30),
      ...(o.parties.payment ? { payNo: `EP${key}` } : {}),
      ...o.parties,
      items,
      freight: (b2b ? 200 + Math.floor(rnd() * 800) : 3 + Math.floor(rnd() * 15)).toFixed(2),
      insuredFee: '0',
      ...(o.agentKey ? { agentKey: o.agentKey } : {}),
    });
  }
  return out;
}
