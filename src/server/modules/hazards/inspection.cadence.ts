/**
 * @module The two periodic inspections of 《2024年矿山安全生产工作要点》第19条 and their calendars (pure): the
 * mine's monthly self-inspection (主要负责人每月组织开展1次…排查) and its parent company's quarterly one
 * (上级公司…每季度对所属矿山开展1次重大事故隐患排查整治). A period's report falls due on a configured day of the month after
 * the period (settings hazards.selfInspectionDueDay and hazards.parentInspectionDueDay).
 */
import { HazardSource } from '../../../shared/hazard.enums.ts';
import { periodFirstDay, quarterOf } from '../../../shared/inspection-periods.ts';
import { addDays, addMonths } from '../../../shared/dates.ts';
import type { SettingDefinition } from '../../platform/settings/settings.definition.ts';
import { hazardsSettings } from './hazards.settings.ts';

export const InspectionKind = {
  Monthly: '月度自查',
  ParentQuarterly: '上级公司季度排查',
} as const;
export type InspectionKind = (typeof InspectionKind)[keyof typeof InspectionKind];

export interface Cadence {
  kind: InspectionKind;
  /** Escalation subject type; subject ids are `<mineId>:<period>`. */
  subjectType: 'self_inspection_report' | 'parent_inspection';
  dueDaySetting: SettingDefinition<number>;
  months: number;
  /** Only hazards from these sources count as this inspection's findings (all when undefined). */
  sources?: readonly HazardSource[];
  label: string;
}

export const monthly: Cadence = {
  kind: InspectionKind.Monthly,
  subjectType: 'self_inspection_report',
  dueDaySetting: hazardsSettings.selfInspectionDueDay,
  months: 1,
  label: '月度自查报告',
};

export const parentQuarterly: Cadence = {
  kind: InspectionKind.ParentQuarterly,
  subjectType: 'parent_inspection',
  dueDaySetting: hazardsSettings.parentInspectionDueDay,
  months: 3,
  sources: [HazardSource.ParentCompany],
  label: '上级公司季度排查',
};

/** The first and last day of a period, and the due date of its report (day `dueDay` of the next month). */
export function periodBounds(period: string, dueDay: number) {
  const first = periodFirstDay(period);
  const months = period.includes('Q') ? 3 : 1;
  const nextFirst = addMonths(first, months);
  const last = addDays(nextFirst, -1);
  const dueOn = `${nextFirst.slice(0, 8)}${String(dueDay).padStart(2, '0')}`;
  return { first, last, dueOn };
}

/** The period of a cadence that contains a date. */
export function periodOf(cadence: Cadence, date: string): string {
  if (cadence.months === 3) {
    return quarterOf(date);
  }
  return date.slice(0, 7);
}

/** The `count` periods before the one containing `today`, most recent first. */
export function previousPeriods(cadence: Cadence, today: string, count: number): string[] {
  const current = periodFirstDay(periodOf(cadence, today));
  return Array.from({ length: count }, (_, i) =>
    periodOf(cadence, addMonths(current, -cadence.months * (i + 1))),
  );
}
