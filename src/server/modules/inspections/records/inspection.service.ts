/**
 * @module Inspection records (issue 7 §2): a team of at least two inspectors of a regulator unit whose
 * jurisdiction covers the mine, a kind, 四不两直 unless an announced reason is stated (《2024年矿山安全生产工作要点》
 * 第41条: "检查执法一律采取“四不两直”方式开展"), a checklist built from the hazard criteria catalogue plus
 * custom items, the body-camera reference, 复查 and 典型案例. Findings, photos and on-site orders have
 * their own use cases (finding.service.ts, photo.service.ts, order.service.ts), all through
 * `changeInspection`.
 */
import type {
  ChecklistItem,
  InspectionCreateInput,
  InspectionListQuery,
  InspectionResponse,
  InspectionUpdateInput,
  RecheckInput,
  TypicalInput,
} from '../../../../shared/inspections.schemas.ts';
import { subtreePrefix, type Principal } from '../../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { invalidField, checkDateWindows } from '../../../platform/errors.ts';
import { InspectionKind } from '../../../../shared/inspections.enums.ts';
import { loadMineForInput, loadVisibleMine } from '../../registry/mine.service.ts';
import { checkVersion } from '../../registry/registry.guards.ts';
import { mineScopeCondition } from '../../registry/registry.scope.ts';
import { documentsOfInspection } from '../documents/document.repository.ts';
import { recordAudit, type inspectionsAuditEvents } from '../inspections.audit.ts';
import { InspectionPermission } from '../inspections.permissions.ts';
import { penaltiesOfInspection } from '../penalties/penalty.repository.ts';
import { findVisit, linkVisit } from '../schedules/schedule.repository.ts';
import { activeArrangementIds, arrangementForInspection } from '../cross/cross.service.ts';
import { actingPrincipalFor, loadVisibleInspection, teamOf } from './inspection.access.ts';
import { presentInspection, presentInspectionRow } from './inspection.presenter.ts';
import * as repo from './inspection.repository.ts';
import { DateWindows } from '../../../../shared/date-windows.ts';
import { todayIn } from '../../../../shared/dates.ts';

/** Inspections listed at most (narrow by dates or region for more). */
const listMax = 500;

/** Active inspectors and regulator administrators of the units whose region covers a county. */
async function inspectorsCovering(db: Db, countyCode: string) {
  const rows = await repo.regulatorInspectors(db);
  return rows
    .filter((r) => r.region && countyCode.startsWith(subtreePrefix(r.region)))
    .map(({ userId, name, role, unit }) => ({ userId, name, role, unit }));
}

/** Every team member must be one of the inspectors covering the mine. */
async function checkTeam(db: Db, teamUserIds: readonly string[], countyCode: string) {
  const eligible = new Set((await inspectorsCovering(db, countyCode)).map((u) => u.userId));
  teamUserIds.forEach((id, i) => {
    if (!eligible.has(id)) {
      throw invalidField(`teamUserIds.${i}`, '不是对此矿山有管辖权的监管执法人员', id);
    }
  });
}

/** The checklist: the criteria named (each applicable to the mine's kind), then the custom items. */
async function checklistFrom(
  db: Db,
  criterionIds: readonly string[],
  mineKind: string,
  customItems: readonly string[],
): Promise<ChecklistItem[]> {
  const byId = new Map((await repo.criteriaByIds(db, criterionIds)).map((r) => [r.id, r]));
  const items: ChecklistItem[] = criterionIds.map((id, i) => {
    const c = byId.get(id);
    if (!c) {
      throw invalidField(`checklistCriterionIds.${i}`, '判定标准条款不存在', id);
    }
    if (!c.applicableKinds.includes(mineKind)) {
      throw invalidField(`checklistCriterionIds.${i}`, `条款 ${c.code} 不适用于${mineKind}`, id);
    }
    return { criterionId: id, text: `${c.code} ${c.text}`, result: null, note: '' };
  });
  return [
    ...items,
    ...customItems.map((text) => ({ criterionId: null, text, result: null, note: '' })),
  ];
}

/**
 * The inspection as the API shows it, read on `db` (a transaction sees its own writes); a 404 when the
 * caller may not see it (a 400 on `field` when the id came in a request body).
 */
export async function inspectionView(
  db: Db,
  principal: Principal,
  id: string,
  field?: string,
): Promise<InspectionResponse> {
  const row = await loadVisibleInspection(db, principal, id, field);
  return presentInspection(row, {
    team: await teamOf(db, row.inspection.teamUserIds),
    findings: await repo.findingsOf(db, id),
    photos: await repo.photosOf(db, id),
    orders: await repo.ordersOf(db, id),
    penalties: await penaltiesOfInspection(db, id),
    documents: await documentsOfInspection(db, id),
  });
}

