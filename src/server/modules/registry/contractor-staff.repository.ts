/**
 * @module SQL for contractors' project staff (承包单位项目部人员).
 */
import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { contractorStaff } from './contractor-staff.table.ts';
import { contractors } from './contractor.table.ts';
import { mines } from './mine.table.ts';
import { mineRegionCondition } from './registry.scope.ts';

/** The entity's select with its joins (visibleByMine / visibleEnterprise take it). */
export function selectStaff(db: Db) {
  return db
    .select({
      staff: contractorStaff,
      contractorName: contractors.name,
      mineId: contractors.mineId,
      mineName: mines.name,
    })
    .from(contractorStaff)
    .innerJoin(contractors, eq(contractors.id, contractorStaff.contractorId))
    .innerJoin(mines, eq(mines.id, contractors.mineId));
}
export type StaffJoinedRow = Awaited<ReturnType<ReturnType<typeof selectStaff>['execute']>>[number];

export async function findStaff(db: Db, id: string, mineScope: SQL | undefined) {
  const [row] = await selectStaff(db).where(and(eq(contractorStaff.id, id), mineScope));
  return row;
}

export interface StaffFilter {
  mineScope: SQL | undefined;
  regionPrefix?: string | undefined;
  mineId?: string | undefined;
  contractorId?: string | undefined;
  includeArchived?: boolean | undefined;
}

function filterCondition(f: StaffFilter) {
  return and(
    f.mineScope,
    mineRegionCondition(f.regionPrefix),
    f.mineId ? eq(contractors.mineId, f.mineId) : undefined,
    f.contractorId ? eq(contractorStaff.contractorId, f.contractorId) : undefined,
    f.includeArchived ? undefined : isNull(contractorStaff.archivedAt),
  );
}

export async function listStaff(
  db: Db,
  f: StaffFilter,
  page: { limit: number; after?: [string, string] | undefined },
) {
  return selectStaff(db)
    .where(
      and(
        filterCondition(f),
        page.after
          ? sql`(${contractorStaff.name}, ${contractorStaff.id}) > (${page.after[0]}, ${page.after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(contractorStaff.name), asc(contractorStaff.id))
    .limit(page.limit);
}

export async function countStaff(db: Db, f: StaffFilter) {
  const [row] = await db
    .select({ n: count() })
    .from(contractorStaff)
    .innerJoin(contractors, eq(contractors.id, contractorStaff.contractorId))
    .innerJoin(mines, eq(mines.id, contractors.mineId))
    .where(filterCondition(f));
  return row?.n ?? 0;
}

export async function insertStaff(db: Db, values: typeof contractorStaff.$inferInsert) {
  const [row] = await db
    .insert(contractorStaff)
    .values(values)
    .returning({ id: contractorStaff.id });
  return row?.id ?? '';
}

export async function updateStaffRow(
  db: Db,
  id: string,
  set: Partial<typeof contractorStaff.$inferInsert>,
  at: Date,
) {
  await db
    .update(contractorStaff)
    .set({ ...set, updatedAt: at, version: sql`${contractorStaff.version} + 1` })
    .where(eq(contractorStaff.id, id));
}

/** Inserts project staff in one statement (the demo seed). */
export async function insertStaffRows(db: Db, values: (typeof contractorStaff.$inferInsert)[]) {
  if (values.length) {
    await db.insert(contractorStaff).values(values);
  }
}
