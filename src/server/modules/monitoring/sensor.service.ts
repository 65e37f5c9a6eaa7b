/**
 * @module Facilities and monitoring points (issue 5 §1): registration, the detection parameters with
 * audited edits that take effect at once (published on deps.events to the running engine), and the facility
 * colour rolled up from its points (GB 39496-2020 §5.5.4).
 */
import { levelRank, type WarningLevel } from '../../../shared/monitoring.enums.ts';
import { quantities } from '../../../shared/monitoring.quantities.ts';
import type {
  FacilityInput,
  SensorInput,
  SensorSpecBody,
} from '../../../shared/monitoring.schemas.ts';
import { recordAudit } from './monitoring.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, notFound } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { loadMineForInput } from '../registry/mine.service.ts';
import { mineScopeCondition, visibleByMine } from '../registry/registry.scope.ts';
import {
  offlineSensorsOf,
  openAlarmCountsByFacility,
  openLevelAlarmsOf,
} from './alarm.repository.ts';
import * as facilityRepo from './facility.repository.ts';
import { monitoringFacilities, monitoringSensors } from './monitoring.table.ts';
import { pointRule, rollUp } from './rollup.ts';
import {
  presentFacility,
  presentFacilityRecord,
  presentSensor,
  type SensorState,
} from './sensor.presenter.ts';
import * as sensorRepo from './sensor.repository.ts';
import type { SensorRow } from './sensor.repository.ts';
import { initialSpec, resolveSpec } from './sensor.spec.ts';
import { monitoringSettings, type SensorTypes } from './monitoring.settings.ts';
import { MonitoringPermission } from './monitoring.permissions.ts';

/** A facility of a mine the caller may see, or 404 (400 on `field` when it comes from a body). */
export async function loadVisibleFacility(
  db: Db,
  principal: Principal,
  id: string,
  field?: string,
) {
  const { row, mine } = await visibleByMine(db, principal, monitoringFacilities, id, {
    entity: 'facility',
    where: facilityRepo.facilityInService,
    field: field ? { path: field, message: '设施不存在或不在管辖范围内' } : undefined,
  });
  return { facility: row, mine };
}

/** A sensor of a mine the caller may see, or 404. */
export async function loadVisibleSensor(db: Db, principal: Principal, id: string) {
  const { row, mine } = await visibleByMine(db, principal, monitoringSensors, id, {
    entity: 'sensor',
  });
  return { sensor: row, mine };
}

/** Each sensor's state now: the highest of its open level alarms (超限, 变化速率) and whether it is cut off. */
async function sensorStates(db: Db, sensorIds: string[]): Promise<Map<string, SensorState>> {
  const out = new Map<string, SensorState>();
  if (sensorIds.length === 0) {
    return out;
  }
  const offline = await offlineSensorsOf(db, sensorIds);
  for (const id of sensorIds) {
    out.set(id, { level: null, offline: offline.has(id) });
  }
  for (const r of await openLevelAlarmsOf(db, sensorIds)) {
    const state = r.sensorId ? out.get(r.sensorId) : undefined;
    if (state && levelRank(r.level) > levelRank(state.level)) {
      state.level = r.level;
    }
  }
  return out;
}

const normal: SensorState = { level: null, offline: false };

/** Registers a facility under a mine the caller may see. */
export async function createFacility(
  deps: ServiceDeps,
  principal: Principal,
  input: FacilityInput,
) {
  requirePermission(principal, MonitoringPermission.Manage);
  return deps.db.transaction(async (tx) => {
    const { mine } = await loadMineForInput(tx, principal, input.mineId);
    const after = await insertFacility(tx, principal, deps.clock(), mine, input);
    return presentFacility(after, mine, {
      sensorCount: 0,
      level: null,
      offlineSensors: 0,
      openAlarms: 0,
    });
  });
}

