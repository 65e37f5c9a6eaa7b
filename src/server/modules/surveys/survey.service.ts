/**
 * @module 隐蔽致灾因素普查 (issue 25 §1): a mine's survey filed by its enterprise (or a regulator) with
 * its factors, zones and scope, the grade the factors set ("就高不就低": 《2024年矿山安全生产工作要点》第10条;
 * 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第13条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第14条),
 * the regulator's review (专项审查, 要点第8条) that sets the mine's 灾害防治等级 in the registry and
 * publishes it, the report files, and the findings — mines without a survey in date. Everything is
 * scoped to the mines the caller may see.
 */
import type { SQL } from 'drizzle-orm';
import { DateWindows } from '../../../shared/date-windows.ts';
import { todayIn } from '../../../shared/dates.ts';
import type { SurveyFindingsQuery, SurveyListQuery } from '../../../shared/surveys.schemas.ts';
import {
  gradeOf,
  SurveyLimits,
  SurveyState,
  surveyFinding,
  type ReviewInput,
  type SurveyInput,
} from '../../../shared/surveys.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import {
  AppError,
  AppErrorCode,
  checkDateWindows,
  invalidField,
  notFound,
} from '../../platform/errors.ts';
import {
  acceptFile,
  evidencePolicy,
  storeFile,
  type FilePolicy,
} from '../../platform/files/files.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { loadMineForInput, setMineDisasterGrade } from '../registry/mine.service.ts';
import { checkVersion } from '../registry/registry.guards.ts';
import { mineScopeCondition, visibleByMine } from '../registry/registry.scope.ts';
import {
  presentFile,
  presentFinding,
  presentSurvey,
  presentSurveySummary,
} from './survey.presenter.ts';
import * as repo from './survey.repository.ts';
import { surveyFiles, surveys } from './survey.table.ts';
import { recordAudit } from './surveys.audit.ts';
import { SurveyPermission } from './surveys.permissions.ts';
import { surveysSettings } from './surveys.settings.ts';

/** What a survey report may be: a PDF or scanned pages. */
export const reportPolicy: FilePolicy = {
  ...evidencePolicy,
  noun: '普查报告',
  accepts: 'PDF 或 JPEG、PNG、WebP 图片',
  types: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'],
};

/** A survey of a mine the caller may see, or a 404 (never a 403). */
function loadVisibleSurvey(db: Db, principal: Principal, id: string, lock = false) {
  return visibleByMine(db, principal, surveys, id, {
    entity: 'hidden_hazard_survey',
    select: repo.surveySelect(db),
    lock,
  });
}

async function surveyView(db: Db, row: repo.SurveyRow) {
  return presentSurvey(
    row,
    await repo.filesOf(db, row.survey.id),
    await getSetting(db, surveysSettings.rules),
  );
}

/** One survey of the caller's jurisdiction with its factors, zones, review and files. */
export async function getSurvey(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, SurveyPermission.Read);
  return surveyView(deps.db, await loadVisibleSurvey(deps.db, principal, id));
}

/** The surveys of the caller's jurisdiction (or a region, mine or state of it), newest first. */
export async function listSurveys(deps: ServiceDeps, principal: Principal, q: SurveyListQuery) {
  requirePermission(principal, SurveyPermission.Read);
  const rules = await getSetting(deps.db, surveysSettings.rules);
  const rows = await repo.listSurveys(
    deps.db,
    { mineScope: mineScopeCondition(principal.scope), ...q },
    1000,
  );
  return rows.map((r) => presentSurveySummary(r, rules));
}

/**
 * Files a survey for a mine the caller may see (an enterprise only its own: any other mine is a 400 on
 * mineId): not dated in the future, at least one zone drawn, each factor's location once per type;
 * its grade is the highest of its factors. It waits for review before it sets anything.
 */
export async function fileSurvey(deps: ServiceDeps, principal: Principal, input: SurveyInput) {
  requirePermission(principal, SurveyPermission.File);
  const now = deps.clock();
  checkDateWindows(todayIn(deps.clock), { surveyedOn: [input.surveyedOn, DateWindows.happened] });
  if (input.zones.length === 0) {
    // 要点第8条: 逐矿、逐采区、逐采掘工作面“过筛子”, 分类划出可采区、缓采区、禁采区.
    throw invalidField('zones', '须划出可采区、缓采区或禁采区 (至少一个分区)');
  }
  const seen = new Set<string>();
  input.factors.forEach((f, i) => {
    const key = `${f.kind}\u0000${f.location}`;
    if (seen.has(key)) {
      throw invalidField(`factors.${i}.location`, `同一位置的${f.kind}已登记`, f.location);
    }
    seen.add(key);
  });
  const grade = gradeOf(input.factors);
  return deps.db.transaction(async (tx) => {
    await loadMineForInput(tx, principal, input.mineId);
    const id = await repo.insertSurvey(tx, {
      ...input,
      grade,
      state: SurveyState.Filed,
      filedBy: principal.userId,
      filedLabel: principal.displayName,
      createdAt: now,
      updatedAt: now,
    });
    if (!id) {
      throw new AppError(AppErrorCode.Internal, 'survey not stored');
    }
    await recordAudit(tx, actorOf(principal), now, {
      type: 'surveys.survey.filed',
      entityId: id,
      after: { ...input, grade },
    });
    return surveyView(tx, await loadVisibleSurvey(tx, principal, id));
  });
}

