/**
 * @module The SQL of the enterprises' progress reports to the plan (issue 25 §7): who must report (an
 * enterprise with a live mine in the schedule's region and the caller's scope), what they filed, files.
 */
import { and, asc, eq, inArray, isNull, like, min, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { enterprises } from '../registry/enterprise.table.ts';
import { mines } from '../registry/mine.table.ts';
import { enterpriseReportFiles, enterpriseReports } from './enterprise-report.table.ts';

export type EnterpriseReportRow = typeof enterpriseReports.$inferSelect;
export type EnterpriseReportFileRow = typeof enterpriseReportFiles.$inferSelect;

/** An enterprise that must report, with the county of one of its mines there (for notices). */
export interface ObligedEnterprise {
  id: string;
  name: string;
  countyCode: string;
}

/** Enterprises with a live (not archived, not closed) mine under `prefix` matching `scope`. */
export async function obligedEnterprises(
  db: Db,
  prefix: string,
  scope: SQL | undefined,
): Promise<ObligedEnterprise[]> {
  const rows = await db
    .select({ id: enterprises.id, name: enterprises.name, countyCode: min(mines.countyCode) })
    .from(enterprises)
    .innerJoin(mines, eq(mines.enterpriseId, enterprises.id))
    .where(
      and(
        like(mines.countyCode, `${prefix}%`),
        isNull(mines.archivedAt),
        ne(mines.status, '关闭'),
        scope,
      ),
    )
    .groupBy(enterprises.id, enterprises.name)
    .orderBy(asc(enterprises.name), asc(enterprises.id));
  return rows.map((r) => ({ ...r, countyCode: r.countyCode ?? '' }));
}

/** The reports of these enterprises, with their file's name and size when there is one. */
export async function reportsOf(db: Db, enterpriseIds: string[]) {
  if (enterpriseIds.length === 0) {
    return [];
  }
  return db
    .select({
      report: enterpriseReports,
      fileId: enterpriseReportFiles.id,
      fileName: enterpriseReportFiles.fileName,
      sizeBytes: enterpriseReportFiles.sizeBytes,
    })
    .from(enterpriseReports)
    .leftJoin(enterpriseReportFiles, eq(enterpriseReportFiles.reportId, enterpriseReports.id))
    .where(inArray(enterpriseReports.enterpriseId, enterpriseIds));
}

export async function findReport(db: Db, id: string) {
  const [row] = await db.select().from(enterpriseReports).where(eq(enterpriseReports.id, id));
  return row;
}

export async function findReportOf(db: Db, enterpriseId: string, dueOn: string) {
  const [row] = await db
    .select()
    .from(enterpriseReports)
    .where(
      and(eq(enterpriseReports.enterpriseId, enterpriseId), eq(enterpriseReports.dueOn, dueOn)),
    );
  return row;
}

export async function insertReport(db: Db, values: typeof enterpriseReports.$inferInsert) {
  const [row] = await db.insert(enterpriseReports).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findFile(db: Db, reportId: string) {
  const [row] = await db
    .select()
    .from(enterpriseReportFiles)
    .where(eq(enterpriseReportFiles.reportId, reportId));
  return row;
}

/** Whether the enterprise has a live mine under `prefix`. */
export async function hasLiveMineUnder(db: Db, enterpriseId: string, prefix: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(mines)
    .where(
      and(
        eq(mines.enterpriseId, enterpriseId),
        like(mines.countyCode, `${prefix}%`),
        isNull(mines.archivedAt),
        ne(mines.status, '关闭'),
      ),
    );
  return Number(row?.n ?? 0) > 0;
}
