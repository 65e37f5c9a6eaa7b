/**
 * @module SQL of maintenance windows: storing, listing and ending them, and whether one covers an alarm's
 * subject now.
 */
import { and, desc, eq, gt, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { mines } from '../registry/mine.table.ts';
import { allOf } from '../registry/registry.scope.ts';
import { maintenanceWindows } from './monitoring.table.ts';

export type MaintenanceRow = typeof maintenanceWindows.$inferSelect;

export async function insertMaintenance(tx: Db, values: typeof maintenanceWindows.$inferInsert) {
  const [row] = await tx.insert(maintenanceWindows).values(values).returning();
  return row;
}

/** A sensor's window of this reason, not cancelled, that ends at or after `from` (the latest). */
export async function windowReaching(tx: Db, sensorId: string, reason: string, from: Date) {
  const [row] = await tx
    .select()
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.sensorId, sensorId),
        eq(maintenanceWindows.reason, reason),
        isNull(maintenanceWindows.cancelledAt),
        gte(maintenanceWindows.endsAt, from),
        lte(maintenanceWindows.startsAt, from),
      ),
    )
    .orderBy(desc(maintenanceWindows.endsAt))
    .limit(1);
  return row;
}

/** Moves a window's end later (never earlier). */
export async function extendWindow(tx: Db, id: string, endsAt: Date) {
  await tx
    .update(maintenanceWindows)
    .set({
      endsAt: sql`GREATEST(${maintenanceWindows.endsAt}, ${endsAt.toISOString()}::timestamptz)`,
    })
    .where(eq(maintenanceWindows.id, id));
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

/**
 * Whether a maintenance window covers the subject (its mine, sensor or facility) at `at`. On a
 * transaction that remembers (rememberMaintenance), a mine's windows open at `at` are read once.
 */
export async function inMaintenance(
  tx: Db,
  s: { mineId: string; sensorId: string | null; facilityId: string | null },
  at: Date,
): Promise<boolean> {
  const byMine = openWindows.get(tx);
  const key = `${s.mineId}@${at.getTime()}`;
  let windows = byMine?.get(key);
  if (!windows) {
    windows = await tx
      .select({ sensorId: maintenanceWindows.sensorId, facilityId: maintenanceWindows.facilityId })
      .from(maintenanceWindows)
      .where(
        and(
          eq(maintenanceWindows.mineId, s.mineId),
          lte(maintenanceWindows.startsAt, at),
          gt(maintenanceWindows.endsAt, at),
          isNull(maintenanceWindows.cancelledAt),
        ),
      );
    byMine?.set(key, windows);
  }
  return windows.some(
    (w) =>
      (w.sensorId === null || w.sensorId === s.sensorId) &&
      (w.facilityId === null || w.facilityId === s.facilityId),
  );
}

/**
 * Has inMaintenance read each mine's windows once on this transaction (the engine's writer: a group
 * that raises a thousand alarms at a mine asks once). For a transaction that changes no windows.
 */
export function rememberMaintenance(tx: Db): void {
  if (!openWindows.has(tx)) {
    openWindows.set(tx, new Map());
  }
}

/** Per remembering transaction, each mine's windows open at a time (see inMaintenance). */
const openWindows = new WeakMap<
  Db,
  Map<string, { sensorId: string | null; facilityId: string | null }[]>
>();
