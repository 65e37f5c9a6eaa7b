/**
 * @module Who is underground, from the positioning files (MT/T 1201.3-2023): per mine, the people the
 * newest RYSS reports 入井, per area against its 核定人数, leaders (是否矿领导) and special workers
 * (是否特种人员) marked; the regulator's overview of every coal mine in its jurisdiction; and each leader's
 * descents in a month against the days required (setting coalUpload.leaderDescentDays).
 */
import { DAY_MS, MINUTE_MS } from '../../../shared/dates.ts';
import type { z } from 'zod';
import type {
  CoalLeaderDescentsResponse,
  CoalUndergroundMineResponse,
  CoalUndergroundResponse,
} from '../../../shared/coal-upload.schemas.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { loadVisibleMine } from '../registry/mine.service.ts';
import { mineInRegion, mineScopeCondition } from '../registry/registry.scope.ts';
import * as repo from './coal-positioning.repository.ts';
import { CoalUploadPermission } from './coal-upload.permissions.ts';
import { coalUploadSettings } from './coal-upload.settings.ts';
import { monthRange } from './positioning.map.ts';

/** Who is underground at a mine now (as of its newest RYSS), per area against 核定人数. */
export async function undergroundNow(
  deps: ServiceDeps,
  principal: Principal,
  mineId: string,
): Promise<CoalUndergroundResponse> {
  requirePermission(principal, CoalUploadPermission.Read);
  await loadVisibleMine(deps.db, principal, mineId);
  const staleMs =
    (await getSetting(deps.db, coalUploadSettings.positioningStaleMinutes)) * MINUTE_MS;
  const [latest] = await repo.latestPresence(deps.db, [mineId]);
  const areas = await repo.areasOf(deps.db, mineId);
  if (!latest) {
    return {
      mineId,
      asOf: null,
      stale: true,
      total: 0,
      leaders: 0,
      special: 0,
      areas: [],
      people: [],
    };
  }
  const asOf = new Date(latest.seen);
  // Cards reported within the staleness of the newest file: a card no file names any more has left.
  const rows = await repo.underground(deps.db, mineId, new Date(asOf.getTime() - staleMs));
  const counts = new Map<string, number>();
  for (const r of rows) {
    const code = r.p.areaCode ?? '';
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const byCode = new Map(areas.map((a) => [a.areaCode, a]));
  const areaCodes = [...new Set([...areas.map((a) => a.areaCode), ...counts.keys()])].filter(
    (c) => c !== '',
  );
  return {
    mineId,
    asOf: asOf.toISOString(),
    stale: deps.clock().getTime() - asOf.getTime() > staleMs,
    total: rows.length,
    leaders: rows.filter((r) => r.p.isLeader === true).length,
    special: rows.filter((r) => r.p.isSpecial === true).length,
    areas: areaCodes.map((code) => {
      const a = byCode.get(code);
      const count = counts.get(code) ?? 0;
      return {
        areaCode: code,
        name: a?.name ?? null,
        quota: a?.quota ?? null,
        count,
        overQuota: a ? count > a.quota : false,
      };
    }),
    people: rows.map((r) => ({
      cardCode: r.p.cardCode,
      name: r.p.name,
      title: r.title && r.title !== '' ? r.title : null,
      areaCode: r.p.areaCode,
      inAt: r.p.inAt?.toISOString() ?? null,
      isLeader: r.p.isLeader === true,
      isSpecial: r.p.isSpecial === true,
    })),
  };
}

/** 井下人数 of every coal mine in the caller's jurisdiction (of a region if given), as of each newest RYSS. */
export async function undergroundOverview(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
): Promise<z.infer<typeof CoalUndergroundMineResponse>[]> {
  requirePermission(principal, CoalUploadPermission.Read);
  const staleMs =
    (await getSetting(deps.db, coalUploadSettings.positioningStaleMinutes)) * MINUTE_MS;
  const mines = await repo.coalMinesIn(
    deps.db,
    mineScopeCondition(principal.scope),
    mineInRegion(q.region),
  );
  const heads = await repo.latestHeadcounts(
    deps.db,
    mines.map((m) => m.id),
  );
  const now = deps.clock().getTime();
  const leaders = new Map<string, number>();
  for (const m of mines) {
    const [latest] = await repo.latestPresence(deps.db, [m.id]);
    if (latest) {
      const asOf = new Date(latest.seen).getTime();
      const rows = await repo.underground(deps.db, m.id, new Date(asOf - staleMs));
      leaders.set(m.id, rows.filter((r) => r.p.isLeader === true).length);
    }
  }
  return mines.map((m) => {
    const own = heads.filter((h) => h.mine_id === m.id);
    const total = own.find((h) => h.area_code === '');
    const at = total ? new Date(total.at) : null;
    return {
      mineId: m.id,
      mineName: m.name,
      countyCode: m.countyCode,
      asOf: at?.toISOString() ?? null,
      stale: at ? now - at.getTime() > staleMs : true,
      total: total?.count ?? 0,
      leaders: leaders.get(m.id) ?? 0,
      areasOverQuota: own.filter((h) => h.area_code !== '' && h.quota !== null && h.count > h.quota)
        .length,
    };
  });
}

/** Each leader's descents in a month (China days with a descent begun) against the required days. */
export async function leaderDescents(
  deps: ServiceDeps,
  principal: Principal,
  mineId: string,
  month: string,
): Promise<z.infer<typeof CoalLeaderDescentsResponse>> {
  requirePermission(principal, CoalUploadPermission.Read);
  await loadVisibleMine(deps.db, principal, mineId);
  const required = await getSetting(deps.db, coalUploadSettings.leaderDescentDays);
  const { from, to } = monthRange(month);
  const rows = await repo.leaderDescents(deps.db, mineId, from, to);
  // A month without any positioning data is not judged; one still running only once it cannot be met.
  const judged = rows.length > 0 || (await repo.hasHeadcounts(deps.db, mineId, from, to));
  const daysLeft = Math.max(0, Math.ceil((to.getTime() - deps.clock().getTime()) / DAY_MS));
  const byCard = new Map<
    string,
    { name: string; title: string | null; dates: Set<string>; descents: number }
  >();
  for (const c of await repo.leaderCards(deps.db, mineId)) {
    byCard.set(c.cardCode, { name: c.name, title: c.title || null, dates: new Set(), descents: 0 });
  }
  for (const r of rows) {
    const e = byCard.get(r.card_code) ?? {
      name: r.name,
      title: r.title || null,
      dates: new Set<string>(),
      descents: 0,
    };
    e.dates.add(r.day);
    e.descents++;
    byCard.set(r.card_code, e);
  }
  return {
    month,
    requiredDays: required,
    judged,
    leaders: [...byCard].map(([cardCode, e]) => ({
      cardCode,
      name: e.name,
      title: e.title,
      days: e.dates.size,
      descents: e.descents,
      dates: [...e.dates].sort(),
      short: judged && e.dates.size + daysLeft < required,
    })),
  };
}

/**
 * The newest whole-mine 井下人数 of each mine that sends positioning data (no permission check: for a
 * caller that has already confined the mines to its jurisdiction, e.g. a warning's calls).
 */
export async function headcountsNow(
  deps: ServiceDeps,
  mineIds: string[],
): Promise<Map<string, { count: number; asOf: Date; stale: boolean }>> {
  const out = new Map<string, { count: number; asOf: Date; stale: boolean }>();
  if (mineIds.length === 0) {
    return out;
  }
  const staleMs =
    (await getSetting(deps.db, coalUploadSettings.positioningStaleMinutes)) * MINUTE_MS;
  const now = deps.clock().getTime();
  for (const h of await repo.latestHeadcounts(deps.db, mineIds)) {
    if (h.area_code === '') {
      const asOf = new Date(h.at);
      out.set(h.mine_id, { count: h.count, asOf, stale: now - asOf.getTime() > staleMs });
    }
  }
  return out;
}
