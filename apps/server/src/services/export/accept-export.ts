import {
  cebDate,
  EXPORT_REFUSAL_CODES,
  negativeInfo,
  type CebObject,
  type NegativeCode,
} from '@crossgate/ceb';
import type { Database, ExportDocType, Kysely } from '@crossgate/db';
import {
  checkExportMode,
  checkExportReturn,
  formatPreNo,
  inventoryValueCny,
  supportingDocumentLocked,
  toDecimal,
} from '@crossgate/domain';
import { completeMessage, insertMessage } from '../../repositories/ceb-messages.ts';
import {
  exchangeRate,
  exportInventoriesNaming,
  exportInventoriesOfWaybills,
  findExportDocument,
  findExportInventoryByInvtNo,
  insertExportDocument,
  insertExportInventory,
  markWaybills,
  replaceExportDocument,
  setExportStatus,
  updateExportInventory,
  waitingExportInventories,
  waybillMarks,
  type ExportDocumentRow,
  type ExportInventoryView,
} from '../../repositories/export-documents.ts';
import { appendEvents, nextSerial } from '../../repositories/import-documents.ts';
import { organisationCodes } from '../../repositories/organisations.ts';
import { filedWarehousesFor } from '../../repositories/overseas-warehouses.ts';
import { insertReturnLines, returnedQuantities } from '../../repositories/returns.ts';
import { enqueueReceipts, type OutboxReceipt } from '../../repositories/receipts-outbox.ts';
import { newId } from '../auth.ts';
import type { RequestContext } from '../context.ts';
import { actorOf, partyToInventory, REFUSALS, type RefusalGroup } from '../clearance-common.ts';
import { describeIssues } from '../import/clear-inventory.ts';
import { documentsWith, type DocumentShape, type InboundDocument } from '../import/documents.ts';
import type { GatewayAnswer } from '../import/accept-message.ts';
import { MessageAnswer } from '../import/receipts.ts';
import { bufferWrites } from '../import/write-buffer.ts';
import {
  attemptExportClearance,
  cancelExport,
  cancelRefusal,
  inventoryStateOf,
  onArrival,
  onDeparture,
} from './clear-export.ts';
import { EXPORT_KIND, exportOutbox, type ExportReceiptFacts } from './receipts.ts';
import { formSummary } from './summary.ts';

export type ExportDocument = InboundDocument<ExportDocType>;

/** How each export message carries its documents (202205 export XSD) and the identity of each kind. */
const SHAPES: Record<string, DocumentShape<ExportDocType>> = {
  CEB303Message: {
    docType: 'order',
    entity: 'Order',
    head: 'OrderHead',
    list: 'OrderList',
    key: (h) => `${h.ebpCode}|${h.orderNo}`,
  },
  CEB403Message: { docType: 'receipt', entity: 'Receipts', key: (h) => `${h.ebpCode}|${h.orderNo}` },
  CEB505Message: {
    docType: 'waybill',
    entity: 'Logistics',
    key: (h) => `${h.logisticsCode}|${h.logisticsNo}`,
  },
  CEB507Message: {
    docType: 'arrival',
    entity: 'Arrival',
    head: 'ArrivalHead',
    list: 'ArrivalList',
    key: (h) => `${h.operatorCode}|${h.copNo}|${h.msgSeqNo}`,
  },
  CEB509Message: {
    docType: 'departure',
    entity: 'Departure',
    head: 'DepartureHead',
    list: 'DepartureList',
    key: (h) => `${h.logisticsCode}|${h.copNo}|${h.msgSeqNo}`,
  },
  CEB603Message: {
    docType: 'inventory',
    entity: 'Inventory',
    head: 'InventoryHead',
    list: 'InventoryList',
    key: (h) => `${h.ebcCode}|${h.orderNo}`,
  },
  CEB605Message: { docType: 'cancel', entity: 'InvtCancel', key: (h) => `${h.invtNo}` },
  CEB607Message: {
    docType: 'bill_binding',
    entity: 'WayBill',
    head: 'WayBillHead',
    list: 'WayBillList',
    key: (h) => `${h.agentCode}|${h.copNo}|${h.msgSeqNo}`,
  },
  CEB701Message: {
    docType: 'summary_apply',
    entity: 'SummaryApply',
    head: 'SummaryApplyHead',
    list: 'SummaryApplyList',
    key: (h) => `${h.agentCode}|${h.copNo}|${h.msgSeqNo}`,
  },
  CEB213Message: {
    docType: 'refund',
    entity: 'InvtRefund',
    head: 'InvtRefundHead',
    list: 'InvtRefundList',
    key: (h) => `${h.invtNo}|${h.coElNo}`,
  },
  CEB215Message: {
    docType: 'refund_detail',
    entity: 'InvtRefundDetail',
    key: (h) => `${h.operatorCode}|${h.coElNo}|${h.logisticsNo}`,
  },
};

