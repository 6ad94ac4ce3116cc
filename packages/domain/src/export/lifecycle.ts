import type { TransitionActor } from '../clearance/lifecycle.ts';
import { tableAllows, transitionRefusal } from '../clearance/transitions.ts';
import type { RuleError } from '../result.ts';

/**
 * The statuses of an export inventory (CEB603), as customs reports them in CEB604 `returnStatus` (spec 202205
 * XSD `InventoryReturn.returnStatus`: 100 退单, 120 入库, 300 人工审核, 399 审结, 800 放行, 899 结关; ceb-reference
 * §7.1), plus 400 待运抵 (waiting for the goods to reach the supervised site; used by some offices, seen in the
 * Zhengzhou e-port tool [SIM]) and `cancelled` (a concluded CEB605 cancel; CEB606 reports it as 399 on the cancel
 * document, so the inventory itself gets a platform status rather than a receipt code). The e-port-only codes
 * (1 暂存, 3/4 sent to customs) are left out: the single window stands in for e-port and customs.
 */
export type ExportInventoryStatus =
  '2' | '100' | '120' | '300' | '399' | '400' | '500' | '800' | '899' | 'cancelled';

/**
 * In which order arrival and release come, set per customs office (ceb-reference §5.3 step 3; offices differ and
 * the exact sequencing is [UNVERIFIED]):
 * - `arrival_then_release`: a matched inventory waits in 400 待运抵 until the site operator's arrival report
 *   (CEB507), is released (800) on arrival, and closes (899) on departure (CEB509);
 * - `release_then_arrival`: a matched inventory is released (800) on the documents (清单核放), and closes (899)
 *   on departure; arrival is recorded but moves nothing.
 */
export type ExportSequencing = 'arrival_then_release' | 'release_then_arrival';

/** 120 → 400 待运抵 → 800 on arrival (CEB507) → 899 on departure (CEB509). */
export const DEFAULT_EXPORT_SEQUENCING: ExportSequencing = 'arrival_then_release';

export interface ExportTransition {
  from: ExportInventoryStatus;
  to: ExportInventoryStatus;
  by: TransitionActor[];
  /** Only under this sequencing; both when absent. */
  only?: ExportSequencing;
}

/**
 * CEB605 cancels an inventory that customs has accepted and not yet released: 120 入库, 300 人工审核, 399 审结,
 * 400 待运抵 and 500 查验 (the same set the import side allows for CEB623, plus 400). Not 2: CEB605 names the
 * customs `invtNo`, which is assigned at 120, so an inventory still waiting for its documents is withdrawn by
 * deleting it (appType 3) instead. Not 800/899: the goods are released, and a return (CEB213) is the way back.
 */
export const EXPORT_CANCELLABLE_STATUSES: readonly ExportInventoryStatus[] = [
  '120',
  '300',
  '399',
  '400',
  '500',
];

/**
 * The export inventory lifecycle (ceb-reference §5.3, §7.1):
 * 2 申报 → 120 入库 (order, waybill and — for 9610 — receipt match) or 100 退单; from 120 the risk check sends it
 * to 300 人工审核 or 500 查验, or concludes it; an officer concludes review and inspection in 399 审结 or refuses
 * it (100). A concluded inventory (120 on the green lane, or 399) then follows the office's sequencing:
 * 400 待运抵 → 800 放行 on arrival, or 800 放行 at once; inspection may also be ordered when the goods arrive
 * (400 → 500). Departure (CEB509) closes a released inventory: 800 → 899 结关, which the monthly summary picks up.
 * A cancel (CEB605) ends any cancellable status in `cancelled`.
 */
export const EXPORT_INVENTORY_TRANSITIONS: readonly ExportTransition[] = [
  { from: '2', to: '120', by: ['system'] },
  { from: '2', to: '100', by: ['system'] },
  { from: '120', to: '300', by: ['system'] },
  { from: '120', to: '500', by: ['system'] },
  { from: '120', to: '400', by: ['system'], only: 'arrival_then_release' },
  { from: '120', to: '800', by: ['system'] },
  { from: '300', to: '399', by: ['officer'] },
  { from: '300', to: '100', by: ['officer'] },
  { from: '300', to: '500', by: ['officer'] },
  { from: '500', to: '399', by: ['officer'] },
  { from: '500', to: '100', by: ['officer'] },
  { from: '399', to: '400', by: ['system'], only: 'arrival_then_release' },
  { from: '399', to: '800', by: ['system', 'officer'] },
  { from: '400', to: '800', by: ['system', 'officer'], only: 'arrival_then_release' },
  { from: '400', to: '500', by: ['system', 'officer'], only: 'arrival_then_release' },
  { from: '800', to: '899', by: ['system', 'officer'] },
  ...EXPORT_CANCELLABLE_STATUSES.map((from): ExportTransition => ({
    from,
    to: 'cancelled',
    by: ['system', 'officer'],
    ...(from === '400' ? { only: 'arrival_then_release' as const } : {}),
  })),
];

