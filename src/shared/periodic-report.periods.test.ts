/**
 * The periods of the periodic reports (issue 8 §5): the last whole week (Monday–Sunday), month and
 * quarter; the annual summary on its day (《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(六): 每年12月10日前; made on 12-01
 * by default); the three-year evaluation from its day on (same clause: 2026年11月30日前); a report made
 * on demand covers its period to date; and the month ends the trend lines are drawn at.
 */
import { describe, expect, it } from 'vitest';
import { defaultPeriodicReportSchedule } from './targets.settings.ts';
import { duePeriod, monthEnds, periodToDate, trendPoints } from './periodic-report.periods.ts';

const s = defaultPeriodicReportSchedule;

describe('report periods', () => {
  it('the last whole week, month and quarter before a Sunday, a Monday and a quarter’s first day', () => {
    // 2026-11-29 is a Sunday: the week of 11-23 is not over yet.
    expect(duePeriod('周调度', '2026-11-29', s)).toEqual({
      start: '2026-11-16',
      end: '2026-11-22',
    });
    expect(duePeriod('周调度', '2026-11-30', s)).toEqual({
      start: '2026-11-23',
      end: '2026-11-29',
    });
    expect(duePeriod('月总结', '2026-12-01', s)).toEqual({
      start: '2026-11-01',
      end: '2026-11-30',
    });
    expect(duePeriod('月总结', '2026-03-15', s)).toEqual({
      start: '2026-02-01',
      end: '2026-02-28',
    });
    expect(duePeriod('季通报', '2026-10-01', s)).toEqual({
      start: '2026-07-01',
      end: '2026-09-30',
    });
    expect(duePeriod('季通报', '2026-01-01', s)).toEqual({
      start: '2025-10-01',
      end: '2025-12-31',
    });
  });

  it('the annual summary from its day on, else last year’s; the evaluation only from its day (《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(六))', () => {
    expect(duePeriod('年度总结', '2026-12-01', s)).toEqual({
      start: '2026-01-01',
      end: '2026-11-30',
    });
    expect(duePeriod('年度总结', '2026-11-30', s)).toEqual({
      start: '2025-01-01',
      end: '2025-11-30',
    });
    expect(duePeriod('三年评估', '2026-11-19', s)).toBeNull();
    expect(duePeriod('三年评估', '2026-11-20', s)).toEqual({
      start: '2024-01-01',
      end: '2026-11-19',
    });
  });

  it('on demand: the period to date', () => {
    expect(periodToDate('周调度', '2026-11-29', s)).toEqual({
      start: '2026-11-23',
      end: '2026-11-29',
    });
    expect(periodToDate('月总结', '2026-11-29', s)).toEqual({
      start: '2026-11-01',
      end: '2026-11-29',
    });
    expect(periodToDate('季通报', '2026-11-29', s)).toEqual({
      start: '2026-10-01',
      end: '2026-11-29',
    });
    expect(periodToDate('三年评估', '2026-11-29', s)).toEqual({
      start: '2024-01-01',
      end: '2026-11-29',
    });
  });

  it('month ends for trends: the last is the date itself; a long period is thinned evenly', () => {
    expect(monthEnds('2026-03-15', 4)).toEqual([
      '2025-12-31',
      '2026-01-31',
      '2026-02-28',
      '2026-03-15',
    ]);
    const points = trendPoints({ start: '2024-01-01', end: '2026-11-19' }, 12);
    expect(points).toHaveLength(12);
    expect(points[0]).toBe('2024-01-31');
    expect(points[11]).toBe('2026-11-19');
    expect(trendPoints({ start: '2026-11-01', end: '2026-11-29' }, 12)).toEqual(['2026-11-29']);
  });
});
