import { codeDesc, negativeInfo, cebReturnTime, type Import } from '@crossgate/ceb';
import type { Database, ImportDocument, InventoryClearancePatch, Kysely } from '@crossgate/db';
import {
  checkQuota,
  checkTransition,
  computeInventoryTax,
  declarationDay,
  formatInvtNo,
  formatTaxNo,
  maskName,
  matchImportDocuments,
  rateInForce,
  toDecimal,
  type RuleError,
  type InventoryDocument,
  type InventoryStatus,
  type LineRates,
  type OrderDocument,
  type PaymentDocument,
  type TransitionActor,
  type WaybillDocument,
} from '@crossgate/domain';
import { findItem, lockItems, writeOffStock } from '../../repositories/account-books.ts';
import { ruleViolation } from '../../errors.ts';
import {
  appendEvent,
  findClearance,
  supportingDocuments,
  nextSerial,
  setDocumentStatus,
  setStatusMany,
  updateClearance,
} from '../../repositories/import-documents.ts';
import { messageReceivedAt } from '../../repositories/ceb-messages.ts';
import { countQuota, quotaUsed, restoreQuota } from '../../repositories/quotas.ts';
import { enqueueReceipts, type OutboxReceipt } from '../../repositories/receipts-outbox.ts';
import { insertTaxBill, findTaxBill, setTaxBillStatus } from '../../repositories/tax-bills.ts';
import { tariffPeriodsOf } from './batch-shared.ts';
import { consumptionTaxItems } from './consumption-tax-items.ts';
import { newId } from '../auth.ts';
import type { RequestContext } from '../context.ts';
import { recordPlatformEvent } from '../credit/credit.ts';
import { acceptSupporting, actorOf } from '../clearance-common.ts';
import { annualQuotaText } from '../parcel-visibility.ts';
import { clip, outboxReceipt, receiptFactsOf, taxBillOutbox } from './receipts.ts';
import type { SignaturePolicy } from './signature-policy.ts';
import { decideLanes, type LaneOutcome } from '../risk/decide.ts';

