/**
 * @module SQL of the received files: the one stored per content, and the reads of a mine's feeds (the
 * newest file per type, files per hour, the refused ones), also for every coal mine of a jurisdiction.
 */
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { MineKind, MineStatus } from '../../../shared/registry.enums.ts';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { mines } from '../registry/mine.table.ts';
import { coalFiles } from './coal-file.table.ts';
import type { CoalFileType } from './coal.layouts.ts';

export type CoalFileRow = typeof coalFiles.$inferSelect;

/** Files refused whole or in part. */
const refusedFile = sql`(${coalFiles.outcome} = 'refused' OR ${coalFiles.refused} > 0)`;

/** The mine's file with this content, if it was received before. */
export async function fileBySha(db: Db, mineId: string, sha256: string) {
  const [row] = await db
    .select()
    .from(coalFiles)
    .where(and(eq(coalFiles.mineId, mineId), eq(coalFiles.sha256, sha256)));
  return row;
}

/** Stores a file; undefined when the mine already has one with this content (a concurrent upload). */
export async function insertFile(tx: Db, values: typeof coalFiles.$inferInsert) {
  const [row] = await tx.insert(coalFiles).values(values).onConflictDoNothing().returning();
  return row;
}

/** Writes a stored file's counts and problems once its records are mapped. */
export async function finishFile(
  tx: Db,
  id: string,
  set: Pick<CoalFileRow, 'stored' | 'duplicates' | 'refused' | 'problems' | 'warnings'>,
) {
  await tx.update(coalFiles).set(set).where(eq(coalFiles.id, id));
}

/** A mine's newest file of each type, with how many of that type came since `since`. */
export async function feedsOf(db: Db, mineId: string, since: Date) {
  return queryRows<{
    type: string;
    file_name: string;
    file_at: Date | string;
    received_at: Date | string;
    outcome: string;
    files: number;
    refused_files: number;
  }>(
    db,
    sql`SELECT DISTINCT ON (type) type, file_name, file_at, received_at, outcome,
          (SELECT count(*)::int FROM coal_files c WHERE c.mine_id = f.mine_id AND c.type = f.type
            AND c.received_at >= ${since.toISOString()}::timestamptz) AS files,
          (SELECT count(*)::int FROM coal_files c WHERE c.mine_id = f.mine_id AND c.type = f.type
            AND c.outcome = 'refused' AND c.received_at >= ${since.toISOString()}::timestamptz) AS refused_files
        FROM coal_files f WHERE f.mine_id = ${mineId}
        ORDER BY type, file_at DESC, received_at DESC`,
  );
}

/** A mine's files received since `since`, the newest first (refused ones only when asked). */
export async function filesOf(
  db: Db,
  mineId: string,
  f: { since: Date; refusedOnly: boolean },
  limit: number,
) {
  return db
    .select()
    .from(coalFiles)
    .where(
      and(
        eq(coalFiles.mineId, mineId),
        gte(coalFiles.receivedAt, f.since),
        f.refusedOnly ? refusedFile : undefined,
      ),
    )
    .orderBy(desc(coalFiles.receivedAt))
    .limit(limit);
}

/**
 * The coal mines (a 煤矿编码, or a coal kind without one) among `where` (the caller's scope and region),
 * in service: not archived, not closed.
 */
function coalMinesWhere(where: SQL | undefined): SQL {
  return and(
    where,
    sql`(${mines.coalCode} IS NOT NULL OR ${mines.kind} IN (${MineKind.CoalUnderground}, ${MineKind.CoalOpenPit}))`,
    sql`${mines.archivedAt} IS NULL`,
    sql`${mines.status} <> ${MineStatus.Closed}`,
  ) as SQL;
}

/** One coal mine and file type: the newest accepted file's times and the counts by the files' own time. */
export interface RegionFeedRow {
  mine_id: string;
  mine_name: string;
  county_code: string;
  coal_code: string | null;
  type: CoalFileType;
  file_at: Date | string | null;
  received_at: Date | string | null;
  files_hour: number;
  files_day: number;
  refused_day: number;
}

