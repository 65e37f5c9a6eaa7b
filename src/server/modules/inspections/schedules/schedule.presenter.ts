/** @module Schedule rows → the API's schedule shapes (src/shared/inspection-schedules.schemas.ts). */
import type {
  ScheduleResponse,
  ScheduleSummaryResponse,
} from '../../../../shared/inspection-schedules.schemas.ts';
import type { ScheduleListRow, ScheduleRow, ScheduleVisitRow } from './schedule.repository.ts';

/** A stored schedule with the parameters it was generated from and every visit. */
export function presentSchedule(
  s: ScheduleRow,
  visits: readonly ScheduleVisitRow[],
): ScheduleResponse {
  return {
    id: s.id,
    regionCode: s.regionCode,
    year: s.year,
    createdAt: s.createdAt.toISOString(),
    capacityPerMonth: s.params.capacityPerMonth,
    inspectorsPerVisit: s.params.inspectorsPerVisit,
    load: s.params.load,
    shortfall: s.params.shortfall,
    mines: s.params.mines,
    visits: [...visits],
  };
}

/** A stored schedule as listed. */
export function presentScheduleSummary(r: ScheduleListRow): ScheduleSummaryResponse {
  return { ...r, createdAt: r.createdAt.toISOString() };
}
