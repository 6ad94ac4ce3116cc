import { randomBytes } from 'node:crypto';
import { cebReturnTime, summaryResultXml, type Export } from '@crossgate/ceb';
import type { Database, Kysely, NewExportDeclaration, NewExportDeclarationItem } from '@crossgate/db';
import {
  addDays,
  beijingInstant,
  beijingMonth,
  checkSummaryInput,
  formatDeclSeqNo,
  formatSumNo,
  mergeSummary,
  monthRange,
  startOfBeijingDay,
  summaryDeadline,
  type SummaryInventory,
} from '@crossgate/domain';
import {
  calendarBetween,
  closedForSummary,
  insertSummary,
  type ClosedInventoryRow,
} from '../../repositories/export-summaries.ts';
import { nextExportSerial } from '../../repositories/export-documents.ts';
import type { OutboxReceipt } from '../../repositories/receipts-outbox.ts';
import { newId } from '../auth.ts';
import type { RequestContext } from '../context.ts';
import { describeIssues } from '../import/clear-inventory.ts';

export interface SummaryRequest {
  source: 'ceb701' | 'schedule' | 'manual';
  /** The CEB701 document and its sender, when an enterprise applied. */
  documentId?: string;
  orgId?: string;
  /**
   * When an enterprise applied: only inventories it declared or is named on as e-commerce enterprise or agent
   * are summarised, whatever the application's head or list names (decision 0019).
   */
  party?: { orgId: string; codes: readonly string[] };
  customsCode?: string;
  agentCode?: string;
  ebcCode?: string;
  declAgentCode?: string;
  declAgentName?: string;
  summaryFlag: '1' | '2';
  itemNameFlag?: '1' | '';
  /** What to summarise: listed inventories, a C14 time range (CEB701), or a calendar month. */
  invtNos?: string[];
  startTime?: string;
  endTime?: string;
  month?: string;
}

export type SummaryOutcome =
  | {
      ok: true;
      sumNo: string;
      summaryIds: string[];
      declarations: number;
      inventories: number;
      receipts: OutboxReceipt[];
    }
  | { ok: false; reason: string };

/** Beijing time: customs months and C14 times are in UTC+8. */
const c14 = (t: string) =>
  beijingInstant(
    `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`,
    `${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}`,
  );

function summaryInventory(row: ClosedInventoryRow): SummaryInventory {
  const b = row.body as Record<string, string> & { lines?: Record<string, string>[] };
  return {
    invtNo: row.invt_no ?? '',
    logisticsNo: row.logistics_no,
    customsCode: row.customs_code,
    ebcCode: b.ebcCode ?? '',
    ebcName: b.ebcName ?? '',
    agentCode: b.agentCode ?? '',
    trafMode: b.trafMode ?? '',
    ownerCode: b.ownerCode ?? '',
    ownerName: b.ownerName ?? '',
    country: b.country ?? '',
    portCode: b.portCode ?? '',
    tradeMode: row.trade_mode,
    grossWeight: b.grossWeight ?? '0',
    netWeight: b.netWeight ?? '0',
    lines: (b.lines ?? []).map((l) => ({
      gnum: Number(l.gnum),
      gcode: l.gcode ?? '',
      itemName: l.itemName || l.gname || '',
      country: l.country ?? '',
      currency: l.currency ?? '',
      qty: l.qty ?? '0',
      unit: l.unit ?? '',
      qty1: l.qty1 ?? '0',
      unit1: l.unit1 ?? '',
      qty2: l.qty2,
      unit2: l.unit2,
      totalPrice: l.totalPrice ?? '0',
    })),
  };
}

/**
 * Forms the summary declarations (汇总申报, 海关总署公告2018年第194号) of closed (899) B-type export inventories
 * not yet summarised: one summary per consignor and declaring agent, merged by the rule in the domain, each
 * resulting declaration with its 汇总统一编号, certificate number and the CEB792 summary result sent to the
 * agent. An inventory is summarised once: the rows are locked and marked in the same transaction.
 */