export function exportDocumentsOf(messageType: string, message: CebObject): ExportDocument[] {
  return documentsWith(SHAPES, messageType, message);
}

/**
 * Refusal codes per export document kind. The spec's table 7-2 (titled 出口统一版业务报文错误信息及其代码) lists
 * the order (−3010xx), payment (−4010xx), waybill (−5040xx), inventory (−6210xx), cancel (−6230xx) and return
 * (−6250xx) groups; arrival, departure and master-bill binding take the waybill group's codes, the summary
 * application the inventory group's, the return tally the return group's (docs/api/ceb-gateway.md).
 */
const ARRIVAL = { ...REFUSALS.waybill, duplicate: '-504012' } as const satisfies RefusalGroup;
const CODES: Record<ExportDocType, RefusalGroup> = {
  order: REFUSALS.order,
  receipt: REFUSALS.payment,
  waybill: REFUSALS.waybill,
  arrival: ARRIVAL,
  departure: ARRIVAL,
  bill_binding: ARRIVAL,
  inventory: REFUSALS.inventory,
  cancel: REFUSALS.cancel,
  summary_apply: REFUSALS.inventory,
  // An export return (CEB213) of an unknown original inventory: −625016 查无此数据 (spec 202205 table 7-2, the
  // codec's EXPORT_REFUSAL_CODES), not the import return's −625001.
  refund: { ...REFUSALS.refund, notFound: EXPORT_REFUSAL_CODES.CEB213Message?.notFound ?? '-625016' },
  refund_detail: REFUSALS.refund,
};

/** Documents that take a pre-entry number from the single window (echoed, C18, in their receipts). */
const NUMBERED: ExportDocType[] = [
  'inventory',
  'arrival',
  'departure',
  'bill_binding',
  'cancel',
  'summary_apply',
  'refund',
  'refund_detail',
];

/** Advisory lock keys: the order and the waybill a document concerns, so a parcel's documents queue. */
export function exportLockKeys(docs: ExportDocument[]): string[] {
  const keys: string[] = [];
  for (const d of docs) {
    const b = d.body as Record<string, string>;
    if (b.orderNo) keys.push(`E:o:${b.ebpCode ?? ''}|${b.orderNo}`);
    if (b.logisticsNo) keys.push(`E:w:${b.logisticsNo}`);
    for (const l of (d.body.lines ?? []) as Record<string, string>[])
      if (l.logisticsNo) keys.push(`E:w:${l.logisticsNo}`);
    if (b.invtNo) keys.push(`E:i:${b.invtNo}`);
  }
  return keys;
}

const lines = (doc: { body: unknown }) =>
  ((doc.body as { lines?: Record<string, string>[] }).lines ?? []) as Record<string, string>[];

