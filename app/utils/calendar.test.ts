import { describe, expect, test } from 'vitest';
import { daysBetween, parseCalendarDate } from './calendar.ts';

describe('calendar dates typed in a spreadsheet', () => {
  test.each([
    ['2026-12-31', '2026-12-31'],
    ['31.12.2026', '2026-12-31'],
    ['1.2.2026', '2026-02-01'],
    ['01.02.2026.', '2026-02-01'],
    [' 2028-02-29 ', '2028-02-29'],
  ])('%s is %s', (text, date) => {
    expect(parseCalendarDate(text)).toBe(date);
  });

  test.each(['31.02.2026', '2026-13-01', '2027-02-29', '12/31/2026', '2026-1-5', 'soon', ''])('%s is not a date', (text) => {
    expect(parseCalendarDate(text)).toBeNull();
  });

  test('days between dates and timestamps count calendar days', () => {
    expect(daysBetween('2026-09-01T08:00:00.000Z', '2026-11-23')).toBe(83);
    expect(daysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(daysBetween('2026-11-23', '2026-11-20')).toBe(-3);
  });
});
