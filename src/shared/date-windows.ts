/**
 * @module Date windows (issue 21 §8): the dates a field may carry, one rule for the server (checked
 * against its clock) and the web forms (their date pickers). A thing that has happened — a hazard found,
 * an inspection, a mine's status since, an accident — is not in the future; nothing is before 1949; a
 * deadline or a plan lies at most ten years ahead, the end of a licence at most thirty.
 */
import { addMonths, shanghaiDate } from './dates.ts';

/**
 * The earliest date any record may carry: the records this system keeps (mines, their licences,
 * inspections, accidents) are of the People's Republic, founded 1949-10-01; an earlier date is a typing
 * slip (0001-01-01, 1900), not history.
 */
export const EARLIEST_DATE = '1949-10-01';

/** How far a field's date may lie from today: not before EARLIEST_DATE, at most `yearsAhead` years on. */
export interface DateWindow {
  /** Years after today the date may lie; 0: not after today. */
  yearsAhead: number;
}

export const DateWindows = {
  /** Something that has happened (found, inspected, decided, paid, issued, occurred): not after today. */
  happened: { yearsAhead: 0 },
  /** A deadline, a planned date, a period's start or end: at most ten years ahead. */
  planned: { yearsAhead: 10 },
  /**
   * The end of a licence or certificate: at most thirty years ahead, the longest term of a 采矿许可证
   * (《矿产资源开采登记管理办法》第七条: 大型以上的矿山采矿许可证有效期最长为30年).
   */
  expiry: { yearsAhead: 30 },
} as const satisfies Record<string, DateWindow>;

/** The first and last date a window allows on a given day (both inclusive). */
export function dateWindowBounds(
  window: DateWindow,
  today: string,
): { earliest: string; latest: string } {
  return { earliest: EARLIEST_DATE, latest: addMonths(today, 12 * window.yearsAhead) };
}

/**
 * Why a date (YYYY-MM-DD) or an instant (ISO 8601; its Beijing date counts) lies outside its window on
 * `today`, in words for the user; undefined when it lies inside.
 */
export function dateWindowProblem(
  value: string,
  window: DateWindow,
  today: string,
): string | undefined {
  const instant = value.length > 10 ? new Date(value) : undefined;
  if (instant && Number.isNaN(instant.getTime())) {
    return '不是有效的时间';
  }
  const date = instant ? shanghaiDate(instant) : value;
  const { earliest, latest } = dateWindowBounds(window, today);
  if (date < earliest) {
    return `不能早于 ${earliest}`;
  }
  if (date > latest) {
    return window.yearsAhead === 0
      ? `不能晚于今天 (${today})`
      : `不能晚于 ${latest} (今天起 ${window.yearsAhead} 年内)`;
  }
  return undefined;
}
