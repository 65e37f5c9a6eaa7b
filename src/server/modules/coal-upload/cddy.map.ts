/**
 * @module CDDY 测点定义 (MT/T 1201.1-2023; REFERENCE §B6) into the product: each record registers or
 * updates the mine's point — its type as a minewatch quantity, unit and range (setting
 * coalUpload.sensorTypes), location, substation and 关联关系 — and keeps the mine's own upper/lower
 * 报警/解报/断电/复电 values as the point's thresholds beside minewatch's, a change being a new version. A
 * new point whose type maps gets a minewatch point (or is linked to the mine's one of the same code),
 * starting from the mine's values (coal-point.spec.ts); minewatch's thresholds are the regulator's
 * afterwards and a later file does not touch them. Every change is audited under the mine's system.
 */
import {
  SensorInput,
  SensorSpecBody,
  type FacilityInput,
} from '../../../shared/monitoring.schemas.ts';
import { actorOf } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import {
  changeSensorSpec,
  facilityByCode,
  insertSensor,
  sensorsByCode,
} from '../monitoring/sensor.service.ts';
import { monitoringSettings, type SensorTypes } from '../monitoring/monitoring.settings.ts';
import { recordAudit } from './coal-upload.audit.ts';
import { coalUploadSettings, type CoalSensorTypeMapping } from './coal-upload.settings.ts';
import type { MapContext, Tally } from './coal-map.ts';
import * as repo from './coal-point.repository.ts';
import { initialSpecFromMine, sameThresholds, type MineThresholds } from './coal-point.spec.ts';
import { lookupSensorType } from './coal.codes.ts';
import type { CddyRecord } from './coal.records.ts';

/** The facility a mine's uploaded points go under (one per mine). */
export const UPLOAD_FACILITY = { code: 'MT1201-KJ', name: '安全监控系统 (煤矿上传)' } as const;

const definitionKeys = [
  'systemCode',
  'substationCode',
  'sensorType',
  'valueType',
  'unit',
  'rangeLow',
  'rangeHigh',
  'onText',
  'offText',
  'location',
  'x',
  'y',
  'z',
] as const;

function pickThresholds(r: MineThresholds): MineThresholds {
  return {
    upperAlarm: r.upperAlarm,
    upperAlarmClear: r.upperAlarmClear,
    lowerAlarm: r.lowerAlarm,
    lowerAlarmClear: r.lowerAlarmClear,
    upperPowerOff: r.upperPowerOff,
    upperPowerOn: r.upperPowerOn,
    lowerPowerOff: r.lowerPowerOff,
    lowerPowerOn: r.lowerPowerOn,
  };
}

function definitionOf(r: CddyRecord) {
  return {
    systemCode: r.systemCode,
    substationCode: r.substationCode,
    sensorType: r.sensorType,
    valueType: r.valueType,
    unit: r.unit,
    rangeLow: r.rangeLow,
    rangeHigh: r.rangeHigh,
    onText: r.onText,
    offText: r.offText,
    location: r.location,
    x: r.x,
    y: r.y,
    z: r.z,
    relations: r.relations,
  };
}

