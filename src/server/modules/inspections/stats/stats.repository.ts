/**
 * @module SQL of the enforcement statistics: tallies per region (one level below a base region) and
 * month, the regions' names, and tallies per inspector of the team.
 */
import { sql, type SQL } from 'drizzle-orm';
import { subtreePrefix } from '../../../platform/auth/scope.ts';
import { queryRows, type Db } from '../../../platform/db/client.ts';
import type { EnforcementTotals } from './stats.rules.ts';

/** The SQL for the code of the region one level below `base` that holds a mine's county. */
export function regionGroup(base: string | undefined): SQL {
  const prefix = base ? subtreePrefix(base) : '';
  if (prefix.length === 0) {
    return sql`substr(mines.county_code, 1, 2) || '0000'`;
  }
  if (prefix.length === 2) {
    return sql`substr(mines.county_code, 1, 4) || '00'`;
  }
  return sql`mines.county_code`;
}

/** A condition on `mines`, or none: every mine. */
const orAll = (where: SQL | undefined) => where ?? sql`TRUE`;

/** A tally of one region (`code`) in one month ('YYYY-MM'). */
export interface MonthTotals extends EnforcementTotals {
  code: string;
  month: string;
}

/**
 * Per region (`group`) and month, between two dates, over the mines matching `mineCondition` (none = all): inspections, the
 * 四不两直 ones and their findings by inspection date; live penalties and their amount by decision
 * date; rechecks due and done on time by due date.
 */
export async function monthlyTotals(
  db: Db,
  group: SQL,
  mineCondition: SQL | undefined,
  from: string,
  to: string,
) {
  const where = orAll(mineCondition);
  return queryRows<MonthTotals>(
    db,
    sql`WITH ins AS (
          SELECT ${group} AS code, to_char(i.inspected_on, 'YYYY-MM') AS month, count(*)::int AS inspections,
                 count(*) FILTER (WHERE i.announced_reason IS NULL)::int AS unannounced,
                 count(*) FILTER (WHERE i.announced_reason IS NOT NULL)::int AS announced,
                 coalesce(sum((SELECT count(*) FROM inspection_findings f WHERE f.inspection_id = i.id)), 0)::int AS findings
            FROM inspections i JOIN mines ON mines.id = i.mine_id
           WHERE i.inspected_on BETWEEN ${from}::date AND ${to}::date AND ${where}
           GROUP BY 1, 2),
        pen AS (
          SELECT ${group} AS code, to_char(p.decided_on, 'YYYY-MM') AS month, count(*)::int AS penalties,
                 coalesce(sum(p.amount_yuan), 0)::float8 AS penalty_yuan
            FROM penalties p JOIN mines ON mines.id = p.mine_id
           WHERE p.status <> '已撤销' AND p.decided_on BETWEEN ${from}::date AND ${to}::date AND ${where}
           GROUP BY 1, 2),
        rec AS (
          SELECT ${group} AS code, to_char(i.recheck_on, 'YYYY-MM') AS month, count(*)::int AS rechecks_due,
                 count(*) FILTER (WHERE i.rechecked_on <= i.recheck_on)::int AS rechecks_on_time
            FROM inspections i JOIN mines ON mines.id = i.mine_id
           WHERE i.recheck_on BETWEEN ${from}::date AND ${to}::date AND ${where}
           GROUP BY 1, 2),
        keys AS (SELECT code, month FROM ins UNION SELECT code, month FROM pen UNION SELECT code, month FROM rec)
        SELECT k.code, k.month, coalesce(ins.inspections, 0) AS inspections, coalesce(ins.unannounced, 0) AS unannounced,
               coalesce(ins.announced, 0) AS announced,
               coalesce(ins.findings, 0) AS findings, coalesce(pen.penalties, 0) AS penalties,
               coalesce(pen.penalty_yuan, 0) AS "penaltyYuan", coalesce(rec.rechecks_due, 0) AS "rechecksDue",
               coalesce(rec.rechecks_on_time, 0) AS "rechecksOnTime"
          FROM keys k
          LEFT JOIN ins USING (code, month) LEFT JOIN pen USING (code, month) LEFT JOIN rec USING (code, month)
         ORDER BY k.month, k.code`,
  );
}

/** The names of the regions (`group`) that hold a mine matching `mineCondition`, by code. */
export async function groupNames(
  db: Db,
  group: SQL,
  mineCondition: SQL | undefined,
): Promise<Map<string, string>> {
  const where = orAll(mineCondition);
  const rows = await queryRows<{ code: string; name: string }>(
    db,
    sql`SELECT code, name FROM regions WHERE code IN (SELECT DISTINCT ${group} FROM mines WHERE ${where})`,
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Per member of the inspection teams, between two dates, over the mines matching `mineCondition` (none = all). */
export async function inspectorTotals(
  db: Db,
  mineCondition: SQL | undefined,
  from: string,
  to: string,
) {
  const where = orAll(mineCondition);
  return queryRows<EnforcementTotals & { userId: string; name: string }>(
    db,
    sql`SELECT u.id AS "userId", u.display_name AS name, count(*)::int AS inspections,
               count(*) FILTER (WHERE i.announced_reason IS NULL)::int AS unannounced,
                 count(*) FILTER (WHERE i.announced_reason IS NOT NULL)::int AS announced,
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
