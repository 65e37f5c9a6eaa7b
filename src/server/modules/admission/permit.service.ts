/**
 * @module 安全设施设计审查 and 安全生产许可 as one workflow (issue 25 §5; 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第9条:
 * 严格安全设施设计审查和安全生产许可审批, 强化首次申请安全生产许可证的现场核查; 原平第11条; 《拉萨市关于加强非煤矿山安全
 * 生产工作的实施意见》二(三)2): application → 设计审查 (≥ 5 experts, 矿安〔2022〕4号) → 建设工期 with at most one
 * extension of ≤ 1 year → 现场核查 (required on a first application) → the licence, created or renewed in
 * the registry. Each step is one transaction with its audit event; a step out of order is a 409.
 */
import { DateWindows } from '../../../shared/date-windows.ts';
import { todayIn } from '../../../shared/dates.ts';
import {
  extensionProblem,
  fillingProblem,
  permitOrderProblem,
  PermitState,
  type DesignReviewInput,
  type ExtensionInput,
  type IssueInput,
  type PermitAction,
  type PermitApplicationInput,
  type SiteCheckInput,
  type StepProblem,
} from '../../../shared/admission.ts';
import type { PermitListQuery } from '../../../shared/admission.schemas.ts';
import { LicenceKind } from '../../../shared/registry.enums.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, checkDateWindows, invalidField } from '../../platform/errors.ts';
import {
  currentLicencesOf,
  issueSafetyLicence,
  loadMineForInput,
} from '../registry/mine.service.ts';
import { mineScopeCondition, visibleByMine } from '../registry/registry.scope.ts';
import { recordAudit } from './admission.audit.ts';
import { AdmissionPermission } from './admission.permissions.ts';
import { presentPermit } from './admission.presenter.ts';
import * as repo from './admission.repository.ts';
import { permits } from './admission.table.ts';

/** 矿安〔2022〕4号: 安全设施设计审查 needs at least 5 experts. */
export const DESIGN_EXPERTS_MIN = 5;

function loadVisiblePermit(db: Db, principal: Principal, id: string, lock = false) {
  return visibleByMine(db, principal, permits, id, {
    entity: 'permit_application',
    select: repo.permitSelect(db),
    lock,
  });
}

/** Throws a step's problem: a 400 on its field, or a 409 for the order. */
function refuse(problem: StepProblem): void {
  if (!problem) {
    return;
  }
  if (problem.kind === 'field') {
    throw invalidField(problem.path, problem.message);
  }
  throw new AppError(AppErrorCode.Conflict, problem.message, [
    { path: problem.path, message: problem.message },
  ]);
}

/** One application of the caller's jurisdiction (or its own mine). */
export async function getPermit(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, AdmissionPermission.Read);
  return presentPermit(await loadVisiblePermit(deps.db, principal, id));
}

/** The applications of the caller's jurisdiction, newest first. */
export async function listPermits(deps: ServiceDeps, principal: Principal, q: PermitListQuery) {
  requirePermission(principal, AdmissionPermission.Read);
  const rows = await repo.listPermits(
    deps.db,
    { mineScope: mineScopeCondition(principal.scope), ...q },
    1000,
  );
  return rows.map(presentPermit);
}

/**
 * Files an application for a mine the caller may see (an enterprise only its own: any other is a 400 on
 * mineId); an underground design without 充填法 needs its 论证 (西藏第9条); a mine with an application in
 * progress is a 409.
 */
export async function applyPermit(
  deps: ServiceDeps,
  principal: Principal,
  input: PermitApplicationInput,
) {
  requirePermission(principal, AdmissionPermission.Apply);
  const now = deps.clock();
  checkDateWindows(todayIn(deps.clock), { appliedOn: [input.appliedOn, DateWindows.happened] });
  return deps.db.transaction(async (tx) => {
    const mine = await loadMineForInput(tx, principal, input.mineId);
    refuse(fillingProblem(mine.mine.kind, input));
    const open = await repo.openPermitOf(tx, input.mineId);
    if (open) {
      throw new AppError(AppErrorCode.Conflict, '该矿山已有办理中的申请', [
        { path: 'mineId', message: `已有申请处于「${open.state}」`, value: input.mineId },
      ]);
    }
    const id = await repo.insertPermit(tx, {
      ...input,
      state: PermitState.Applied,
      appliedBy: principal.userId,
      appliedLabel: principal.displayName,
      createdAt: now,
      updatedAt: now,
    });
    if (!id) {
      throw new AppError(AppErrorCode.Internal, 'permit application not stored');
    }
    await recordAudit(tx, actorOf(principal), now, {
      type: 'admission.permit.applied',
      entityId: id,
      after: input,
    });
    return presentPermit(await loadVisiblePermit(tx, principal, id));
  });
}