export interface ClearancePolicy {
  /**
   * Random inspection sampling rate of the zone (decimal fraction), read through the clearing transaction —
   * once per gateway batch (decision 0041).
   */
  samplingRate: (db: Kysely<Database>) => Promise<string>;
  /**
   * Whether declarations the spec says are signed must be signed with a registered key (decision 0024):
   * the zone's setting, else the server's default; undefined means `required`. Asked only for a message the
   * spec says is signed.
   */
  signatures: () => Promise<SignaturePolicy | undefined>;
  /** Uniform [0,1) draw for sampling; injectable so tests and simulations are deterministic. */
  draw?: () => number;
  /**
   * The random inspection rate for the seller's credit level (credit-based facilitation) and the reason to
   * record; absent or undefined: the zone's rate.
   */
  creditSampling?: (
    db: Kysely<Database>,
    ebcCode: string,
    zoneRate: string,
  ) => Promise<{ rate: string; reason: { zh: string; en: string } } | undefined>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

type Lines = Record<string, string>[];
const bodyOf = <T>(doc: ImportDocument) => doc.body as unknown as T & { lines?: Lines };

/**
 * Moves an inventory to a new status: checks the transition against the state machine, writes the status,
 * the event and the CEB622 receipt for the declarer, in the caller's transaction.
 */
export async function moveInventory(
  db: Kysely<Database>,
  ctx: RequestContext,
  inventory: ImportDocument,
  to: InventoryStatus,
  by: TransitionActor,
  returnInfo: string,
  options: {
    returnStatus?: string;
    invtNo?: string;
    details?: unknown;
    preNo?: string;
    /** The text the timeline keeps, when it must say less than the receipt to the declarer (e.g. −621018). */
    eventInfo?: string;
  } = {},
): Promise<OutboxReceipt[]> {
  const errors = checkTransition(inventory.status as InventoryStatus, to, by);
  if (errors.length > 0) throw ruleViolation(errors);
  const preNo = options.preNo ?? (await findClearance(db, inventory.id))?.pre_no;
  await setDocumentStatus(db, inventory.id, to, ctx.now, options.invtNo);
  await appendEvent(db, {
    documentId: inventory.id,
    orgId: inventory.org_id,
    status: options.returnStatus ?? to,
    returnInfo: clip(options.eventInfo ?? returnInfo),
    actor: actorOf(ctx),
    requestId: ctx.requestId,
    details: options.details,
    now: ctx.now,
  });
  const facts = {
    ...receiptFactsOf(inventory, preNo),
    invtNo: options.invtNo ?? inventory.invt_no,
  };
  inventory.status = to;
  if (options.invtNo) inventory.invt_no = options.invtNo;
  return [
    outboxReceipt(
      inventory.org_id,
      facts,
      inventory.id,
      inventory.business_key,
      options.returnStatus ?? to,
      returnInfo,
      ctx.now,
    ),
  ];
}

/**
 * A −621018 refusal (the buyer's annual CBEC quota would be exceeded). The receipt, which goes to the declarer
 * only, says it the e-port's way: the buyer's name, the year's purchases so far and the limit. The timeline,
 * which every party to the parcel reads, keeps the name masked and no figures; the figures go into the event's
 * details, from which the parcel view shows them to the declarer and to customs (services/parcel-visibility.ts).
 */
function annualQuotaRefusal(preNo: string, buyerName: string, used: string, annual: string, amount: string) {
  const masked = maskName(buyerName);
  return {
    receipt: negativeInfo('-621018', preNo, buyerName, used, annual),
    timeline: {
      eventInfo: annualQuotaText(preNo, masked),
      details: { quota: { code: '-621018', preNo, buyerName: masked, used, annual, amount } },
    },
  };
}

/** Broken rules as one line of text for a receipt's returnInfo: field, rule, expected and actual values. */
export function describeIssues(issues: RuleError[]): string {
  return issues
    .map(
      (i) =>
        `${i.field}: ${i.rule}${i.expected ? `，应为 ${i.expected}` : ''}${i.actual ? `，实为 ${i.actual}` : ''}`,
    )
    .join('；');
}

/**
 * Tries to clear one inventory waiting for its documents (status 2): when order, payment and waybill are all
 * there, match them (ceb-reference §6), check 1210 stock, compute the tax, count the buyer's quota, choose
 * the channel and — on the green lane — release. Runs inside the caller's transaction, under the order-number
 * lock, so the last of the four documents to arrive is the one that clears the parcel.
 */
export async function attemptClearance(
  db: Kysely<Database>,
  ctx: RequestContext,
  inventory: ImportDocument,
  policy: ClearancePolicy,
  known?: { preNo: string; buyerKey: string },
  /**
   * What this function would read first, read already for a batch's whole set of inventories (one statement
   * per kind, decision 0041): the clearance row (locked), the supporting documents, the time of receipt.
   */
  loaded?: {
    clearance: Awaited<ReturnType<typeof findClearance>>;
    supporting: Awaited<ReturnType<typeof supportingDocuments>>;
    receivedAt: Date | undefined;
  },
): Promise<OutboxReceipt[]> {
  if (inventory.status !== '2' || inventory.deleted) return [];
  const inv = bodyOf<InventoryDocument>(inventory);
  // Known when the inventory was written in this transaction (its row is locked already); read otherwise.
  const clearance = known
    ? undefined
    : loaded
      ? loaded.clearance
      : await findClearance(db, inventory.id, true);
  const preNo = known?.preNo ?? clearance?.pre_no ?? '';
  const found =
    loaded?.supporting ??
    (await supportingDocuments(db, {
      ebpCode: inv.ebpCode,
      orderNo: inv.orderNo,
      ebcCode: inv.ebcCode,
      logisticsCode: inv.logisticsCode,
      logisticsNo: inv.logisticsNo,
    }));
  const [orderDoc, paymentDoc, waybillDoc] = [found.order, found.payment, found.waybill];
  const supporting = [orderDoc, paymentDoc, waybillDoc];
  if (supporting.some((d) => !d || !['2', '120'].includes(d.status))) {
    const missing = [
      !orderDoc && '电子订单(CEB311)',
      !paymentDoc && '支付凭证(CEB411)',
      !waybillDoc && '物流运单(CEB511)',
    ].filter(Boolean);
    await updateClearance(db, inventory.id, {
      issues: JSON.stringify([
        { code: 'WAITING', severity: 'info', field: 'documents', rule: `等待 ${missing.join('、')}` },
      ]),
      updated_at: ctx.now,
    });
    return [];
  }
  const order = {
    ...bodyOf<OrderDocument>(orderDoc as ImportDocument),
    lines: bodyOf<OrderDocument>(orderDoc as ImportDocument).lines ?? [],
  } as OrderDocument;
  const payment = bodyOf<PaymentDocument>(paymentDoc as ImportDocument);
  const waybill = bodyOf<WaybillDocument>(waybillDoc as ImportDocument);
  const inventoryDoc = { ...inv, lines: inv.lines ?? [] } as InventoryDocument;
  const out: OutboxReceipt[] = [];

  const refuse = async (
    returnStatus: string,
    info: string,
    issues: unknown[],
    timeline?: { eventInfo: string; details: Record<string, unknown> },
  ) => {
    // A refusal by rule (the three documents do not match) goes into the seller's credit record.
    if (returnStatus === '100')
      await recordPlatformEvent(db, ctx, {
        orgCode: inv.ebcCode,
        category: 'rule_refusal',
        reference: `${inventory.id}:100`,
        description: `进口清单[${preNo}]${info}`,
      });
    await updateClearance(db, inventory.id, {
      issues: JSON.stringify(issues),
      matched_at: ctx.now,
      updated_at: ctx.now,
    });
    out.push(
      ...(await moveInventory(db, ctx, inventory, '100', 'system', info, {
        returnStatus,
        details: { issues, ...timeline?.details },
        preNo,
        ...(timeline ? { eventInfo: timeline.eventInfo } : {}),
      })),
    );
    return out;
  };

  // 1. The three-document match: official rules refuse, practice rules warn.
  const match = matchImportDocuments({ order, payment, waybill, inventory: inventoryDoc });
  const refusals = match.issues.filter((i) => i.severity === 'refuse');
  if (refusals.length > 0) return refuse('100', `三单比对不通过：${describeIssues(refusals)}`, match.issues);
  const warnings = match.issues.filter((i) => i.severity === 'warn');

  // 2. Bonded (1210): every line must name an account-book item with enough stock.
  if (inv.tradeMode === '1210') {
    for (const line of inventoryDoc.lines) {
      const item =
        inv.emsNo && line.itemRecordNo ? await findItem(db, inv.emsNo, line.itemRecordNo) : undefined;
      if (!item)
        return refuse(
          '-621001',
          negativeInfo(
            '-621001',
            `账册[${inv.emsNo ?? ''}]中没有料号[${line.itemRecordNo ?? ''}]（第${line.gnum}项）`,
          ),
          [...warnings],
        );
      if (toDecimal(item.stock_qty).lt(toDecimal(line.qty1 || line.qty))) {
        return refuse(
          '-621001',
          negativeInfo(
            '-621001',
            `账册[${inv.emsNo}]料号[${line.itemRecordNo}]库存${item.stock_qty}不足，本次申报${line.qty1 || line.qty}（第${line.gnum}项）`,
          ),
          [...warnings],
        );
      }
    }
  }

  // 3. Tax at the rates in force on the declaration date: the Beijing day the platform received this version of
  // the inventory, never the sender's declTime (CEB621 declTime "以海关计算机系统接受清单申报数据时记录的日期为准";
  // 海关总署令第103号 第九条; 进出口关税条例 第十五条 — decision 0025). Received in this transaction: now.
  const receivedAt = known
    ? ctx.now
    : ((loaded ? loaded.receivedAt : await messageReceivedAt(db, inventory.message_id)) ?? ctx.now);
  const { date: declDate, year } = declarationDay(receivedAt);
  const gcodes = [...new Set(inventoryDoc.lines.map((l) => l.gcode))];
  const rates = new Map<string, LineRates>();
  // Tariff periods and negative-list hits are read once per gateway batch for all its inventories (0041).
  const periods = await tariffPeriodsOf(db, gcodes);
  for (const gcode of gcodes) {
    const r = rateInForce(
      periods
        .filter((p) => p.hs_code === gcode)
        .map((p) => ({
          hsCode: p.hs_code,
          validFrom: p.valid_from,
          validTo: p.valid_to,
          vatRate: p.vat_rate,
          consumptionTaxRate: p.consumption_tax_rate,
          dutyRate: p.duty_rate,
        })),
      declDate,
    );
    if (r)
      rates.set(gcode, {
        vatRate: r.vatRate,
        consumptionTaxRate: r.consumptionTaxRate,
        dutyRate: r.dutyRate,
      });
  }

  // 4. Quota: the dutiable value (goods + freight + insurance) against the limits in force (财关税〔2018〕49号).
  const goods = inventoryDoc.lines.reduce((sum, l) => sum.plus(toDecimal(l.totalPrice)), toDecimal(0));
  const amount = goods.plus(toDecimal(inv.freight)).plus(toDecimal(inv.insuredFee)).toFixed(2);
  const buyerKey = known?.buyerKey ?? clearance?.buyer_key ?? '';
  const single = inventoryDoc.lines.length === 1 && toDecimal(inventoryDoc.lines[0]?.qty ?? '0').eq(1);
  const used = await quotaUsed(db, buyerKey, year);
  const quota = checkQuota({ date: declDate, amount, annualUsedBefore: used, singleIndivisibleItem: single });
  if (!quota.ok) {
    if (quota.code === '-621018') {
      const over = annualQuotaRefusal(preNo, inv.buyerName, used, quota.limits?.annual ?? '', amount);
      return refuse('-621018', over.receipt, [...warnings, quota], over.timeline);
    }
    const info =
      quota.code === '-621005'
        ? negativeInfo('-621005', preNo, `${amount}>${quota.limits?.perTransaction ?? ''}`)
        : negativeInfo('-621001', quota.rule);
    return refuse(quota.code === 'NO_CBEC_POLICY' ? '-621001' : quota.code, info, [...warnings, quota]);
  }
  const taxed = computeInventoryTax({
    lines: inventoryDoc.lines.map((l) => ({
      gnum: l.gnum,
      gcode: l.gcode,
      totalPrice: l.totalPrice,
      quantities: [
        { qty: l.qty, unit: l.unit },
        { qty: l.qty1, unit: l.unit1 },
        { qty: l.qty2 ?? '', unit: l.unit2 ?? '' },
      ],
    })),
    freight: inv.freight,
    insuredFee: inv.insuredFee,
    rates,
    mode: quota.taxMode,
    consumptionTax: { date: declDate, items: consumptionTaxItems() },
  });
  if (!taxed.ok) {
    // Full taxation levies duty at the rate general trade pays (财关税〔2018〕49号: 按一般贸易管理). A line whose
    // duty rate the tariff table does not hold cannot be taxed: that is not a fault of the message (−621001),
    // so the refusal says 税率未知 under table 7-2's −621003 清单申报失败，[…] (decision 0026).
    if (taxed.errors.some((e) => e.code === 'DUTY_RATE_MISSING')) {
      const unknown = inventoryDoc.lines
        .filter((l) => rates.get(l.gcode)?.dutyRate === null)
        .map((l) => `第${l.gnum}项商品编码(gcode)${l.gcode}进口关税税率未知(${declDate})`);
      return refuse(
        '-621003',
        negativeInfo(
          '-621003',
          `${unknown.join('；')}，不能全额征税：单件不可分割商品超过单次限值须按一般贸易全额征收关税(财关税〔2018〕49号)`,
        ),
        [...warnings, ...taxed.errors],
      );
    }
    return refuse(
      '-621001',
      negativeInfo(
        '-621001',
        describeIssues(taxed.errors.map((e) => ({ ...e, severity: 'refuse' as const }))),
      ),
      [...warnings, ...taxed.errors],
    );
  }
  const counted = await countQuota(db, {
    documentId: inventory.id,
    buyerKey,
    year,
    amount,
    limit: quota.limits.annual,
    now: ctx.now,
  });
  if (counted === undefined) {
    // Another inventory of the same buyer was counted first; the limit now holds this one back.
    const over = annualQuotaRefusal(
      preNo,
      inv.buyerName,
      await quotaUsed(db, buyerKey, year),
      quota.limits.annual,
      amount,
    );
    return refuse('-621018', over.receipt, warnings, over.timeline);
  }

  // 5. Accepted by customs (120): invtNo assigned, the supporting documents move to 120 as well.
  const invtNo = formatInvtNo(inv.customsCode, String(year), await nextSerial(db, 'invt_no_seq'));
  // What customs decided is written once, with the lane, when this function ends.
  const decided = {
    invt_no: invtNo,
    issues: JSON.stringify(warnings),
    matched_at: ctx.now,
    tax_mode: quota.taxMode,
    quota_amount: amount,
    updated_at: ctx.now,
  };
  out.push(
    ...(await moveInventory(db, ctx, inventory, '120', 'system', codeDesc('1800', '逻辑校验通过'), {
      invtNo,
      details: { warnings, taxMode: quota.taxMode, quotaUsed: counted },
      preNo,
    })),
  );
  out.push(
    ...(await acceptSupporting(
      db,
      ctx,
      (supporting as ImportDocument[]).filter((d) => d.status === '2'),
      invtNo,
      (ids) => setStatusMany(db, ids, '120', ctx.now),
      (doc, info) =>
        outboxReceipt(doc.org_id, receiptFactsOf(doc), doc.id, doc.business_key, '120', info, ctx.now),
    )),
  );
  const tax = taxed.tax;
  const bill = {
    id: newId(),
    document_id: inventory.id,
    org_id: inventory.org_id,
    tax_no: formatTaxNo(invtNo, 1),
    invt_no: invtNo,
    assure_code: inv.assureCode,
    ebc_code: inv.ebcCode,
    logistics_code: inv.logisticsCode,
    agent_code: inv.agentCode,
    customs_code: inv.customsCode,
    status: '1',
    ent_duty_no: null,
    customs_tax: tax.customsTax,
    value_added_tax: tax.valueAddedTax,
    consumption_tax: tax.consumptionTax,
    tax_mode: quota.taxMode,
    lines: JSON.stringify(tax.lines),
    created_at: ctx.now,
    updated_at: ctx.now,
  } as const;
  await insertTaxBill(db, bill);

  // 6. Lane: the risk engine (services/risk/decide.ts, decision 0046) — the published rule set, else the baseline
  // (negative-listed parties and random sampling go to inspection). Green → released; inspection and hold → 500;
  // document review and manual review → 300.
  const [decision] = await decideLanes(db, ctx, policy, [{ inventory, buyerKey, amount }]);
  const outcome = decision as LaneOutcome;
  const lane = { ...decided, channel: JSON.stringify(outcome.channel) };
  if (outcome.status !== '800') {
    await updateClearance(db, inventory.id, lane);
    out.push(
      ...(await moveInventory(db, ctx, inventory, outcome.status, 'system', outcome.info, {
        details: { lane: outcome.lane, reasons: shownReasons(outcome) },
        preNo,
      })),
    );
    return out;
  }
  const released = await releaseInventory(db, ctx, inventory, 'system', codeDesc('2600', '放行'), {
    preNo,
    patch: lane,
    bill: { ...bill, lines: tax.lines },
  });
  if (released.ok) out.push(...released.receipts);
  // Another release took the stock since acceptance: an officer decides (manual review, 300).
  else
    out.push(
      ...(await moveInventory(db, ctx, inventory, '300', 'system', `人工审核：${released.shortfall.rule}`, {
        details: released.shortfall,
        preNo,
      })),
    );
  if (!released.ok) await updateClearance(db, inventory.id, lane);
  return out;
}

/** The reasons the timeline keeps: today's two (negative list, random sample), never another rule's. */
const shownReasons = (o: LaneOutcome) =>
  o.channel.reasons.filter((r) => r.code === 'NEGATIVE_LIST' || r.code === 'RANDOM_SAMPLING');

/** The fields of a tax bill the CEB816 needs (a stored row, or the one just computed). */
interface TaxBillFacts {
  invt_no: string;
  tax_no: string;
  customs_tax: string;
  value_added_tax: string;
  consumption_tax: string;
  status: string;
  assure_code: string;
  ebc_code: string;
  logistics_code: string;
  agent_code: string;
  customs_code: string;
  lines: unknown;
}

/** The 1210 stock a release needs, checked under row locks; the first shortfall, if any. */
async function stockShortfall(
  db: Kysely<Database>,
  inv: InventoryDocument & { lines?: Lines },
): Promise<{ code: string; field: string; rule: string } | undefined> {
  if (inv.tradeMode !== '1210') return undefined;
  const lines = (inv.lines ?? []) as unknown as InventoryDocument['lines'];
  const items = await lockItems(
    db,
    lines.map((l) => ({ emsNo: inv.emsNo ?? '', itemRecordNo: l.itemRecordNo ?? '' })),
  );
  const need = new Map<string, ReturnType<typeof toDecimal>>();
  for (const l of lines)
    need.set(
      l.itemRecordNo ?? '',
      (need.get(l.itemRecordNo ?? '') ?? toDecimal(0)).plus(toDecimal(l.qty1 || l.qty)),
    );
  for (const l of lines) {
    const item = items.find((i) => i.item_record_no === l.itemRecordNo);
    const wanted = need.get(l.itemRecordNo ?? '') ?? toDecimal(0);
    if (!item || toDecimal(item.stock_qty).lt(wanted)) {
      return {
        code: 'STOCK_INSUFFICIENT',
        field: `InventoryList[gnum=${l.gnum}].qty1`,
        rule: `账册[${inv.emsNo ?? ''}]料号[${l.itemRecordNo ?? ''}]库存${item?.stock_qty ?? '0'}不足以放行${wanted.toString()} (stock below the released quantity)`,
      };
    }
  }
  return undefined;
}

/**
 * Releases an inventory (800): writes 1210 stock off — a release beyond the stock is refused — and sends the
 * CEB622 800 receipt and the CEB816 tax bill to the declarer. Returns the shortfall instead of releasing.
 */
export async function releaseInventory(
  db: Kysely<Database>,
  ctx: RequestContext,
  inventory: ImportDocument,
  by: TransitionActor,
  info: string,
  known: { preNo?: string; patch?: InventoryClearancePatch; bill?: TaxBillFacts } = {},
): Promise<
  | { ok: true; receipts: OutboxReceipt[] }
  | { ok: false; shortfall: { code: string; field: string; rule: string } }
> {
  const inv = bodyOf<InventoryDocument>(inventory);
  const shortfall = await stockShortfall(db, inv);
  if (shortfall) return { ok: false, shortfall };
  if (inv.tradeMode === '1210') {
    for (const line of (inv.lines ?? []) as unknown as InventoryDocument['lines']) {
      await writeOffStock(db, {
        emsNo: inv.emsNo ?? '',
        itemRecordNo: line.itemRecordNo ?? '',
        qty: line.qty1 || line.qty,
        documentId: inventory.id,
        now: ctx.now,
      });
    }
  }
  await updateClearance(db, inventory.id, { ...known.patch, released_at: ctx.now, updated_at: ctx.now });
  const out = await moveInventory(
    db,
    ctx,
    inventory,
    '800',
    by,
    info,
    known.preNo ? { preNo: known.preNo } : {},
  );
  const bill: TaxBillFacts | undefined = known.bill ?? (await findTaxBill(db, inventory.id));
  if (bill) {
    const lines = bill.lines as Import.TaxListRd[];
    const tax: Import.Tax = {
      TaxHeadRd: {
        guid: inventory.guid,
        returnTime: cebReturnTime(ctx.now),
        invtNo: bill.invt_no,
        taxNo: bill.tax_no,
        customsTax: bill.customs_tax,
        valueAddedTax: bill.value_added_tax,
        consumptionTax: bill.consumption_tax,
        status: bill.status,
        assureCode: bill.assure_code,
        ebcCode: bill.ebc_code,
        logisticsCode: bill.logistics_code,
        agentCode: bill.agent_code,
        customsCode: bill.customs_code,
      },
      TaxListRd: lines.map((l) => ({
        gnum: str(l.gnum),
        gcode: str(l.gcode),
        taxPrice: str(l.taxPrice),
        customsTax: str(l.customsTax),
        valueAddedTax: str(l.valueAddedTax),
        consumptionTax: str(l.consumptionTax),
      })),
    };
    out.push(taxBillOutbox(inventory.org_id, inventory.id, tax));
  }
  return { ok: true, receipts: out };
}

/** Undoes what acceptance counted when customs refuses or returns a parcel: quota back, tax bill void. */
export async function unwindInventory(
  db: Kysely<Database>,
  ctx: RequestContext,
  inventory: ImportDocument,
): Promise<void> {
  await restoreQuota(db, inventory.id, 'all', ctx.now);
  if (await findTaxBill(db, inventory.id)) await setTaxBillStatus(db, inventory.id, '3', ctx.now);
}

export async function flush(db: Kysely<Database>, receipts: OutboxReceipt[], now: Date): Promise<void> {
  await enqueueReceipts(db, receipts, now);
}
