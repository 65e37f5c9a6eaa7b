/**
 * @module What the mapped files show of one mine, within the caller's jurisdiction (404 outside it): its
 * feeds (newest file per type, delay, refused files), its points with the mine's thresholds beside
 * minewatch's (also for one minewatch point, with the newest 测点状态), substations with their 通信中断
 * spans, and — for regulators (Review) — the episodes, findings and abnormal-alarm records, also per
 * minewatch alarm; and the 数据接入 overview of every coal mine of the jurisdiction.
 */
import { DAY_MS, HOUR_MS } from '../../../shared/dates.ts';
import type {
  CoalMineFeedsResponse,
  CoalSensorPointResponse,
} from '../../../shared/coal-upload.schemas.ts';
import type { CoalFindingKind } from '../../../shared/coal-upload.enums.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { loadVisibleAlarm } from '../monitoring/alarm.service.ts';
import { loadVisibleSensor } from '../monitoring/sensor.service.ts';
import type { Db } from '../../platform/db/client.ts';
import { loadVisibleMine } from '../registry/mine.service.ts';
import {
  allOf,
  mineInRegion,
  mineScopeCondition,
  visibleByMine,
} from '../registry/registry.scope.ts';
import { coalPoints as coalPointsTable } from './coal-point.table.ts';
import * as devices from './coal-device.repository.ts';
import * as files from './coal-file.repository.ts';
import * as points from './coal-point.repository.ts';
import * as review from './coal-review.repository.ts';
import { feedIsStale, mineFeedState, worstFirst } from './coal-feeds.ts';
import { CoalUploadPermission } from './coal-upload.permissions.ts';
import { coalUploadSettings } from './coal-upload.settings.ts';
import {
  presentAbnormal,
  presentEpisode,
  presentFile,
  presentFinding,
  presentPoint,
} from './coal-upload.presenter.ts';
import { coalLayouts, coalFileTypes } from './coal.layouts.ts';
import { codeName, decodePointStatus } from './coal.codes.ts';

const LIST_MAX = 2000;
const since = (deps: ServiceDeps, days: number) => new Date(deps.clock().getTime() - days * DAY_MS);
const date = (v: Date | string | null) => (v === null ? null : new Date(v));

/** A mine's feeds: each file type's newest file and its delay, files and refusals in the last day. */
export async function coalFeeds(
  deps: ServiceDeps,
  principal: Principal,
  mineId: string,
  days: number,
) {
  requirePermission(principal, CoalUploadPermission.Read);
  const { mine } = await loadVisibleMine(deps.db, principal, mineId);
  const now = deps.clock().getTime();
  const rows = new Map(
    (await files.feedsOf(deps.db, mineId, since(deps, 1))).map((r) => [r.type, r]),
  );
  const refused = await files.filesOf(
    deps.db,
    mineId,
    { since: since(deps, days), refusedOnly: true },
    200,
  );
  return {
    mineId,
    coalCode: mine.coalCode,
    feeds: coalFileTypes.map((type) => {
      const r = rows.get(type);
      const fileAt = date(r?.file_at ?? null);
      return {
        type,
        title: coalLayouts[type].title,
        lastFileAt: fileAt?.toISOString() ?? null,
        lastReceivedAt: date(r?.received_at ?? null)?.toISOString() ?? null,
        delaySeconds: fileAt ? Math.round((now - fileAt.getTime()) / 1000) : null,
        filesLastDay: r?.files ?? 0,
        refusedLastDay: r?.refused_files ?? 0,
      };
    }),
    refusedFiles: refused.map(presentFile),
  };
}

/** How many coal mines the 数据接入 page lists at most, and refused files per mine. */
const REGION_MINES_MAX = 5000;
const REFUSED_PER_MINE = 5;
const PROBLEMS_PER_FILE = 10;

/**
 * 数据接入: every coal mine of the caller's jurisdiction (of a region if given) with each file type's
 * newest file, its delay and whether it is late, files in the last hour and day, and the files refused
 * in the last day with their reasons; the worst mines first.
 */