/** Inserts one checked facility inside the caller's transaction (by hand and by the demo seed). */
export async function insertFacility(
  tx: Db,
  principal: Principal,
  at: Date,
  mine: { name: string; countyCode: string },
  input: FacilityInput,
) {
  const row = await facilityRepo.insertFacilityRow(tx, { ...input, createdAt: at });
  if (!row) {
    throw new AppError(AppErrorCode.Conflict, `设施编码 ${input.code} 已存在`, [
      { path: 'code', message: '同一矿山内设施编码须唯一', value: input.code },
    ]);
  }
  const after = presentFacilityRecord(row, mine);
  await recordAudit(tx, actorOf(principal), at, {
    type: 'monitoring.facility.created',
    entityId: row.id,
    after,
  });
  return row;
}

/** Facilities the caller may see, each with its rolled-up colour and open alarm count. */
export async function listFacilities(
  deps: ServiceDeps,
  principal: Principal,
  q: { mineId?: string | undefined; region?: string | undefined },
) {
  requirePermission(principal, MonitoringPermission.Read);
  const rows = await facilityRepo.listFacilities(
    deps.db,
    { mineScope: mineScopeCondition(principal.scope), mineId: q.mineId, region: q.region },
    2000,
  );
  const ids = rows.map((r) => r.f.id);
  const sensors = ids.length ? await sensorRepo.sensorsOfFacilities(deps.db, ids) : [];
  const states = await sensorStates(
    deps.db,
    sensors.map((s) => s.id),
  );
  const openByMine = ids.length ? await openAlarmCountsByFacility(deps.db, ids) : [];
  const rule = await getSetting(deps.db, monitoringSettings.facilityRollup);
  return rows.map(({ f, mineName, countyCode }) => {
    const own = sensors.filter((s) => s.facilityId === f.id);
    const items = new Map<string, (WarningLevel | null)[]>();
    for (const s of own) {
      items.set(s.item, [...(items.get(s.item) ?? []), states.get(s.id)?.level ?? null]);
    }
    const itemLevels = [...items.values()].map((points) => rollUp(points, pointRule));
    return presentFacility(
      f,
      { name: mineName, countyCode },
      {
        sensorCount: own.length,
        level: rollUp(itemLevels, rule),
        offlineSensors: own.filter((s) => states.get(s.id)?.offline).length,
        openAlarms: openByMine.find((o) => o.facilityId === f.id)?.n ?? 0,
      },
    );
  });
}

/**
 * Inserts one checked sensor inside the caller's transaction (by hand and by import); the sensor type
 * catalogue is read here unless the caller passes the one it read.
 */
export async function insertSensor(
  tx: Db,
  principal: Principal,
  at: Date,
  mineId: string,
  input: SensorInput,
  sensorTypes?: SensorTypes,
) {
  const types = sensorTypes ?? (await getSetting(tx, monitoringSettings.sensorTypes));
  const spec = initialSpec(input.quantity, input.preset, input.spec, input.sensorType, types);
  const row = await sensorRepo.insertSensorRow(tx, {
    mineId,
    facilityId: input.facilityId,
    code: input.code,
    name: input.name,
    quantity: input.quantity,
    item: input.item ?? input.quantity,
    location: input.location ?? null,
    unit: quantities[input.quantity].unit,
    spec,
    createdAt: at,
    updatedAt: at,
  });
  if (!row) {
    throw new AppError(AppErrorCode.Conflict, `测点编码 ${input.code} 已存在`, [
      { path: 'code', message: '同一矿山内测点编码须唯一', value: input.code },
    ]);
  }
  await recordAudit(tx, actorOf(principal), at, {
    type: 'monitoring.sensor.created',
    entityId: row.id,
    after: presentSensor(row, normal),
  });
  return row;
}

/** Registers a sensor under a facility the caller may see; the running engine picks it up at once. */
export async function createSensor(deps: ServiceDeps, principal: Principal, input: SensorInput) {
  requirePermission(principal, MonitoringPermission.Manage);
  const row = await deps.db.transaction(async (tx) => {
    const { facility } = await loadVisibleFacility(tx, principal, input.facilityId, 'facilityId');
    return insertSensor(tx, principal, deps.clock(), facility.mineId, input);
  });
  deps.events.publish('monitoring.sensor.changed', { sensorId: row.id });
  return presentSensor(row, normal);
}

