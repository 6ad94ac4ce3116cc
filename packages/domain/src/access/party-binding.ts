/**
 * What is bound to what (SECURITY.md "What is bound to what", decision 0018): which party codes inside a CEB
 * document name the party that is *acting* — declaring, or committing itself (its order numbers, its stock,
 * its tax guarantee) — and must therefore be the sender itself or an enterprise that has authorised the
 * sender (代理申报授权) for that role. Every other party code in a document names a counterparty whose own
 * document the three-document match (三单对碰, ceb-reference §6) compares it with, so it is bound
 * transitively: naming a platform's order in an inventory clears nothing unless the platform itself declared
 * that order.
 *
 * Sources: spec 202205 field tables (ceb-reference §4, appendices A and B, generated from the XSD
 * documentation), message catalogue (§3.1, §3.2), business flows (§5) and the match (§6). `BaseTransfer.copCode`
 * (§2.1, "must equal the identity of the access client") is checked before any of this and is not listed here.
 *
 * Pure: the gateway reads the sender's authorisations (one cached query per sender) and asks this module.
 */
import type { RuleError } from '../result.ts';

/**
 * The roles an enterprise may authorise another to name it in, by the field that names it:
 * `ebp` ebpCode (the platform's orders, and an overseas warehouse's bookings), `ebc` ebcCode (the e-commerce
 * enterprise on whose behalf inventories, cancels, returns and summaries are declared), `payment` payCode,
 * `logistics` logisticsCode, `warehouse` areaCode / iacCode / operatorCode (the zone warehouse whose account
 * book a bonded inventory writes off; the supervised site that reports arrivals and tallies), `assure`
 * assureCode (the enterprise that guarantees the inventory's tax, 担保扣税).
 */
export const AUTHORISATION_ROLES = ['ebp', 'ebc', 'payment', 'logistics', 'warehouse', 'assure'] as const;
export type AuthorisationRole = (typeof AUTHORISATION_ROLES)[number];

export const AUTHORISATION_ROLE_LABELS: Record<AuthorisationRole, { zh: string; en: string }> = {
  ebp: { zh: '电商平台（订单/订仓单）', en: 'platform (orders, bookings)' },
  ebc: { zh: '电商企业（委托代理申报清单）', en: 'e-commerce enterprise (declarations on its behalf)' },
  payment: { zh: '支付企业（支付凭证/收款单）', en: 'payment enterprise' },
  logistics: { zh: '物流企业（运单/离境单）', en: 'logistics enterprise' },
  warehouse: { zh: '区内仓储/监管场所经营人', en: 'zone warehouse / supervised site operator' },
  assure: { zh: '担保扣税企业', en: 'tax guarantor' },
};

/**
 * Which enterprise roles (organisations.enterprise_roles) may grant each authorisation role: an enterprise
 * lends only a capacity it holds itself. An overseas-warehouse operator is the `ebp` of its bookings (export
 * 9810: the booking, CEB303 orderType W, names the warehouse as ebpCode and is sent by the seller, §5.5); the
 * guarantor may be the e-commerce or the logistics enterprise of the inventory (InventoryHead.assureCode:
 * "只限清单的申报企业、电商企业物流企业" — the declaring agent is the sender itself and needs no grant).
 */
export const GRANTABLE_BY: Record<AuthorisationRole, readonly string[]> = {
  ebp: ['ebp', 'overseas_warehouse'],
  ebc: ['ebc'],
  payment: ['payment'],
  logistics: ['logistics'],
  warehouse: ['warehouse'],
  assure: ['ebc', 'logistics'],
};

/** The authorisation roles an enterprise holding these enterprise roles may grant. */
export const grantableRoles = (enterpriseRoles: readonly string[]): AuthorisationRole[] =>
  AUTHORISATION_ROLES.filter((r) => GRANTABLE_BY[r].some((e) => enterpriseRoles.includes(e)));

/**
 * How one party field is bound: `sender` — it must be the sending enterprise itself (the declaring unit,
 * which signs the declaration; no authorisation stands in for it); otherwise the role in which the enterprise
 * it names must have authorised the sender (or be the sender).
 */
export type Binding = 'sender' | AuthorisationRole;

export interface BoundField {
  field: string;
  binding: Binding;
  /** Bound only when filled in (an optional field of the XSD). */
  optional?: true;
  /**
   * When the field is empty or holds one of these values, the party does not exist and `instead` is bound
   * (export CEB303: a foreign platform without a code writes 无, and the e-commerce enterprise declares).
   */
  absentValues?: readonly string[];
  instead?: { field: string; binding: Binding };
  /** Where the spec says so. */
  basis: string;
}

