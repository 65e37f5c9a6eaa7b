/**
 * @module SQL of open pits, dumps and tailings ponds: records and 闭库 with their mine, the register's
 * mines with their heights, 闭库 and the last report of their radar points (monitoring_sensors of
 * quantity 雷达形变), and the records' dates the rules read.
 */
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { monitoringSensors } from '../monitoring/monitoring.table.ts';
import { mines } from '../registry/mine.table.ts';
import { regions } from '../registry/region.table.ts';
import { mineInRegion } from '../registry/registry.scope.ts';
import { pitPondRecords, pondClosures } from './pit-pond.table.ts';

/** The mine kinds the register covers. */
export const registerKinds = ['金属非金属露天矿山', '露天煤矿', '排土场', '尾矿库'];

const mineCols = { mineName: mines.name, countyCode: mines.countyCode, countyName: regions.name };

export function listRecords(
  db: Db,
  f: { mineScope: SQL | undefined; region?: string | undefined; mineId?: string | undefined },
  limit: number,
) {
  return db
    .select({ record: pitPondRecords, ...mineCols })
    .from(pitPondRecords)
    .innerJoin(mines, eq(mines.id, pitPondRecords.mineId))
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .where(
      and(
        f.mineScope,
        mineInRegion(f.region),
        f.mineId ? eq(pitPondRecords.mineId, f.mineId) : undefined,
      ),
    )
    .orderBy(desc(pitPondRecords.recordedOn), desc(pitPondRecords.createdAt))
    .limit(limit);
}
export type RecordRow = Awaited<ReturnType<typeof listRecords>>[number];

export async function insertRecord(db: Db, values: typeof pitPondRecords.$inferInsert) {
  const [row] = await db.insert(pitPondRecords).values(values).returning({ id: pitPondRecords.id });
  return row?.id;
}

export async function findRecord(db: Db, id: string) {
  const [row] = await db
    .select({ record: pitPondRecords, ...mineCols })
    .from(pitPondRecords)
    .innerJoin(mines, eq(mines.id, pitPondRecords.mineId))
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .where(eq(pitPondRecords.id, id));
  return row;
}

function selectClosures(db: Db) {
  return db
    .select({ closure: pondClosures, ...mineCols })
    .from(pondClosures)
    .innerJoin(mines, eq(mines.id, pondClosures.mineId))
    .innerJoin(regions, eq(regions.code, mines.countyCode));
}
export type ClosureRow = Awaited<ReturnType<ReturnType<typeof selectClosures>['execute']>>[number];

/** The select of one 闭库 with its mine, for visibleByMine. */
export function closureSelect(db: Db) {
  return selectClosures(db).$dynamic();
}

export function listClosures(db: Db, mineScope: SQL | undefined, region?: string) {
  return selectClosures(db)
    .where(and(mineScope, mineInRegion(region)))
    .orderBy(asc(regions.code), asc(mines.name));
}

export async function closureOfMine(db: Db, mineId: string) {
  const [row] = await db
    .select({ id: pondClosures.id })
    .from(pondClosures)
    .where(eq(pondClosures.mineId, mineId));
  return row;
}

export async function insertClosure(db: Db, values: typeof pondClosures.$inferInsert) {
  const [row] = await db.insert(pondClosures).values(values).returning({ id: pondClosures.id });
  return row?.id;
}

export async function updateClosure(
  db: Db,
  id: string,
  set: Partial<typeof pondClosures.$inferInsert>,
  at: Date,
) {
  await db
    .update(pondClosures)
    .set({ ...set, updatedAt: at, version: sql`${pondClosures.version} + 1` })
    .where(eq(pondClosures.id, id));
}

const lastRadar = sql<string | null>`(SELECT max(${monitoringSensors.lastReadingAt})::text
  FROM ${monitoringSensors} WHERE ${monitoringSensors.mineId} = ${mines.id} AND ${monitoringSensors.quantity} = '雷达形变')`;

/** The register's mines (not archived) within a scope, with their 闭库 and their radar's last report. */
export function registerMines(db: Db, mineScope: SQL | undefined, region?: string) {
  return db
    .select({
      id: mines.id,
      name: mines.name,
      kind: mines.kind,
      status: mines.status,
      enterpriseId: mines.enterpriseId,
      countyCode: mines.countyCode,
      countyName: regions.name,
      slopeHeightM: mines.slopeHeightM,
      dumpHeightM: mines.dumpHeightM,
      tailingsOverhead: mines.tailingsOverhead,
      tailingsLastDischarge: mines.tailingsLastDischarge,
      lastRadarAt: lastRadar,
      closure: pondClosures,
    })
    .from(mines)
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .leftJoin(pondClosures, eq(pondClosures.mineId, mines.id))
    .where(
      and(
        mineScope,
        mineInRegion(region),
        isNull(mines.archivedAt),
        inArray(mines.kind, registerKinds as (typeof mines.kind._.data)[]),
      ),
    )
    .orderBy(asc(mines.countyCode), asc(mines.name));
}
export type RegisterMine = Awaited<ReturnType<typeof registerMines>>[number];

/** One mine of the register by id (the caller checked it may see it). */
export async function registerMine(db: Db, id: string) {
  const [row] = await registerMines(db, eq(mines.id, id));
  return row;
}

/** The dates of the records of these mines (what the rules read). */
export function recordDates(db: Db, mineIds: string[]) {
  if (mineIds.length === 0) {
    return Promise.resolve([]);
  }
  return db
    .select({
      mineId: pitPondRecords.mineId,
      kind: pitPondRecords.kind,
      slope: pitPondRecords.slope,
      recordedOn: pitPondRecords.recordedOn,
    })
    .from(pitPondRecords)
    .where(inArray(pitPondRecords.mineId, mineIds));
}
