/** @module The SQL of progress-report evidence files (issue 8 §1), shared by the task views. */
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { workTaskReportFiles } from './plan.table.ts';

type FileRow = typeof workTaskReportFiles.$inferSelect;

export const presentFile = (r: Omit<FileRow, 'content'>) => ({
  id: r.id,
  reportId: r.reportId,
  fileName: r.fileName,
  contentType: r.contentType,
  sizeBytes: r.sizeBytes,
  sha256: r.sha256,
  uploadedAt: r.uploadedAt.toISOString(),
});

/** The files of a task's reports, without content, by report. */
export async function filesOfReports(db: Db, reportIds: string[]) {
  if (reportIds.length === 0) {
    return new Map<string, ReturnType<typeof presentFile>[]>();
  }
  const rows = await db
    .select({
      id: workTaskReportFiles.id,
      reportId: workTaskReportFiles.reportId,
      fileName: workTaskReportFiles.fileName,
      contentType: workTaskReportFiles.contentType,
      sizeBytes: workTaskReportFiles.sizeBytes,
      sha256: workTaskReportFiles.sha256,
      uploadedBy: workTaskReportFiles.uploadedBy,
      uploadedAt: workTaskReportFiles.uploadedAt,
    })
    .from(workTaskReportFiles)
    .where(inArray(workTaskReportFiles.reportId, reportIds))
    .orderBy(asc(workTaskReportFiles.uploadedAt));
  const out = new Map<string, ReturnType<typeof presentFile>[]>();
  for (const r of rows) {
    out.set(r.reportId, [...(out.get(r.reportId) ?? []), presentFile(r)]);
  }
  return out;
}