export interface MessageBinding {
  messageType: string;
  /** The entity whose fields these are (the document's head), as named in a refusal's text. */
  entity: string;
  bound: readonly BoundField[];
  /** Party codes deliberately left unbound, and what binds them instead. */
  counterparties: readonly { field: string; why: string }[];
}

const MATCH = 'matched against its own declaration (ceb-reference §6.1)';

/**
 * The reviewed table: every message the gateway accepts (import CEB311/411/511/513/621/623/625/711, export
 * CEB303/403/505/507/509/603/605/607/701/213/215).
 */
export const PARTY_BINDINGS: Readonly<Record<string, MessageBinding>> = {
  // ── Import ─────────────────────────────────────────────────────────────────────────────────────────────
  CEB311Message: {
    messageType: 'CEB311Message',
    entity: 'OrderHead',
    bound: [
      {
        field: 'ebpCode',
        binding: 'ebp',
        basis:
          '§3.1/§5.1 step 1: the platform declares its orders (an e-commerce enterprise or an express/postal operator only on its behalf, 公告2018年第194号); §6.1 orderNo is unique per platform',
      },
    ],
    counterparties: [
      { field: 'ebcCode', why: `the seller: ${MATCH} — its inventory, declared under its authority` },
      { field: 'payCode', why: `the payment enterprise: ${MATCH} — its CEB411` },
    ],
  },
  CEB411Message: {
    messageType: 'CEB411Message',
    entity: 'PaymentHead',
    bound: [
      {
        field: 'payCode',
        binding: 'payment',
        basis:
          '§3.1/§5.1 step 2: the payment enterprise declares its payment vouchers (payTransactionId unique per payment firm, §6.1)',
      },
    ],
    counterparties: [{ field: 'ebpCode', why: `the platform whose order is paid: ${MATCH} — its CEB311` }],
  },
  CEB511Message: {
    messageType: 'CEB511Message',
    entity: 'LogisticsHead',
    bound: [
      {
        field: 'logisticsCode',
        binding: 'logistics',
        basis:
          '§3.1/§5.1 step 3: the logistics enterprise declares its waybills (logisticsNo unique per firm, §6.1)',
      },
    ],
    counterparties: [],
  },
  CEB513Message: {
    messageType: 'CEB513Message',
    entity: 'LogisticsStatus',
    bound: [
      {
        field: 'logisticsCode',
        binding: 'logistics',
        basis: '§3.1/§4.4/§5.1 step 9: the logistics enterprise reports its waybill signed for',
      },
    ],
    counterparties: [],
  },
  CEB621Message: {
    messageType: 'CEB621Message',
    entity: 'InventoryHead',
    bound: [
      {
        field: 'agentCode',
        binding: 'sender',
        basis:
          '§4.5 #28 agentCode 申报单位: the declaring enterprise, which must match the signing certificate (§2.2, −625013)',
      },
      {
        field: 'ebcCode',
        binding: 'ebc',
        basis:
          '§3.1 CEB621 进口清单数据报文（电商企业或其代理人）: declared by the e-commerce enterprise or its agent (§5.1 step 4)',
      },
      {
        field: 'areaCode',
        binding: 'warehouse',
        optional: true,
        basis:
          '§4.5 #30 areaCode 保税模式必填，区内仓储企业: a 1210 inventory writes off that warehouse’s account book (§5.2)',
      },
      {
        field: 'assureCode',
        binding: 'assure',
        basis:
          '§4.5 #15 assureCode 担保扣税的企业: the guarantor pays the tax (§5.1 step 8), only the agent, ebc or logistics firm (§6.2 rule 6)',
      },
    ],
    counterparties: [
      { field: 'ebpCode', why: `the platform: ${MATCH} — its order` },
      { field: 'logisticsCode', why: `the carrier: ${MATCH} — its waybill` },
    ],
  },
  CEB623Message: {
    messageType: 'CEB623Message',
    entity: 'InvtCancel',
    bound: [
      {
        field: 'agentCode',
        binding: 'sender',
        basis: '§4.7 / appendix A InvtCancel #21 agentCode 申报单位; §3.1 CEB623 (电商企业或其代理人)',
      },
      {
        field: 'ebcCode',
        binding: 'ebc',
        basis: '§3.1 CEB623 撤销申请单数据报文（电商企业或其代理人）',
      },
    ],
    counterparties: [
      { field: 'ebpCode', why: 'the platform: the cancel refers to an inventory by invtNo' },
      { field: 'logisticsCode', why: 'the carrier: the cancel refers to an inventory by invtNo' },
    ],
  },
  CEB625Message: {
    messageType: 'CEB625Message',
    entity: 'InvtRefundHead',
    bound: [
      {
        field: 'agentCode',
        binding: 'sender',
        basis: '§4.8 / appendix A InvtRefundHead #21 agentCode 申报单位; §3.1 CEB625 (电商企业或其代理人)',
      },
      {
        field: 'ebcCode',
        binding: 'ebc',
        basis: '§3.1 CEB625 退货申请单数据报文（电商企业或其代理人）',
      },
    ],
    counterparties: [
      { field: 'ebpCode', why: 'the platform: the return refers to an inventory by invtNo' },
      { field: 'logisticsCode', why: 'the carrier: the return refers to an inventory by invtNo' },
    ],
  },
  CEB711Message: {
    messageType: 'CEB711Message',
    entity: 'DeliveryHead',
    bound: [
      {
        field: 'operatorCode',
        binding: 'warehouse',
        basis:
          '§3.1/§4.9 CEB711 入库明细单数据报文（海关监管作业场所经营企业）: operatorCode 监管场所经营人 reports what arrived',
      },
    ],
    counterparties: [
      {
        field: 'logisticsCode',
        why: 'the carrier whose waybills arrived: each listed waybill is its CEB511',
      },
    ],
  },

  // ── Export ─────────────────────────────────────────────────────────────────────────────────────────────
  CEB303Message: {
    messageType: 'CEB303Message',
    entity: 'OrderHead',
    bound: [
      {
        field: 'ebpCode',
        binding: 'ebp',
        absentValues: ['无'],
        instead: { field: 'ebcCode', binding: 'ebc' },
        basis:
          '§3.2/§5.3 step 1: the platform (or the e-commerce enterprise) declares the order; §4.11 a foreign platform without a code writes 无 and the e-commerce enterprise declares; §5.5 a 9810 booking (orderType W) names the overseas warehouse as ebp',
      },
    ],
    counterparties: [
      { field: 'ebcCode', why: `the seller (when a platform declares): ${MATCH} — its inventory` },
    ],
  },
  CEB403Message: {
    messageType: 'CEB403Message',
    entity: 'Receipts',
    bound: [
      {
        field: 'payCode',
        binding: 'payment',
        absentValues: [],
        instead: { field: 'ebcCode', binding: 'ebc' },
        basis:
          '§3.2/§4.12 CEB403 收款单（电商企业或支付企业）: the payment enterprise that collected (payCode, required for domestic payment firms) declares; without one (现金支付) the e-commerce enterprise itself',
      },
    ],
    counterparties: [{ field: 'ebpCode', why: `the platform of the order: ${MATCH} — its CEB303` }],
  },
  CEB505Message: {
    messageType: 'CEB505Message',
    entity: 'Logistics',
    bound: [
      {
        field: 'logisticsCode',
        binding: 'logistics',
        basis: '§3.2/§4.13 CEB505 物流运单数据报文（物流企业）',
      },
    ],
    counterparties: [{ field: 'ebcCode', why: `the consignor: ${MATCH} — its inventory` }],
  },
  CEB507Message: {
    messageType: 'CEB507Message',
    entity: 'ArrivalHead',
    bound: [
      {
        field: 'operatorCode',
        binding: 'warehouse',
        basis:
          '§4.16 / appendix B ArrivalHead #8 operatorCode 监管场所经营人（邮路运输用邮政物流企业）: the site reports the arrival',
      },
    ],
    counterparties: [
      {
        field: 'logisticsCode',
        why: 'the carrier whose waybills arrived: each listed waybill is its CEB505',
      },
    ],
  },
  CEB509Message: {
    messageType: 'CEB509Message',
    entity: 'DepartureHead',
    bound: [
      {
        field: 'logisticsCode',
        binding: 'logistics',
        basis: '§3.2/§4.16 CEB509 离境单 (logistics): the carrier reports the departure',
      },
    ],
    counterparties: [],
  },
  CEB603Message: {
    messageType: 'CEB603Message',
    entity: 'InventoryHead',
    bound: [
      {
        field: 'agentCode',
        binding: 'sender',
        basis:
          '§4.14 / appendix B InventoryHead #19 agentCode 报关企业; −625013 the certificate belongs to the declaring unit (§2.2)',
      },
      {
        field: 'ebcCode',
        binding: 'ebc',
        basis:
          '§3.2 CEB603 (e-commerce enterprise or agent); appendix B #21 ebcCode 收发货人, on whose behalf the agent declares',
      },
      {
        field: 'iacCode',
        binding: 'warehouse',
        optional: true,
        basis:
          '§4.14/§5.4 iacCode 区内企业代码（特殊区域模式必填）: a 1210 export writes off that zone warehouse’s account book',
      },
    ],
    counterparties: [
      { field: 'ebpCode', why: `the platform: ${MATCH} — its order` },
      { field: 'logisticsCode', why: `the carrier: ${MATCH} — its waybill` },
      {
        field: 'ownerCode',
        why: 'the production-sales unit (生产销售单位) is a fact the consignor states (NO when unregistered, §4.14); it declares nothing',
      },
    ],
  },
  CEB605Message: {
    messageType: 'CEB605Message',
    entity: 'InvtCancel',
    bound: [
      {
        field: 'agentCode',
        binding: 'sender',
        basis: '§3.2 CEB605 (agent); appendix B InvtCancel #10 agentCode 申报单位',
      },
      { field: 'ebcCode', binding: 'ebc', basis: 'appendix B InvtCancel #12 ebcCode 收发货人' },
    ],
    counterparties: [],
  },
  CEB607Message: {
    messageType: 'CEB607Message',
    entity: 'WayBillHead',
    bound: [
      {
        field: 'agentCode',
        binding: 'sender',
        basis: '§3.2/§4.16 CEB607 (agent / logistics); appendix B WayBillHead #8 agentCode 申报企业',
      },
    ],
    counterparties: [
      {
        field: 'logisticsCode',
        why: 'the carrier of the waybills bound to the master bill: each listed waybill is its CEB505',
      },
    ],
  },
  CEB701Message: {
    messageType: 'CEB701Message',
    entity: 'SummaryApplyHead',
    bound: [
      {
        field: 'agentCode',
        binding: 'sender',
        basis: '§4.17 / appendix B SummaryApplyHead #9 agentCode 申报单位',
      },
      {
        field: 'ebcCode',
        binding: 'ebc',
        basis:
          '§5.3 step 6: the e-commerce enterprise or its agent summarises its inventories; #11 ebcCode 收发货人',
      },
    ],
    counterparties: [
      {
        field: 'declAgentCode',
        why: 'the broker that will file the resulting declarations outside CEB; it declares nothing here',
      },
    ],
  },
  CEB213Message: {
    messageType: 'CEB213Message',
    entity: 'InvtRefundHead',
    bound: [
      {
        field: 'agentCode',
        binding: 'sender',
        basis:
          '§4.18 / appendix B InvtRefundHead #18 agentCode 申报单位（可以与原申报企业一致，也可以是进境申报企业）',
      },
      {
        field: 'ebcCode',
        binding: 'ebc',
        basis: '§3.2 CEB213 退货申请单数据报文（电商企业）; #9 ebcCode',
      },
    ],
    counterparties: [
      { field: 'ebpCode', why: 'the platform: the return refers to an inventory by invtNo' },
      { field: 'logisticsCode', why: 'the carrier of the return (may differ from the original, §4.18)' },
    ],
  },
  CEB215Message: {
    messageType: 'CEB215Message',
    entity: 'InvtRefundDetail',
    bound: [
      {
        field: 'operatorCode',
        binding: 'warehouse',
        basis:
          '§3.2 CEB215 理货明细单 (site operator); appendix B InvtRefundDetail #6 operatorCode 监管场所经营人 (the PDF swaps the texts of #7/#8, §13)',
      },
    ],
    counterparties: [{ field: 'logisticsCode', why: 'the carrier of the returned parcel' }],
  },
};

