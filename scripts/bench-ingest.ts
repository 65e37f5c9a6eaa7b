/**
 * Benchmark: HTTP NDJSON ingest end to end (issue 5 targets: ≥ 300,000 readings/s into the local
 * PostgreSQL, ≥ 100,000 into embedded PGlite). A real server on a port, a gateway token, 1,000 CH4
 * sensors, batches of 10,000 readings posted by 4 concurrent clients; every batch answered only after
 * its readings are committed and detected. From the same run, a naive baseline: one INSERT per reading.
 * BENCH_ENGINE=postgres (default, BENCH_DATABASE_URL or the local server) | pglite; BENCH_READINGS.
 * Prints `BENCH ingest-http-ndjson-<engine> <n> readings/s` and the baseline and ratio.
 */
import { sql } from 'drizzle-orm';
import { initialSpec } from '../src/server/modules/monitoring/sensor.spec.ts';
import { loadBenchMines, withBenchDatabase } from './bench/bench-kit.ts';
import { listen, registerBenchSensors } from './bench/monitoring-kit.ts';

const engine = process.env.BENCH_ENGINE === 'pglite' ? 'pglite' : 'postgres';
const TOTAL = Number(process.env.BENCH_READINGS ?? (engine === 'pglite' ? 300_000 : 1_000_000));
const SENSORS = 1000;
const BATCH = 10_000;
const CLIENTS = 4;

await withBenchDatabase(
  async (database) => {
    await loadBenchMines(database, 4);
    const db = database.db;
    const { deps, token } = await registerBenchSensors(database, {
      mineCount: 1,
      perMine: SENSORS,
      spec: initialSpec('CH4', '甲烷:采煤工作面', undefined),
      quantity: 'CH4',
      unit: '%',
    });
    const { app, base } = await listen(database, deps);
    const url = `${base}/api/ingest/readings`;

    // Batches: each sensor 10 consecutive seconds; values a noisy methane signal well under 报警 1.0.
    const start = Date.now() - 3600_000 * 24;
    const batches = Math.ceil(TOTAL / BATCH);
    const body = (b: number) => {
      const lines: string[] = [];
      for (let k = 0; k < BATCH / SENSORS; k++) {
        const ts = new Date(start + (b * (BATCH / SENSORS) + k) * 1000).toISOString();
        for (let s = 0; s < SENSORS; s++) {
          lines.push(
            `{"sensor":"S${s}","ts":"${ts}","value":${(0.3 + ((s * 7 + k) % 13) / 100).toFixed(3)}}`,
          );
        }
      }
      return lines.join('\n');
    };
    const bodies = Array.from({ length: batches }, (_, b) => body(b));
    let next = 0;
    let stored = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (;;) {
          const b = next++;
          if (b >= batches) {
            return;
          }
          const res = await fetch(url, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
            body: bodies[b],
          });
          if (res.status !== 200) {
            throw new Error(`batch ${b}: ${res.status} ${await res.text()}`);
          }
          stored += ((await res.json()) as { stored: number }).stored;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const rate = stored / seconds;
    console.log(
      `BENCH ingest-http-ndjson-${engine} ${Math.round(rate)} readings/s (${stored} readings in ${seconds.toFixed(2)} s)`,
    );
    await app.close();

    // The naive baseline: one INSERT per reading, each its own statement.
    const naive = engine === 'pglite' ? 3000 : 5000;
    const nStart = performance.now();
    const ts0 = start - 3600_000;
    for (let i = 0; i < naive; i++) {
      await db.execute(
        sql`INSERT INTO readings (sensor_no, ts, value) VALUES (${(i % SENSORS) + 1}, to_timestamp(${(ts0 + Math.floor(i / SENSORS) * 1000) / 1000}), 0.3) ON CONFLICT DO NOTHING`,
      );
    }
    const naiveRate = naive / ((performance.now() - nStart) / 1000);
    console.log(
      `BENCH ingest-naive-insert-${engine} ${Math.round(naiveRate)} readings/s (one INSERT per reading)`,
    );
    console.log(`BENCH ingest-ratio-${engine} ${(rate / naiveRate).toFixed(1)}x`);
  },
  engine === 'postgres' ? 'postgres://postgres@127.0.0.1:5432/postgres' : undefined,
);
