/**
 * @module The findings of open pits, dumps and tailings ponds from the register's mines: the pure rules
 * (shared/pits-ponds.ts) applied to each mine's records, its radar points' last report and its 闭库 —
 * read by the findings list and by the escalation job alike.
 */
import { shanghaiDate } from '../../../shared/dates.ts';
import {
  closureFinding,
  radarFinding,
  recordFindings,
  type Finding,
  type PitPondMine,
  type PitPondRules,
  type RecordDate,
} from '../../../shared/pits-ponds.ts';
import type { Db } from '../../platform/db/client.ts';
import type { SQL } from 'drizzle-orm';
import { closureState } from './pit-pond.presenter.ts';
import * as repo from './pit-pond.repository.ts';

/** A mine as the rules read it. */
export function ruleMine(m: repo.RegisterMine): PitPondMine {
  return {
    kind: m.kind,
    status: m.status,
    slopeHeightM: m.slopeHeightM,
    dumpHeightM: m.dumpHeightM,
    tailingsOverhead: m.tailingsOverhead,
    tailingsLastDischarge: m.tailingsLastDischarge,
    delisted: m.closure !== null && m.closure.delistedOn !== null,
  };
}

/** Every finding of the register's mines in a scope on `today` (radar judged at `now`). */
export async function findingsOf(
  db: Db,
  rules: PitPondRules,
  scope: { mineScope: SQL | undefined; region?: string | undefined },
  today: string,
  now: Date,
): Promise<{ mine: repo.RegisterMine; finding: Finding }[]> {
  const mines = await repo.registerMines(db, scope.mineScope, scope.region);
  const dates = await repo.recordDates(
    db,
    mines.map((m) => m.id),
  );
  const byMine = new Map<string, RecordDate[]>();
  for (const d of dates) {
    byMine.set(d.mineId, [...(byMine.get(d.mineId) ?? []), d]);
  }
  return mines.flatMap((mine) => {
    const m = ruleMine(mine);
    const radar = radarFinding(
      rules,
      m,
      mine.lastRadarAt ? new Date(mine.lastRadarAt) : null,
      now,
      shanghaiDate,
    );
    const closure = closureFinding(
      rules,
      m,
      mine.closure ? closureState(mine.closure) : null,
      today,
    );
    return [
      ...recordFindings(rules, m, byMine.get(mine.id) ?? [], today),
      ...(radar ? [radar] : []),
      ...(closure ? [closure] : []),
    ].map((finding) => ({ mine, finding }));
  });
}
