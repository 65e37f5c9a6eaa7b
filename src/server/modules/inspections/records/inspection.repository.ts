/**
 * @module SQL of the inspection records: inspections with their mine, findings, photos and on-site
 * orders, the team's names and the regulator users a team may be formed from.
 */
import {
  and,
  asc,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { InspectionKind } from '../../../../shared/inspections.enums.ts';
import type { Db } from '../../../platform/db/client.ts';
import { organisations, users } from '../../access/access.table.ts';
import { hazardCriteria, hazards } from '../../hazards/hazard.table.ts';
import { enterprises } from '../../registry/enterprise.table.ts';
import { mines } from '../../registry/mine.table.ts';
import { allOf, likeText, mineInRegion } from '../../registry/registry.scope.ts';
import { regions } from '../../registry/region.table.ts';
import {
  inspectionFindings,
  inspectionOrders,
  inspectionPhotos,
  inspections,
} from './inspection.table.ts';

/**
 * Inspections with the inspected mine (and its enterprise's name), joined to `mines` for scoping; the
 * caller adds the condition (registry.scope.ts visibleByMine).
 */
export function selectInspectionWithMine(db: Db) {
  return db
    .select({
      inspection: inspections,
      mine: {
        name: mines.name,
        kind: mines.kind,
        countyCode: mines.countyCode,
        status: mines.status,
        enterpriseName: enterprises.name,
      },
    })
    .from(inspections)
    .innerJoin(mines, eq(mines.id, inspections.mineId))
    .innerJoin(enterprises, eq(enterprises.id, mines.enterpriseId))
    .$dynamic();
}
export type InspectionWithMine = Awaited<ReturnType<typeof selectInspectionWithMine>>[number];

/** Stores an inspection; answers its id. */
export async function insertInspection(db: Db, values: typeof inspections.$inferInsert) {
  const [row] = await db.insert(inspections).values(values).returning({ id: inspections.id });
  return row?.id ?? '';
}

/** Changes an inspection's own columns (nothing when `set` is empty). */
export async function updateInspectionRow(
  db: Db,
  id: string,
  set: Partial<typeof inspections.$inferInsert>,
) {
  if (Object.keys(set).length > 0) {
    await db.update(inspections).set(set).where(eq(inspections.id, id));
  }
}

/** Marks an inspection changed: the time, and the version one up. */
export async function bumpInspectionVersion(db: Db, id: string, at: Date) {
  await db
    .update(inspections)
    .set({ updatedAt: at, version: sql`${inspections.version} + 1` })
    .where(eq(inspections.id, id));
}

/** An inspection's findings in the order recorded, with the criterion's code and the hazard's state. */
export async function findingsOf(db: Db, inspectionId: string) {
  return db
    .select({
      id: inspectionFindings.id,
      kind: inspectionFindings.kind,
      criterionId: inspectionFindings.criterionId,
      criterionCode: hazardCriteria.code,
      hazardId: inspectionFindings.hazardId,
      hazardState: hazards.state,
      description: inspectionFindings.description,
      location: inspectionFindings.location,
      deadline: inspectionFindings.deadline,
    })
    .from(inspectionFindings)
    .leftJoin(hazardCriteria, eq(hazardCriteria.id, inspectionFindings.criterionId))
    .leftJoin(hazards, eq(hazards.id, inspectionFindings.hazardId))
    .where(eq(inspectionFindings.inspectionId, inspectionId))
    .orderBy(asc(inspectionFindings.createdAt), asc(inspectionFindings.id));
}

/** Stores a finding; answers its id. */
export async function insertFinding(db: Db, values: typeof inspectionFindings.$inferInsert) {
  const [row] = await db
    .insert(inspectionFindings)
    .values(values)
    .returning({ id: inspectionFindings.id });
  return row?.id ?? '';
}

/** An inspection's photos without their content, in upload order. */
export async function photosOf(db: Db, inspectionId: string) {
  return db
    .select({
      id: inspectionPhotos.id,
      fileName: inspectionPhotos.fileName,
      contentType: inspectionPhotos.contentType,
      sizeBytes: inspectionPhotos.sizeBytes,
    })
    .from(inspectionPhotos)
    .where(eq(inspectionPhotos.inspectionId, inspectionId))
    .orderBy(asc(inspectionPhotos.uploadedAt));
}

/** One photo of an inspection, with its content. */
export async function findPhoto(db: Db, inspectionId: string, photoId: string) {
  const [row] = await db
    .select()
    .from(inspectionPhotos)
    .where(and(eq(inspectionPhotos.id, photoId), eq(inspectionPhotos.inspectionId, inspectionId)));
  return row;
}

/** An inspection's on-site orders in the order given. */
export async function ordersOf(db: Db, inspectionId: string) {
  return db
    .select({
      id: inspectionOrders.id,
      kind: inspectionOrders.kind,
      orderedOn: inspectionOrders.orderedOn,
      reason: inspectionOrders.reason,
      acceptedOn: inspectionOrders.acceptedOn,
      acceptancePassed: inspectionOrders.acceptancePassed,
      acceptanceNote: inspectionOrders.acceptanceNote,
    })
    .from(inspectionOrders)
    .where(eq(inspectionOrders.inspectionId, inspectionId))
    .orderBy(asc(inspectionOrders.createdAt));
}

/** Stores an on-site order; answers its id. */
export async function insertOrder(db: Db, values: typeof inspectionOrders.$inferInsert) {
  const [row] = await db
    .insert(inspectionOrders)
    .values(values)
    .returning({ id: inspectionOrders.id });
  return row?.id ?? '';
}

/** Changes an on-site order (its 复工复产验收). */
export async function updateOrder(
  db: Db,
  id: string,
  set: Partial<typeof inspectionOrders.$inferInsert>,
) {
  await db.update(inspectionOrders).set(set).where(eq(inspectionOrders.id, id));
}

/** Display names of users by id. */
export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Active inspectors and regulator administrators of every regulator unit, with their unit's region. */
export async function regulatorInspectors(db: Db) {
  return db
    .select({
      userId: users.id,
      name: users.displayName,
      role: users.role,
      region: organisations.regionCode,
      unit: organisations.name,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        eq(organisations.kind, 'regulator'),
        inArray(users.role, ['inspector', 'regulator_admin']),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(users.displayName));
}

/** Hazard criteria by id (the checklist is built from them). */
export async function criteriaByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) {
    return [];
  }
  return db
    .select()
    .from(hazardCriteria)
    .where(inArray(hazardCriteria.id, [...ids]));
}

