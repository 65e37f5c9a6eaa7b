/**
 * @module SQL for mines, their licences and status history.
 */
import type { DisasterGrade } from '../../../shared/surveys.ts';
import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  ilike,
  inArray,
  isNull,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import {
  MineKind,
  type LicenceKind,
  type MineScale,
  type MineStatus,
  type StandardizationLevel,
} from '../../../shared/registry.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import { enterprises } from './enterprise.table.ts';
import { licences, mineStatusChanges, mines } from './mine.table.ts';
import { regions } from './region.table.ts';
import { likeText, mineRegionCondition } from './registry.scope.ts';

/** The entity's select with its joins (visibleByMine / visibleEnterprise take it). */
export function selectMines(db: Db) {
  return db
    .select({
      mine: mines,
      enterpriseName: enterprises.name,
      enterpriseCreditCode: enterprises.creditCode,
      countyName: regions.name,
    })
    .from(mines)
    .innerJoin(enterprises, eq(enterprises.id, mines.enterpriseId))
    .innerJoin(regions, eq(regions.code, mines.countyCode));
}

export type MineJoinedRow = Awaited<ReturnType<ReturnType<typeof selectMines>['execute']>>[number];

export async function findMine(
  db: Db,
  id: string,
  scope: SQL | undefined,
): Promise<MineJoinedRow | undefined> {
  const [row] = await selectMines(db).where(and(eq(mines.id, id), scope));
  return row;
}

/** Whether a mine exists within a scope condition (mineScopeCondition), without its joins. */
export async function mineExists(db: Db, id: string, scope: SQL | undefined): Promise<boolean> {
  const [row] = await db
    .select({ id: mines.id })
    .from(mines)
    .where(and(scope, inArray(mines.id, [id])));
  return row !== undefined;
}

export interface MineFilter {
  scope: SQL | undefined;
  regionPrefix?: string | undefined;
  enterpriseId?: string | undefined;
  kind?: MineKind[] | undefined;
  status?: MineStatus[] | undefined;
  scale?: MineScale[] | undefined;
  standardizationLevel?: StandardizationLevel[] | undefined;
  /** Licences expiring between `today` and this date (inclusive). */
  licenceExpiringBy?: { today: string; until: string } | undefined;
  /** Has a licence that expired before this date. */
  licenceExpiredBefore?: string | undefined;
  q?: string | undefined;
  includeArchived?: boolean | undefined;
}

function licenceExists(cond: SQL) {
  return exists(
    sql`(SELECT 1 FROM ${licences} WHERE ${licences.mineId} = ${mines.id} AND ${licences.archivedAt} IS NULL AND ${cond})`,
  );
}

function filterCondition(f: MineFilter): SQL | undefined {
  return and(
    f.scope,
    mineRegionCondition(f.regionPrefix),
    f.enterpriseId ? eq(mines.enterpriseId, f.enterpriseId) : undefined,
    f.kind?.length ? inArray(mines.kind, f.kind) : undefined,
    f.status?.length ? inArray(mines.status, f.status) : undefined,
    f.scale?.length ? inArray(mines.scale, f.scale) : undefined,
    f.standardizationLevel?.length
      ? inArray(mines.standardizationLevel, f.standardizationLevel)
      : undefined,
    f.licenceExpiringBy
      ? licenceExists(
          sql`${licences.expiresOn} >= ${f.licenceExpiringBy.today} AND ${licences.expiresOn} <= ${f.licenceExpiringBy.until}`,
        )
      : undefined,
    f.licenceExpiredBefore
      ? licenceExists(sql`${licences.expiresOn} < ${f.licenceExpiredBefore}`)
      : undefined,
    f.q ? or(ilike(mines.name, likeText(f.q)), ilike(enterprises.name, likeText(f.q))) : undefined,
    f.includeArchived ? undefined : isNull(mines.archivedAt),
  );
}

export type MineSortKey = 'name' | 'updatedAt';

/** A page in (sort key, id) order, starting after the cursor's (key, id). */
export async function listMines(
  db: Db,
  f: MineFilter,
  page: {
    limit: number;
    sort: MineSortKey;
    descending: boolean;
    after?: [string, string] | undefined;
  },
): Promise<MineJoinedRow[]> {
  const key = page.sort === 'name' ? mines.name : mines.updatedAt;
  const keyValue = (v: string) => (page.sort === 'name' ? sql`${v}` : sql`${v}::timestamptz`);
  const cmp = page.descending ? sql`<` : sql`>`;
  const afterCond = page.after
    ? sql`(${key}, ${mines.id}) ${cmp} (${keyValue(page.after[0])}, ${page.after[1]}::uuid)`
    : undefined;
  const dir = page.descending ? desc : asc;
  return selectMines(db)
    .where(and(filterCondition(f), afterCond))
    .orderBy(dir(key), dir(mines.id))
    .limit(page.limit);
}

