/**
 * @module SQL for enterprises.
 */
import { and, asc, count, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { enterprises } from './enterprise.table.ts';
import { regions } from './region.table.ts';
import { mines } from './mine.table.ts';
import { likeText } from './registry.scope.ts';

export type EnterpriseRow = typeof enterprises.$inferSelect & { regionName: string };

/** Selects enterprises with their region name. */
/** The entity's select with its joins (visibleByMine / visibleEnterprise take it). */
export function selectEnterprises(db: Db) {
  return db
    .select({
      id: enterprises.id,
      creditCode: enterprises.creditCode,
      name: enterprises.name,
      regionCode: enterprises.regionCode,
      legalRepresentative: enterprises.legalRepresentative,
      parentCompany: enterprises.parentCompany,
      address: enterprises.address,
      archivedAt: enterprises.archivedAt,
      version: enterprises.version,
      createdAt: enterprises.createdAt,
      updatedAt: enterprises.updatedAt,
      regionName: regions.name,
    })
    .from(enterprises)
    .innerJoin(regions, eq(regions.code, enterprises.regionCode));
}

export async function findEnterprise(db: Db, id: string, scope: SQL | undefined) {
  const [row] = await selectEnterprises(db).where(and(eq(enterprises.id, id), scope));
  return row;
}

export async function findEnterpriseByCreditCode(db: Db, creditCode: string) {
  const [row] = await selectEnterprises(db).where(eq(enterprises.creditCode, creditCode));
  return row;
}

export interface EnterpriseFilter {
  scope: SQL | undefined;
  regionPrefix?: string | undefined;
  q?: string | undefined;
  includeArchived?: boolean | undefined;
}

function filterCondition(f: EnterpriseFilter): SQL | undefined {
  return and(
    f.scope,
    f.regionPrefix ? sql`${enterprises.regionCode} LIKE ${`${f.regionPrefix}%`}` : undefined,
    f.q
      ? or(ilike(enterprises.name, likeText(f.q)), ilike(enterprises.creditCode, likeText(f.q)))
      : undefined,
    f.includeArchived ? undefined : isNull(enterprises.archivedAt),
  );
}

/** A page ordered by (name, id), starting after the cursor. */
export async function listEnterprises(
  db: Db,
  f: EnterpriseFilter,
  page: { limit: number; after?: [string, string] | undefined },
) {
  const where = and(
    filterCondition(f),
    page.after
      ? sql`(${enterprises.name}, ${enterprises.id}) > (${page.after[0]}, ${page.after[1]}::uuid)`
      : undefined,
  );
  return selectEnterprises(db)
    .where(where)
    .orderBy(asc(enterprises.name), asc(enterprises.id))
    .limit(page.limit);
}

export async function countEnterprises(db: Db, f: EnterpriseFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(enterprises).where(filterCondition(f));
  return row?.n ?? 0;
}

export async function insertEnterprise(db: Db, values: typeof enterprises.$inferInsert) {
  const [row] = await db.insert(enterprises).values(values).returning({ id: enterprises.id });
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row.id;
}

/** Inserts several enterprises whose ids are already chosen (an import's new ones, the demo seed's). */
export async function insertEnterprises(db: Db, values: (typeof enterprises.$inferInsert)[]) {
  if (values.length) {
    await db.insert(enterprises).values(values);
  }
}

/** The ids of the enterprises registered under the given credit codes. */
export async function enterpriseIdsByCreditCode(
  db: Db,
  creditCodes: string[],
): Promise<{ id: string; creditCode: string }[]> {
  if (creditCodes.length === 0) {
    return [];
  }
  return db
    .select({ id: enterprises.id, creditCode: enterprises.creditCode })
    .from(enterprises)
    .where(inArray(enterprises.creditCode, creditCodes));
}

/** Whether each of the given enterprises exists and when it was archived. */
export async function enterpriseArchiveStates(
  db: Db,
  ids: string[],
): Promise<{ id: string; archivedAt: Date | null }[]> {
  return db
    .select({ id: enterprises.id, archivedAt: enterprises.archivedAt })
    .from(enterprises)
    .where(inArray(enterprises.id, ids));
}

/** The registered parent company (上级公司) of an enterprise: null or '' when none. */
export async function parentCompanyOf(db: Db, id: string): Promise<string | null | undefined> {
  const [row] = await db
    .select({ parentCompany: enterprises.parentCompany })
    .from(enterprises)
    .where(eq(enterprises.id, id));
  return row?.parentCompany;
}

export async function updateEnterpriseRow(
  db: Db,
  id: string,
  set: Partial<typeof enterprises.$inferInsert>,
  at: Date,
) {
  await db
    .update(enterprises)
    .set({ ...set, updatedAt: at, version: sql`${enterprises.version} + 1` })
    .where(eq(enterprises.id, id));
}

/** How many unarchived mines an enterprise still has. */
export async function countActiveMines(db: Db, enterpriseId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(mines)
    .where(and(eq(mines.enterpriseId, enterpriseId), isNull(mines.archivedAt)));
  return row?.n ?? 0;
}
