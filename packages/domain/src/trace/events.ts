/**
 * The traceability chain's events (issue 21; decision 0049) in EPCIS 2.0's what / when / where / why form. The
 * kinds enterprises record, who may record them, and how each reads in EPCIS (CBV business step and disposition)
 * and in words (zh / en). Clearance's own events (declaration, release …) are read from clearance's records and
 * mapped by `clearanceStep`.
 */

export const TRACE_EVENT_TYPES = [
  'production',
  'warehouse_in',
  'warehouse_out',
  'departure',
  'delivery',
  'return',
] as const;
export type TraceEventKind = (typeof TRACE_EVENT_TYPES)[number];

export interface StepMeaning {
  zh: string;
  en: string;
  /** CBV 2.0 business step (bare word, EPCIS 2.0 JSON-LD). */
  bizStep: string;
  disposition: string;
  action: 'ADD' | 'OBSERVE' | 'DELETE';
}

export const TRACE_EVENT_MEANING: Record<TraceEventKind, StepMeaning> = {
  production: {
    zh: '生产批次',
    en: 'Production batch',
    bizStep: 'commissioning',
    disposition: 'active',
    action: 'ADD',
  },
  warehouse_in: {
    zh: '入库',
    en: 'Into the warehouse',
    bizStep: 'receiving',
    disposition: 'in_progress',
    action: 'OBSERVE',
  },
  warehouse_out: {
    zh: '出库',
    en: 'Out of the warehouse',
    bizStep: 'shipping',
    disposition: 'in_transit',
    action: 'OBSERVE',
  },
  departure: {
    zh: '发运',
    en: 'Departure',
    bizStep: 'departing',
    disposition: 'in_transit',
    action: 'OBSERVE',
  },
  delivery: {
    zh: '签收',
    en: 'Delivered',
    bizStep: 'arriving',
    disposition: 'completeness_verified',
    action: 'OBSERVE',
  },
  return: {
    zh: '退货',
    en: 'Returned',
    bizStep: 'receiving',
    disposition: 'returned',
    action: 'OBSERVE',
  },
};

/**
 * Which event kinds apply to a product (its production batches) and which to a parcel line (what happens to the
 * parcel after the seller packed it).
 */
export const PRODUCT_EVENT_TYPES: readonly TraceEventKind[] = ['production'];
export const LINE_EVENT_TYPES: readonly TraceEventKind[] = [
  'warehouse_in',
  'warehouse_out',
  'departure',
  'delivery',
  'return',
];

/** A parcel party's role as far as the chain goes. */
export type TraceRole = 'owner' | 'platform' | 'carrier' | 'warehouse';

/**
 * Who may record an event about a parcel line: the seller that owns it, the platform that sold it, the carrier
 * named on it and the bonded warehouse (区内仓储企业) named on it. A product's production batches: its owner only.
 */
export function mayRecord(
  kind: TraceEventKind,
  subject: 'product' | 'line',
  roles: readonly TraceRole[],
): boolean {
  if (subject === 'product') return PRODUCT_EVENT_TYPES.includes(kind) && roles.includes('owner');
  if (!LINE_EVENT_TYPES.includes(kind)) return false;
  return roles.length > 0;
}

/**
 * Clearance statuses of an import inventory as chain steps (the CEB621 statuses the platform records): declared (2),
 * accepted by customs (120), under inspection (500), released (800), closed (899); null for statuses that tell
 * nothing to the chain.
 */
export function clearanceStep(status: string): StepMeaning | null {
  switch (status) {
    case '2':
      return {
        zh: '海关申报',
        en: 'Declared to customs',
        bizStep: 'accepting',
        disposition: 'in_progress',
        action: 'OBSERVE',
      };
    case '120':
      return {
        zh: '海关受理',
        en: 'Accepted by customs',
        bizStep: 'accepting',
        disposition: 'in_progress',
        action: 'OBSERVE',
      };
    case '500':
      return {
        zh: '海关查验',
        en: 'Customs inspection',
        bizStep: 'inspecting',
        disposition: 'in_progress',
        action: 'OBSERVE',
      };
    case '800':
      return {
        zh: '海关放行',
        en: 'Released by customs',
        bizStep: 'accepting',
        disposition: 'active',
        action: 'OBSERVE',
      };
    case '899':
      return {
        zh: '结关',
        en: 'Clearance closed',
        bizStep: 'accepting',
        disposition: 'active',
        action: 'OBSERVE',
      };
    default:
      return null;
  }
}
