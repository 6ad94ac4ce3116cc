// Events enterprises add to the chain (issue 21; decision 0049): a manufacturer's production batches for its
// product, and what the seller, platform, carrier or bonded warehouse of a parcel records about its lines
// (warehouse in/out, departure, delivery, return). Who may record is decided by data: the product's owner for a
// product code; for a parcel-line code, the owner (seller) or an enterprise whose code the inventory names as
// platform (ebpCode), carrier (logisticsCode) or warehouse (areaCode). Each event is written with its audit row.
import { randomUUID } from 'node:crypto';
import type { TErrorDetail, TTraceEventInput, TTraceEventRecorded } from '@crossgate/contract';
import {
  LINE_EVENT_TYPES,
  mayRecord,
  parseCode,
  PRODUCT_EVENT_TYPES,
  scopeFor,
  TRACE_EVENT_MEANING,
  type TraceRole,
} from '@crossgate/domain';
import { AppError, forbidden } from '../../errors.ts';
import { appendAuditMany } from '../../repositories/audit.ts';
import { codesOf, findOrganisation } from '../../repositories/organisations.ts';
import { findCode, insertEvents, inventoryForChain, type NewTraceEvent } from '../../repositories/trace.ts';
import type { Deps, RequestContext } from '../context.ts';

/** The roles the acting enterprise holds towards a code's subject (none: it may not record). */
async function rolesOf(
  deps: Deps,
  row: NonNullable<Awaited<ReturnType<typeof findCode>>>,
  actorOrg: { id: string; codes: string[] },
): Promise<TraceRole[]> {
  const roles: TraceRole[] = [];
  if (row.org_id === actorOrg.id) roles.push('owner');
  if (row.kind === 'line' && row.document_id && row.gnum !== null) {
    const inv = await inventoryForChain(deps.db, row.document_id, row.gnum);
    if (inv) {
      const named = (c: string | null) => c !== null && actorOrg.codes.includes(c);
      if (named(inv.ebc_code) && !roles.includes('owner')) roles.push('owner');
      if (named(inv.ebp_code)) roles.push('platform');
      if (named(inv.logistics_code)) roles.push('carrier');
      if (named(inv.area_code)) roles.push('warehouse');
    }
  }
  return roles;
}

/**
 * Checks one event against the code it names and the actor's standing: field-level problems (zh / en) with the
 * row's prefix, or the row to insert.
 */
export async function checkEvent(
  deps: Deps,
  ctx: RequestContext,
  actorOrg: { id: string; codes: string[] },
  input: TTraceEventInput,
  prefix = '',
): Promise<{ ok: true; row: NewTraceEvent } | { ok: false; problems: TErrorDetail[]; forbidden?: boolean }> {
  const shape = parseCode(input.code);
  if (!shape.ok)
    return {
      ok: false,
      problems: [
        {
          field: `${prefix}code`,
          rule:
            shape.reason === 'check'
              ? '云关码校验位不符，请核对 (the check character does not match: a typo)'
              : '云关码应为 13 位字母数字 (a code has 13 letters and digits)',
          actual: input.code,
        },
      ],
    };
  const row = await findCode(deps.db, shape.code);
  if (!row)
    return {
      ok: false,
      problems: [
        { field: `${prefix}code`, rule: '未找到该云关码 (no such code was issued)', actual: input.code },
      ],
    };
  const subject = row.kind;
  const allowed = subject === 'product' ? PRODUCT_EVENT_TYPES : LINE_EVENT_TYPES;
  if (!allowed.includes(input.eventType))
    return {
      ok: false,
      problems: [
        {
          field: `${prefix}eventType`,
          rule:
            subject === 'product'
              ? '商品码只能记录生产批次 (a product code takes production batches only)'
              : '包裹码可记录入库、出库、发运、签收、退货 (a parcel-line code takes warehouse in/out, departure, delivery, return)',
          expected: allowed.join(' | '),
          actual: input.eventType,
        },
      ],
    };
  if (input.eventType === 'production' && !input.batch)
    return {
      ok: false,
      problems: [
        { field: `${prefix}batch`, rule: '生产批次须填写批号 (a production batch needs its lot number)' },
      ],
    };
  const roles = await rolesOf(deps, row, actorOrg);
  if (!mayRecord(input.eventType, subject, roles))
    return {
      ok: false,
      forbidden: true,
      problems: [
        {
          field: `${prefix}code`,
          rule:
            subject === 'product'
              ? '只有商品的备案企业可记录生产批次 (only the product’s owner records its batches)'
              : '只有包裹的电商企业、电商平台、物流企业或区内仓储企业可记录 (only the parcel’s seller, platform, carrier or warehouse records its events)',
          actual: input.code,
        },
      ],
    };
  const when = new Date(input.eventTime);
  if (when.getTime() > ctx.now.getTime() + 5 * 60_000)
    return {
      ok: false,
      problems: [
        {
          field: `${prefix}eventTime`,
          rule: '事件时间不能晚于当前时间 (an event cannot be in the future)',
          actual: input.eventTime,
        },
      ],
    };
  return {
    ok: true,
    row: {
      id: randomUUID(),
      org_id: actorOrg.id,
      product_id: row.product_id,
      line_code: row.kind === 'line' ? row.code : null,
      event_type: input.eventType,
      event_time: when,
      batch: input.batch ?? null,
      place: input.place,
      place_code: input.placeCode ?? null,
      quantity: input.quantity ?? null,
      note: input.note ?? null,
      via: 'api',
      recorded_by: ctx.actor.userId,
      request_id: ctx.requestId,
      created_at: ctx.now,
    },
  };
}

/** The acting enterprise (its id and codes); refuses roles that may not record events. */
export async function recorder(deps: Deps, ctx: RequestContext): Promise<{ id: string; codes: string[] }> {
  const scope = scopeFor(ctx.actor, 'product', 'create');
  if (scope.kind === 'none') throw forbidden('only enterprises record traceability events');
  const org = await findOrganisation(deps.db, ctx.actor.orgId);
  return { id: ctx.actor.orgId, codes: org ? codesOf(org) : [] };
}

/** Writes checked events with one audit row each. */
export async function storeEvents(deps: Deps, ctx: RequestContext, rows: NewTraceEvent[]): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await insertEvents(trx, rows);
    await appendAuditMany(
      trx,
      ctx,
      rows.map((r) => ({
        action: 'trace.event',
        targetType: 'trace_event',
        targetId: r.id,
        targetOrgId: r.org_id,
        after: {
          code: r.line_code,
          productId: r.product_id,
          eventType: r.event_type,
          what: TRACE_EVENT_MEANING[r.event_type].en,
          eventTime: r.event_time.toISOString(),
          batch: r.batch,
          place: r.place,
          via: r.via,
        },
      })),
    );
  });
}

/** Records one event through the API (JSON). */
export async function recordTraceEvent(
  deps: Deps,
  ctx: RequestContext,
  input: TTraceEventInput,
): Promise<TTraceEventRecorded> {
  const org = await recorder(deps, ctx);
  const checked = await checkEvent(deps, ctx, org, input, 'body.');
  if (!checked.ok)
    throw new AppError(checked.forbidden ? 'FORBIDDEN' : 'VALIDATION_FAILED', checked.problems);
  await storeEvents(deps, ctx, [checked.row]);
  return { recorded: 1, ids: [checked.row.id] };
}
