/** @module SQL of 重大事故隐患 investigations (one per hazard). */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { enterprises } from '../registry/enterprise.table.ts';
import { mines } from '../registry/mine.table.ts';
import { hazardInvestigations } from './investigation.table.ts';

/** The hazard's investigation; `lock`: its row locked for the transaction (concluding it). */
export async function findInvestigation(db: Db, hazardId: string, lock = false) {
  const q = db
    .select()
    .from(hazardInvestigations)
    .where(eq(hazardInvestigations.hazardId, hazardId));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** Opens one; undefined when the hazard already has one. */
export async function insertInvestigation(
  db: Db,
  values: typeof hazardInvestigations.$inferInsert,
) {
  const [row] = await db
    .insert(hazardInvestigations)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: hazardInvestigations.id });
  return row?.id;
}

export async function updateInvestigation(
  db: Db,
  hazardId: string,
  set: Partial<typeof hazardInvestigations.$inferInsert>,
  at: Date,
) {
  await db
    .update(hazardInvestigations)
    .set({ ...set, updatedAt: at, version: sql`${hazardInvestigations.version} + 1` })
    .where(eq(hazardInvestigations.hazardId, hazardId));
}

/** The parent company (上级公司) of the mine's enterprise, as registered. */
export async function parentCompanyOf(db: Db, mineId: string) {
  const [row] = await db
    .select({ parent: enterprises.parentCompany })
    .from(mines)
    .innerJoin(enterprises, eq(enterprises.id, mines.enterpriseId))
    .where(eq(mines.id, mineId));
  return row?.parent ?? null;
}
