/**
 * @module Orders given on site (issue 7 §2): 责令停产整顿 changes the mine's status through the
 * registry (with its dated history) in the inspection's transaction, and its 复工复产验收 returns the
 * mine to 生产 when passed.
 */
import { InspectionOrderKind } from '../../../../shared/inspections.enums.ts';
import type { ResumptionInput, SuspendOrderInput } from '../../../../shared/inspections.schemas.ts';
import { MineStatus } from '../../../../shared/registry.enums.ts';
import type { Principal } from '../../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../../platform/context.ts';
import {
  AppError,
  AppErrorCode,
  invalidField,
  checkDateWindows,
} from '../../../platform/errors.ts';
import { changeMineStatus } from '../../registry/mine.service.ts';
import { RegistryPermission } from '../../registry/registry.permissions.ts';
import { visibleByMine } from '../../registry/registry.scope.ts';
import * as repo from './inspection.repository.ts';
import { changeInspection } from './inspection.service.ts';
import { inspectionOrders } from './inspection.table.ts';
import { DateWindows } from '../../../../shared/date-windows.ts';
import { todayIn } from '../../../../shared/dates.ts';

/** 责令停产整顿 on site: the registry changes the mine's status, with its history, in this transaction. */
export function suspendMine(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: SuspendOrderInput,
) {
  requirePermission(principal, RegistryPermission.MineStatusChange);
  return changeInspection(
    deps,
    principal,
    id,
    'inspections.inspection.mine_suspended',
    undefined,
    async (tx, current, at, actor) => {
      if (input.effectiveDate < current.inspection.inspectedOn) {
        throw invalidField('effectiveDate', '生效日期不能早于检查日期', input.effectiveDate);
      }
      checkDateWindows(todayIn(deps.clock), {
        effectiveDate: [input.effectiveDate, DateWindows.happened],
      });
      await changeMineStatus({ ...deps, db: tx }, actor, current.inspection.mineId, {
        status: MineStatus.SuspendedForRectification,
        effectiveDate: input.effectiveDate,
        reason: `执法检查责令停产整顿: ${input.reason}`,
      });
      await repo.insertOrder(tx, {
        inspectionId: id,
        mineId: current.inspection.mineId,
        kind: InspectionOrderKind.Suspension,
        orderedOn: input.effectiveDate,
        reason: input.reason,
        createdAt: at,
      });
      return input;
    },
  );
}

/** 复工复产验收 of a suspension order: passing it returns the mine to 生产 through the registry. */
export async function decideResumption(
  deps: ServiceDeps,
  principal: Principal,
  orderId: string,
  input: ResumptionInput,
) {
  requirePermission(principal, RegistryPermission.MineStatusChange);
  const { row: order } = await visibleByMine(deps.db, principal, inspectionOrders, orderId, {
    entity: 'inspection_order',
  });
  return changeInspection(
    deps,
    principal,
    order.inspectionId,
    'inspections.inspection.resumption_decided',
    undefined,
    async (tx, current) => {
      if (order.acceptancePassed) {
        throw new AppError(AppErrorCode.Conflict, '该停产整顿指令已验收通过');
      }
      if (input.acceptedOn < order.orderedOn) {
        throw invalidField('acceptedOn', '验收日期不能早于停产整顿日期', input.acceptedOn);
      }
      checkDateWindows(todayIn(deps.clock), {
        acceptedOn: [input.acceptedOn, DateWindows.happened],
      });
      if (input.passed) {
        if (current.mine.status !== MineStatus.SuspendedForRectification) {
          throw new AppError(
            AppErrorCode.Conflict,
            `矿山当前为 ${current.mine.status}，不在停产整顿中`,
          );
        }
        await changeMineStatus(
          { ...deps, db: tx },
          principal,
          order.mineId,
          {
            status: MineStatus.Producing,
            effectiveDate: input.acceptedOn,
            reason: `复工复产验收通过: ${input.note}`,
          },
          { accepted: true },
        );
      }
      await repo.updateOrder(tx, orderId, {
        acceptedOn: input.acceptedOn,
        acceptancePassed: input.passed,
        acceptanceNote: input.note,
        acceptedBy: principal.userId,
      });
      return { orderId, ...input };
    },
  );
}
