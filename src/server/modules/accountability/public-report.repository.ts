/**
 * @module SQL of 举报: the cases within a regulator's jurisdiction, their timeline and photos, the public
 * form's lookups (the county, the unit that handles it, the mine named, the flood count),
 * the handling unit's administrators, and the record a handled case links to.
 */
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  like,
  lt,
  notInArray,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { CaseState, type PublicReportCategory } from '../../../shared/public-reports.ts';
import { likeText } from '../registry/registry.scope.ts';
import { subtreePrefix, type Scope } from '../../platform/auth/scope.ts';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { organisations, users } from '../access/access.table.ts';
import { mines } from '../registry/mine.table.ts';
import { regions } from '../registry/region.table.ts';
import { publicReportEvents, publicReportPhotos, publicReports } from './public-report.table.ts';

export type PublicReportRow = typeof publicReports.$inferSelect;

/**
 * The cases a scope may see: a regulator those of the counties in its region (by the county the report
 * names, whichever unit handles it), everyone else none (undefined = every case).
 */
export function caseScopeCondition(scope: Scope): SQL | undefined {
  return scope.kind === 'all'
    ? undefined
    : scope.kind === 'region'
      ? like(publicReports.countyCode, `${scope.prefix}%`)
      : sql`FALSE`;
}

