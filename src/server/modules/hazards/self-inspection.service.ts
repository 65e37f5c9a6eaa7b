/**
 * @module Periodic hazard inspections of 《2024年矿山安全生产工作要点》第19条 (and 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第6–8条,
 * 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8–10条):
 * every producing or construction mine files a monthly self-inspection report signed by its 主要负责人 —
 * the hazards found, or a 零报告 — and the parent company of a mine records its quarterly inspection.
 * Reports not filed by their due day escalate on the same ladder as overdue hazards.
 */
import type {
  ParentInspectionInput,
  SelfInspectionReportInput,
} from '../../../shared/hazard.schemas.ts';
import { MineStatus } from '../../../shared/registry.enums.ts';
import { recordAudit } from './hazards.audit.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { todayIn } from '../../../shared/dates.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { escalationActor, runEscalation } from '../../platform/escalation/escalation.runner.ts';
import { dueSteps, stepsTaken } from '../../platform/escalation/escalation.service.ts';
import { AppError, AppErrorCode, invalidField, checkDateWindows } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import {
  notifiableUsers,
  notifyUsers,
  pickRecipients,
  type NotifiableUser,
} from '../notifications/notification.service.ts';
import { parentCompanyOf } from '../registry/enterprise.service.ts';
import { loadMineForInput, loadVisibleMine } from '../registry/mine.service.ts';
import { activeNamesWithRole } from '../registry/person.service.ts';
import { mineScopeCondition } from '../registry/registry.scope.ts';
import * as repo from './self-inspection.repository.ts';
import { presentMissingReport, presentSelfInspectionReport } from './self-inspection.presenter.ts';
import {
  monthly,
  parentQuarterly,
  periodBounds,
  previousPeriods,
  type Cadence,
} from './inspection.cadence.ts';
import { hazardsSettings } from './hazards.settings.ts';
import { HazardPermission } from './hazards.permissions.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

export { periodBounds } from './inspection.cadence.ts';

/**
 * Mines that must file: producing or under construction (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第6条 says 矿山企业;
 * the statuses are minewatch's reading).
 */
const reportingStatuses = [MineStatus.Producing, MineStatus.Construction];

/** Which mines must file for a cadence: those reporting, and for the quarterly one only with a 上级公司. */
function mustFile(cadence: Cadence) {
  return {
    kind: cadence.kind,
    statuses: reportingStatuses,
    parentCompanyOnly: cadence === parentQuarterly,
  };
}

function requireEnterpriseSide(principal: Principal, what: string) {
  if (principal.scope.kind !== 'enterprise' && principal.scope.kind !== 'mines') {
    throw new AppError(AppErrorCode.Forbidden, `${what}由企业填报`, [
      { path: 'mineId', message: '仅企业用户可填报' },
    ]);
  }
}

interface Filing {
  mineId: string;
  period: string;
  zeroReport: boolean;
  signedBy: string;
  note?: string | undefined;
  inspectedOn?: string | undefined;
  wentUnderground?: boolean | undefined;
}

/**
 * Files one period's inspection of a visible mine: `check` validates what the cadence requires (in the
 * transaction); 零报告 only without hazards found, a report only with them; one per mine and period.
 */