/** Checks the e-port makes before accepting an export document, beyond the XSD ("参数校验"). */
export function checkExportParameters(doc: ExportDocument): string | undefined {
  const b = doc.body as Record<string, string>;
  switch (doc.docType) {
    case 'order':
      if (!['E', 'B', 'W'].includes(b.orderType ?? ''))
        return `orderType=${b.orderType}，出口订单应为E(B2C)/B(B2B)/W(海外仓订仓单)`;
      return undefined;
    case 'inventory': {
      if (b.ieFlag !== 'E') return `ieFlag=${b.ieFlag}，出口清单应为E`;
      if (!['9610', '1210', '9710', '9810'].includes(b.tradeMode ?? ''))
        return `tradeMode=${b.tradeMode}，应为9610/1210/9710/9810`;
      if (!['A', 'B'].includes(b.statisticsFlag ?? ''))
        return `statisticsFlag=${b.statisticsFlag}，应为A(简化申报)/B(汇总申报)`;
      if (!/^\d{8}$/.test(b.ieDate ?? '')) return `ieDate=${b.ieDate}，应为YYYYMMDD`;
      if (!/^\d{4}$/.test(b.customsCode ?? '')) return `customsCode=${b.customsCode}，应为4位关区代码`;
      if (b.tradeMode === '1210' && (!b.emsNo || !b.iacCode))
        return '特殊区域出口(1210)须填写账册编号emsNo与区内企业代码iacCode';
      const ls = lines(doc);
      const gnums = ls.map((l) => l.gnum);
      if (new Set(gnums).size !== gnums.length) return '表体序号gnum重复';
      // B-type inventories become declaration lines by their 10-digit code; A-type may give 4 meaningful digits.
      const bad = ls.find((l) =>
        b.statisticsFlag === 'B' ? !/^\d{10}$/.test(l.gcode ?? '') : !/^\d{4}/.test(l.gcode ?? ''),
      );
      if (bad)
        return `第${bad.gnum}项gcode=${bad.gcode}，${b.statisticsFlag === 'B' ? '汇总申报(B)须为10位商品编码' : '前4位须为商品编码'}`;
      return undefined;
    }
    case 'arrival':
      if (b.ieFlag !== 'E') return `ieFlag=${b.ieFlag}，出口运抵单应为E`;
      if (lines(doc).length === 0) return '运抵单须列明运单(ArrivalList.logisticsNo)';
      return undefined;
    case 'summary_apply':
      if (!['1', '2'].includes(b.summaryFlag ?? '')) return `summaryFlag=${b.summaryFlag}，应为1或2`;
      if (lines(doc).length === 0 && !(b.startTime && b.endTime))
        return '汇总申请须列明清单编号(SummaryApplyList.invtNo)或填写起止时间startTime/endTime';
      return undefined;
    case 'refund':
      if (b.ieFlag !== 'I') return `ieFlag=${b.ieFlag}，退货申请单应为I`;
      if (b.tradeMode && !['9661', '1261'].includes(b.tradeMode))
        return `tradeMode=${b.tradeMode}，退货应为9661(一般出口退货)或1261(特殊区域出口退货)`;
      return undefined;
    default:
      return undefined;
  }
}

interface Processed {
  returnStatus: string;
  returnInfo: string;
  documentId: string | null;
  preNo?: string;
  invtNo?: string | null;
  sumNo?: string;
  later?: OutboxReceipt[];
}

const refuse = (code: NegativeCode, ...values: string[]): Processed => ({
  returnStatus: code,
  returnInfo: negativeInfo(code, ...values),
  documentId: null,
});

/**
 * The export side of the CEB gateway: stores each document of an accepted export message with its event and
 * receipt, applies what it means (matching, arrival, release, departure, binding, cancel, summary, return),
 * and answers with the receipt message — in the caller's transaction.
 */
export async function writeExportMessage(
  trx: Kysely<Database>,
  ctx: RequestContext,
  input: {
    orgId: string;
    messageType: string;
    receiptType: string;
    messageGuid: string;
    contentHash: string;
    copMsgId: string | null;
    xsdVersion: string;
    body: string;
    docs: ExportDocument[];
    refusal?: { code: NegativeCode; info: string } | undefined;
    /** Per document (by position): the refusal of a party field not bound to the sender (decision 0018). */
    unbound?: readonly ({ code: NegativeCode; info: string } | undefined)[];
  },
  replay: () => Promise<GatewayAnswer>,
): Promise<GatewayAnswer> {
  return bufferWrites(trx, async () => {
    const messageId = await insertMessage(trx, {
      orgId: input.orgId,
      messageType: input.messageType,
      messageGuid: input.messageGuid,
      contentHash: input.contentHash,
      copMsgId: input.copMsgId,
      xsdVersion: input.xsdVersion,
      outcome: input.refusal ? 'refused' : 'accepted', // refused up front: an excerpt is kept (decision 0021)
      body: input.body,
      receiptType: input.receiptType,
      receiptXml: '',
      requestId: ctx.requestId,
      now: ctx.now,
    });
    if (messageId === null) return replay();
    const outbox: OutboxReceipt[] = [];
    const later: OutboxReceipt[] = [];
    const answer = new MessageAnswer<ExportReceiptFacts>(input.orgId, ctx.now, outbox, EXPORT_KIND);
    for (const [i, doc] of input.docs.entries()) {
      const refused = input.refusal ?? input.unbound?.[i];
      const result: Processed = refused
        ? { returnStatus: refused.code, returnInfo: refused.info, documentId: null }
        : await processExportDocument(trx, ctx, input.orgId, messageId, doc);
      const b = doc.body as Record<string, string>;
      const preNo =
        result.preNo ??
        (NUMBERED.includes(doc.docType)
          ? b.preNo?.length === 18
            ? b.preNo
            : formatPreNo(cebDate(ctx.now), await nextSerial(trx, 'pre_no_seq'))
          : undefined);
      answer.add(
        doc,
        {
          docType: doc.docType,
          body: doc.body,
          guid: doc.guid,
          preNo,
          invtNo: result.invtNo ?? doc.links.invtNo,
          sumNo: result.sumNo,
        },
        result,
      );
      later.push(...(result.later ?? []));
    }
    // The message's own receipts come first in the feed, then what they caused.
    await enqueueReceipts(trx, [...outbox, ...later], ctx.now);
    const { xml, outcome } = answer.conclude();
    await completeMessage(trx, messageId, outcome, xml, input.refusal ? undefined : input.body);
    return {
      httpStatus: 200,
      receiptType: input.receiptType,
      receiptXml: xml,
      replayed: false,
      outcome,
      documents: answer.outcomes,
    };
  });
}

