/**
 * Benchmark (issue 26): readings through NATS JetStream into the local PostgreSQL with 1, 2 and 3 engine
 * workers (`minewatch serve --role engine` child processes), against the single-process path of the same
 * run (the HTTP ingest writing itself, as `npm start` does), and a failover: SIGKILL of one of three
 * workers under a steady FAILOVER_RATE readings/s — the takeover time, readings lost and duplicated,
 * alarms per excursion, and the alarm latency (from the ingest's acknowledgement of the excursion's
 * reading until its alarm is visible in PostgreSQL) over the pass and during the takeover.
 * The ingest node is this process (the HTTP app whose engine forwards to the stream); 1,000 CH4 sensors
 * over 8 mines; batches of BATCH readings from 4 concurrent clients. A pass's rate is readings stored
 * per second from its first request until the last reading is committed in PostgreSQL; each setting
 * first runs an untimed warm-up pass (new processes compile their hot paths; the figure is the steady
 * rate). Needs nats-server with JetStream (NATS_URL, default nats://127.0.0.1:4222) and PostgreSQL
 * (BENCH_DATABASE_URL, default the local server). BENCH_READINGS per pass (default 1,000,000).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
import { partitionOf } from '../src/server/scale/partition.ts';
import { loadBenchMines } from './bench/bench-kit.ts';
import { benchContextConfig, listen, registerBenchSensors } from './bench/monitoring-kit.ts';

const NATS = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const TOTAL = Number(process.env.BENCH_READINGS ?? 1_000_000);
const WARM_UP = 100_000;
const MINES = 8;
const PER_MINE = 125;
const BATCH = 10_000;
const CLIENTS = 4;
const PARTITIONS = 16;
/** The failover pass: readings per second offered, for this long, the kill at KILL_AFTER_S. */
const FAILOVER_RATE = 20_000;
const FAILOVER_SECONDS = 15;
const KILL_AFTER_S = 5;
/** 《煤矿安全规程》(2016) 甲烷传感器表, 采煤工作面: 报警 ≥ 1.0 %; an excursion is one second at this value. */
const EXCURSION = 1.2;

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

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const sensorsTotal = MINES * PER_MINE;
  /** Second `k` of a stretch from `start`: every sensor once, the `hot` one (if any) at EXCURSION. */
  const secondOf = (start: number, k: number, hot?: { mine: number; sensor: number }) => {
    const ts = new Date(start + k * 1000).toISOString();
    const lines: string[] = [];
    for (let m = 0; m < MINES; m++) {
      for (let s = 0; s < PER_MINE; s++) {
        const v =
          hot?.mine === m && hot.sensor === s
            ? EXCURSION.toFixed(3)
            : (0.3 + ((s * 7 + k) % 13) / 100).toFixed(3);
        lines.push(`{"mine":"${mineIds[m]}","sensor":"S${s}","ts":"${ts}","value":${v}}`);
      }
    }
    return lines.join('\n');
  };
  // Each pass its own stretch of time (an hour per pass, a day ago), every sensor each second.
  let passNo = 0;
  const bodiesOf = (total: number) => {
    const start = Date.now() - 86_400_000 + passNo++ * 3_600_000;
    const perBatch = BATCH / sensorsTotal;
    return Array.from({ length: Math.ceil(total / BATCH) }, (_, b) =>
      Array.from({ length: perBatch }, (_, k) => secondOf(start, b * perBatch + k)).join('\n'),
    );
  };
  /** Posts one batch to the ingest node; the readings it stored (acknowledged). */
  const post = async (body: string, what: string) => {
    const res = await fetch(`${base}/api/ingest/readings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body,
    });
    if (res.status !== 200) {
      throw new Error(`${what}: ${res.status} ${await res.text()}`);
    }
    return ((await res.json()) as { stored: number }).stored;
  };
  /** Posts a pass as fast as CLIENTS clients can and waits until PostgreSQL holds all of it. */
  const pass = async (total: number) => {
    const bodies = bodiesOf(total);
    const before = await count();
    const cpu = cpuByProgram();
    let next = 0;
    let acked = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let b = next++; b < bodies.length; b = next++) {
          const stored = await post(bodies[b] as string, `batch ${b}`);
          acked += stored;
        }
      }),
    );
    await until(async () => (await count()) - before >= acked, 300_000);
    const seconds = (performance.now() - started) / 1000;
    // CPU seconds per 100,000 readings by program (a process that ended meanwhile is not counted).
    const perProgram = cpuSince(cpu, acked);
    return {
      rate: acked / seconds,
      acked,
      stored: (await count()) - before,
      seconds,
      perProgram,
    };
  };
  /** CPU seconds used so far by every process, by program (node, postgres, nats-server), from /proc. */
  const cpuByProgram = () => {
    const out = new Map<string, number>();
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(f[11]) + Number(f[12]);
        // Node 24 names its main thread MainThread.
        const program = name.startsWith('postgres')
          ? 'postgres'
          : name === 'MainThread'
            ? 'node'
            : name;
        out.set(program, (out.get(program) ?? 0) + ticks / 100);
      } catch {
        // gone meanwhile
      }
    }
    return out;
  };
  const cpuSince = (before: Map<string, number>, readings: number) =>
    ['node', 'postgres', 'nats-server']
      .map((p) => {
        const used = (cpuByProgram().get(p) ?? 0) - (before.get(p) ?? 0);
        return `${p} ${((used * 100_000) / readings).toFixed(2)}`;
      })
      .join(', ');
  const percentile = (xs: number[], q: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted.length
      ? (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0)
      : 0;
  };

  await pass(WARM_UP);
  const single = await pass(TOTAL);
  console.log(
    `BENCH jetstream-baseline-single-process ${Math.round(single.rate)} readings/s (${single.acked} in ${single.seconds.toFixed(2)} s; CPU s per 100k readings: ${single.perProgram})`,
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

  /**
   * FAILOVER_RATE readings/s offered as one second of every sensor per request, each with one
   * excursion (a sensor of its own); the first worker is killed at KILL_AFTER_S. The readings are
   * recent (within the history age), so their alarms are live and call people, as in production.
   */
  const failoverPass = async (victim: ChildProcess) => {
    const start = Date.now() - 10 * 60_000;
    const perSecond = FAILOVER_RATE / sensorsTotal;
    const requests = FAILOVER_SECONDS * perSecond;
    const hotOf = (k: number) => ({ mine: k % MINES, sensor: Math.floor(k / MINES) % PER_MINE });
    const ids = new Map(
      (
        await queryRows<{ id: string; mine: string; code: string }>(
          database.db,
          sql`SELECT id, mine_id AS mine, code FROM monitoring_sensors`,
        )
      ).map((r) => [`${r.mine}/${r.code}`, r.id]),
    );
    const hotSensor = (k: number) => {
      const h = hotOf(k);
      return ids.get(`${mineIds[h.mine]}/S${h.sensor}`) ?? '';
    };
    const since = new Date(start).toISOString();
    // When each excursion's alarm first became visible in PostgreSQL (polled every 20 ms).
    const seen = new Map<string, number>();
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const rows = await queryRows<{ s: string }>(
          database.db,
          sql`SELECT DISTINCT sensor_id AS s FROM alarms
            WHERE triggered_at >= ${since}::timestamptz AND kind NOT IN ('断线', '断网')`,
        );
        const now = Date.now();
        for (const r of rows) {
          if (!seen.has(r.s)) {
            seen.set(r.s, now);
          }
        }
        await sleep(20);
      }
    })();
    const before = await count();
    const ackedAt: number[] = [];
    let acked = 0;
    let killedAt = 0;
    let takenOver: Promise<number> = Promise.resolve(0);
    const all: Promise<void>[] = [];
    const inflight = new Set<Promise<void>>();
    const t0 = Date.now();
    for (let k = 0; k < requests; k++) {
      const wait = t0 + (k * 1000) / perSecond - Date.now();
      if (wait > 0) {
        await sleep(wait);
      }
      if (k === KILL_AFTER_S * perSecond) {
        const app = `minewatch engine lock ${victim.pid}`;
        killedAt = Date.now();
        await stop(victim, 'SIGKILL');
        takenOver = until(async () => {
          const o = await owners();
          return o.length === PARTITIONS && o.every((x) => x.app !== app);
        }, 30_000).then(() => Date.now());
      }
      const p = post(secondOf(start, k, hotOf(k)), `second ${k}`).then((n) => {
        acked += n;
        ackedAt[k] = Date.now();
      });
      all.push(p);
      inflight.add(p);
      void p.finally(() => inflight.delete(p)).catch(() => undefined);
      if (inflight.size >= 16) {
        await Promise.race(inflight);
      }
    }
    await Promise.all(all);
    const offeredFor = (Date.now() - t0) / 1000;
    const takeoverAt = await takenOver;
    await until(async () => (await count()) - before >= acked, 120_000);
    await until(() => Promise.resolve(seen.size >= requests), 60_000).catch(() => undefined);
    watching = false;
    await watcher;
    const latencies: number[] = [];
    const duringTakeover: number[] = [];
    for (let k = 0; k < requests; k++) {
      const at = seen.get(hotSensor(k));
      const ack = ackedAt[k] ?? 0;
      if (at !== undefined) {
        latencies.push(Math.max(0, at - ack));
        if (ack >= killedAt - 1000 && ack <= takeoverAt + 1000) {
          duringTakeover.push(Math.max(0, at - ack));
        }
      }
    }
    const perSensor = await queryRows<{ alarms: number; twice: number }>(
      database.db,
      sql`SELECT count(*)::int AS alarms, (count(*) - count(DISTINCT sensor_id))::int AS twice
        FROM alarms WHERE triggered_at >= ${since}::timestamptz AND kind NOT IN ('断线', '断网')`,
    );
    return {
      requests,
      acked,
      stored: (await count()) - before,
      rate: acked / offeredFor,
      takeoverMs: takeoverAt - killedAt,
      alarms: perSensor[0]?.alarms ?? 0,
      twice: perSensor[0]?.twice ?? 0,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      takeoverP99: percentile(duringTakeover, 0.99),
      takeoverN: duringTakeover.length,
    };
  };

  const rates = new Map<number, number>();
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
    // How the 8 mines fell to the workers this time (the hash of random mine ids: it varies by run).
    const byApp = new Map((await owners()).map((o) => [o.p, o.app]));
    const load = new Map<string, number>();
    for (const m of mineIds) {
      const app = byApp.get(partitionOf(m, PARTITIONS)) ?? '?';
      load.set(app, (load.get(app) ?? 0) + 1);
    }
    const spread = [...load.values()].sort((a, b) => b - a).join('/');
    await pass(WARM_UP);
    if (failover) {
      const f = await failoverPass(procs[0] as ChildProcess);
      const dup = await queryRows<{ n: number }>(
        database.db,
        sql`SELECT (count(*) - count(DISTINCT (sensor_no, ts)))::int AS n FROM readings`,
      );
      console.log(
        `BENCH jetstream-failover takeover_ms=${f.takeoverMs} lost=${f.acked - f.stored} duplicated=${dup[0]?.n} alarms=${f.alarms}/${f.requests} excursions (${f.twice} twice) alarm_latency_ms p50=${f.p50} p99=${f.p99} p99_during_takeover=${f.takeoverP99} (${f.takeoverN} excursions acknowledged from 1 s before the kill to 1 s after the takeover; SIGKILL of 1 of 3 workers at ${KILL_AFTER_S} s under ${Math.round(f.rate)} readings/s)`,
      );
    } else {
      const r = await pass(TOTAL);
      rates.set(n, r.rate);
      const vsOne =
        n > 1 ? `; ${((100 * r.rate) / (rates.get(1) ?? r.rate)).toFixed(0)} % of 1 worker` : '';
      console.log(
        `BENCH jetstream-workers-${n} ${Math.round(r.rate)} readings/s (${r.acked} in ${r.seconds.toFixed(2)} s; ${((100 * r.rate) / single.rate).toFixed(0)} % of the single-process path${vsOne}; mines per worker ${spread}; CPU s per 100k readings: ${r.perProgram})`,
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
