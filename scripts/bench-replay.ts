/**
 * Benchmark: replay through the event-time engine with storage (issue 20: ≥ 200,000 readings/s into
 * PostgreSQL). 1,000 CH4 sensors (《煤矿安全规程》 采煤工作面 preset) at 10 s over BENCH_HOURS of history
 * (default 28 h: 10 million readings), with gaps (a tenth of the sensors silent for an hour), red
 * excursions (2.0 % for five minutes), and late batches (every 50th batch arrives three batches late,
 * so its sensors are folded again from their checkpoints). Fed through a replay engine (nothing pages)
 * in the batches `minewatch replay` uses (REPLAY_BATCH, 50,000 readings: 50 steps of the 1,000
 * sensors), two in flight; BENCH_STEPS=10 gives batches of 10,000 as live gateways send them. Prints
 * `BENCH replay-<engine> <n> readings/s` and the alarms found. BENCH_ENGINE=postgres (default) | pglite.
 */
import { sql } from 'drizzle-orm';
import { systemGatewayPrincipal } from '../src/server/modules/access/principal.ts';
import { MonitoringEngine } from '../src/server/modules/monitoring/monitoring.engine.ts';
import { REPLAY_BATCH } from '../src/server/modules/monitoring/replay.service.ts';
import { initialSpec } from '../src/server/modules/monitoring/sensor.spec.ts';
import { queryRows } from '../src/server/platform/db/client.ts';
import { loadBenchMines, withBenchDatabase } from './bench/bench-kit.ts';
import { registerBenchSensors } from './bench/monitoring-kit.ts';

const engine = process.env.BENCH_ENGINE === 'pglite' ? 'pglite' : 'postgres';
const HOURS = Number(process.env.BENCH_HOURS ?? (engine === 'pglite' ? 2 : 28));
const SENSORS = 1000;
const STEP = 10_000;
const PER_BATCH_STEPS = Number(process.env.BENCH_STEPS ?? REPLAY_BATCH / SENSORS);
/** Every how many batches one arrives late (0: none, for the in-order figure). */
const LATE_EVERY = Number(process.env.BENCH_LATE_EVERY ?? 50);

await withBenchDatabase(
  async (database) => {
    await loadBenchMines(database, 4);
    const { deps, mineIds } = await registerBenchSensors(database, {
      mineCount: 1,
      perMine: SENSORS,
      spec: initialSpec('CH4', '甲烷:采煤工作面', undefined),
      quantity: 'CH4',
      unit: '%',
    });
    const principal = systemGatewayPrincipal('bench-replay', mineIds);
    const replay = new MonitoringEngine(deps, { replay: true });
    const steps = Math.floor((HOURS * 3600_000) / STEP);
    const start = deps.clock().getTime() - HOURS * 3600_000 - 3600_000;
    const batch = (b: number) => {
      const records = [];
      for (let k = b * PER_BATCH_STEPS; k < Math.min(steps, (b + 1) * PER_BATCH_STEPS); k++) {
        const t = start + k * STEP;
        const ts = new Date(t).toISOString();
        const hour = Math.floor((k * STEP) / 3600_000);
        for (let s = 0; s < SENSORS; s++) {
          // A tenth of the sensors is silent in one hour of every ten (缺线).
          if (s % 10 === hour % 10 && hour % 10 === 3) {
            continue;
          }
          // Every 100th sensor has a five-minute red excursion each hour.
          const minute = ((k * STEP) % 3600_000) / 60_000;
          const red = s % 100 === 0 && minute >= 20 && minute < 25;
          records.push({ sensor: `S${s}`, ts, value: red ? 2.0 : 0.3 + ((s * 7 + k) % 13) / 100 });
        }
      }
      return records;
    };
    const batches = Math.ceil(steps / PER_BATCH_STEPS);
    // Arrival order: every 50th batch three batches late.
    const order: number[] = [];
    const held: number[] = [];
    for (let b = 0; b < batches; b++) {
      if (LATE_EVERY > 0 && b % LATE_EVERY === Math.floor(LATE_EVERY / 2)) {
        held.push(b);
      } else {
        order.push(b);
      }
      if (held.length && b - (held[0] as number) >= 3) {
        order.push(held.shift() as number);
      }
    }
    order.push(...held);
    let next = 0;
    let stored = 0;
    let received = 0;
    const started = performance.now();
    await Promise.all(
      [0, 1].map(async () => {
        for (;;) {
          const b = order[next++];
          if (b === undefined) {
            return;
          }
          const records = batch(b);
          const r = await replay.ingest(principal, records);
          received += records.length;
          stored += r.stored;
          if (r.rejected.length) {
            throw new Error(`batch ${b}: ${JSON.stringify(r.rejected[0])}`);
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    replay.close();
    const kinds = await queryRows<{ kind: string; n: number; calling: number }>(
      database.db,
      sql`SELECT kind, count(*)::int AS n, count(next_call_at)::int AS calling FROM alarms
          WHERE close_reason IS DISTINCT FROM '补传重判' GROUP BY kind ORDER BY kind`,
    );
    console.log(
      `BENCH replay-${engine} ${Math.round(stored / seconds)} readings/s (${stored} of ${received} readings stored in ${seconds.toFixed(1)} s, ${HOURS} h of 1,000 sensors, ${LATE_EVERY ? `every ${LATE_EVERY}th batch late` : 'in order'})`,
    );
    console.log(
      `alarms found: ${kinds.map((k) => `${k.kind} ${k.n}`).join(', ')}; calling: ${kinds.reduce((s, k) => s + k.calling, 0)}`,
    );
  },
  engine === 'postgres' ? 'postgres://postgres@127.0.0.1:5432/postgres' : undefined,
);
