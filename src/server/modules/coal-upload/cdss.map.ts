/**
 * @module CDSS 实时数据 (MT/T 1201.1-2023; REFERENCE §B6) into the product. Records whose 测点状态 makes
 * them readings (coal.status.ts) go through the monitoring engine's ingest as readings of the point's
 * minewatch point (code = 测点编码), which stores them idempotently and judges them; the rest (标校, 不巡检,
 * 暂停: marked, no 超限; 传感器故障, 超量程, 分站故障: 数据异常) are kept only as the mine's marked records.
 * Every record that is not 正常 is kept with its flags, and each point's stretches of marks, and of the
 * mine's 报警/断电 disagreeing with minewatch's thresholds, become episodes.
 */
import type { CoalEpisodeKind } from '../../../shared/coal-upload.enums.ts';
import { IngestLimits } from '../../../shared/limits.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import type { MonitoringEngine } from '../monitoring/monitoring.engine.ts';
import { holdSensorCalls } from '../monitoring/maintenance.service.ts';
import { monitoringSettings } from '../monitoring/monitoring.settings.ts';
import { coalUploadSettings } from './coal-upload.settings.ts';
import type { FileMine, MapContext, Tally } from './coal-map.ts';
import { levelOf } from './coal-point.spec.ts';
import * as repo from './coal-point.repository.ts';
import type { CdssRecord } from './coal.records.ts';
import { statusMeaning } from './coal.status.ts';
import { stateChanges } from './coal-point-state.ts';
import { formatTime } from './coal.values.ts';

/** What the engine stored of a file's readings, and what the file's transaction writes after it. */
export interface CdssPrepared {
  statusRows: { pointId: string; ts: Date; value: number; status: number }[];
  /** Record number of each status row (to count the marked ones stored or duplicate). */
  statusRecord: number[];
  /** Whether each status row is a reading (counted by the engine) or only a mark. */
  statusIsMark: boolean[];
  runs: repo.EpisodeRun[];
  gapMs: number;
  /** The minewatch point of each mine's point that has one (calls held while it is marked). */
  sensorOf: Map<string, string>;
  holdMs: number;
  /** Records of points that feed no minewatch point (开关量 …): kept as the points' changes of state. */
  states: repo.PointState[];
}

interface Classified {
  record: number;
  t: number;
  kind: CoalEpisodeKind | null;
  detail: string;
}

/**
 * Checks every record against the mine's points, hands the readings to the engine (which commits them in
 * its own group transaction, idempotent on point and time) and prepares what the file's transaction
 * stores. Records of undefined points, of points without a minewatch point, or that the engine refuses
 * (a time beyond the limits …) are refused one by one.
 */
export async function prepareCdss(
  deps: ServiceDeps,
  engine: MonitoringEngine,
  principal: Principal,
  mine: FileMine,
  records: CdssRecord[],
  tally: Tally,
): Promise<CdssPrepared> {
  const gapMs = (await getSetting(deps.db, coalUploadSettings.episodeGapSeconds)) * 1000;
  const holdMs = (await getSetting(deps.db, coalUploadSettings.quietHoldSeconds)) * 1000;
  const points = await repo.pointsOf(deps.db, mine.id, [
    ...new Set(records.map((r) => r.pointCode)),
  ]);
  const raws: { mine: string; sensor: string; ts: number; value: number }[] = [];
  const rawRecord: number[] = [];
  const prepared: CdssPrepared = {
    statusRows: [],
    statusRecord: [],
    statusIsMark: [],
    runs: [],
    gapMs,
    sensorOf: new Map(),
    holdMs,
    states: [],
  };
  const maxFutureMs = (await getSetting(deps.db, monitoringSettings.maxFutureSeconds)) * 1000;
  const latest = deps.clock().getTime() + maxFutureMs;
  /** The records not refused so far: marks, and readings the engine is yet to take. */
  const kept: { r: CdssRecord; pointId: string; mark: boolean; c: Classified }[] = [];
  /** The points with a record of some episode kind: only their records form runs. */
  const withKind = new Set<string>();
  for (const [i, r] of records.entries()) {
    const record = i + 1;
    const p = points.get(r.pointCode);
    if (!p) {
      tally.refuse(
        record,
        '测点编码',
        `测点 ${r.pointCode} 未在测点定义 (CDDY) 中登记`,
        r.pointCode,
      );
      continue;
    }
    const meaning = statusMeaning(r.status);
    if (!meaning) {
      tally.refuse(record, '测点状态', '测点状态含代码表外的标志', String(r.status));
      continue;
    }
    if (!p.sensor) {
      // 开关量, 累计量, a type without a minewatch quantity: the mine's state of the point, kept as changes.
      if (r.time > latest) {
        tally.refuse(record, '数据时间', `时间超前服务器时间超过 ${maxFutureMs / 1000} 秒`);
      } else {
        prepared.states.push({
          pointId: p.point.id,
          ts: new Date(r.time),
          value: r.value,
          status: r.status,
        });
      }
      continue;
    }
    if (!meaning.reading && r.time > latest) {
      tally.refuse(record, '数据时间', `时间超前服务器时间超过 ${maxFutureMs / 1000} 秒`);
      continue;
    }
    let kind: CoalEpisodeKind | null = meaning.mark;
    let detail = meaning.mark ? `煤矿标记: ${meaning.names}; 值 ${r.value}` : '';
    if (meaning.reading && p.sensor) {
      raws.push({ mine: mine.id, sensor: r.pointCode, ts: r.time, value: r.value });
      rawRecord.push(record);
      const level = levelOf(p.sensor.spec, r.value);
      if (meaning.mineAlarm && !level) {
        kind = '煤矿报警本平台未超限';
        detail = `煤矿: ${meaning.names}; 本平台阈值判定正常; 值 ${r.value}`;
      } else if (!meaning.mineAlarm && level) {
        kind = '本平台超限煤矿未报警';
        detail = `本平台: ${level}; 煤矿: ${meaning.names}; 值 ${r.value}`;
      }
    }
    if (p.sensor) {
      prepared.sensorOf.set(p.point.id, p.sensor.id);
    }
    if (kind) {
      withKind.add(p.point.id);
    }
    kept.push({
      r,
      pointId: p.point.id,
      mark: !meaning.reading,
      c: { record, t: r.time, kind, detail },
    });
  }
  for (let i = 0; i < raws.length; i += IngestLimits.recordsMax) {
    const chunk = raws.slice(i, i + IngestLimits.recordsMax);
    const report = await engine.ingest(principal, chunk);
    tally.stored += report.stored;
    tally.duplicates += report.duplicates;
    for (const rej of report.rejected) {
      const record = rawRecord[i + rej.index] ?? 0;
      tally.refuse(
        record,
        rej.field === 'ts' ? '数据时间' : rej.field === 'value' ? '测点值' : '测点编码',
        rej.message,
      );
    }
    // Refusals beyond those the engine lists are counted.
    const listed = report.rejected.length;
    const refused = chunk.length - report.stored - report.duplicates;
    for (let k = listed; k < refused; k++) {
      tally.refusedCount++;
    }
  }
  // What the engine refused is not the mine's record of anything minewatch took either.
  const refused = new Set(tally.refused.map((p) => p.record));
  const byPoint = new Map<string, Classified[]>();
  for (const k of kept) {
    if (!k.mark && refused.has(k.c.record)) {
      continue;
    }
    if (k.r.status !== 0) {
      prepared.statusRows.push({
        pointId: k.pointId,
        ts: new Date(k.r.time),
        value: k.r.value,
        status: k.r.status,
      });
      prepared.statusRecord.push(k.c.record);
      prepared.statusIsMark.push(k.mark);
    }
    if (!withKind.has(k.pointId)) {
      continue;
    }
    const list = byPoint.get(k.pointId) ?? [];
    list.push(k.c);
    byPoint.set(k.pointId, list);
  }
  for (const [pointId, list] of byPoint) {
    prepared.runs.push(...runsOf(mine.id, pointId, list, gapMs));
  }
  return prepared;
}

