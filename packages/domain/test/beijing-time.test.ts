import { describe, expect, it } from 'vitest';
import {
  asBeijingWallClock,
  beijingClock,
  beijingCompact,
  beijingDate,
  beijingDateTime,
  beijingInstant,
  beijingMonth,
  beijingYear,
  endOfBeijingDay,
  formatBeijing,
  isCalendarDay,
  startOfBeijingDay,
} from '../src/index.ts';

// China Standard Time is UTC+8 all year, no daylight saving since 1991: Beijing midnight is 16:00Z of the day
// before. Every expected value below is written out by hand from that offset.
describe('Beijing time is UTC+8: the day turns at 16:00Z', () => {
  it('15:59:59Z is still the same Beijing day, 16:00:00Z is the next', () => {
    expect(beijingDate(new Date('2026-06-30T15:59:59Z'))).toBe('2026-06-30');
    expect(beijingDate(new Date('2026-06-30T15:59:59.999Z'))).toBe('2026-06-30');
    expect(beijingDate(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
    expect(beijingDateTime(new Date('2026-06-30T15:59:59Z'))).toBe('2026-06-30 23:59:59');
    expect(beijingDateTime(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01 00:00:00');
  });

  it('the year turns at 2026-12-31T16:00Z: 2027-01-01 Beijing, year 2027', () => {
    expect(beijingDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(beijingYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(beijingDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(beijingYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(beijingMonth(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01');
  });

  it('the month turns at 16:00Z of its last UTC day, leap February included', () => {
    expect(beijingMonth(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11');
    expect(beijingMonth(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12');
    expect(beijingDate(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
    expect(beijingDate(new Date('2028-02-28T16:00:00Z'))).toBe('2028-02-29');
    expect(beijingDate(new Date('2027-02-28T16:00:00Z'))).toBe('2027-03-01');
  });

  it('reads the same on any host: the offset is fixed, not the process zone', () => {
    // 2026-03-29T01:30Z falls in a European DST change; Beijing does not change.
    expect(beijingDateTime(new Date('2026-03-29T01:30:00Z'))).toBe('2026-03-29 09:30:00');
    expect(beijingDateTime(new Date('2026-07-15T01:30:00Z'))).toBe('2026-07-15 09:30:00');
  });

  it('writes the minute form, the clock and the CEB C8/C14/C17 forms', () => {
    const at = new Date('2026-11-30T16:30:05.042Z');
    expect(beijingDateTime(at, 'minute')).toBe('2026-12-01 00:30');
    expect(beijingClock(at)).toBe('00:30:05');
    expect(beijingClock(at, true)).toBe('00:30:05.042');
    expect(beijingCompact(at, 8)).toBe('20261201');
    expect(beijingCompact(at, 14)).toBe('20261201003005');
    expect(beijingCompact(at, 17)).toBe('20261201003005042');
  });

  it('refuses an invalid instant', () => {
    expect(() => beijingDate(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('a Beijing wall-clock reading names one instant', () => {
  it('00:00 Beijing is 16:00Z of the day before', () => {
    expect(startOfBeijingDay('2026-12-01').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(startOfBeijingDay('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(endOfBeijingDay('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(beijingInstant('2026-12-01', '00:30').toISOString()).toBe('2026-11-30T16:30:00.000Z');
    expect(beijingInstant('2026-12-15', '09:00:00').toISOString()).toBe('2026-12-15T01:00:00.000Z');
  });

  it('refuses a day the calendar does not have and a time of day that does not exist', () => {
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(() => startOfBeijingDay('2026-02-29')).toThrow(RangeError);
    expect(() => beijingInstant('2026-12-01', '24:00')).toThrow(RangeError);
    expect(() => startOfBeijingDay('20261201')).toThrow(RangeError);
  });
});

describe('dates and timestamps as text for a person', () => {
  it('a bare date stays the day it names; a timestamp becomes its Beijing day or time', () => {
    expect(formatBeijing('2026-12-01', 'date')).toBe('2026-12-01');
    expect(formatBeijing('2026-12-01', 'second')).toBe('2026-12-01');
    expect(formatBeijing('2026-11-30T16:30:00.000Z', 'date')).toBe('2026-12-01');
    expect(formatBeijing('2026-11-30T16:30:00.000Z', 'second')).toBe('2026-12-01 00:30:00');
    expect(formatBeijing('2026-11-30T16:30:00.000Z', 'minute')).toBe('2026-12-01 00:30');
    expect(formatBeijing('yesterday', 'date')).toBeUndefined();
  });

  it('an Excel cell, which has no zone, gets the Beijing wall clock in its UTC fields', () => {
    expect(asBeijingWallClock(new Date('2026-11-30T16:30:00Z')).toISOString()).toBe(
      '2026-12-01T00:30:00.000Z',
    );
  });
});
