import { codeDesc, type NegativeCode } from '@crossgate/ceb';
import type { Database, Kysely } from '@crossgate/db';
import { mayFileFollowUp } from '@crossgate/domain';
import { appendEvents, type EventRow } from '../repositories/import-documents.ts';
import { organisationCodes } from '../repositories/organisations.ts';
import type { OutboxReceipt } from '../repositories/receipts-outbox.ts';
import type { RequestContext } from './context.ts';

/** Duplicate, not-found, wrong-state and parameter codes of one group of spec 202205 table 7-2. */
export interface RefusalGroup {
  duplicate: NegativeCode;
  notFound: NegativeCode;
  locked: NegativeCode;
  invalid: NegativeCode;
}

/**
 * The code groups of table 7-2 (printed for import, and again, unchanged, as 出口统一版业务报文错误信息及其代码):
 * order −3010xx, payment −4010xx, waybill −5040xx, waybill status −5050xx, inventory −6210xx, cancel −6230xx,
 * return −6250xx, warehousing detail −8000xx.
 */
export const REFUSALS = {
  order: { duplicate: '-301010', notFound: '-301009', locked: '-301011', invalid: '-301008' },
  payment: { duplicate: '-401007', notFound: '-401006', locked: '-401008', invalid: '-401009' },
  waybill: { duplicate: '-504015', notFound: '-504014', locked: '-504016', invalid: '-504011' },
  waybillStatus: { duplicate: '-505012', notFound: '-505011', locked: '-505011', invalid: '-505011' },
  inventory: { duplicate: '-621004', notFound: '-621011', locked: '-621012', invalid: '-621001' },
  cancel: { duplicate: '-623009', notFound: '-623003', locked: '-623005', invalid: '-623001' },
  refund: { duplicate: '-625022', notFound: '-625001', locked: '-625001', invalid: '-625001' },
  delivery: { duplicate: '-800003', notFound: '-800001', locked: '-800001', invalid: '-800001' },
} as const satisfies Record<string, RefusalGroup>;

/** Who moved a document by rule: the system, or the person or key whose message caused it. */
export function actorOf(ctx: RequestContext): EventRow['actor'] {
  return {
    via: ctx.actor.via,
    userId: ctx.actor.userId,
    orgId: ctx.actor.via === 'system' ? null : ctx.actor.orgId,
  };
}

/**
 * The supporting documents of an accepted inventory (order, payment or receipt, waybill) still waiting (2)
 * are stored by customs as well (120 `[Code:1800;Desc:逻辑校验通过]`): their status, their events and one
 * receipt each, built by the caller's direction.
 */
export async function acceptSupporting<D extends { id: string; org_id: string }>(
  db: Kysely<Database>,
  ctx: RequestContext,
  waiting: D[],
  invtNo: string,
  setStatus: (ids: string[]) => Promise<void>,
  receipt: (doc: D, info: string) => OutboxReceipt,
): Promise<OutboxReceipt[]> {
  const info = codeDesc('1800', '逻辑校验通过');
  await setStatus(waiting.map((d) => d.id));
  await appendEvents(
    db,
    waiting.map((d) => ({
      documentId: d.id,
      orgId: d.org_id,
      status: '120',
      returnInfo: info,
      actor: actorOf(ctx),
      requestId: ctx.requestId,
      details: { invtNo },
      now: ctx.now,
    })),
  );
  return waiting.map((d) => receipt(d, info));
}

/**
 * Whether the sender may cancel, return or summarise an inventory of either direction: its declarant, or the
 * e-commerce enterprise or agent it names (mayFileFollowUp, decision 0019). The sender's codes are read only
 * when it is not the declarant.
 */
export async function partyToInventory(
  db: Kysely<Database>,
  inventory: { org_id: string; body: unknown },
  orgId: string,
): Promise<boolean> {
  if (inventory.org_id === orgId) return true;
  const b = inventory.body as Record<string, string>;
  return mayFileFollowUp(
    { declarantOrgId: inventory.org_id, ebcCode: b.ebcCode ?? '', agentCode: b.agentCode ?? '' },
    { orgId, codes: await organisationCodes(db, orgId) },
  );
}
