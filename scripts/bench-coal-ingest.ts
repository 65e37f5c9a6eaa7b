/**
 * Benchmark: MT/T 1201 files end to end into PostgreSQL (issue 22 target: ≥ 200,000 records/s on this
 * machine) — parse, map, store and detect, through the service the POST, the drop folder and MQTT share
 * (ingestCoalFiles, the live monitoring engine). One coal mine defines POINTS (2,000) methane points by a
 * CDDY file (the mine's 报警 1.0 / 断电 1.5 %, 《煤矿安全规程》甲烷传感器表 采煤工作面, as the catalogue preset),
 * then sends BENCH_FILES (40) CDSS files of STEPS (25) snapshots of every point at 10 s — 50,000 records
 * each, 2 million in all, about 2.8 hours of data: values 0.2–0.6 %, every 200th point in a minute-long
 * excursion to 1.2 % in each file (the mine flags it 报警; minewatch opens a 超限), every 500th point 标校
 * (calibration) for a minute. Two files in flight, as two gateways would post. Prints
 * `BENCH coal-ingest <n> records/s` and, for scale, a province's realistic load (10,000 points every 10 s).
 * BENCH_ENGINE=postgres (default) | pglite.
 */
import { eq, sql } from 'drizzle-orm';
import { systemGatewayPrincipal } from '../src/server/modules/access/principal.ts';
import { ingestCoalFiles } from '../src/server/modules/coal-upload/coal-ingest.service.ts';
import { buildCoalFixture } from '../src/server/modules/coal-upload/coal-file.factory.ts';
import { ch4Point } from '../src/server/modules/coal-upload/coal-upload.fixtures.ts';
import { MonitoringEngine } from '../src/server/modules/monitoring/monitoring.engine.ts';
import { mines } from '../src/server/modules/registry/mine.table.ts';
import { queryRows } from '../src/server/platform/db/client.ts';
import { loadBenchMines, withBenchDatabase } from './bench/bench-kit.ts';
import { registerBenchSensors } from './bench/monitoring-kit.ts';

const engine = process.env.BENCH_ENGINE === 'pglite' ? 'pglite' : 'postgres';
const POINTS = 2000;
const STEPS = 25;
const FILES = Number(process.env.BENCH_FILES ?? (engine === 'pglite' ? 6 : 40));
const CODE = '140981000001';
const STEP_MS = 10_000;

/** Beijing wall-clock time of an instant, as the files write it. */
const wall = (ms: number) =>
  new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
const pointCode = (p: number) => `${CODE}MN${String(p).padStart(5, '0')}`;

/** One CDSS file: STEPS snapshots of every point from `start` (ms). */
function cdssFile(start: number): { name: string; data: Buffer } {
  const parts = [`${CODE};示范煤矿;${wall(start + (STEPS - 1) * STEP_MS)}~`];
  for (let k = 0; k < STEPS; k++) {
    const t = start + k * STEP_MS;
    const time = wall(t);
    const minute = k < 6;
    for (let p = 0; p < POINTS; p++) {
      const excursion = p % 200 === 0 && minute;
      const calibrating = p % 500 === 250 && minute;
      const value = excursion ? 1.2 : 0.2 + ((p * 7 + k * 3) % 41) / 100;
      const status = calibrating ? 4 : excursion ? 1 : 0;
      parts.push(
        `${pointCode(p)};甲烷;${(p % 40) + 1}号采煤工作面回风巷;${value.toFixed(2)};%CH4;${status};${time}~`,
      );
    }
  }
  parts.push('||');
  const name = `${CODE}_CDSS_${wall(start + (STEPS - 1) * STEP_MS).replace(/[- :]/g, '')}.txt`;
  return { name, data: Buffer.from(parts.join(''), 'utf8') };
}

await withBenchDatabase(
  async (database) => {
    await loadBenchMines(database, 4);
    const { deps, mineIds } = await registerBenchSensors(database, {
      mineCount: 1,
      perMine: 0,
      spec: {} as never,
      quantity: 'CH4',
      unit: '%',
    });
    await database.db
      .update(mines)
      .set({ coalCode: CODE, kind: '煤矿井工', status: '生产' })
      .where(eq(mines.id, mineIds[0] ?? ''));
    const principal = systemGatewayPrincipal('bench-coal', mineIds);
    const live = new MonitoringEngine(deps);
    const end = deps.clock().getTime() - 60_000;
    const start = end - FILES * STEPS * STEP_MS;
    const definitions = buildCoalFixture('CDDY', {
      mineCode: CODE,
      time: wall(start - 3_600_000),
      records: Array.from({ length: POINTS }, (_, p) =>
        ch4Point(pointCode(p), {
          分站编码: `FZ${String(Math.floor(p / 64)).padStart(3, '0')}`,
          安装位置: `${(p % 40) + 1}号采煤工作面回风巷`,
        }),
      ),
    });
    const [defined] = await ingestCoalFiles(deps, live, principal, [definitions], 'http');
    if (defined?.status !== 'stored' || defined.stored !== POINTS) {
      throw new Error(`CDDY not stored: ${JSON.stringify(defined)}`);
    }
    // The files are built before the clock starts: what is timed is the product's work, not the fixture's.
    const files = Array.from({ length: FILES }, (_, i) => cdssFile(start + i * STEPS * STEP_MS));
    const bytes = files.reduce((s, f) => s + f.data.length, 0);
    let next = 0;
    let records = 0;
    let stored = 0;
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    await Promise.all(
      [0, 1].map(async () => {
        for (;;) {
          const f = files[next++];
          if (!f) {
            return;
          }
          const [r] = await ingestCoalFiles(deps, live, principal, [f], 'http');
          if (r?.status !== 'stored' || r.refused > 0) {
            throw new Error(`${f.name}: ${JSON.stringify(r?.problems[0] ?? r)}`);
          }
          records += r.records;
          stored += r.stored;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    live.close();
    const alarms = await queryRows<{ kind: string; n: number }>(
      database.db,
      sql`SELECT kind, count(*)::int AS n FROM alarms GROUP BY kind ORDER BY kind`,
    );
    const [readings] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM readings`,
    );
    const rate = Math.round(records / seconds);
    console.log(
      `${FILES} CDSS files of ${POINTS} points × ${STEPS} snapshots (${(bytes / 1e6).toFixed(0)} MB, ${records} records, ${stored} stored, ${readings?.n ?? 0} readings in the table) in ${seconds.toFixed(1)} s; this process used ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU`,
    );
    console.log(`alarms: ${alarms.map((a) => `${a.kind} ${a.n}`).join(', ') || 'none'}`);
    console.log(
      `a province's realistic load, 10,000 points every 10 s = 1,000 records/s: ${Math.round(rate / 1000)}× headroom`,
    );
    console.log(`BENCH coal-ingest-${engine} ${rate} records/s`);
  },
  engine === 'postgres' ? 'postgres://postgres@127.0.0.1:5432/postgres' : undefined,
);
