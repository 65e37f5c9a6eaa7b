/**
 * @module The SQL of the regional risk grading (issue 8 §4): the regions graded under a region, the
 * grades kept for finished months, and the counties that have mines.
 */
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { queryRows } from '../../platform/db/client.ts';
import { regions } from '../registry/region.table.ts';
import { regionalRiskGrades } from './plan.table.ts';

export type RegionalGradeRow = typeof regionalRiskGrades.$inferSelect;

/** The regions graded under `parent` (its children; a county grades itself; null: the provinces). */
export async function gradedRegions(db: Db, parent: string | null) {
  const children = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(parent === null ? isNull(regions.parentCode) : eq(regions.parentCode, parent))
    .orderBy(asc(regions.code));
  if (children.length > 0 || parent === null) {
    return children;
  }
  return db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(eq(regions.code, parent));
}

/** The grades kept for a month of the listed regions. */
export function storedGrades(db: Db, month: string, codes: string[]): Promise<RegionalGradeRow[]> {
  if (codes.length === 0) {
    return Promise.resolve([]);
  }
  return db
    .select()
    .from(regionalRiskGrades)
    .where(and(eq(regionalRiskGrades.month, month), inArray(regionalRiskGrades.regionCode, codes)));
}

/** Whether any grade of the month is kept. */
export async function monthGraded(db: Db, month: string): Promise<boolean> {
  const [done] = await db
    .select({ n: count() })
    .from(regionalRiskGrades)
    .where(eq(regionalRiskGrades.month, month));
  return (done?.n ?? 0) > 0;
}

/** The counties with at least one mine in the registry. */
export async function countiesWithMines(db: Db): Promise<string[]> {
  const rows = await queryRows<{ county_code: string }>(
    db,
    sql`SELECT DISTINCT county_code FROM mines WHERE archived_at IS NULL`,
  );
  return rows.map((r) => r.county_code);
}

/** Keeps a month's grades (a grade already kept stays as it was). */
export async function insertGrades(db: Db, rows: (typeof regionalRiskGrades.$inferInsert)[]) {
  if (rows.length) {
    await db.insert(regionalRiskGrades).values(rows).onConflictDoNothing();
  }
}

/** A condition on `mines` that every mine meets (the grading scores them all, then splits by region). */
export const everyMine = sql`TRUE`;
