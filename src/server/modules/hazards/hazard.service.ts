/**
 * @module Major-hazard use cases: report, the closed loop (五落实 plan → rectification → acceptance or
 * rejection), 挂牌督办, ordering 停产整顿 through the registry, reading and listing within the caller's
 * jurisdiction. Every step is a timeline entry and an audit event in the same transaction.
 */
import {
  HazardState,
  enterpriseHazardSources,
  type HazardAction,
} from '../../../shared/hazard.enums.ts';
import type {
  HazardDecisionInput,
  HazardListQuery,
  HazardPlanInput,
  HazardReportInput,
  HazardSubmitInput,
} from '../../../shared/hazard.schemas.ts';
import { recordAudit } from './hazards.audit.ts';
import type { hazardsAuditEvents } from './hazards.audit.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { todayIn, addMonths } from '../../../shared/dates.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import {
  AppError,
  AppErrorCode,
  invalidField,
  notFound,
  checkDateWindows,
} from '../../platform/errors.ts';
import { keysetPage } from '../../platform/pagination.ts';
import { ExportRowsMax } from '../../../shared/common.schemas.ts';
import { changeMineStatus, currentLicencesOf, loadMineForInput } from '../registry/mine.service.ts';
import { checkVersion } from '../registry/registry.guards.ts';
import { mineScopeCondition } from '../registry/registry.scope.ts';
import { MineStatus } from '../../../shared/registry.enums.ts';
import * as repo from './hazard.repository.ts';
import { loadVisibleHazard } from './hazard.access.ts';
import { attachmentsOf } from './evidence.service.ts';
import { closedCount, hazardFigures, merged, totalsOf } from './analysis.service.ts';
import { presentHazard, presentTimeline } from './hazard.presenter.ts';
import { nextHazardState } from './rectification.workflow.ts';
import { firstDenseWindow, licenceProblems } from './repeat.rules.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { hazardsSettings } from './hazards.settings.ts';
import { HazardPermission } from './hazards.permissions.ts';
import { RegistryPermission } from '../registry/registry.permissions.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

/** A hazard re-read after a change, in the API shape (the caller has checked it is visible). */
async function reload(deps: ServiceDeps, db: Db, principal: Principal, id: string) {
  const row = await repo.findHazard(db, id, undefined);
  if (!row) {
    throw notFound('hazard', id);
  }
  return presentHazard(row, todayIn(deps.clock), principal.role);
}

export async function getHazard(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, HazardPermission.Read);
  const row = await loadVisibleHazard(deps.db, principal, id);
  return {
    ...presentHazard(row, todayIn(deps.clock), principal.role),
    timeline: presentTimeline(await repo.timelineOf(deps.db, id)),
    attachments: await attachmentsOf(deps.db, id),
  };
}

