import { describe, expect, it } from 'vitest';
import { issuesShown, timelineText } from '../src/services/parcel-visibility.ts';

describe('timeline texts and findings per viewer (decision 0020)', () => {
  // A −621018 event as versions before decision 0020 stored it: the e-port's wording, name and figures in clear.
  const legacy = {
    status: '-621018',
    return_info:
      '清单[B20261207000000017]中购买人[诸葛卧龙]已用购买额度为[24000.00]，本次购买将超过年度限额[26000]',
    details: { issues: [] },
  };

  it('reads a −621018 stored before structured details: the name masked, the figures only for the declarer', () => {
    expect(timelineText(legacy, true)).toBe(
      '清单[B20261207000000017]中购买人[诸***]已用购买额度为[24000.00]，本次购买将超过年度限额[26000]',
    );
    const other = timelineText(legacy, false);
    expect(other).toContain('清单[B20261207000000017]中购买人[诸***]');
    expect(other).not.toMatch(/24000|26000/);
  });

  it('reads a −621018 from its structured details', () => {
    const event = {
      status: '-621018',
      return_info: '清单[B1]中购买人[诸***]本次购买将超过年度限额',
      details: {
        quota: { preNo: 'B1', buyerName: '诸***', used: '25990.00', annual: '26000', amount: '20.00' },
      },
    };
    expect(timelineText(event, true)).toBe(
      '清单[B1]中购买人[诸***]已用购买额度为[25990.00]，本次购买将超过年度限额[26000]',
    );
    expect(timelineText(event, false)).not.toMatch(/25990|26000/);
  });

  it('keeps a −621005 amount from other parties', () => {
    const event = {
      status: '-621005',
      return_info: '清单[B2]的购买金额超过单笔限额[5020.00>5000]',
      details: null,
    };
    expect(timelineText(event, true)).toBe(event.return_info);
    expect(timelineText(event, false)).toBe('清单[B2]的购买金额超过单笔限额');
  });

  it('shows a quota finding without figures to other parties, and personal values masked to all', () => {
    const issues = [
      {
        code: '-621018',
        field: 'amount',
        rule: '购买人已用购买额度为24000.00，本次购买将超过年度限额',
        expected: '≤ 2000.00 (annual 26000 − used 24000.00)',
        actual: '2001.00',
      },
      {
        code: 'PRACTICE_INVENTORY_ORDER',
        field: 'CEB621.InventoryHead.buyerName',
        rule: 'r',
        expected: '欧阳娜娜 (CEB311 buyerName)',
        actual: '司马攻',
        severity: 'warn',
      },
    ];
    expect(JSON.stringify(issuesShown(issues, false))).not.toMatch(/24000|26000|2001|欧阳娜娜|司马攻/);
    expect(JSON.stringify(issuesShown(issues, true))).toContain('24000.00');
    expect(issuesShown(issues, true)[1]).toMatchObject({
      expected: '欧*** (CEB311 buyerName)',
      actual: '司**',
    });
  });
});
