/**
 * @module The periodic reports of the three-year action and their periods (issue 8 §5), shared by the
 * server's scheduler and the web's pickers. 周调度、月总结、季通报 is the working mechanism named in the
 * 国家矿山安全监察局 2024 年简报 (地方经验做法·河南省: “周调度、月总结、季通报”); the annual summary and the three-year evaluation
 * are due by the dates in 《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(六) (每年12月10日前 年度工作总结; 2026年11月30日前 三年行动评估报告).
 * Dates are YYYY-MM-DD in Beijing time and periods are inclusive at both ends.
 */

import { addDays, monthEnd, quarterStart } from './dates.ts';

export const reportKinds = ['周调度', '月总结', '季通报', '年度总结', '三年评估'] as const;
export type ReportKind = (typeof reportKinds)[number];

export interface Period {
  start: string;
  end: string;
}

/** When the scheduler makes the annual summary and the evaluation (setting plans.reportSchedule). */
export interface ReportSchedule {
  /** MM-DD: the annual summary of the year to the day before is made on this day. */
  annualOn: string;
  /** The three-year evaluation: from the action's first day to the day before `on`, made on `on`. */
  threeYear: { from: string; on: string };
}

/** Kept for the callers not yet moved: date arithmetic lives in dates.ts. */
export { addDays as addDaysTo, monthEnd as monthEndOf };

function monday(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(date, -weekday);
}

/** The period of a kind that contains `date`, from its first day to `date` (a report made on demand). */
export function periodToDate(kind: ReportKind, date: string, schedule: ReportSchedule): Period {
  const start =
    kind === '周调度'
      ? monday(date)
      : kind === '月总结'
        ? `${date.slice(0, 7)}-01`
        : kind === '季通报'
          ? quarterStart(date)
          : kind === '年度总结'
            ? `${date.slice(0, 4)}-01-01`
            : schedule.threeYear.from;
  return { start, end: date };
}

/**
 * The latest period of a kind the scheduler owes a report for on `today`: the last whole week, month
 * or quarter; the year to the day before `annualOn` once that day has come; the three-year evaluation
 * once its day has come (null before).
 */
export function duePeriod(
  kind: ReportKind,
  today: string,
  schedule: ReportSchedule,
): Period | null {
  if (kind === '三年评估') {
    return today >= schedule.threeYear.on
      ? { start: schedule.threeYear.from, end: addDays(schedule.threeYear.on, -1) }
      : null;
  }
  if (kind === '年度总结') {
    const thisYear = `${today.slice(0, 4)}-${schedule.annualOn}`;
    const on =
      today >= thisYear ? thisYear : `${Number(today.slice(0, 4)) - 1}-${schedule.annualOn}`;
    return { start: `${on.slice(0, 4)}-01-01`, end: addDays(on, -1) };
  }
  const start = periodToDate(kind, today, schedule).start;
  const end = addDays(start, -1);
  return { start: periodToDate(kind, end, schedule).start, end };
}

/** The last `n` month ends up to `date`, oldest first; the last point is `date` itself. */
export function monthEnds(date: string, n: number): string[] {
  const out = [date];
  let cursor = `${date.slice(0, 7)}-01`;
  while (out.length < n) {
    const end = addDays(cursor, -1);
    out.unshift(end);
    cursor = `${end.slice(0, 7)}-01`;
  }
  return out;
}

/** Up to `max` evenly spread month ends covering a period (its end included), for the trend lines. */
export function trendPoints(period: Period, max: number): string[] {
  const all: string[] = [];
  let cursor = monthEnd(period.start);
  while (cursor < period.end) {
    all.push(cursor);
    cursor = monthEnd(addDays(cursor, 1));
  }
  all.push(period.end);
  if (all.length <= max) {
    return all;
  }
  const step = (all.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => all[Math.round(i * step)] ?? period.end);
}
