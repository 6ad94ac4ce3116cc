import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXPORT_SEQUENCING,
  EXPORT_FINAL_STATUSES,
  EXPORT_INVENTORY_TRANSITIONS,
  EXPORT_STATUS_LABELS,
  canExportTransition,
  checkExportCancel,
  checkExportTransition,
  exportCancellable,
  exportTransitionsFor,
  nextAfterMatch,
  sequencingOf,
  type ExportInventoryStatus,
} from '../src/index.ts';

describe('export inventory lifecycle (CEB604 returnStatus)', () => {
  it('waits for arrival by default: 120 → 400 待运抵 → 800 on arrival → 899 on departure', () => {
    expect(DEFAULT_EXPORT_SEQUENCING).toBe('arrival_then_release');
    expect(canExportTransition('2', '120', 'system')).toBe(true);
    expect(canExportTransition('120', '400', 'system')).toBe(true);
    expect(canExportTransition('400', '800', 'system')).toBe(true);
    expect(canExportTransition('800', '899', 'system')).toBe(true);
  });

  it('releases on the documents and never waits in 400 under release_then_arrival', () => {
    expect(canExportTransition('120', '800', 'system', 'release_then_arrival')).toBe(true);
    expect(canExportTransition('120', '400', 'system', 'release_then_arrival')).toBe(false);
    expect(exportTransitionsFor('release_then_arrival').some((t) => t.from === '400' || t.to === '400')).toBe(
      false,
    );
  });

  it('makes a matched inventory wait for arrival, or releases it, as the office sequencing says', () => {
    expect(nextAfterMatch('arrival_then_release', false)).toBe('400');
    expect(nextAfterMatch('arrival_then_release', true)).toBe('800');
    expect(nextAfterMatch('release_then_arrival', false)).toBe('800');
    expect(nextAfterMatch('release_then_arrival', true)).toBe('800');
  });

  it('lets the system refuse a declaration whose documents do not match (2 → 100)', () => {
    expect(canExportTransition('2', '100', 'system')).toBe(true);
    expect(canExportTransition('2', '100', 'officer')).toBe(false);
  });

  it('leaves review and inspection outcomes to an officer', () => {
    for (const from of ['300', '500'] as const) {
      for (const to of ['399', '100'] as const) {
        expect(canExportTransition(from, to, 'officer'), `${from} → ${to}`).toBe(true);
        expect(canExportTransition(from, to, 'system'), `${from} → ${to} by system`).toBe(false);
      }
    }
  });

  it('does not release an inventory under inspection without concluding it first (500 → 800)', () => {
    expect(checkExportTransition('500', '800', 'officer')).toEqual([
      {
        code: 'STATUS_TRANSITION',
        field: 'returnStatus',
        rule: expect.stringMatching(/^关员不能将出口清单由500 查验变更为800 放行 \(officer may not/),
        expected: '500 → 399 | 100 | cancelled',
        actual: '500 → 800',
      },
    ]);
  });

  it('closes only a released inventory (400 → 899 is refused)', () => {
    expect(checkExportTransition('400', '899', 'system')).toHaveLength(1);
    expect(checkExportTransition('800', '899', 'system')).toEqual([]);
  });

  it('leaves no final status: 100, 899 and cancelled', () => {
    for (const status of EXPORT_FINAL_STATUSES) {
      expect(
        EXPORT_INVENTORY_TRANSITIONS.some((t) => t.from === status),
        status,
      ).toBe(false);
    }
  });

  it('labels every status in Chinese and English', () => {
    const statuses = new Set<ExportInventoryStatus>(
      EXPORT_INVENTORY_TRANSITIONS.flatMap((t) => [t.from, t.to]),
    );
    for (const status of statuses) expect(EXPORT_STATUS_LABELS[status].zh).not.toBe('');
  });
});

describe('export cancel (CEB605)', () => {
  it('cancels an accepted inventory before release: 120, 300, 399, 400, 500', () => {
    for (const status of ['120', '300', '399', '400', '500'] as const) {
      expect(exportCancellable(status), status).toBe(true);
      expect(canExportTransition(status, 'cancelled', 'system'), status).toBe(true);
    }
  });

  it('does not cancel an inventory without invtNo (2), a refused one (100), or a cancelled one', () => {
    for (const status of ['2', '100', 'cancelled'] as const)
      expect(exportCancellable(status), status).toBe(false);
  });

  it('points to a return (CEB213) once the inventory is released', () => {
    const errors = checkExportCancel('800', '46142025E000000001');
    expect(errors).toEqual([
      {
        code: 'EXPORT_CANCEL_STATUS',
        field: 'CEB605.InvtCancel.invtNo',
        rule: expect.stringMatching(
          /^清单的状态不符合撤单申报要求\(清单编号46142025E000000001\)，已放行的清单请申报退货申请单\(CEB213\)/,
        ),
        expected: '120 | 300 | 399 | 400 | 500',
        actual: '800 放行',
      },
    ]);
    expect(checkExportCancel('400')).toEqual([]);
  });
});

describe('the sequencing an export inventory moves under (ceb-reference §5.3 step 3)', () => {
  it('keeps an inventory waiting in 400 on arrival_then_release after its office switched, so arrival still releases it', () => {
    expect(sequencingOf('400', 'release_then_arrival')).toBe('arrival_then_release');
    expect(canExportTransition('400', '800', 'system', sequencingOf('400', 'release_then_arrival'))).toBe(
      true,
    );
  });

  it("follows the office's current setting in any other status", () => {
    expect(sequencingOf('120', 'release_then_arrival')).toBe('release_then_arrival');
    expect(sequencingOf('800', 'arrival_then_release')).toBe('arrival_then_release');
  });
});