async function fileInspection(
  deps: ServiceDeps,
  principal: Principal,
  cadence: Cadence,
  input: Filing,
  check: (tx: Db, mine: Awaited<ReturnType<typeof loadMineForInput>>) => Promise<void>,
) {
  requirePermission(principal, HazardPermission.Report);
  requireEnterpriseSide(principal, cadence.label);
  const dueDay = await getSetting(deps.db, cadence.dueDaySetting);
  const { first, last } = periodBounds(input.period, dueDay);
  const today = todayIn(deps.clock);
  if (first > today) {
    throw invalidField('period', '不能填报尚未开始的期间', input.period);
  }
  if (input.inspectedOn && (input.inspectedOn < first || input.inspectedOn > last)) {
    throw invalidField('inspectedOn', `检查日期须在 ${first} 至 ${last} 之间`, input.inspectedOn);
  }
  checkDateWindows(today, {
    period: [first, DateWindows.happened],
    inspectedOn: [input.inspectedOn, DateWindows.happened],
  });
  return deps.db.transaction(async (tx) => {
    const mine = await loadMineForInput(tx, principal, input.mineId);
    await check(tx, mine);
    const found = await repo.countHazardsFound(tx, {
      mineId: input.mineId,
      first,
      last,
      sources: cadence.sources,
    });
    const findings = cadence.sources ? `${cadence.sources.join('、')}发现的` : '';
    const inPeriod = cadence.months === 1 ? '本月' : '本季度';
    if (input.zeroReport && found > 0) {
      throw invalidField(
        'zeroReport',
        `${inPeriod}已发现 ${found} 项${findings}重大事故隐患, 不能零报告`,
        true,
      );
    }
    if (!input.zeroReport && found === 0) {
      throw invalidField(
        'zeroReport',
        `${inPeriod}未登记${findings}重大事故隐患: 请先上报隐患, 或提交零报告`,
        false,
      );
    }
    const at = deps.clock();
    const row = await repo.insertReport(tx, {
      mineId: input.mineId,
      kind: cadence.kind,
      period: input.period,
      zeroReport: input.zeroReport,
      signedBy: input.signedBy,
      inspectedOn: input.inspectedOn ?? null,
      wentUnderground: input.wentUnderground ?? null,
      note: input.note ?? null,
      hazardCount: found,
      submittedAt: at,
      submittedBy: principal.userId,
    });
    if (!row) {
      throw new AppError(AppErrorCode.Conflict, `${input.period} 的${cadence.label}已提交`, [
        { path: 'period', message: '该期已提交', value: input.period },
      ]);
    }
    const after = presentSelfInspectionReport(row, mine.mine.name);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'hazards.report.filed',
      entityId: row.id,
      after,
    });
    return after;
  });
}

/** Files a mine's monthly report, signed by a registered 主要负责人 of the mine. */
export function fileSelfInspectionReport(
  deps: ServiceDeps,
  principal: Principal,
  input: SelfInspectionReportInput,
) {
  return fileInspection(deps, principal, monthly, input, async (tx) => {
    const principals = await activeNamesWithRole(tx, input.mineId, '主要负责人');
    if (!principals.includes(input.signedBy)) {
      throw invalidField(
        'signedBy',
        `须由该矿登记的主要负责人签字 (${principals.join('、') || '未登记主要负责人'})`,
        input.signedBy,
      );
    }
  });
}

/** Records the parent company's quarterly inspection of a mine whose enterprise has one. */
export function fileParentInspection(
  deps: ServiceDeps,
  principal: Principal,
  input: ParentInspectionInput,
) {
  const { leader, ...rest } = input;
  return fileInspection(
    deps,
    principal,
    parentQuarterly,
    { ...rest, signedBy: leader },
    async (tx, mine) => {
      if (!(await parentCompanyOf(tx, mine.mine.enterpriseId))) {
        throw invalidField('mineId', '该矿山所属企业未登记上级公司', input.mineId);
      }
    },
  );
}

/** How many records a list answers at most. */
const LIST_LIMIT = 2000;

/** The filed reports of a cadence in the caller's jurisdiction, optionally of one period and region. */
export async function listInspections(
  deps: ServiceDeps,
  principal: Principal,
  cadence: Cadence,
  q: { period?: string | undefined; region?: string | undefined },
) {
  requirePermission(principal, HazardPermission.Read);
  const rows = await repo.listReports(
    deps.db,
    {
      mineScope: mineScopeCondition(principal.scope),
      regionPrefix: q.region ? subtreePrefix(q.region) : undefined,
      kind: cadence.kind,
      period: q.period,
    },
    LIST_LIMIT,
  );
  return rows.map((r) => presentSelfInspectionReport(r.report, r.mineName));
}

