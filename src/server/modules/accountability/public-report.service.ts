/**
 * @module The regulators' side of 举报 (issue 9 §1): the cases of the caller's jurisdiction, and the
 * handling unit taking a case through 受理 (or 不予受理 with the reason told to the reporter) → 核实 →
 * 办理 (what it became: a hazard, a lead, an inspection or — a 瞒报事故 — an accident marked 瞒报, linked) →
 * 反馈 → 奖励, and 追责 after 办理 (issue 24), each step due within
 * the days of accountability.publicReports. The reporter's name and phone are unsealed only for the
 * administrators of the handling unit; everyone else sees that they are protected.
 */
import type { PublicReportListQuery } from '../../../shared/accountability.schemas.ts';
import {
  CaseState,
  type AcceptInput,
  type AnswerInput,
  type CaseAccountabilityInput,
  type CaseOutcome,
  type CaseStep,
  type HandleInput,
  type RewardInput,
  type VerifyInput,
} from '../../../shared/public-reports.ts';
import { recordAudit } from './accountability.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { addDays, shanghaiMidnight, todayIn } from '../../../shared/dates.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { unseal } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import {
  AppError,
  AppErrorCode,
  invalidField,
  notFound,
  checkDateWindows,
} from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { mineScopeCondition } from '../registry/registry.scope.ts';
import { makeOutcome } from './public-report.outcome.ts';
import { markConcealed } from './accident-workflow.service.ts';
import { presentCase, presentCaseSummary } from './public-report.presenter.ts';
import * as repo from './public-report.repository.ts';
import { accountabilitySettings } from './accountability.settings.ts';
import { AccountabilityPermission } from './accountability.permissions.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

type Row = repo.PublicReportRow;

/** A case of the caller's jurisdiction, or a 404 (never a 403). */
async function loadVisibleCase(
  db: Db,
  principal: Principal,
  id: string,
  lock = false,
): Promise<Row> {
  const row = await repo.findCase(db, id, repo.caseScopeCondition(principal.scope), lock);
  if (!row) {
    throw notFound('public_report', id);
  }
  return row;
}

/** Only the handling unit's administrators see who reported. */
function reporterFor(deps: ServiceDeps, principal: Principal, r: Row) {
  if (r.anonymous) {
    return { anonymous: true, identityProtected: false, name: null, phone: null };
  }
  if (principal.role === 'regulator_admin' && principal.organisationId === r.unitId) {
    return {
      anonymous: false,
      identityProtected: false,
      name: r.nameSealed ? unseal(deps.secret, r.nameSealed) : null,
      phone: r.phoneSealed ? unseal(deps.secret, r.phoneSealed) : null,
    };
  }
  return { anonymous: false, identityProtected: true, name: null, phone: null };
}

/** The case in full as the caller may see it. */
async function caseView(deps: ServiceDeps, db: Db, principal: Principal, r: Row) {
  return presentCase(r, todayIn(deps.clock), {
    handlingUnit: principal.organisationId === r.unitId,
    reporter: reporterFor(deps, principal, r),
    photos: await repo.casePhotosOf(db, r.id),
    events: await repo.caseEventsOf(db, r.id),
  });
}

/** The cases of the caller's jurisdiction (optionally in one state), newest first. */
/** The cases of the caller's jurisdiction, newest first (the board shows 1000, an export more). */
export async function listCases(
  deps: ServiceDeps,
  principal: Principal,
  q: PublicReportListQuery,
  limit = 1000,
) {
  requirePermission(principal, AccountabilityPermission.PublicReportRead);
  const today = todayIn(deps.clock);
  const rows = await repo.listCases(
    deps.db,
    {
      scope: repo.caseScopeCondition(principal.scope),
      state: q.state,
      category: q.category,
      dueBefore: q.overdue ? today : undefined,
      q: q.q,
      receivedFrom: q.from ? shanghaiMidnight(q.from) : undefined,
      receivedBefore: q.to ? shanghaiMidnight(addDays(q.to, 1)) : undefined,
    },
    limit,
  );
  return rows.map((r) => presentCaseSummary(r, today));
}

/** How many 举报 cases of the caller's jurisdiction have a step past its time limit (the home). */
export async function overdueCaseCount(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
) {
  requirePermission(principal, AccountabilityPermission.PublicReportRead);
  return repo.countOverdueCases(
    deps.db,
    { scope: repo.caseScopeCondition(principal.scope), region: q.region },
    todayIn(deps.clock),
  );
}

/** One case of the caller's jurisdiction with its photos and timeline. */
export async function getCase(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, AccountabilityPermission.PublicReportRead);
  return caseView(deps, deps.db, principal, await loadVisibleCase(deps.db, principal, id));
}

