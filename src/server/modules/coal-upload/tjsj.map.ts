/**
 * @module TJSJ 统计数据 (MT/T 1201.1-2023; REFERENCE §B6) checked against minewatch's own 5-minute
 * statistics (reading_stats_5m) of the same point and period: a 最大值, 最小值 or 平均值 that differs beyond
 * the tolerance (setting coalUpload.statsTolerance) is a data-quality finding. A period minewatch has no
 * statistics of is stored and left unjudged.
 */
import { getSetting } from '../../platform/settings/settings.service.ts';
import { coalUploadSettings } from './coal-upload.settings.ts';
import type { MapContext, Tally } from './coal-map.ts';
import * as points from './coal-point.repository.ts';
import * as repo from './coal-review.repository.ts';
import type { TjsjRecord } from './coal.records.ts';
import { formatTime } from './coal.values.ts';

/** Whether two values agree within the tolerance (the larger of the absolute and the relative one). */
export function withinTolerance(
  mine: number,
  ours: number,
  tol: { absolute: number; relative: number },
): boolean {
  return Math.abs(mine - ours) <= Math.max(tol.absolute, tol.relative * Math.abs(ours)) + 1e-12;
}

/** Maps a TJSJ file's records in the file's transaction. */
export async function mapTjsj(ctx: MapContext, records: TjsjRecord[], tally: Tally): Promise<void> {
  const { tx, mine } = ctx;
  const tol = await getSetting(tx, coalUploadSettings.statsTolerance);
  const known = await points.pointsOf(tx, mine.id, [...new Set(records.map((r) => r.pointCode))]);
  const checked: { record: number; r: TjsjRecord; pointId: string; no: number | null }[] = [];
  for (const [i, r] of records.entries()) {
    const p = known.get(r.pointCode);
    if (!p) {
      tally.refuse(
        i + 1,
        '测点编码',
        `测点 ${r.pointCode} 未在测点定义 (CDDY) 中登记`,
        r.pointCode,
      );
    } else if (r.endTime <= r.startTime) {
      tally.refuse(i + 1, '结束时间', '结束时间须晚于开始时间', formatTime(r.endTime));
    } else {
      checked.push({ record: i + 1, r, pointId: p.point.id, no: p.sensor?.no ?? null });
    }
  }
  const withSensor = checked.filter((c) => c.no !== null);
  const ours = await repo.statsOverPeriods(
    tx,
    withSensor.map((c) => ({ no: c.no as number, from: c.r.startTime, to: c.r.endTime })),
  );
  const oursOf = new Map(withSensor.map((c, i) => [c, ours[i]] as const));
  for (const c of checked) {
    const o = oursOf.get(c);
    const ourAvg = o && o.count > 0 ? o.sum / o.count : null;
    const agrees =
      o && ourAvg !== null
        ? withinTolerance(c.r.max, o.max, tol) &&
          withinTolerance(c.r.min, o.min, tol) &&
          withinTolerance(c.r.avg, ourAvg, tol)
        : null;
    const fresh = await repo.insertStatistics(tx, {
      pointId: c.pointId,
      startTime: new Date(c.r.startTime),
      endTime: new Date(c.r.endTime),
      max: c.r.max,
      min: c.r.min,
      avg: c.r.avg,
      agrees,
      fileId: ctx.fileId,
    });
    if (!fresh) {
      tally.duplicates++;
      continue;
    }
    tally.stored++;
    if (agrees === false && o && ourAvg !== null) {
      await repo.insertFinding(tx, {
        mineId: mine.id,
        kind: '统计值不符',
        subject: `tjsj:${c.pointId}:${c.r.startTime}`,
        pointId: c.pointId,
        alarmId: null,
        at: new Date(c.r.startTime),
        summary: `测点 ${c.r.pointCode} ${formatTime(c.r.startTime)} 至 ${formatTime(c.r.endTime)} 统计值与本平台不符: 煤矿 最大 ${c.r.max} 最小 ${c.r.min} 平均 ${c.r.avg}; 本平台 最大 ${o.max} 最小 ${o.min} 平均 ${round(ourAvg)}`,
        detail: {
          mine: { max: c.r.max, min: c.r.min, avg: c.r.avg },
          minewatch: { max: o.max, min: o.min, avg: ourAvg, count: o.count },
          tolerance: tol,
        },
        foundAt: ctx.at,
      });
    }
  }
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;