export async function countMines(db: Db, f: MineFilter): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(mines)
    .innerJoin(enterprises, eq(enterprises.id, mines.enterpriseId))
    .where(filterCondition(f));
  return row?.n ?? 0;
}

/** Current (unarchived) licences of the given mines. */
export async function licencesOf(db: Db, mineIds: string[]) {
  if (mineIds.length === 0) {
    return [];
  }
  return db
    .select()
    .from(licences)
    .where(and(inArray(licences.mineId, mineIds), isNull(licences.archivedAt)))
    .orderBy(asc(licences.kind), asc(licences.expiresOn));
}

export async function insertMines(
  db: Db,
  values: (typeof mines.$inferInsert)[],
): Promise<string[]> {
  if (values.length === 0) {
    return [];
  }
  const rows = await db.insert(mines).values(values).returning({ id: mines.id });
  return rows.map((r) => r.id);
}

/** The (enterprise, name) pairs of the mines of the given enterprises (names are unique per enterprise). */
/** The names of the mines with these ids (unknown ids are left out). */
export async function namesOfMines(db: Db, ids: string[]) {
  return ids.length === 0
    ? []
    : db.select({ id: mines.id, name: mines.name }).from(mines).where(inArray(mines.id, ids));
}

export async function mineNamesOf(
  db: Db,
  enterpriseIds: string[],
): Promise<{ enterpriseId: string; name: string }[]> {
  if (enterpriseIds.length === 0) {
    return [];
  }
  return db
    .select({ enterpriseId: mines.enterpriseId, name: mines.name })
    .from(mines)
    .where(inArray(mines.enterpriseId, enterpriseIds));
}

/**
 * The mines holding any of these 煤矿编码 (archived ones too: a code stays taken), with the fields the
 * coal upload files are checked against.
 */
export async function minesByCoalCode(db: Db, codes: string[], scope?: SQL) {
  if (codes.length === 0) {
    return [];
  }
  return db
    .select({
      id: mines.id,
      coalCode: mines.coalCode,
      name: mines.name,
      countyCode: mines.countyCode,
      enterpriseId: mines.enterpriseId,
      status: mines.status,
      archivedAt: mines.archivedAt,
    })
    .from(mines)
    .where(and(inArray(mines.coalCode, codes), scope));
}

/** Every tailings pond (to re-grade them). */
export async function tailingsPonds(db: Db) {
  return db.select().from(mines).where(eq(mines.kind, MineKind.TailingsPond));
}

/** Stores a re-computed 等别 (derived from the grading table, so neither version nor time changes). */
export async function setTailingsGrade(db: Db, id: string, grade: number | null) {
  await db.update(mines).set({ tailingsGrade: grade }).where(eq(mines.id, id));
}

/** Stores the grade a passed 隐蔽致灾因素普查 set (derived, so neither version nor time changes). */
export async function setDisasterGrade(db: Db, id: string, grade: DisasterGrade) {
  await db.update(mines).set({ disasterGrade: grade }).where(eq(mines.id, id));
}

/** Refreshes the planner's statistics of the registry tables after a large import. */
export async function analyzeRegistryTables(db: Db) {
  await db.execute(sql`ANALYZE enterprises, mines, licences, mine_status_changes`);
}

export async function updateMineRow(
  db: Db,
  id: string,
  set: Partial<typeof mines.$inferInsert>,
  at: Date,
) {
  await db
    .update(mines)
    .set({ ...set, updatedAt: at, version: sql`${mines.version} + 1` })
    .where(eq(mines.id, id));
}

export async function insertStatusChanges(
  db: Db,
  values: (typeof mineStatusChanges.$inferInsert)[],
) {
  if (values.length) {
    await db.insert(mineStatusChanges).values(values);
  }
}

export async function statusHistory(db: Db, mineId: string) {
  return db
    .select()
    .from(mineStatusChanges)
    .where(eq(mineStatusChanges.mineId, mineId))
    .orderBy(asc(mineStatusChanges.id));
}

export async function insertLicences(db: Db, values: (typeof licences.$inferInsert)[]) {
  if (values.length === 0) {
    return [];
  }
  return db.insert(licences).values(values).returning();
}