/** A photo of a case of the caller's jurisdiction, to be served as a file. */
export async function getCasePhoto(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  photoId: string,
) {
  requirePermission(principal, AccountabilityPermission.PublicReportRead);
  await loadVisibleCase(deps.db, principal, id);
  const p = await repo.findCasePhoto(deps.db, id, photoId);
  if (!p) {
    throw notFound('photo', photoId);
  }
  return {
    contentType: p.contentType,
    fileName: `举报照片-${photoId.slice(0, 8)}`,
    sha256: p.sha256,
    content: p.content,
  };
}

interface Change {
  set: Partial<Omit<Row, 'id' | 'version' | 'updatedAt'>>;
  event: { step: CaseStep; publicNote: string; internalNote: string };
}

type Step = 'accept' | 'verify' | 'handle' | 'answer' | 'reward' | 'accountability';
const from: Record<Step, CaseState[]> = {
  accept: [CaseState.Received],
  verify: [CaseState.Accepted],
  handle: [CaseState.Verified],
  answer: [CaseState.Handled],
  reward: [CaseState.Answered],
  // 追责 once the case is handled (before or after 反馈).
  accountability: [CaseState.Handled, CaseState.Answered],
};

/** The table a handled case's link points into, by what the case became. */
const linkTable: Record<CaseOutcome, 'hazards' | 'leads' | 'inspections' | 'accidents' | null> = {
  转为重大事故隐患: 'hazards',
  转为线索: 'leads',
  转为执法检查: 'inspections',
  转为事故调查: 'accidents',
  无需处理: null,
};

/** Checks the link a handled case points to: a hazard, lead or inspection the caller may see. */
async function checkLink(
  db: Db,
  principal: Principal,
  outcome: CaseOutcome,
  linkId: string | undefined,
  /** The mine the case names: an accident found concealed must be that mine's. */
  mineId?: string | null,
) {
  const table = linkTable[outcome];
  if (!table) {
    if (linkId) {
      throw invalidField('linkId', '“无需处理”不关联记录', linkId);
    }
    return;
  }
  if (!linkId) {
    throw invalidField('linkId', `请关联${outcome.slice(2)}记录, 或新建 (create)`);
  }
  const atMine = table === 'accidents' && mineId ? mineId : undefined;
  if (
    !(await repo.linkedRecordExists(db, table, linkId, mineScopeCondition(principal.scope), atMine))
  ) {
    throw invalidField(
      'linkId',
      atMine
        ? '事故记录不存在, 不在管辖范围内, 或不是举报所涉矿山的事故'
        : `${outcome.slice(2)}记录不存在或不在管辖范围内`,
      linkId,
    );
  }
}

/**
 * Takes one step of a case: only the handling unit, only from the state before it; the change, a
 * timeline entry and the audit event in one transaction.
 */
async function step(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  which: Step,
  change: (
    r: Row,
    days: { verify: number; handle: number; answer: number },
    today: string,
    tx: Db,
  ) => Change | Promise<Change>,
) {
  requirePermission(principal, AccountabilityPermission.PublicReportHandle);
  requirePermission(principal, AccountabilityPermission.PublicReportRead);
  const rules = await getSetting(deps.db, accountabilitySettings.publicReports);
  return deps.db.transaction(async (tx) => {
    // One step at a time: a double submit waits and then finds the step taken.
    const r = await loadVisibleCase(tx, principal, id, true);
    if (r.unitId !== principal.organisationId) {
      throw new AppError(AppErrorCode.Forbidden, '只有受理单位可以办理该举报');
    }
    if (which === 'reward' && principal.role !== 'regulator_admin') {
      throw new AppError(AppErrorCode.Forbidden, '奖励由受理单位管理员决定');
    }
    if (!from[which].includes(r.state)) {
      throw new AppError(AppErrorCode.Conflict, `举报当前为 ${r.state}, 不能进行该步骤`);
    }
    const today = todayIn(deps.clock);
    const { set, event } = await change(r, rules.days, today, tx);
    const now = deps.clock();
    await repo.updateCase(tx, id, set, now);
    await repo.insertCaseEvent(tx, {
      reportId: id,
      ...event,
      actorLabel: principal.displayName,
      at: now,
    });
    await recordAudit(tx, actorOf(principal), now, {
      type: 'accountability.public_report.stepped',
      entityId: id,
      before: { state: r.state },
      after: { step: event.step, ...set },
    });
    return caseView(deps, tx, principal, await loadVisibleCase(tx, principal, id));
  });
}

