/**
 * Benchmark: HTTP NDJSON ingest end to end (issue 5 targets: ≥ 300,000 readings/s into the local
 * PostgreSQL, ≥ 100,000 into embedded PGlite). A real server on a port, a gateway token, 1,000 CH4
 * sensors, batches of 10,000 readings posted by 4 concurrent clients; every batch answered only after
 * its readings are committed and detected. From the same run, a naive baseline: one INSERT per reading.
 * On PostgreSQL also the ceiling: a bare binary COPY of the same rows, in the same batches, each batch
 * its own transaction, into a table of the same shape (issue 20: print the ratio to it).
 * A second pass sends BENCH_LATE_PERCENT (1) % of the readings two batches late (issue 20: late
 * readings must not slow live ingest by more than 10 %).
 * BENCH_ENGINE=postgres (default, BENCH_DATABASE_URL or the local server) | pglite; BENCH_READINGS.
 * Prints `BENCH ingest-http-ndjson-<engine> <n> readings/s`, the baselines and the ratios.
 */
import { sql } from 'drizzle-orm';
import { binaryReadings } from '../src/server/modules/monitoring/readings.repository.ts';
import { copyIn, queryRows, transactionConnection } from '../src/server/platform/db/client.ts';
import { initialSpec } from '../src/server/modules/monitoring/sensor.spec.ts';
import { loadBenchMines, withBenchDatabase } from './bench/bench-kit.ts';
import { listen, registerBenchSensors } from './bench/monitoring-kit.ts';

const engine = process.env.BENCH_ENGINE === 'pglite' ? 'pglite' : 'postgres';
const TOTAL = Number(process.env.BENCH_READINGS ?? (engine === 'pglite' ? 300_000 : 1_000_000));
const SENSORS = 1000;
const BATCH = 10_000;
const CLIENTS = 4;
/** The share of readings (%) that arrives late in a second pass (0: no such pass). */
const LATE_PERCENT = Number(process.env.BENCH_LATE_PERCENT ?? 1);

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
    // A pass starts `offset` batches on; with `latePercent`, that share of readings (spread over the
    // sensors) arrives two batches late — after newer readings of its sensor, so the writer stores it
    // with the conflict check and folds its sensor again (event time).
    const start = Date.now() - 3600_000 * 24;
    const batches = Math.ceil(TOTAL / BATCH);
    const time = (b: number, k: number) => start + (b * (BATCH / SENSORS) + k) * 1000;
    const value = (s: number, k: number) => (0.3 + ((s * 7 + k) % 13) / 100).toFixed(3);
    const bodiesOf = (offset: number, latePercent: number) => {
      const lines: string[][] = Array.from({ length: batches + 2 }, () => []);
      for (let b = 0; b < batches; b++) {
        for (let k = 0; k < BATCH / SENSORS; k++) {
          const ts = new Date(time(offset + b, k)).toISOString();
          for (let s = 0; s < SENSORS; s++) {
            // A multiplicative hash spreads the late readings over sensors and times.
            const late =
              (Math.imul(b * BATCH + k * SENSORS + s, 2654435761) >>> 0) % 100 < latePercent;
            (lines[late ? b + 2 : b] as string[]).push(
              `{"sensor":"S${s}","ts":"${ts}","value":${value(s, k)}}`,
            );
          }
        }
      }
      return lines.filter((l) => l.length).map((l) => l.join('\n'));
    };
    /** Posts the bodies from CLIENTS concurrent clients; readings stored per second. */
    const pass = async (bodies: string[]) => {
      let next = 0;
      let stored = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          for (;;) {
            const b = next++;
            if (b >= bodies.length) {
              return;
            }
            const res = await fetch(url, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${token}`,
                'content-type': 'application/x-ndjson',
              },
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
      return { rate: stored / seconds, stored, seconds };
    };
    const onTime = await pass(bodiesOf(0, 0));

    const rate = onTime.rate;
    console.log(
      `BENCH ingest-http-ndjson-${engine} ${Math.round(rate)} readings/s (${onTime.stored} readings in ${onTime.seconds.toFixed(2)} s)`,
    );
    if (LATE_PERCENT > 0) {
      // It carries on where the first pass ended: a silence between the passes would be a 断线 of
      // every point, charged to the late readings.
      const late = await pass(bodiesOf(batches, LATE_PERCENT));

      console.log(
        `BENCH ingest-http-ndjson-${engine}-late ${Math.round(late.rate)} readings/s (${LATE_PERCENT} % of readings two batches late; ${late.stored} readings in ${late.seconds.toFixed(2)} s; ${(100 * (1 - late.rate / rate)).toFixed(1)} % slower than on time)`,
      );
    }
    await app.close();

    if (engine === 'postgres') {
      // The ceiling: the same rows, bare binary COPY, no parsing, detection or statistics.
      const codes = await queryRows<{ code: string; no: number }>(
        db,
        sql`SELECT code, no FROM monitoring_sensors`,
      );
      const noOf = new Map(codes.map((c) => [c.code, c.no]));
      await db.execute(sql`CREATE TABLE bench_bare_copy (LIKE readings INCLUDING ALL)`);
      const cStart = performance.now();
      for (let b = 0; b < batches; b++) {
        const nos: number[] = [];
        const times: number[] = [];
        const values: number[] = [];
        for (let k = 0; k < BATCH / SENSORS; k++) {
          for (let s = 0; s < SENSORS; s++) {
            nos.push(noOf.get(`S${s}`) as number);
            times.push(time(b, k));
            values.push(Number(value(s, k)));
          }
        }
        await db.transaction(async (tx) => {
          const connection = transactionConnection(tx) as NonNullable<
            ReturnType<typeof transactionConnection>
          >;
          await copyIn(
            connection,
            'COPY bench_bare_copy (sensor_no, ts, value) FROM STDIN (FORMAT binary)',
            binaryReadings(nos, times, values),
          ).done;
        });
      }
      const copyRate = (batches * BATCH) / ((performance.now() - cStart) / 1000);
      console.log(
        `BENCH ingest-bare-copy-postgres ${Math.round(copyRate)} readings/s (the same rows, binary COPY in batches of ${BATCH})`,
      );
      console.log(`BENCH ingest-vs-bare-copy-postgres ${(rate / copyRate).toFixed(2)}`);
    }

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