/** Maps a CDDY file's records in the file's transaction. */
export async function mapCddy(ctx: MapContext, records: CddyRecord[], tally: Tally): Promise<void> {
  const { tx, mine } = ctx;
  const typeMap = await getSetting(tx, coalUploadSettings.sensorTypes);
  const catalogue = await getSetting(tx, monitoringSettings.sensorTypes);
  const interval = await getSetting(tx, coalUploadSettings.pointIntervalSeconds);
  const codes = [...new Set(records.map((r) => r.pointCode))];
  const known = await repo.pointsOf(tx, mine.id, codes);
  const adoptable = new Map(
    (await sensorsByCode(tx, mine.id, codes)).map((s) => [s.code, s] as const),
  );
  let facilityId: string | undefined;
  const link: LinkContext = {
    ctx,
    tally,
    interval,
    catalogue,
    adoptable,
    facility: async () =>
      (facilityId ??= await facilityByCode(tx, ctx.principal, ctx.at, mine, {
        mineId: mine.id,
        code: UPLOAD_FACILITY.code,
        name: UPLOAD_FACILITY.name,
        kind: '井下区域',
      } satisfies FacilityInput)),
  };
  const actor = actorOf(ctx.principal);
  // Points defined later in the file or before: 关联关系 may name either.
  const defined = new Set([...known.keys(), ...codes]);

  for (const [i, r] of records.entries()) {
    const record = i + 1;
    const mapping = Object.hasOwn(typeMap, r.sensorType) ? typeMap[r.sensorType] : undefined;
    for (const link of r.relations.flat()) {
      if (!defined.has(link.pointCode)) {
        tally.warn(record, '传感器关联关系', `关联的测点 ${link.pointCode} 未定义`, link.pointCode);
      }
    }
    const current = known.get(r.pointCode);
    const thresholds = pickThresholds(r);
    const definition = definitionOf(r);
    if (!current) {
      const point = await repo.insertPoint(tx, {
        mineId: mine.id,
        pointCode: r.pointCode,
        ...definition,
        thresholdVersion: 1,
        definedAt: new Date(r.time),
        fileId: ctx.fileId,
        createdAt: ctx.at,
        updatedAt: ctx.at,
      });
      const t = await repo.insertThresholds(tx, {
        pointId: point.id,
        version: 1,
        ...thresholds,
        definedAt: new Date(r.time),
        fileId: ctx.fileId,
        recordedAt: ctx.at,
      });
      const sensor = mapping ? await linkSensor(link, r, mapping, thresholds, record) : null;
      if (!mapping) {
        warnUnmapped(tally, record, r.sensorType);
      }
      const linked = sensor ? await repo.updatePoint(tx, point.id, { sensorId: sensor }) : point;
      known.set(r.pointCode, { point: linked, thresholds: t, sensor: null });
      await recordAudit(tx, actor, ctx.at, {
        type: 'coal_upload.point.registered',
        entityId: point.id,
        after: { mineCode: mine.coalCode, ...presentDefinition(linked), thresholds },
      });
      tally.stored++;
      continue;
    }
    const p = current.point;
    if (r.time < p.definedAt.getTime()) {
      tally.duplicates++;
      tally.warn(
        record,
        '数据时间',
        '早于已登记的测点定义, 未采用',
        new Date(r.time).toISOString(),
      );
      continue;
    }
    const before = presentDefinition(p);
    const changedKeys = definitionKeys.filter((k) => p[k] !== r[k]);
    const relationsChanged = JSON.stringify(p.relations) !== JSON.stringify(r.relations);
    const oldThresholds = current.thresholds ? pickThresholds(current.thresholds) : null;
    const thresholdsChanged = !oldThresholds || !sameThresholds(oldThresholds, thresholds);
    let sensorId = p.sensorId;
    if (!sensorId && mapping) {
      sensorId = await linkSensor(link, r, mapping, thresholds, record);
    } else if (!mapping && !sensorId) {
      warnUnmapped(tally, record, r.sensorType);
    }
    if (
      changedKeys.length === 0 &&
      !relationsChanged &&
      !thresholdsChanged &&
      sensorId === p.sensorId
    ) {
      tally.duplicates++;
      continue;
    }
    const version = thresholdsChanged ? p.thresholdVersion + 1 : p.thresholdVersion;
    const updated = await repo.updatePoint(tx, p.id, {
      ...definition,
      sensorId,
      thresholdVersion: version,
      definedAt: new Date(r.time),
      fileId: ctx.fileId,
      updatedAt: ctx.at,
    });
    if (thresholdsChanged) {
      const t = await repo.insertThresholds(tx, {
        pointId: p.id,
        version,
        ...thresholds,
        definedAt: new Date(r.time),
        fileId: ctx.fileId,
        recordedAt: ctx.at,
      });
      known.set(r.pointCode, { ...current, point: updated, thresholds: t });
      await recordAudit(tx, actor, ctx.at, {
        type: 'coal_upload.point.thresholds_changed',
        entityId: p.id,
        before: { version: p.thresholdVersion, ...oldThresholds },
        after: { mineCode: mine.coalCode, version, ...thresholds },
      });
    } else {
      known.set(r.pointCode, { ...current, point: updated });
    }
    if (changedKeys.length || relationsChanged || sensorId !== p.sensorId) {
      await recordAudit(tx, actor, ctx.at, {
        type: 'coal_upload.point.updated',
        entityId: p.id,
        before,
        after: { mineCode: mine.coalCode, ...presentDefinition(updated) },
      });
    }
    if (
      sensorId &&
      current.sensor &&
      (changedKeys.includes('rangeLow') || changedKeys.includes('rangeHigh'))
    ) {
      await followRange(link, r, current.sensor.id, record);
    }
    tally.stored++;
  }
}

function warnUnmapped(tally: Tally, record: number, code: string) {
  const type = lookupSensorType(code);
  tally.warn(
    record,
    '传感器类型',
    `传感器类型 ${code}${type?.name ? ` (${type.name})` : ''} 未对应本平台监测量: 只登记测点定义, 未建立监测点 (系统设置「煤矿传感器类型对应」)`,
    code,
  );
}

