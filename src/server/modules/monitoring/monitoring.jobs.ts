/**
 * @module The monitoring engine's timed work, each step idempotent and kept in the database:
 * 断线 (a sensor silent for k × its interval) and 断网 (every sensor of a mine silent), clearing them when
 * data returns, auto-resolving alarms whose clear condition has held, resuming calls when a maintenance
 * window ends, and retention of readings and statistics.
 */
import { shanghaiDateTime } from '../../../shared/dates.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import {
  addEvent,
  clearedSince,
  resolveCleared,
  silenceAlarmsWithDataBack,
  silentSensors,
  suppressedOpenAlarms,
  unsuppressAlarm,
} from './alarm.repository.ts';
import { raiseAlarm, startClearing } from './alarm.writer.ts';
import { inMaintenance } from './maintenance.repository.ts';
import { applyRetention } from './readings.repository.ts';
import { monitoringSettings } from './monitoring.settings.ts';

/**
 * Opens 断线 / 断网 alarms for silent sensors and mines, and starts clearing those whose data is back.
 * `listeningSince`: when this process began taking data; a silence is counted from then at the
 * earliest, so a restart of the platform does not page every mine for the minutes it was down (a point
 * still silent k × its interval after the start is 断线, dated from its last reading).
 */
export async function detectSilence(
  deps: ServiceDeps,
  listeningSince?: Date,
): Promise<{ opened: number; clearing: number }> {
  const now = deps.clock();
  const faults = await getSetting(deps.db, monitoringSettings.faultLevels);
  const silent = await silentSensors(deps.db, now, listeningSince);
  let opened = 0;
  const minesDone = new Set<string>();
  for (const s of silent) {
    await deps.db.transaction(async (tx) => {
      const mineWide = s.mine_silent;
      if (mineWide && minesDone.has(s.mine_id)) {
        return;
      }
      minesDone.add(s.mine_id);
      const r = await raiseAlarm(
        tx,
        mineWide
          ? { mineId: s.mine_id, sensorId: null, facilityId: null, subject: `mine:${s.mine_id}` }
          : {
              mineId: s.mine_id,
              sensorId: s.id,
              facilityId: s.facility_id,
              subject: `sensor:${s.id}`,
            },
        {
          kind: mineWide ? '断网' : '断线',
          level: mineWide ? faults.断网 : faults.断线,
          detail: mineWide
            ? `全矿监测数据中断 (最后数据 ${shanghaiDateTime(s.last)})`
            : `测点 ${s.code} 无数据 (最后数据 ${shanghaiDateTime(s.last)})`,
          triggeredAt: new Date(s.last).getTime(),
          value: null,
        },
        undefined,
        now,
      );
      opened += r.opened ? 1 : 0;
    });
  }
  // Data is back: the sensor (断线) or any sensor of the mine (断网) is no longer silent.
  const back = await silenceAlarmsWithDataBack(deps.db, now);
  for (const b of back) {
    await deps.db.transaction((tx) => startClearing(tx, b.id, new Date(b.since).getTime(), now));
  }
  return { opened, clearing: back.length };
}

/** Closes alarms whose clear condition has held for the configured time. */
export async function autoResolve(deps: ServiceDeps): Promise<number> {
  const now = deps.clock();
  const hold = await getSetting(deps.db, monitoringSettings.autoResolveSeconds);
  const cutoff = new Date(now.getTime() - hold * 1000);
  let n = 0;
  const due = await clearedSince(deps.db, cutoff, 1000);
  for (const { id } of due) {
    const row = await deps.db.transaction(async (tx) => {
      const a = await resolveCleared(tx, id, cutoff, now);
      if (a) {
        await addEvent(tx, id, now, 'resolved', {
          reason: '自动解除',
          clearSince: a.clearSince?.toISOString(),
          acknowledged: a.acknowledgedAt !== null,
        });
      }
      return a;
    });
    if (row) {
      n++;
      deps.events.publish('monitoring.alarm.closed', {
        alarmId: row.id,
        sensorId: row.sensorId,
        kind: row.kind,
      });
    }
  }
  return n;
}

/** Alarms recorded during maintenance whose window has ended start their calls. */
export async function endMaintenance(deps: ServiceDeps): Promise<number> {
  const now = deps.clock();
  const rows = await suppressedOpenAlarms(deps.db, 1000);
  let n = 0;
  for (const a of rows) {
    const still = await inMaintenance(deps.db, a, now);
    if (still) {
      continue;
    }
    await deps.db.transaction(async (tx) => {
      // A 历史告警 calls nobody, in a maintenance window or after it.
      const next = a.historic ? null : a.state === '待叫应' ? now : a.nextCallAt;
      const u = await unsuppressAlarm(tx, a.id, next);
      if (u) {
        await addEvent(tx, a.id, now, 'maintenance_ended', {});
        n++;
      }
    });
  }
  return n;
}

/** Drops raw partitions and statistics past the retention settings. */
export async function retainReadings(deps: ServiceDeps) {
  const r = await getSetting(deps.db, monitoringSettings.retention);
  const now = deps.clock();
  const rawBefore = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - r.rawMonths, now.getUTCDate()),
  );
  const statsBefore = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - r.statsMonths, now.getUTCDate()),
  );
  return applyRetention(deps.db, rawBefore, statsBefore);
}
