import { describe, expect, it } from 'vitest';
import holidays from '../../../data/reference/cn-holidays.json' with { type: 'json' };
import {
  addDays,
  calendarCovers,
  checkCalendar,
  checkMonth,
  isWorkingDay,
  isoWeekday,
  monthRange,
  nextWorkingDay,
  parseMonth,
  previousMonth,
  summaryDeadline,
  type CalendarDay,
} from '../src/index.ts';

const calendar = holidays as CalendarDay[];

describe('the State Council holiday calendar (data/reference/cn-holidays.json)', () => {
  it('is well formed: real dates, holiday or workday, each date once', () => {
    expect(checkCalendar(calendar)).toEqual([]);
  });

  it('lists adjusted working days (调休上班) only on weekends and holidays only where the notices put them', () => {
    for (const day of calendar) {
      if (day.kind === 'workday') expect(isoWeekday(day.date), day.date).toBeGreaterThanOrEqual(6);
    }
    // 国办发明电〔2024〕12号: Spring Festival 2025-01-28 (除夕, Tuesday) to 2025-02-04, 8 days
    const spring2025 = calendar.filter(
      (d) => d.kind === 'holiday' && d.name === '春节' && d.date < '2025-03-01',
    );
    expect(spring2025.map((d) => d.date)).toEqual([
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
      '2025-02-03',
      '2025-02-04',
    ]);
    // 2026 notice: National Day 2026-10-01 (Thursday) to 10-07, worked Sunday 09-20 and Saturday 10-10
    expect(calendar.filter((d) => d.name?.startsWith('国庆节') && d.date.startsWith('2026')).length).toBe(9);
  });

  it('covers 2025 and 2026 and says when a year is missing', () => {
    expect(calendarCovers('2025-06-01', calendar)).toBe(true);
    expect(calendarCovers('2026-12-31', calendar)).toBe(true);
    expect(calendarCovers('2027-01-15', calendar)).toBe(false);
  });
});

describe('working days', () => {
  it('counts Monday to Friday as working days and the weekend as rest', () => {
    expect(isWorkingDay('2025-03-14', calendar)).toBe(true); // Friday
    expect(isWorkingDay('2025-03-15', calendar)).toBe(false); // Saturday
    expect(isWorkingDay('2025-03-16', calendar)).toBe(false); // Sunday
  });

  it('rests on a statutory holiday that falls on a weekday', () => {
    expect(isWorkingDay('2025-10-08', calendar)).toBe(false); // Wednesday, 国庆节、中秋节
  });

  it('works on a Saturday or Sunday the State Council moved a working day to (调休上班)', () => {
    expect(isWorkingDay('2025-02-08', calendar)).toBe(true); // Saturday
    expect(isWorkingDay('2026-02-14', calendar)).toBe(true); // Saturday before Spring Festival 2026
    expect(isWorkingDay('2025-01-26', calendar)).toBe(true); // Sunday
  });

  it('finds the next working day over a holiday run', () => {
    expect(nextWorkingDay('2025-10-01', calendar)).toBe('2025-10-09');
    expect(nextWorkingDay('2025-10-09', calendar)).toBe('2025-10-09');
  });
});

describe('summary deadline (海关总署公告2018年第194号: the 15th of the next month, or the next working day)', () => {
  it('is the 15th of the following month when that is a working day', () => {
    expect(summaryDeadline('2025-09', calendar)).toBe('2025-10-15'); // Wednesday
    expect(summaryDeadline('2025-12', calendar)).toBe('2026-01-15'); // Thursday, across the year end
  });

  it('moves a 15th that falls on a weekend to the Monday after', () => {
    expect(summaryDeadline('2025-02', calendar)).toBe('2025-03-17'); // 2025-03-15 is a Saturday
    expect(summaryDeadline('2025-05', calendar)).toBe('2025-06-16'); // 2025-06-15 is a Sunday
  });

  it('moves a 15th inside the Spring Festival holiday past the holiday', () => {
    // 2026-02-15 (Sunday) opens the Spring Festival holiday, which runs to Monday 2026-02-23.
    expect(summaryDeadline('2026-01', calendar)).toBe('2026-02-24');
  });

  it('keeps a 15th that is an adjusted working day, and stops on an adjusted Saturday after a holiday', () => {
    const worked: CalendarDay[] = [{ date: '2025-03-15', kind: 'workday', name: '调休上班' }];
    expect(summaryDeadline('2025-02', worked)).toBe('2025-03-15');
    const holidayThenSaturday: CalendarDay[] = [
      { date: '2025-10-15', kind: 'holiday', name: '假日' },
      { date: '2025-10-16', kind: 'holiday', name: '假日' },
      { date: '2025-10-17', kind: 'holiday', name: '假日' },
      { date: '2025-10-18', kind: 'workday', name: '调休上班' },
    ];
    expect(summaryDeadline('2025-09', holidayThenSaturday)).toBe('2025-10-18');
  });

  it('falls back to the week alone for a year the calendar does not hold yet', () => {
    expect(summaryDeadline('2027-07', calendar)).toBe('2027-08-16'); // 2027-08-15 is a Sunday
  });
});

describe('months and dates', () => {
  it('gives a month as a half-open range, across the year end', () => {
    expect(monthRange('2025-03')).toEqual({ start: '2025-03-01', end: '2025-04-01' });
    expect(monthRange('2025-12')).toEqual({ start: '2025-12-01', end: '2026-01-01' });
  });

  it('parses YYYY-MM and refuses anything else with the field named, Chinese first', () => {
    expect(parseMonth('2025-03')).toEqual({ ok: true, value: { year: 2025, month: 3 } });
    for (const bad of ['2025-13', '2025-3', '202503', '', '2025-00']) {
      expect(checkMonth(bad, 'query.month'), bad).toMatchObject([
        { code: 'MONTH_FORMAT', field: 'query.month', rule: expect.stringMatching(/^月份格式为YYYY-MM \(/) },
      ]);
    }
    expect(() => monthRange('2025-13')).toThrow(RangeError);
  });

  it('adds days over month and year ends and names the month before a date', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(previousMonth('2026-01-10')).toBe('2025-12');
    expect(previousMonth('2025-03-15')).toBe('2025-02');
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
  });

  it('names malformed calendar days', () => {
    const broken = [
      { date: '2025-02-30', kind: 'holiday' },
      { date: '2025-10-01', kind: 'holiday' },
      { date: '2025-10-01', kind: 'rest' },
    ] as unknown as CalendarDay[];
    expect(checkCalendar(broken).map((e) => [e.code, e.field])).toEqual([
      ['CALENDAR_DATE', 'calendar[0].date'],
      ['CALENDAR_DUPLICATE', 'calendar[1].date'],
      ['CALENDAR_DUPLICATE', 'calendar[2].date'],
      ['CALENDAR_KIND', 'calendar[2].kind'],
    ]);
  });
});
