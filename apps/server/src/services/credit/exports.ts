import { beijingDate, ROLE_LABELS, type EnterpriseRole } from '@crossgate/domain';
import { negativeEntriesOf } from '../../repositories/negative-list.ts';
import { findOrganisation } from '../../repositories/organisations.ts';
import type { Deps, RequestContext } from '../context.ts';
import type { tableXlsx as TableXlsx } from '../xlsx-table.ts';
import { filingLabel } from './labels.ts';
import { creditRecord, listCredit } from './credit.ts';
import { listNegativeList } from './negative-list.ts';
import { listFilings } from '../filing/enterprise-filings.ts';
import { FILING_STATUS_LABELS, type FilingStatus as DomainFilingStatus } from '@crossgate/domain';

/** Exports of the credit system: the enterprise's credit report (PDF) and the regulators' lists (Excel). */

/** exceljs is loaded on the first export, not at start (it weighs on every worker). */
const tableXlsx = async (...args: Parameters<typeof TableXlsx>) =>
  (await import('../xlsx-table.ts')).tableXlsx(...args);

/** Reads every page of a paged list (bounded: exports stop at 20,000 rows). */
async function allPages<T>(read: (page: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; out.length < 20_000; page++) {
    const { items, total } = await read(page);
    out.push(...items);
    if (items.length === 0 || out.length >= total) break;
  }
  return out;
}

export async function creditReport(deps: Deps, ctx: RequestContext, orgId: string): Promise<Buffer> {
  const record = await creditRecord(deps, ctx, orgId);
  const org = await findOrganisation(deps.db, orgId);
  const listings = await negativeEntriesOf(
    deps.db,
    [record.code, record.uscc].filter((c): c is string => Boolean(c)),
  );
  const { renderCreditReportPdf } = await import('./report-pdf.ts');
  return renderCreditReportPdf({
    org: {
      nameZh: record.nameZh,
      code: record.code,
      uscc: record.uscc,
      filingStatus: filingLabel(record.filingStatus),
      roles: (org?.enterprise_roles ?? []).map((r) => ROLE_LABELS[r as EnterpriseRole]?.zh ?? r),
    },
    score: {
      score: record.score.score,
      level: record.score.level,
      asOf: record.score.asOf,
      formulaVersion: record.score.formulaVersion,
      components: record.score.components,
    },
    customsLevel: record.customsLevel
      ? { label: record.customsLevel.label, since: record.customsLevel.validFrom }
      : null,
    ratings: record.ratings,
    events: record.events.map((e) => ({
      occurredOn: e.occurredOn,
      expiresOn: e.expiresOn,
      categoryLabel: e.categoryZh,
      source: e.source === 'platform' ? '平台记录' : (e.authority ?? '监管部门'),
      weight: e.weight,
      description: e.description,
      inForce: e.inForce,
    })),
    negativeList: {
      listed: record.negativeListed,
      entries: listings.map((l) => ({
        reason: l.reason,
        authority: l.authority,
        listedAt: beijingDate(l.listed_at),
        delistedAt: l.delisted_at ? beijingDate(l.delisted_at) : null,
      })),
    },
    history: record.history.map((h) => ({ asOf: h.asOf, score: h.score, level: h.level })),
    issuedAt: ctx.now.toISOString(),
  });
}

export async function creditXlsx(
  deps: Deps,
  ctx: RequestContext,
  query: { level?: string | undefined; q?: string | undefined },
): Promise<Buffer> {
  const rows = await allPages((page) => listCredit(deps, ctx, { ...query, page, pageSize: 200 }));
  return tableXlsx(
    '企业信用',
    [
      { key: 'code', header: '海关编码 Customs code', width: 14 },
      { key: 'uscc', header: '统一社会信用代码 USCC', width: 22 },
      { key: 'nameZh', header: '企业名称 Name', width: 40 },
      { key: 'filing', header: '备案状态 Filing', width: 12 },
      { key: 'level', header: '信用等级 Level', width: 10 },
      { key: 'score', header: '综合评分 Score', width: 10, kind: 'number' },
      { key: 'asOf', header: '评价日期 As of', width: 12 },
    ],
    rows.map((r) => ({
      code: r.code,
      uscc: r.uscc,
      nameZh: r.nameZh,
      filing: filingLabel(r.filingStatus),
      level: r.level,
      score: r.score,
      asOf: r.asOf,
    })),
    {
      title: '企业信用查询结果 (credit list)',
      generatedAt: ctx.now,
      filters: [query.level && `等级=${query.level}`, query.q && `关键字=${query.q}`]
        .filter(Boolean)
        .join('；'),
    },
  );
}

