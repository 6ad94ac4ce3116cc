import { createHash, timingSafeEqual } from 'node:crypto';
import type {
  TCertificateVerification,
  TExportDeclaration,
  TExportDeclarationDetail,
  TOverseasWarehouse,
  TPage,
  TSummaryRun,
} from '@crossgate/contract';
import type { OverseasWarehouse } from '@crossgate/db';
import {
  addDays,
  beijingDate,
  checkMonth,
  monthRange,
  scopeFor,
  summaryDeadline,
  toDecimal,
  type SummaryDeclarationLine,
} from '@crossgate/domain';
import { conflict, forbidden, notFound, ruleViolation } from '../../errors.ts';
import { appendAudit } from '../../repositories/audit.ts';
import { setOfficeSequencing } from '../../repositories/export-documents.ts';
import {
  calendarBetween,
  declarationsOfSummary,
  findDeclaration,
  findDeclarationByCertificate,
  itemsOfDeclaration,
  listDeclarations,
  sumNoOf,
  type DeclarationView,
} from '../../repositories/export-summaries.ts';
import { codeNames } from '../../repositories/reference.ts';
import { findOrganisation } from '../../repositories/organisations.ts';
import {
  findWarehouse,
  findWarehouseByCode,
  insertWarehouse,
  listWarehouses,
  revokeWarehouse,
} from '../../repositories/overseas-warehouses.ts';
import { enqueueReceipts } from '../../repositories/receipts-outbox.ts';
import { newId } from '../auth.ts';
import type { Deps, RequestContext } from '../context.ts';
import type { CertificateData } from './certificate-pdf.ts';
import { formSummary } from './summary.ts';

/** numeric(19,5) columns without their trailing zeros ("30.20000" → "30.2"). */
const plain = (v: string) => toDecimal(v).toFixed();

/** The codes an enterprise appears under in declarations (customs code and USCC). */
async function visibleCodes(deps: Deps, ctx: RequestContext): Promise<string[] | undefined> {
  const s = scopeFor(ctx.actor, 'export_summary', 'read');
  if (s.kind === 'none') throw forbidden('export declarations are read by their parties and the agencies');
  if (s.kind === 'all') return undefined;
  const org = await findOrganisation(deps.db, ctx.actor.orgId);
  return [org?.code, org?.uscc].filter((c): c is string => Boolean(c));
}

