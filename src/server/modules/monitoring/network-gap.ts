/**
 * @module 断网 from the data (issue 20 §2; 《2024年矿山安全生产工作要点》第41条 断网、断线、平线、缺线): a mine
 * whose points all gap together is a 断网 episode. Whenever a group of readings changes 断线 episodes (a
 * gap seen live, a fold of late or resent readings) or a point's stored data (its first readings, late
 * ones), the engine asks this module to judge the mines concerned again from the alarms table: the
 * common stretch of every reporting point's 断线 (time before a point's first reading stops nothing) is
 * the mine's 断网, recorded once with the stretch's start and end — found in the data, so 历史告警 by the
 * rule every alarm follows (raisesHistoric). A live 断网 the silence job opened for the same outage is
 * carried on and closed at the stretch's end rather than doubled, and a 断网 the data no longer shows (a
 * resend filled one point's gap) is shrunk or closed as 补传重判.
 */
import { shanghaiDateTime } from '../../../shared/dates.ts';
import { levelRank, type WarningLevel } from '../../../shared/monitoring.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import {
  addEvent,
  insertClosedAlarm,
  networkGapAlarms,
  networkPoints,
  setAlarmCourse,
  supersedeAlarms,
  type AlarmCourse,
  type OverlappingAlarm,
} from './alarm.repository.ts';
import { raisesHistoric } from './event-time.ts';
import type { Intent, SensorRuntime } from './sensor.runtime.ts';

/** A point's silences: its 断线 episodes (live ones still open), and its time before its first reading. */
export interface PointSilence {
  /** How long the point may stay silent before it is 断线 (k × interval, ms). */
  limitMs: number;
  /** Its first stored reading (ms): before it the point was not reporting and stops no 断网. */
  firstAt: number;
  /** Its silences [from, to] (ms); `to` is Infinity while it lasts. */
  gaps: { from: number; to: number }[];
}

/** A stretch during which every point of a mine was silent: [from, to] (ms); `to` Infinity when it lasts. */
export interface NetworkEpisode {
  from: number;
  to: number;
}

interface Piece {
  /** The latest start of a real silence in it (-Infinity when only time before first readings). */
  from: number;
  to: number;
  /** The latest moment at which a point in it became silent beyond its own limit. */
  silentFrom: number;
}

/**
 * A point's silences as sorted pieces that do not overlap (overlapping silences merged; a silence the
 * silence job dated before the first reading counts from it).
 */
function piecesOf(p: PointSilence): Piece[] {
  const gaps = p.gaps
    .map((g) => ({ from: Math.max(g.from, p.firstAt), to: g.to }))
    .filter((g) => g.to > g.from)
    .sort((a, b) => a.from - b.from);
  const out: Piece[] = [
    { from: Number.NEGATIVE_INFINITY, to: p.firstAt, silentFrom: Number.NEGATIVE_INFINITY },
  ];
  for (const g of gaps) {
    const last = out[out.length - 1] as Piece;
    if (last.from > Number.NEGATIVE_INFINITY && g.from < last.to) {
      last.to = Math.max(last.to, g.to);
    } else {
      out.push({ from: g.from, to: g.to, silentFrom: g.from + p.limitMs });
    }
  }
  return out;
}

/** Where two sorted lists of pieces overlap (for longer than an instant). */
function intersect(a: Piece[], b: Piece[]): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Piece;
    const y = b[j] as Piece;
    const from = Math.max(x.from, y.from);
    const to = Math.min(x.to, y.to);
    if (to > from) {
      out.push({ from, to, silentFrom: Math.max(x.silentFrom, y.silentFrom) });
    }
    if (x.to < y.to) {
      i++;
    } else {
      j++;
    }
  }
  return out;
}

/**
 * The 断网 episodes of a mine's points (pure): the stretches in which every point that has reported was
 * silent, each starting at the latest of their silences' starts and ending at the first reading after
 * it, kept when at some moment in it every point had been silent beyond its own limit — the live rule
 * of the silence job (monitoring.jobs.ts), applied to the stored data. A stretch still under way ends
 * at Infinity. Time before a point's first reading stops nothing, but a stretch made of that alone is
 * no episode.
 */