/** 受理, or 不予受理 with the reason told to the reporter. */
export const acceptCase = (deps: ServiceDeps, p: Principal, id: string, input: AcceptInput) =>
  step(deps, p, id, 'accept', (_r, days, today) =>
    input.accept
      ? {
          set: { state: CaseState.Accepted, dueOn: addDays(today, days.verify) },
          event: { step: '受理', publicNote: '举报已受理, 正在核实', internalNote: input.note },
        }
      : {
          set: { state: CaseState.Rejected, dueOn: null },
          event: { step: '不予受理', publicNote: input.note, internalNote: input.note },
        },
  );

/** 核实: the result (属实, 部分属实, 不属实). */
export const verifyCase = (deps: ServiceDeps, p: Principal, id: string, input: VerifyInput) =>
  step(deps, p, id, 'verify', (_r, days, today) => ({
    set: {
      state: CaseState.Verified,
      verification: input.result,
      dueOn: addDays(today, days.handle),
    },
    event: { step: '核实', publicNote: `核实结果: ${input.result}`, internalNote: input.note },
  }));

/** 办理: what the case became, linked to a record made before or made now from the report. */
export const handleCase = (deps: ServiceDeps, p: Principal, id: string, input: HandleInput) =>
  step(deps, p, id, 'handle', async (r, days, today, tx) => {
    checkConcealedRouting(r, input.outcome);
    const linkId = input.create
      ? await makeOutcome(deps, tx, p, r, input.outcome, input.create, today)
      : input.linkId;
    await checkLink(tx, p, input.outcome, linkId, r.mineId);
    if (input.outcome === '转为事故调查' && linkId) {
      await markConcealed(deps, tx, p, linkId, r.id);
    }
    return {
      set: {
        state: CaseState.Handled,
        outcome: input.outcome,
        linkId: linkId ?? null,
        dueOn: addDays(today, days.answer),
      },
      event: {
        step: '办理',
        publicNote: '已依法处理',
        internalNote: `${input.outcome}: ${input.note}`,
      },
    };
  });

/**
 * A 瞒报事故 found true (at least in part) goes to the accident workflow, and only it may (issue 24;
 * 《2024年矿山安全生产工作要点》第33条, 第34条).
 */
function checkConcealedRouting(r: Row, outcome: CaseOutcome) {
  if (outcome === '转为事故调查' && r.category !== '瞒报事故') {
    throw invalidField('outcome', '只有瞒报事故举报转为事故调查', outcome);
  }
  if (outcome === '转为事故调查' && r.verification === '不属实') {
    throw invalidField('outcome', '核实不属实的举报不转为事故调查', outcome);
  }
  if (r.category === '瞒报事故' && r.verification !== '不属实' && outcome !== '转为事故调查') {
    throw invalidField('outcome', '查实的瞒报事故须转为事故调查 (新建或关联事故记录)', outcome);
  }
}

/** 追责: what was done about the people responsible, once, after 办理 of a case not found untrue. */
export const holdAccountable = (
  deps: ServiceDeps,
  p: Principal,
  id: string,
  input: CaseAccountabilityInput,
) =>
  step(deps, p, id, 'accountability', (r) => {
    if (r.accountabilityMeasures !== null) {
      throw new AppError(AppErrorCode.Conflict, '该举报已记录追责情况');
    }
    if (r.verification === '不属实') {
      throw new AppError(AppErrorCode.Conflict, '核实不属实的举报无需追责');
    }
    return {
      set: { accountabilityMeasures: input.measures, accountabilityParties: input.parties },
      event: {
        step: '追责',
        publicNote: '已对相关责任单位和人员依法追责',
        internalNote: [
          input.measures,
          ...input.parties.map((x) => `${x.name} (${x.role}): ${x.handling}`),
        ].join('; '),
      },
    };
  });

/** 反馈: what the reporter is told; the case is done. */
export const answerCase = (deps: ServiceDeps, p: Principal, id: string, input: AnswerInput) =>
  step(deps, p, id, 'answer', () => ({
    set: { state: CaseState.Answered, feedback: input.feedback, dueOn: null },
    event: { step: '反馈', publicNote: input.feedback, internalNote: '' },
  }));

/** 奖励 of a case found true (at least in part), decided by the handling unit's administrators. */
export const rewardCase = (deps: ServiceDeps, p: Principal, id: string, input: RewardInput) =>
  step(deps, p, id, 'reward', (r) => {
    checkDateWindows(todayIn(deps.clock), { paidOn: [input.paidOn, DateWindows.happened] });
    if (r.verification === '不属实') {
      throw invalidField('amountYuan', '核实不属实的举报不予奖励', input.amountYuan);
    }
    return {
      set: { rewardYuan: input.amountYuan, rewardPaidOn: input.paidOn ?? null },
      event: {
        step: '奖励',
        publicNote: `奖励 ${input.amountYuan} 元${input.paidOn ? `, 已于 ${input.paidOn} 兑现` : ''}`,
        internalNote: input.note ?? '',
      },
    };
  });