/** One authorisation of the sender, as the gateway reads it: who granted it (its codes), for what, when. */
export interface PartyAuthorisation {
  /** The granting enterprise's customs code and USCC. */
  grantorCodes: readonly string[];
  role: AuthorisationRole;
  status: 'granted' | 'revoked';
  /** YYYY-MM-DD, inclusive. */
  validFrom: string;
  /** YYYY-MM-DD, the first day it no longer applies (half-open like every period here); null: open-ended. */
  validTo: string | null;
}

/** Whether an authorisation is in force on a date (YYYY-MM-DD, China Standard Time). */
export const authorisationInForce = (a: PartyAuthorisation, date: string): boolean =>
  a.status === 'granted' && a.validFrom <= date && (a.validTo === null || date < a.validTo);

export interface UnboundField {
  entity: string;
  field: string;
  /** `${entity}.${field}`, as the refusal names it. */
  path: string;
  value: string;
  binding: Binding;
}

/**
 * The party fields of one document (its head fields by CEB name) that are not bound to the sender: named
 * neither the sender's own code (customs code or USCC) nor an enterprise whose authorisation of the sender for
 * that role is in force on `date`. Empty when everything is bound; a message type outside the table has
 * nothing bound. In the table's order, so the first is the one to name.
 */
export function unboundParties(
  messageType: string,
  head: Readonly<Record<string, unknown>>,
  sender: { codes: readonly string[] },
  authorisations: readonly PartyAuthorisation[],
  date: string,
): UnboundField[] {
  const binding = PARTY_BINDINGS[messageType];
  if (!binding) return [];
  const own = new Set(sender.codes.filter((c) => c !== ''));
  const valueOf = (field: string) => {
    const v = head[field];
    return typeof v === 'string' ? v.trim() : '';
  };
  const bound = (value: string, how: Binding) =>
    own.has(value) ||
    (how !== 'sender' &&
      authorisations.some(
        (a) => a.role === how && a.grantorCodes.includes(value) && authorisationInForce(a, date),
      ));
  const out: UnboundField[] = [];
  for (const b of binding.bound) {
    let field = b.field;
    let how = b.binding;
    let value = valueOf(field);
    if (b.instead && (value === '' || (b.absentValues ?? []).includes(value))) {
      field = b.instead.field;
      how = b.instead.binding;
      value = valueOf(field);
    } else if (b.optional && value === '') continue;
    if (!bound(value, how))
      out.push({ entity: binding.entity, field, path: `${binding.entity}.${field}`, value, binding: how });
  }
  return out;
}

