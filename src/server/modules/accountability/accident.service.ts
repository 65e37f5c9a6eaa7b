/**
 * @module Accidents (issue 9 §2): the report with its grade (《矿山生产安全事故报告和调查处理办法》), the
 * chain notices (逐级报送) with their time limits (setting accountability.accidentReporting) and late
 * ones flagged, a death forcing 停产整顿 through the registry (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第21条,
 * 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第24条, 《2024年矿山安全生产工作要点》第35条: 停产整顿 and acceptance before resuming), and
 * 约谈 of the enterprise and its parent company after a 较大 or 涉险 accident. Everything is scoped to
 * the mines the caller may see.
 */
import {
  AccidentGrade,
  chainStatus,
  chainStepsFor,
  gradeAccident,
  mayRecordStep,
  type AccidentInput,
  type ChainNoticeInput,
  type InterviewInput,
} from '../../../shared/accidents.ts';
import type { AccidentListQuery } from '../../../shared/accountability.schemas.ts';
import { ExportRowsMax } from '../../../shared/common.schemas.ts';
import { MineStatus } from '../../../shared/registry.enums.ts';
import { recordAudit } from './accountability.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import {
  AppError,
  AppErrorCode,
  invalidField,
  notFound,
  checkDateWindows,
} from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { systemPrincipal } from '../access/principal.ts';
import { changeMineStatus, loadMineForInput } from '../registry/mine.service.ts';
import { checkVersion } from '../registry/registry.guards.ts';
import { mineScopeCondition, visibleByMine } from '../registry/registry.scope.ts';
import * as repo from './accident.repository.ts';
import { accidents } from './accident.table.ts';
import { presentAccident, presentAccidentSummary } from './accident.presenter.ts';
import { accountabilitySettings } from './accountability.settings.ts';
import { AccountabilityPermission } from './accountability.permissions.ts';
import { DateWindows } from '../../../shared/date-windows.ts';
import { DAY_MS, todayIn } from '../../../shared/dates.ts';

/** The caller's jurisdiction as the chain's level rule reads it. */
function scopeOf(principal: Principal): { kind: string; regionCode?: string } {
  return principal.scope.kind === 'region'
    ? { kind: 'region', regionCode: principal.scope.regionCode }
    : { kind: principal.scope.kind };
}

/** The grades after which the enterprise and its parent company are called to 约谈. */
const interviewGrades: readonly AccidentGrade[] = [AccidentGrade.Serious, AccidentGrade.NearMiss];

/** An accident at a mine the caller may see, or a 404 (never a 403). */
export function loadVisibleAccident(
  db: Db,
  principal: Principal,
  id: string,
  /** Lock the accident's row for the transaction (a step taken on it: one at a time). */
  lock = false,
): Promise<repo.AccidentRow> {
  return visibleByMine(db, principal, accidents, id, {
    entity: 'accident',
    select: repo.accidentSelect(db),
    lock,
  });
}

/** The accident as the API shows it: its chain of notices as it stands now, its 约谈 and its workflow. */
export async function accidentView(
  deps: ServiceDeps,
  db: Db,
  principal: Principal,
  row: repo.AccidentRow,
) {
  const id = row.accident.id;
  const manage = principal.permissions.has(AccountabilityPermission.AccidentManage);
  return presentAccident(
    row,
    await repo.chainNoticesOf(db, id),
    await repo.interviewsOf(db, id),
    await getSetting(db, accountabilitySettings.chainSteps),
    deps.clock(),
    (step) =>
      manage && mayRecordStep({ recordedBy: step.recordedBy ?? undefined }, scopeOf(principal)),
    {
      parties: await repo.partiesOf(db, id),
      steps: await repo.stepsOf(db, id),
      canManage: manage && (principal.scope.kind === 'region' || principal.scope.kind === 'all'),
    },
  );
}

/** One accident of the caller's jurisdiction with its chain of notices and 约谈. */
export async function getAccident(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, AccountabilityPermission.AccidentRead);
  return accidentView(deps, deps.db, principal, await loadVisibleAccident(deps.db, principal, id));
}

/** The accidents of the caller's jurisdiction (or a region or year of it), newest first. */
/** Accidents newest first (at most `limit`: the list shows 1000, an export up to ExportRowsMax). */
export async function listAccidents(
  deps: ServiceDeps,
  principal: Principal,
  q: AccidentListQuery,
  limit = 1000,
) {
  requirePermission(principal, AccountabilityPermission.AccidentRead);
  const rows = await repo.listAccidents(
    deps.db,
    {
      mineScope: mineScopeCondition(principal.scope),
      region: q.region,
      year: q.year,
      grade: q.grade,
      kind: q.kind,
      q: q.q,
    },
    Math.min(limit, ExportRowsMax),
  );
  return rows.map(presentAccidentSummary);
}

/** How far back the home looks for a chain of notices still open: the chain's limits are hours. */
const OPEN_CHAIN_DAYS = 30;

/**
 * The steps of the chain of notices (逐级报送, 《2024年矿山安全生产工作要点》第32条) past their time limit
 * and not given, over the accidents of the caller's jurisdiction of the last 30 days (the home).
 */
