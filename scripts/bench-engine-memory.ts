/**
 * Benchmark: the engine's in-memory state for 100,000 registered sensors (issue 5: under 500 MB). 100
 * mines × 1,000 sensors with the demo's full detection spec (C1 methane thresholds, 平线 over 30
 * readings, a 20-reading spike window — the largest per-sensor state), warmed, then 25 readings per
 * sensor through the engine so every window is full. Heap measured after a forced GC, before and after.
 * BENCH_ENGINE=postgres (default) | pglite; BENCH_SENSORS (default 100000). Run with --expose-gc.
 */
import { systemGatewayPrincipal } from '../src/server/modules/access/principal.ts';
import { MonitoringEngine } from '../src/server/modules/monitoring/monitoring.engine.ts';
import { demoSpec } from '../src/server/seed/demo-monitoring.ts';
import { loadBenchMines, withBenchDatabase } from './bench/bench-kit.ts';
import { registerBenchSensors } from './bench/monitoring-kit.ts';

const engine = process.env.BENCH_ENGINE === 'pglite' ? 'pglite' : 'postgres';
const SENSORS = Number(process.env.BENCH_SENSORS ?? 100_000);
const MINES = 100;
const PER_MINE = SENSORS / MINES;
const READINGS_EACH = 25;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  throw new Error('run with node --expose-gc (npm run bench:engine-memory does)');
}
/** The JavaScript heap and the typed arrays' memory outside it (the sensors' reading tails). */
const heapMb = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
};

await withBenchDatabase(
  async (database) => {
    await loadBenchMines(database, MINES);
    const { deps, mineIds } = await registerBenchSensors(database, {
      mineCount: MINES,
      perMine: PER_MINE,
      spec: demoSpec({
        code: 'x',
        name: 'x',
        quantity: 'CH4',
        location: '采煤工作面',
        preset: '甲烷:采煤工作面',
      }),
      quantity: 'CH4',
      unit: '%',
    });
    const principal = systemGatewayPrincipal('bench', mineIds);
    const before = heapMb();
    const monitoring = new MonitoringEngine(deps);
    const loaded = await monitoring.warm(mineIds);
    const warmed = heapMb();
    const start = Date.now() - READINGS_EACH * 10_000;
    const fed = performance.now();
    for (let r = 0; r < READINGS_EACH; r++) {
      const ts = new Date(start + r * 10_000).toISOString();
      // Ten batches of ten mines at once: they commit as groups, as concurrent gateways would.
      const batches = [];
      for (let m = 0; m < MINES; m += 10) {
        const records = [];
        for (let mm = m; mm < Math.min(MINES, m + 10); mm++) {
          for (let s = 0; s < PER_MINE; s++) {
            records.push({
              mine: mineIds[mm],
              sensor: `S${s}`,
              ts,
              value: 0.3 + ((s * 7 + r) % 13) / 100,
            });
          }
        }
        batches.push(monitoring.ingest(principal, records));
      }
      await Promise.all(batches);
    }
    const seconds = (performance.now() - fed) / 1000;
    const after = heapMb();
    monitoring.close();
    console.log(
      `${loaded} sensors warmed: +${(warmed - before).toFixed(1)} MB; after ${READINGS_EACH} readings each (${((READINGS_EACH * SENSORS) / seconds).toFixed(0)} readings/s through the engine): +${(after - before).toFixed(1)} MB; process RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
    );
    console.log(
      `BENCH engine-state-${SENSORS}-sensors-${engine} ${(after - before).toFixed(1)} MB (${(((after - before) * 2 ** 20) / SENSORS).toFixed(0)} bytes per sensor)`,
    );
  },
  engine === 'postgres' ? 'postgres://postgres@127.0.0.1:5432/postgres' : undefined,
);
