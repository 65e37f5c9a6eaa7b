/**
 * @module Event time (issue 20): a reading that arrives after newer ones of its sensor is judged in its
 * place. The engine folds the sensor again over its stored readings — from the checkpoint before the
 * late reading when it is within the lateness, or from nothing over the late stretch when it is older
 * (history) — and sets the sensor's alarms to what that fold finds: an alarm whose course changed is
 * corrected, one the readings now show is recorded (historic when its readings are older than the
 * history age, so it calls nobody), and one they no longer show is closed as 补传重判. The fold is the
 * same detection the live path runs, so the alarms do not depend on the order in which readings came.
 */
import { levelRank, type AlarmKind, type WarningLevel } from '../../../shared/monitoring.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import {
  addEvent,
  alarmsForFolds,
  insertClosedAlarm,
  makeCurrent,
  markClearing,
  setAlarmCourse,
  supersedeAlarms,
  type AlarmCourse,
  type OverlappingAlarm,
} from './alarm.repository.ts';
import { raiseAlarm } from './alarm.writer.ts';
import { readingsForFolds } from './readings.repository.ts';
import {
  checkpointBefore,
  detectReading,
  emptyState,
  restore,
  snapshot,
  track,
  type Checkpoint,
  type DetectContext,
  type FoldState,
  type SensorRuntime,
} from './sensor.runtime.ts';

/** How much stored data before a stretch of history its fold reads to warm the detectors (ms). */
export const HISTORY_CONTEXT_MS = 60 * 60 * 1000;

/** One alarm's course as a fold finds it; `id` when it was open at the fold's start (carried). */
export interface Episode extends AlarmCourse {
  kind: AlarmKind;
  id?: string;
  /** Set when written: whether it was recorded as 历史告警. */
  historic?: boolean;
}

export interface FoldResult {
  episodes: Episode[];
  /** The state after the last reading, and the checkpoints taken on the way. */
  end: FoldState;
  checkpoints: Checkpoint[];
  /** Time of the last reading folded (ms), -Infinity when none. */
  lastAt: number;
}

const higher = (a: WarningLevel, b: WarningLevel) => (levelRank(a) >= levelRank(b) ? a : b);

/**
 * Runs detection over readings (oldest first) from a state, on a copy of the runtime: the alarms'
 * courses it finds, in order of their start. Pure: nothing is written.
 */
export function fold(
  rt: SensorRuntime,
  start: FoldState,
  checkpoints: Checkpoint[],
  readings: { t: number; v: number }[],
  ctx: DetectContext,
): FoldResult {
  const scratch: SensorRuntime = { ...rt, checkpoints: [...checkpoints] };
  restore(scratch, start);
  const episodes: Episode[] = [];
  const current = new Map<AlarmKind, Episode>();
  for (const [kind, a] of scratch.open) {
    const ep: Episode = {
      kind,
      id: a.id,
      level: a.level,
      peakLevel: a.level,
      triggeredAt: Number.NaN,
      clearSince: a.clearing ? a.clearSince : Number.NaN,
      closedAt: Number.NaN,
      closeReason: null,
      lastValue: null,
      detail: '',
    };
    episodes.push(ep);
    current.set(kind, ep);
  }
  let lastAt = Number.NEGATIVE_INFINITY;
  for (const { t, v } of readings) {
    const intents = detectReading(scratch, t, v, ctx);
    if (intents === null) {
      continue;
    }
    lastAt = t;
    for (const intent of intents) {
      const known = track(scratch, intent, t);
      const ep = current.get(intent.kind);
      if (intent.op === 'close') {
        if (ep) {
          ep.closedAt = t;
          ep.closeReason = '自动解除';
          current.delete(intent.kind);
        }
      } else if (intent.op === 'clear') {
        if (ep) {
          ep.clearSince = t;
        }
      } else if (known && ep) {
        ep.level = intent.level;
        ep.peakLevel = higher(ep.peakLevel, intent.level);
        ep.clearSince = Number.NaN;
        ep.lastValue = v;
        ep.detail = intent.detail;
      } else {
        const opened: Episode = {
          kind: intent.kind,
          level: intent.level,
          peakLevel: intent.level,
          triggeredAt: intent.at ?? t,
          clearSince: Number.NaN,
          closedAt: Number.NaN,
          closeReason: null,
          lastValue: v,
          detail: intent.detail,
        };
        episodes.push(opened);
        current.set(intent.kind, opened);
      }
    }
  }
  return { episodes, end: snapshot(scratch), checkpoints: scratch.checkpoints, lastAt };
}

