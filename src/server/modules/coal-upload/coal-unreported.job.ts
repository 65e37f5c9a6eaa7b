/**
 * @module 超限 the mine did not report (issue 22 §2): a minewatch 超限 at a point the mine's system
 * defined, for which the mine filed no abnormal-alarm record (YCBJ) of an over-limit type within the set
 * time (setting coalUpload.ycbjWithinMinutes), becomes a finding once it is that old, and the mine's hourly
 * count of them the series 未报超限 that the 监控造假 lead rule reads (leads/rules/falsified.rule.ts).
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, shanghaiDateTime } from '../../../shared/dates.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { writeDerivedSeries } from '../leads/series.service.ts';
import { coalUploadSettings } from './coal-upload.settings.ts';
import * as repo from './coal-review.repository.ts';

/** How far back the job looks for 超限 not yet judged (a restart after a long stop catches up this far). */
const LOOK_BACK_MS = 7 * DAY_MS;

/** Records the 超限 that have waited the set time without a YCBJ; returns how many. */
export async function recordUnreportedOverLimits(deps: ServiceDeps): Promise<{ findings: number }> {
  const withinMs = (await getSetting(deps.db, coalUploadSettings.ycbjWithinMinutes)) * MINUTE_MS;
  const now = deps.clock();
  const to = new Date(now.getTime() - withinMs);
  const from = new Date(now.getTime() - LOOK_BACK_MS);
  const rows = await repo.unreportedOverLimits(deps.db, from, to, withinMs);
  if (rows.length === 0) {
    return { findings: 0 };
  }
  let findings = 0;
  await deps.db.transaction(async (tx) => {
    const touched = new Map<string, { from: number; to: number }>();
    for (const r of rows) {
      const t = new Date(r.triggered_at);
      const fresh = await repo.insertFinding(tx, {
        mineId: r.mine_id,
        kind: '超限未报异常报警',
        subject: `alarm:${r.alarm_id}`,
        pointId: r.point_id,
        alarmId: r.alarm_id,
        at: t,
        summary: `测点 ${r.point_code} 本平台于 ${shanghaiDateTime(t)} 判定${r.level}超限${r.last_value === null ? '' : ` (${r.last_value})`}, 煤矿 ${withinMs / MINUTE_MS} 分钟内未上传异常报警`,
        detail: {
          alarmId: r.alarm_id,
          level: r.level,
          value: r.last_value,
          withinMinutes: withinMs / MINUTE_MS,
        },
        foundAt: now,
      });
      if (fresh) {
        findings++;
        const hour = Math.floor(t.getTime() / HOUR_MS) * HOUR_MS;
        const span = touched.get(r.mine_id) ?? { from: hour, to: hour + HOUR_MS };
        touched.set(r.mine_id, {
          from: Math.min(span.from, hour),
          to: Math.max(span.to, hour + HOUR_MS),
        });
      }
    }
    for (const [mineId, span] of touched) {
      const hours = await repo.findingHours(
        tx,
        mineId,
        '超限未报异常报警',
        new Date(span.from),
        new Date(span.to),
      );
      await writeDerivedSeries(
        tx,
        hours.map((h) => ({
          mineId,
          factor: '未报超限' as const,
          area: '',
          granularity: 'hour' as const,
          periodStart: new Date(h.hour),
          value: h.n,
          source: 'mt1201',
        })),
        now,
      );
    }
  });
  return { findings };
}
