/**
 * Who owns a declared record, and who may act on an inventory that is not theirs.
 *
 * A record (order, payment, waybill, inventory … of either direction) belongs to the enterprise that declared
 * it, for good: only that enterprise may change (appType 2) or delete (appType 3) it, and another enterprise
 * naming the same business key is answered as if the record did not exist (change, delete) or as a number in
 * use (add) — never with whose it is (decision 0019).
 */

/** The parties of an inventory that may file a cancellation, a return or a summary application on it. */
export interface InventoryParties {
  /** The enterprise that sent the inventory (its declarant, import_documents / export_documents.org_id). */
  declarantOrgId: string;
  /** 电商企业 / 收发货人 named on the inventory (CEB621 / CEB603 `ebcCode`). */
  ebcCode: string;
  /** 申报企业 named on the inventory (CEB621 / CEB603 `agentCode`). */
  agentCode: string;
}

/** The sender of a follow-up: its organisation and the codes it is known by (customs code, USCC). */
export interface FollowUpSender {
  orgId: string;
  codes: readonly string[];
}

/**
 * Whether `sender` may file a cancellation (CEB623 / CEB605), a return (CEB625 / CEB213) or a summary
 * application (CEB701) on an inventory: the enterprise that declared it, or one of the parties the spec names
 * as the sender of these messages — "电商企业或其代理人" (the e-commerce enterprise or its agent; spec 202205
 * §3.11–§3.13 CEB623/CEB625, §2.13 CEB605), where CEB213's `ebcCode` must be "与原清单电商企业一致" (§2.17) —
 * i.e. the enterprise whose code stands in the inventory's `ebcCode` or `agentCode`. Empty codes name no one.
 */
export function mayFileFollowUp(inventory: InventoryParties, sender: FollowUpSender): boolean {
  if (inventory.declarantOrgId === sender.orgId) return true;
  const named = [inventory.ebcCode, inventory.agentCode].filter((c) => c !== '');
  return sender.codes.some((c) => c !== '' && named.includes(c));
}
