/**
 * @module SQL of the enforcement statistics: tallies per region (one level below a base region) and
 * month, the regions' names, and tallies per inspector of the team. A 交叉执法 inspection counts for the
 * inspected mine's region and for the inspecting unit's.
 */
import { sql, type SQL } from 'drizzle-orm';
import { subtreePrefix } from '../../../platform/auth/scope.ts';
import { queryRows, type Db } from '../../../platform/db/client.ts';
import type { EnforcementTotals } from './stats.rules.ts';

/**
 * The SQL for the code of the region one level below `base` that holds a region code (`column`: by
 * default the mine's county).
 */
export function regionGroup(base: string | undefined, column: SQL = sql`mines.county_code`): SQL {
  const prefix = base ? subtreePrefix(base) : '';
  if (prefix.length === 0) {
    return sql`substr(${column}, 1, 2) || '0000'`;
  }
  if (prefix.length === 2) {
    return sql`substr(${column}, 1, 4) || '00'`;
  }
  return column;
}

/** A condition on `mines`, or none: every mine. */
const orAll = (where: SQL | undefined) => where ?? sql`TRUE`;

/** A tally of one region (`code`) in one month ('YYYY-MM'). */
export interface MonthTotals extends EnforcementTotals {
  code: string;
  month: string;
}

/** Which inspections count for which region groups. */
export interface Attribution {
  /** The region base the groups are one level below. */
  base: string | undefined;
  /** A condition on `mines`: the inspected mines in view (none = all). */
  mineCondition: SQL | undefined;
  /**
   * The region prefixes an inspecting unit must lie under for its 交叉执法 inspections to count for it too
   * (all of them; [] = any unit); null: they count for the inspected mine's region only.
   */
  unitPrefixes: readonly string[] | null;
}

/**
 * The inspections in view with the region groups they count for: the inspected mine's, and — for an
 * inspection made under a 异地交叉执法 arrangement — also the inspecting unit's (《2024年矿山安全生产工作要点》第41条;
 * its records count for both units). As SQL rows (inspection_id, code).
 */
function attributed(a: Attribution): SQL {
  const byMine = sql`SELECT i.id AS inspection_id, ${regionGroup(a.base)} AS code
    FROM inspections i JOIN mines ON mines.id = i.mine_id WHERE ${orAll(a.mineCondition)}`;
  if (a.unitPrefixes === null) {
    return byMine;
  }
  const inUnits = a.unitPrefixes.length
    ? sql.join(
        a.unitPrefixes.map((p) => sql`o.region_code LIKE ${`${p}%`}`),
        sql` AND `,
      )
    : sql`TRUE`;
  return sql`${byMine}
    UNION
    SELECT i.id, ${regionGroup(a.base, sql`o.region_code`)}
      FROM inspections i JOIN organisations o ON o.id = i.organisation_id
     WHERE i.cross_arrangement_id IS NOT NULL AND o.region_code IS NOT NULL AND ${inUnits}`;
}

/**
 * Per region group and month, between two dates, over the attributed inspections: inspections, the
 * 四不两直 and the announced ones, the 交叉执法 ones, and their findings by inspection date; live penalties
 * and their amount by decision date; rechecks due and done on time by due date.
 */
export async function monthlyTotals(db: Db, a: Attribution, from: string, to: string) {
  return queryRows<MonthTotals>(
    db,
    sql`WITH att AS (${attributed(a)}),
        ins AS (
          SELECT att.code, to_char(i.inspected_on, 'YYYY-MM') AS month, count(*)::int AS inspections,
                 count(*) FILTER (WHERE i.announced_reason IS NULL)::int AS unannounced,
                 count(*) FILTER (WHERE i.announced_reason IS NOT NULL)::int AS announced,
                 count(*) FILTER (WHERE i.cross_arrangement_id IS NOT NULL)::int AS cross_count,
                 coalesce(sum((SELECT count(*) FROM inspection_findings f WHERE f.inspection_id = i.id)), 0)::int AS findings
            FROM att JOIN inspections i ON i.id = att.inspection_id
           WHERE i.inspected_on BETWEEN ${from}::date AND ${to}::date
           GROUP BY 1, 2),
        pen AS (
          SELECT att.code, to_char(p.decided_on, 'YYYY-MM') AS month, count(*)::int AS penalties,
                 coalesce(sum(p.amount_yuan), 0)::float8 AS penalty_yuan
            FROM penalties p JOIN att ON att.inspection_id = p.inspection_id
           WHERE p.status <> '已撤销' AND p.decided_on BETWEEN ${from}::date AND ${to}::date
           GROUP BY 1, 2),
        rec AS (
          SELECT att.code, to_char(i.recheck_on, 'YYYY-MM') AS month, count(*)::int AS rechecks_due,
                 count(*) FILTER (WHERE i.rechecked_on <= i.recheck_on)::int AS rechecks_on_time
            FROM att JOIN inspections i ON i.id = att.inspection_id
           WHERE i.recheck_on BETWEEN ${from}::date AND ${to}::date
           GROUP BY 1, 2),
        keys AS (SELECT code, month FROM ins UNION SELECT code, month FROM pen UNION SELECT code, month FROM rec)
        SELECT k.code, k.month, coalesce(ins.inspections, 0) AS inspections, coalesce(ins.unannounced, 0) AS unannounced,
               coalesce(ins.announced, 0) AS announced, coalesce(ins.cross_count, 0) AS "crossInspections",
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

/** The names of regions by code (those an inspecting unit's 交叉执法 counts for). */
export async function regionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) {
    return new Map();
  }
  const rows = await queryRows<{ code: string; name: string }>(
    db,
    sql`SELECT code, name FROM regions WHERE code IN (${sql.join(
      codes.map((c) => sql`${c}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Per member of the inspection teams, between two dates, over the attributed inspections (each once). */
export async function inspectorTotals(db: Db, a: Attribution, from: string, to: string) {
  return queryRows<EnforcementTotals & { userId: string; name: string }>(
    db,
    sql`WITH att AS (SELECT DISTINCT inspection_id FROM (${attributed(a)}) x)
        SELECT u.id AS "userId", u.display_name AS name, count(*)::int AS inspections,
               count(*) FILTER (WHERE i.announced_reason IS NULL)::int AS unannounced,
               count(*) FILTER (WHERE i.announced_reason IS NOT NULL)::int AS announced,
               count(*) FILTER (WHERE i.cross_arrangement_id IS NOT NULL)::int AS "crossInspections",
               coalesce(sum((SELECT count(*) FROM inspection_findings f WHERE f.inspection_id = i.id)), 0)::int AS findings,
               coalesce(sum((SELECT count(*) FROM penalties p WHERE p.inspection_id = i.id AND p.status <> '已撤销')), 0)::int AS penalties,
               coalesce(sum((SELECT sum(p.amount_yuan) FROM penalties p WHERE p.inspection_id = i.id AND p.status <> '已撤销')), 0)::float8 AS "penaltyYuan",
               count(i.recheck_on)::int AS "rechecksDue",
               count(*) FILTER (WHERE i.rechecked_on <= i.recheck_on)::int AS "rechecksOnTime"
          FROM att JOIN inspections i ON i.id = att.inspection_id
          CROSS JOIN LATERAL unnest(i.team_user_ids) AS t(user_id)
          JOIN users u ON u.id = t.user_id
         WHERE i.inspected_on BETWEEN ${from}::date AND ${to}::date
         GROUP BY u.id, u.display_name
         ORDER BY u.display_name`,
  );
}
