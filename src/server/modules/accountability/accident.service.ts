/**
 * @module Accidents (issue 9 §2): the report with its grade (《矿山生产安全事故报告和调查处理办法》), the
 * reporting chain with its time limits (setting accountability.accidentReporting) and late reports
 * flagged, a death forcing 停产整顿 through the registry (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第21条,
 * 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第24条, 《2024年矿山安全生产工作要点》第35条: 停产整顿 and acceptance before resuming), and
 * 约谈 of the enterprise and its parent company after a 较大 or 涉险 accident. Everything is scoped to
 * the mines the caller may see.
 */
import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import {
  AccidentGrade,
  gradeAccident,
  reportingChain,
  type AccidentInput,
  type AccidentReportInput,
  type InterviewInput,
} from '../../../shared/accidents.ts';
import { MineStatus } from '../../../shared/registry.enums.ts';
import { recordAudit } from './accountability.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, invalidField, notFound } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { systemPrincipal } from '../access/principal.ts';
import { enterprises } from '../registry/enterprise.table.ts';
import { changeMineStatus, loadMineForInput } from '../registry/mine.service.ts';
import { mines } from '../registry/mine.table.ts';
import { checkVersion } from '../registry/registry.guards.ts';
import { allOf, mineInRegion, mineScopeCondition } from '../registry/registry.scope.ts';
import { accidentInterviews, accidentReports, accidents } from './accident.table.ts';
import { accountabilitySettings } from './accountability.settings.ts';
import { AccountabilityPermission } from './accountability.permissions.ts';

type Row = typeof accidents.$inferSelect;

/** The grades after which the enterprise and its parent company are called to 约谈. */
const interviewGrades: readonly string[] = [AccidentGrade.Serious, AccidentGrade.NearMiss];

async function loadVisible(db: Db, principal: Principal, id: string) {
  const [row] = await db
    .select({ accident: accidents, mineName: mines.name, countyCode: mines.countyCode })
    .from(accidents)
    .innerJoin(mines, eq(mines.id, accidents.mineId))
    .where(and(eq(accidents.id, id), mineScopeCondition(principal.scope)));
  if (!row) {
    throw notFound('accident', id);
  }
  return row;
}

async function present(deps: ServiceDeps, db: Db, id: string, principal: Principal) {
  const { accident, mineName, countyCode } = await loadVisible(db, principal, id);
  const steps = await getSetting(db, accountabilitySettings.accidentReporting);
  const reports = await db
    .select()
    .from(accidentReports)
    .where(eq(accidentReports.accidentId, id))
    .orderBy(asc(accidentReports.reportedAt));
  const interviews = await db
    .select()
    .from(accidentInterviews)
    .where(eq(accidentInterviews.accidentId, id))
    .orderBy(asc(accidentInterviews.party));
  return {
    ...summary(accident, mineName, countyCode),
    description: accident.description,
    reportedBy: accident.reportedLabel,
    version: accident.version,
    chain: reportingChain(
      accident.occurredAt.toISOString(),
      reports.map((r) => ({ step: r.step, reportedAt: r.reportedAt.toISOString() })),
      steps,
      deps.clock(),
    ),
    reports: reports.map((r) => ({
      step: r.step,
      reportedAt: r.reportedAt.toISOString(),
      channel: r.channel,
      note: r.note,
      recordedBy: r.recordedLabel,
    })),
    interviews: interviews.map((i) => ({
      id: i.id,
      party: i.party,
      partyName: i.partyName,
      state: i.state,
      heldOn: i.heldOn,
      note: i.note,
      version: i.version,
    })),
  };
}

function summary(a: Row, mineName: string, countyCode: string) {
  return {
    id: a.id,
    mineId: a.mineId,
    mineName,
    countyCode,
    occurredAt: a.occurredAt.toISOString(),
    kind: a.kind,
    place: a.place,
    deaths: a.deaths,
    seriousInjuries: a.seriousInjuries,
    directLossYuan: a.directLossYuan,
    grade: a.grade,
  };
}

export async function getAccident(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, AccountabilityPermission.AccidentRead);
  return present(deps, deps.db, id, principal);
}

