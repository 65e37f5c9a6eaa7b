/**
 * @module Each leader's days in a month under each rule that applies to them (《拉萨市关于加强非煤矿山安全生产工作的实施意见》
 * 二(二)1): 带班下井 from the mine's personnel positioning (the descents of the card carrying the person's
 * registered name) in a month the mine sent positioning data, from the filed records otherwise; the other
 * kinds (现场履职, 在岗履职) always from the filed records — positioning cannot tell them.
 */
import { addMonths, shanghaiMidnight } from '../../../shared/dates.ts';
import {
  daysIn,
  dutyShortfall,
  rulesFor,
  type DutyRule,
  type DutyRules,
  type DutySource,
} from '../../../shared/duty.ts';
import type { Db } from '../../platform/db/client.ts';
import * as repo from './duty.repository.ts';

export interface LeaderMonth {
  leader: repo.LeaderRow;
  rule: DutyRule;
  month: string;
  days: number;
  source: DutySource;
  /** Set when the month is over and below the minimum. */
  shortfall: { dueOn: string; missing: number } | null;
}

/** The leaders' months (`monthsOf` says which months of each leader) under their rules, on `today`. */
export async function tallyMonths(
  db: Db,
  rules: DutyRules,
  leaders: repo.LeaderRow[],
  monthsOf: (l: repo.LeaderRow) => string[],
  today: string,
): Promise<LeaderMonth[]> {
  const wanted = leaders.flatMap((l) =>
    rulesFor(rules, l.roles, l).flatMap((rule) => monthsOf(l).map((month) => ({ l, rule, month }))),
  );
  if (wanted.length === 0) {
    return [];
  }
  const months = wanted.map((w) => w.month).sort();
  const first = `${months[0]}-01`;
  const end = addMonths(`${months[months.length - 1]}-01`, 1);
  const ids = [...new Set(wanted.map((w) => w.l.personId))];
  const filed = await repo.filedDates(db, ids, first, end);
  const mineIds = [...new Set(wanted.map((w) => w.l.mineId))];
  const pos = await repo.positioning(db, mineIds, shanghaiMidnight(first), shanghaiMidnight(end));
  const positioned = new Set(pos.months.map((m) => `${m.mine_id}|${m.month}`));
  const underground = new Map<string, string[]>();
  for (const d of pos.days) {
    const key = `${d.mine_id}|${d.name}`;
    underground.set(key, [...(underground.get(key) ?? []), d.day]);
  }
  return wanted.map(({ l, rule, month }) => {
    const byPositioning =
      rule.counts.includes('带班下井') && positioned.has(`${l.mineId}|${month}`);
    const dates = filed
      .filter(
        (r) =>
          r.personId === l.personId &&
          rule.counts.includes(r.kind) &&
          !(byPositioning && r.kind === '带班下井'),
      )
      .map((r) => r.dutyOn);
    if (byPositioning) {
      dates.push(...(underground.get(`${l.mineId}|${l.personName}`) ?? []));
    }
    const days = daysIn(dates, month);
    return {
      leader: l,
      rule,
      month,
      days,
      source: byPositioning ? '人员定位' : '填报记录',
      shortfall: dutyShortfall(rule, days, month, today),
    };
  });
}
