/**
 * @module SQL of 隐蔽致灾因素普查: surveys with their mine, report files, the mines with the date of their
 * latest passed survey (the findings), and the public grade list of a region.
 */
import { and, asc, desc, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { SurveyState, type SurveyState as State } from '../../../shared/surveys.ts';
import { MineStatus } from '../../../shared/registry.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import { enterprises } from '../registry/enterprise.table.ts';
import { mines } from '../registry/mine.table.ts';
import { regions } from '../registry/region.table.ts';
import { mineInRegion } from '../registry/registry.scope.ts';
import { surveyFiles, surveys } from './survey.table.ts';

function selectSurveys(db: Db) {
  return db
    .select({
      survey: surveys,
      mineName: mines.name,
      countyCode: mines.countyCode,
      countyName: regions.name,
      enterpriseName: enterprises.name,
    })
    .from(surveys)
    .innerJoin(mines, eq(mines.id, surveys.mineId))
    .innerJoin(enterprises, eq(enterprises.id, mines.enterpriseId))
    .innerJoin(regions, eq(regions.code, mines.countyCode));
}
export type SurveyRow = Awaited<ReturnType<ReturnType<typeof selectSurveys>['execute']>>[number];

/** The select of one survey with its mine, for visibleByMine. */
export function surveySelect(db: Db) {
  return selectSurveys(db).$dynamic();
}

export interface SurveyFilter {
  mineScope: SQL | undefined;
  region?: string | undefined;
  mineId?: string | undefined;
  state?: State | undefined;
}

/** Surveys newest first, at most `limit`. */
export function listSurveys(db: Db, f: SurveyFilter, limit: number) {
  return selectSurveys(db)
    .where(
      and(
        f.mineScope,
        mineInRegion(f.region),
        f.mineId ? eq(surveys.mineId, f.mineId) : undefined,
        f.state ? eq(surveys.state, f.state) : undefined,
      ),
    )
    .orderBy(desc(surveys.surveyedOn), desc(surveys.createdAt))
    .limit(limit);
}

export async function insertSurvey(db: Db, values: typeof surveys.$inferInsert) {
  const [row] = await db.insert(surveys).values(values).returning({ id: surveys.id });
  return row?.id;
}

export async function updateSurveyRow(
  db: Db,
  id: string,
  set: Partial<typeof surveys.$inferInsert>,
  at: Date,
) {
  await db
    .update(surveys)
    .set({ ...set, updatedAt: at, version: sql`${surveys.version} + 1` })
    .where(eq(surveys.id, id));
}

/** The report files of a survey (without their content), oldest first. */
export function filesOf(db: Db, surveyId: string) {
  return db
    .select({
      id: surveyFiles.id,
      fileName: surveyFiles.fileName,
      contentType: surveyFiles.contentType,
      sizeBytes: surveyFiles.sizeBytes,
      sha256: surveyFiles.sha256,
      uploadedAt: surveyFiles.uploadedAt,
    })
    .from(surveyFiles)
    .where(eq(surveyFiles.surveyId, surveyId))
    .orderBy(asc(surveyFiles.uploadedAt));
}

/** One report file of a survey with its content. */
export async function findFile(db: Db, surveyId: string, fileId: string) {
  const [row] = await db
    .select()
    .from(surveyFiles)
    .where(and(eq(surveyFiles.surveyId, surveyId), eq(surveyFiles.id, fileId)));
  return row;
}

const lastPassed = sql<
  string | null
>`(SELECT max(${surveys.surveyedOn})::text FROM ${surveys} WHERE ${surveys.mineId} = ${mines.id} AND ${surveys.state} = ${SurveyState.Passed})`;

/** Mines in operation (not closed, not archived) within a scope, with the date of their latest passed survey. */
export function minesWithLastSurvey(db: Db, mineScope: SQL | undefined, region?: string) {
  return db
    .select({
      id: mines.id,
      name: mines.name,
      enterpriseId: mines.enterpriseId,
      countyCode: mines.countyCode,
      countyName: regions.name,
      disasterGrade: mines.disasterGrade,
      lastPassedSurveyOn: lastPassed,
    })
    .from(mines)
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .where(
      and(
        mineScope,
        mineInRegion(region),
        isNull(mines.archivedAt),
        ne(mines.status, MineStatus.Closed),
      ),
    )
    .orderBy(asc(mines.countyCode), asc(mines.name));
}

/**
 * The published grades of a region: every mine (not archived or closed) whose grade a passed survey
 * set, with that survey's date and review date — nothing of a survey not yet passed.
 */
export function publishedGrades(db: Db, region: string) {
  return db
    .selectDistinctOn([mines.id], {
      mineId: mines.id,
      mineName: mines.name,
      enterpriseName: enterprises.name,
      countyName: regions.name,
      countyCode: mines.countyCode,
      grade: surveys.grade,
      surveyedOn: surveys.surveyedOn,
      reviewedOn: surveys.reviewedOn,
    })
    .from(surveys)
    .innerJoin(mines, eq(mines.id, surveys.mineId))
    .innerJoin(enterprises, eq(enterprises.id, mines.enterpriseId))
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .where(
      and(
        eq(surveys.state, SurveyState.Passed),
        mineInRegion(region),
        isNull(mines.archivedAt),
        ne(mines.status, MineStatus.Closed),
      ),
    )
    .orderBy(asc(mines.id), desc(surveys.surveyedOn), desc(surveys.reviewedOn));
}

/** A region by code, for the public list. */
export async function findRegion(db: Db, code: string) {
  const [row] = await db.select().from(regions).where(eq(regions.code, code));
  return row;
}

/** The grade of a mine's latest passed survey (by survey date, then review date). */
export async function latestPassedGrade(db: Db, mineId: string) {
  const [row] = await db
    .select({ grade: surveys.grade })
    .from(surveys)
    .where(and(eq(surveys.mineId, mineId), eq(surveys.state, SurveyState.Passed)))
    .orderBy(desc(surveys.surveyedOn), desc(surveys.reviewedOn))
    .limit(1);
  return row?.grade;
}