/** Reports a hazard at a visible mine under a criterion that applies to the mine's kind. */
export async function reportHazard(
  deps: ServiceDeps,
  principal: Principal,
  input: HazardReportInput,
) {
  requirePermission(principal, HazardPermission.Report);
  checkDateWindows(todayIn(deps.clock), { foundOn: [input.foundOn, DateWindows.happened] });
  const enterpriseSide = principal.scope.kind === 'enterprise' || principal.scope.kind === 'mines';
  if (enterpriseSide && !enterpriseHazardSources.includes(input.source)) {
    throw invalidField(
      'source',
      `企业只能上报 ${enterpriseHazardSources.join('、')} 发现的隐患`,
      input.source,
    );
  }
  return deps.db.transaction(async (tx) => {
    const mine = await loadMineForInput(tx, principal, input.mineId);
    const criterion = await repo.findCriterion(tx, input.criterionId);
    if (!criterion) {
      throw invalidField('criterionId', '判定标准条款不存在', input.criterionId);
    }
    if (!criterion.applicableKinds.includes(mine.mine.kind)) {
      throw invalidField(
        'criterionId',
        `条款 ${criterion.code} 不适用于${mine.mine.kind}`,
        input.criterionId,
      );
    }
    const at = deps.clock();
    const rules = await getSetting(tx, hazardsSettings.repeatRules);
    const earlier = await repo.findRecentlyClosedSame(
      tx,
      input.mineId,
      criterion.code,
      addMonths(input.foundOn, -rules.repeatWithinMonths),
    );
    const id = await repo.insertHazard(tx, {
      ...input,
      state: HazardState.Reported,
      repeatOf: earlier?.id ?? null,
      reportedBy: principal.userId,
      createdAt: at,
      updatedAt: at,
    });
    await repo.insertHazardEvent(tx, {
      hazardId: id,
      at,
      actorId: principal.userId,
      actorLabel: principal.username,
      action: 'report',
      toState: HazardState.Reported,
      note: earlier
        ? `屡改屡犯: 同一条款 ${criterion.code} 于 ${rules.repeatWithinMonths} 个月内销号后再次发现`
        : input.description,
      data: earlier ? { repeatOf: earlier.id } : null,
    });
    const after = await reload(deps, tx, principal, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'hazards.hazard.reported',
      entityId: id,
      after,
    });
    return after;
  });
}

const auditTypeByAction: Record<HazardAction, keyof typeof hazardsAuditEvents> = {
  plan: 'hazards.hazard.planned',
  submit: 'hazards.hazard.submitted',
  accept: 'hazards.hazard.accepted',
  reject: 'hazards.hazard.rejected',
};