const endOf = (a: { closedAt: Date | null }) => a.closedAt?.getTime() ?? Number.POSITIVE_INFINITY;

/** Pairs each episode with a stored alarm: carried ones by id, the rest by kind and overlapping course. */
export function matchEpisodes(episodes: Episode[], stored: OverlappingAlarm[]) {
  const taken = new Set<string>();
  const pairs = new Map<Episode, OverlappingAlarm>();
  for (const ep of episodes) {
    const a = ep.id ? stored.find((s) => s.id === ep.id) : undefined;
    if (a) {
      taken.add(a.id);
      pairs.set(ep, a);
    }
  }
  for (const ep of episodes) {
    if (pairs.has(ep) || ep.id) {
      continue;
    }
    const epEnd = Number.isNaN(ep.closedAt) ? Number.POSITIVE_INFINITY : ep.closedAt;
    const a = stored.find(
      (s) =>
        !taken.has(s.id) &&
        s.kind === ep.kind &&
        s.triggeredAt.getTime() <= epEnd &&
        endOf(s) >= ep.triggeredAt,
    );
    if (a) {
      taken.add(a.id);
      pairs.set(ep, a);
    }
  }
  return { pairs, unmatched: stored.filter((s) => !taken.has(s.id)) };
}

/** What the engine found late for one sensor in a group of readings. */
export interface Refold {
  rt: SensorRuntime;
  /** The earliest late reading within the lateness (ms); Infinity when none. */
  live: number;
  /** The stretch of late readings older than the lateness (ms); from is Infinity when none. */
  from: number;
  to: number;
}

export interface RefoldCommon {
  ctx: DetectContext;
  /** Readings older than this (ms) raise 历史告警. */
  historyBefore: number;
  at: Date;
}

const within = (rs: { t: number; v: number }[], from: number, to: number) =>
  rs.filter((r) => r.t >= from && r.t <= to);

/**
 * Folds sensors again after late readings were stored (in the caller's transaction) and sets their
 * alarms to what the folds find. A stretch older than the lateness is folded on its own, as history:
 * from nothing, an hour of stored data before it, to its last reading; what still holds at its end ends
 * there (newer readings carry on from the live state), its alarms call nobody, and the sensor's live
 * state and open alarms are not touched. Late readings within the lateness make the sensor fold from
 * the checkpoint before the earliest of them to its newest reading, and its live state becomes the
 * fold's end. All sensors' readings and alarms are read in one statement each. Returns, per sensor,
 * the alarms opened that call, the newest reading a live fold reached, and the earliest time its data or
 * its 断线 episodes changed (`changedFrom`: the mine's 断网 is judged again from there).
 */
