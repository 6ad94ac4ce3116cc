import { BEIJING_OFFSET_MS, beijingDate, beijingMonth } from '../../time/beijing.ts';

/**
 * Cross-parcel typologies (issue 19, decision 0047): pure functions over data the server loads set-wise for a
 * period. Each returns warning candidates — a typology, a subject (an address, a telephone, a payer or a buyer
 * as the same keyed hash the clearance uses, or an enterprise's code), a period bucket, a severity, the evidence
 * (the parcels and the figures) and a sentence in Chinese and English. The server stores one warning per
 * (typology, subject, period): a rescan of the same data raises nothing new.
 */

export const WARNING_TYPOLOGIES = [
  'address_fan_in',
  'phone_fan_in',
  'payer_fan_in',
  'split_orders',
  'three_flow_mismatch',
  'circular_trade',
  'new_enterprise_burst',
] as const;
export type WarningTypology = (typeof WARNING_TYPOLOGIES)[number];

export const WARNING_TYPOLOGY_NAMES: Record<WarningTypology, { zh: string; en: string }> = {
  address_fan_in: { zh: '同一地址多买家', en: 'One address, many buyers' },
  phone_fan_in: { zh: '同一电话多买家', en: 'One telephone, many buyers' },
  payer_fan_in: { zh: '同一支付人代付多买家', en: 'One payer paying for many buyers' },
  split_orders: { zh: '拆单', en: 'Split orders' },
  three_flow_mismatch: { zh: '三流不一致', en: 'Three flows disagree' },
  circular_trade: { zh: '循环贸易', en: 'Circular trade' },
  new_enterprise_burst: { zh: '新企业业务量突增', en: 'Burst from a new enterprise' },
};

export type WarningSeverity = 'low' | 'medium' | 'high';
export type WarningSubjectType = 'address' | 'phone' | 'payer' | 'buyer' | 'enterprise';

export interface WarningCandidate {
  typology: WarningTypology;
  subjectType: WarningSubjectType;
  /** The keyed hash (address, phone, payer, buyer) or the enterprise's code. */
  subject: string;
  /** The period bucket: `W2026-11-30` (the Beijing week starting that Monday) or `M2026-11` (a month). */
  period: string;
  severity: WarningSeverity;
  /** The parcels (inventory document ids) the warning rests on, in time order. */
  parcels: string[];
  /** The figures that passed the thresholds, with the thresholds. */
  figures: Record<string, number | string>;
  zh: string;
  en: string;
}

/** One import parcel as the typologies see it (the window features' ParcelFact plus who and which). */
export interface ScanParcel {
  id: string;
  at: number;
  /** The seller (电商企业) code. */
  seller: string;
  buyer: string;
  address: string | null;
  phone: string | null;
  payer: string | null;
  valueFen: number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** The Beijing week (Monday to Sunday) an instant falls in, named by its Monday: `W2026-11-30`. */
export function weekBucket(at: number): string {
  const local = at + BEIJING_OFFSET_MS;
  const dayIndex = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday: (dayIndex + 3) % 7 is 0 on a Monday.
  const monday = (dayIndex - ((dayIndex + 3) % 7)) * DAY_MS - BEIJING_OFFSET_MS;
  return `W${beijingDate(new Date(monday))}`;
}

export const monthBucket = (at: number): string => `M${beijingMonth(new Date(at))}`;

export const yuan = (fen: number): string => (fen / 100).toFixed(2);

/** Groups items by a key, keeping the input order inside each group. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}

/** Parcels in time order (then id), without changing the input. */
export const inTimeOrder = <T extends { at: number; id: string }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