/** Identity, idempotency and effects of one export document (appType 1 adds, 2 changes, 3 deletes). */
async function processExportDocument(
  db: Kysely<Database>,
  ctx: RequestContext,
  orgId: string,
  messageId: string,
  doc: ExportDocument,
): Promise<Processed> {
  const codes = CODES[doc.docType];
  const key = doc.businessKey;
  const followUp = [
    'cancel',
    'summary_apply',
    'refund',
    'refund_detail',
    'arrival',
    'departure',
    'bill_binding',
  ];
  if (!['1', '2', '3'].includes(doc.appType) || (followUp.includes(doc.docType) && doc.appType !== '1'))
    return refuse(
      codes.invalid,
      `appType=${doc.appType}，应为${followUp.includes(doc.docType) ? '1' : '1/2/3'}`,
    );
  const problem = checkExportParameters(doc);
  if (problem) return refuse(codes.invalid, problem);
  const b = doc.body as Record<string, string>;

  // 9710 / 9810 through the inventory: ≤ 5,000 CNY a shipment and no licence goods (海关总署公告2020年第75号).
  let valueCny: string | null = null;
  if (doc.docType === 'inventory' && (b.tradeMode === '9710' || b.tradeMode === '9810')) {
    const date = `${b.ieDate?.slice(0, 4)}-${b.ieDate?.slice(4, 6)}-${b.ieDate?.slice(6, 8)}`;
    const currencies = [...new Set(lines(doc).map((l) => l.currency ?? ''))];
    const rates = new Map<string, string>();
    for (const c of currencies) {
      const r = c === '142' ? { cny_per_unit: '1' } : await exchangeRate(db, c, date);
      if (!r)
        return refuse(
          '-621001',
          `币制[${c}]在${date}没有海关折算汇率，无法核对5000元限额 (no customs exchange rate for currency ${c} on ${date})`,
        );
      rates.set(c, r.cny_per_unit);
    }
    valueCny = currencies
      .reduce(
        (sum, c) =>
          sum.plus(
            toDecimal(
              inventoryValueCny(
                lines(doc).filter((l) => (l.currency ?? '') === c),
                c,
                rates.get(c) as string,
              ),
            ),
          ),
        toDecimal(0),
      )
      .toFixed(2);
    // 9810: the booking's ebp (shared by order and inventory) is the overseas warehouse, which must be filed.
    const filed =
      b.tradeMode === '9810'
        ? (await filedWarehousesFor(db, b.ebpCode ?? '')).some((w) => w.status === 'filed')
        : undefined;
    const errors = checkExportMode({
      tradeMode: b.tradeMode,
      orderType: b.tradeMode === '9710' ? 'B' : 'W',
      totalValueCny: valueCny,
      ...(b.licenseNo ? { licenseNo: b.licenseNo } : {}),
      ...(filed !== undefined ? { overseasWarehouseFiled: filed, warehouseCode: b.ebpCode ?? '' } : {}),
    });
    if (errors.length > 0) return refuse('-621001', describeIssues(errors));
  }

  // What a follow-up refers to must exist and be in the right state. An inventory the sender is no party to
  // (mayFileFollowUp, decision 0019) is answered exactly as one that does not exist, before any state check.
  let target: ExportInventoryView | undefined;
  let returned: Map<string, string> | undefined;
  if (doc.docType === 'cancel' || doc.docType === 'refund') {
    target = await findExportInventoryByInvtNo(db, b.invtNo ?? '', true);
    if (!target || !(await partyToInventory(db, target, orgId)))
      return refuse(codes.notFound, b.invtNo ?? '');
    // The export lifecycle decides (checkExportCancel and the move to `cancelled`); the gateway answers −623005.
    if (doc.docType === 'cancel' && cancelRefusal(await inventoryStateOf(db, target)).length > 0)
      return {
        returnStatus: '-623005',
        returnInfo: `${negativeInfo('-623005', b.invtNo ?? '')} 当前状态${target.status}${target.cancelled_at ? '(已撤单)' : ''}；放行后请以退货申请(CEB213)办理`,
        documentId: null,
      };
    if (doc.docType === 'refund') {
      // Cumulative: every earlier return application of the line counts from its approval, tallied or not.
      returned = await returnedQuantities(db, 'export', target.id);
      const errors = checkExportReturn({
        tradeMode: b.tradeMode ?? '9661',
        originalTradeMode: target.trade_mode,
        releasedAt: target.released_at ? cebDateIso(target.released_at) : null,
        requestedAt: cebDateIso(ctx.now),
        lines: lines(doc).map((l) => ({ gnum: Number(l.gnum), qty: l.qty ?? '0' })),
        original: lines(target).map((l) => ({
          gnum: Number(l.gnum),
          qty: l.qty ?? '0',
          alreadyReturned: returned?.get(l.gnum ?? '') ?? '0',
        })),
      } as never);
      if (errors.length > 0) return refuse('-625001', describeIssues(errors));
    }
  }

  const existing = await findExportDocument(db, doc.docType, key, true);
  // A record belongs to the enterprise that declared it, for good (decision 0019): see processDocument (import).
  if (existing && existing.org_id !== orgId)
    return doc.appType === '1' ? refuse(codes.duplicate, key) : refuse(codes.notFound, key);
  const live = existing && !existing.deleted && !(existing.status === '100' && doc.appType === '1');
  if (doc.appType === '1' && live && existing) {
    if (existing.body_hash === doc.bodyHash)
      return {
        returnStatus: existing.status,
        returnInfo: `重复报文，业务主键[${key}]已受理，当前状态${existing.status}`,
        documentId: existing.id,
        ...((existing.body as Record<string, string>).preNo
          ? { preNo: (existing.body as Record<string, string>).preNo }
          : {}),
        invtNo: existing.invt_no,
      };
    return refuse(codes.duplicate, key);
  }
  if (doc.appType !== '1') {
    if (!existing || existing.deleted) return refuse(codes.notFound, key);
    if (!['1', '2', '100'].includes(existing.status)) return refuse(codes.locked, key);
    const lock = await supportingLock(db, doc, existing);
    if (lock)
      return {
        returnStatus: codes.locked,
        returnInfo: `${negativeInfo(codes.locked, key)}${lock}`,
        documentId: null,
      };
  }

  const draft = doc.appStatus === '1';
  const preNo = NUMBERED.includes(doc.docType)
    ? b.preNo?.length === 18
      ? b.preNo
      : formatPreNo(cebDate(ctx.now), await nextSerial(db, 'pre_no_seq'))
    : undefined;
  const stored = { ...doc.body, ...(preNo ? { preNo } : {}) };
  const row = {
    org_id: orgId,
    message_id: messageId,
    guid: doc.guid,
    app_type: doc.appType,
    app_status: doc.appStatus,
    status: doc.appType === '3' ? (existing?.status ?? '2') : draft ? '1' : '2',
    deleted: doc.appType === '3',
    body: JSON.stringify(stored),
    body_hash: doc.bodyHash,
    updated_at: ctx.now,
    order_no: doc.links.orderNo,
    ebp_code: doc.links.ebpCode,
    ebc_code: doc.links.ebcCode,
    logistics_code: doc.links.logisticsCode,
    logistics_no: doc.links.logisticsNo,
    invt_no: doc.docType === 'inventory' ? null : doc.links.invtNo,
  };
  const id = existing?.id ?? newId();
  if (existing) await replaceExportDocument(db, id, row);
  else
    await insertExportDocument(db, {
      id,
      doc_type: doc.docType,
      business_key: key,
      created_at: ctx.now,
      ...row,
    });
  const returnStatus = draft ? '1' : '2';
  const verb = { '1': '新增', '2': '变更', '3': '删除' }[doc.appType] ?? '';
  const returnInfo = draft
    ? `暂存成功[${doc.guid}]`
    : doc.docType === 'inventory'
      ? `清单${verb}申报成功[电商企业编码：${b.ebcCode ?? ''}订单编号：${b.orderNo ?? ''}]`
      : `${verb}申报成功[${doc.guid}]`;
  await appendEvents(db, [
    {
      documentId: id,
      orgId,
      status: returnStatus,
      returnInfo,
      actor: { via: ctx.actor.via, userId: ctx.actor.userId, orgId: ctx.actor.orgId },
      requestId: ctx.requestId,
      details: { appType: doc.appType, messageId },
      now: ctx.now,
    },
  ]);
  const document: ExportDocumentRow = {
    ...row,
    id,
    doc_type: doc.docType,
    business_key: key,
    body: stored,
    created_at: existing?.created_at ?? ctx.now,
  };
  if (doc.docType === 'inventory' && !doc.appType.startsWith('3')) {
    if (existing)
      await updateExportInventory(db, id, {
        issues: '[]',
        invt_no: null,
        value_cny: valueCny,
        matched_at: null,
        updated_at: ctx.now,
      });
    else
      await insertExportInventory(db, {
        document_id: id,
        org_id: orgId,
        pre_no: preNo as string,
        customs_code: b.customsCode ?? '',
        port_code: b.portCode ?? '',
        trade_mode: b.tradeMode ?? '',
        statistics_flag: b.statisticsFlag as 'A' | 'B',
        ebc_code: b.ebcCode ?? '',
        agent_code: b.agentCode ?? '',
        logistics_code: b.logisticsCode ?? '',
        logistics_no: b.logisticsNo ?? '',
        value_cny: valueCny,
        updated_at: ctx.now,
      });
  }
  const effects = draft ? {} : await applyExport(db, ctx, doc, document, target);
  return {
    returnStatus,
    returnInfo,
    documentId: id,
    ...(preNo ? { preNo } : {}),
    ...effects,
  };
}