function view(
  row: DeclarationView | Awaited<ReturnType<typeof listDeclarations>>['rows'][number],
): TExportDeclaration {
  return {
    id: row.id,
    sumNo: row.sum_no,
    month: row.month,
    declSeqNo: row.decl_seq_no,
    entryId: row.entry_id,
    decState: row.dec_state,
    customsCode: row.customs_code,
    tradeMode: row.trade_mode,
    ebcCode: row.ebc_code,
    ebcName: row.ebc_name,
    ownerCode: row.owner_code,
    ownerName: row.owner_name,
    trafMode: row.traf_mode,
    country: row.country,
    portCode: row.port_code,
    grossWeight: plain(row.gross_weight),
    netWeight: plain(row.net_weight),
    invtCount: row.invt_count,
    totals: row.totals,
    certificateNo: row.certificate_no,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listExportDeclarations(
  deps: Deps,
  ctx: RequestContext,
  query: { month?: string | undefined; page: number; pageSize: number },
): Promise<TPage<TExportDeclaration>> {
  const codes = await visibleCodes(deps, ctx);
  const { rows, total } = await listDeclarations(deps.db, {
    ...(codes ? { codes } : {}),
    ...(query.month ? { month: query.month } : {}),
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(view), total, page: query.page, pageSize: query.pageSize };
}

async function visibleDeclaration(deps: Deps, ctx: RequestContext, id: string): Promise<DeclarationView> {
  const codes = await visibleCodes(deps, ctx);
  const row = await findDeclaration(deps.db, id);
  if (!row || (codes && !codes.includes(row.ebc_code) && !codes.includes(row.agent_code)))
    throw notFound('id', id);
  return row;
}

export async function getExportDeclaration(
  deps: Deps,
  ctx: RequestContext,
  id: string,
): Promise<TExportDeclarationDetail> {
  const row = await visibleDeclaration(deps, ctx, id);
  const items = await itemsOfDeclaration(deps.db, id);
  return {
    ...view(row),
    deadline: row.deadline,
    declAgentCode: row.decl_agent_code,
    declAgentName: row.decl_agent_name,
    verifyPath: verifyUrlOf('', row),
    lines: row.lines as SummaryDeclarationLine[],
    items: items.map((i) => ({
      invtNo: i.invt_no,
      gnum: i.gnum,
      gseqno: i.gseqno,
      logisticsNo: i.logistics_no,
      gcode: i.gcode,
    })),
  };
}

/** The public verification address printed as the certificate's QR code. */
export const verifyUrlOf = (baseUrl: string, row: { certificate_no: string; verify_code: string }) =>
  `${baseUrl.replace(/\/$/, '')}/verify/certificates/${row.certificate_no}?code=${row.verify_code}`;

const names = (
  deps: Deps,
  table: 'countries' | 'currencies' | 'units' | 'customs_offices',
  codes: string[],
) => codeNames(deps.db, table, codes);

const TRAF_MODES: Record<string, string> = {
  '0': '非保税区',
  '1': '监管仓库',
  '2': '水路运输',
  '3': '铁路运输',
  '4': '公路运输',
  '5': '航空运输',
  '6': '邮件运输',
  '7': '保税区',
  '8': '保税仓库',
  '9': '其它运输',
};

/** Everything the certificate (报关单证明联) shows, resolved to names for print. */
export async function certificateOf(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  baseUrl: string,
): Promise<CertificateData> {
  const row = await visibleDeclaration(deps, ctx, id);
  const lines = row.lines as SummaryDeclarationLine[];
  const [countries, currencies, units, offices] = await Promise.all([
    names(deps, 'countries', [row.country, ...lines.map((l) => l.country)]),
    names(deps, 'currencies', [...lines.map((l) => l.currency), ...row.totals.map((t) => t.currency)]),
    names(
      deps,
      'units',
      lines.flatMap((l) => [...l.declared, ...l.legal1].map((q) => q.unit)),
    ),
    names(deps, 'customs_offices', [row.customs_code, row.port_code]),
  ]);
  const q = (x: { unit: string; qty: string }) => ({
    unit: x.unit,
    qty: x.qty,
    ...(units.get(x.unit) ? { unitName: units.get(x.unit) as string } : {}),
  });
  const opt = (key: string, value: string | undefined) => (value ? { [key]: value } : {});
  return {
    certificateNo: row.certificate_no,
    declSeqNo: row.decl_seq_no,
    entryId: row.entry_id,
    sumNo: row.sum_no,
    customsCode: row.customs_code,
    ...opt('customsName', offices.get(row.customs_code)),
    portCode: row.port_code,
    ...opt('portName', offices.get(row.port_code)),
    ebcCode: row.ebc_code,
    ebcName: row.ebc_name,
    ownerCode: row.owner_code,
    ownerName: row.owner_name,
    declAgentCode: row.decl_agent_code,
    declAgentName: row.decl_agent_name,
    trafMode: row.traf_mode,
    ...opt('trafModeName', TRAF_MODES[row.traf_mode]),
    country: row.country,
    ...opt('countryName', countries.get(row.country)),
    tradeMode: row.trade_mode,
    period: row.month,
    // 申报日期 is the Beijing day the summary was formed (a summary formed at 00:30 Beijing is of that day, not
    // of the UTC day before; CEB spec 202205 dates are Beijing dates).
    declaredAt: beijingDate(row.created_at),
    grossWeight: plain(row.gross_weight),
    netWeight: plain(row.net_weight),
    invtCount: row.invt_count,
    lines: lines.map((l) => ({
      gseqno: l.gseqno,
      gcode: l.gcode,
      gname: l.gname,
      country: l.country,
      ...opt('countryName', countries.get(l.country)),
      currency: l.currency,
      ...opt('currencyName', currencies.get(l.currency)),
      declared: l.declared.map(q),
      legal1: l.legal1.map(q),
      totalPrice: l.totalPrice,
    })),
    totalsByCurrency: row.totals.map((t) => ({
      currency: t.currency,
      total: t.total,
      ...opt('currencyName', currencies.get(t.currency)),
    })),
    verifyUrl: verifyUrlOf(baseUrl, row),
    issuedAt: row.created_at.toISOString(),
  } as CertificateData;
}

export async function certificatePdf(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  baseUrl: string,
): Promise<{ pdf: Buffer; certificateNo: string }> {
  const data = await certificateOf(deps, ctx, id, baseUrl);
  // pdfkit and the font are loaded on the first certificate, not at start (they weigh on every worker).
  const { renderCertificatePdf } = await import('./certificate-pdf.ts');
  return { pdf: await renderCertificatePdf(data), certificateNo: data.certificateNo };
}

/**
 * Compares a verification code in constant time: both sides are hashed to 32 bytes first, so neither the
 * position of the first wrong character nor the code's length shows in the answer's timing.
 */
function sameSecret(expected: string, given: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/**
 * Public verification of a certificate (no login): the certificate number and the secret code from its QR
 * code must both match; the answer shows what a bank or tax office needs to compare with the paper.
 */
export async function verifyCertificate(
  deps: Deps,
  certificateNo: string,
  code: string,
): Promise<TCertificateVerification> {
  const row = await findDeclarationByCertificate(deps.db, certificateNo);
  if (!row || !sameSecret(row.verify_code, code)) throw notFound('certificateNo', certificateNo);
  return {
    valid: true,
    certificateNo: row.certificate_no,
    declSeqNo: row.decl_seq_no,
    entryId: row.entry_id,
    ebcName: row.ebc_name,
    customsCode: row.customs_code,
    portCode: row.port_code,
    tradeMode: row.trade_mode,
    month: row.month,
    invtCount: row.invt_count,
    totals: row.totals,
    issuedAt: row.created_at.toISOString(),
  };
}

/**
 * Forms the month's summary declarations on demand (an officer, the zone office, the CLI or the schedule):
 * every closed B-type inventory of the month not yet summarised, grouped per consignor and agent.
 */
export async function runMonthlySummary(
  deps: Deps,
  ctx: RequestContext,
  input: { month: string; summaryFlag: '1' | '2'; itemNameFlag: '1' | ''; ebcCode?: string | undefined },
  source: 'manual' | 'schedule' = 'manual',
): Promise<TSummaryRun> {
  if (scopeFor(ctx.actor, 'export_summary', 'create').kind === 'none')
    throw forbidden('summary declarations are formed by customs officers or the zone office');
  const bad = checkMonth(input.month);
  if (bad.length > 0) throw ruleViolation(bad);
  return deps.db.transaction().execute(async (trx) => {
    const { start, end } = monthRange(input.month);
    const deadline = summaryDeadline(input.month, await calendarBetween(trx, start, addDays(end, 60)));
    const result = await formSummary(trx, ctx, {
      source,
      month: input.month,
      summaryFlag: input.summaryFlag,
      itemNameFlag: input.itemNameFlag,
      ...(input.ebcCode ? { ebcCode: input.ebcCode } : {}),
    });
    if (!result.ok)
      return {
        month: input.month,
        deadline,
        summaries: 0,
        declarations: 0,
        inventories: 0,
        sumNos: [],
        reason: result.reason,
      };
    await enqueueReceipts(trx, result.receipts, ctx.now);
    const sumNos: string[] = [];
    for (const id of result.summaryIds) {
      const decls = await declarationsOfSummary(trx, id);
      const sumNo = await sumNoOf(trx, id);
      sumNos.push(sumNo);
      await appendAudit(trx, ctx, {
        action: 'export_summary.form',
        targetType: 'export_summary',
        targetId: id,
        targetOrgId: null,
        after: { sumNo, month: input.month, declarations: decls.map((d) => d.decl_seq_no), source },
      });
    }
    return {
      month: input.month,
      deadline,
      summaries: result.summaryIds.length,
      declarations: result.declarations,
      inventories: result.inventories,
      sumNos,
    };
  });
}

function warehouseView(w: OverseasWarehouse): TOverseasWarehouse {
  return {
    id: w.id,
    code: w.code,
    name: w.name,
    country: w.country,
    address: w.address,
    areaM2: w.area_m2,
    operatorOrgId: w.operator_org_id,
    status: w.status,
    filedAt: w.filed_at.toISOString(),
    revokedAt: w.revoked_at ? w.revoked_at.toISOString() : null,
  };
}

/** Files an overseas warehouse (海外仓备案) of the calling operator; a 9810 booking must name a filed one. */
export async function fileOverseasWarehouse(
  deps: Deps,
  ctx: RequestContext,
  input: { code: string; name: string; country: string; address: string; areaM2?: string | undefined },
): Promise<TOverseasWarehouse> {
  if (scopeFor(ctx.actor, 'overseas_warehouse', 'create').kind === 'none')
    throw forbidden('overseas warehouses are filed by enterprises holding the overseas-warehouse role');
  return deps.db.transaction().execute(async (trx) => {
    if (await findWarehouseByCode(trx, input.code))
      throw conflict('code', '海外仓编码已备案 (this warehouse code is already filed)', input.code);
    const row: OverseasWarehouse = {
      id: newId(),
      code: input.code,
      name: input.name,
      country: input.country,
      address: input.address,
      area_m2: input.areaM2 ?? null,
      operator_org_id: ctx.actor.orgId,
      status: 'filed',
      filed_at: ctx.now,
      revoked_at: null,
      updated_at: ctx.now,
    };
    await insertWarehouse(trx, row);
    await appendAudit(trx, ctx, {
      action: 'overseas_warehouse.file',
      targetType: 'overseas_warehouse',
      targetId: row.id,
      targetOrgId: row.operator_org_id,
      after: warehouseView(row),
    });
    return warehouseView(row);
  });
}

export async function listOverseasWarehouses(
  deps: Deps,
  ctx: RequestContext,
  query: { page: number; pageSize: number },
): Promise<TPage<TOverseasWarehouse>> {
  scopeFor(ctx.actor, 'overseas_warehouse', 'read');
  const { rows, total } = await listWarehouses(deps.db, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(warehouseView), total, page: query.page, pageSize: query.pageSize };
}

/** Revokes a filing (its operator, or customs); later 9810 bookings naming it are refused. */
export async function revokeOverseasWarehouse(
  deps: Deps,
  ctx: RequestContext,
  id: string,
): Promise<TOverseasWarehouse> {
  const s = scopeFor(ctx.actor, 'overseas_warehouse', 'update');
  return deps.db.transaction().execute(async (trx) => {
    const before = await findWarehouse(trx, id);
    if (!before || s.kind === 'none' || (s.kind === 'own' && before.operator_org_id !== s.orgId))
      throw notFound('id', id);
    await revokeWarehouse(trx, id, ctx.now);
    const after = (await findWarehouse(trx, id)) as OverseasWarehouse;
    await appendAudit(trx, ctx, {
      action: 'overseas_warehouse.revoke',
      targetType: 'overseas_warehouse',
      targetId: id,
      targetOrgId: before.operator_org_id,
      before: warehouseView(before),
      after: warehouseView(after),
    });
    return warehouseView(after);
  });
}

/** Sets a customs office's export sequencing (arrival then release, or release then arrival). */
export async function setExportSequencing(
  deps: Deps,
  ctx: RequestContext,
  customsCode: string,
  sequencing: 'arrival_then_release' | 'release_then_arrival',
): Promise<{ customsCode: string; sequencing: string }> {
  if (scopeFor(ctx.actor, 'customs_setting', 'update').kind === 'none')
    throw forbidden('office settings are kept by customs administrators');
  await deps.db.transaction().execute(async (trx) => {
    await setOfficeSequencing(trx, customsCode, sequencing, ctx.now);
    await appendAudit(trx, ctx, {
      action: 'customs_setting.export_sequencing',
      targetType: 'customs_office',
      targetId: customsCode,
      targetOrgId: null,
      after: { sequencing },
    });
  });
  return { customsCode, sequencing };
}
