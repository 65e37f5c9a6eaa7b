/**
 * The monitoring wall's pure parts: facilities worst first (GB 39496-2020 §5.5.4 colours, then points cut
 * off, then open alarms) and which red alarms on a refreshed board are new since the page opened.
 */
import { levelRank, type WarningLevel } from '../../../shared/monitoring.enums.ts';
import type { AlarmResponse, FacilityResponse } from '../../../shared/monitoring.schemas.ts';

type Ranked = Pick<
  FacilityResponse,
  'level' | 'offlineSensors' | 'openAlarms' | 'mineName' | 'name'
>;

/** Worst first: the rolled-up colour, then how many points are cut off, then open alarms, then by name. */
export function worstFirst<F extends Ranked>(facilities: readonly F[]): F[] {
  return [...facilities].sort(
    (a, b) =>
      levelRank(b.level) - levelRank(a.level) ||
      b.offlineSensors - a.offlineSensors ||
      b.openAlarms - a.openAlarms ||
      a.mineName.localeCompare(b.mineName) ||
      a.name.localeCompare(b.name),
  );
}

/** Whether a facility is all quiet (no colour, no point cut off, no open alarm): only then 正常. */
export function isQuiet(f: Pick<FacilityResponse, 'level' | 'offlineSensors' | 'openAlarms'>) {
  return f.level === null && f.offlineSensors === 0 && f.openAlarms === 0;
}

export type Signalled = Pick<
  AlarmResponse,
  'id' | 'level' | 'closedAt' | 'historic' | 'suppressed'
>;

/** An alarm that pages people now at one of `levels`: open, neither historic nor in a maintenance window. */
const isLiveAt = (levels: readonly WarningLevel[]) => (a: Signalled) =>
  levels.includes(a.level) && !a.closedAt && !a.historic && !a.suppressed;

/**
 * The red alarms (or those of `levels`) of a board not seen at them before in this page session. `seen`
 * is null on the first load: then everything is taken as seen and nothing is new (history never pages
 * people). An alarm that turns red from 橙色 later is new then.
 */
export function newRedAlarms(
  seen: ReadonlySet<string> | null,
  alarms: readonly Signalled[],
  levels: readonly WarningLevel[] = ['红色'],
): { seen: Set<string>; fresh: string[] } {
  const red = alarms.filter(isLiveAt(levels)).map((a) => a.id);
  const next = new Set(seen ?? []);
  const fresh = seen ? red.filter((id) => !seen.has(id)) : [];
  for (const id of red) {
    next.add(id);
  }
  return { seen: next, fresh };
}
