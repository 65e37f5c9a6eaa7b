/**
 * @module The SQL of a task's progress (issue 8 §1): the progress reported by its units and the
 * evidence files attached to it (stored through platform/files).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode } from '../../platform/errors.ts';
import { taskProgress, taskProgressFiles } from './plan.table.ts';

export type TaskProgressRow = typeof taskProgress.$inferSelect;
export type TaskFileRow = typeof taskProgressFiles.$inferSelect;
/** A file's row without its content. */
export type TaskFileMeta = Omit<TaskFileRow, 'content'>;

/** A task's progress, earliest first. */
export function progressOfTask(db: Db, taskId: string): Promise<TaskProgressRow[]> {
  return db
    .select()
    .from(taskProgress)
    .where(eq(taskProgress.taskId, taskId))
    .orderBy(asc(taskProgress.reportedAt));
}

/** One progress report of a task. */
export async function findProgress(
  db: Db,
  taskId: string,
  progressId: string,
): Promise<TaskProgressRow | undefined> {
  const [row] = await db
    .select()
    .from(taskProgress)
    .where(and(eq(taskProgress.id, progressId), eq(taskProgress.taskId, taskId)));
  return row;
}

export async function insertProgress(db: Db, values: typeof taskProgress.$inferInsert) {
  const [row] = await db.insert(taskProgress).values(values).returning();
  if (!row) {
    throw new AppError(AppErrorCode.Internal, 'progress not written');
  }
  return row;
}

/** The files of progress reports, without content, oldest first. */
export function filesOfProgress(db: Db, progressIds: string[]): Promise<TaskFileMeta[]> {
  if (progressIds.length === 0) {
    return Promise.resolve([]);
  }
  return db
    .select({
      id: taskProgressFiles.id,
      progressId: taskProgressFiles.progressId,
      fileName: taskProgressFiles.fileName,
      contentType: taskProgressFiles.contentType,
      sizeBytes: taskProgressFiles.sizeBytes,
      sha256: taskProgressFiles.sha256,
      uploadedBy: taskProgressFiles.uploadedBy,
      uploadedAt: taskProgressFiles.uploadedAt,
    })
    .from(taskProgressFiles)
    .where(inArray(taskProgressFiles.progressId, progressIds))
    .orderBy(asc(taskProgressFiles.uploadedAt));
}

/** A file with its content, when it belongs to the task's progress. */
export async function findFileOfTask(
  db: Db,
  taskId: string,
  fileId: string,
): Promise<TaskFileRow | undefined> {
  const [row] = await db
    .select({ file: taskProgressFiles })
    .from(taskProgressFiles)
    .innerJoin(taskProgress, eq(taskProgress.id, taskProgressFiles.progressId))
    .where(and(eq(taskProgressFiles.id, fileId), eq(taskProgress.taskId, taskId)));
  return row?.file;
}
