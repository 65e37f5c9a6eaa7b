/**
 * @module What the mapped files show of one mine, within the caller's jurisdiction (404 outside it): its
 * feeds (newest file per type, delay, refused files), its points with the mine's thresholds beside
 * minewatch's, substations with their 通信中断 spans, and — for regulators (Review) — the episodes,
 * findings and abnormal-alarm records, also per minewatch alarm.
 */
import { DAY_MS } from '../../../shared/dates.ts';
import type { CoalFindingKind } from '../../../shared/coal-upload.enums.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { loadVisibleAlarm } from '../monitoring/alarm.service.ts';
import type { Db } from '../../platform/db/client.ts';
import { loadVisibleMine } from '../registry/mine.service.ts';
import { visibleByMine } from '../registry/registry.scope.ts';
import { coalPoints as coalPointsTable } from './coal-point.table.ts';
import * as devices from './coal-device.repository.ts';
import * as files from './coal-file.repository.ts';
import * as points from './coal-point.repository.ts';
import * as review from './coal-review.repository.ts';
import { CoalUploadPermission } from './coal-upload.permissions.ts';
import {
  presentAbnormal,
  presentEpisode,
  presentFile,
  presentFinding,
  presentPoint,
} from './coal-upload.presenter.ts';
import { coalLayouts, coalFileTypes } from './coal.layouts.ts';
import { codeName } from './coal.codes.ts';

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