/** Runs one decided step on an application, locked, in order, audited, in one transaction. */
async function decide(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  action: PermitAction,
  step: (
    tx: Db,
    p: typeof permits.$inferSelect,
    today: string,
  ) => Promise<{ set: Partial<typeof permits.$inferInsert>; after: object }>,
) {
  requirePermission(principal, AdmissionPermission.Decide);
  const now = deps.clock();
  const today = todayIn(deps.clock);
  return deps.db.transaction(async (tx) => {
    const { permit: p } = await loadVisiblePermit(tx, principal, id, true);
    const holds = (await currentLicencesOf(tx, [p.mineId])).some(
      (l) => l.kind === LicenceKind.SafetyProduction,
    );
    refuse(permitOrderProblem(p.state, action, holds));
    const { set, after } = await step(tx, p, today);
    await repo.updatePermit(tx, id, set, now);
    const types = {
      designReview: 'admission.permit.reviewed',
      extend: 'admission.permit.extended',
      siteCheck: 'admission.permit.site_checked',
      issue: 'admission.permit.issued',
    } as const;
    await recordAudit(tx, actorOf(principal), now, {
      type: types[action],
      entityId: id,
      before: { state: p.state, constructionDueOn: p.constructionDueOn },
      after: { ...after, state: set.state ?? p.state },
    });
    return presentPermit(await loadVisiblePermit(tx, principal, id));
  });
}

function notBefore(path: string, date: string, earliest: string | null, what: string) {
  if (earliest !== null && date < earliest) {
    throw invalidField(path, `不能早于${what} ${earliest}`, date);
  }
}

/** 安全设施设计审查: approved with ≥ 5 experts and a 建设工期 after the review, or not approved. */
export function reviewPermit(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: DesignReviewInput,
) {
  checkDateWindows(todayIn(deps.clock), {
    reviewedOn: [input.reviewedOn, DateWindows.happened],
    constructionDueOn: [input.constructionDueOn, DateWindows.planned],
  });
  return decide(deps, principal, id, 'designReview', (_tx, p) => {
    notBefore('reviewedOn', input.reviewedOn, p.appliedOn, '申请日期');
    const common = {
      reviewedOn: input.reviewedOn,
      reviewExperts: input.experts,
      reviewNote: input.note,
    };
    if (!input.approved) {
      return Promise.resolve({ set: { ...common, state: PermitState.Rejected }, after: input });
    }
    if (input.experts.length < DESIGN_EXPERTS_MIN) {
      throw invalidField(
        'experts',
        `安全设施设计审查须有 ${DESIGN_EXPERTS_MIN} 名以上专家 (矿安〔2022〕4号)`,
      );
    }
    const due = input.constructionDueOn;
    if (due === undefined || due <= input.reviewedOn) {
      throw invalidField('constructionDueOn', '批准设计须给出晚于审查日期的建设工期', due);
    }
    return Promise.resolve({
      set: { ...common, state: PermitState.Approved, constructionDueOn: due, originalDueOn: due },
      after: input,
    });
  });
}

/** 建设工期延期: once, later than the current end by at most 1 year (拉萨 二(三)2). */
export function extendPermit(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: ExtensionInput,
) {
  checkDateWindows(todayIn(deps.clock), {
    approvedOn: [input.approvedOn, DateWindows.happened],
    newDueOn: [input.newDueOn, DateWindows.planned],
  });
  return decide(deps, principal, id, 'extend', (_tx, p) => {
    notBefore('approvedOn', input.approvedOn, p.reviewedOn, '设计审查日期');
    refuse(
      extensionProblem(
        { constructionDueOn: p.constructionDueOn ?? input.newDueOn, extensions: p.extensions },
        input.newDueOn,
      ),
    );
    return Promise.resolve({
      set: {
        constructionDueOn: input.newDueOn,
        extensions: p.extensions + 1,
        extensionReason: input.reason,
      },
      after: input,
    });
  });
}

/** 现场核查 during construction: passed, the licence may follow; not passed, it is recorded and may be redone. */
export function checkPermitSite(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: SiteCheckInput,
) {
  checkDateWindows(todayIn(deps.clock), { checkedOn: [input.checkedOn, DateWindows.happened] });
  return decide(deps, principal, id, 'siteCheck', (_tx, p) => {
    notBefore('checkedOn', input.checkedOn, p.reviewedOn, '设计审查日期');
    return Promise.resolve({
      set: {
        siteCheckedOn: input.checkedOn,
        siteCheckPassed: input.passed,
        siteCheckNote: input.note,
        ...(input.passed ? { state: PermitState.SiteChecked } : {}),
      },
      after: input,
    });
  });
}

/** 发放安全生产许可证: the registry's licence of the mine created or renewed, in the same transaction. */
export function issuePermit(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: IssueInput,
) {
  checkDateWindows(todayIn(deps.clock), {
    issuedOn: [input.issuedOn, DateWindows.happened],
    expiresOn: [input.expiresOn, DateWindows.expiry],
  });
  if (input.expiresOn <= input.issuedOn) {
    throw invalidField('expiresOn', '有效期至须晚于发证日期', input.expiresOn);
  }
  return decide(deps, principal, id, 'issue', async (tx, p, today) => {
    notBefore('issuedOn', input.issuedOn, p.siteCheckedOn ?? p.reviewedOn, '核查或审查日期');
    const licenceId = await issueSafetyLicence(
      tx,
      actorOf(principal),
      deps.clock(),
      today,
      p.mineId,
      {
        number: input.licenceNumber,
        issuedOn: input.issuedOn,
        expiresOn: input.expiresOn,
      },
    );
    return {
      set: { state: PermitState.Issued, issuedOn: input.issuedOn, licenceId },
      after: { ...input, licenceId },
    };
  });
}