/** Moves a hazard one step along the loop, with the fields that step records. */
async function advance(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  action: HazardAction,
  input: { version?: number | undefined },
  changes: (at: Date) => Parameters<typeof repo.updateHazardRow>[2],
  note: string,
) {
  requirePermission(
    principal,
    action === 'plan' || action === 'submit' ? HazardPermission.Rectify : HazardPermission.Accept,
  );
  return deps.db.transaction(async (tx) => {
    const current = await loadVisibleHazard(tx, principal, id);
    const from = current.hazard.state;
    const to = nextHazardState(from, action, principal.role);
    checkVersion('hazard', current.hazard.version, input.version);
    const at = deps.clock();
    const before = presentHazard(current, todayIn(deps.clock), principal.role);
    await repo.updateHazardRow(tx, id, { ...changes(at), state: to }, at);
    await repo.insertHazardEvent(tx, {
      hazardId: id,
      at,
      actorId: principal.userId,
      actorLabel: principal.username,
      action,
      fromState: from,
      toState: to,
      note,
    });
    const after = await reload(deps, tx, principal, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: auditTypeByAction[action],
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/** 五落实: fixes the responsible person, measures, funds, deadline and contingency plan (→ 治理中). */
export function planHazard(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: HazardPlanInput,
) {
  if (input.deadline < todayIn(deps.clock)) {
    throw invalidField('deadline', '治理时限不能早于今天', input.deadline);
  }
  checkDateWindows(todayIn(deps.clock), { deadline: [input.deadline, DateWindows.planned] });
  const { version: _v, ...plan } = input;
  return advance(
    deps,
    principal,
    id,
    'plan',
    input,
    () => plan,
    `五落实: ${plan.responsiblePerson}, 时限 ${plan.deadline}`,
  );
}

/** The enterprise reports the rectification done (→ 待验收). */
export function submitRectification(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: HazardSubmitInput,
) {
  return advance(
    deps,
    principal,
    id,
    'submit',
    input,
    () => ({ rectificationNote: input.rectificationNote }),
    input.rectificationNote,
  );
}

/** A regulator of the jurisdiction accepts (→ 已销号). */
export function acceptHazard(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: HazardDecisionInput,
) {
  return advance(deps, principal, id, 'accept', input, (at) => ({ closedAt: at }), input.note);
}

/** A regulator refuses the rectification with a reason (→ 治理中). */
export function rejectHazard(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: HazardDecisionInput,
) {
  return advance(deps, principal, id, 'reject', input, () => ({}), input.note);
}

/** Sets or lifts 挂牌督办 on an open hazard. */
export async function superviseHazard(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: { supervised: boolean; note: string },
) {
  requirePermission(principal, HazardPermission.Supervise);
  return deps.db.transaction(async (tx) => {
    const current = await loadVisibleHazard(tx, principal, id);
    if (current.hazard.state === HazardState.Closed) {
      throw new AppError(AppErrorCode.Conflict, '已销号的隐患不能挂牌督办');
    }
    if (current.hazard.supervised === input.supervised) {
      throw new AppError(AppErrorCode.Conflict, input.supervised ? '已挂牌督办' : '未挂牌督办', [
        { path: 'supervised', message: '没有变化' },
      ]);
    }
    const at = deps.clock();
    await repo.updateHazardRow(tx, id, { supervised: input.supervised }, at);
    await repo.insertHazardEvent(tx, {
      hazardId: id,
      at,
      actorId: principal.userId,
      actorLabel: principal.username,
      action: input.supervised ? 'supervise' : 'unsupervise',
      note: input.note,
    });
    const after = await reload(deps, tx, principal, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'hazards.hazard.supervised',
      entityId: id,
      before: { supervised: current.hazard.supervised },
      after: { supervised: input.supervised, note: input.note },
    });
    return after;
  });
}

/** Orders 停产整顿 for the hazard's mine: the registry changes the status (with its history) in the same transaction. */
export async function suspendMineForHazard(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: { effectiveDate: string; reason: string },
) {
  requirePermission(principal, RegistryPermission.MineStatusChange);
  checkDateWindows(todayIn(deps.clock), {
    effectiveDate: [input.effectiveDate, DateWindows.happened],
  });
  return deps.db.transaction(async (tx) => {
    const current = await loadVisibleHazard(tx, principal, id);
    if (current.hazard.state === HazardState.Closed) {
      throw new AppError(AppErrorCode.Conflict, '隐患已销号');
    }
    await changeMineStatus({ ...deps, db: tx }, principal, current.hazard.mineId, {
      status: MineStatus.SuspendedForRectification,
      effectiveDate: input.effectiveDate,
      reason: `重大事故隐患 ${current.criterionCode}: ${input.reason}`,
    });
    const at = deps.clock();
    await repo.insertHazardEvent(tx, {
      hazardId: id,
      at,
      actorId: principal.userId,
      actorLabel: principal.username,
      action: 'suspend_mine',
      note: input.reason,
    });
    await recordAudit(tx, actorOf(principal), at, {
      type: 'hazards.hazard.mine_suspended',
      entityId: id,
      after: input,
    });
    return reload(deps, tx, principal, id);
  });
}

/** The repository's filter for a list query within the caller's jurisdiction. */
function hazardFilterOf(
  principal: Principal,
  q: Omit<HazardListQuery, 'limit' | 'cursor'>,
  today: string,
): repo.HazardFilter {
  return {
    mineScope: mineScopeCondition(principal.scope),
    regionPrefix: q.region ? subtreePrefix(q.region) : undefined,
    mineId: q.mineId,
    state: q.state,
    source: q.source,
    overdueBefore: q.overdue ? today : undefined,
    supervised: q.supervised,
    q: q.q,
    from: q.from,
    to: q.to,
  };
}

export async function listHazards(deps: ServiceDeps, principal: Principal, q: HazardListQuery) {
  requirePermission(principal, HazardPermission.Read);
  const today = todayIn(deps.clock);
  const f = hazardFilterOf(principal, q, today);
  return keysetPage(q, {
    rows: (after, limit) => repo.listHazards(deps.db, f, { limit, after }),
    present: (rows) => rows.map((r) => presentHazard(r, today, principal.role)),
    total: async () => {
      // The open working set is counted live; the closed history from the rollup where it can be.
      const open = await repo.countHazards(deps.db, f, repo.isOpen);
      const closedWanted = !q.overdue && (!q.state || q.state.includes(HazardState.Closed));
      return closedWanted ? open + (await closedCount(deps, principal, q, f)) : open;
    },
    key: 'date',
    keyOf: (h) => [h.foundOn, h.id],
  });
}

/** Every hazard the list's filters select (newest first, at most ExportRowsMax), for its export. */
export async function allHazards(
  deps: ServiceDeps,
  principal: Principal,
  q: Omit<HazardListQuery, 'limit' | 'cursor'>,
) {
  requirePermission(principal, HazardPermission.Read);
  const today = todayIn(deps.clock);
  const rows = await repo.listHazards(deps.db, hazardFilterOf(principal, q, today), {
    limit: ExportRowsMax,
  });
  return rows.map((r) => presentHazard(r, today, principal.role));
}

/** The hazards card of the dashboard for a region subtree (the analysis' figures, summed). */
export async function hazardSummary(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
) {
  requirePermission(principal, HazardPermission.Read);
  const today = todayIn(deps.clock);
  const fig = await hazardFigures(deps, principal, q, { today, monthsFrom: today });
  const totals = totalsOf(fig);
  const byState = [
    ...fig.open
      .filter((r) => r.dim === 'state' && r.key !== null)
      .map((r) => ({ key: r.key ?? '', count: r.open })),
    ...(totals.closed ? [{ key: HazardState.Closed, count: totals.closed }] : []),
  ].sort((a, b) => a.key.localeCompare(b.key));
  const bySource = merged(fig, 'source')
    .map((b) => ({ key: b.key, count: b.total }))
    .sort((a, b) => a.key.localeCompare(b.key));
  return {
    total: totals.total,
    open: totals.open,
    overdue: totals.overdue,
    supervised: totals.supervised,
    byState,
    bySource,
  };
}

/**
 * 提请关闭 candidates (安委〔2024〕1号; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第7条): producing mines with incomplete
 * licences where at least `closureMinHazards` major hazards were found within `closureWindowMonths`
 * months.
 */
export async function closureCandidates(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
) {
  requirePermission(principal, HazardPermission.Read);
  const rules = await getSetting(deps.db, hazardsSettings.repeatRules);
  const today = todayIn(deps.clock);
  const rows = await repo.hazardDatesOfProducingMines(
    deps.db,
    {
      mineScope: mineScopeCondition(principal.scope),
      regionPrefix: q.region ? subtreePrefix(q.region) : undefined,
    },
    MineStatus.Producing,
  );
  const byMine = new Map<string, typeof rows>();
  for (const r of rows) {
    byMine.set(r.mineId, [...(byMine.get(r.mineId) ?? []), r]);
  }
  const dense = [...byMine.values()]
    .map((list) => ({
      list,
      window: firstDenseWindow(
        list.map((r) => r.foundOn),
        rules.closureWindowMonths,
        rules.closureMinHazards,
      ),
    }))
    .filter((m) => m.window !== null);
  const licences = await currentLicencesOf(
    deps.db,
    dense.map((m) => m.list[0]?.mineId ?? ''),
  );
  return dense
    .map(({ list, window }) => {
      const first = list[0];
      const problems = licenceProblems(
        licences.filter((l) => l.mineId === first?.mineId),
        today,
      );
      return {
        mineId: first?.mineId ?? '',
        mineName: first?.mineName ?? '',
        countyName: first?.countyName ?? '',
        hazardsInWindow: list
          .filter((r) => window?.includes(r.foundOn))
          .map((r) => ({ id: r.hazardId, foundOn: r.foundOn })),
        windowMonths: rules.closureWindowMonths,
        licenceProblems: problems,
      };
    })
    .filter((c) => c.licenceProblems.length > 0);
}