export async function regionFeeds(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
): Promise<CoalMineFeedsResponse[]> {
  requirePermission(principal, CoalUploadPermission.Read);
  const limits = await getSetting(deps.db, coalUploadSettings.feedStaleMinutes);
  const now = deps.clock().getTime();
  const day = new Date(now - DAY_MS);
  const where = allOf(mineScopeCondition(principal.scope), mineInRegion(q.region));
  const rows = await files.regionFeeds(
    deps.db,
    where,
    coalFileTypes,
    { hour: new Date(now - HOUR_MS), day },
    REGION_MINES_MAX,
  );
  const refused = new Map<string, ReturnType<typeof presentFile>[]>();
  for (const f of await files.refusedFilesIn(deps.db, where, day, REFUSED_PER_MINE)) {
    const shown = presentFile(f);
    shown.problems = shown.problems.slice(0, PROBLEMS_PER_FILE);
    refused.set(f.mineId, [...(refused.get(f.mineId) ?? []), shown]);
  }
  const byMine = new Map<string, typeof rows>();
  for (const r of rows) {
    byMine.set(r.mine_id, [...(byMine.get(r.mine_id) ?? []), r]);
  }
  const out = [...byMine.values()].map((own) => {
    const m = own[0] as (typeof own)[number];
    const feeds = own.map((r) => {
      const fileAt = date(r.file_at);
      const staleAfterMinutes = limits[r.type] ?? null;
      return {
        type: r.type,
        title: coalLayouts[r.type].title,
        lastFileAt: fileAt?.toISOString() ?? null,
        lastReceivedAt: date(r.received_at)?.toISOString() ?? null,
        delaySeconds: fileAt ? Math.round((now - fileAt.getTime()) / 1000) : null,
        filesLastHour: r.files_hour,
        filesLastDay: r.files_day,
        refusedLastDay: r.refused_day,
        staleAfterMinutes,
        stale: feedIsStale(fileAt, staleAfterMinutes, now),
      };
    });
    const newest = feeds.reduce<string | null>(
      (a, f) => (f.lastFileAt !== null && (a === null || f.lastFileAt > a) ? f.lastFileAt : a),
      null,
    );
    const refusedLastDay = feeds.reduce((n, f) => n + f.refusedLastDay, 0);
    return {
      mineId: m.mine_id,
      mineName: m.mine_name,
      countyCode: m.county_code,
      coalCode: m.coal_code,
      state: mineFeedState({ coalCode: m.coal_code, feeds, refusedLastDay }),
      lastFileAt: newest,
      filesLastHour: feeds.reduce((n, f) => n + f.filesLastHour, 0),
      refusedLastDay,
      feeds,
      refusedFiles: refused.get(m.mine_id) ?? [],
    };
  });
  return worstFirst(out);
}

/**
 * The mine's own definition of a minewatch point the caller may see (404 outside the jurisdiction), and
 * the newest 测点状态 other than 正常 it reported — still in force when no minewatch reading came after it.
 */
export async function sensorPoint(
  deps: ServiceDeps,
  principal: Principal,
  sensorId: string,
): Promise<CoalSensorPointResponse> {
  requirePermission(principal, CoalUploadPermission.Read);
  const { sensor } = await loadVisibleSensor(deps.db, principal, sensorId);
  const found = await points.pointOfSensor(deps.db, sensorId);
  if (!found) {
    return { point: null, status: null };
  }
  const s = await points.latestStatus(deps.db, found.point.id);
  const lastReading = sensor.lastReadingAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return {
    point: presentPoint(found),
    status: s
      ? {
          at: s.ts.toISOString(),
          value: s.value,
          flags: (decodePointStatus(s.status) ?? []).map((f) => f.name),
          current: s.ts.getTime() >= lastReading,
        }
      : null,
  };
}

/** A mine's points as its system defines them, with both sets of thresholds and which applies. */
export async function coalPoints(deps: ServiceDeps, principal: Principal, mineId: string) {
  requirePermission(principal, CoalUploadPermission.Read);
  await loadVisibleMine(deps.db, principal, mineId);
  const states = await points.latestStatesOf(deps.db, mineId);
  return [...(await points.pointsOf(deps.db, mineId)).values()].map((p) =>
    presentPoint(p, states.get(p.point.id)),
  );
}

/** A mine's marked stretches and discrepancies of the last `days`. */
export async function coalEpisodes(
  deps: ServiceDeps,
  principal: Principal,
  mineId: string,
  days: number,
) {
  requirePermission(principal, CoalUploadPermission.Review);
  await loadVisibleMine(deps.db, principal, mineId);
  return (await review.episodesOf(deps.db, mineId, since(deps, days), LIST_MAX)).map(
    presentEpisode,
  );
}