export function networkEpisodes(points: PointSilence[]): NetworkEpisode[] {
  const reporting = points.filter((p) => Number.isFinite(p.firstAt));
  if (reporting.length === 0) {
    return [];
  }
  let common = piecesOf(reporting[0] as PointSilence);
  for (const p of reporting.slice(1)) {
    common = intersect(common, piecesOf(p));
  }
  return common
    .filter((c) => Number.isFinite(c.from) && c.silentFrom < c.to)
    .map((c) => ({ from: c.from, to: c.to }));
}

/** What judging a mine's 断网 needs besides its alarms. */
export interface NetworkJudgeContext {
  /** The level of a 断网 (setting monitoring.faultLevels). */
  level: WarningLevel;
  /** Readings older than this (ms) raise 历史告警. */
  historyBefore: number;
  /** The writer's time (the alarms' timelines). */
  at: Date;
}

/**
 * The mines whose 断网 a group of readings may have moved, each with the earliest time a 断线 episode or
 * the stored data of theirs changed (a 断网 lies within the 断线 episodes it is made of and after the
 * first readings, so none ending before that can move).
 */
export class NetworkGapWatch {
  private readonly from = new Map<string, number>();

  /**
   * A 断线 intent of the live path: a gap raised from its start; a silence ending at the reading began
   * no more than the point's limit before it (else the reading would have raised a gap).
   */
  note(rt: SensorRuntime, intent: Intent, t: number): void {
    if (intent.kind !== '断线' || intent.op === 'close') {
      return;
    }
    this.noteFrom(
      rt.mineId,
      intent.op === 'raise' ? (intent.at ?? t) : t - rt.spec.silentFactor * rt.spec.intervalMs,
    );
  }

  /** A mine's 断线 episodes or data changed from `from` (ms) on; Infinity when nothing changed. */
  noteFrom(mineId: string, from: number): void {
    if (from < Number.POSITIVE_INFINITY) {
      this.from.set(mineId, Math.min(this.from.get(mineId) ?? Number.POSITIVE_INFINITY, from));
    }
  }

  /** Judges the noted mines' 断网 again, in the caller's transaction. */
  async judge(tx: Db, c: NetworkJudgeContext): Promise<void> {
    if (this.from.size) {
      await judgeNetworkGaps(tx, this.from, c);
    }
  }
}

/**
 * Sets the 断网 alarms of mines to what their points' silences say from the given time on (ms, per
 * mine): a stretch not yet recorded is recorded (closed, with its course), a recorded one whose course
 * changed is corrected, and one the data no longer shows is closed as 补传重判 (a person's closing
 * stands). A live 断网 (the silence job's) still open is left to that job while the mine is silent now;
 * once data is back it takes the stretch's course and closes at its end, so an outage is one alarm.
 */
