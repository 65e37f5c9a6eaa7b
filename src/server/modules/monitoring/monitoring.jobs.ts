/**
 * @module The monitoring engine's timed work, each step idempotent and kept in the database:
 * 断线 (a sensor silent for k × its interval) and 断网 (every sensor of a mine silent), clearing them when
 * data returns, auto-resolving alarms whose clear condition has held, resuming calls when a maintenance
 * window ends, and retention of readings and statistics.
 */
import { and, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { ServiceDeps } from '../../platform/context.ts';
import { queryRows } from '../../platform/db/client.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { addEvent, inMaintenance, raiseAlarm, startClearing } from './alarm.writer.ts';
import { alarms } from './monitoring.table.ts';
import { applyRetention } from './readings.repository.ts';
import { monitoringSettings } from './monitoring.settings.ts';

/** A sensor is silent when its newest reading (or, never read, its creation) is older than k × interval. */
const silentSql = (now: Date) => sql`coalesce(s.last_reading_at, s.created_at) <
  ${now.toISOString()}::timestamptz - make_interval(secs => (s.spec->>'intervalSeconds')::float8 * coalesce((s.spec->>'silentFactor')::float8, 3))`;

/** Opens 断线 / 断网 alarms for silent sensors and mines, and starts clearing those whose data is back. */
export async function detectSilence(
  deps: ServiceDeps,
): Promise<{ opened: number; clearing: number }> {
  const now = deps.clock();
  const faults = await getSetting(deps.db, monitoringSettings.faultLevels);
  const silent = await queryRows<{
    id: string;
    mine_id: string;
    facility_id: string;
    code: string;
    last: string;
    mine_silent: boolean;
  }>(
    deps.db,
    sql`WITH st AS (
          SELECT s.id, s.mine_id, s.facility_id, s.code, coalesce(s.last_reading_at, s.created_at) AS last,
                 ${silentSql(now)} AS silent
          FROM monitoring_sensors s WHERE s.archived_at IS NULL
        ), m AS (SELECT mine_id, bool_and(silent) AS all_silent FROM st GROUP BY mine_id)
        SELECT st.id, st.mine_id, st.facility_id, st.code, st.last, m.all_silent AS mine_silent
        FROM st JOIN m USING (mine_id)
        WHERE st.silent AND NOT EXISTS (
          SELECT 1 FROM alarms a WHERE a.closed_at IS NULL AND a.clear_since IS NULL AND (
            (a.subject = 'sensor:' || st.id AND a.kind = '断线') OR (a.subject = 'mine:' || st.mine_id AND a.kind = '断网')))`,
  );
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
            ? `全矿监测数据中断 (最后数据 ${new Date(s.last).toISOString()})`
            : `测点 ${s.code} 无数据 (最后数据 ${new Date(s.last).toISOString()})`,
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
  const back = await queryRows<{ id: string; since: string }>(
    deps.db,
    sql`SELECT a.id, coalesce(max(s.last_reading_at), now()) AS since FROM alarms a
        JOIN monitoring_sensors s ON (a.kind = '断线' AND a.subject = 'sensor:' || s.id)
          OR (a.kind = '断网' AND a.subject = 'mine:' || s.mine_id)
        WHERE a.closed_at IS NULL AND a.clear_since IS NULL AND a.kind IN ('断线', '断网')
          AND s.archived_at IS NULL AND NOT (${silentSql(now)})
        GROUP BY a.id`,
  );
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
  const due = await deps.db
    .select({ id: alarms.id })
    .from(alarms)
    .where(
      and(isNull(alarms.closedAt), isNotNull(alarms.clearSince), lte(alarms.clearSince, cutoff)),
    )
    .limit(1000);
  for (const { id } of due) {
    const row = await deps.db.transaction(async (tx) => {
      const [a] = await tx
        .update(alarms)
        .set({ closedAt: now, closeReason: '自动解除', state: '已解除', nextCallAt: null })
        .where(and(eq(alarms.id, id), isNull(alarms.closedAt), lte(alarms.clearSince, cutoff)))
        .returning();
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
  const rows = await deps.db
    .select()
    .from(alarms)
    .where(and(isNull(alarms.closedAt), eq(alarms.suppressed, true)))
    .limit(1000);
  let n = 0;
  for (const a of rows) {
    const still = await inMaintenance(
      deps.db,
      { mineId: a.mineId, sensorId: a.sensorId, facilityId: a.facilityId, subject: a.subject },
      now,
    );
    if (still) {
      continue;
    }
    await deps.db.transaction(async (tx) => {
      const [u] = await tx
        .update(alarms)
        .set({ suppressed: false, nextCallAt: a.state === '待叫应' ? now : a.nextCallAt })
        .where(and(eq(alarms.id, a.id), eq(alarms.suppressed, true)))
        .returning({ id: alarms.id });
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
