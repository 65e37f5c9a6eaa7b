/**
 * @module All SQL of meters (表号 → mine, factor, area) and registered underground areas: lists,
 * inserts (one, or many for the demo seed), the archive and area updates, and the meters an import
 * names.
 */
import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { mines } from '../registry/mine.table.ts';
import { mineAreas, mineMeters } from './leads.table.ts';

export type MeterRow = typeof mineMeters.$inferSelect;
export type AreaRow = typeof mineAreas.$inferSelect;

/** A mine's meters in use, by code. */
export async function liveMetersOf(db: Db, mineId: string): Promise<MeterRow[]> {
  return db
    .select()
    .from(mineMeters)
    .where(and(eq(mineMeters.mineId, mineId), isNull(mineMeters.archivedAt)))
    .orderBy(asc(mineMeters.code));
}

/** Inserts one meter; a taken code fails with the unique violation (23505). */
export async function insertMeter(db: Db, values: typeof mineMeters.$inferInsert) {
  return db.insert(mineMeters).values(values).returning();
}

/** Inserts meters in one statement (the demo seed). */
export async function insertMeters(db: Db, values: (typeof mineMeters.$inferInsert)[]) {
  if (values.length) {
    await db.insert(mineMeters).values(values);
  }
}

export async function archiveMeterRow(db: Db, id: string, at: Date) {
  await db.update(mineMeters).set({ archivedAt: at }).where(eq(mineMeters.id, id));
}

/**
 * The meters in use with the given codes on mines meeting `mineScope` (the caller's jurisdiction):
 * the ones an import may write to.
 */
export async function liveMetersByCode(
  db: Db,
  codes: string[],
  mineScope: SQL | undefined,
): Promise<MeterRow[]> {
  if (codes.length === 0) {
    return [];
  }
  const rows = await db
    .select({ m: mineMeters })
    .from(mineMeters)
    .innerJoin(mines, eq(mines.id, mineMeters.mineId))
    .where(and(inArray(mineMeters.code, codes), isNull(mineMeters.archivedAt), mineScope));
  return rows.map((r) => r.m);
}

/** A mine's registered areas, by name. */
export async function areasOf(db: Db, mineId: string): Promise<AreaRow[]> {
  return db
    .select()
    .from(mineAreas)
    .where(eq(mineAreas.mineId, mineId))
    .orderBy(asc(mineAreas.name));
}

/** The name and state of each of a mine's registered areas (the frame). */
export async function areaStatesOf(db: Db, mineId: string) {
  return db
    .select({ name: mineAreas.name, state: mineAreas.state })
    .from(mineAreas)
    .where(eq(mineAreas.mineId, mineId));
}

/** Inserts one area; a taken name fails with the unique violation (23505). */
export async function insertArea(db: Db, values: typeof mineAreas.$inferInsert) {
  return db.insert(mineAreas).values(values).returning();
}

/** Inserts areas in one statement (the demo seed). */
export async function insertAreas(db: Db, values: (typeof mineAreas.$inferInsert)[]) {
  if (values.length) {
    await db.insert(mineAreas).values(values);
  }
}

/** Writes the given columns of one area; returns the row, or undefined when there is none. */
export async function updateAreaRow(
  db: Db,
  id: string,
  set: Partial<typeof mineAreas.$inferInsert>,
): Promise<AreaRow | undefined> {
  const [row] = await db.update(mineAreas).set(set).where(eq(mineAreas.id, id)).returning();
  return row;
}
