import type { TCustomsDecision, TImportDocumentSummary } from '@crossgate/contract';
import { scopeFor, type InventoryStatus } from '@crossgate/domain';
import { forbidden, notFound, ruleViolation } from '../../errors.ts';
import { appendAudit } from '../../repositories/audit.ts';
import { findClearance, findDocumentById, lockOrderNumbers } from '../../repositories/import-documents.ts';
import { enqueueReceipts, type OutboxReceipt } from '../../repositories/receipts-outbox.ts';
import type { Deps, RequestContext } from '../context.ts';
import { recordPlatformEvent } from '../credit/credit.ts';
import { moveInventory, releaseInventory, unwindInventory } from './clear-inventory.ts';
import { toSummary } from './queries.ts';

const DETAINED: InventoryStatus[] = ['501', '502', '503', '599'];

/** The credit event each adverse decision records against the e-commerce enterprise (credit/events). */
const CREDIT_OF_DECISION: Partial<Record<TCustomsDecision['action'], string>> = {
  reject: 'inspection_finding',
  detain: 'detention',
  return: 'return_abroad',
};
const CREDIT_WORD: Record<TCustomsDecision['action'], string> = {
  release: '放行',
  reject: '查验退单',
  detain: '被扣留',
  return: '退运',
};

/**
 * A customs officer's decision on an inventory held for review or inspection: release (399 审结 → 800 放行),
 * reject (100 退单), detain (501–599 扣留) or return abroad (700 退运). Every decision carries a reason, goes
 * to the declarer as a CEB622 receipt, to the timeline and to the audit trail. Rejected or returned parcels
 * give their quota back and void their tax bill.
 */
export async function decideInventory(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  decision: TCustomsDecision,
): Promise<TImportDocumentSummary> {
  if (scopeFor(ctx.actor, 'customs_decision', 'update').kind === 'none')
    throw forbidden('only customs officers decide on declarations');
  return deps.db.transaction().execute(async (trx) => {
    const first = await findDocumentById(trx, id);
    if (!first || first.doc_type !== 'inventory') throw notFound('id', id);
    await lockOrderNumbers(trx, [first.order_no ?? first.business_key]);
    const inventory = await findDocumentById(trx, id);
    if (!inventory) throw notFound('id', id);
    const clearance = await findClearance(trx, inventory.id, true);
    if (clearance?.cancelled_at) {
      throw ruleViolation([
        {
          code: 'INVENTORY_CANCELLED',
          field: 'id',
          rule: 'a cancelled inventory (CEB623 撤单审结) takes no further decisions',
          actual: clearance.cancelled_at.toISOString(),
        },
      ]);
    }
    const before = inventory.status;
    const reason = decision.reason.trim();
    const out: OutboxReceipt[] = [];
    switch (decision.action) {
      case 'release': {
        if (inventory.status !== '399')
          out.push(...(await moveInventory(trx, ctx, inventory, '399', 'officer', `海关审结：${reason}`)));
        const released = await releaseInventory(
          trx,
          ctx,
          inventory,
          'officer',
          `[Code:2600;Desc:放行] ${reason}`,
        );
        if (!released.ok) throw ruleViolation([released.shortfall]);
        out.push(...released.receipts);
        break;
      }
      case 'reject':
        out.push(...(await moveInventory(trx, ctx, inventory, '100', 'officer', `海关退单：${reason}`)));
        await unwindInventory(trx, ctx, inventory);
        break;
      case 'detain': {
        const code = decision.detention ?? '599';
        if (!DETAINED.includes(code))
          throw ruleViolation([
            { code: 'DETENTION_CODE', field: 'detention', rule: 'one of 501, 502, 503, 599', actual: code },
          ]);
        out.push(...(await moveInventory(trx, ctx, inventory, code, 'officer', `扣留：${reason}`)));
        break;
      }
      case 'return':
        out.push(...(await moveInventory(trx, ctx, inventory, '700', 'officer', `退运：${reason}`)));
        await unwindInventory(trx, ctx, inventory);
        break;
    }
    await enqueueReceipts(trx, out, ctx.now);
    // What customs found goes into the e-commerce enterprise's credit record (seed §二(二)4).
    const credit = CREDIT_OF_DECISION[decision.action];
    if (credit)
      await recordPlatformEvent(trx, ctx, {
        orgCode: String((inventory.body as Record<string, unknown>).ebcCode ?? ''),
        category: credit,
        reference: `${inventory.id}:${decision.action}`,
        description: `进口清单[${clearance?.invt_no ?? inventory.business_key}]${CREDIT_WORD[decision.action]}：${reason}`,
      });
    await appendAudit(trx, ctx, {
      action: `customs.${decision.action}`,
      targetType: 'inventory',
      targetId: inventory.id,
      targetOrgId: inventory.org_id,
      before: { status: before },
      after: {
        status: inventory.status,
        reason,
        ...(decision.detention ? { detention: decision.detention } : {}),
      },
    });
    return toSummary(inventory);
  });
}
