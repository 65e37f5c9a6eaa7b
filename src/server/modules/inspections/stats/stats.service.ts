/**
 * @module Enforcement statistics (issue 7 §5): per region one level below the one looked at, and per
 * month — inspections, the 四不两直 share and the announced ones, 交叉执法 (counted for the inspected region and
 * for the inspecting unit's), findings, penalties (count, amount), rechecks due and done
 * on time — with the period's 零处罚 / 只检查不处罚 flags for regions and inspectors, and the ranking of
 * the last month.
 */
import type {
  EnforcementStatsQuery,
  EnforcementStatsResponse,
} from '../../../../shared/inspection-stats.schemas.ts';
import { monthEnd, monthStart } from '../../../../shared/dates.ts';
import { ownRegion, subtreePrefix, type Principal } from '../../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../../platform/context.ts';
import { invalidField } from '../../../platform/errors.ts';
import { getSetting } from '../../../platform/settings/settings.service.ts';
import { allOf, mineInRegion, mineScopeCondition } from '../../registry/registry.scope.ts';
import { InspectionPermission } from '../inspections.permissions.ts';
import { inspectionsSettings } from '../inspections.settings.ts';
import * as repo from './stats.repository.ts';
import {
  addTotals,
  enforcementFlags,
  rankRegions,
  zeroTotals,
  type EnforcementTotals,
} from './stats.rules.ts';

/** The statistics of months `from`–`to` over the caller's jurisdiction (or a region inside it). */
export async function enforcementStats(
  deps: ServiceDeps,
  principal: Principal,
  q: EnforcementStatsQuery,
): Promise<EnforcementStatsResponse> {
  requirePermission(principal, InspectionPermission.Read);
  if (q.to < q.from) {
    throw invalidField('to', '结束月份不能早于开始月份', q.to);
  }
  const base = q.region ?? ownRegion(principal.scope);
  const from = monthStart(q.from);
  const to = monthEnd(q.to);
  const where = allOf(mineScopeCondition(principal.scope), mineInRegion(q.region));
  const group = repo.regionGroup(base);
  // A 交叉执法 inspection counts for the inspecting unit too, when that unit is in view (a regulator's
  // jurisdiction and the region asked for): 《2024年矿山安全生产工作要点》第41条 异地交叉执法.
  const scope = principal.scope;
  const unitPrefixes =
    scope.kind === 'all' || scope.kind === 'region'
      ? [
          ...(scope.kind === 'region' ? [scope.prefix] : []),
          ...(q.region ? [subtreePrefix(q.region)] : []),
        ]
      : null;
  const attribution = { base, mineCondition: where, unitPrefixes };
  const rows = await repo.monthlyTotals(deps.db, attribution, from, to);
  const names = await repo.groupNames(deps.db, group, where);
  const unnamed = [...new Set(rows.map((r) => r.code))].filter((c) => !names.has(c));
  for (const [code, name] of await repo.regionNames(deps.db, unnamed)) {
    names.set(code, name);
  }
  const rules = await getSetting(deps.db, inspectionsSettings.enforcementFlags);
  // Every region in view is listed, one without an inspection in the period with its zeros: a
  // city that did nothing is the one to see, not one to drop.
  const byRegion = new Map<string, EnforcementTotals>(
    [...names.keys()].sort().map((code) => [code, zeroTotals]),
  );
  for (const r of rows) {
    byRegion.set(r.code, addTotals(byRegion.get(r.code) ?? zeroTotals, r));
  }
  const regions = [...byRegion].map(([code, t]) => ({
    code,
    name: names.get(code) ?? code,
    ...t,
    flags: enforcementFlags(t, rules),
  }));
  const lastMonth = q.to;
  const ranking = rankRegions(
    [...names.keys()].map((code) => ({
      code,
      name: names.get(code) ?? code,
      ...(rows.find((r) => r.code === code && r.month === lastMonth) ?? zeroTotals),
    })),
  ).map(({ code, name, rank, inspections, findings, penalties, penaltyYuan, unannounced }) => ({
    code,
    name,
    rank,
    inspections,
    unannounced,
    findings,
    penalties,
    penaltyYuan,
  }));
  const inspectors = await repo.inspectorTotals(deps.db, attribution, from, to);
  return {
    from: q.from,
    to: q.to,
    months: rows.map((r) => ({ ...r, name: names.get(r.code) ?? r.code })),
    regions,
    ranking: { month: lastMonth, rows: ranking },
    inspectors: inspectors.map((t) => ({ ...t, flags: enforcementFlags(t, rules) })),
    rules,
  };
}