export async function listAccidents(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined; year?: number | undefined },
) {
  requirePermission(principal, AccountabilityPermission.AccidentRead);
  const rows = await deps.db
    .select({ accident: accidents, mineName: mines.name, countyCode: mines.countyCode })
    .from(accidents)
    .innerJoin(mines, eq(mines.id, accidents.mineId))
    .where(
      allOf(
        mineScopeCondition(principal.scope),
        mineInRegion(q.region),
        q.year
          ? and(
              gte(accidents.occurredAt, new Date(`${q.year}-01-01T00:00:00+08:00`)),
              lt(accidents.occurredAt, new Date(`${q.year + 1}-01-01T00:00:00+08:00`)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(accidents.occurredAt))
    .limit(1000);
  return rows.map((r) => summary(r.accident, r.mineName, r.countyCode));
}

export async function reportAccident(
  deps: ServiceDeps,
  principal: Principal,
  input: AccidentInput,
) {
  requirePermission(principal, AccountabilityPermission.AccidentReport);
  const now = deps.clock();
  const occurred = new Date(input.occurredAt);
  const reportedAt = input.reportedAt ? new Date(input.reportedAt) : now;
  if (occurred.getTime() > now.getTime()) {
    throw invalidField('occurredAt', '事故发生时间不能晚于现在', input.occurredAt);
  }
  if (reportedAt.getTime() < occurred.getTime() || reportedAt.getTime() > now.getTime()) {
    throw invalidField('reportedAt', '报告时间须在事故发生之后、现在之前', input.reportedAt);
  }
  const grade = gradeAccident(input);
  return deps.db.transaction(async (tx) => {
    const mine = await loadMineForInput(tx, principal, input.mineId);
    const [row] = await tx
      .insert(accidents)
      .values({
        mineId: input.mineId,
        occurredAt: occurred,
        kind: input.kind,
        place: input.place,
        deaths: input.deaths,
        seriousInjuries: input.seriousInjuries,
        directLossYuan: input.directLossYuan,
        grade,
        description: input.description,
        reportedBy: principal.userId,
        reportedLabel: principal.displayName,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) {
      throw new AppError(AppErrorCode.Internal, 'accident not stored');
    }
    // Filing the report is the mine's report to the county (the first step of the chain).
    const [first] = await getSetting(tx, accountabilitySettings.accidentReporting);
    if (first) {
      await tx.insert(accidentReports).values({
        accidentId: row.id,
        step: first.key,
        reportedAt,
        channel: '系统',
        note: '',
        recordedBy: principal.userId,
        recordedLabel: principal.displayName,
        recordedAt: now,
      });
    }
    const consequences: string[] = [];
    const status = mine.mine.status;
    if (
      input.deaths > 0 &&
      status !== MineStatus.SuspendedForRectification &&
      status !== MineStatus.Closed
    ) {
      await changeMineStatus(
        { ...deps, db: tx },
        systemPrincipal(`accident:${principal.username}`),
        input.mineId,
        {
          status: MineStatus.SuspendedForRectification,
          effectiveDate: input.occurredAt.slice(0, 10),
          reason: `发生死亡事故 (${input.deaths} 人), 责令停产整顿, 验收合格方可恢复生产 (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第21条)`,
        },
      );
      consequences.push('停产整顿');
    }
    if (interviewGrades.includes(grade)) {
      const [ent] = await tx
        .select({ name: enterprises.name, parent: enterprises.parentCompany })
        .from(enterprises)
        .where(eq(enterprises.id, mine.mine.enterpriseId));
      await tx.insert(accidentInterviews).values([
        {
          accidentId: row.id,
          party: '企业',
          partyName: ent?.name ?? '',
          state: '待约谈',
          createdAt: now,
          updatedAt: now,
        },
        {
          accidentId: row.id,
          party: '上级公司',
          partyName: ent?.parent ?? '(未登记上级公司)',
          state: '待约谈',
          createdAt: now,
          updatedAt: now,
        },
      ]);
      consequences.push('约谈');
    }
    await recordAudit(tx, actorOf(principal), now, {
      type: 'accountability.accident.reported',
      entityId: row.id,
      after: { ...input, grade, consequences },
    });
    return present(deps, tx, row.id, principal);
  });
}

/** Records a report up the chain: a known step, once, after the accident and not in the future. */
export async function recordChainReport(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: AccidentReportInput,
) {
  requirePermission(principal, AccountabilityPermission.AccidentManage);
  const steps = await getSetting(deps.db, accountabilitySettings.accidentReporting);
  if (!steps.some((s) => s.key === input.step)) {
    throw invalidField(
      'step',
      `未知的报送环节, 可选: ${steps.map((s) => s.key).join(', ')}`,
      input.step,
    );
  }
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const { accident } = await loadVisible(tx, principal, id);
    const at = new Date(input.reportedAt);
    if (at.getTime() < accident.occurredAt.getTime() || at.getTime() > now.getTime()) {
      throw invalidField('reportedAt', '报送时间须在事故发生之后、现在之前', input.reportedAt);
    }
    const [row] = await tx
      .insert(accidentReports)
      .values({
        accidentId: id,
        step: input.step,
        reportedAt: at,
        channel: input.channel,
        note: input.note ?? '',
        recordedBy: principal.userId,
        recordedLabel: principal.displayName,
        recordedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      throw new AppError(AppErrorCode.Conflict, '该环节已报送', [
        { path: 'step', message: '每个环节只记录一次', value: input.step },
      ]);
    }
    await recordAudit(tx, actorOf(principal), now, {
      type: 'accountability.accident.chain_reported',
      entityId: id,
      after: input,
    });
    return present(deps, tx, id, principal);
  });
}

export async function holdInterview(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  interviewId: string,
  input: InterviewInput,
) {
  requirePermission(principal, AccountabilityPermission.AccidentManage);
  return deps.db.transaction(async (tx) => {
    await loadVisible(tx, principal, id);
    const [row] = await tx
      .select()
      .from(accidentInterviews)
      .where(and(eq(accidentInterviews.id, interviewId), eq(accidentInterviews.accidentId, id)));
    if (!row) {
      throw notFound('interview', interviewId);
    }
    checkVersion('interview', row.version, input.version);
    const now = deps.clock();
    await tx
      .update(accidentInterviews)
      .set({
        state: '已约谈',
        heldOn: input.heldOn,
        note: input.note,
        updatedAt: now,
        version: sql`${accidentInterviews.version} + 1`,
      })
      .where(eq(accidentInterviews.id, interviewId));
    await recordAudit(tx, actorOf(principal), now, {
      type: 'accountability.interview.held',
      entityId: id,
      before: { state: row.state },
      after: { party: row.party, ...input },
    });
    return present(deps, tx, id, principal);
  });
}
