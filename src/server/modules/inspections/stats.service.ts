/**
 * @module Enforcement statistics (issue 7 §5): per region one level below the one looked at, and per
 * month — inspections, the 四不两直 share, findings, penalties (count, amount), rechecks due and done
 * on time — with the period's 零处罚 / 只检查不处罚 flags for regions and inspectors, the ranking of the
 * last month, and the typical cases (典型案例) export.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { StatsQuery } from '../../../shared/inspections.schemas.ts';
import { ownRegion, subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { queryRows } from '../../platform/db/client.ts';
import { invalidField } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { writeTable } from '../../platform/tabular/write-table.ts';
import { allOf, mineInRegion, mineScopeCondition } from '../registry/registry.scope.ts';
import { listInspections } from './inspection.service.ts';
import {
  addTotals,
  enforcementFlags,
  rankRegions,
  zeroTotals,
  type EnforcementTotals,
} from './stats.rules.ts';
import { inspectionsSettings } from './inspections.settings.ts';
import { InspectionPermission } from './inspections.permissions.ts';

/** The SQL for the code of the region one level below `base` that holds a mine's county. */
function groupExpr(base: string | undefined): SQL {
  const prefix = base ? subtreePrefix(base) : '';
  if (prefix.length === 0) {
    return sql`substr(mines.county_code, 1, 2) || '0000'`;
  }
  if (prefix.length === 2) {
    return sql`substr(mines.county_code, 1, 4) || '00'`;
  }
  return sql`mines.county_code`;
}

interface MonthRow extends EnforcementTotals {
  code: string;
  month: string;
}

function monthEnd(month: string): string {
  const [y = 0, m = 1] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export async function enforcementStats(deps: ServiceDeps, principal: Principal, q: StatsQuery) {
  requirePermission(principal, InspectionPermission.Read);
  if (q.to < q.from) {
    throw invalidField('to', '结束月份不能早于开始月份', q.to);
  }
  const base = q.region ?? ownRegion(principal.scope);
  const from = `${q.from}-01`;
  const to = monthEnd(q.to);
  const where = allOf(mineScopeCondition(principal.scope), mineInRegion(q.region)) ?? sql`TRUE`;
  const g = groupExpr(base);
  const rows = await queryRows<MonthRow>(
    deps.db,
    sql`WITH ins AS (
          SELECT ${g} AS code, to_char(i.inspected_on, 'YYYY-MM') AS month, count(*)::int AS inspections,
                 count(*) FILTER (WHERE i.kind = '四不两直')::int AS unannounced,
                 coalesce(sum((SELECT count(*) FROM inspection_findings f WHERE f.inspection_id = i.id)), 0)::int AS findings
            FROM inspections i JOIN mines ON mines.id = i.mine_id
           WHERE i.inspected_on BETWEEN ${from}::date AND ${to}::date AND ${where}
           GROUP BY 1, 2),
        pen AS (
          SELECT ${g} AS code, to_char(p.decided_on, 'YYYY-MM') AS month, count(*)::int AS penalties,
                 coalesce(sum(p.amount_yuan), 0)::float8 AS penalty_yuan
            FROM penalties p JOIN mines ON mines.id = p.mine_id
           WHERE p.status <> '已撤销' AND p.decided_on BETWEEN ${from}::date AND ${to}::date AND ${where}
           GROUP BY 1, 2),
        rec AS (
          SELECT ${g} AS code, to_char(i.recheck_on, 'YYYY-MM') AS month, count(*)::int AS rechecks_due,
                 count(*) FILTER (WHERE i.rechecked_on <= i.recheck_on)::int AS rechecks_on_time
            FROM inspections i JOIN mines ON mines.id = i.mine_id
           WHERE i.recheck_on BETWEEN ${from}::date AND ${to}::date AND ${where}
           GROUP BY 1, 2),
        keys AS (SELECT code, month FROM ins UNION SELECT code, month FROM pen UNION SELECT code, month FROM rec)
        SELECT k.code, k.month, coalesce(ins.inspections, 0) AS inspections, coalesce(ins.unannounced, 0) AS unannounced,
               coalesce(ins.findings, 0) AS findings, coalesce(pen.penalties, 0) AS penalties,
               coalesce(pen.penalty_yuan, 0) AS "penaltyYuan", coalesce(rec.rechecks_due, 0) AS "rechecksDue",
               coalesce(rec.rechecks_on_time, 0) AS "rechecksOnTime"
          FROM keys k
          LEFT JOIN ins USING (code, month) LEFT JOIN pen USING (code, month) LEFT JOIN rec USING (code, month)
         ORDER BY k.month, k.code`,
  );
  const names = new Map(
    (
      await queryRows<{ code: string; name: string }>(
        deps.db,
        sql`SELECT code, name FROM regions WHERE code IN (SELECT DISTINCT ${g} FROM mines WHERE ${where})`,
      )
    ).map((r) => [r.code, r.name]),
  );
  const rules = await getSetting(deps.db, inspectionsSettings.enforcementFlags);
  const byRegion = new Map<string, EnforcementTotals>();
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
  const inspectors = await inspectorTotals(deps, where, from, to);
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

async function inspectorTotals(deps: ServiceDeps, where: SQL, from: string, to: string) {
  return queryRows<EnforcementTotals & { userId: string; name: string }>(
    deps.db,
    sql`SELECT u.id AS "userId", u.display_name AS name, count(*)::int AS inspections,
               count(*) FILTER (WHERE i.kind = '四不两直')::int AS unannounced,
               coalesce(sum((SELECT count(*) FROM inspection_findings f WHERE f.inspection_id = i.id)), 0)::int AS findings,
               coalesce(sum((SELECT count(*) FROM penalties p WHERE p.inspection_id = i.id AND p.status <> '已撤销')), 0)::int AS penalties,
               coalesce(sum((SELECT sum(p.amount_yuan) FROM penalties p WHERE p.inspection_id = i.id AND p.status <> '已撤销')), 0)::float8 AS "penaltyYuan",
               count(i.recheck_on)::int AS "rechecksDue",
               count(*) FILTER (WHERE i.rechecked_on <= i.recheck_on)::int AS "rechecksOnTime"
          FROM inspections i JOIN mines ON mines.id = i.mine_id
          CROSS JOIN LATERAL unnest(i.team_user_ids) AS t(user_id)
          JOIN users u ON u.id = t.user_id
         WHERE i.inspected_on BETWEEN ${from}::date AND ${to}::date AND ${where}
         GROUP BY u.id, u.display_name
         ORDER BY u.display_name`,
  );
}

/** 典型案例 marked in the caller's jurisdiction, as a table to send upward. */
export async function exportTypicalCases(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined; format: 'csv' | 'xlsx' },
) {
  const { items } = await listInspections(deps, principal, { region: q.region, typical: true });
  type Row = (typeof items)[number];
  const col = (header: string, value: (r: Row) => string | number | null) => ({ header, value });
  return writeTable(
    items,
    [
      col('检查日期', (r) => r.inspectedOn),
      col('矿山', (r) => r.mineName),
      col('县区代码', (r) => r.countyCode),
      col('检查方式', (r) => r.kind),
      col('执法人员', (r) => r.team.join('、')),
      col('发现问题数', (r) => r.findings),
      col('处罚数', (r) => r.penalties),
      col('典型案例说明', (r) => r.typicalNote),
    ],
    q.format,
    '典型案例',
  );
}