export async function refoldSensors(tx: Db, jobs: Refold[], common: RefoldCommon) {
  const { ctx } = common;
  const plans = jobs.map((job) => {
    const { rt } = job;
    const i = job.live < Infinity ? checkpointBefore(rt, job.live) : -1;
    const cp = rt.checkpoints[i];
    return {
      job,
      cp,
      keep: rt.checkpoints.slice(0, Math.max(i, 0)),
      liveBegin: job.live < Infinity ? (cp ? cp.at : job.live - HISTORY_CONTEXT_MS) : Infinity,
      histBegin: job.from - HISTORY_CONTEXT_MS,
    };
  });
  // The readings a fold needs come from the sensor's tail when it holds them all, else are read back.
  const spans = plans.map((p) => ({
    no: p.job.rt.no,
    tail: p.job.rt.tail,
    from: Math.min(p.liveBegin, p.histBegin),
    to: p.job.live < Infinity ? Number.POSITIVE_INFINITY : p.job.to,
  }));
  const readings = await readingsForFolds(
    tx,
    spans.filter((x) => !x.tail.covers(x.from)),
  );
  for (const x of spans) {
    if (x.tail.covers(x.from)) {
      readings.set(x.no, x.tail.from(x.from));
    } else {
      x.tail.widen(); // the sensor gets late data: its tail holds more from now on
    }
  }
  const out = new Map<
    SensorRuntime,
    { opened: number; last?: { t: number; v: number }; changedFrom: number }
  >();
  const history = plans.filter((p) => p.job.from < Infinity);
  const storedHistory = await alarmsForFolds(
    tx,
    history.map((p) => ({ sensorId: p.job.rt.id, from: p.histBegin, to: p.job.to })),
  );
  const folded = history.map((p) => {
    const { rt, to } = p.job;
    const result = fold(
      rt,
      emptyState(rt),
      [],
      within(readings.get(rt.no) ?? [], p.histBegin, to),
      ctx,
    );
    for (const ep of result.episodes) {
      if (Number.isNaN(ep.closedAt)) {
        ep.closedAt = result.lastAt;
        ep.closeReason = '历史数据截止';
      }
    }
    const stored = (storedHistory.get(rt.id) ?? []).filter((a) => a.closedAt !== null);
    return { rt, from: p.job.from, result, stored, judged: judge(result.episodes, stored) };
  });
  // What the readings no longer show is closed first, all at once: its subject and kind are free.
  await supersedeAlarms(
    tx,
    folded.flatMap((f) => f.judged.superseded),
    common.at,
  );
  for (const { rt, from, result, stored, judged } of folded) {
    out.set(rt, {
      opened: await record(tx, rt, result.episodes, judged.pairs, common, true),
      changedFrom: Math.min(from, gapsFrom(result.episodes, stored, judged)),
    });
  }
  const live = plans.filter((p) => p.job.live < Infinity);
  const storedLive = await alarmsForFolds(
    tx,
    live.map((p) => ({ sensorId: p.job.rt.id, from: p.liveBegin, to: Number.POSITIVE_INFINITY })),
  );
  const foldedLive = live.map((p) => {
    const { rt } = p.job;
    const rs = within(readings.get(rt.no) ?? [], p.liveBegin, Number.POSITIVE_INFINITY);
    const result = fold(rt, p.cp ? p.cp.state : emptyState(rt), p.keep, rs, ctx);
    const stored = storedLive.get(rt.id) ?? [];
    return { rt, rs, result, stored, judged: judge(result.episodes, stored), live: p.job.live };
  });
  await supersedeAlarms(
    tx,
    foldedLive.flatMap((f) => f.judged.superseded),
    common.at,
  );
  for (const { rt, rs, result, stored, judged, live } of foldedLive) {
    const opened = await record(tx, rt, result.episodes, judged.pairs, common, false);
    restore(rt, result.end);
    rt.checkpoints = result.checkpoints;
    // The alarms the fold opened have their ids now: so have the states that hold them open.
    for (const state of [rt, ...rt.checkpoints.map((c) => c.state)]) {
      for (const [kind, a] of state.open) {
        const ep = a.id ? undefined : episodeAt(result.episodes, kind, state.lastAt);
        if (ep) {
          a.id = ep.id ?? '';
          a.historic = ep.historic ?? false;
        }
      }
    }
    const last = rs[rs.length - 1];
    const current =
      last && last.t >= common.historyBefore ? await makeHeldCurrent(tx, rt, common.at) : 0;
    const prev = out.get(rt);
    out.set(rt, {
      opened: (prev?.opened ?? 0) + opened + current,
      ...(last ? { last } : {}),
      changedFrom: Math.min(
        prev?.changedFrom ?? Infinity,
        live,
        gapsFrom(result.episodes, stored, judged),
      ),
    });
  }
  return out;
}

/**
 * Whether an alarm raised from readings is a 历史告警 (recorded, calling nobody): its readings are older
 * than the history age, or it is a 缺线 (or the 断网 of a whole mine, network-gap.ts) found in the data —
 * over by the time it is found.
 */
export function raisesHistoric(kind: AlarmKind, triggeredAt: number, historyBefore: number) {
  return kind === '断线' || kind === '断网' || triggeredAt < historyBefore;
}

/**
 * After a current reading: the sensor's 历史告警 that still hold (open, not clearing) become current
 * and start calling — an excursion found in resent data that goes on now is today's. Returns how many.
 */
export async function makeHeldCurrent(tx: Db, rt: SensorRuntime, at: Date): Promise<number> {
  let n = 0;
  for (const a of rt.open.values()) {
    if (a.historic && !a.clearing && a.id) {
      a.historic = false;
      if (await makeCurrent(tx, a.id, at)) {
        await addEvent(tx, a.id, at, 'current', { reason: '当前读数显示告警仍在持续, 开始叫应' });
        n++;
      }
    }
  }
  return n;
}

/**
 * The earliest start (ms) among a fold's 断线 episodes and the stored 断线 they replace or take back —
 * where the mine's 断网 may have moved from (network-gap.ts); Infinity when the fold touched no 断线.
 */
