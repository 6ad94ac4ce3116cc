import { describe, expect, it } from 'vitest';
import {
  FINAL_STATUSES,
  INVENTORY_TRANSITIONS,
  STATUS_LABELS,
  canTransition,
  canTransitionSupporting,
  checkTransition,
  type InventoryStatus,
} from '../src/index.ts';

describe('import inventory lifecycle (returnStatus)', () => {
  it('lets the system take a matched inventory from 2 through 120 to green-lane release 800 and closing 899', () => {
    expect(canTransition('2', '120', 'system')).toBe(true);
    expect(canTransition('120', '800', 'system')).toBe(true);
    expect(canTransition('800', '899', 'system')).toBe(true);
  });

  it('lets the system refuse a declaration whose documents do not match (2 → 100)', () => {
    expect(canTransition('2', '100', 'system')).toBe(true);
    expect(canTransition('2', '100', 'officer')).toBe(false);
  });

  it('sends an accepted inventory to manual review (300) or inspection (500) by the system only', () => {
    expect(canTransition('120', '300', 'system')).toBe(true);
    expect(canTransition('120', '500', 'system')).toBe(true);
    expect(canTransition('120', '500', 'officer')).toBe(false);
  });

  it('leaves review and inspection outcomes to an officer: conclude, reject, detain or return abroad', () => {
    for (const from of ['300', '500'] as const) {
      for (const to of ['399', '100', '501', '502', '503', '599', '700'] as const) {
        expect(canTransition(from, to, 'officer'), `${from} → ${to}`).toBe(true);
        expect(canTransition(from, to, 'system'), `${from} → ${to} by system`).toBe(false);
      }
    }
  });

  it('lets an officer release a detained parcel to 399 or return it abroad (700)', () => {
    for (const from of ['501', '502', '503', '599'] as const) {
      expect(canTransition(from, '399', 'officer')).toBe(true);
      expect(canTransition(from, '700', 'officer')).toBe(true);
      expect(canTransition(from, '800', 'officer')).toBe(false);
    }
  });

  it('releases a concluded inventory (399 → 800) by the system or an officer', () => {
    expect(canTransition('399', '800', 'system')).toBe(true);
    expect(canTransition('399', '800', 'officer')).toBe(true);
    expect(canTransition('800', '899', 'officer')).toBe(true);
  });

  it('does not let an inventory under inspection be released without concluding first (500 → 800)', () => {
    expect(canTransition('500', '800', 'officer')).toBe(false);
    expect(checkTransition('500', '800', 'officer')).toEqual([
      {
        code: 'STATUS_TRANSITION',
        field: 'returnStatus',
        rule: expect.stringContaining('500 查验 to 800 放行'),
        expected: '500 → 399 | 100 | 700 | 501 | 502 | 503 | 599',
        actual: '500 → 800',
      },
    ]);
  });

  it('returns no error for an allowed transition', () => {
    expect(checkTransition('300', '399', 'officer')).toEqual([]);
  });

  it('lets no transition leave a final status (100 退单, 700 退运, 899 结关)', () => {
    expect([...FINAL_STATUSES].sort()).toEqual(['100', '700', '899']);
    for (const final of FINAL_STATUSES) {
      expect(INVENTORY_TRANSITIONS.filter((t) => t.from === final)).toEqual([]);
      expect(checkTransition(final, '800', 'officer')[0]?.expected).toBe(
        `no change from ${final} by officer`,
      );
    }
    expect(FINAL_STATUSES).not.toContain('800');
  });

  it('lists every transition once and labels every status in Chinese and English', () => {
    const keys = INVENTORY_TRANSITIONS.map((t) => `${t.from}>${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    const statuses = Object.keys(STATUS_LABELS) as InventoryStatus[];
    expect(statuses).toHaveLength(13);
    for (const t of INVENTORY_TRANSITIONS) {
      expect(statuses).toContain(t.from);
      expect(statuses).toContain(t.to);
    }
    expect(STATUS_LABELS['899']).toEqual({ zh: '结关', en: 'Closed' });
  });

  it('moves order, payment and waybill documents only from 2 to 120 or 100', () => {
    expect(canTransitionSupporting('2', '120', 'system')).toBe(true);
    expect(canTransitionSupporting('2', '100', 'system')).toBe(true);
    expect(canTransitionSupporting('120', '800', 'system')).toBe(false);
    expect(canTransitionSupporting('120', '300', 'system')).toBe(false);
  });
});