/**
 * Every coal mine among `where` crossed with every file type: the newest accepted file (by its own time)
 * and how many came in the last hour and day, refused ones (whole or in part) apart — one statement, each count a range of the
 * index on (mine, type, file time). Mines by name.
 */
export function regionFeeds(
  db: Db,
  where: SQL | undefined,
  types: readonly CoalFileType[],
  since: { hour: Date; day: Date },
  limit: number,
) {
  const hour = since.hour.toISOString();
  const day = since.day.toISOString();
  return queryRows<RegionFeedRow>(
    db,
    sql`SELECT m.id AS mine_id, m.name AS mine_name, m.county_code, m.coal_code, t.type,
          newest.file_at, newest.received_at,
          (SELECT count(*)::int FROM coal_files c WHERE c.mine_id = m.id AND c.type = t.type
            AND c.file_at >= ${hour}::timestamptz) AS files_hour,
          (SELECT count(*)::int FROM coal_files c WHERE c.mine_id = m.id AND c.type = t.type
            AND c.file_at >= ${day}::timestamptz) AS files_day,
          (SELECT count(*)::int FROM coal_files c WHERE c.mine_id = m.id AND c.type = t.type
            AND c.file_at >= ${day}::timestamptz
            AND (c.outcome = 'refused' OR c.refused > 0)) AS refused_day
        FROM (SELECT ${mines.id} AS id, ${mines.name} AS name, ${mines.countyCode} AS county_code,
                ${mines.coalCode} AS coal_code
              FROM ${mines} WHERE ${coalMinesWhere(where)}
              ORDER BY ${mines.name}, ${mines.id} LIMIT ${limit}) m
        CROSS JOIN (VALUES ${sql.join(
          types.map((t) => sql`(${t})`),
          sql`, `,
        )}) AS t(type)
        LEFT JOIN LATERAL (SELECT c.file_at, c.received_at FROM coal_files c
          WHERE c.mine_id = m.id AND c.type = t.type AND c.outcome = 'stored'
          ORDER BY c.file_at DESC, c.received_at DESC LIMIT 1) newest ON true
        ORDER BY m.name, m.id`,
  );
}

/**
 * The newest files refused (whole or in part) since `since` at the coal mines among `where`, at most
 * `perMine` of each mine.
 */
export async function refusedFilesIn(
  db: Db,
  where: SQL | undefined,
  since: Date,
  perMine: number,
): Promise<CoalFileRow[]> {
  const ranked = db
    .select({
      id: coalFiles.id,
      rank: sql<number>`row_number() OVER (PARTITION BY ${coalFiles.mineId} ORDER BY ${coalFiles.fileAt} DESC, ${coalFiles.receivedAt} DESC)`.as(
        'rank',
      ),
    })
    .from(coalFiles)
    .where(
      and(
        sql`${coalFiles.mineId} IN (SELECT ${mines.id} FROM ${mines} WHERE ${coalMinesWhere(where)})`,
        gte(coalFiles.fileAt, since),
        refusedFile,
      ),
    )
    .as('ranked');
  const rows = await db
    .select({ file: coalFiles })
    .from(coalFiles)
    .innerJoin(ranked, eq(ranked.id, coalFiles.id))
    .where(lte(ranked.rank, perMine))
    .orderBy(desc(coalFiles.fileAt));
  return rows.map((r) => r.file);
}

/** The newest name time of the stored files of a type among these mines (undefined when none). */
export async function lastFileAt(db: Db, mineIds: string[], type: string) {
  if (mineIds.length === 0) {
    return undefined;
  }
  const [row] = await queryRows<{ at: string | null }>(
    db,
    sql`SELECT max(file_at) AS at FROM coal_files
        WHERE type = ${type} AND outcome = 'stored' AND mine_id IN (${sql.join(
          mineIds.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
  return row?.at ? new Date(row.at).getTime() : undefined;
}
