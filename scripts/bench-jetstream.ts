/**
 * Benchmark (issue 26): readings through NATS JetStream into the local PostgreSQL with 1, 2 and 3 engine
 * workers (`minewatch serve --role engine` child processes), against the single-process path of the same
 * run (the HTTP ingest writing itself, as `npm start` does), and a failover: SIGKILL of one of three
 * workers under load — the takeover time, readings lost and duplicated.
 * The ingest node is this process (the HTTP app whose engine forwards to the stream); 1,000 CH4 sensors
 * over 8 mines; batches of BATCH readings from 4 concurrent clients. A pass's rate is readings stored
 * per second from its first request until the last reading is committed in PostgreSQL.
 * Needs nats-server with JetStream (NATS_URL, default nats://127.0.0.1:4222) and PostgreSQL
 * (BENCH_DATABASE_URL, default the local server). BENCH_READINGS per pass (default 200,000).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, queryRows } from '../src/server/platform/db/client.ts';
import { createScratchDatabase } from '../src/server/platform/db/scratch.ts';
import { loadRegions } from '../src/server/modules/registry/region.service.ts';
import { initialSpec } from '../src/server/modules/monitoring/sensor.spec.ts';
import { createModuleContext } from '../src/server/composition.ts';
import { loadScaleConfig } from '../src/server/scale/scale.config.ts';
import { openReadingsStream, streamForward } from '../src/server/scale/readings.stream.ts';
import { OWNER_NS } from '../src/server/scale/engine.worker.ts';
import { loadBenchMines } from './bench/bench-kit.ts';
import { benchContextConfig, listen, registerBenchSensors } from './bench/monitoring-kit.ts';

const NATS = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const TOTAL = Number(process.env.BENCH_READINGS ?? 200_000);
const MINES = 8;
const PER_MINE = 125;
const BATCH = 10_000;
const CLIENTS = 4;
const PARTITIONS = 16;

const scratch = await createScratchDatabase(
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  'mw_bench',
);
const database = await openDatabase({ url: scratch.url });
const children: ChildProcess[] = [];
const dirs: string[] = [];
try {
  await migrateDatabase(database);
  await loadRegions(database.db);
  await loadBenchMines(database, MINES);
  const { deps, token } = await registerBenchSensors(database, {
    mineCount: MINES,
    perMine: PER_MINE,
    spec: initialSpec('CH4', '甲烷:采煤工作面', undefined),
    quantity: 'CH4',
    unit: '%',
  });
  const ctx = createModuleContext(deps, benchContextConfig);
  const { app, base } = await listen(database, deps, ctx);
  const mineIds = (
    await queryRows<{ id: string }>(
      database.db,
      sql`SELECT DISTINCT mine_id AS id FROM monitoring_sensors`,
    )
  ).map((r) => r.id);
  const count = async () =>
    (await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM readings`))[0]
      ?.n ?? 0;
  const owners = async () =>
    queryRows<{ p: number; app: string }>(
      database.db,
      sql`SELECT l.objid::int AS p, a.application_name AS app FROM pg_locks l
        JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.classid = ${OWNER_NS} AND l.granted
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
  const until = async (ok: () => Promise<boolean>, ms: number) => {
    const end = Date.now() + ms;
    while (!(await ok())) {
      if (Date.now() > end) {
        throw new Error('timed out');
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  // Each pass its own stretch of time (an hour per pass, a day ago), every sensor each second.
  let passNo = 0;
  const sensorsTotal = MINES * PER_MINE;
  const bodiesOfPass = () => {
    const start = Date.now() - 86_400_000 + passNo++ * 3_600_000;
    const perBatch = BATCH / sensorsTotal;
    const bodies: string[] = [];
    for (let b = 0; b < Math.ceil(TOTAL / BATCH); b++) {
      const lines: string[] = [];
      for (let k = 0; k < perBatch; k++) {
        const ts = new Date(start + (b * perBatch + k) * 1000).toISOString();
        for (let m = 0; m < MINES; m++) {
          for (let s = 0; s < PER_MINE; s++) {
            const v = (0.3 + ((s * 7 + k) % 13) / 100).toFixed(3);
            lines.push(`{"mine":"${mineIds[m]}","sensor":"S${s}","ts":"${ts}","value":${v}}`);
          }
        }
      }
      bodies.push(lines.join('\n'));
    }
    return bodies;
  };
  /** Posts a pass and waits until PostgreSQL holds all of it; readings per second end to end. */
  const pass = async (during?: (sent: number) => Promise<void>) => {
    const bodies = bodiesOfPass();
    const before = await count();
    let next = 0;
    let acked = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let b = next++; b < bodies.length; b = next++) {
          await during?.(b);
          const res = await fetch(`${base}/api/ingest/readings`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
            body: bodies[b],
          });
          if (res.status !== 200) {
            throw new Error(`batch ${b}: ${res.status} ${await res.text()}`);
          }
          acked += ((await res.json()) as { stored: number }).stored;
        }
      }),
    );
    await until(async () => (await count()) - before >= acked, 300_000);
    const seconds = (performance.now() - started) / 1000;
    return { rate: acked / seconds, acked, stored: (await count()) - before, seconds };
  };

  const single = await pass();
  console.log(
    `BENCH jetstream-baseline-single-process ${Math.round(single.rate)} readings/s (${single.acked} in ${single.seconds.toFixed(2)} s)`,
  );

  const spawnWorker = async (stream: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mw-bench-js-'));
    dirs.push(dir);
    const child = spawn(
      process.execPath,
      ['bin/minewatch.mjs', 'serve', '--role', 'engine', '--no-seed', '--no-web', '--no-simulate'],
      {
        env: {
          ...process.env,
          DATABASE_URL: scratch.url,
          DATA_DIR: dir,
          MINEWATCH_SECRET: deps.secret.toString('hex'),
          PORT: '0',
          MQTT_PORT: '0',
          JOBS_INTERVAL_SECONDS: '0',
          MONITORING_TICK_SECONDS: '0',
          LOG_LEVEL: 'warn',
          NATS_URL: NATS,
          NATS_STREAM: stream,
          READINGS_PARTITIONS: String(PARTITIONS),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => d.toString().includes('已启动') && resolve());
      child.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
    });
    return child;
  };
  const stop = async (c: ChildProcess, signal: NodeJS.Signals) => {
    if (c.exitCode === null && c.signalCode === null) {
      const gone = new Promise((r) => c.once('exit', r));
      c.kill(signal);
      await gone;
    }
  };

  for (const n of [1, 2, 3, 0]) {
    const failover = n === 0;
    const workers = failover ? 3 : n;
    const name = `MW_BENCH_${process.pid}_${workers}${failover ? 'F' : ''}`;
    const env = { NATS_URL: NATS, DATABASE_URL: scratch.url, NATS_STREAM: name };
    const scale = loadScaleConfig({ ...env, READINGS_PARTITIONS: String(PARTITIONS) });
    if (!scale) {
      throw new Error('no scale config');
    }
    const stream = await openReadingsStream(scale, 'bench ingest');
    ctx.monitoring.engine.forward = streamForward(stream);
    const procs = await Promise.all(Array.from({ length: workers }, () => spawnWorker(name)));
    await until(async () => {
      const o = await owners();
      return o.length === PARTITIONS && new Set(o.map((x) => x.app)).size === workers;
    }, 30_000);
    let takeoverMs = 0;
    const killAt = Math.floor(TOTAL / BATCH / 2);
    const r = await pass(
      failover
        ? async (b) => {
            if (b !== killAt) {
              return;
            }
            const victim = procs[0] as ChildProcess;
            const app = `minewatch engine lock ${victim.pid}`;
            const killed = Date.now();
            await stop(victim, 'SIGKILL');
            await until(async () => {
              const o = await owners();
              return o.length === PARTITIONS && o.every((x) => x.app !== app);
            }, 30_000);
            takeoverMs = Date.now() - killed;
          }
        : undefined,
    );
    if (failover) {
      const dup = await queryRows<{ n: number }>(
        database.db,
        sql`SELECT (count(*) - count(DISTINCT (sensor_no, ts)))::int AS n FROM readings`,
      );
      console.log(
        `BENCH jetstream-failover takeover_ms=${takeoverMs} lost=${r.acked - r.stored} duplicated=${dup[0]?.n} (SIGKILL of 1 of 3 workers mid-pass; ${Math.round(r.rate)} readings/s through it)`,
      );
    } else {
      console.log(
        `BENCH jetstream-workers-${n} ${Math.round(r.rate)} readings/s (${r.acked} in ${r.seconds.toFixed(2)} s; ${((100 * r.rate) / single.rate).toFixed(0)} % of the single-process path)`,
      );
    }
    await Promise.all(procs.map((c) => stop(c, 'SIGTERM')));
    ctx.monitoring.engine.forward = undefined;
    await stream.jsm.streams.delete(name).catch(() => undefined);
    await stream.close();
  }
  await app.close();
  ctx.close();
} finally {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGKILL');
    }
  }
  await database.close();
  await scratch.drop();
  for (const d of dirs) {
    rmSync(d, { recursive: true, force: true });
  }
}
