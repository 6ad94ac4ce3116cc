import type { RuleError } from '../result.ts';
import { tableAllows, transitionRefusal } from './transitions.ts';

/**
 * The `returnStatus` codes an import inventory (CEB621) goes through, as customs sends them in CEB622 receipts
 * (spec 202205 §7, ceb-reference §7.1). The e-port-only codes (1 暂存, 3/4 sent to customs) are left out: the
 * single window stands in for both e-port and customs.
 */
export type InventoryStatus =
  '2' | '100' | '120' | '300' | '399' | '500' | '501' | '502' | '503' | '599' | '700' | '800' | '899';

/** `system` moves a document by rule (match, channel choice, release, closing); `officer` is a customs decision. */
export type TransitionActor = 'system' | 'officer';

export interface Transition {
  from: InventoryStatus;
  to: InventoryStatus;
  by: TransitionActor[];
}

const DETENTION = ['501', '502', '503', '599'] as const satisfies readonly InventoryStatus[];

/**
 * The import inventory lifecycle (ceb-reference §7.1): 2 申报 → 120 入库 (documents matched) → 300 人工审核 or
 * 500 查验, or straight to 800 放行 on the green lane → 399 审结 → 800 放行 → 899 结关. A refused match or a
 * review ends in 100 退单; a detention (501–503, 599) ends in 700 退运 or is lifted to 399.
 */
export const INVENTORY_TRANSITIONS: readonly Transition[] = [
  { from: '2', to: '120', by: ['system'] },
  { from: '2', to: '100', by: ['system'] },
  { from: '120', to: '300', by: ['system'] },
  { from: '120', to: '500', by: ['system'] },
  { from: '120', to: '800', by: ['system'] },
  { from: '300', to: '399', by: ['officer'] },
  { from: '300', to: '100', by: ['officer'] },
  { from: '300', to: '700', by: ['officer'] },
  ...DETENTION.map((to): Transition => ({ from: '300', to, by: ['officer'] })),
  { from: '500', to: '399', by: ['officer'] },
  { from: '500', to: '100', by: ['officer'] },
  { from: '500', to: '700', by: ['officer'] },
  ...DETENTION.map((to): Transition => ({ from: '500', to, by: ['officer'] })),
  ...DETENTION.map((from): Transition => ({ from, to: '700', by: ['officer'] })),
  ...DETENTION.map((from): Transition => ({ from, to: '399', by: ['officer'] })),
  { from: '399', to: '800', by: ['system', 'officer'] },
  { from: '800', to: '899', by: ['system', 'officer'] },
];

/**
 * Order (CEB312), payment (CEB412) and waybill (CEB512) receipts only report whether customs stored the
 * document (120) or refused it (100); review, inspection and release happen on the inventory.
 */
export const SUPPORTING_DOCUMENT_TRANSITIONS: readonly Transition[] = [
  { from: '2', to: '120', by: ['system'] },
  { from: '2', to: '100', by: ['system'] },
];

/**
 * Statuses no transition leaves: 100 退单, 700 退运, 899 结关 (ceb-reference §7.1). 800 放行 is not among them:
 * the goods are out, but the inventory still moves on to 899 when customs closes it.
 */
export const FINAL_STATUSES: readonly InventoryStatus[] = ['100', '700', '899'];

/** Status names as customs writes them (zh) and as the English UI shows them. */
export const STATUS_LABELS: Record<InventoryStatus, { zh: string; en: string }> = {
  '2': { zh: '电子口岸申报中', en: 'Declared' },
  '100': { zh: '海关退单', en: 'Rejected by customs' },
  '120': { zh: '海关入库', en: 'Accepted by customs (documents matched)' },
  '300': { zh: '人工审核', en: 'Manual review' },
  '399': { zh: '海关审结', en: 'Concluded by customs' },
  '500': { zh: '查验', en: 'Inspection' },
  '501': { zh: '扣留移送通关', en: 'Detained, passed to clearance' },
  '502': { zh: '扣留移送缉私', en: 'Detained, passed to anti-smuggling' },
  '503': { zh: '扣留移送法规', en: 'Detained, passed to the legal department' },
  '599': { zh: '其它扣留', en: 'Detained (other)' },
  '700': { zh: '退运', en: 'Returned abroad' },
  '800': { zh: '放行', en: 'Released' },
  '899': { zh: '结关', en: 'Closed' },
};

/**
 * Whether `by` may move a document from `from` to `to` under the import inventory lifecycle (ceb-reference
 * §7.1), or under another table such as {@link SUPPORTING_DOCUMENT_TRANSITIONS}.
 */
export function canTransition(
  from: InventoryStatus,
  to: InventoryStatus,
  by: TransitionActor,
  table: readonly Transition[] = INVENTORY_TRANSITIONS,
): boolean {
  return tableAllows(table, from, to, by);
}

/** Whether `by` may move an order, payment or waybill receipt status (only 2 → 120 and 2 → 100). */
export function canTransitionSupporting(
  from: InventoryStatus,
  to: InventoryStatus,
  by: TransitionActor,
): boolean {
  return canTransition(from, to, by, SUPPORTING_DOCUMENT_TRANSITIONS);
}

/**
 * The refusal for a status change the lifecycle does not allow (ceb-reference §7.1), naming the statuses the
 * actor may move to instead; empty when the change is allowed.
 */
export function checkTransition(
  from: InventoryStatus,
  to: InventoryStatus,
  by: TransitionActor,
  table: readonly Transition[] = INVENTORY_TRANSITIONS,
): RuleError[] {
  if (canTransition(from, to, by, table)) return [];
  const rule = `${by} may not move a document from ${from} ${STATUS_LABELS[from].zh} to ${to} ${STATUS_LABELS[to].zh} (ceb-reference §7.1)`;
  return [transitionRefusal(table, from, to, by, rule)];
}
