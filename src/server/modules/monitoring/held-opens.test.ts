/**
 * 历史告警 opened by the engine's writer are held and inserted together (alarm.writer.ts HeldOpens:
 * after an outage a mine's 缺线, one per point, in one statement). On both engines: what is held is
 * written with its timeline, its clearing included; one that meets an open alarm of the same point and
 * kind (opened meanwhile elsewhere, e.g. by the silence job) joins that alarm instead, as raiseAlarm
 * does, and leaves no timeline entries of its own behind.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCh4Points } from '../../../../test/helpers/factories.ts';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { queryRows } from '../../platform/db/client.ts';
import { flushEvents, holdEvents } from './alarm.repository.ts';
import { HeldOpens, raiseAlarm } from './alarm.writer.ts';

const MIN = 60_000;

describe.each(engines)('held 历史告警 (%s)', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('are inserted together with their timelines; one meeting an open alarm joins it', async () => {
    const { mine, facility, points } = await buildCh4Points(t.deps, ['CH4-1', 'CH4-2']);
    const [p1, p2] = points as [(typeof points)[0], (typeof points)[0]];
    const subjectOf = (id: string) => ({
      mineId: mine.id,
      sensorId: id,
      facilityId: facility.id,
      subject: `sensor:${id}`,
    });
    const at = t.deps.clock();
    const gapFrom = at.getTime() - 60 * MIN;
    const gap = (s: string) => ({
      kind: '断线' as const,
      level: '黄色' as const,
      detail: `缺线 ${s}`,
      triggeredAt: gapFrom,
      value: 0.3,
    });
    // The silence job has already opened a 断线 on the second point (the writer does not know it).
    const existing = await t.deps.db.transaction((tx) =>
      raiseAlarm(tx, subjectOf(p2.id), gap('live'), undefined, at, false),
    );
    const { held1, held2, rejoined } = await t.deps.db.transaction(async (tx) => {
      holdEvents(tx);
      const held = new HeldOpens();
      const held1 = await held.open(tx, subjectOf(p1.id), gap('p1'), at);
      const held2 = await held.open(tx, subjectOf(p2.id), gap('p2'), at);
      await held.clear(tx, held1, gapFrom + 10 * MIN, at);
      await held.clear(tx, held2, gapFrom + 10 * MIN, at);
      expect(held.has(held1) && held.has(held2)).toBe(true);
      const rejoined = await held.flush(tx);
      expect(held.size).toBe(0);
      await flushEvents(tx);
      return { held1, held2, rejoined };
    });
    const rows = await queryRows<{
      id: string;
      sensor_id: string;
      historic: boolean;
      clear_since: Date | null;
      next_call_at: Date | null;
    }>(
      t.database.db,
      sql`SELECT id, sensor_id, historic, clear_since, next_call_at FROM alarms
          WHERE mine_id = ${mine.id} ORDER BY sensor_id = ${p1.id} DESC`,
    );
    // The first point's: inserted under the id it was held with, historic, clearing, calling nobody.
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      id: held1,
      sensor_id: p1.id,
      historic: true,
      next_call_at: null,
    });
    expect(new Date(rows[0]?.clear_since ?? 0).getTime()).toBe(gapFrom + 10 * MIN);
    // The second point's joined the alarm already open, which now clears.
    expect(rejoined).toEqual([{ sensorId: p2.id, kind: '断线', heldId: held2, id: existing.id }]);
    expect(rows[1]?.id).toBe(existing.id);
    expect(new Date(rows[1]?.clear_since ?? 0).getTime()).toBe(gapFrom + 10 * MIN);
    const timeline = await queryRows<{ alarm_id: string; type: string }>(
      t.database.db,
      sql`SELECT alarm_id, type FROM alarm_events
          WHERE alarm_id IN (${held1}, ${existing.id}) ORDER BY id`,
    );
    expect(timeline.filter((e) => e.alarm_id === held1).map((e) => e.type)).toEqual([
      'opened',
      'historic',
      'clearing',
    ]);
    expect(timeline.filter((e) => e.alarm_id === existing.id).map((e) => e.type)).toEqual([
      'opened',
      'recurred',
      'clearing',
    ]);
    // Nothing is left of the held alarm that joined the other: no row, no timeline entry.
    const left = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT (SELECT count(*) FROM alarms WHERE id = ${held2})::int
               + (SELECT count(*) FROM alarm_events WHERE alarm_id = ${held2})::int AS n`,
    );
    expect(left[0]?.n).toBe(0);
  });
});
