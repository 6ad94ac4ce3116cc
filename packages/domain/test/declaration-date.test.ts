import { describe, expect, it } from 'vitest';
import { beijingDate, checkDeclTime, declarationDay } from '../src/index.ts';

// CEB spec 202205, CEB621 field 19: "申报日期，以海关计算机系统接受清单申报数据时记录的日期为准";
// 海关总署令第103号 第九条. The instants below are UTC; Beijing is UTC+8.
describe('the declaration day is the Beijing day of receipt (CEB621 declTime, 海关总署令第103号 第九条)', () => {
  it('a receipt at 23:30 Beijing on 31 December (15:30Z) belongs to that year', () => {
    expect(declarationDay(new Date('2026-12-31T15:30:00Z'))).toEqual({ date: '2026-12-31', year: 2026 });
  });

  it('a receipt at 00:30 Beijing on 1 January (2026-12-31T16:30Z) belongs to the new year', () => {
    expect(declarationDay(new Date('2026-12-31T16:30:00Z'))).toEqual({ date: '2027-01-01', year: 2027 });
  });

  it('Beijing midnight is 16:00Z of the day before', () => {
    expect(beijingDate(new Date('2026-06-30T15:59:59.999Z'))).toBe('2026-06-30');
    expect(beijingDate(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
  });
});

describe('declTime may not be after the day of receipt nor more than one day before it (decision 0025)', () => {
  const noon = new Date('2026-12-07T04:00:00Z'); // 12:00 Beijing, 2026-12-07

  it('accepts the day of receipt and the day before', () => {
    expect(checkDeclTime('20261207', noon)).toBeUndefined();
    expect(checkDeclTime('20261206', noon)).toBeUndefined();
  });

  it('refuses the next year dated in advance (the quota attack), naming declTime', () => {
    expect(checkDeclTime('20270101', noon)).toEqual({
      code: 'DECL_TIME_FUTURE',
      field: 'declTime',
      rule: expect.stringContaining('晚于') as unknown as string,
      expected: '≤ 20261207',
      actual: '20270101',
    });
  });

  it('refuses the next day at noon', () => {
    expect(checkDeclTime('20261208', noon)?.code).toBe('DECL_TIME_FUTURE');
  });

  it('refuses a date two days or years before the receipt', () => {
    expect(checkDeclTime('20261205', noon)).toMatchObject({
      code: 'DECL_TIME_STALE',
      field: 'declTime',
      expected: '20261206–20261207',
      actual: '20261205',
    });
    expect(checkDeclTime('20180101', noon)?.code).toBe('DECL_TIME_STALE');
    expect(checkDeclTime('20251207', noon)?.code).toBe('DECL_TIME_STALE');
  });

  it('tolerates a sender clock up to five minutes fast across Beijing midnight, not more', () => {
    // 23:56 Beijing on 2026-12-31: a clock 5 minutes fast already reads 2027-01-01.
    expect(checkDeclTime('20270101', new Date('2026-12-31T15:56:00Z'))).toBeUndefined();
    // 23:50 Beijing: 2027-01-01 is ten minutes away.
    expect(checkDeclTime('20270101', new Date('2026-12-31T15:50:00Z'))?.code).toBe('DECL_TIME_FUTURE');
  });

  it('accepts the last day of the old year just after Beijing midnight', () => {
    expect(checkDeclTime('20261231', new Date('2026-12-31T16:30:00Z'))).toBeUndefined();
  });

  it('refuses a date that is not on the calendar', () => {
    expect(checkDeclTime('20260231', noon)?.code).toBe('DECL_TIME_INVALID');
    expect(checkDeclTime('2026120', noon)?.field).toBe('declTime');
  });
});
