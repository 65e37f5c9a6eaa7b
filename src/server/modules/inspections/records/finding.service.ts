/**
 * @module Findings of an inspection (issue 7 §2): a general violation with its deadline, or a major
 * hazard that enters the hazards ledger (source 监管执法检查) in the same transaction.
 */
import { FindingKind } from '../../../../shared/inspections.enums.ts';
import type { FindingInput } from '../../../../shared/inspections.schemas.ts';
import type { Principal } from '../../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { invalidField, checkDateWindows } from '../../../platform/errors.ts';
import { reportHazard } from '../../hazards/hazard.service.ts';
import { teamOf } from './inspection.access.ts';
import * as repo from './inspection.repository.ts';
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
      return { findingId, kind: input.kind, hazardId, description: input.description };
    },
  );
}
