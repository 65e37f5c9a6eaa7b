/**
 * @module Maintenance windows (维护期): readings are stored and alarms recorded as usual, but nobody is
 * called until the window ends (monitoring.jobs.ts resumes the calls). Setting and ending one early
 * are audited.
 */
import { DAY_MS, todayIn } from '../../../shared/dates.ts';
import { recordAudit } from './monitoring.audit.ts';
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
import { loadMineForInput } from '../registry/mine.service.ts';
import { mineScopeCondition, visibleByMine } from '../registry/registry.scope.ts';
import { presentMaintenance } from './maintenance.presenter.ts';
import * as repo from './maintenance.repository.ts';
import { maintenanceWindows } from './monitoring.table.ts';
import { loadVisibleFacility, loadVisibleSensor } from './sensor.service.ts';
import { MonitoringPermission } from './monitoring.permissions.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

/** Sets a maintenance window (at most 7 days) on a mine, one of its sensors or one of its facilities. */
export async function createMaintenance(
  deps: ServiceDeps,
  principal: Principal,
  input: {
    mineId: string;
    sensorId?: string | undefined;
    facilityId?: string | undefined;
    reason: string;
    startsAt: string;
    endsAt: string;
  },
) {
  requirePermission(principal, MonitoringPermission.Manage);
  checkDateWindows(todayIn(deps.clock), {
    startsAt: [input.startsAt, DateWindows.planned],
    endsAt: [input.endsAt, DateWindows.planned],
  });
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) {
    throw invalidField('endsAt', '结束时间须晚于开始时间', input.endsAt);
  }
  if (endsAt.getTime() - startsAt.getTime() > 7 * DAY_MS) {
    throw invalidField('endsAt', '维护期最长 7 天', input.endsAt);
  }
  return deps.db.transaction(async (tx) => {
    await loadMineForInput(tx, principal, input.mineId);
    if (input.sensorId) {
      const { sensor } = await loadVisibleSensor(tx, principal, input.sensorId).catch(() => {
        throw invalidField('sensorId', '测点不存在或不在管辖范围内', input.sensorId);
      });
      if (sensor.mineId !== input.mineId) {
        throw invalidField('sensorId', '测点不属于该矿山', input.sensorId);
      }
    }
    if (input.facilityId) {
      const { facility } = await loadVisibleFacility(tx, principal, input.facilityId, 'facilityId');
      if (facility.mineId !== input.mineId) {
        throw invalidField('facilityId', '设施不属于该矿山', input.facilityId);
      }
    }
    const at = deps.clock();
    const w = await repo.insertMaintenance(tx, {
      mineId: input.mineId,
      sensorId: input.sensorId ?? null,
      facilityId: input.facilityId ?? null,
      reason: input.reason,
      startsAt,
      endsAt,
      createdBy: principal.username,
      createdAt: at,
    });
    if (!w) {
      throw new AppError(AppErrorCode.Internal, 'maintenance window not stored');
    }
    const after = presentMaintenance(w);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'monitoring.maintenance.created',
      entityId: w.id,
      after,
    });
    return after;
  });
}

/** Maintenance windows at the mines the caller may see (of one mine if given), the latest first. */
export async function listMaintenance(deps: ServiceDeps, principal: Principal, mineId?: string) {
  requirePermission(principal, MonitoringPermission.Read);
  const rows = await repo.listMaintenance(
    deps.db,
    { mineScope: mineScopeCondition(principal.scope), mineId },
    500,
  );
  return rows.map(presentMaintenance);
}

/** A maintenance window at a mine the caller may see, or 404. */
export async function loadVisibleWindow(db: Db, principal: Principal, id: string) {
  const { row } = await visibleByMine(db, principal, maintenanceWindows, id, {
    entity: 'maintenance_window',
  });
  return { w: row };
}

/** Ends a maintenance window now (or leaves its end if it is past); the alarms' calls then resume. */
export async function cancelMaintenance(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, MonitoringPermission.Manage);
  return deps.db.transaction(async (tx) => {
    const row = await loadVisibleWindow(tx, principal, id);
    if (row.w.cancelledAt) {
      throw new AppError(AppErrorCode.Conflict, '维护期已结束');
    }
    const at = deps.clock();
    const w = await repo.cancelMaintenanceRow(tx, id, at, row.w.endsAt < at ? row.w.endsAt : at);
    if (!w) {
      throw notFound('maintenance_window', id);
    }
    const after = presentMaintenance(w);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'monitoring.maintenance.cancelled',
      entityId: id,
      before: presentMaintenance(row.w),
      after,
    });
    return after;
  });
}

/**
 * Holds a sensor's calls over [from, to] inside the caller's transaction, when the mine's own system
 * reports the point as not measuring (标校, 不巡检, 暂停 in its CDSS): the window of the same reason that
 * reaches `from` is extended (the episode goes on), else a new one is opened and audited. Alarms of the
 * point (its 断线 while the readings are held back) are recorded, nobody is called.
 */
export async function holdSensorCalls(
  tx: Db,
  principal: Principal,
  at: Date,
  w: { mineId: string; sensorId: string; reason: string; from: Date; to: Date },
) {
  const open = await repo.windowReaching(tx, w.sensorId, w.reason, w.from);
  if (open) {
    await repo.extendWindow(tx, open.id, w.to);
    return;
  }
  const row = await repo.insertMaintenance(tx, {
    mineId: w.mineId,
    sensorId: w.sensorId,
    facilityId: null,
    reason: w.reason,
    startsAt: w.from,
    endsAt: w.to,
    createdBy: principal.username,
    createdAt: at,
  });
  if (row) {
    await recordAudit(tx, actorOf(principal), at, {
      type: 'monitoring.maintenance.created',
      entityId: row.id,
      after: presentMaintenance(row),
    });
  }
}
