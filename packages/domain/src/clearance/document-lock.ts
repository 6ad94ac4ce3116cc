/**
 * When an order (CEB311), payment (CEB411) or waybill (CEB511) may no longer be changed (appType 2) or deleted
 * (appType 3): once an inventory (CEB621) that names it is declared (decision 0028).
 *
 * Source: spec 202205 table 7-2 — −301011 该订单已向海关申报清单，状态不符; the same group's −401008
 * 该支付单已向海关申报支付单，状态不符 and −504016 该运单已向海关申报运单，状态不符 for payments and waybills
 * (ceb-reference §11.6: appType 2/3 only while the inventory is not yet declared). The e-port forwards the three
 * documents to customs with the inventory; what customs compares the inventory against must not move under it.
 */

/** An inventory that names the document (same platform, order number and seller; for a waybill its number too). */
export interface NamingInventory {
  /** The inventory's returnStatus as stored: 1 暂存, 2 申报 (waiting), 100 退单, 120 … 899. */
  status: string;
}

/**
 * Inventory statuses that do not hold the documents it names: 1 暂存 (a draft, never declared — spec §2: appStatus
 * 1-暂存, 2-申报) and 100 退单 (customs refused the declaration; it is declared again, appType 2, only after the
 * documents are put right). Every other status — 2 waiting for the other documents, 120 and on, including a
 * declaration later cancelled (撤单) or returned (退货), which stay on customs' record — holds them.
 */
export const NON_HOLDING_INVENTORY_STATUSES: readonly string[] = ['1', '100'];

/** Whether an inventory in this status holds the order, payment and waybill it names. */
export const inventoryHoldsDocuments = (status: string): boolean =>
  !NON_HOLDING_INVENTORY_STATUSES.includes(status);

/**
 * Whether a change or deletion of an order, payment or waybill is refused (−301011 / −401008 / −504016): some
 * inventory that names it holds it.
 */
export const supportingDocumentLocked = (naming: readonly NamingInventory[]): boolean =>
  naming.some((i) => inventoryHoldsDocuments(i.status));
