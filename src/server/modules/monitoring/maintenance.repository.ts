/**
 * @module SQL of maintenance windows: storing, listing and ending them, and whether one covers an alarm's
 * subject now.
 */
import { and, desc, eq, gt, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { mines } from '../registry/mine.table.ts';
import { allOf } from '../registry/registry.scope.ts';
import { maintenanceWindows } from './monitoring.table.ts';

export type MaintenanceRow = typeof maintenanceWindows.$inferSelect;

export async function insertMaintenance(tx: Db, values: typeof maintenanceWindows.$inferInsert) {
  const [row] = await tx.insert(maintenanceWindows).values(values).returning();
  return row;
}

/** Windows at mines in scope (of one mine if given), the latest start first, at most `limit`. */
export async function listMaintenance(
  db: Db,
  f: { mineScope: SQL | undefined; mineId?: string | undefined },
  limit: number,
) {
  const rows = await db
    .select({ w: maintenanceWindows })
    .from(maintenanceWindows)
    .innerJoin(mines, eq(mines.id, maintenanceWindows.mineId))
    .where(allOf(f.mineScope, f.mineId ? eq(maintenanceWindows.mineId, f.mineId) : undefined))
    .orderBy(desc(maintenanceWindows.startsAt))
    .limit(limit);
  return rows.map((r) => r.w);
}

/** Marks a window cancelled at `at`, ending it at `endsAt`; the changed row. */
export async function cancelMaintenanceRow(tx: Db, id: string, at: Date, endsAt: Date) {
  const [row] = await tx
    .update(maintenanceWindows)
    .set({ cancelledAt: at, endsAt })
    .where(eq(maintenanceWindows.id, id))
    .returning();
  return row;
}

/** Whether a maintenance window covers the subject (its mine, sensor or facility) at `at`. */
export async function inMaintenance(
  tx: Db,
  s: { mineId: string; sensorId: string | null; facilityId: string | null },
  at: Date,
): Promise<boolean> {
  const rows = await tx
    .select({ id: maintenanceWindows.id })
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.mineId, s.mineId),
        lte(maintenanceWindows.startsAt, at),
        gt(maintenanceWindows.endsAt, at),
        isNull(maintenanceWindows.cancelledAt),
        or(
          isNull(maintenanceWindows.sensorId),
          s.sensorId ? eq(maintenanceWindows.sensorId, s.sensorId) : sql`false`,
        ),
        or(
          isNull(maintenanceWindows.facilityId),
          s.facilityId ? eq(maintenanceWindows.facilityId, s.facilityId) : sql`false`,
        ),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
