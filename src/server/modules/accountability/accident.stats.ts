/**
 * @module Accident statistics (issue 9 §2): per year, per kind and per region below the selected one —
 * accidents, deaths, serious injuries and direct loss, and the count per grade — over the mines the
 * caller may see. Years are Beijing calendar years.
 */
import { sql } from 'drizzle-orm';
import { ownRegion, subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { queryRows } from '../../platform/db/client.ts';
import { invalidField } from '../../platform/errors.ts';
import { allOf, mineInRegion, mineScopeCondition } from '../registry/registry.scope.ts';
import { AccountabilityPermission } from './accountability.permissions.ts';

interface Tally {
  key: string;
  accidents: number;
  deaths: number;
  injuries: number;
  lossYuan: number;
}

export async function accidentStats(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined; fromYear: number; toYear: number },
) {
  requirePermission(principal, AccountabilityPermission.AccidentRead);
  if (q.toYear < q.fromYear) {
    throw invalidField('toYear', '结束年份不能早于起始年份', q.toYear);
  }
  const where = allOf(mineScopeCondition(principal.scope), mineInRegion(q.region)) ?? sql`TRUE`;
  const year = sql`extract(year from (a.occurred_at AT TIME ZONE 'UTC') + interval '8 hours')::int`;
  // The level below the selected region: a province's cities, a city's counties, else counties.
  const region = q.region ?? ownRegion(principal.scope);
  const prefixLength = region ? Math.min(6, subtreePrefix(region).length + 2) : 2;
  const child = sql`rpad(substr(mines.county_code, 1, ${prefixLength}), 6, '0')`;
  const tally = async (key: ReturnType<typeof sql>) =>
    (
      await queryRows<Tally>(
        deps.db,
        sql`SELECT ${key} AS key, count(*)::int AS accidents, coalesce(sum(a.deaths), 0)::int AS deaths,
              coalesce(sum(a.serious_injuries), 0)::int AS injuries, coalesce(sum(a.direct_loss_yuan), 0)::float AS "lossYuan"
            FROM accidents a JOIN mines ON mines.id = a.mine_id
           WHERE ${where} AND ${year} BETWEEN ${q.fromYear} AND ${q.toYear}
           GROUP BY 1 ORDER BY 1`,
      )
    ).map((r) => ({ ...r, key: String(r.key) }));
  const grades = await queryRows<{ key: string; n: number }>(
    deps.db,
    sql`SELECT a.grade AS key, count(*)::int AS n FROM accidents a JOIN mines ON mines.id = a.mine_id
         WHERE ${where} AND ${year} BETWEEN ${q.fromYear} AND ${q.toYear} GROUP BY 1 ORDER BY 1`,
  );
  const byRegion = await queryRows<Tally & { name: string | null }>(
    deps.db,
    sql`SELECT t.*, r.name FROM (
          SELECT ${child} AS key, count(*)::int AS accidents, coalesce(sum(a.deaths), 0)::int AS deaths,
                 coalesce(sum(a.serious_injuries), 0)::int AS injuries, coalesce(sum(a.direct_loss_yuan), 0)::float AS "lossYuan"
            FROM accidents a JOIN mines ON mines.id = a.mine_id
           WHERE ${where} AND ${year} BETWEEN ${q.fromYear} AND ${q.toYear} GROUP BY 1) t
        LEFT JOIN regions r ON r.code = t.key ORDER BY t.deaths DESC, t.accidents DESC, t.key`,
  );
  return {
    fromYear: q.fromYear,
    toYear: q.toYear,
    byYear: await tally(year),
    byKind: await tally(sql`a.kind`),
    byRegion: byRegion.map((r) => ({ ...r, name: r.name ?? r.key })),
    byGrade: grades.map((g) => ({ grade: g.key, accidents: Number(g.n) })),
  };
}
