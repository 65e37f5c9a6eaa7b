/** @module SQL of the penalties: one party's penalty with its mine, lists, and those of an inspection. */
import { and, asc, desc, eq, gte, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import type { PenaltyStatus, PenaltyTarget } from '../../../../shared/inspections.enums.ts';
import type { Db } from '../../../platform/db/client.ts';
import { mines } from '../../registry/mine.table.ts';
import { allOf, likeText, mineInRegion } from '../../registry/registry.scope.ts';
import { regions } from '../../registry/region.table.ts';
import { inspections } from '../records/inspection.table.ts';
import { penalties } from './penalty.table.ts';

const columns = {
  id: penalties.id,
  inspectionId: penalties.inspectionId,
  mineId: penalties.mineId,
  mineName: mines.name,
  countyCode: mines.countyCode,
  countyName: regions.name,
  target: penalties.target,
  partyName: penalties.partyName,
  legalBasis: penalties.legalBasis,
  facts: penalties.facts,
  amountYuan: penalties.amountYuan,
  decidedOn: penalties.decidedOn,
  status: penalties.status,
  paidOn: penalties.paidOn,
  paidAmountYuan: penalties.paidAmountYuan,
  version: penalties.version,
  /** Whether the same inspection penalised the other party too (一案双罚). */
  doublePenalty: sql<boolean>`EXISTS (SELECT 1 FROM penalties o WHERE o.inspection_id = ${penalties.inspectionId}
    AND o.target <> ${penalties.target} AND o.status <> '已撤销')`,
};

/**
 * Penalties with their mine's name and county and the 一案双罚 flag, joined to `mines` for scoping;
 * the caller adds the condition (registry.scope.ts visibleByMine).
 */
export function selectPenalties(db: Db) {
  return db
    .select(columns)
    .from(penalties)
    .innerJoin(mines, eq(mines.id, penalties.mineId))
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .$dynamic();
}
export type PenaltyRow = Awaited<ReturnType<typeof selectPenalties>>[number];

export interface PenaltyFilter {
  /** A condition on `mines`: the caller's jurisdiction. */
  mineScope: SQL | undefined;
  region?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  inspectionId?: string | undefined;
  status?: PenaltyStatus | undefined;
  target?: PenaltyTarget | undefined;
  /** Text in the mine's name or the party's name. */
  q?: string | undefined;
}

/** Penalties matching the filter, the latest decided first. */
export async function listPenalties(db: Db, f: PenaltyFilter, limit: number) {
  return selectPenalties(db)
    .innerJoin(inspections, eq(inspections.id, penalties.inspectionId))
    .where(
      allOf(
        f.mineScope,
        mineInRegion(f.region),
        f.inspectionId ? eq(penalties.inspectionId, f.inspectionId) : undefined,
        f.from ? gte(penalties.decidedOn, f.from) : undefined,
        f.to ? lte(penalties.decidedOn, f.to) : undefined,
        f.status ? eq(penalties.status, f.status) : undefined,
        f.target ? eq(penalties.target, f.target) : undefined,
        f.q
          ? or(ilike(mines.name, likeText(f.q)), ilike(penalties.partyName, likeText(f.q)))
          : undefined,
      ),
    )
    .orderBy(desc(penalties.decidedOn), desc(penalties.createdAt))
    .limit(limit);
}

/** Stores a penalty; answers its id. */
export async function insertPenalty(db: Db, values: typeof penalties.$inferInsert) {
  const [row] = await db.insert(penalties).values(values).returning({ id: penalties.id });
  return row?.id ?? '';
}

/** Changes a penalty and moves its version one up. */
export async function updatePenaltyRow(
  db: Db,
  id: string,
  set: Partial<typeof penalties.$inferInsert>,
) {
  await db
    .update(penalties)
    .set({ ...set, version: sql`${penalties.version} + 1` })
    .where(eq(penalties.id, id));
}

/** The penalties decided on an inspection, in the order decided. */
export async function penaltiesOfInspection(db: Db, inspectionId: string) {
  return db
    .select({
      id: penalties.id,
      target: penalties.target,
      partyName: penalties.partyName,
      amountYuan: penalties.amountYuan,
      status: penalties.status,
      decidedOn: penalties.decidedOn,
    })
    .from(penalties)
    .where(eq(penalties.inspectionId, inspectionId))
    .orderBy(asc(penalties.createdAt));
}

/** One penalty of an inspection (a 行政处罚决定书 is written for it). */
export async function findPenaltyOfInspection(db: Db, id: string, inspectionId: string) {
  const [row] = await db
    .select()
    .from(penalties)
    .where(and(eq(penalties.id, id), eq(penalties.inspectionId, inspectionId)));
  return row;
}

/** The id of the earliest inspection in a county that led to a penalty. */
export async function firstPenalisedInspection(db: Db, countyCode: string) {
  const [row] = await db
    .select({ id: inspections.id })
    .from(inspections)
    .innerJoin(mines, eq(mines.id, inspections.mineId))
    .where(
      and(
        eq(mines.countyCode, countyCode),
        sql`EXISTS (SELECT 1 FROM ${penalties} WHERE ${penalties.inspectionId} = ${inspections.id})`,
      ),
    )
    .orderBy(asc(inspections.inspectedOn))
    .limit(1);
  return row?.id;
}