/**
 * Reviews a survey awaiting review (a 409 otherwise), on a date between its survey date and today:
 * passed, the mine's 灾害防治等级 becomes the grade of its latest passed survey and is published;
 * returned (普查不清或弄虚作假, 推倒重来: 西藏第13条, 原平第14条), nothing is set and the mine must file again.
 */
export async function reviewSurvey(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: ReviewInput & { version?: number | undefined },
) {
  requirePermission(principal, SurveyPermission.Review);
  const now = deps.clock();
  checkDateWindows(todayIn(deps.clock), { reviewedOn: [input.reviewedOn, DateWindows.happened] });
  return deps.db.transaction(async (tx) => {
    const row = await loadVisibleSurvey(tx, principal, id, true);
    const s = row.survey;
    checkVersion('hidden_hazard_survey', s.version, input.version);
    if (s.state !== SurveyState.Filed) {
      throw new AppError(AppErrorCode.Conflict, '该普查已审查', [
        { path: 'outcome', message: `当前状态为 ${s.state}`, value: input.outcome },
      ]);
    }
    if (input.reviewedOn < s.surveyedOn) {
      throw invalidField(
        'reviewedOn',
        `审查日期不能早于普查日期 ${s.surveyedOn}`,
        input.reviewedOn,
      );
    }
    await repo.updateSurveyRow(
      tx,
      id,
      {
        state: input.outcome,
        reviewedOn: input.reviewedOn,
        reviewNote: input.note,
        reviewedBy: principal.userId,
        reviewedLabel: principal.displayName,
      },
      now,
    );
    let mineGrade: string | undefined;
    if (input.outcome === SurveyState.Passed) {
      mineGrade = await repo.latestPassedGrade(tx, s.mineId);
      if (mineGrade) {
        await setMineDisasterGrade(tx, s.mineId, mineGrade as typeof s.grade);
      }
    }
    await recordAudit(tx, actorOf(principal), now, {
      type: 'surveys.survey.reviewed',
      entityId: id,
      before: { state: s.state },
      after: { ...input, grade: s.grade, mineGrade: mineGrade ?? null },
    });
    return surveyView(tx, await loadVisibleSurvey(tx, principal, id));
  });
}

/** Attaches a report file to a survey the caller may see (PDF or image by content, each once). */
export async function addSurveyFile(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  upload: { fileName: string; data: Buffer },
) {
  requirePermission(principal, SurveyPermission.File);
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    await loadVisibleSurvey(tx, principal, id, true);
    // Checked only once the survey is known to be the caller's: others' ids stay a 404.
    const file = acceptFile(reportPolicy, upload);
    const row = await storeFile(
      tx,
      surveyFiles,
      reportPolicy,
      { column: surveyFiles.surveyId, id, max: SurveyLimits.reportFilesMax, name: '次普查' },
      { ...file, surveyId: id, uploadedBy: principal.userId, uploadedAt: now },
    );
    await recordAudit(tx, actorOf(principal), now, {
      type: 'surveys.survey.file_added',
      entityId: id,
      after: { fileName: file.fileName, sha256: file.sha256, sizeBytes: file.sizeBytes },
    });
    return presentFile(row);
  });
}

/** A report file with its content, when the caller may see its survey. */
export async function getSurveyFile(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  fileId: string,
) {
  requirePermission(principal, SurveyPermission.Read);
  await loadVisibleSurvey(deps.db, principal, id);
  const row = await repo.findFile(deps.db, id, fileId);
  if (!row) {
    throw notFound('file', fileId);
  }
  return row;
}

/** The mines of the caller's jurisdiction without a survey in date on a day (today by default). */
export async function listFindings(
  deps: ServiceDeps,
  principal: Principal,
  q: SurveyFindingsQuery,
) {
  requirePermission(principal, SurveyPermission.Read);
  const rules = await getSetting(deps.db, surveysSettings.rules);
  const today = q.on ?? todayIn(deps.clock);
  const mines = await repo.minesWithLastSurvey(
    deps.db,
    mineScopeCondition(principal.scope),
    q.region,
  );
  return mines.flatMap((m) => {
    const f = surveyFinding(rules, m, today);
    return f ? [presentFinding(m, f)] : [];
  });
}

/** Every mine without a survey in date on `today`, for the risk score (inspections/risk/risk.duties.ts). */
export async function lapsedSurveys(deps: ServiceDeps, today: string, mineScope?: SQL) {
  const rules = await getSetting(deps.db, surveysSettings.rules);
  const mines = await repo.minesWithLastSurvey(deps.db, mineScope);
  return mines.flatMap((m) => {
    const f = surveyFinding(rules, m, today);
    return f ? [{ mineId: m.id, duty: `隐蔽致灾因素${f.reason}` }] : [];
  });
}
