import { describe, expect, it } from 'vitest';
import { checkImportReturn, mayFileFollowUp, type ImportReturnInput } from '../src/index.ts';

// A released two-line parcel: 2 tins of milk (536.00, 1.8 kg written off a 1210 account book) and 1 perfume
// (200.00); freight 10, so the quota counted 746.00.
const input = (over: Partial<ImportReturnInput> = {}): ImportReturnInput => ({
  invtNo: '46142026I000000001',
  quotaAmount: '746.00',
  lines: [{ gnum: '1', gcode: '1901101000', qty: '1' }],
  original: [
    {
      gnum: '1',
      gcode: '1901101000',
      qty: '2',
      totalPrice: '536.00',
      stockQty: '1.8',
      alreadyReturned: '0',
    },
    { gnum: '2', gcode: '3303000000', qty: '1', totalPrice: '200.00', stockQty: '0', alreadyReturned: '0' },
  ],
  ...over,
});
const returned = (already: string) =>
  input({
    original: input().original.map((o) => (o.gnum === '1' ? { ...o, alreadyReturned: already } : o)),
  });

describe('import returns (CEB625, 财关税〔2016〕18号)', () => {
  it("gives back the returned goods' share of the counted amount and of the written-off stock", () => {
    // 268 of 736 goods value came back: 746 × 268 / 736 = 271.6413… → 271.64 (rounded down).
    expect(checkImportReturn(input())).toEqual({
      ok: true,
      value: { quota: '271.64', lines: [{ gnum: '1', qty: '1', stockQty: '0.9' }] },
    });
  });

  it('gives back exactly what was counted once everything has come back, whatever the rounding on the way', () => {
    const first = checkImportReturn(input());
    const second = checkImportReturn(returned('1'));
    const third = checkImportReturn(
      input({
        lines: [{ gnum: '2', gcode: '3303000000', qty: '1' }],
        original: returned('2').original,
      }),
    );
    const quotas = [first, second, third].map((r) => (r.ok ? r.value.quota : 'refused'));
    expect(quotas).toEqual(['271.64', '271.64', '202.72']);
    expect(quotas.reduce((sum, q) => sum + Math.round(Number(q) * 100), 0)).toBe(74600);
  });

  it('refuses a quantity beyond what was released less what earlier returns took, naming the line and the quantities', () => {
    const r = checkImportReturn(returned('2'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toMatchObject([
      {
        code: 'IMPORT_RETURN_QTY',
        field: 'CEB625.InvtRefundList[gnum=1].qty',
        expected: '> 0 and ≤ 0 (released 2 − returned 2)',
        actual: '1',
      },
    ]);
    expect(r.errors[0]?.rule).toContain('第1项退货数量1超过可退数量0（原清单数量2，已退2）');
    expect(checkImportReturn(input({ lines: [{ gnum: '1', gcode: '1901101000', qty: '0' }] })).ok).toBe(
      false,
    );
  });

  it('refuses a line the inventory does not have (−625209) and a line named twice', () => {
    const unknown = checkImportReturn(input({ lines: [{ gnum: '1', gcode: '0000000000', qty: '1' }] }));
    expect(unknown.ok ? [] : unknown.errors.map((e) => e.code)).toEqual(['-625209']);
    const twice = checkImportReturn(
      input({
        lines: [
          { gnum: '1', gcode: '1901101000', qty: '1' },
          { gnum: '1', gcode: '1901101000', qty: '1' },
        ],
      }),
    );
    expect(twice.ok ? [] : twice.errors.map((e) => e.code)).toEqual(['IMPORT_RETURN_GNUM']);
  });
});

describe('who may cancel, return or summarise an inventory', () => {
  const inventory = { declarantOrgId: 'org-agent', ebcCode: '4614960002', agentCode: '4614960006' };
  it('is its declarant, or the e-commerce enterprise or agent it names (电商企业或其代理人)', () => {
    expect(mayFileFollowUp(inventory, { orgId: 'org-agent', codes: [] })).toBe(true);
    expect(mayFileFollowUp(inventory, { orgId: 'org-seller', codes: ['4614960002'] })).toBe(true);
    expect(
      mayFileFollowUp(inventory, { orgId: 'org-broker', codes: ['91410800MA00000000', '4614960006'] }),
    ).toBe(true);
  });
  it('is nobody else, and an empty code names no one', () => {
    expect(mayFileFollowUp(inventory, { orgId: 'org-other', codes: ['4614960003'] })).toBe(false);
    expect(mayFileFollowUp({ ...inventory, agentCode: '' }, { orgId: 'org-other', codes: [''] })).toBe(false);
  });
});