export async function negativeListXlsx(
  deps: Deps,
  ctx: RequestContext,
  query: { active?: boolean | undefined; q?: string | undefined },
): Promise<Buffer> {
  const rows = await allPages((page) => listNegativeList(deps, ctx, { ...query, page, pageSize: 200 }));
  return tableXlsx(
    '信用负面清单',
    [
      { key: 'subjectType', header: '主体类型 Subject', width: 10 },
      { key: 'name', header: '名称 Name', width: 36 },
      { key: 'subjectKey', header: '代码/标识 Code or key', width: 24 },
      { key: 'reason', header: '列入原因 Reason', width: 40 },
      { key: 'authority', header: '认定机关 Authority', width: 20 },
      { key: 'listedAt', header: '列入时间 Listed', width: 20, kind: 'date' },
      { key: 'validUntil', header: '有效期至 Until', width: 12 },
      { key: 'delistedAt', header: '移出时间 Delisted', width: 20, kind: 'date' },
    ],
    rows.map((r) => ({
      subjectType: r.subjectType === 'enterprise' ? '企业' : '个人',
      name: r.name,
      // A person's key is a hash: exported shortened, never an ID number.
      subjectKey: r.subjectType === 'enterprise' ? r.subjectKey : `${r.subjectKey.slice(0, 12)}…`,
      reason: r.reason,
      authority: r.authority,
      listedAt: r.listedAt,
      validUntil: r.validUntil,
      delistedAt: r.delistedAt,
    })),
    { title: '信用负面清单 (negative list)', generatedAt: ctx.now },
  );
}

/** The filings regulators searched, to Excel (status labels in Chinese, contacts and documents counted). */
export async function filingsXlsx(
  deps: Deps,
  ctx: RequestContext,
  query: { status?: string | undefined; q?: string | undefined },
): Promise<Buffer> {
  const rows = await allPages((page) => listFilings(deps, ctx, { ...query, page, pageSize: 200 }));
  return tableXlsx(
    '企业备案',
    [
      { key: 'customsCode', header: '海关编码 Customs code', width: 14 },
      { key: 'uscc', header: '统一社会信用代码 USCC', width: 22 },
      { key: 'nameZh', header: '企业名称 Name', width: 40 },
      { key: 'roles', header: '申请角色 Roles', width: 30 },
      { key: 'status', header: '备案状态 Status', width: 14 },
      { key: 'submittedAt', header: '提交时间 Submitted', width: 20, kind: 'date' },
      { key: 'decidedAt', header: '审核时间 Decided', width: 20, kind: 'date' },
      { key: 'reasons', header: '审核意见 Reasons', width: 40 },
    ],
    rows.map((f) => ({
      customsCode: f.customsCode,
      uscc: f.uscc,
      nameZh: f.nameZh,
      roles: f.roles.map((r) => ROLE_LABELS[r as EnterpriseRole]?.zh ?? r).join('、'),
      status: FILING_STATUS_LABELS[f.status as DomainFilingStatus]?.zh ?? f.status,
      submittedAt: f.submittedAt,
      decidedAt: f.decidedAt,
      reasons: f.reasons.join('；'),
    })),
    {
      title: '企业备案查询结果 (enterprise filings)',
      generatedAt: ctx.now,
      filters: [query.status && `状态=${query.status}`, query.q && `关键字=${query.q}`]
        .filter(Boolean)
        .join('；'),
    },
  );
}
