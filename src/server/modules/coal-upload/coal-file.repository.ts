/**
 * @module SQL of the received files: the one stored per content, and the reads of a mine's feeds (the
 * newest file per type, files per hour, the refused ones).
 */
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { coalFiles } from './coal-file.table.ts';

export type CoalFileRow = typeof coalFiles.$inferSelect;

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
        f.refusedOnly
          ? sql`(${coalFiles.outcome} = 'refused' OR ${coalFiles.refused} > 0)`
          : undefined,
      ),
    )
    .orderBy(desc(coalFiles.receivedAt))
    .limit(limit);
}
