/**
 * @module SQL for the periodic inspections (monthly self-inspection reports and the parent company's
 * quarterly ones): the hazards a period counts, filing, the records and the mines that have not filed.
 */
import { and, count, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { HazardSource, SelfInspectionKind } from '../../../shared/hazard.enums.ts';
import type { MineStatus } from '../../../shared/registry.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import { enterprises } from '../registry/enterprise.table.ts';
import { mines } from '../registry/mine.table.ts';
import { regions } from '../registry/region.table.ts';
import { allOf, mineRegionCondition } from '../registry/registry.scope.ts';
import { hazards, selfInspectionReports } from './hazard.table.ts';

export type SelfInspectionReportRow = typeof selfInspectionReports.$inferSelect;

/** How many hazards found at the mine between two days (inclusive), from the given sources or all. */
export async function countHazardsFound(
  db: Db,
  f: { mineId: string; first: string; last: string; sources?: readonly HazardSource[] | undefined },
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(hazards)
    .where(
      and(
        eq(hazards.mineId, f.mineId),
        gte(hazards.foundOn, f.first),
        lte(hazards.foundOn, f.last),
        f.sources ? inArray(hazards.source, [...f.sources]) : undefined,
      ),
    );
  return row?.n ?? 0;
}

/** Inserts a report; undefined when the mine already filed for the kind and period. */
export async function insertReport(
  db: Db,
  values: typeof selfInspectionReports.$inferInsert,
): Promise<SelfInspectionReportRow | undefined> {
  const [row] = await db
    .insert(selfInspectionReports)
    .values(values)
    .onConflictDoNothing()
    .returning();
  return row;
}

export interface ReportFilter {
  /** The caller's jurisdiction over mines (mineScopeCondition). */
  mineScope: SQL | undefined;
  regionPrefix?: string | undefined;
  kind: SelfInspectionKind;
  period?: string | undefined;
}

/** Reports with their mine's name, newest period first, then by mine name. */
export async function listReports(db: Db, f: ReportFilter, limit: number) {
  return db
    .select({ report: selfInspectionReports, mineName: mines.name })
    .from(selfInspectionReports)
    .innerJoin(mines, eq(mines.id, selfInspectionReports.mineId))
    .where(
      allOf(
        f.mineScope,
        mineRegionCondition(f.regionPrefix),
        eq(selfInspectionReports.kind, f.kind),
        f.period ? eq(selfInspectionReports.period, f.period) : undefined,
      ),
    )
    .orderBy(sql`${selfInspectionReports.period} DESC`, mines.name)
    .limit(limit);
}

export interface MissingFilter {
  /** The caller's jurisdiction over mines (undefined for every mine: the escalation job). */
  mineScope?: SQL | undefined;
  regionPrefix?: string | undefined;
  kind: SelfInspectionKind;
  period: string;
  /** Only mines in these statuses must file. */
  statuses: MineStatus[];
  /** Only mines whose enterprise has a registered parent company (上级公司) must file. */
  parentCompanyOnly: boolean;
}

/** Mines that must file the kind of report for the period and have not, by name. */
export async function missingReports(db: Db, f: MissingFilter) {
  return db
    .select({
      mineId: mines.id,
      mineName: mines.name,
      countyName: regions.name,
      status: mines.status,
      enterpriseId: mines.enterpriseId,
      countyCode: mines.countyCode,
    })
    .from(mines)
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .where(
      allOf(
        f.mineScope,
        mineRegionCondition(f.regionPrefix),
        inArray(mines.status, f.statuses),
        sql`${mines.archivedAt} IS NULL`,
        f.parentCompanyOnly
          ? sql`EXISTS (SELECT 1 FROM ${enterprises} e WHERE e.id = ${mines.enterpriseId} AND e.parent_company IS NOT NULL AND e.parent_company <> '')`
          : undefined,
        sql`NOT EXISTS (SELECT 1 FROM ${selfInspectionReports} r WHERE r.mine_id = ${mines.id} AND r.kind = ${f.kind} AND r.period = ${f.period})`,
      ),
    )
    .orderBy(mines.name);
}

/** The mine a report was filed for, or undefined. */
export async function reportMineId(db: Db, id: string): Promise<string | undefined> {
  const [row] = await db
    .select({ mineId: selfInspectionReports.mineId })
    .from(selfInspectionReports)
    .where(eq(selfInspectionReports.id, id));
  return row?.mineId;
}
