/** @module SQL of the yearly inspection schedules and their planned visits. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { mines } from '../../registry/mine.table.ts';
import { regions } from '../../registry/region.table.ts';
import { inspectionScheduleVisits, inspectionSchedules } from './schedule.table.ts';

/** A unit's schedule of a year, if it has one. */
export async function findScheduleOf(db: Db, organisationId: string, year: number) {
  const [row] = await db
    .select()
    .from(inspectionSchedules)
    .where(
      and(
        eq(inspectionSchedules.organisationId, organisationId),
        eq(inspectionSchedules.year, year),
      ),
    );
  return row;
}

/** One stored schedule by id (jurisdiction is the caller's check). */
export async function findSchedule(db: Db, id: string) {
  const [row] = await db.select().from(inspectionSchedules).where(eq(inspectionSchedules.id, id));
  return row;
}
export type ScheduleRow = NonNullable<Awaited<ReturnType<typeof findSchedule>>>;

/** Stores a schedule; answers its id. */
export async function insertSchedule(db: Db, values: typeof inspectionSchedules.$inferInsert) {
  const [row] = await db
    .insert(inspectionSchedules)
    .values(values)
    .returning({ id: inspectionSchedules.id });
  return row?.id ?? '';
}

/** Changes a stored schedule. */
export async function updateSchedule(
  db: Db,
  id: string,
  set: Partial<typeof inspectionSchedules.$inferInsert>,
) {
  await db.update(inspectionSchedules).set(set).where(eq(inspectionSchedules.id, id));
}

/** Deletes the visits of a schedule not yet made (those linked to an inspection stay). */
export async function deleteUnmadeVisits(db: Db, scheduleId: string) {
  await db
    .delete(inspectionScheduleVisits)
    .where(
      and(
        eq(inspectionScheduleVisits.scheduleId, scheduleId),
        isNull(inspectionScheduleVisits.inspectionId),
      ),
    );
}

/** Inserts visits in batches of 500. */
export async function insertVisits(
  db: Db,
  visits: readonly (typeof inspectionScheduleVisits.$inferInsert)[],
) {
  for (let i = 0; i < visits.length; i += 500) {
    await db.insert(inspectionScheduleVisits).values(visits.slice(i, i + 500));
  }
}

/** Every stored schedule (of a year) with its region's name, by year and region. */
export async function listSchedules(db: Db, year: number | undefined) {
  return db
    .select({
      id: inspectionSchedules.id,
      regionCode: inspectionSchedules.regionCode,
      regionName: regions.name,
      year: inspectionSchedules.year,
      createdAt: inspectionSchedules.createdAt,
      organisationId: inspectionSchedules.organisationId,
    })
    .from(inspectionSchedules)
    .innerJoin(regions, eq(regions.code, inspectionSchedules.regionCode))
    .where(year ? eq(inspectionSchedules.year, year) : undefined)
    .orderBy(asc(inspectionSchedules.year), asc(inspectionSchedules.regionCode));
}
export type ScheduleListRow = Awaited<ReturnType<typeof listSchedules>>[number];

/** A schedule's visits with the mine's name, by date. */
export async function visitsOf(db: Db, scheduleId: string) {
  return db
    .select({
      id: inspectionScheduleVisits.id,
      mineId: inspectionScheduleVisits.mineId,
      mineName: mines.name,
      month: inspectionScheduleVisits.month,
      plannedOn: inspectionScheduleVisits.plannedOn,
      inspectionId: inspectionScheduleVisits.inspectionId,
    })
    .from(inspectionScheduleVisits)
    .innerJoin(mines, eq(mines.id, inspectionScheduleVisits.mineId))
    .where(eq(inspectionScheduleVisits.scheduleId, scheduleId))
    .orderBy(asc(inspectionScheduleVisits.plannedOn), asc(mines.name));
}
export type ScheduleVisitRow = Awaited<ReturnType<typeof visitsOf>>[number];

/** One planned visit. */
export async function findVisit(db: Db, id: string) {
  const [row] = await db
    .select()
    .from(inspectionScheduleVisits)
    .where(eq(inspectionScheduleVisits.id, id));
  return row;
}

/** Records that an inspection made a planned visit. */
export async function linkVisit(db: Db, visitId: string, inspectionId: string) {
  await db
    .update(inspectionScheduleVisits)
    .set({ inspectionId })
    .where(eq(inspectionScheduleVisits.id, visitId));
}