export async function judgeNetworkGaps(
  tx: Db,
  fromByMine: ReadonlyMap<string, number>,
  c: NetworkJudgeContext,
): Promise<void> {
  const alarms = await networkGapAlarms(
    tx,
    [...fromByMine].map(([mineId, from]) => ({ mineId, from })),
  );
  // A mine with neither a 断线 nor a 断网 from then on has nothing to judge.
  const mineIds = [...new Set(alarms.map((a) => a.mineId))];
  const points = await networkPoints(tx, mineIds);
  const superseded: string[] = [];
  for (const mineId of mineIds) {
    const from = fromByMine.get(mineId) as number;
    const silences = new Map<string, PointSilence>();
    for (const p of points) {
      if (p.mineId === mineId) {
        silences.set(p.sensorId, { limitMs: p.limitMs, firstAt: p.firstAt, gaps: [] });
      }
    }
    const stored: OverlappingAlarm[] = [];
    for (const a of alarms) {
      if (a.mineId !== mineId) {
        continue;
      }
      if (a.kind === '断网') {
        stored.push(a);
      } else if (a.sensorId) {
        // A 断线 ends with the first reading after it (clearing); a live one still open goes on.
        const end = a.clearSince ?? a.closedAt;
        silences.get(a.sensorId)?.gaps.push({
          from: a.triggeredAt.getTime(),
          to: end?.getTime() ?? Number.POSITIVE_INFINITY,
        });
      }
    }
    const episodes = networkEpisodes([...silences.values()]).filter((e) => e.to >= from);
    superseded.push(...(await settle(tx, mineId, from, episodes, stored, c)));
  }
  await supersedeAlarms(tx, superseded, c.at);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The course of a 断网 stretch as an alarm: raised at its start, over at its end. */
function courseOf(e: NetworkEpisode, level: WarningLevel): AlarmCourse {
  return {
    level,
    peakLevel: level,
    triggeredAt: e.from,
    clearSince: e.to,
    closedAt: e.to,
    closeReason: '自动解除',
    lastValue: null,
    detail: `全矿数据中断 (断网): ${shanghaiDateTime(e.from)} 至 ${shanghaiDateTime(e.to)} 所有测点均无数据`,
  };
}

const sameTime = (d: Date | null, ms: number) => d !== null && d.getTime() === ms;

/** Pairs a mine's stretches with its stored 断网 and writes the difference; returns the ids to supersede. */
async function settle(
  tx: Db,
  mineId: string,
  from: number,
  episodes: NetworkEpisode[],
  stored: OverlappingAlarm[],
  c: NetworkJudgeContext,
): Promise<string[]> {
  const ongoing = episodes.some((e) => e.to === Number.POSITIVE_INFINITY);
  const finite = episodes.filter((e) => e.to < Number.POSITIVE_INFINITY);
  const pairs = new Map<NetworkEpisode, OverlappingAlarm>();
  const taken = new Set<string>();
  // An open 断网 goes on while the mine is silent now (the silence job's); once data is back, it is
  // the latest stretch's.
  for (const a of stored) {
    if (a.closedAt !== null) {
      continue;
    }
    taken.add(a.id);
    const ep = ongoing
      ? undefined
      : finite.findLast((e) => !pairs.has(e) && a.triggeredAt.getTime() <= e.to);
    if (ep) {
      pairs.set(ep, a);
    }
  }
  for (const a of stored) {
    if (taken.has(a.id)) {
      continue;
    }
    const closed = (a.closedAt as Date).getTime();
    const ep = finite.find(
      (e) => !pairs.has(e) && a.triggeredAt.getTime() <= e.to && closed >= e.from,
    );
    if (ep) {
      pairs.set(ep, a);
      taken.add(a.id);
    }
  }
  const subject = { mineId, sensorId: null, facilityId: null, subject: `mine:${mineId}` };
  for (const e of finite) {
    const course = courseOf(e, c.level);
    const a = pairs.get(e);
    if (a) {
      const moved =
        a.level !== course.level ||
        a.triggeredAt.getTime() !== e.from ||
        !sameTime(a.clearSince, e.to) ||
        !sameTime(a.closedAt, e.to);
      if (a.closeReason !== '人工关闭' && moved) {
        await setAlarmCourse(tx, a.id, {
          ...course,
          peakLevel: levelRank(a.peakLevel) > levelRank(c.level) ? a.peakLevel : c.level,
        });
        await addEvent(tx, a.id, c.at, 'reevaluated', {
          reason: a.closedAt === null ? '全矿数据恢复: 按读数时间确定断网起止' : '补传数据重新判定',
          level: course.level,
          endedAt: iso(e.to),
        });
      }
      continue;
    }
    if (e.from < from) {
      continue; // begun before anything that changed: recorded already, or not this judgement's
    }
    const historic = raisesHistoric('断网', e.from, c.historyBefore);
    const id = await insertClosedAlarm(tx, subject, '断网', course, historic, c.at);
    await addEvent(tx, id, c.at, 'opened', { detail: course.detail, value: null }, course.level);
    await addEvent(tx, id, c.at, 'resolved', { reason: '自动解除', endedAt: iso(e.to) });
  }
  // Recorded stretches the data no longer shows; a live one open is the silence job's to close.
  return stored
    .filter(
      (a) =>
        !taken.has(a.id) &&
        a.closedAt !== null &&
        a.closeReason !== '人工关闭' &&
        a.triggeredAt.getTime() >= from,
    )
    .map((a) => a.id);
}