const cebDateIso = (d: Date) => {
  const s = cebDate(d);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
};

/**
 * Why an order, receipt or waybill may no longer change, or undefined: once customs accepted it with an
 * inventory (its own status beyond waiting: checked by the caller, as before), or once an inventory that names it
 * is declared (2 or later, not 1 暂存 or 100 退单): spec 202205 table 7-2 −301011 / −401008 / −504016, decision 0028.
 */
async function supportingLock(
  db: Kysely<Database>,
  doc: ExportDocument,
  existing: ExportDocumentRow,
): Promise<string | undefined> {
  if (!['order', 'receipt', 'waybill'].includes(doc.docType)) return undefined;
  const ebcCode = existing.ebc_code ?? '';
  const naming =
    doc.docType === 'waybill'
      ? await exportInventoriesNaming(db, {
          by: 'waybill',
          logisticsCode: existing.logistics_code ?? '',
          logisticsNo: existing.logistics_no ?? '',
          ebcCode,
        })
      : await exportInventoriesNaming(db, {
          by: 'order',
          ebpCode: existing.ebp_code ?? '',
          orderNo: existing.order_no ?? '',
          ebcCode,
        });
  if (!supportingDocumentLocked(naming)) return undefined;
  const field =
    doc.docType === 'waybill'
      ? `logisticsNo[${existing.logistics_no ?? ''}]`
      : `orderNo[${existing.order_no ?? ''}]`;
  return `：${field}已被已申报的清单引用，清单退单前不可${doc.appType === '3' ? '删除' : '变更'} (an inventory naming ${field} is declared)`;
}

