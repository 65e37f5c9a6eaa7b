/**
 * @module SQL for contractors (承包单位).
 */
import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { mineRegionCondition } from './registry.scope.ts';
import type { Db } from '../../platform/db/client.ts';
import { contractors } from './contractor.table.ts';
import { mines } from './mine.table.ts';

/** The entity's select with its joins (visibleByMine / visibleEnterprise take it). */
export function selectContractors(db: Db) {
  return db
    .select({ contractor: contractors, mineName: mines.name })
    .from(contractors)
    .innerJoin(mines, eq(mines.id, contractors.mineId));
}
export type ContractorJoinedRow = Awaited<
  ReturnType<ReturnType<typeof selectContractors>['execute']>
>[number];

export async function findContractor(db: Db, id: string, mineScope: SQL | undefined) {
  const [row] = await selectContractors(db).where(and(eq(contractors.id, id), mineScope));
  return row;
}

/** Contractors not archived (a condition for visibleByMine). */
export const isActiveContractor = isNull(contractors.archivedAt);

export interface ContractorFilter {
  mineScope: SQL | undefined;
  regionPrefix?: string | undefined;
  mineId?: string | undefined;
  includeArchived?: boolean | undefined;
}

function filterCondition(f: ContractorFilter) {
  return and(
    f.mineScope,
    mineRegionCondition(f.regionPrefix),
    f.mineId ? eq(contractors.mineId, f.mineId) : undefined,
    f.includeArchived ? undefined : isNull(contractors.archivedAt),
  );
}

export async function listContractors(
  db: Db,
  f: ContractorFilter,
  page: { limit: number; after?: [string, string] | undefined },
) {
  return selectContractors(db)
    .where(
      and(
        filterCondition(f),
        page.after
          ? sql`(${contractors.name}, ${contractors.id}) > (${page.after[0]}, ${page.after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(contractors.name), asc(contractors.id))
    .limit(page.limit);
}

export async function countContractors(db: Db, f: ContractorFilter) {
  const [row] = await db
    .select({ n: count() })
    .from(contractors)
    .innerJoin(mines, eq(mines.id, contractors.mineId))
    .where(filterCondition(f));
  return row?.n ?? 0;
}

export async function insertContractor(db: Db, values: typeof contractors.$inferInsert) {
  const [row] = await db.insert(contractors).values(values).returning({ id: contractors.id });
  return row?.id ?? '';
}

export async function updateContractorRow(
  db: Db,
  id: string,
  set: Partial<typeof contractors.$inferInsert>,
  at: Date,
) {
  await db
    .update(contractors)
    .set({ ...set, updatedAt: at, version: sql`${contractors.version} + 1` })
    .where(eq(contractors.id, id));
}

/** Inserts contractors in one statement (the demo seed); returns their ids and scopes, in order. */
export async function insertContractors(db: Db, values: (typeof contractors.$inferInsert)[]) {
  if (values.length === 0) {
    return [];
  }
  return db
    .insert(contractors)
    .values(values)
    .returning({ id: contractors.id, scopes: contractors.scopes });
}