export interface InspectionFilter {
  /** A condition on `mines`: the caller's jurisdiction. */
  mineScope: SQL | undefined;
  region?: string | undefined;
  mineId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  kind?: InspectionKind | undefined;
  /** Arrangements whose inspections the caller sees besides those in its jurisdiction (a pool member's). */
  crossArrangementIds?: readonly string[] | undefined;
  /** true: announced ones only; false: 四不两直 only. */
  announced?: boolean | undefined;
  typical?: boolean | undefined;
  /** Text in the mine's name. */
  q?: string | undefined;
}

/** Inspections matching the filter, newest first, with their counts of findings and live penalties. */
export async function listInspections(db: Db, f: InspectionFilter, limit: number) {
  return db
    .select({
      id: inspections.id,
      mineId: inspections.mineId,
      mineName: mines.name,
      countyCode: mines.countyCode,
      countyName: regions.name,
      kind: inspections.kind,
      announcedReason: inspections.announcedReason,
      inspectedOn: inspections.inspectedOn,
      teamUserIds: inspections.teamUserIds,
      recheckOn: inspections.recheckOn,
      recheckedOn: inspections.recheckedOn,
      typical: inspections.typical,
      typicalNote: inspections.typicalNote,
      findings: sql<number>`(SELECT count(*) FROM inspection_findings f WHERE f.inspection_id = ${inspections.id})::int`,
      penalties: sql<number>`(SELECT count(*) FROM penalties p WHERE p.inspection_id = ${inspections.id} AND p.status <> '已撤销')::int`,
    })
    .from(inspections)
    .innerJoin(mines, eq(mines.id, inspections.mineId))
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .where(
      allOf(
        f.mineScope && f.crossArrangementIds?.length
          ? or(f.mineScope, inArray(inspections.crossArrangementId, [...f.crossArrangementIds]))
          : f.mineScope,
        mineInRegion(f.region),
        f.mineId ? eq(inspections.mineId, f.mineId) : undefined,
        f.from ? gte(inspections.inspectedOn, f.from) : undefined,
        f.to ? lte(inspections.inspectedOn, f.to) : undefined,
        f.kind ? eq(inspections.kind, f.kind) : undefined,
        f.announced === undefined
          ? undefined
          : f.announced
            ? isNotNull(inspections.announcedReason)
            : isNull(inspections.announcedReason),
        f.typical !== undefined ? eq(inspections.typical, f.typical) : undefined,
        f.q ? ilike(mines.name, likeText(f.q)) : undefined,
      ),
    )
    .orderBy(desc(inspections.inspectedOn), desc(inspections.createdAt))
    .limit(limit);
}
export type InspectionListRow = Awaited<ReturnType<typeof listInspections>>[number];

/**
 * The 异地交叉执法 arrangement an inspection was made under (null: none, or no such inspection). Read
 * without scope: it only decides who the caller acts as; the inspection itself is then loaded in scope.
 */
export async function crossArrangementOf(db: Db, id: string): Promise<string | null> {
  const [row] = await db
    .select({ a: inspections.crossArrangementId })
    .from(inspections)
    .where(eq(inspections.id, id));
  return row?.a ?? null;
}

/**
 * The inspections of a mine on days in [from, to] that did not find the given hazard (no finding of
 * theirs is linked to it), oldest first, with the inspecting unit: the 倒查 of who inspected without
 * finding it (hazards/investigation.service.ts).
 */
export async function inspectionsMissingHazard(
  db: Db,
  q: { mineId: string; from: string; to: string; hazardId: string },
) {
  return db
    .select({
      id: inspections.id,
      inspectedOn: inspections.inspectedOn,
      kind: inspections.kind,
      unitName: organisations.name,
      teamUserIds: inspections.teamUserIds,
    })
    .from(inspections)
    .innerJoin(organisations, eq(organisations.id, inspections.organisationId))
    .where(
      and(
        eq(inspections.mineId, q.mineId),
        gte(inspections.inspectedOn, q.from),
        lte(inspections.inspectedOn, q.to),
        sql`NOT EXISTS (SELECT 1 FROM ${inspectionFindings} f
                         WHERE f.inspection_id = ${inspections.id} AND f.hazard_id = ${q.hazardId})`,
      ),
    )
    .orderBy(asc(inspections.inspectedOn), asc(inspections.id));
}
