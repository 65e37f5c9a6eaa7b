/**
 * @module SQL for regions (GB/T 2260): loading the national table, lookups by code and the rows under
 * a set of provinces.
 */
import { asc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { mines } from './mine.table.ts';
import { regions } from './region.table.ts';

export type RegionRow = typeof regions.$inferSelect;

/** Inserts the rows, or refreshes the name, level and parent of the codes already there. */
export async function upsertRegions(db: Db, rows: (typeof regions.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insert(regions)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: regions.code,
        set: {
          name: sql`excluded.name`,
          level: sql`excluded.level`,
          parentCode: sql`excluded.parent_code`,
        },
      });
  }
}

export async function findRegion(db: Db, code: string): Promise<RegionRow | undefined> {
  const [row] = await db.select().from(regions).where(eq(regions.code, code));
  return row;
}

/** The regions of the given codes (those that exist). */
export async function findRegions(db: Db, codes: string[]): Promise<RegionRow[]> {
  return db.select().from(regions).where(inArray(regions.code, codes));
}

/** The distinct counties of the mines a condition selects (mineScopeCondition). */
export async function countiesOfMines(db: Db, mineScope: SQL | undefined): Promise<string[]> {
  const rows = await db.selectDistinct({ code: mines.countyCode }).from(mines).where(mineScope);
  return rows.map((r) => r.code);
}

/**
 * Regions by code: the children of `parentCode`, or those whose code starts with one of
 * `codePrefixes` (none when empty), or all of them when neither is given.
 */
export async function listRegionRows(
  db: Db,
  f: { parentCode?: string | undefined; codePrefixes?: string[] | undefined },
): Promise<RegionRow[]> {
  const where = f.parentCode
    ? eq(regions.parentCode, f.parentCode)
    : f.codePrefixes
      ? or(sql`false`, ...f.codePrefixes.map((p) => like(regions.code, `${p}%`)))
      : undefined;
  return db.select().from(regions).where(where).orderBy(asc(regions.code));
}
