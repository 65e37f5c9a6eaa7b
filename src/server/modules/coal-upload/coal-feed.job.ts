/**
 * @module 馈电异常 from the files (REFERENCE §C2; AQ 1029-2019《煤矿安全监控系统及检测仪器使用管理规范》: on a
 * 馈电异常 the dispatcher orders 断电撤人): when the mine's system reports a point in 断电 (CDSS 测点状态 断电)
 * and that point's 断电 controls a 馈电 point (CDDY 关联关系 D), the 馈电 point must show 无电 (its switch
 * value 0) within the set time (setting coalUpload.feedCheckSeconds); one still showing 有电 then is a
 * finding 断电后馈电异常, once per 断电 (records closer than coalUpload.episodeGapSeconds are one). Judged
 * by the records' own times once that time has passed, so a 馈电 file arriving late counts the same; a
 * 馈电 point with no reported state is not judged.
 */
import { DAY_MS, shanghaiDateTime } from '../../../shared/dates.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { powerOffRuns } from './coal-feed.ts';
import { coalUploadSettings } from './coal-upload.settings.ts';
import * as repo from './coal-review.repository.ts';

/** How far back the job looks (a restart after a long stop catches up this far). */
const LOOK_BACK_MS = 7 * DAY_MS;

export async function recordFeedAnomalies(deps: ServiceDeps): Promise<{ findings: number }> {
  const withinMs = (await getSetting(deps.db, coalUploadSettings.feedCheckSeconds)) * 1000;
  const gapMs = (await getSetting(deps.db, coalUploadSettings.episodeGapSeconds)) * 1000;
  const now = deps.clock();
  const rows = await repo.powerOffRecords(
    deps.db,
    new Date(now.getTime() - LOOK_BACK_MS),
    new Date(now.getTime() - withinMs),
  );
  if (rows.length === 0) {
    return { findings: 0 };
  }
  const points = new Map(rows.map((r) => [r.point_id, r]));
  const runs = powerOffRuns(
    rows.map((r) => ({ pointId: r.point_id, ts: new Date(r.ts).getTime() })),
    gapMs,
  );
  let findings = 0;
  await deps.db.transaction(async (tx) => {
    for (const run of runs) {
      const p = points.get(run.pointId);
      if (!p) {
        continue;
      }
      const checkAt = new Date(run.from + withinMs);
      for (const feed of p.feeds) {
        const state = await repo.pointStateAt(tx, p.mine_id, feed, checkAt);
        if (!state || state.value === 0) {
          continue;
        }
        const fresh = await repo.insertFinding(tx, {
          mineId: p.mine_id,
          kind: '断电后馈电异常',
          subject: `feed:${run.pointId}:${feed}:${run.from}`,
          pointId: run.pointId,
          alarmId: null,
          at: new Date(run.from),
          summary: `测点 ${p.point_code} 于 ${shanghaiDateTime(new Date(run.from))} 断电, 其断电控制的馈电测点 ${feed} ${withinMs / 1000} 秒后仍为有电 (馈电异常)`,
          detail: {
            feedPoint: feed,
            feedPointId: state.id,
            feedStateAt: new Date(state.ts).toISOString(),
            withinSeconds: withinMs / 1000,
            powerOffUntil: new Date(run.to).toISOString(),
          },
          foundAt: now,
        });
        findings += fresh ? 1 : 0;
      }
    }
  });
  return { findings };
}
