/**
 * @module When an arrangement of 异地交叉执法 is in force (pure): from its start date through its end date,
 * or through the day before it was ended early.
 */
import type { CrossArrangementState } from '../../../../shared/inspection-cross.schemas.ts';
import { addDays } from '../../../../shared/dates.ts';

/** The dates that decide an arrangement's state. */
export interface ArrangementPeriod {
  startsOn: string;
  endsOn: string;
  endedOn: string | null;
}

/** The last day an arrangement is in force (before its start when it was ended before starting). */
export function lastDayOf(a: ArrangementPeriod): string {
  return a.endedOn !== null && a.endedOn <= a.endsOn ? addDays(a.endedOn, -1) : a.endsOn;
}

/** 未开始, 进行中 or 已结束 on `day`. */
export function arrangementState(a: ArrangementPeriod, day: string): CrossArrangementState {
  const last = lastDayOf(a);
  if (day > last || last < a.startsOn) {
    return '已结束';
  }
  return day < a.startsOn ? '未开始' : '进行中';
}

/** Whether the arrangement is in force on `day`. */
export function inForce(a: ArrangementPeriod, day: string): boolean {
  return arrangementState(a, day) === '进行中';
}