/**
 * The jurisdiction and team rule an inspection is recorded under: the caller's own, with a team of
 * inspectors covering the mine; or, for 交叉执法, an arrangement in force that the caller is a member of,
 * with its target region as jurisdiction and a team from its pool (《2024年矿山安全生产工作要点》第41条 异地交叉执法).
 */
async function recordingRules(
  deps: ServiceDeps,
  principal: Principal,
  input: InspectionCreateInput,
): Promise<{ actor: Principal; team?: ReadonlySet<string> }> {
  const cross = input.kind === InspectionKind.Cross;
  if (cross !== (input.crossArrangementId !== undefined)) {
    throw cross
      ? invalidField('crossArrangementId', '交叉执法须在上级单位安排的交叉执法下进行')
      : invalidField('kind', '在交叉执法安排下的检查, 检查类型为交叉执法', input.kind);
  }
  if (input.crossArrangementId === undefined) {
    return { actor: principal };
  }
  if (input.scheduleVisitId) {
    throw invalidField(
      'scheduleVisitId',
      '交叉执法不是本单位年度计划中的检查',
      input.scheduleVisitId,
    );
  }
  const found = await arrangementForInspection(
    deps.db,
    principal,
    input.crossArrangementId,
    input.inspectedOn,
    todayIn(deps.clock),
  );
  return { actor: found.principal, team: found.members };
}

/**
 * Records an inspection at a visible mine (or, for 交叉执法, a mine of the arrangement's region),
 * optionally making one of the schedule's visits.
 */
export async function createInspection(
  deps: ServiceDeps,
  principal: Principal,
  input: InspectionCreateInput,
) {
  requirePermission(principal, InspectionPermission.Write);
  checkDateWindows(todayIn(deps.clock), { inspectedOn: [input.inspectedOn, DateWindows.happened] });
  // Read before the write transaction (one connection on PGlite).
  const rules = await recordingRules(deps, principal, input);
  const actor = rules.actor;
  return deps.db.transaction(async (tx) => {
    const mine = await loadMineForInput(tx, actor, input.mineId);
    if (rules.team) {
      const pool = rules.team;
      input.teamUserIds.forEach((id, i) => {
        if (!pool.has(id)) {
          throw invalidField(`teamUserIds.${i}`, '不在该交叉执法安排的执法人才库中', id);
        }
      });
    } else {
      await checkTeam(tx, input.teamUserIds, mine.mine.countyCode);
    }
    const checklist = await checklistFrom(
      tx,
      input.checklistCriterionIds,
      mine.mine.kind,
      input.customItems,
    );
    if (input.scheduleVisitId && input.announced) {
      // A planned visit is 四不两直 like every one (第41条): its date is never given to the mine.
      throw invalidField(
        'announced.reason',
        '年度计划中的检查一律四不两直, 不得事先告知',
        input.announced.reason,
      );
    }
    if (input.scheduleVisitId) {
      const visit = await findVisit(tx, input.scheduleVisitId);
      if (!visit || visit.mineId !== input.mineId) {
        throw invalidField(
          'scheduleVisitId',
          '计划检查不存在或不是该矿山的',
          input.scheduleVisitId,
        );
      }
      if (visit.inspectionId) {
        throw invalidField('scheduleVisitId', '该计划检查已有检查记录', input.scheduleVisitId);
      }
    }
    const at = deps.clock();
    const id = await repo.insertInspection(tx, {
      mineId: input.mineId,
      organisationId: principal.organisationId,
      scheduleVisitId: input.scheduleVisitId ?? null,
      crossArrangementId: input.crossArrangementId ?? null,
      kind: input.kind,
      announcedReason: input.announced?.reason ?? null,
      announcedNote: input.announced?.note || null,
      inspectedOn: input.inspectedOn,
      teamUserIds: input.teamUserIds,
      bodyCameraRef: input.bodyCameraRef ?? null,
      checklist,
      createdBy: principal.userId,
      createdAt: at,
      updatedAt: at,
    });
    if (input.scheduleVisitId) {
      await linkVisit(tx, input.scheduleVisitId, id);
    }
    const after = await inspectionView(tx, actor, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'inspections.inspection.created',
      entityId: id,
      after: {
        mineId: input.mineId,
        kind: input.kind,
        manner: input.announced ? '事先告知' : '四不两直',
        announced: input.announced ?? null,
        crossArrangementId: input.crossArrangementId ?? null,
        inspectedOn: input.inspectedOn,
        teamUserIds: input.teamUserIds,
      },
    });
    return after;
  });
}

/** An inspection the caller may see, with everything recorded on it. */
export async function getInspection(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, InspectionPermission.Read);
  const actor = await actingPrincipalFor(deps.db, principal, id, todayIn(deps.clock));
  return inspectionView(deps.db, actor, id);
}

