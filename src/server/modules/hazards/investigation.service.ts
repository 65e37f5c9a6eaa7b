/**
 * @module 重大事故隐患调查处理 (issue 24; rules and sources in shared/hazard-investigation.ts): a regulator of
 * the hazard's jurisdiction places it under investigation (the team), concludes it (cause, responsibility,
 * 问责建议, the 倒查 of the parent company and of enforcement); and the 倒查 list — the mine's inspections in
 * the N months (setting hazards.investigationLookbackMonths) up to the day the hazard was found that did
 * not find it, with their units and inspectors (方案第27条, 要点第45条: 谁检查、谁签名、谁负责). Regulators only.
 */
import type {
  HazardInvestigationConclusion,
  HazardInvestigationInput,
  HazardInvestigationResponse,
} from '../../../shared/hazard-investigation.ts';
import { DateWindows } from '../../../shared/date-windows.ts';
import { addMonths, todayIn } from '../../../shared/dates.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, checkDateWindows, invalidField } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import {
  inspectionsMissingHazard,
  userNames,
} from '../inspections/records/inspection.repository.ts';
import { loadVisibleHazard } from './hazard.access.ts';
import type { HazardJoinedRow } from './hazard.repository.ts';
import { recordAudit } from './hazards.audit.ts';
import { HazardPermission } from './hazards.permissions.ts';
import { hazardsSettings } from './hazards.settings.ts';
import * as repo from './investigation.repository.ts';

/** Regulators only: an enterprise's user never reads or makes these (403), whatever its grants. */
function requireRegulator(principal: Principal) {
  if (principal.scope.kind !== 'region' && principal.scope.kind !== 'all') {
    throw new AppError(AppErrorCode.Forbidden, '重大事故隐患调查由监管部门办理');
  }
}

/** The 倒查 list of a hazard: the mine's inspections from N months before it was found to that day. */
async function lookback(db: Db, row: HazardJoinedRow) {
  const months = await getSetting(db, hazardsSettings.investigationLookbackMonths);
  const to = row.hazard.foundOn;
  const from = addMonths(to, -months);
  const found = await inspectionsMissingHazard(db, {
    mineId: row.hazard.mineId,
    from,
    to,
    hazardId: row.hazard.id,
  });
  const names = await userNames(db, [...new Set(found.flatMap((i) => i.teamUserIds))]);
  return {
    months,
    from,
    to,
    parentCompany: await repo.parentCompanyOf(db, row.hazard.mineId),
    inspections: found.map((i) => ({
      id: i.id,
      inspectedOn: i.inspectedOn,
      kind: i.kind,
      unitName: i.unitName,
      inspectors: i.teamUserIds.map((u) => names.get(u) ?? '(已删除用户)'),
    })),
  };
}

async function view(
  db: Db,
  principal: Principal,
  row: HazardJoinedRow,
): Promise<HazardInvestigationResponse> {
  const inv = await repo.findInvestigation(db, row.hazard.id);
  return {
    investigation: inv
      ? {
          openedOn: inv.openedOn,
          team: inv.team,
          openedBy: inv.openedLabel,
          concludedOn: inv.concludedOn,
          cause: inv.cause,
          responsibility: inv.responsibility,
          proposal: inv.proposal,
          parentCompanyReview: inv.parentCompanyReview,
          enforcementReview: inv.enforcementReview,
          version: inv.version,
        }
      : null,
    lookback: await lookback(db, row),
    canInvestigate: principal.permissions.has(HazardPermission.Investigate),
  };
}

/** A hazard's investigation (or none yet) and its 倒查 list. */
export async function getInvestigation(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, HazardPermission.InvestigationRead);
  requireRegulator(principal);
  return view(deps.db, principal, await loadVisibleHazard(deps.db, principal, id));
}

/** Places the hazard under investigation (once), on a day not before it was found. */
export async function openInvestigation(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: HazardInvestigationInput,
) {
  requirePermission(principal, HazardPermission.Investigate);
  requireRegulator(principal);
  checkDateWindows(todayIn(deps.clock), { openedOn: [input.openedOn, DateWindows.happened] });
  return deps.db.transaction(async (tx) => {
    const row = await loadVisibleHazard(tx, principal, id);
    if (input.openedOn < row.hazard.foundOn) {
      throw invalidField('openedOn', '调查日期不能早于隐患发现日期', input.openedOn);
    }
    const at = deps.clock();
    const made = await repo.insertInvestigation(tx, {
      hazardId: id,
      openedOn: input.openedOn,
      team: input.team,
      openedBy: principal.userId,
      openedLabel: principal.displayName,
      createdAt: at,
      updatedAt: at,
    });
    if (!made) {
      throw new AppError(AppErrorCode.Conflict, '该隐患已在调查中');
    }
    await recordAudit(tx, actorOf(principal), at, {
      type: 'hazards.investigation.opened',
      entityId: id,
      after: input,
    });
    return view(tx, principal, row);
  });
}

/** Concludes the investigation (once, after it was opened): cause, responsibility, 问责建议, 倒查. */
export async function concludeInvestigation(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: HazardInvestigationConclusion,
) {
  requirePermission(principal, HazardPermission.Investigate);
  requireRegulator(principal);
  checkDateWindows(todayIn(deps.clock), {
    concludedOn: [input.concludedOn, DateWindows.happened],
  });
  return deps.db.transaction(async (tx) => {
    const row = await loadVisibleHazard(tx, principal, id);
    const inv = await repo.findInvestigation(tx, id, true);
    if (!inv) {
      throw new AppError(AppErrorCode.Conflict, '须先成立调查组 (启动调查) 方可提出调查结论');
    }
    if (inv.concludedOn) {
      throw new AppError(AppErrorCode.Conflict, '该隐患调查已有结论');
    }
    if (input.concludedOn < inv.openedOn) {
      throw invalidField('concludedOn', '结论日期不能早于启动调查日期', input.concludedOn);
    }
    const at = deps.clock();
    await repo.updateInvestigation(
      tx,
      id,
      {
        concludedOn: input.concludedOn,
        cause: input.cause,
        responsibility: input.responsibility,
        proposal: input.proposal,
        parentCompanyReview: input.parentCompanyReview ?? null,
        enforcementReview: input.enforcementReview ?? null,
      },
      at,
    );
    await recordAudit(tx, actorOf(principal), at, {
      type: 'hazards.investigation.concluded',
      entityId: id,
      after: input,
    });
    return view(tx, principal, row);
  });
}