export async function lateChainSteps(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
) {
  requirePermission(principal, AccountabilityPermission.AccidentRead);
  const now = deps.clock();
  const rows = await repo.listAccidents(
    deps.db,
    {
      mineScope: mineScopeCondition(principal.scope),
      region: q.region,
      since: new Date(now.getTime() - OPEN_CHAIN_DAYS * DAY_MS),
    },
    1000,
  );
  const steps = await getSetting(deps.db, accountabilitySettings.chainSteps);
  const noticesOf = await repo.chainNoticesOfMany(
    deps.db,
    rows.map((r) => r.accident.id),
  );
  let late = 0;
  for (const row of rows) {
    const notices = noticesOf.get(row.accident.id) ?? [];
    late += chainStatus(
      row.accident.occurredAt.toISOString(),
      notices.map((n) => ({ step: n.step, reportedAt: n.reportedAt.toISOString() })),
      chainStepsFor(steps, row.mineKind),
      now,
    ).filter((s) => s.state === '逾期未报').length;
  }
  return late;
}

/**
 * Files an accident at a mine the caller may see: its grade from the figures, the mine's notice to the
 * county as the first chain notice, 停产整顿 after a death, and 约谈 after a 较大 or 涉险 accident.
 */
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
  checkDateWindows(todayIn(deps.clock), { occurredAt: [input.occurredAt, DateWindows.happened] });
  if (reportedAt.getTime() < occurred.getTime() || reportedAt.getTime() > now.getTime()) {
    throw invalidField('reportedAt', '报告时间须在事故发生之后、现在之前', input.reportedAt);
  }
  const grade = gradeAccident(input);
  return deps.db.transaction(async (tx) => {
    const mine = await loadMineForInput(tx, principal, input.mineId);
    const id = await repo.insertAccident(tx, {
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
    });
    if (!id) {
      throw new AppError(AppErrorCode.Internal, 'accident not stored');
    }
    // Filing the accident is the mine's notice to the county (the first step of the chain).
    const [first] = await getSetting(tx, accountabilitySettings.chainSteps);
    if (first) {
      await repo.insertChainNotice(tx, {
        accidentId: id,
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
      const ent = await repo.findEnterpriseParties(tx, mine.mine.enterpriseId);
      await repo.insertInterviews(tx, [
        {
          accidentId: id,
          party: '企业',
          partyName: ent?.name ?? '',
          state: '待约谈',
          createdAt: now,
          updatedAt: now,
        },
        {
          accidentId: id,
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
      entityId: id,
      after: { ...input, grade, consequences },
    });
    return accidentView(deps, tx, principal, await loadVisibleAccident(tx, principal, id));
  });
}

/** Records a chain notice: a known step, once, after the accident and not in the future. */
export async function recordChainNotice(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: ChainNoticeInput,
) {
  requirePermission(principal, AccountabilityPermission.AccidentManage);
  const allSteps = await getSetting(deps.db, accountabilitySettings.chainSteps);
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const row = await loadVisibleAccident(tx, principal, id);
    // The steps of this accident's chain: a non-coal-only step (要点第32条) is not one at a coal mine.
    const steps = chainStepsFor(allSteps, row.mineKind);
    const step = steps.find((s) => s.key === input.step);
    if (!step) {
      throw invalidField(
        'step',
        `该事故的报送环节中没有此环节, 可选: ${steps.map((s) => s.key).join(', ')}`,
        input.step,
      );
    }
    // Each level records its own reports (the county also the mine's): not another level's.
    if (!mayRecordStep(step, scopeOf(principal))) {
      throw new AppError(
        AppErrorCode.Forbidden,
        `"${step.label}"由${step.recordedBy}监管部门记录`,
        [{ path: 'step', message: `该环节由${step.recordedBy}记录`, value: input.step }],
      );
    }
    const at = new Date(input.reportedAt);
    if (at.getTime() < row.accident.occurredAt.getTime() || at.getTime() > now.getTime()) {
      throw invalidField('reportedAt', '报送时间须在事故发生之后、现在之前', input.reportedAt);
    }
    const stored = await repo.insertChainNotice(tx, {
      accidentId: id,
      step: input.step,
      reportedAt: at,
      channel: input.channel,
      note: input.note ?? '',
      recordedBy: principal.userId,
      recordedLabel: principal.displayName,
      recordedAt: now,
    });
    if (!stored) {
      throw new AppError(AppErrorCode.Conflict, '该环节已报送', [
        { path: 'step', message: '每个环节只记录一次', value: input.step },
      ]);
    }
    await recordAudit(tx, actorOf(principal), now, {
      type: 'accountability.accident.chain_reported',
      entityId: id,
      after: input,
    });
    return accidentView(deps, tx, principal, row);
  });
}

/** Records a 约谈 of the accident as held (当事企业 or 上级公司). */
export async function holdInterview(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  interviewId: string,
  input: InterviewInput,
) {
  requirePermission(principal, AccountabilityPermission.AccidentManage);
  return deps.db.transaction(async (tx) => {
    const accident = await loadVisibleAccident(tx, principal, id);
    const row = await repo.findInterview(tx, id, interviewId);
    if (!row) {
      throw notFound('interview', interviewId);
    }
    checkVersion('interview', row.version, input.version);
    checkDateWindows(todayIn(deps.clock), { heldOn: [input.heldOn, DateWindows.happened] });
    const now = deps.clock();
    await repo.updateInterview(
      tx,
      interviewId,
      { state: '已约谈', heldOn: input.heldOn, note: input.note },
      now,
    );
    await recordAudit(tx, actorOf(principal), now, {
      type: 'accountability.interview.held',
      entityId: id,
      before: { state: row.state },
      after: { party: row.party, ...input },
    });
    return accidentView(deps, tx, principal, accident);
  });
}