/** What linking a definition to a minewatch point needs besides the record. */
interface LinkContext {
  ctx: MapContext;
  tally: Tally;
  interval: number;
  catalogue: SensorTypes;
  adoptable: Map<string, { id: string; quantity: string }>;
  facility: () => Promise<string>;
}

/**
 * The minewatch point a new definition feeds: the mine's point of the same code when it has one, else a
 * new one under the upload facility. A point minewatch cannot take (its code, its values) is a warning:
 * the definition is kept.
 */
async function linkSensor(
  l: LinkContext,
  r: CddyRecord,
  mapping: CoalSensorTypeMapping,
  thresholds: MineThresholds,
  record: number,
): Promise<string | null> {
  const existing = l.adoptable.get(r.pointCode);
  if (existing) {
    if (existing.quantity !== mapping.quantity) {
      l.tally.warn(
        record,
        '传感器类型',
        `本平台已有同编码测点, 其监测量为 ${existing.quantity}, 与 ${mapping.quantity} 不符: 未关联`,
        r.sensorType,
      );
      return null;
    }
    return existing.id;
  }
  const sensorType =
    mapping.sensorType && l.catalogue[mapping.sensorType]?.quantity === mapping.quantity
      ? mapping.sensorType
      : undefined;
  const typeName = lookupSensorType(r.sensorType)?.name ?? mapping.quantity;
  const input = SensorInput.safeParse({
    facilityId: await l.facility(),
    code: r.pointCode,
    name: `${typeName} ${r.location}`.trim().slice(0, 100),
    quantity: mapping.quantity,
    ...(r.location ? { location: r.location.slice(0, 100) } : {}),
    spec: initialSpecFromMine(
      mapping.quantity,
      thresholds,
      { low: r.rangeLow, high: r.rangeHigh },
      l.interval,
      sensorType,
    ),
  });
  if (!input.success) {
    const issue = input.error.issues[0];
    l.tally.warn(
      record,
      '测点编码',
      `未能建立本平台监测点: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
      r.pointCode,
    );
    return null;
  }
  try {
    const row = await insertSensor(
      l.ctx.tx,
      l.ctx.principal,
      l.ctx.at,
      l.ctx.mine.id,
      input.data,
      l.catalogue,
    );
    l.tally.changedSensors.add(row.id);
    return row.id;
  } catch (e) {
    if (e instanceof AppError) {
      l.tally.warn(record, '测点编码', `未能建立本平台监测点: ${e.message}`, r.pointCode);
      return null;
    }
    throw e;
  }
}

/**
 * A changed range follows into minewatch's point (its thresholds stay the regulator's); a range minewatch
 * cannot take is a warning.
 */
async function followRange(l: LinkContext, r: CddyRecord, sensorId: string, record: number) {
  if (r.rangeLow === null || r.rangeHigh === null || r.rangeLow >= r.rangeHigh) {
    return;
  }
  const [sensor] = await sensorsByCode(l.ctx.tx, l.ctx.mine.id, [r.pointCode]);
  if (!sensor || sensor.id !== sensorId) {
    return;
  }
  // The file's range overrides the sensor type's (the type stays).
  const body = SensorSpecBody.safeParse({
    ...sensor.spec,
    rangeMin: r.rangeLow,
    rangeMax: r.rangeHigh,
  });
  if (!body.success) {
    l.tally.warn(
      record,
      '高量程',
      `量程与本平台阈值不符, 未改本平台测点量程: ${body.error.issues[0]?.message ?? ''}`,
    );
    return;
  }
  await changeSensorSpec(
    l.ctx.tx,
    l.ctx.principal,
    l.ctx.at,
    sensor,
    body.data,
    '煤矿监控系统测点定义 (CDDY) 改变量程',
  );
  l.tally.changedSensors.add(sensor.id);
}

/** A point's definition as its audit events record it. */
export function presentDefinition(p: repo.CoalPointRow) {
  return {
    pointCode: p.pointCode,
    sensorId: p.sensorId,
    systemCode: p.systemCode,
    substationCode: p.substationCode,
    sensorType: p.sensorType,
    valueType: p.valueType,
    unit: p.unit,
    rangeLow: p.rangeLow,
    rangeHigh: p.rangeHigh,
    onText: p.onText,
    offText: p.offText,
    location: p.location,
    x: p.x,
    y: p.y,
    z: p.z,
    relations: p.relations,
    definedAt: p.definedAt.toISOString(),
  };
}
