/**
 * @module YCBJ 异常报警 (MT/T 1201.1-2023; REFERENCE §B6) into the product: the mine's own abnormal-alarm
 * records with their 异常原因 and 处理措施, once per (point, 异常类型, 开始时间) — a later record of the same
 * alarm (its 结束时间, its measures) replaces the stored one — each linked to the minewatch alarm of the
 * same point whose time overlaps. A record closed with no 处理措施 is a finding.
 */
import type { AlarmKind } from '../../../shared/monitoring.enums.ts';
import type { MapContext, Tally } from './coal-map.ts';
import * as points from './coal-point.repository.ts';
import * as repo from './coal-review.repository.ts';
import { codeName } from './coal.codes.ts';
import type { YcbjRecord } from './coal.records.ts';
import { formatTime } from './coal.values.ts';

/**
 * The minewatch alarm kinds an 异常类型 answers (minewatch's reading of the code table, catalogue
 * coal.catalogue.ts abnormalType): 超限报警, 断电报警 and the 预警 → 超限; 传感器断线 and the 基站's →
 * 断线; 超量程 → 数据异常; 馈电异常 and 标校 have no minewatch alarm.
 */
export const alarmKindsOfAbnormal: Readonly<Record<string, readonly AlarmKind[]>> = {
  '001': ['超限'],
  '002': ['超限'],
  '003': [],
  '004': ['断线'],
  '005': ['断线'],
  '006': ['断线'],
  '007': [],
  '008': ['数据异常'],
  '009': ['超限'],
  '010': ['超限'],
};

const ms = (t: number | null) => (t === null ? null : new Date(t));

/** Maps a YCBJ file's records in the file's transaction. */
export async function mapYcbj(ctx: MapContext, records: YcbjRecord[], tally: Tally): Promise<void> {
  const { tx, mine } = ctx;
  const codes = [...new Set(records.map((r) => r.pointCode))];
  const known = await points.pointsOf(tx, mine.id, codes);
  const stored = await repo.abnormalAlarmsOf(tx, mine.id, codes);
  for (const [i, r] of records.entries()) {
    const record = i + 1;
    const point = known.get(r.pointCode);
    if (!point) {
      tally.warn(
        record,
        '测点编码',
        `测点 ${r.pointCode} 未在测点定义 (CDDY) 中登记: 记录已保存, 未关联本平台告警`,
        r.pointCode,
      );
    }
    const key = `${r.pointCode}|${r.abnormalType}|${r.startTime}`;
    const before = stored.get(key);
    if (before && r.time <= before.dataTime.getTime()) {
      tally.duplicates++;
      continue;
    }
    const kinds = alarmKindsOfAbnormal[r.abnormalType] ?? [];
    const alarmId =
      point?.point.sensorId && kinds.length
        ? ((await repo.overlappingAlarm(
            tx,
            point.point.sensorId,
            kinds,
            new Date(r.startTime),
            ms(r.endTime),
          )) ?? null)
        : null;
    const values = {
      pointId: point?.point.id ?? null,
      endTime: ms(r.endTime),
      max: r.max,
      maxAt: ms(r.maxAt),
      min: r.min,
      minAt: ms(r.minAt),
      avg: r.avg,
      cause: r.cause,
      measures: r.measures,
      enteredAt: ms(r.enteredAt),
      enteredBy: r.enteredBy,
      dataTime: new Date(r.time),
      alarmId,
      fileId: ctx.fileId,
    };
    const row = before
      ? await repo.updateAbnormalAlarm(tx, before.id, values)
      : await repo.insertAbnormalAlarm(tx, {
          mineId: mine.id,
          pointCode: r.pointCode,
          abnormalType: r.abnormalType,
          startTime: new Date(r.startTime),
          ...values,
        });
    stored.set(key, row);
    tally.stored++;
    if (r.endTime !== null && r.measures.trim() === '') {
      const type = codeName('abnormalType', r.abnormalType) ?? r.abnormalType;
      await repo.insertFinding(tx, {
        mineId: mine.id,
        kind: '异常报警未填处理措施',
        subject: `ycbj:${row.id}`,
        pointId: point?.point.id ?? null,
        alarmId,
        at: new Date(r.endTime),
        summary: `测点 ${r.pointCode} ${type} (${formatTime(r.startTime)} 至 ${formatTime(r.endTime)}) 已结束, 未填写处理措施`,
        detail: {
          abnormalId: row.id,
          abnormalType: r.abnormalType,
          cause: r.cause,
          enteredBy: r.enteredBy,
        },
        foundAt: ctx.at,
      });
    }
  }
}
