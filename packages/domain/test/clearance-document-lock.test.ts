import { describe, expect, it } from 'vitest';
import { inventoryHoldsDocuments, supportingDocumentLocked } from '../src/index.ts';

// Spec 202205 table 7-2: −301011 该订单已向海关申报清单，状态不符 (and −401008 / −504016); spec §2 appStatus
// 1-暂存, 2-申报; ceb-reference §7.1 statuses. Decision 0028: every status but 1 暂存 and 100 退单 holds.
describe('an order, payment or waybill is locked once an inventory naming it is declared (table 7-2 −301011)', () => {
  it('an inventory declared and waiting (2), or in any later status, holds the documents it names', () => {
    for (const status of ['2', '120', '300', '399', '500', '501', '502', '503', '599', '700', '800', '899'])
      expect(inventoryHoldsDocuments(status), status).toBe(true);
  });

  it('a draft (1 暂存) or an inventory customs refused (100 退单) holds nothing', () => {
    expect(inventoryHoldsDocuments('1')).toBe(false);
    expect(inventoryHoldsDocuments('100')).toBe(false);
  });

  it('no inventory, or only drafts and refused ones, leaves the document free; one declared locks it', () => {
    expect(supportingDocumentLocked([])).toBe(false);
    expect(supportingDocumentLocked([{ status: '1' }, { status: '100' }])).toBe(false);
    expect(supportingDocumentLocked([{ status: '100' }, { status: '2' }])).toBe(true);
  });
});