export async function formSummary(
  db: Kysely<Database>,
  ctx: RequestContext,
  req: SummaryRequest,
): Promise<SummaryOutcome> {
  const range = req.month
    ? {
        from: startOfBeijingDay(monthRange(req.month).start),
        to: startOfBeijingDay(monthRange(req.month).end),
      }
    : req.startTime && req.endTime
      ? { from: c14(req.startTime), to: new Date(c14(req.endTime).getTime() + 1000) }
      : {};
  const rows = await closedForSummary(db, {
    ...range,
    ...(req.ebcCode ? { ebcCode: req.ebcCode } : {}),
    ...(req.source === 'ceb701' && req.agentCode ? { agentCode: req.agentCode } : {}),
    ...(req.invtNos ? { invtNos: req.invtNos } : {}),
    ...(req.party ? { party: req.party } : {}),
  });
  if (req.invtNos) {
    const found = new Set(rows.map((r) => r.invt_no));
    const missing = req.invtNos.filter((n) => !found.has(n));
    if (missing.length > 0)
      return {
        ok: false,
        reason: `清单[${missing.join(',')}]不可汇总：须为本企业已结关(899)、汇总申报(B类)且未汇总过的出口清单 (only closed, B-type, not yet summarised inventories of the applicant)`,
      };
  }
  if (rows.length === 0)
    return {
      ok: false,
      reason:
        '没有可汇总的清单：所选范围内没有已结关(899)、汇总申报(B类)且未汇总的出口清单 (nothing to summarise)',
    };
  const inventories = rows.map(summaryInventory);
  const problems = checkSummaryInput(inventories);
  if (problems.length > 0) return { ok: false, reason: describeIssues(problems) };

  // One summary per consignor and agent (the CEB701 head names one of each).
  const groups = new Map<string, ClosedInventoryRow[]>();
  for (const r of rows) {
    const k = `${r.ebc_code}|${r.agent_code}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const receipts: OutboxReceipt[] = [];
  const summaryIds: string[] = [];
  let declarationsMade = 0;
  let firstSumNo = '';
  for (const group of groups.values()) {
    const first = group[0] as ClosedInventoryRow;
    const closedMonth = req.month ?? beijingMonth(first.closed_at as Date);
    const { start, end } = monthRange(closedMonth);
    const calendar = await calendarBetween(db, start, addDays(end, 60));
    const deadline = summaryDeadline(closedMonth, calendar);
    const year = closedMonth.slice(0, 4);
    const customsCode = req.customsCode || first.customs_code;
    const sumNo = formatSumNo(customsCode, year, await nextExportSerial(db, 'export_sum_no_seq'));
    firstSumNo ||= sumNo;
    const result = mergeSummary(group.map(summaryInventory), {
      summaryFlag: req.summaryFlag,
      itemNameFlag: req.itemNameFlag ?? '',
    });
    const summaryId = newId();
    summaryIds.push(summaryId);
    const declRows: NewExportDeclaration[] = [];
    const idOf = new Map<number, string>();
    const body = first.body as Record<string, string>;
    const declAgentCode = req.declAgentCode || first.agent_code;
    const declAgentName = req.declAgentName || body.agentName || first.agent_code;
    for (const d of result.declarations) {
      const declSeqNo = formatDeclSeqNo(d.customsCode, year, await nextExportSerial(db, 'export_decl_seq'));
      const id = newId();
      idOf.set(d.seq, id);
      declRows.push({
        id,
        summary_id: summaryId,
        seq: d.seq,
        decl_seq_no: declSeqNo,
        entry_id: null,
        dec_state: 'A',
        customs_code: d.customsCode,
        trade_mode: d.tradeMode ?? first.trade_mode,
        ebc_code: d.ebcCode,
        ebc_name: d.ebcName,
        owner_code: d.ownerCode,
        owner_name: d.ownerName,
        traf_mode: d.trafMode,
        country: d.country,
        port_code: d.portCode,
        gross_weight: d.grossWeight,
        net_weight: d.netWeight,
        invt_count: d.invtNos.length,
        lines: JSON.stringify(d.lines),
        totals: JSON.stringify(
          d.totalPriceByCurrency.map((t) => ({ currency: t.currency, total: t.totalPrice })),
        ),
        certificate_no: `ZM${declSeqNo}`,
        verify_code: randomBytes(12).toString('hex'),
        created_at: ctx.now,
      });
    }
    const items: NewExportDeclarationItem[] = result.items.map((i) => ({
      invt_no: i.invtNo,
      gnum: i.gnum,
      declaration_id: idOf.get(i.seq) as string,
      gseqno: i.gseqno,
      logistics_no: i.logisticsNo,
      gcode: i.gcode,
    }));
    await insertSummary(
      db,
      {
        id: summaryId,
        sum_no: sumNo,
        month: closedMonth,
        deadline,
        customs_code: customsCode,
        ebc_code: first.ebc_code,
        agent_code: first.agent_code,
        decl_agent_code: declAgentCode,
        decl_agent_name: declAgentName,
        summary_flag: req.summaryFlag,
        item_name_flag: req.itemNameFlag ?? '',
        source: req.source,
        document_id: req.documentId ?? null,
        org_id: req.orgId ?? null,
        invt_count: group.length,
        created_at: ctx.now,
      },
      declRows,
      items,
      group.map((r) => r.document_id),
      ctx.now,
    );
    declarationsMade += declRows.length;
    // CEB792: one summary result per resulting declaration, to the declaring agent (the inventories' sender).
    const recipient = req.orgId ?? first.org_id;
    if (recipient)
      for (const d of result.declarations) {
        const row = declRows.find((r) => r.seq === d.seq) as NewExportDeclaration;
        const entity: Export.SummaryResult = {
          SummaryResultHead: {
            guid: row.id.toUpperCase(),
            customsCode: d.customsCode,
            sumNo,
            opDate: cebReturnTime(ctx.now),
            declSeqNo: row.decl_seq_no,
            decState: row.dec_state,
            agentCode: first.agent_code,
            agentName: body.agentName || first.agent_code,
            ebcCode: d.ebcCode,
            ebcName: d.ebcName,
            declAgentCode,
            declAgentName,
            grossWeight: d.grossWeight,
            netWeight: d.netWeight,
            msgCount: '1',
            msgSeqNo: '1',
          },
          SummaryResultList: result.items
            .filter((i) => i.seq === d.seq)
            .map((i) => ({
              invtNo: i.invtNo,
              logisticsNo: i.logisticsNo,
              gseqno: String(i.gseqno),
              gnum: String(i.gnum),
              gcode: i.gcode,
            })),
        } as Export.SummaryResult;
        receipts.push({
          orgId: recipient,
          messageType: 'CEB792Message',
          documentId: req.documentId ?? null,
          businessKey: row.decl_seq_no,
          returnStatus: row.dec_state,
          returnInfo: `汇总结果：汇总统一编号${row.decl_seq_no}，清单${d.invtNos.length}票，商品${d.lines.length}项`,
          xml: summaryResultXml([entity]),
        });
      }
  }
  return {
    ok: true,
    sumNo: firstSumNo,
    summaryIds,
    declarations: declarationsMade,
    inventories: rows.length,
    receipts,
  };
}