/** Sensors the caller may see (of one mine or facility if given), each with its current level. */
export async function listSensors(
  deps: ServiceDeps,
  principal: Principal,
  q: { mineId?: string | undefined; facilityId?: string | undefined },
) {
  requirePermission(principal, MonitoringPermission.Read);
  const rows = await sensorRepo.listSensors(
    deps.db,
    { mineScope: mineScopeCondition(principal.scope), mineId: q.mineId, facilityId: q.facilityId },
    5000,
  );
  const states = await sensorStates(
    deps.db,
    rows.map((s) => s.id),
  );
  return rows.map((s) => presentSensor(s, states.get(s.id) ?? normal));
}

/** One sensor the caller may see, with its current level. */
export async function getSensor(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, MonitoringPermission.Read);
  const { sensor } = await loadVisibleSensor(deps.db, principal, id);
  const states = await sensorStates(deps.db, [id]);
  return presentSensor(sensor, states.get(id) ?? normal);
}

/** Replaces a sensor's detection parameters (optimistic version), audited with the reason. */
export async function updateSensorSpec(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: { version: number; spec: SensorSpecBody; reason: string },
) {
  requirePermission(principal, MonitoringPermission.Manage);
  const row = await deps.db.transaction(async (tx) => {
    const { sensor } = await loadVisibleSensor(tx, principal, id);
    if (sensor.version !== input.version) {
      throw new AppError(AppErrorCode.Conflict, '测点已被他人修改, 请刷新后重试', [
        { path: 'version', message: `当前版本 ${sensor.version}`, value: input.version },
      ]);
    }
    return changeSensorSpec(tx, principal, deps.clock(), sensor, input.spec, input.reason);
  });
  deps.events.publish('monitoring.sensor.changed', { sensorId: id });
  const states = await sensorStates(deps.db, [id]);
  return presentSensor(row, states.get(id) ?? normal);
}

/**
 * Replaces a checked sensor's parameters inside the caller's transaction, audited with the reason (by
 * hand, and when a mine's system redefines its point); the caller publishes the change after commit.
 */
export async function changeSensorSpec(
  tx: Db,
  principal: Principal,
  at: Date,
  sensor: SensorRow,
  spec: SensorSpecBody,
  reason: string,
) {
  const types = await getSetting(tx, monitoringSettings.sensorTypes);
  const updated = await sensorRepo.updateSensorSpecRow(tx, sensor.id, {
    spec: resolveSpec(sensor.quantity, spec, types),
    version: sensor.version + 1,
    updatedAt: at,
  });
  if (!updated) {
    throw notFound('sensor', sensor.id);
  }
  await recordAudit(tx, actorOf(principal), at, {
    type: 'monitoring.sensor.spec_changed',
    entityId: sensor.id,
    before: { spec: sensor.spec, version: sensor.version },
    after: { spec: updated.spec, version: updated.version, reason },
  });
  return updated;
}

/**
 * A mine's facility with this code, registered (and audited) inside the caller's transaction when it is
 * missing (the points a mine's own system defines go under one).
 */
export async function facilityByCode(
  tx: Db,
  principal: Principal,
  at: Date,
  mine: { name: string; countyCode: string },
  input: FacilityInput,
): Promise<string> {
  const found = (await facilityRepo.facilityCodesOf(tx, input.mineId)).find(
    (f) => f.code === input.code,
  );
  return found ? found.id : (await insertFacility(tx, principal, at, mine, input)).id;
}

/** A mine's sensors in service with these codes (to link points defined elsewhere to them). */
export function sensorsByCode(db: Db, mineId: string, codes: string[]) {
  return sensorRepo.sensorsOfMineByCode(db, mineId, codes);
}
