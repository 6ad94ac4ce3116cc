import type { TPage, TPositiveListEntry } from '@crossgate/contract';
import { scopeFor } from '@crossgate/domain';
import { forbidden } from '../../errors.ts';
import { appendAudit } from '../../repositories/audit.ts';
import { insertPositiveEntries, listPositiveList } from '../../repositories/filings.ts';
import { newId } from '../auth.ts';
import type { Deps, RequestContext } from '../context.ts';
import { pageWindow } from '../mappers.ts';

/**
 * The retail-import positive list (跨境电子商务零售进口商品清单, 财政部等13部门公告2019年第96号 and its 2022
 * adjustment) as configurable reference data: customs and zone administrators enter its lines by tariff
 * code prefix with validity dates; product filing for retail import checks against the lines in force.
 */

const view = (r: Awaited<ReturnType<typeof listPositiveList>>['rows'][number]): TPositiveListEntry => ({
  id: r.id,
  hsPrefix: r.hs_prefix,
  nameZh: r.name_zh,
  note: r.note,
  listName: r.list_name,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

export async function positiveList(
  deps: Deps,
  ctx: RequestContext,
  query: { q?: string | undefined; page: number; pageSize: number },
): Promise<TPage<TPositiveListEntry>> {
  if (scopeFor(ctx.actor, 'tariff_rate', 'read').kind === 'none') throw forbidden('reference data');
  const { rows, total } = await listPositiveList(deps.db, { q: query.q }, pageWindow(query));
  return { items: rows.map(view), total, page: query.page, pageSize: query.pageSize };
}

/** Adds lines (one, or an edition's worth); a line already there for the same prefix and start date is kept. */
export async function addPositiveEntries(
  deps: Deps,
  ctx: RequestContext,
  entries: Omit<TPositiveListEntry, 'id'>[],
): Promise<{ added: number }> {
  if (scopeFor(ctx.actor, 'tariff_rate', 'update').kind === 'none')
    throw forbidden('the positive list is kept by customs and zone administrators');
  return deps.db.transaction().execute(async (trx) => {
    const added = await insertPositiveEntries(
      trx,
      entries.map((e) => ({
        id: newId(),
        hs_prefix: e.hsPrefix,
        name_zh: e.nameZh,
        note: e.note,
        list_name: e.listName,
        valid_from: e.validFrom,
        valid_to: e.validTo,
        created_at: ctx.now,
      })),
    );
    await appendAudit(trx, ctx, {
      action: 'positive_list.add',
      targetType: 'positive_list',
      targetId: entries[0]?.listName ?? '',
      targetOrgId: null,
      after: { added, prefixes: entries.map((e) => e.hsPrefix) },
    });
    return { added };
  });
}
