/** Calendar dates on the Beijing calendar: today, days, months, month and quarter ends. */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  monthEnd,
  monthStart,
  quarterEnd,
  quarterStart,
  shanghaiDate,
  shanghaiDateTime,
  shanghaiDayStart,
  shanghaiMidnight,
  todayIn,
} from './dates.ts';

describe('today and instants in Asia/Shanghai', () => {
  it('today turns at Beijing midnight (16:00 UTC)', () => {
    expect(todayIn(() => new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22');
    expect(todayIn(() => new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
    expect(todayIn(() => new Date('2026-11-22T02:00:00Z'), -30)).toBe('2026-10-23');
    expect(shanghaiDate(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('shows an instant as Beijing wall-clock time and finds its day start', () => {
    expect(shanghaiDateTime('2026-11-22T02:03:04.567Z')).toBe('2026-11-22 10:03:04');
    expect(shanghaiMidnight('2026-11-22').toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(shanghaiDayStart(Date.parse('2026-11-22T17:00:00Z'))).toBe(
      Date.parse('2026-11-22T16:00:00Z'),
    );
  });
});

describe('calendar arithmetic', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(daysBetween('2026-03-01', '2026-01-01')).toBe(-59);
  });

  it('adds months and clamps to the end of shorter months', () => {
    expect(addMonths('2026-01-15', 3)).toBe('2026-04-15');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-12-31', -12)).toBe('2025-12-31');
  });

  it('finds month and quarter bounds', () => {
    expect(monthStart('2026-02-17')).toBe('2026-02-01');
    expect(monthEnd('2026-02')).toBe('2026-02-28');
    expect(monthEnd('2028-02-10')).toBe('2028-02-29');
    expect(daysInMonth('2026-04')).toBe(30);
    expect(quarterStart('2026-08-31')).toBe('2026-07-01');
    expect(quarterEnd('2026-11-05')).toBe('2026-12-31');
  });
});