/** A case within `scope`; `lock`: its row locked for the transaction (a step taken on it). */
export async function findCase(db: Db, id: string, scope: SQL | undefined, lock = false) {
  const q = db
    .select()
    .from(publicReports)
    .where(and(eq(publicReports.id, id), scope));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** Cases newest first, at most `limit`. */
/** What the case board shows. */
export interface CaseFilter {
  scope: SQL | undefined;
  state?: CaseState | undefined;
  category?: PublicReportCategory | undefined;
  /** The next step was due before this date. */
  dueBefore?: string | undefined;
  /** Text in the tracking code, the mine's name or the location. */
  q?: string | undefined;
  /** Received at or after / before these instants. */
  receivedFrom?: Date | undefined;
  receivedBefore?: Date | undefined;
}

export async function listCases(db: Db, f: CaseFilter, limit: number) {
  const text = f.q ? likeText(f.q) : undefined;
  return db
    .select()
    .from(publicReports)
    .where(
      and(
        f.scope,
        f.state ? eq(publicReports.state, f.state) : undefined,
        f.category ? eq(publicReports.category, f.category) : undefined,
        f.dueBefore ? lt(publicReports.dueOn, f.dueBefore) : undefined,
        text
          ? or(
              ilike(publicReports.trackingCode, text),
              ilike(publicReports.mineName, text),
              ilike(publicReports.location, text),
            )
          : undefined,
        f.receivedFrom ? gte(publicReports.receivedAt, f.receivedFrom) : undefined,
        f.receivedBefore ? lt(publicReports.receivedAt, f.receivedBefore) : undefined,
      ),
    )
    .orderBy(desc(publicReports.receivedAt))
    .limit(limit);
}

export async function updateCase(
  db: Db,
  id: string,
  set: Partial<typeof publicReports.$inferInsert>,
  at: Date,
) {
  await db
    .update(publicReports)
    .set({ ...set, updatedAt: at, version: sql`${publicReports.version} + 1` })
    .where(eq(publicReports.id, id));
}

/** The case's timeline in order, internal notes included. */
export async function caseEventsOf(db: Db, reportId: string) {
  return db
    .select()
    .from(publicReportEvents)
    .where(eq(publicReportEvents.reportId, reportId))
    .orderBy(asc(publicReportEvents.at));
}

export async function insertCaseEvent(db: Db, values: typeof publicReportEvents.$inferInsert) {
  await db.insert(publicReportEvents).values(values);
}

export async function casePhotosOf(db: Db, reportId: string) {
  return db
    .select({ id: publicReportPhotos.id, contentType: publicReportPhotos.contentType })
    .from(publicReportPhotos)
    .where(eq(publicReportPhotos.reportId, reportId));
}

export async function findCasePhoto(db: Db, reportId: string, photoId: string) {
  const [row] = await db
    .select()
    .from(publicReportPhotos)
    .where(and(eq(publicReportPhotos.id, photoId), eq(publicReportPhotos.reportId, reportId)));
  return row;
}

export async function countCasePhotos(db: Db, reportId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(publicReportPhotos)
    .where(eq(publicReportPhotos.reportId, reportId));
  return row?.n ?? 0;
}

/** Whether a hazard, lead, inspection or accident exists at a mine within `mineScope` (and at `mineId`, when given). */
export async function linkedRecordExists(
  db: Db,
  table: 'hazards' | 'leads' | 'inspections' | 'accidents',
  id: string,
  mineScope: SQL | undefined,
  mineId?: string,
) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT x.id FROM ${sql.raw(table)} x JOIN mines ON mines.id = x.mine_id
         WHERE x.id = ${id} AND ${mineScope ?? sql`TRUE`}
           AND ${mineId ? sql`x.mine_id = ${mineId}` : sql`TRUE`}`,
  );
  return rows.length > 0;
}

/** How many cases came from one client address (a keyed digest) since a moment. */
export async function countCasesFrom(db: Db, ipDigest: string, since: Date) {
  const [row] = await db
    .select({ n: count() })
    .from(publicReports)
    .where(and(eq(publicReports.ipDigest, ipDigest), gt(publicReports.receivedAt, since)));
  return row?.n ?? 0;
}

export async function findRegion(db: Db, code: string) {
  const [row] = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(eq(regions.code, code));
  return row;
}

/** The regulator units of the given regions. */
export async function regulatorUnitsOf(db: Db, regionCodes: string[]) {
  return db
    .select({ id: organisations.id, regionCode: organisations.regionCode })
    .from(organisations)
    .where(
      and(eq(organisations.kind, 'regulator'), inArray(organisations.regionCode, regionCodes)),
    );
}

/** The mine of a county with exactly this name, if any. */
export async function findMineByName(db: Db, countyCode: string, name: string) {
  const [row] = await db
    .select({ id: mines.id })
    .from(mines)
    .where(and(eq(mines.countyCode, countyCode), eq(mines.name, name)));
  return row;
}

export async function trackingCodeTaken(db: Db, code: string) {
  const [row] = await db
    .select({ id: publicReports.id })
    .from(publicReports)
    .where(eq(publicReports.trackingCode, code));
  return row !== undefined;
}

export async function insertCase(db: Db, values: typeof publicReports.$inferInsert) {
  const [row] = await db.insert(publicReports).values(values).returning({ id: publicReports.id });
  return row?.id;
}

export async function findCaseByCode(db: Db, code: string) {
  const [row] = await db.select().from(publicReports).where(eq(publicReports.trackingCode, code));
  return row;
}

/** The administrators of a regulator unit (who are told of a new case). */
export async function unitAdmins(db: Db, unitId: string) {
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.organisationId, unitId), eq(users.role, 'regulator_admin')));
}

/** Open cases whose current step was due before `today` (answered and rejected ones are done). */
export async function overdueCases(db: Db, today: string) {
  return db
    .select()
    .from(publicReports)
    .where(
      and(
        isNotNull(publicReports.dueOn),
        lt(publicReports.dueOn, today),
        notInArray(publicReports.state, [CaseState.Answered, CaseState.Rejected]),
      ),
    );
}

/** How many open cases of a scope (and region) are past their step's time limit. */
export async function countOverdueCases(
  db: Db,
  f: { scope: SQL | undefined; region?: string | undefined },
  today: string,
) {
  const [row] = await db
    .select({ n: count() })
    .from(publicReports)
    .where(
      and(
        f.scope,
        f.region ? like(publicReports.countyCode, `${subtreePrefix(f.region)}%`) : undefined,
        isNotNull(publicReports.dueOn),
        lt(publicReports.dueOn, today),
        notInArray(publicReports.state, [CaseState.Answered, CaseState.Rejected]),
      ),
    );
  return row?.n ?? 0;
}

/** The region code of a unit ('' when it has none). */
export async function unitRegionCode(db: Db, unitId: string) {
  const [row] = await db
    .select({ regionCode: organisations.regionCode })
    .from(organisations)
    .where(eq(organisations.id, unitId));
  return row?.regionCode ?? '';
}

/** The administrators of a unit and of the units of the given regions. */
export async function adminsOfUnitOrRegions(db: Db, unitId: string, regionCodes: string[]) {
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        eq(users.role, 'regulator_admin'),
        or(eq(users.organisationId, unitId), inArray(organisations.regionCode, regionCodes)),
      ),
    );
}

/** The counties a report can be filed for (covered by a regulator unit), with their city and province. */
export async function reportableCounties(db: Db) {
  return queryRows<{
    code: string;
    name: string;
    city: string | null;
    province: string | null;
  }>(
    db,
    sql`SELECT r.code, r.name, c.name AS city, p.name AS province
          FROM regions r
          LEFT JOIN regions c ON c.code = substr(r.code, 1, 4) || '00'
          LEFT JOIN regions p ON p.code = substr(r.code, 1, 2) || '0000'
         WHERE r.code NOT LIKE '%00'
           AND EXISTS (SELECT 1 FROM organisations o WHERE o.kind = 'regulator'
                 AND o.region_code IN (r.code, substr(r.code, 1, 4) || '00', substr(r.code, 1, 2) || '0000'))
         ORDER BY r.code`,
  );
}
