/**
 * A fold of late readings put off until the writer is idle (issue 20 §1: late readings are evaluated in
 * their place) survives a restart: it is recorded with the readings and run by the next engine. The
 * point is a CH4 point with the 《煤矿安全规程》 采煤工作面 preset: 断电 (红色) ≥ 1.5 %, 复电 < 1.0 %;
 * silent after 3 × 20 s; an alarm closes after 300 s of normal readings.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCh4Points } from '../../../../test/helpers/factories.ts';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { systemGatewayPrincipal } from '../access/principal.ts';
import { queryRows } from '../../platform/db/client.ts';
import { MonitoringEngine } from './monitoring.engine.ts';

const S = 1000;
const MIN = 60 * S;

describe.each(engines)('folds put off survive a restart (%s)', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('late readings whose fold was put off are judged by the next engine after a restart', async () => {
    const {
      mine,
      points: [sensor],
    } = await buildCh4Points(t.deps, ['CH4-1']);
    if (!sensor) {
      throw new Error('no point built');
    }
    const principal = systemGatewayPrincipal('test:gateway', [mine.id]);
    const base = t.deps.clock().getTime() - 40 * MIN;
    const at = (ms: number) => new Date(base + ms).toISOString();
    // Every 2 s for 30 minutes at 0.3 %, minutes 5–8 missing (the link was down) …
    const live = [];
    for (let x = 0; x < 30 * MIN; x += 2 * S) {
      if (x < 5 * MIN || x >= 8 * MIN) {
        live.push({ sensor: 'CH4-1', ts: at(x), value: 0.3 });
      }
    }
    // … then the backlog of minutes 5–8, at 2.0 %: far more readings to fold than are folded at once.
    const backlog = [];
    for (let x = 5 * MIN; x < 8 * MIN; x += 2 * S) {
      backlog.push({ sensor: 'CH4-1', ts: at(x), value: 2.0 });
    }
    const overLimit = () =>
      queryRows<{ level: string; from: Date; to: Date | null }>(
        t.database.db,
        sql`SELECT level, triggered_at AS from, closed_at AS to FROM alarms
            WHERE sensor_id = ${sensor.id} AND kind = '超限' AND close_reason IS DISTINCT FROM '补传重判'`,
      );
    const pending = () =>
      queryRows<{ since: Date }>(
        t.database.db,
        sql`SELECT since FROM monitoring_pending_folds WHERE sensor_id = ${sensor.id}`,
      );

    const first = new MonitoringEngine(t.deps);
    for (let i = 0; i < live.length; i += 200) {
      await first.ingest(principal, live.slice(i, i + 200));
    }
    expect((await first.ingest(principal, backlog)).stored).toBe(backlog.length);
    // Put off, and recorded with the readings; the process stops before the fold runs.
    expect(await overLimit()).toEqual([]);
    expect((await pending()).map((p) => new Date(p.since).getTime())).toEqual([base + 5 * MIN]);
    first.close();

    const next = new MonitoringEngine(t.deps);
    try {
      expect(await next.resumeDeferred()).toBe(1);
      await next.runDeferred();
    } finally {
      next.close();
    }
    // Red from the first reading of the backlog; normal from 8:00, closed 300 s later.
    expect(
      (await overLimit()).map((a) => [
        a.level,
        new Date(a.from).getTime() - base,
        a.to && new Date(a.to).getTime() - base,
      ]),
    ).toEqual([['红色', 5 * MIN, 13 * MIN]]);
    expect(await pending()).toEqual([]);
    // The 缺线 the gap showed is taken back by the same fold.
    const [gap] = await queryRows<{ reason: string | null }>(
      t.database.db,
      sql`SELECT close_reason AS reason FROM alarms WHERE sensor_id = ${sensor.id} AND kind = '断线'`,
    );
    expect(gap?.reason).toBe('补传重判');
  });
});
