/**
 * The engine's two halves in the distributed mode (issue 26), on both database engines: an ingest
 * node's engine validates exactly as in the single process and forwards the admitted readings per mine
 * instead of writing them; a worker's engine writes forwarded readings under its fence, stores a
 * redelivered reading once and opens one alarm per excursion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../test/helpers/test-database.ts';
import type { World } from '../../../test/helpers/world.ts';
import { buildCh4Points } from '../../../test/helpers/factories.ts';
import { systemGatewayPrincipal } from '../modules/access/principal.ts';
import { MonitoringEngine, type AdmittedBatch } from '../modules/monitoring/monitoring.engine.ts';
import { queryRows } from '../platform/db/client.ts';

describe.each(engines)('the engine forwarding and writing forwarded readings (%s)', (engine) => {
  let t: TestDatabase;
  let world: World;
  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an ingest node validates as today and forwards each mine’s admitted readings', async () => {
    const mineId = world.a.mines[0]?.id ?? '';
    const sensorId = world.a.sensorIds[0] ?? '';
    const node = new MonitoringEngine(t.deps);
    const forwarded: AdmittedBatch[] = [];
    node.forward = (admitted) => {
      forwarded.push(...admitted);
      const n = admitted.reduce((s, b) => s + b.sensorIds.length, 0);
      return Promise.resolve({ accepted: n, duplicates: 1 });
    };
    const now = t.deps.clock().getTime();
    const report = await node.ingest(systemGatewayPrincipal('test', [mineId]), [
      { sensor: `${world.a.key}-CH4`, ts: new Date(now - 2000).toISOString(), value: 0.3 },
      { sensor: 'NO-SUCH', ts: new Date(now - 2000).toISOString(), value: 0.3 },
      { sensor: `${world.a.key}-CH4`, ts: 'yesterday', value: 0.3 },
      { sensor: `${world.a.key}-CH4`, ts: new Date(now - 1000).toISOString(), value: 0.4 },
    ]);
    node.close();
    expect(report).toMatchObject({ received: 4, stored: 1, duplicates: 1, alarmsOpened: 0 });
    expect(report.rejected.map((r) => [r.index, r.field])).toEqual([
      [1, 'sensor'],
      [2, 'ts'],
    ]);
    expect(forwarded).toEqual([
      {
        mineId,
        sensorIds: [sensorId, sensorId],
        times: [now - 2000, now - 1000],
        values: [0.3, 0.4],
      },
    ]);
    // Nothing was written here: the workers write.
    const [n] = await queryRows<{ n: number }>(
      t.deps.db,
      sql`SELECT count(*)::int AS n FROM readings r JOIN monitoring_sensors s ON s.no = r.sensor_no
        WHERE s.id = ${sensorId} AND r.ts > ${new Date(now - 60_000).toISOString()}`,
    );
    expect(n?.n).toBe(0);
  });

  it('a worker writes under its fence, once per reading, one alarm per excursion', async () => {
    const { mine, points } = await buildCh4Points(t.deps, ['FWD-CH4']);
    const mineId = mine.id;
    const sensorId = points[0]?.id ?? '';
    const fenced: string[][] = [];
    let owned = true;
    const worker = new MonitoringEngine(t.deps, {
      fence: (_tx, mineIds) => {
        fenced.push(mineIds);
        return owned ? Promise.resolve() : Promise.reject(new Error('not owned'));
      },
    });
    const t0 = t.deps.clock().getTime() - 600_000;
    const batch = (from: number, values: number[]): AdmittedBatch => ({
      mineId,
      sensorIds: values.map(() => sensorId),
      times: values.map((_, i) => t0 + (from + i) * 10_000),
      values,
    });
    expect(await worker.ingestAdmitted(batch(0, [0.3, 0.4, 1.3]))).toMatchObject({ stored: 3 });
    // A redelivery of the same message, then the rest of the excursion.
    expect(await worker.ingestAdmitted(batch(0, [0.3, 0.4, 1.3]))).toMatchObject({ stored: 0 });
    expect(await worker.ingestAdmitted(batch(3, [1.4, 0.3]))).toMatchObject({ stored: 2 });
    expect(fenced.every((m) => m.length === 1 && m[0] === mineId)).toBe(true);
    expect(fenced.length).toBeGreaterThanOrEqual(2);
    expect(await countAlarms(t, sensorId)).toBe(1);
    // Partition lost: the write fails, nothing of it is stored.
    owned = false;
    await expect(worker.ingestAdmitted(batch(5, [0.3]))).rejects.toThrow('not owned');
    // Taken again: the state is reloaded from the database; the redelivered reading goes in once.
    owned = true;
    worker.forgetMines((m) => m === mineId);
    expect(await worker.ingestAdmitted(batch(4, [0.3, 0.3]))).toMatchObject({ stored: 1 });
    worker.close();
    expect(await countAlarms(t, sensorId)).toBe(1);
  });

  it('a worker under load gathers what arrives for a short while into one commit; from idle it commits at once', async () => {
    const { mine, points } = await buildCh4Points(t.deps, ['GATHER-CH4']);
    const sensorId = points[0]?.id ?? '';
    let commits = 0;
    let next = 0;
    const t0 = t.deps.clock().getTime() - 600_000;
    /** The next `n` seconds of the sensor, 0.3 % each. */
    const batch = (n: number): AdmittedBatch => {
      const from = next;
      next += n;
      return {
        mineId: mine.id,
        sensorIds: Array.from({ length: n }, () => sensorId),
        times: Array.from({ length: n }, (_, i) => t0 + (from + i) * 1000),
        values: Array.from({ length: n }, () => 0.3),
      };
    };
    const fence = () => {
      commits++;
      return Promise.resolve();
    };
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // Idle: a message is written at once, though the wait is a minute.
    const minute = new MonitoringEngine(t.deps, { fence, gather: { ms: 60_000, readings: 20 } });
    expect(await minute.ingestAdmitted(batch(10))).toMatchObject({ stored: 10 });
    expect(commits).toBe(1);
    // Under load: the second arrives while the first is written, the third 50 ms after; the writer
    // waits for more than 10 readings up to 300 ms, and writes the two together.
    commits = 0;
    const engine = new MonitoringEngine(t.deps, { fence, gather: { ms: 300, readings: 100 } });
    const first = engine.ingestAdmitted(batch(10));
    const second = engine.ingestAdmitted(batch(10));
    await first;
    await sleep(50);
    const third = engine.ingestAdmitted(batch(10));
    expect((await Promise.all([second, third])).map((r) => r.stored)).toEqual([10, 10]);
    expect(commits).toBe(2);
    // A wait that has its readings ends there, not after its minute: 10 being written, then 10 and
    // 10 more make the 20.
    commits = 0;
    const a = minute.ingestAdmitted(batch(10));
    const b = minute.ingestAdmitted(batch(10));
    await a;
    const c = minute.ingestAdmitted(batch(10));
    expect((await Promise.all([b, c])).map((r) => r.stored)).toEqual([10, 10]);
    expect(commits).toBe(2);
    engine.close();
    minute.close();
  });
});

async function countAlarms(t: TestDatabase, sensorId: string): Promise<number> {
  const [r] = await queryRows<{ n: number }>(
    t.deps.db,
    sql`SELECT count(*)::int AS n FROM alarms WHERE sensor_id = ${sensorId}`,
  );
  return r?.n ?? 0;
}
