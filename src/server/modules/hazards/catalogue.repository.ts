/**
 * @module SQL for the criteria catalogue: standard versions (hazard_standards) and their items
 * (hazard_criteria).
 */
import { and, asc, count, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { likeText } from '../registry/registry.scope.ts';
import { hazardCriteria, hazardStandards } from './hazard.table.ts';

export type StandardRow = typeof hazardStandards.$inferSelect;
export type CriterionRow = typeof hazardCriteria.$inferSelect;

/** Inserts a standard version; returns its id. */
export async function insertStandard(
  db: Db,
  values: typeof hazardStandards.$inferInsert,
): Promise<string> {
  const [row] = await db
    .insert(hazardStandards)
    .values(values)
    .returning({ id: hazardStandards.id });
  return row?.id ?? '';
}

/** Inserts the items of a standard version, 500 to a statement. */
export async function insertCriteria(db: Db, rows: (typeof hazardCriteria.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db.insert(hazardCriteria).values(rows.slice(i, i + 500));
  }
}

export async function standardExists(db: Db, code: string, version: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(hazardStandards)
    .where(and(eq(hazardStandards.code, code), eq(hazardStandards.version, version)));
  return (row?.n ?? 0) > 0;
}

export async function findStandard(db: Db, id: string): Promise<StandardRow | undefined> {
  const [row] = await db.select().from(hazardStandards).where(eq(hazardStandards.id, id));
  return row;
}

/** Every standard version, by code and effective date. */
export async function listStandards(db: Db): Promise<StandardRow[]> {
  return db
    .select()
    .from(hazardStandards)
    .orderBy(asc(hazardStandards.code), asc(hazardStandards.effectiveOn));
}

/** How many items each standard version has, by standard id. */
export async function criteriaCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .select({ standardId: hazardCriteria.standardId, n: count() })
    .from(hazardCriteria)
    .groupBy(hazardCriteria.standardId);
  return new Map(rows.map((c) => [c.standardId, c.n]));
}

/** The items of a standard version in their order, optionally those for a mine kind or matching text. */
export async function listCriteria(
  db: Db,
  standardId: string,
  f: { kind?: string | undefined; q?: string | undefined },
): Promise<CriterionRow[]> {
  return db
    .select()
    .from(hazardCriteria)
    .where(
      and(
        eq(hazardCriteria.standardId, standardId),
        f.kind ? sql`${f.kind} = ANY(${hazardCriteria.applicableKinds})` : undefined,
        f.q
          ? or(ilike(hazardCriteria.text, likeText(f.q)), ilike(hazardCriteria.code, likeText(f.q)))
          : undefined,
      ),
    )
    .orderBy(asc(hazardCriteria.sortOrder));
}