/** The mines that have not filed for the period; `overdue` once the due day has passed. */
export async function missingInspections(
  deps: ServiceDeps,
  principal: Principal,
  cadence: Cadence,
  q: { period: string; region?: string | undefined },
) {
  requirePermission(principal, HazardPermission.Read);
  const dueDay = await getSetting(deps.db, cadence.dueDaySetting);
  const { dueOn } = periodBounds(q.period, dueDay);
  const today = todayIn(deps.clock);
  const rows = await repo.missingReports(deps.db, {
    ...mustFile(cadence),
    mineScope: mineScopeCondition(principal.scope),
    regionPrefix: q.region ? subtreePrefix(q.region) : undefined,
    period: q.period,
  });
  return rows.map((r) => presentMissingReport(r, dueOn, today));
}

/** Escalates one cadence's missing reports of its recent periods past their due day. */
async function escalateMissing(deps: ServiceDeps, cadence: Cadence, periods: number) {
  const ladder = await getSetting(deps.db, hazardsSettings.escalationLadder);
  const dueDay = await getSetting(deps.db, cadence.dueDaySetting);
  const today = todayIn(deps.clock);
  // Who can be told, read once per run rather than once per step.
  let notifiable: NotifiableUser[] | undefined;
  const total = { reports: 0, steps: 0 };
  for (const period of previousPeriods(cadence, today, periods)) {
    const { dueOn } = periodBounds(period, dueDay);
    const due = dueSteps(dueOn, ladder, today);
    if (due.length === 0) {
      continue;
    }
    // Skip the mines whose due steps were all taken before (the common case on every tick).
    const done = await stepsTaken(deps.db, cadence.subjectType, `:${period}`);
    const taken = new Set(done.map((d) => `${d.subjectId}|${d.step}`));
    const subjects = (await repo.missingReports(deps.db, { ...mustFile(cadence), period }))
      .map((m) => ({ ...m, id: `${m.mineId}:${period}` }))
      .filter((m) => !due.every((s) => taken.has(`${m.id}|${s.step}`)));
    if (subjects.length) {
      notifiable ??= await notifiableUsers(deps.db);
    }
    const run = await runEscalation(
      deps,
      {
        subjectType: cadence.subjectType,
        dueSteps: () => due,
        recipients: (_tx, m, step) =>
          Promise.resolve(pickRecipients(notifiable ?? [], m, step.notify)),
        notice: (m, step) => ({
          title: `${cadence.label}${step.step}: ${m.mineName}`,
          body: `${periodName(period)}的${cadence.label}应于 ${dueOn} 前提交`,
        }),
        notify: notifyUsers,
        audit: (tx, at, m, step) =>
          recordAudit(tx, escalationActor, at, {
            type: 'hazards.report.escalated',
            entityId: m.id,
            after: { step: step.step, dueOn, kind: cadence.kind },
          }),
      },
      subjects,
    );
    total.reports += run.subjects;
    total.steps += run.steps;
  }
  return total;
}

/** Escalates missing monthly reports (last three months) and quarterly inspections (last two quarters). */
export async function escalateMissingReports(
  deps: ServiceDeps,
): Promise<{ reports: number; steps: number }> {
  const a = await escalateMissing(deps, monthly, 3);
  const b = await escalateMissing(deps, parentQuarterly, 2);
  return { reports: a.reports + b.reports, steps: a.steps + b.steps };
}

/** Throws unless the caller may see the report (or the mine of a "<mineId>:<period>" subject). */
export async function reportVisible(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
): Promise<void> {
  requirePermission(principal, HazardPermission.Read);
  let mineId = id.split(':')[0] ?? '';
  if (!id.includes(':')) {
    mineId = (await repo.reportMineId(deps.db, id)) ?? '';
  }
  await loadVisibleMine(deps.db, principal, mineId);
}

/** A period as people say it: 2026-Q2 → 2026年第二季度, 2026-10 → 2026年10月. */
export function periodName(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) {
    return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  }
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  return m ? `${m[1]}年${Number(m[2])}月` : period;
}