function gapsFrom(
  episodes: Episode[],
  stored: OverlappingAlarm[],
  judged: { pairs: Map<Episode, OverlappingAlarm>; superseded: string[] },
): number {
  let from = Number.POSITIVE_INFINITY;
  for (const ep of episodes) {
    if (ep.kind === '断线') {
      const was = judged.pairs.get(ep)?.triggeredAt.getTime() ?? Number.POSITIVE_INFINITY;
      from = Math.min(from, was, Number.isNaN(ep.triggeredAt) ? was : ep.triggeredAt);
    }
  }
  for (const a of stored) {
    if (a.kind === '断线' && judged.superseded.includes(a.id)) {
      from = Math.min(from, a.triggeredAt.getTime());
    }
  }
  return from;
}

/** The episode of a kind under way at a time (its start at or before, not closed by then). */
function episodeAt(episodes: Episode[], kind: AlarmKind, t: number): Episode | undefined {
  return episodes.find(
    (ep) =>
      ep.kind === kind &&
      (Number.isNaN(ep.triggeredAt) || ep.triggeredAt <= t) &&
      (Number.isNaN(ep.closedAt) || ep.closedAt > t),
  );
}

/**
 * Pairs a fold's episodes with the stored alarms; the stored ones the readings no longer show are to
 * be superseded (a person's closing stands).
 */
function judge(episodes: Episode[], stored: OverlappingAlarm[]) {
  const { pairs, unmatched } = matchEpisodes(episodes, stored);
  return {
    pairs,
    superseded: unmatched.filter((a) => a.closeReason !== '人工关闭').map((a) => a.id),
  };
}

/** Writes what a fold found: corrects paired alarms, records the rest; episodes get their ids. */
async function record(
  tx: Db,
  rt: SensorRuntime,
  episodes: Episode[],
  pairs: Map<Episode, OverlappingAlarm>,
  input: RefoldCommon,
  history: boolean,
): Promise<number> {
  const subject = {
    mineId: rt.mineId,
    sensorId: rt.id,
    facilityId: rt.facilityId,
    subject: `sensor:${rt.id}`,
  };
  let opened = 0;
  for (const ep of episodes) {
    const a = pairs.get(ep);
    if (a) {
      ep.id = a.id;
      ep.historic = a.historic;
      if (a.closeReason !== '人工关闭' && changed(a, ep)) {
        await setAlarmCourse(tx, a.id, {
          ...ep,
          triggeredAt: Number.isNaN(ep.triggeredAt) ? a.triggeredAt.getTime() : ep.triggeredAt,
          peakLevel: higher(a.peakLevel, ep.peakLevel),
        });
        await addEvent(tx, a.id, input.at, 'reevaluated', {
          reason: '补传数据重新判定',
          level: ep.level,
          ...(Number.isNaN(ep.closedAt) ? {} : { endedAt: new Date(ep.closedAt).toISOString() }),
        });
      }
      continue;
    }
    if (ep.id) {
      continue;
    }
    const historic = history || raisesHistoric(ep.kind, ep.triggeredAt, input.historyBefore);
    ep.historic = historic;
    if (!Number.isNaN(ep.closedAt)) {
      ep.id = await insertClosedAlarm(tx, subject, ep.kind, ep, historic, input.at);
      await addEvent(tx, ep.id, input.at, 'opened', { detail: ep.detail, value: ep.lastValue });
      await addEvent(tx, ep.id, input.at, 'resolved', {
        reason: ep.closeReason,
        endedAt: new Date(ep.closedAt).toISOString(),
      });
      continue;
    }
    const r = await raiseAlarm(
      tx,
      subject,
      {
        kind: ep.kind,
        level: ep.level,
        detail: ep.detail,
        triggeredAt: ep.triggeredAt,
        value: ep.lastValue,
      },
      undefined,
      input.at,
      historic,
    );
    ep.id = r.id;
    opened += r.opened && !historic ? 1 : 0;
    if (!Number.isNaN(ep.clearSince)) {
      await markClearing(tx, r.id, ep.clearSince);
    }
  }
  return opened;
}

function changed(a: OverlappingAlarm, ep: Episode): boolean {
  const same = (d: Date | null, ms: number) =>
    d === null ? Number.isNaN(ms) : !Number.isNaN(ms) && d.getTime() === ms;
  return (
    a.level !== ep.level ||
    a.peakLevel !== higher(a.peakLevel, ep.peakLevel) ||
    (!Number.isNaN(ep.triggeredAt) && a.triggeredAt.getTime() !== ep.triggeredAt) ||
    !same(a.clearSince, ep.clearSince) ||
    (!Number.isNaN(ep.closedAt) && !same(a.closedAt, ep.closedAt))
  );
}
