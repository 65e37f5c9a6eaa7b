/**
 * The date windows shared by the server and the web forms (issue 21 §8): nothing before 1949-10-01, what
 * has happened not after today, a deadline at most ten years ahead, a licence's end at most thirty
 * (《矿产资源开采登记管理办法》第七条); an instant counts by its Beijing date.
 */
import { describe, expect, it } from 'vitest';
import { DateWindows, EARLIEST_DATE, dateWindowBounds, dateWindowProblem } from './date-windows.ts';

const today = '2026-11-22';

describe('date windows', () => {
  it('a thing that has happened lies between 1949-10-01 and today', () => {
    expect(dateWindowBounds(DateWindows.happened, today)).toEqual({
      earliest: EARLIEST_DATE,
      latest: today,
    });
    expect(dateWindowProblem(today, DateWindows.happened, today)).toBeUndefined();
    expect(dateWindowProblem('1949-10-01', DateWindows.happened, today)).toBeUndefined();
    expect(dateWindowProblem('2026-11-23', DateWindows.happened, today)).toBe(
      '不能晚于今天 (2026-11-22)',
    );
    expect(dateWindowProblem('9999-12-31', DateWindows.happened, today)).toMatch(/^不能晚于今天/);
    expect(dateWindowProblem('0001-01-01', DateWindows.happened, today)).toBe(
      '不能早于 1949-10-01',
    );
    expect(dateWindowProblem('1949-09-30', DateWindows.happened, today)).toBe(
      '不能早于 1949-10-01',
    );
  });

  it('a deadline lies at most ten years ahead, a licence’s end at most thirty', () => {
    expect(dateWindowProblem('2036-11-22', DateWindows.planned, today)).toBeUndefined();
    expect(dateWindowProblem('2036-11-23', DateWindows.planned, today)).toBe(
      '不能晚于 2036-11-22 (今天起 10 年内)',
    );
    expect(dateWindowProblem('2056-11-22', DateWindows.expiry, today)).toBeUndefined();
    expect(dateWindowProblem('9999-12-31', DateWindows.expiry, today)).toBe(
      '不能晚于 2056-11-22 (今天起 30 年内)',
    );
  });

  it('an instant counts by its Beijing date', () => {
    // 2026-11-22T16:30Z is 2026-11-23 00:30 in Beijing: tomorrow.
    expect(dateWindowProblem('2026-11-22T16:30:00Z', DateWindows.happened, today)).toMatch(
      /^不能晚于今天/,
    );
    expect(dateWindowProblem('2026-11-22T15:30:00Z', DateWindows.happened, today)).toBeUndefined();
    expect(dateWindowProblem('1900-01-01T00:00:00Z', DateWindows.happened, today)).toBe(
      '不能早于 1949-10-01',
    );
  });
});