/** The (kind, number) pairs of the licences with any of the given numbers. */
export async function licencesNumbered(
  db: Db,
  numbers: string[],
): Promise<{ kind: LicenceKind; number: string }[]> {
  if (numbers.length === 0) {
    return [];
  }
  return db
    .select({ kind: licences.kind, number: licences.number })
    .from(licences)
    .where(inArray(licences.number, numbers));
}

export async function findLicence(db: Db, id: string) {
  const [row] = await db.select().from(licences).where(eq(licences.id, id));
  return row;
}

export async function findLicenceByNumber(db: Db, kind: LicenceKind, number: string) {
  const [row] = await db
    .select()
    .from(licences)
    .where(and(eq(licences.kind, kind), eq(licences.number, number)));
  return row;
}

export async function updateLicenceRow(
  db: Db,
  id: string,
  set: Partial<typeof licences.$inferInsert>,
) {
  await db.update(licences).set(set).where(eq(licences.id, id));
}

/** The kind and status of each of the given mines (the demo seed). */
export async function kindsAndStatuses(db: Db, ids: string[]) {
  return db
    .select({ id: mines.id, kind: mines.kind, status: mines.status })
    .from(mines)
    .where(inArray(mines.id, ids));
}

/** The ids of those of the given mines whose status is one of `statuses`. */
export async function idsWithStatus(db: Db, ids: string[], statuses: MineStatus[]) {
  return db
    .select({ id: mines.id })
    .from(mines)
    .where(and(inArray(mines.id, ids), inArray(mines.status, statuses)));
}

/**
 * Sets the effective date and the status of each mine's registration entry ('登记') in its status
 * history (the demo seed dates the mines' registration back, in one statement).
 */
export async function setRegistrationEntries(
  db: Db,
  entries: { mineId: string; effectiveDate: string }[],
  toStatus: MineStatus,
) {
  if (entries.length === 0) {
    return;
  }
  const values = entries.map((e) => sql`(${e.mineId}::uuid, ${e.effectiveDate}::date)`);
  await db.execute(
    sql`UPDATE mine_status_changes c SET effective_date = v.on_date, to_status = ${toStatus}
          FROM (VALUES ${sql.join(values, sql`, `)}) AS v(mine_id, on_date)
         WHERE c.mine_id = v.mine_id AND c.reason = '登记'`,
  );
}

/** Moves the last tailings discharge of the mines of one kind and some statuses `years` back. */
export async function backdateTailingsDischarge(
  db: Db,
  f: { kind: MineKind; statuses: MineStatus[] },
  years: number,
) {
  await db.execute(
    sql`UPDATE mines SET tailings_last_discharge = tailings_last_discharge - make_interval(years => ${years}::int)
         WHERE kind = ${f.kind} AND status IN (${sql.join(
           f.statuses.map((s) => sql`${s}`),
           sql`, `,
         )})`,
  );
}

/** The live mines of a county that are not closed, by name, with their enterprise's name. */
export async function openMinesOfCounty(db: Db, countyCode: string) {
  return db
    .select({ id: mines.id, kind: mines.kind, enterpriseName: enterprises.name })
    .from(mines)
    .innerJoin(enterprises, eq(enterprises.id, mines.enterpriseId))
    .where(
      and(
        eq(mines.countyCode, countyCode),
        sql`${mines.status} <> ${'关闭' satisfies MineStatus}`,
        isNull(mines.archivedAt),
      ),
    )
    .orderBy(asc(mines.name));
}

/** A mine's id and kind with its enterprise's name. */
export async function findMineWithEnterprise(db: Db, id: string) {
  const [row] = await db
    .select({ id: mines.id, kind: mines.kind, enterpriseName: enterprises.name })
    .from(mines)
    .innerJoin(enterprises, eq(enterprises.id, mines.enterpriseId))
    .where(eq(mines.id, id));
  return row;
}

/**
 * Mines of the given counties and kinds, by county and name: optionally only those of one status, only
 * live ones, and at most `limit`.
 */
export async function minesOfCounties(
  db: Db,
  f: { counties: string[]; kinds: MineKind[]; status?: MineStatus; liveOnly?: boolean },
  limit?: number,
) {
  const q = db
    .select({
      id: mines.id,
      kind: mines.kind,
      countyCode: mines.countyCode,
      status: mines.status,
      enterpriseId: mines.enterpriseId,
    })
    .from(mines)
    .where(
      and(
        inArray(mines.countyCode, f.counties),
        inArray(mines.kind, f.kinds),
        f.status ? eq(mines.status, f.status) : undefined,
        f.liveOnly ? isNull(mines.archivedAt) : undefined,
      ),
    )
    .orderBy(asc(mines.countyCode), asc(mines.name))
    .$dynamic();
  return limit === undefined ? q : q.limit(limit);
}