/**
 * Runs a change to one inspection in a transaction: the caller may write and see it, its version
 * matches, and the change is followed by the version bump and its audit event. Answers the view. The
 * change gets the principal to act as (a 交叉执法 pool member's is confined to the arrangement's region).
 */
export async function changeInspection(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  type: keyof typeof inspectionsAuditEvents,
  version: number | undefined,
  change: (
    tx: Db,
    current: repo.InspectionWithMine,
    at: Date,
    actor: Principal,
  ) => Promise<unknown>,
) {
  requirePermission(principal, InspectionPermission.Write);
  // Read before the write transaction (one connection on PGlite).
  const actor = await actingPrincipalFor(deps.db, principal, id, todayIn(deps.clock));
  return deps.db.transaction(async (tx) => {
    const current = await loadVisibleInspection(tx, actor, id);
    checkVersion('inspection', current.inspection.version, version);
    const at = deps.clock();
    const detail = await change(tx, current, at, actor);
    await repo.bumpInspectionVersion(tx, id, at);
    const after = await inspectionView(tx, actor, id);
    await recordAudit(tx, actorOf(principal), at, { type, entityId: id, after: detail ?? null });
    return after;
  });
}

/** Fills in the checklist, summary, body-camera reference or recheck date. */
export function updateInspection(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: InspectionUpdateInput,
) {
  return changeInspection(
    deps,
    principal,
    id,
    'inspections.inspection.updated',
    input.version,
    async (tx, current) => {
      if (input.recheckOn && input.recheckOn < current.inspection.inspectedOn) {
        throw invalidField('recheckOn', '复查日期不能早于检查日期', input.recheckOn);
      }
      checkDateWindows(todayIn(deps.clock), { recheckOn: [input.recheckOn, DateWindows.planned] });
      const set = {
        ...(input.checklist !== undefined && { checklist: input.checklist }),
        ...(input.summary !== undefined && { summary: input.summary }),
        ...(input.bodyCameraRef !== undefined && { bodyCameraRef: input.bodyCameraRef }),
        ...(input.recheckOn !== undefined && { recheckOn: input.recheckOn }),
      };
      await repo.updateInspectionRow(tx, id, set);
      return { ...set, checklist: input.checklist ? `${input.checklist.length} 项` : undefined };
    },
  );
}

/** 复查: the date and the opinion. */
export function recordRecheck(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: RecheckInput,
) {
  return changeInspection(
    deps,
    principal,
    id,
    'inspections.inspection.rechecked',
    input.version,
    async (tx, current) => {
      if (input.recheckedOn < current.inspection.inspectedOn) {
        throw invalidField('recheckedOn', '复查日期不能早于检查日期', input.recheckedOn);
      }
      checkDateWindows(todayIn(deps.clock), {
        recheckedOn: [input.recheckedOn, DateWindows.happened],
      });
      await repo.updateInspectionRow(tx, id, {
        recheckedOn: input.recheckedOn,
        recheckResult: input.result,
      });
      return input;
    },
  );
}

/** Marks (with a note) or unmarks the inspection as a 典型案例. */
export function markTypical(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: TypicalInput,
) {
  return changeInspection(
    deps,
    principal,
    id,
    'inspections.inspection.typical_marked',
    input.version,
    async (tx) => {
      await repo.updateInspectionRow(tx, id, {
        typical: input.typical,
        typicalNote: input.typical ? input.note : null,
      });
      return input;
    },
  );
}

/** Inspections of the caller's mines, newest first (at most 500, or `max`; narrow by dates or region). */
export async function listInspections(
  deps: ServiceDeps,
  principal: Principal,
  q: Partial<InspectionListQuery>,
  max = listMax,
) {
  requirePermission(principal, InspectionPermission.Read);
  const rows = await repo.listInspections(
    deps.db,
    {
      ...q,
      mineScope: mineScopeCondition(principal.scope),
      // A 交叉执法 pool member also sees the inspections of the arrangements in force today.
      crossArrangementIds: await activeArrangementIds(deps.db, principal, todayIn(deps.clock)),
    },
    max + 1,
  );
  const names = await repo.userNames(deps.db, [...new Set(rows.flatMap((r) => r.teamUserIds))]);
  return {
    truncated: rows.length > max,
    items: rows.slice(0, max).map((r) => presentInspectionRow(r, names)),
  };
}

/** Regulator users whose unit covers a mine: the people a team may be formed from. */
export async function eligibleInspectors(deps: ServiceDeps, principal: Principal, mineId: string) {
  requirePermission(principal, InspectionPermission.Read);
  const mine = await loadVisibleMine(deps.db, principal, mineId);
  return inspectorsCovering(deps.db, mine.mine.countyCode);
}