/** Statuses no transition leaves: 100 退单, 899 结关, cancelled. */
export const EXPORT_FINAL_STATUSES: readonly ExportInventoryStatus[] = ['100', '899', 'cancelled'];

/** Status names as customs writes them (zh) and as the English UI shows them. */
export const EXPORT_STATUS_LABELS: Record<ExportInventoryStatus, { zh: string; en: string }> = {
  '2': { zh: '电子口岸申报中', en: 'Declared' },
  '100': { zh: '海关退单', en: 'Rejected by customs' },
  '120': { zh: '海关入库', en: 'Accepted by customs (documents matched)' },
  '300': { zh: '人工审核', en: 'Manual review' },
  '399': { zh: '海关审结', en: 'Concluded by customs' },
  '400': { zh: '待运抵', en: 'Waiting for arrival at the supervised site' },
  '500': { zh: '查验', en: 'Inspection' },
  '800': { zh: '放行', en: 'Released' },
  '899': { zh: '结关', en: 'Closed (departed)' },
  cancelled: { zh: '已撤单', en: 'Cancelled' },
};

/** The transitions that apply under one sequencing. */
export function exportTransitionsFor(sequencing: ExportSequencing): ExportTransition[] {
  return EXPORT_INVENTORY_TRANSITIONS.filter((t) => t.only === undefined || t.only === sequencing);
}

/** Whether `by` may move an export inventory from `from` to `to` under the office's sequencing. */
export function canExportTransition(
  from: ExportInventoryStatus,
  to: ExportInventoryStatus,
  by: TransitionActor,
  sequencing: ExportSequencing = DEFAULT_EXPORT_SEQUENCING,
): boolean {
  return tableAllows(exportTransitionsFor(sequencing), from, to, by);
}

const label = (status: ExportInventoryStatus): string => `${status} ${EXPORT_STATUS_LABELS[status].zh}`;

/**
 * The refusal for a status change the export lifecycle does not allow under the office's sequencing, naming the
 * statuses the actor may move to instead; empty when the change is allowed.
 */
export function checkExportTransition(
  from: ExportInventoryStatus,
  to: ExportInventoryStatus,
  by: TransitionActor,
  sequencing: ExportSequencing = DEFAULT_EXPORT_SEQUENCING,
): RuleError[] {
  const table = exportTransitionsFor(sequencing);
  if (tableAllows(table, from, to, by)) return [];
  const actor = by === 'system' ? '系统' : '关员';
  const rule =
    `${actor}不能将出口清单由${label(from)}变更为${label(to)} ` +
    `(${by} may not move an export inventory from ${from} to ${to} under ${sequencing}; ceb-reference §7.1)`;
  return [transitionRefusal(table, from, to, by, rule)];
}

/**
 * What an inventory becomes once customs concluded it without review or inspection (120 on the green lane, or
 * 399 after them): released at once under `release_then_arrival`; under `arrival_then_release` released when
 * the goods have already arrived (CEB507 came first), else 400 待运抵.
 */
export function nextAfterMatch(sequencing: ExportSequencing, arrived: boolean): ExportInventoryStatus {
  if (sequencing === 'release_then_arrival') return '800';
  return arrived ? '800' : '400';
}

/**
 * The sequencing an inventory's next move is checked under: 400 待运抵 exists only on the `arrival_then_release`
 * path, so an inventory already waiting there finishes that path (released on arrival, or cancelled) even if its
 * office has switched to `release_then_arrival` since; any other status follows the office's current setting
 * (ceb-reference §5.3 step 3).
 */
export function sequencingOf(status: ExportInventoryStatus, office: ExportSequencing): ExportSequencing {
  return status === '400' ? 'arrival_then_release' : office;
}

/** Whether a CEB605 cancel may be declared in this status (see {@link EXPORT_CANCELLABLE_STATUSES}). */
export function exportCancellable(status: ExportInventoryStatus): boolean {
  return EXPORT_CANCELLABLE_STATUSES.includes(status);
}

/**
 * The refusal of a CEB605 cancel in a status that does not allow it, with the e-port's wording for the import
 * cancel (spec 202205 table 7-2, −623005 清单的状态不符合撤单申报要求); after release it points to a return.
 */
export function checkExportCancel(status: ExportInventoryStatus, invtNo = ''): RuleError[] {
  if (exportCancellable(status)) return [];
  const released = status === '800' || status === '899';
  return [
    {
      code: 'EXPORT_CANCEL_STATUS',
      field: 'CEB605.InvtCancel.invtNo',
      rule:
        `清单的状态不符合撤单申报要求(清单编号${invtNo})${released ? '，已放行的清单请申报退货申请单(CEB213)' : ''} ` +
        `(an export inventory can be cancelled from ${EXPORT_CANCELLABLE_STATUSES.join(', ')} only` +
        `${released ? '; once released, return the goods with CEB213' : ''})`,
      expected: EXPORT_CANCELLABLE_STATUSES.join(' | '),
      actual: label(status),
    },
  ];
}