/** What a stored export document does. Its receipts for later states go to the feed after the message's own. */
async function applyExport(
  db: Kysely<Database>,
  ctx: RequestContext,
  doc: ExportDocument,
  document: ExportDocumentRow,
  target: ExportInventoryView | undefined,
): Promise<Partial<Processed>> {
  const b = doc.body as Record<string, string>;
  const preNo = (document.body as Record<string, string>).preNo;
  const facts = (): ExportReceiptFacts => ({
    docType: doc.docType,
    body: document.body,
    guid: doc.guid,
    preNo,
    invtNo: doc.links.invtNo,
  });
  const conclude = async (status: string, info: string): Promise<OutboxReceipt> => {
    await setExportStatus(db, [document.id], status, ctx.now);
    await appendEvents(db, [
      {
        documentId: document.id,
        orgId: document.org_id,
        status,
        returnInfo: info,
        actor: actorOf(ctx),
        requestId: ctx.requestId,
        now: ctx.now,
      },
    ]);
    return exportOutbox(document.org_id, facts(), document.id, document.business_key, status, info, ctx.now);
  };
  // The carrier whose waybills an arrival, departure or binding lists: numbers are unique only within it.
  const carrier = b.logisticsCode ?? '';
  const waybillNos = () =>
    lines(doc)
      .map((l) => l.logisticsNo ?? '')
      .filter(Boolean);
  switch (doc.docType) {
    case 'inventory':
      return { later: await attemptExportClearance(db, ctx, document) };
    case 'order':
    case 'receipt':
    case 'waybill': {
      const waiting = await waitingExportInventories(
        db,
        doc.docType === 'waybill'
          ? { logisticsCode: b.logisticsCode ?? '', logisticsNo: b.logisticsNo ?? '' }
          : { ebpCode: b.ebpCode ?? '', orderNo: b.orderNo ?? '' },
      );
      const later: OutboxReceipt[] = [];
      for (const inv of waiting) later.push(...(await attemptExportClearance(db, ctx, inv)));
      return { later };
    }
    case 'arrival': {
      const nos = waybillNos();
      await markWaybills(
        db,
        nos.map((n) => ({
          logisticsNo: n,
          kind: 'arrival' as const,
          logisticsCode: carrier,
          orgId: document.org_id,
          documentId: document.id,
          details: { customsCode: b.customsCode ?? '', operatorCode: b.operatorCode ?? '' },
          at: ctx.now,
        })),
      );
      const later = [await conclude('120', `运抵成功，运单${nos.length}票`)];
      for (const inv of await exportInventoriesOfWaybills(db, carrier, nos)) {
        const departed = (await waybillMarks(db, carrier, inv.logistics_no)).some(
          (m) => m.kind === 'departure',
        );
        later.push(...(await onArrival(db, ctx, await inventoryStateOf(db, inv), departed)));
      }
      return { later };
    }
    case 'departure': {
      const nos = waybillNos();
      await markWaybills(
        db,
        nos.map((n) => ({
          logisticsNo: n,
          kind: 'departure' as const,
          logisticsCode: carrier,
          orgId: document.org_id,
          documentId: document.id,
          details: { leaveTime: b.leaveTime ?? '', voyageNo: b.voyageNo ?? '' },
          at: ctx.now,
        })),
      );
      const later = [await conclude('120', `离境成功，运单${nos.length}票`)];
      for (const inv of await exportInventoriesOfWaybills(db, carrier, nos))
        later.push(...(await onDeparture(db, ctx, await inventoryStateOf(db, inv))));
      return { later };
    }
    case 'bill_binding': {
      const nos = waybillNos();
      const details = { billNo: b.billNo ?? '', voyageNo: b.voyageNo ?? '', trafName: b.trafName ?? '' };
      await markWaybills(
        db,
        nos.map((n) => ({
          logisticsNo: n,
          kind: 'binding' as const,
          logisticsCode: carrier,
          orgId: document.org_id,
          documentId: document.id,
          details,
          at: ctx.now,
        })),
      );
      // The agent binds the inventories it declared (its agentCode is bound to it, decision 0018), no one else's.
      for (const inv of await exportInventoriesOfWaybills(db, carrier, nos, document.org_id))
        await updateExportInventory(db, inv.id, {
          bill_no: details.billNo,
          voyage_no: details.voyageNo,
          updated_at: ctx.now,
        });
      return { later: [await conclude('120', `清单总分单绑定成功[提运单号${details.billNo}]`)] };
    }
    case 'cancel': {
      const inv = target as ExportInventoryView;
      await cancelExport(db, ctx, await inventoryStateOf(db, inv), b.reason ?? '', document.id);
      return { later: [await conclude('399', '撤单审结')], invtNo: inv.invt_no };
    }
    case 'summary_apply': {
      const result = await formSummary(db, ctx, {
        source: 'ceb701',
        documentId: document.id,
        orgId: document.org_id,
        // Only inventories the applicant declared or is named on (decision 0019), whatever the head names.
        party: { orgId: document.org_id, codes: await organisationCodes(db, document.org_id) },
        customsCode: b.customsCode ?? '',
        agentCode: b.agentCode ?? '',
        ebcCode: b.ebcCode ?? '',
        declAgentCode: b.declAgentCode ?? '',
        declAgentName: b.declAgentName ?? '',
        summaryFlag: b.summaryFlag as '1' | '2',
        itemNameFlag: b.itemNameFlag === '1' ? '1' : '',
        ...(lines(doc).length > 0
          ? { invtNos: lines(doc).map((l) => l.invtNo ?? '') }
          : { startTime: b.startTime ?? '', endTime: b.endTime ?? '' }),
      });
      if (!result.ok) {
        await setExportStatus(db, [document.id], '100', ctx.now);
        return { later: [await conclude('100', result.reason)] };
      }
      const f = { ...facts(), sumNo: result.sumNo };
      await setExportStatus(db, [document.id], '120', ctx.now);
      return {
        sumNo: result.sumNo,
        later: [
          exportOutbox(
            document.org_id,
            f,
            document.id,
            document.business_key,
            '120',
            `汇总申请成功，形成报关单${result.declarations}份`,
            ctx.now,
          ),
          ...result.receipts,
        ],
      };
    }
    case 'refund':
      // The returned quantities count from the approval on (return_lines), so the same goods cannot be applied
      // for twice while the first return waits for its tally.
      await insertReturnLines(
        db,
        'export',
        {
          inventoryId: (target as ExportInventoryView).id,
          returnId: document.id,
          orgId: (target as ExportInventoryView).org_id,
          now: ctx.now,
        },
        lines(doc).map((l) => ({ gnum: l.gnum ?? '', qty: l.qty ?? '0' })),
      );
      return {
        invtNo: target?.invt_no ?? null,
        later: [await conclude('120', '退货申请审核通过，待退货理货(CEB215)')],
      };
    case 'refund_detail': {
      // The tally of returned goods (CEB215) concludes the return: the returned quantities leave the statistics.
      // The tally names the return by invtNo and coElNo, and the parcel by the waybill the return declared.
      const refund = await findExportDocument(db, 'refund', `${b.invtNo ?? ''}|${b.coElNo ?? ''}`, true);
      if (!refund || refund.status !== '120' || (refund.logistics_no ?? '') !== (b.logisticsNo ?? ''))
        return {
          later: [await conclude('100', `未找到待理货的退货申请单[${b.invtNo ?? ''}|${b.coElNo ?? ''}]`)],
        };
      const original = await findExportInventoryByInvtNo(db, b.invtNo ?? '', true);
      if (original) {
        const returned = { ...original.returned_qty };
        for (const l of lines(refund))
          returned[l.gnum ?? ''] = toDecimal(returned[l.gnum ?? ''] ?? '0')
            .plus(toDecimal(l.qty ?? '0'))
            .toString();
        await updateExportInventory(db, original.id, {
          returned_qty: JSON.stringify(returned),
          updated_at: ctx.now,
        });
      }
      await setExportStatus(db, [refund.id], '800', ctx.now);
      await appendEvents(db, [
        {
          documentId: refund.id,
          orgId: refund.org_id,
          status: '800',
          returnInfo: '退货理货完成，退货放行',
          actor: actorOf(ctx),
          requestId: ctx.requestId,
          details: { tally: document.id },
          now: ctx.now,
        },
      ]);
      return {
        later: [
          await conclude('120', '退货理货成功'),
          exportOutbox(
            refund.org_id,
            {
              docType: 'refund',
              body: refund.body,
              guid: refund.guid,
              preNo: (refund.body as Record<string, string>).preNo,
              invtNo: refund.invt_no,
            },
            refund.id,
            refund.business_key,
            '800',
            '退货放行',
            ctx.now,
          ),
        ],
      };
    }
    default:
      return {};
  }
}
