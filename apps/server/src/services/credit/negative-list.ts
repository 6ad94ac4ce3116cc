import type { TNegativeListEntry, TPage } from '@crossgate/contract';
import { scopeFor } from '@crossgate/domain';
import { conflict, forbidden, notFound, ruleViolation } from '../../errors.ts';
import { appendAudit } from '../../repositories/audit.ts';
import {
  delist,
  findNegativeEntry,
  insertNegativeEntry,
  listNegative,
  type NegativeRow,
} from '../../repositories/negative-list.ts';
import { findOrganisationByCode } from '../../repositories/organisations.ts';
import { newId } from '../auth.ts';
import type { Deps, RequestContext } from '../context.ts';
import { buyerKey } from '../import/documents.ts';
import { pageWindow } from '../mappers.ts';
import { refreshScore } from './credit.ts';

/**
 * 信用负面清单 (seed §二(二)4): enterprises, and persons by ID number, listed and delisted by customs or market
 * supervision with reason, authority and dates, audited. A listed enterprise cannot file (事前准入禁止), and
 * every declaration a listed party touches — as platform, seller, payer, carrier, agent or buyer — goes to
 * inspection (事中全面查验, the channel choice reads this table at once). A person is stored only as the same
 * keyed hash the quotas use, never by ID number.
 */

const view = (r: NegativeRow): TNegativeListEntry => ({
  id: r.id,
  subjectType: r.subject_type,
  subjectKey: r.subject_key,
  name: r.subject_name,
  reason: r.reason,
  authority: r.authority,
  listedAt: r.listed_at.toISOString(),
  validUntil: r.valid_until,
  delistedAt: r.delisted_at?.toISOString() ?? null,
  delistReason: r.delist_reason,
});

function requireScope(ctx: RequestContext, action: 'read' | 'create' | 'update') {
  const s = scopeFor(ctx.actor, 'negative_list', action);
  if (s.kind === 'none')
    throw forbidden(
      action === 'read'
        ? 'the negative list is read by regulators and the zone office'
        : 'customs and market supervision officers keep the negative list',
    );
  return s;
}

export async function listNegativeList(
  deps: Deps,
  ctx: RequestContext,
  query: { active?: boolean | undefined; q?: string | undefined; page: number; pageSize: number },
): Promise<TPage<TNegativeListEntry>> {
  requireScope(ctx, 'read');
  const { rows, total } = await listNegative(
    deps.db,
    { active: query.active, q: query.q },
    pageWindow(query),
  );
  return { items: rows.map(view), total, page: query.page, pageSize: query.pageSize };
}

export async function addToNegativeList(
  deps: Deps,
  ctx: RequestContext,
  input: {
    subjectType: 'enterprise' | 'person';
    code?: string | undefined;
    idType?: string | undefined;
    idNumber?: string | undefined;
    name: string;
    reason: string;
    authority: string;
    validUntil?: string | undefined;
  },
): Promise<TNegativeListEntry> {
  requireScope(ctx, 'create');
  const key =
    input.subjectType === 'enterprise'
      ? input.code
      : input.idNumber
        ? buyerKey(input.idType ?? '1', input.idNumber)
        : undefined;
  if (!key)
    throw ruleViolation([
      {
        code: 'SUBJECT_REQUIRED',
        field: input.subjectType === 'enterprise' ? 'code' : 'idNumber',
        rule:
          input.subjectType === 'enterprise'
            ? '企业须填写海关编码或统一社会信用代码 (an enterprise is listed by its customs code or USCC)'
            : '个人须填写证件号码 (a person is listed by ID number)',
      },
    ]);
  return deps.db.transaction().execute(async (trx) => {
    const active = await findNegativeEntry(trx, { subjectKey: key, active: true });
    if (active) throw conflict('subject', '该主体已在负面清单中 (already on the negative list)', active.id);
    const id = newId();
    await insertNegativeEntry(trx, {
      id,
      subject_type: input.subjectType,
      subject_key: key,
      subject_name: input.name,
      reason: input.reason,
      authority: input.authority,
      listed_at: ctx.now,
      valid_until: input.validUntil ?? null,
      listed_by: ctx.actor.userId,
    });
    const row = (await findNegativeEntry(trx, { id })) as NegativeRow;
    await appendAudit(trx, ctx, {
      action: 'negative_list.add',
      targetType: 'negative_list',
      targetId: id,
      targetOrgId: null,
      after: view(row),
    });
    const org = input.subjectType === 'enterprise' ? await findOrganisationByCode(trx, key) : undefined;
    if (org) await refreshScore(trx, ctx, org.id);
    return view(row);
  });
}

export async function removeFromNegativeList(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  reason: string,
): Promise<TNegativeListEntry> {
  requireScope(ctx, 'update');
  return deps.db.transaction().execute(async (trx) => {
    const before = await findNegativeEntry(trx, { id });
    if (!before) throw notFound('id', id);
    if (before.delisted_at) throw conflict('delistedAt', '已移出负面清单 (already delisted)', id);
    await delist(trx, id, { reason, by: ctx.actor.userId, at: ctx.now });
    const after = (await findNegativeEntry(trx, { id })) as NegativeRow;
    await appendAudit(trx, ctx, {
      action: 'negative_list.remove',
      targetType: 'negative_list',
      targetId: id,
      targetOrgId: null,
      before: view(before),
      after: view(after),
    });
    const org =
      before.subject_type === 'enterprise'
        ? await findOrganisationByCode(trx, before.subject_key)
        : undefined;
    if (org) await refreshScore(trx, ctx, org.id);
    return view(after);
  });
}