/** Which authorisation roles a message type's table entry can ask for (what a grantee needs to send it). */
export const rolesBoundIn = (messageType: string): AuthorisationRole[] => {
  const b = PARTY_BINDINGS[messageType];
  if (!b) return [];
  const roles = new Set<AuthorisationRole>();
  for (const f of b.bound)
    for (const how of [f.binding, f.instead?.binding]) if (how && how !== 'sender') roles.add(how);
  return [...roles];
};

/**
 * Whether an enterprise may grant this authorisation: it holds a capacity that lends the role, does not
 * authorise itself, and the period starts today or later (no back-dating: what was in force when a document
 * came is what the record says) and ends after it starts.
 */
export function checkAuthorisationGrant(input: {
  grantorRoles: readonly string[];
  granteeIsGrantor: boolean;
  role: AuthorisationRole;
  validFrom: string;
  validTo: string | null;
  today: string;
}): RuleError[] {
  const errors: RuleError[] = [];
  if (!GRANTABLE_BY[input.role].some((r) => input.grantorRoles.includes(r)))
    errors.push({
      code: 'ROLE_NOT_HELD',
      field: 'role',
      rule: `授权角色须为授权企业本身已备案的角色 (an enterprise authorises only a role it holds: ${input.role} needs ${GRANTABLE_BY[input.role].join(' or ')})`,
      expected: grantableRoles(input.grantorRoles).join(', ') || '—',
      actual: input.role,
    });
  if (input.granteeIsGrantor)
    errors.push({
      code: 'SELF_AUTHORISATION',
      field: 'granteeCode',
      rule: '不能授权本企业 (an enterprise needs no authorisation to declare for itself)',
    });
  if (input.validFrom < input.today)
    errors.push({
      code: 'BACKDATED',
      field: 'validFrom',
      rule: '授权生效日期不得早于今天 (an authorisation cannot start in the past)',
      expected: `≥ ${input.today}`,
      actual: input.validFrom,
    });
  if (input.validTo !== null && input.validTo <= input.validFrom)
    errors.push({
      code: 'EMPTY_PERIOD',
      field: 'validTo',
      rule: '失效日期须晚于生效日期 (validTo, the first day no longer in force, comes after validFrom)',
      expected: `> ${input.validFrom}`,
      actual: input.validTo,
    });
  return errors;
}
