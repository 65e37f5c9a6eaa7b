/**
 * 《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(六): "每年12月10日前, 报送年度工作总结" — a report filed on
 * the due date is on time, the day after late; not filed, it is pending on the day and missing the day
 * after, when the ladder's rungs start counting.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultEnterpriseReportSchedules,
  missingReportSteps,
  reportStatus,
} from './enterprise-reports.ts';

describe('enterprise progress reports to the plan (原平四(六))', () => {
  const due = '2025-12-10';

  it('filed the day before or on the due date is on time; the day after, late', () => {
    expect(reportStatus(due, '2025-12-09', '2026-01-01')).toBe('按时报送');
    expect(reportStatus(due, '2025-12-10', '2026-01-01')).toBe('按时报送');
    expect(reportStatus(due, '2025-12-11', '2026-01-01')).toBe('逾期报送');
  });

  it('not filed: pending the day before and on the due date, missing the day after', () => {
    expect(reportStatus(due, null, '2025-12-09')).toBe('待报送');
    expect(reportStatus(due, null, '2025-12-10')).toBe('待报送');
    expect(reportStatus(due, null, '2025-12-11')).toBe('未报送');
  });

  it('a missing report climbs a rung on each of the ladder’s days, counted from the due date', () => {
    const steps = (today: string) => missingReportSteps([1, 15, 30], due, today).map((s) => s.step);
    expect(steps('2025-12-10')).toEqual([]);
    expect(steps('2025-12-11')).toEqual(['第1级']);
    expect(steps('2025-12-24')).toEqual(['第1级']);
    expect(steps('2025-12-25')).toEqual(['第1级', '第2级']);
    expect(steps('2026-01-09')).toEqual(['第1级', '第2级', '第3级']);
  });

  it('the default dates are the clause’s: 2月29日, 12月10日 each year, the three-year report 2026-11-30', () => {
    const [s] = defaultEnterpriseReportSchedules;
    expect(s?.region).toBe('140981');
    expect(s?.dues.map((d) => d.dueOn)).toEqual([
      '2024-02-29',
      '2024-12-10',
      '2025-12-10',
      '2026-11-30',
      '2026-12-10',
    ]);
    expect(s?.source).toMatch(/原平.*四\(六\)/);
  });
});
