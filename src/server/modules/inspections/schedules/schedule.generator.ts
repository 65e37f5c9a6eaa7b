/**
 * @module The yearly inspection schedule of one unit (issue 7 §1), pure: each mine's routine visits
 * spread over the year, every month within the unit's capacity in inspector-days (a team of at least
 * two, so each visit costs `inspectorsPerVisit` days), the riskiest mines placed first. Every visit is
 * 四不两直 (《2024年矿山安全生产工作要点》第41条: "检查执法一律采取“四不两直”方式开展"; the mine is never shown the
 * dates), so there is no share to choose. What does not fit is reported as a shortfall per mine, never
 * silently dropped.
 */
import { createRng } from '../../../platform/random.ts';

/** A mine to schedule: its risk score (the riskiest come first) and routine visits a year. */
export interface ScheduleMine {
  mineId: string;
  score: number;
  perYear: number;
}

/** What the unit can give: capacity per month, team size, the random seed. */
export interface ScheduleOptions {
  /** Inspector-days the unit can spend on routine inspections, per month (12 values). */
  capacity: number[];
  inspectorsPerVisit: number;
  seed: number;
}

/** A visit placed in a month (四不两直, like every planned visit). */
export interface ScheduledVisit {
  mineId: string;
  /** 0 = January. */
  month: number;
}

/** The year's visits, the load per month, and the mines the capacity could not fully cover. */
export interface YearSchedule {
  visits: ScheduledVisit[];
  /** Inspector-days used per month. */
  load: number[];
  shortfall: { mineId: string; wanted: number; planned: number }[];
}

/** The months a mine with n visits a year would ideally be seen in: evenly spaced, staggered by `offset`. */
export function idealMonths(n: number, offset: number): number[] {
  if (n <= 0) {
    return [];
  }
  const step = 12 / n;
  return Array.from({ length: n }, (_, i) => Math.floor((offset % step) + i * step) % 12);
}

/** Places each mine's routine visits within the unit's capacity, riskiest mines first. */
export function generateYearSchedule(mines: ScheduleMine[], o: ScheduleOptions): YearSchedule {
  const rng = createRng(o.seed);
  const cost = o.inspectorsPerVisit;
  const load = Array.from({ length: 12 }, () => 0);
  const room = (m: number) => (o.capacity[m] ?? 0) - (load[m] ?? 0) >= cost;
  const visits: ScheduledVisit[] = [];
  const shortfall: YearSchedule['shortfall'] = [];
  // The riskiest first; ties by id, so the schedule is the same on every run.
  const order = [...mines].sort((a, b) => b.score - a.score || a.mineId.localeCompare(b.mineId));
  for (const mine of order) {
    const wanted = Math.min(mine.perYear, 12 * 4);
    const taken = new Map<number, number>();
    let planned = 0;
    for (const ideal of idealMonths(wanted, rng.next() * 12)) {
      // The ideal month, else the nearest month with room (later first), fewest visits of this mine.
      const candidates = Array.from({ length: 12 }, (_, k) => k)
        .map((k) => ({ m: (ideal + k) % 12, k: Math.min(k, 12 - k) + (k > 6 ? 0.5 : 0) }))
        .filter(({ m }) => room(m))
        .sort((a, b) => (taken.get(a.m) ?? 0) - (taken.get(b.m) ?? 0) || a.k - b.k);
      const pick = candidates[0];
      if (!pick) {
        break;
      }
      load[pick.m] = (load[pick.m] ?? 0) + cost;
      taken.set(pick.m, (taken.get(pick.m) ?? 0) + 1);
      visits.push({ mineId: mine.mineId, month: pick.m });
      planned++;
    }
    if (planned < wanted) {
      shortfall.push({ mineId: mine.mineId, wanted, planned });
    }
  }
  visits.sort((a, b) => a.month - b.month || a.mineId.localeCompare(b.mineId));
  return { visits, load, shortfall };
}
