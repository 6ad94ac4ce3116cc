import { describe, expect, it } from 'vitest';
import { checkExportReturn, returnWindowEnd, type ExportReturnInput } from '../src/index.ts';

// A 9610 parcel of two lines released on 2025-03-10; one piece of line 1 already came back.
const input = (over: Partial<ExportReturnInput> = {}): ExportReturnInput => ({
  tradeMode: '9661',
  originalTradeMode: '9610',
  releasedAt: '2025-03-10',
  requestedAt: '2025-09-01',
  invtNo: '46142025E000000001',
  lines: [{ gnum: 1, qty: '1' }],
  original: [
    { gnum: 1, qty: '3', alreadyReturned: '1' },
    { gnum: 2, qty: '1', alreadyReturned: '0' },
  ],
  ...over,
});

describe('CBEC export returns (CEB213, 海关总署公告2020年第44号)', () => {
  it('accepts a return within a year of release for what is left of a line', () => {
    expect(checkExportReturn(input({ lines: [{ gnum: 1, qty: '2' }] }))).toEqual([]);
  });

  it('returns 9610, 9710 and 9810 exports under 9661 and 1210 exports under 1261', () => {
    for (const original of ['9610', '9710', '9810']) {
      expect(checkExportReturn(input({ originalTradeMode: original })), original).toEqual([]);
    }
    expect(checkExportReturn(input({ originalTradeMode: '1210', tradeMode: '1261' }))).toEqual([]);
    expect(checkExportReturn(input({ originalTradeMode: '1210', tradeMode: '9661' }))).toMatchObject([
      {
        code: 'EXPORT_RETURN_TRADE_MODE',
        field: 'CEB213.InvtRefundHead.tradeMode',
        expected: '1261',
        actual: '9661',
      },
    ]);
  });

  it('refuses a return of an inventory exported under another trade mode', () => {
    expect(checkExportReturn(input({ originalTradeMode: '0110' }))).toMatchObject([
      { code: 'EXPORT_RETURN_ORIGINAL_MODE', actual: '0110' },
    ]);
  });

  it('accepts the last day of the year and refuses the day after', () => {
    expect(returnWindowEnd('2025-03-10')).toBe('2026-03-10');
    expect(checkExportReturn(input({ requestedAt: '2026-03-10' }))).toEqual([]);
    expect(checkExportReturn(input({ requestedAt: '2026-03-11' }))).toEqual([
      {
        code: 'EXPORT_RETURN_WINDOW',
        field: 'CEB213.InvtRefundHead.invtNo',
        rule: expect.stringMatching(
          /^退货商品应自出口放行之日起1年内退运进境.*\(.*海关总署公告2020年第44号\)$/,
        ),
        expected: 'on or before 2026-03-10 (released 2025-03-10)',
        actual: '2026-03-11',
      },
    ]);
  });

  it('ends the year of a 29 February release on 28 February', () => {
    expect(returnWindowEnd('2024-02-29')).toBe('2025-02-28');
  });

  it('refuses a return of goods not yet released', () => {
    expect(checkExportReturn(input({ releasedAt: null }))).toMatchObject([
      { code: 'EXPORT_RETURN_NOT_RELEASED' },
    ]);
    expect(checkExportReturn(input({ requestedAt: '2025-03-09' }))).toMatchObject([
      { code: 'EXPORT_RETURN_NOT_RELEASED' },
    ]);
  });

  it('refuses a line the original inventory does not have, in the e-port words of −625209', () => {
    expect(checkExportReturn(input({ lines: [{ gnum: 3, qty: '1' }] }))).toEqual([
      {
        code: '-625209',
        field: 'CEB213.InvtRefundList[gnum=3].gnum',
        rule: expect.stringMatching(
          /^退货申请单\[46142025E000000001\],在关联的清单中未找到表体序号为\[3\]的数据 \(/,
        ),
        expected: 'one of 1, 2 (original inventory gnum)',
        actual: '3',
      },
    ]);
  });

  it('refuses returning more than exported less already returned', () => {
    expect(checkExportReturn(input({ lines: [{ gnum: 1, qty: '2.5' }] }))).toEqual([
      {
        code: 'EXPORT_RETURN_QTY',
        field: 'CEB213.InvtRefundList[gnum=1].qty',
        rule: expect.stringMatching(/^退货数量不得大于原申报清单申报数量减去已退货数量 \(/),
        expected: '≤ 2 (exported 3 − returned 1)',
        actual: '2.5',
      },
    ]);
  });

  it('refuses a zero quantity, a repeated line and an empty return', () => {
    expect(checkExportReturn(input({ lines: [{ gnum: 2, qty: '0' }] }))).toMatchObject([
      { code: 'EXPORT_RETURN_QTY', expected: '> 0' },
    ]);
    expect(
      checkExportReturn(
        input({
          lines: [
            { gnum: '2', qty: '1' },
            { gnum: 2, qty: '1' },
          ],
        }),
      ),
    ).toMatchObject([{ code: 'EXPORT_RETURN_GNUM', actual: '2 appears 2 times' }]);
    expect(checkExportReturn(input({ lines: [] }))).toMatchObject([{ code: 'EXPORT_RETURN_NO_LINES' }]);
  });
});
