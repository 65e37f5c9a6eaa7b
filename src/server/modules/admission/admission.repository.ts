/**
 * @module SQL of 安全准入与分类处置: list entries and their steps, applications with their licence, and
 * the mines (with the figures of their latest approved design) for the scale and method rules.
 */
import { and, asc, desc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { DisposalCategory, DisposalState, PermitState } from '../../../shared/admission.ts';
import { MineStatus } from '../../../shared/registry.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import { enterprises } from '../registry/enterprise.table.ts';
import { licences, mines } from '../registry/mine.table.ts';
import { regions } from '../registry/region.table.ts';
import { mineInRegion } from '../registry/registry.scope.ts';
import { disposalSteps, disposals, permits } from './admission.table.ts';

const mineCols = {
  mineName: mines.name,
  enterpriseId: mines.enterpriseId,
  countyCode: mines.countyCode,
  countyName: regions.name,
  enterpriseName: enterprises.name,
};

function selectDisposals(db: Db) {
  return db
    .select({ entry: disposals, ...mineCols })
    .from(disposals)
    .innerJoin(mines, eq(mines.id, disposals.mineId))
    .innerJoin(enterprises, eq(enterprises.id, mines.enterpriseId))
    .innerJoin(regions, eq(regions.code, mines.countyCode));
}
export type DisposalRow = Awaited<
  ReturnType<ReturnType<typeof selectDisposals>['execute']>
>[number];

/** The select of one entry with its mine, for visibleByMine. */
export function disposalSelect(db: Db) {
  return selectDisposals(db).$dynamic();
}

export interface DisposalFilter {
  mineScope: SQL | undefined;
  region?: string | undefined;
  mineId?: string | undefined;
  category?: DisposalCategory | undefined;
  state?: DisposalState | undefined;
  /** Only open entries whose deadline is before this day. */
  overdueOn?: string | undefined;
}

/** List entries by county and deadline, at most `limit`. */
export function listDisposals(db: Db, f: DisposalFilter, limit: number) {
  return selectDisposals(db)
    .where(
      and(
        f.mineScope,
        mineInRegion(f.region),
        f.mineId ? eq(disposals.mineId, f.mineId) : undefined,
        f.category ? eq(disposals.category, f.category) : undefined,
        f.state ? eq(disposals.state, f.state) : undefined,
        f.overdueOn
          ? and(eq(disposals.state, '处置中'), sql`${disposals.deadline} < ${f.overdueOn}`)
          : undefined,
      ),
    )
    .orderBy(asc(mines.countyCode), asc(disposals.deadline), asc(disposals.id))
    .limit(limit);
}

export async function insertDisposal(db: Db, values: typeof disposals.$inferInsert) {
  const [row] = await db.insert(disposals).values(values).returning({ id: disposals.id });
  return row?.id;
}

export async function openDisposalOf(db: Db, mineId: string) {
  const [row] = await db
    .select({ id: disposals.id, category: disposals.category })
    .from(disposals)
    .where(and(eq(disposals.mineId, mineId), eq(disposals.state, '处置中')));
  return row;
}

export async function updateDisposal(
  db: Db,
  id: string,
  set: Partial<typeof disposals.$inferInsert>,
  at: Date,
) {
  await db
    .update(disposals)
    .set({ ...set, updatedAt: at, version: sql`${disposals.version} + 1` })
    .where(eq(disposals.id, id));
}

export async function insertStep(db: Db, values: typeof disposalSteps.$inferInsert) {
  await db.insert(disposalSteps).values(values);
}

/** The steps of entries, oldest first. */
export function stepsOf(db: Db, entryIds: string[]) {
  if (entryIds.length === 0) {
    return Promise.resolve([]);
  }
  return db
    .select()
    .from(disposalSteps)
    .where(inArray(disposalSteps.entryId, entryIds))
    .orderBy(asc(disposalSteps.steppedOn), asc(disposalSteps.recordedAt));
}

/** The open entries of mines (by mine id), for the scale list. */
export async function openCategories(db: Db, mineIds: string[]) {
  if (mineIds.length === 0) {
    return new Map<string, DisposalCategory>();
  }
  const rows = await db
    .select({ mineId: disposals.mineId, category: disposals.category })
    .from(disposals)
    .where(and(inArray(disposals.mineId, mineIds), eq(disposals.state, '处置中')));
  return new Map(rows.map((r) => [r.mineId, r.category]));
}

function selectPermits(db: Db) {
  return db
    .select({
      permit: permits,
      licenceNumber: licences.number,
      licenceExpiresOn: licences.expiresOn,
      ...mineCols,
    })
    .from(permits)
    .innerJoin(mines, eq(mines.id, permits.mineId))
    .innerJoin(enterprises, eq(enterprises.id, mines.enterpriseId))
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .leftJoin(licences, eq(licences.id, permits.licenceId));
}
export type PermitRow = Awaited<ReturnType<ReturnType<typeof selectPermits>['execute']>>[number];

export function permitSelect(db: Db) {
  return selectPermits(db).$dynamic();
}

export interface PermitFilter {
  mineScope: SQL | undefined;
  region?: string | undefined;
  mineId?: string | undefined;
  state?: PermitState | undefined;
}

/** Applications newest first, at most `limit`. */
export function listPermits(db: Db, f: PermitFilter, limit: number) {
  return selectPermits(db)
    .where(
      and(
        f.mineScope,
        mineInRegion(f.region),
        f.mineId ? eq(permits.mineId, f.mineId) : undefined,
        f.state ? eq(permits.state, f.state) : undefined,
      ),
    )
    .orderBy(desc(permits.appliedOn), desc(permits.createdAt))
    .limit(limit);
}

export async function insertPermit(db: Db, values: typeof permits.$inferInsert) {
  const [row] = await db.insert(permits).values(values).returning({ id: permits.id });
  return row?.id;
}

export async function updatePermit(
  db: Db,
  id: string,
  set: Partial<typeof permits.$inferInsert>,
  at: Date,
) {
  await db
    .update(permits)
    .set({ ...set, updatedAt: at, version: sql`${permits.version} + 1` })
    .where(eq(permits.id, id));
}

/** Figures of a mine's latest application whose design was approved (reviewed and not rejected). */
const designed = (col: 'service_life_years' | 'mechanical_scaling') =>
  sql.raw(
    `(SELECT p.${col} FROM permit_applications p WHERE p.mine_id = "mines"."id" AND p.state <> '待设计审查' AND p.state <> '设计未批准' ORDER BY p.reviewed_on DESC, p.created_at DESC LIMIT 1)`,
  );

/** Mines in operation (not closed or archived) within a scope, with their approved design's figures. */
export function minesWithDesign(db: Db, mineScope: SQL | undefined, region?: string) {
  return db
    .select({
      mineId: mines.id,
      kind: mines.kind,
      scale: mines.scale,
      depthM: mines.depthM,
      productionLevels: mines.productionLevels,
      designCapacityTpa: mines.designCapacityTpa,
      serviceLifeYears: sql<number | null>`${designed('service_life_years')}`.mapWith(
        (v: unknown) => (v === null ? null : Number(v)),
      ),
      mechanicalScaling: sql<boolean | null>`${designed('mechanical_scaling')}`,
      ...mineCols,
    })
    .from(mines)
    .innerJoin(enterprises, eq(enterprises.id, mines.enterpriseId))
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .where(
      and(
        mineScope,
        mineInRegion(region),
        isNull(mines.archivedAt),
        ne(mines.status, MineStatus.Closed),
      ),
    )
    .orderBy(asc(mines.countyCode), asc(mines.name));
}

/** A mine's application still in progress (neither issued nor rejected), if any. */
export async function openPermitOf(db: Db, mineId: string) {
  const [row] = await db
    .select({ id: permits.id, state: permits.state })
    .from(permits)
    .where(
      and(eq(permits.mineId, mineId), ne(permits.state, '已发证'), ne(permits.state, '设计未批准')),
    );
  return row;
}

export type DesignedMine = Awaited<ReturnType<typeof minesWithDesign>>[number];