/** A mine's data-quality findings of the last `days` (of one kind if given). */
export async function coalFindings(
  deps: ServiceDeps,
  principal: Principal,
  mineId: string,
  q: { days: number; kind?: CoalFindingKind | undefined },
) {
  requirePermission(principal, CoalUploadPermission.Review);
  await loadVisibleMine(deps.db, principal, mineId);
  return (
    await review.findingsOf(deps.db, mineId, { kind: q.kind, since: since(deps, q.days) }, LIST_MAX)
  ).map(presentFinding);
}

/** A mine's abnormal-alarm records (YCBJ) that started in the last `days`. */
export async function coalAbnormalAlarms(
  deps: ServiceDeps,
  principal: Principal,
  mineId: string,
  days: number,
) {
  requirePermission(principal, CoalUploadPermission.Review);
  await loadVisibleMine(deps.db, principal, mineId);
  return (
    await review.abnormalAlarmsList(deps.db, { mineId, since: since(deps, days) }, LIST_MAX)
  ).map(presentAbnormal);
}

/** The mine's abnormal-alarm records matched to one minewatch alarm the caller may see. */
export async function alarmAbnormalAlarms(
  deps: ServiceDeps,
  principal: Principal,
  alarmId: string,
) {
  requirePermission(principal, CoalUploadPermission.Review);
  await loadVisibleAlarm(deps.db, principal, alarmId);
  return (await review.abnormalAlarmsList(deps.db, { alarmId }, 100)).map(presentAbnormal);
}

/**
 * A mine's substations: definition, latest state, how many points hang on each, and the spans of
 * 通信中断 in the last `days` (a substation's outage explains its points' silence).
 */
export async function coalSubstations(
  deps: ServiceDeps,
  principal: Principal,
  mineId: string,
  days: number,
) {
  requirePermission(principal, CoalUploadPermission.Read);
  await loadVisibleMine(deps.db, principal, mineId);
  const defined = await devices.substationsOf(deps.db, mineId);
  const latest = new Map(
    (await devices.latestStates(deps.db, mineId, 'substation')).map((s) => [s.code, s]),
  );
  const perSubstation = new Map<string, number>();
  for (const { point } of (await points.pointsOf(deps.db, mineId)).values()) {
    perSubstation.set(point.substationCode, (perSubstation.get(point.substationCode) ?? 0) + 1);
  }
  const spans = outageSpans(
    await devices.statesBetween(
      deps.db,
      mineId,
      'substation',
      since(deps, days),
      new Date(deps.clock().getTime() + DAY_MS),
    ),
  );
  const codes = [...new Set([...defined.keys(), ...latest.keys()])].sort();
  return codes.map((code) => {
    const s = latest.get(code);
    return {
      code,
      location: defined.get(code)?.location ?? null,
      runStatus: s?.run_status ?? null,
      runStatusName: s ? codeName('runStatus', s.run_status) : null,
      powerStatus: s?.power_status ?? null,
      powerStatusName: s ? codeName('powerStatus', s.power_status) : null,
      stateAt: date(s?.at ?? null)?.toISOString() ?? null,
      points: perSubstation.get(code) ?? 0,
      outages: spans.get(code) ?? [],
    };
  });
}

/** 通信中断 (运行状态 1) spans per device from its states in time order; an open one has no end. */
export function outageSpans(
  states: { code: string; at: Date | string; run_status: string }[],
): Map<string, { from: string; to: string | null }[]> {
  const out = new Map<string, { from: string; to: string | null }[]>();
  const open = new Map<string, string>();
  for (const s of states) {
    const t = new Date(s.at).toISOString();
    const down = s.run_status === '1';
    const since = open.get(s.code);
    if (down && since === undefined) {
      open.set(s.code, t);
    } else if (!down && since !== undefined) {
      out.set(s.code, [...(out.get(s.code) ?? []), { from: since, to: t }]);
      open.delete(s.code);
    }
  }
  for (const [code, from] of open) {
    out.set(code, [...(out.get(code) ?? []), { from, to: null }]);
  }
  return out;
}

/** A point a mine's system defined, at a mine the caller may see, or 404 (its audit history). */
export async function loadVisiblePoint(db: Db, principal: Principal, id: string) {
  const { row } = await visibleByMine(db, principal, coalPointsTable, id, { entity: 'coal_point' });
  return row;
}
