/**
 * @module Findings of an inspection (issue 7 §2): a general violation with its deadline, a major
 * hazard that enters the hazards ledger (source 监管执法检查) in the same transaction, or 无证上岗 that
 * orders the mine into 停产整顿 through the registry (issue 25 §4; 原平第2条).
 */
import { FindingKind, InspectionOrderKind } from '../../../../shared/inspections.enums.ts';
import { MineStatus } from '../../../../shared/registry.enums.ts';
import { changeMineStatus } from '../../registry/mine.service.ts';
import type { FindingInput } from '../../../../shared/inspections.schemas.ts';
import type { Principal } from '../../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { invalidField, checkDateWindows } from '../../../platform/errors.ts';
import { reportHazard } from '../../hazards/hazard.service.ts';
import { teamOf } from './inspection.access.ts';
import * as repo from './inspection.repository.ts';
import type { InspectionWithMine } from './inspection.repository.ts';
import { changeInspection } from './inspection.service.ts';
import { DateWindows } from '../../../../shared/date-windows.ts';
import { todayIn } from '../../../../shared/dates.ts';

/** A finding; a major hazard is reported into the hazards ledger in the same transaction. */
export function addFinding(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: FindingInput,
) {
  return changeInspection(
    deps,
    principal,
    id,
    'inspections.inspection.finding_added',
    undefined,
    async (tx, current, _at, actor) => {
      const i = current.inspection;
      if (input.deadline && input.deadline < i.inspectedOn) {
        throw invalidField('deadline', '整改期限不能早于检查日期', input.deadline);
      }
      checkDateWindows(todayIn(deps.clock), { deadline: [input.deadline, DateWindows.planned] });
      let hazardId: string | null = null;
      if (input.kind === FindingKind.MajorHazard) {
        const team = await teamOf(tx, i.teamUserIds);
        const hazard = await reportHazard({ ...deps, db: tx }, actor, {
          mineId: i.mineId,
          criterionId: input.criterionId ?? '',
          description: input.description,
          location: input.location,
          source: '监管执法检查',
          foundBy: `执法检查组: ${team.map((m) => m.name).join('、')}`.slice(0, 200),
          foundOn: i.inspectedOn,
        });
        hazardId = hazard.id;
      }
      const findingId = await repo.insertFinding(tx, {
        inspectionId: id,
        kind: input.kind,
        criterionId: input.kind === FindingKind.MajorHazard ? (input.criterionId ?? null) : null,
        hazardId,
        description: input.description,
        location: input.location,
        deadline: input.deadline ?? null,
        createdAt: deps.clock(),
      });
      const suspended =
        input.kind === FindingKind.Unlicensed &&
        (await suspendForUnlicensed({ ...deps, db: tx }, actor, current, input));
      return { findingId, kind: input.kind, hazardId, description: input.description, suspended };
    },
  );
}

/**
 * 无证上岗 → 停产整顿 (《原平市矿山企业安全生产治本攻坚三年行动实施方案》第2条: 凡是特种作业人员无证上岗的，依法限期整改直至停产整顿):
 * the registry changes the mine's status from the inspection date with the reason (its dated history and
 * audit), and an on-site order is recorded so the usual 复工复产验收 lifts it. A mine already under
 * 停产整顿, or closed, is left as it is; answers whether the mine was suspended.
 */
async function suspendForUnlicensed(
  deps: ServiceDeps,
  actor: Principal,
  current: InspectionWithMine,
  input: FindingInput,
): Promise<boolean> {
  const i = current.inspection;
  if (
    current.mine.status === MineStatus.SuspendedForRectification ||
    current.mine.status === MineStatus.Closed
  ) {
    return false;
  }
  const reason = `执法检查发现特种作业人员无证上岗, 责令停产整顿 (原平第2条): ${input.description}`;
  await changeMineStatus(deps, actor, i.mineId, {
    status: MineStatus.SuspendedForRectification,
    effectiveDate: i.inspectedOn,
    reason: reason.slice(0, 1000),
  });
  await repo.insertOrder(deps.db, {
    inspectionId: i.id,
    mineId: i.mineId,
    kind: InspectionOrderKind.Suspension,
    orderedOn: i.inspectedOn,
    reason: `特种作业人员无证上岗: ${input.description}`.slice(0, 1000),
    createdAt: deps.clock(),
  });
  return true;
}
