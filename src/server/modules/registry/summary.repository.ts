/**
 * @module SQL for the registry dashboard: counts by attribute and region, licence and status alerts.
 */
import { and, asc, count, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { MineStatus } from '../../../shared/registry.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import { licences, mines } from './mine.table.ts';
import { regions } from './region.table.ts';

export type GroupColumn = 'kind' | 'status' | 'scale' | 'standardizationLevel';

export async function countBy(db: Db, where: SQL | undefined, column: GroupColumn) {
  const col = mines[column];
  return db
    .select({ key: col, count: count() })
    .from(mines)
    .where(and(where, isNull(mines.archivedAt)))
    .groupBy(col)
    .orderBy(asc(col));
}

/** Mine counts per child region, where a child is identified by the first `prefixLength` digits. */
export async function countByChildRegion(db: Db, where: SQL | undefined, prefixLength: 4 | 6) {
  const child =
    prefixLength === 4
      ? sql<string>`substr(${mines.countyCode}, 1, 4) || '00'`
      : sql<string>`${mines.countyCode}`;
  const rows = await db
    .select({ code: child, count: count() })
    .from(mines)
    .where(and(where, isNull(mines.archivedAt)))
    .groupBy(child)
    .orderBy(child);
  const names = rows.length
    ? await db
        .select({ code: regions.code, name: regions.name })
        .from(regions)
        .where(
          inArray(
            regions.code,
            rows.map((r) => r.code),
          ),
        )
    : [];
  const byCode = new Map(names.map((n) => [n.code, n.name]));
  return rows.map((r) => ({ code: r.code, name: byCode.get(r.code) ?? r.code, count: r.count }));
}

/** Current licences of unarchived mines matching `where` that expire between two days (inclusive). */
export function licencesExpiring(
  db: Db,
  where: SQL | undefined,
  between: { from: string; until: string },
  limit: number,
) {
  return licenceAlerts(
    db,
    where,
    sql`${licences.expiresOn} >= ${between.from} AND ${licences.expiresOn} <= ${between.until}`,
    limit,
  );
}

/** Current licences of unarchived mines matching `where` that expired before a day. */
export function licencesExpired(db: Db, where: SQL | undefined, before: string, limit: number) {
  return licenceAlerts(db, where, sql`${licences.expiresOn} < ${before}`, limit);
}

/** Current licences of unarchived mines matching `where` whose expiry satisfies `expiry`. */
async function licenceAlerts(db: Db, where: SQL | undefined, expiry: SQL, limit: number) {
  const cond = and(where, isNull(mines.archivedAt), isNull(licences.archivedAt), expiry);
  const items = await db
    .select({
      mineId: mines.id,
      mineName: mines.name,
      countyName: regions.name,
      kind: licences.kind,
      number: licences.number,
      expiresOn: licences.expiresOn,
    })
    .from(licences)
    .innerJoin(mines, eq(mines.id, licences.mineId))
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .where(cond)
    .orderBy(asc(licences.expiresOn), asc(mines.name))
    .limit(limit);
  const [total] = await db
    .select({ n: count() })
    .from(licences)
    .innerJoin(mines, eq(mines.id, licences.mineId))
    .where(cond);
  return { total: total?.n ?? 0, items };
}

export async function minesWithStatus(
  db: Db,
  where: SQL | undefined,
  statuses: MineStatus[],
  limit: number,
) {
  const cond = and(where, isNull(mines.archivedAt), inArray(mines.status, statuses));
  const items = await db
    .select({
      id: mines.id,
      name: mines.name,
      countyName: regions.name,
      kind: mines.kind,
      status: mines.status,
      statusSince: mines.statusSince,
    })
    .from(mines)
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .where(cond)
    .orderBy(asc(mines.statusSince), asc(mines.name))
    .limit(limit);
  const [total] = await db.select({ n: count() }).from(mines).where(cond);
  return { total: total?.n ?? 0, items };
}
