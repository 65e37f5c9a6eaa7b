/**
 * @module SQL of the mine map: the mines matching a condition with their open alarms rolled up (the
 * highest level and how many).
 */
import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { warningLevels } from '../../../shared/monitoring.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import { mines } from '../registry/mine.table.ts';
import { allOf } from '../registry/registry.scope.ts';
import { alarms } from './monitoring.table.ts';

/** The rank of an alarm's level, 1 (蓝色) … 4 (红色), as SQL over `alarms.level`. */
const levelRankSql = sql.join(
  [
    sql`CASE ${alarms.level}`,
    ...warningLevels.map((level, i) => sql`WHEN ${level} THEN ${i + 1}`),
    sql`END`,
  ],
  sql` `,
);

/** Unarchived mines matching `where` (a condition on `mines`), by name, with their open alarms. */
export async function mineMapRows(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: mines.id,
      name: mines.name,
      kind: mines.kind,
      status: mines.status,
      countyCode: mines.countyCode,
      longitude: mines.longitude,
      latitude: mines.latitude,
      worstRank: sql<number | null>`max(${levelRankSql})::int`,
      openAlarms: count(alarms.id),
    })
    .from(mines)
    .leftJoin(alarms, and(eq(alarms.mineId, mines.id), isNull(alarms.closedAt)))
    .where(allOf(where, isNull(mines.archivedAt)))
    .groupBy(mines.id)
    .orderBy(asc(mines.name));
}
export type MineMapRow = Awaited<ReturnType<typeof mineMapRows>>[number];