/** Stretches of one point's records of one kind, in time order, closer than `gapMs`, unbroken by another kind. */
function runsOf(
  mineId: string,
  pointId: string,
  list: Classified[],
  gapMs: number,
): repo.EpisodeRun[] {
  list.sort((a, b) => a.t - b.t);
  const runs: repo.EpisodeRun[] = [];
  let open: repo.EpisodeRun | null = null;
  for (const c of list) {
    if (open && (c.kind !== open.kind || c.t - open.to.getTime() > gapMs)) {
      runs.push(open);
      open = null;
    }
    if (c.kind && !open) {
      open = {
        mineId,
        pointId,
        kind: c.kind,
        from: new Date(c.t),
        to: new Date(c.t),
        detail: `${formatTime(c.t)} ${c.detail}`,
      };
    } else if (open) {
      open.to = new Date(c.t);
    }
  }
  if (open) {
    runs.push(open);
  }
  return runs;
}

/** Stores a CDSS file's marked records and episodes in the file's transaction. */
export async function writeCdss(
  ctx: MapContext,
  prepared: CdssPrepared,
  tally: Tally,
): Promise<void> {
  const marks = prepared.statusRows.filter((_, i) => prepared.statusIsMark[i]);
  const readings = prepared.statusRows.filter((_, i) => !prepared.statusIsMark[i]);
  await writeStates(ctx, prepared.states, tally);
  const newMarks = await repo.insertStatusRecords(ctx.tx, marks);
  await repo.insertStatusRecords(ctx.tx, readings);
  tally.stored += newMarks;
  tally.duplicates += marks.length - newMarks;
  await repo.mergeEpisodes(ctx.tx, prepared.runs, prepared.gapMs);
  for (const run of prepared.runs) {
    const sensorId = prepared.sensorOf.get(run.pointId);
    if (sensorId && QUIET_KINDS.has(run.kind)) {
      await holdSensorCalls(ctx.tx, ctx.principal, ctx.at, {
        mineId: ctx.mine.id,
        sensorId,
        reason: `煤矿上报测点${run.kind}: 其间读数不作判定, 告警只记录不叫应`,
        from: run.from,
        to: new Date(run.to.getTime() + prepared.holdMs),
      });
    }
  }
}

/**
 * The states of points without a minewatch point, as their changes (against each point's stored state
 * before the file's first record); every such record counts as stored: the point's state is known.
 */
async function writeStates(ctx: MapContext, states: repo.PointState[], tally: Tally) {
  if (states.length === 0) {
    return;
  }
  const first = states.reduce((m, s) => Math.min(m, s.ts.getTime()), Number.POSITIVE_INFINITY);
  const before = await repo.statesAtOrBefore(
    ctx.tx,
    [...new Set(states.map((s) => s.pointId))],
    new Date(first - 1),
  );
  await repo.insertStates(ctx.tx, stateChanges(states, before));
  tally.stored += states.length;
}

/** The marks whose readings are held back: the point looks silent to minewatch meanwhile. */
const QUIET_KINDS: ReadonlySet<CoalEpisodeKind> = new Set(['标校', '不巡检', '暂停']);
