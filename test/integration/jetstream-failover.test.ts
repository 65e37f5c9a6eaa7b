/**
 * The distributed mode (issue 26) as real processes on the local NATS JetStream and PostgreSQL: one
 * ingest node (`minewatch serve --role ingest`), three engine workers (`--role engine`) and two api
 * nodes (`--role api`, running the scheduled jobs and the 叫应 timers each second) on a database of
 * their own. Readings go in through the ingest node; one worker is killed with SIGKILL in the middle of
 * an excursion; every acknowledged reading must end up stored exactly once, each excursion must open
 * exactly one alarm, the killed worker's partitions must be taken over within 10 s, and a resend of an
 * acknowledged batch must be reported a duplicate. Then the api node that ran the monitoring job last
 * is killed just as every alarm's 叫应 step falls due and the test's mines fall silent: each step is
 * called once, each mine gets one 断网 alarm, and the other node carries on. Last, the file interface:
 * `minewatch ingest watch` takes a drop folder of MT/T 1201 files as an ingest node, through the stream.
 *
 * PostgreSQL only: the distributed mode needs a PostgreSQL server (PGlite is one process's), so this
 * runs when TEST_DATABASE_URL is set (as in CI) and is skipped otherwise; it also needs nats-server with
 * JetStream at NATS_TEST_URL (default nats://127.0.0.1:4222), which CI and this machine run.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorldDatabase, engines, type TestDatabase } from '../helpers/test-database.ts';
import { testSecret } from '../helpers/test-clock.ts';
import { buildCh4Points, buildMine } from '../helpers/factories.ts';
import { runMinewatch, spawnMinewatchServe, type ServeProcess } from '../helpers/cli-process.ts';
import { buildCoalDropFiles } from '../../src/server/modules/coal-upload/coal-file.factory.ts';
import type { World } from '../helpers/world.ts';
import { createToken } from '../../src/server/modules/access/access.service.ts';
import { findUserWithOrg } from '../../src/server/modules/access/access.repository.ts';
import { userPrincipal } from '../../src/server/modules/access/principal.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { OWNER_NS } from '../../src/server/scale/engine.worker.ts';
import { partitionOf } from '../../src/server/scale/partition.ts';

const NATS = process.env.NATS_TEST_URL ?? 'nats://127.0.0.1:4222';
const PARTITIONS = 8;
const MINES = 4;
const SENSORS = 4;
const BATCHES = 50;
/**
 * The excursion: from batch EXC_FROM on, sensor 0 of every mine carries 1.3 % CH4 (《煤矿安全规程》(2016)
 * 甲烷传感器表, 采煤工作面: 报警 ≥ 1.0 %), to the end, so that its alarm stays open for the 叫应 steps.
 */
const EXC_FROM = 15;
const KILL_AT = 22;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

describe.runIf(engines.includes('postgres'))(
  'JetStream ingest with engine workers and a SIGKILL (needs TEST_DATABASE_URL: PostgreSQL; and NATS)',
  () => {
    let t: TestDatabase;
    let world: World;
    const stream = `MW_TEST_${randomBytes(4).toString('hex').toUpperCase()}`;
    const dirs: string[] = [];
    const procs: ServeProcess[] = [];
    let ingestUrl = '';
    let token = '';
    const sensors: { mineId: string; id: string; code: string }[] = [];
    const apis: { p: ServeProcess; url: string }[] = [];
    const workers: ServeProcess[] = [];

    /** What every process of the test's cluster is started with: its database, key, stream, folder. */
    const clusterEnv = (prefix: string) => {
      const dir = mkdtempSync(path.join(tmpdir(), prefix));
      dirs.push(dir);
      return {
        DATABASE_URL: t.url ?? '',
        DATA_DIR: dir,
        MINEWATCH_SECRET: testSecret.toString('hex'),
        NATS_URL: NATS,
        NATS_STREAM: stream,
        NATS_SUBJECT_PREFIX: `mwtest.${stream}`,
        READINGS_PARTITIONS: String(PARTITIONS),
      };
    };
    const spawnRole = async (role: string, env: Record<string, string> = {}) => {
      const port = await freePort();
      const p = await spawnMinewatchServe({ ...clusterEnv('mw-js-'), PORT: String(port), ...env }, [
        '--role',
        role,
      ]);
      procs.push(p);
      return { p, url: `http://127.0.0.1:${port}` };
    };
    /** Which worker process (by pid) owns each partition now. */
    const owners = async () =>
      queryRows<{ p: number; pid: number }>(
        t.deps.db,
        sql`SELECT l.objid::int AS p, substring(a.application_name from '([0-9]+)$')::int AS pid
          FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.classid = ${OWNER_NS} AND l.granted
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
    const waitFor = async (what: string, ok: () => Promise<boolean>, ms: number) => {
      const until = Date.now() + ms;
      while (!(await ok())) {
        if (Date.now() > until) {
          throw new Error(`timed out waiting for ${what}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    beforeAll(async () => {
      ({ world, ...t } = await createWorldDatabase('postgres'));
      for (let m = 0; m < MINES; m++) {
        const mine = await buildMine(t.deps, {
          enterpriseId: world.a.enterpriseId,
          countyCode: world.a.county,
        });
        const codes = Array.from({ length: SENSORS }, (_, i) => `JS${m}-CH4-${i}`);
        const { points } = await buildCh4Points(t.deps, codes, mine);
        points.forEach((pt, i) =>
          sensors.push({ mineId: mine.id, id: pt.id, code: codes[i] ?? '' }),
        );
      }
      const owner = await findUserWithOrg(t.deps.db, { username: world.a.users.enterprise_admin });
      if (!owner) {
        throw new Error('no enterprise admin');
      }
      token = (
        await createToken(t.deps, userPrincipal(owner, null), {
          name: 'JetStream 网关',
          kind: 'gateway',
          mineIds: [...new Set(sensors.map((s) => s.mineId))],
        })
      ).token;
      const [ingest, ...engineNodes] = await Promise.all([
        spawnRole('ingest'),
        spawnRole('engine'),
        spawnRole('engine'),
        spawnRole('engine'),
      ]);
      ingestUrl = ingest.url;
      workers.push(...engineNodes.map((e) => e.p));
      // The api nodes run the monitoring job (断线/断网, the 叫应 timers) every second.
      const tick = { MONITORING_TICK_SECONDS: '1' };
      apis.push(...(await Promise.all([spawnRole('api', tick), spawnRole('api', tick)])));
    }, 120_000);

    afterAll(async () => {
      await Promise.all(procs.map((p) => p.end('SIGTERM')));
      const nc = await connect({ servers: NATS });
      const jsm = await jetstreamManager(nc);
      await jsm.streams.delete(stream).catch(() => undefined);
      await nc.close();
      for (const d of dirs) {
        rmSync(d, { recursive: true, force: true });
      }
      await t?.close();
    });

    it('stores every acknowledged reading once, one alarm per excursion, takeover ≤ 10 s', async () => {
      await waitFor(
        'every partition owned, by every worker',
        async () => {
          const o = await owners();
          return o.length === PARTITIONS && new Set(o.map((x) => x.pid)).size === workers.length;
        },
        20_000,
      );
      const base = Date.now() - 120_000;
      const batchOf = (k: number) =>
        JSON.stringify(
          sensors.map((s, i) => ({
            mine: s.mineId,
            sensor: s.code,
            ts: new Date(base + k * 2000).toISOString(),
            value: i % SENSORS === 0 && k >= EXC_FROM ? 1.3 : 0.2 + (k % 5) * 0.01,
          })),
        );
      const send = (body: string) =>
        fetch(`${ingestUrl}/api/ingest/readings`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
      let acknowledged = 0;
      let killedAt = 0;
      let victim = 0;
      for (let k = 0; k < BATCHES; k++) {
        if (k === KILL_AT) {
          // The worker owning the partitions of most of the test's mines dies without a word.
          const o = await owners();
          const load = new Map<number, number>();
          for (const mineId of new Set(sensors.map((s) => s.mineId))) {
            const pid = o.find((x) => x.p === partitionOf(mineId, PARTITIONS))?.pid ?? 0;
            load.set(pid, (load.get(pid) ?? 0) + 1);
          }
          victim = [...load.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
          expect(load.get(victim)).toBeGreaterThan(0);
          const proc = workers.find((w) => w.pid === victim);
          expect(proc).toBeDefined();
          killedAt = Date.now();
          await proc?.end('SIGKILL');
        }
        const res = await send(batchOf(k));
        expect(res.status).toBe(200);
        const report = (await res.json()) as { stored: number; duplicates: number };
        expect(report.stored + report.duplicates).toBe(sensors.length);
        acknowledged += report.stored;
        // The batches just before the kill go in back to back, so the victim dies with work in hand.
        if (k < KILL_AT - 5 || k >= KILL_AT) {
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      expect(acknowledged).toBe(BATCHES * sensors.length);
      // Its partitions pass to the two left, within the stated time.
      await waitFor(
        'the killed worker’s partitions taken over',
        async () => {
          const o = await owners();
          return o.length === PARTITIONS && o.every((x) => x.pid !== victim);
        },
        10_000,
      );
      const takeoverMs = Date.now() - killedAt;
      expect(takeoverMs).toBeLessThan(10_000);

      // A resend of an acknowledged batch is a duplicate.
      const again = await send(batchOf(3));
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ stored: 0, duplicates: sensors.length });

      const ids = sql.raw(sensors.map((s) => `'${s.id}'`).join(','));
      const count = async () =>
        (
          await queryRows<{ n: number }>(
            t.deps.db,
            sql`SELECT count(*)::int AS n FROM readings r JOIN monitoring_sensors s
              ON s.no = r.sensor_no WHERE s.id IN (${ids})`,
          )
        )[0]?.n ?? 0;
      await waitFor(
        'every acknowledged reading stored',
        async () => (await count()) >= acknowledged,
        20_000,
      );
      // Exactly once: as many rows as readings acknowledged, and each (sensor, time) once by its key.
      expect(await count()).toBe(acknowledged);
      const perSensor = await queryRows<{ id: string; n: number }>(
        t.deps.db,
        sql`SELECT s.id, count(*)::int AS n FROM readings r JOIN monitoring_sensors s
          ON s.no = r.sensor_no WHERE s.id IN (${ids}) GROUP BY s.id`,
      );
      expect(perSensor.map((x) => x.n)).toEqual(sensors.map(() => BATCHES));
      // One alarm per excursion (sensor 0 of each mine), none elsewhere.
      const alarms = await queryRows<{ sensorId: string; n: number }>(
        t.deps.db,
        sql`SELECT sensor_id AS "sensorId", count(*)::int AS n FROM alarms
          WHERE sensor_id IN (${ids}) AND kind NOT IN ('断线', '断网')
          GROUP BY sensor_id`,
      );
      const expected = sensors.filter((_, i) => i % SENSORS === 0).map((s) => s.id);
      expect(alarms.map((a) => a.sensorId).sort()).toEqual([...expected].sort());
      for (const a of alarms) {
        expect(a.n, `alarms of sensor ${a.sensorId}`).toBe(1);
      }
      console.log(`BENCH jetstream-failover takeover_ms=${takeoverMs} lost=0 duplicated=0`);
    }, 90_000);

    it('each 叫应 step and each job step once across two api nodes, one killed as they fall due', async () => {
      const db = t.deps.db;
      const excursionIds = sql.raw(
        sensors
          .filter((_, i) => i % SENSORS === 0)
          .map((x) => `'${x.id}'`)
          .join(','),
      );
      const mineIds = [...new Set(sensors.map((x) => x.mineId))];
      const mineList = sql.raw(mineIds.map((m) => `'${m}'`).join(','));
      /** Per excursion alarm, how many timeline events of the type it has. */
      const steps = (type: string) =>
        queryRows<{ alarm: string; n: number }>(
          db,
          sql`SELECT a.id AS alarm, count(e.*)::int AS n FROM alarms a
            LEFT JOIN alarm_events e ON e.alarm_id = a.id AND e.type = ${type}
            WHERE a.sensor_id IN (${excursionIds}) GROUP BY a.id`,
        );
      const all = (rows: { n: number }[]) => rows.length === MINES && rows.every((r) => r.n > 0);
      // The first step of every excursion alarm, called by whichever node came first.
      await waitFor('every excursion alarm called', async () => all(await steps('called')), 20_000);

      // Nobody acknowledged for a day: every alarm's next step is due now. And the test's sensors
      // report every second from now on, so their mines (silent since the ingest) fall silent.
      await db.execute(sql`UPDATE alarms SET step_started_at = step_started_at - interval '1 day',
        next_call_at = now() WHERE sensor_id IN (${excursionIds}) AND closed_at IS NULL`);
      await db.execute(sql`UPDATE monitoring_sensors
        SET spec = jsonb_set(spec, '{intervalSeconds}', '1')
        WHERE mine_id IN (${mineList})`);
      /** The monitoring job's claim: the process (`<host>:<pid>:<random>`) and when it last started. */
      const tickClaim = async () =>
        (
          await queryRows<{ owner: string; at: string }>(
            db,
            sql`SELECT owner, last_started_at::text AS at FROM job_claims
              WHERE name = 'monitoring.tick'`,
          )
        )[0];
      // The api node that ran the monitoring job last (maybe running it now) dies at once.
      const claim = await tickClaim();
      const victim = apis.find((a) => claim?.owner.split(':')[1] === String(a.p.pid));
      expect(victim, `the monitoring job's owner ${claim?.owner}`).toBeDefined();
      await victim?.p.end('SIGKILL');
      const survivor = apis.find((a) => a !== victim);

      await waitFor(
        'every excursion alarm escalated',
        async () => all(await steps('escalated')),
        40_000,
      );
      const silence = () =>
        queryRows<{ mine: string; kind: string; n: number }>(
          db,
          sql`SELECT mine_id AS mine, kind, count(*)::int AS n FROM alarms
            WHERE mine_id IN (${mineList}) AND kind IN ('断线', '断网') GROUP BY mine_id, kind`,
        );
      await waitFor(
        'a 断网 alarm at every test mine',
        async () => (await silence()).filter((r) => r.kind === '断网').length === MINES,
        40_000,
      );
      // Two more runs of the monitoring job on the node left, to give a second step a chance.
      for (let i = 0; i < 2; i++) {
        const before = (await tickClaim())?.at;
        await waitFor(
          'another monitoring run',
          async () => (await tickClaim())?.at !== before,
          10_000,
        );
      }
      // Each step once: one call and one escalation per alarm; one 断网 per mine, no 断线.
      expect((await steps('called')).map((r) => r.n)).toEqual(mineIds.map(() => 1));
      expect((await steps('escalated')).map((r) => r.n)).toEqual(mineIds.map(() => 1));
      expect(await silence()).toEqual(
        expect.arrayContaining(mineIds.map((mine) => ({ mine, kind: '断网', n: 1 }))),
      );
      expect((await silence()).filter((r) => r.kind === '断线')).toEqual([]);
      // Each notification of those steps once (a step's title names its stage: one per step and person).
      expect(
        await queryRows(
          db,
          sql`SELECT user_id, subject_id, title, count(*)::int AS n FROM notifications
            WHERE subject_id IN (SELECT id::text FROM alarms WHERE mine_id IN (${mineList}))
            GROUP BY user_id, subject_id, title HAVING count(*) > 1`,
        ),
      ).toEqual([]);
      // The node left runs the job now.
      expect((await tickClaim())?.owner.split(':')[1]).toBe(String(survivor?.p.pid));
    }, 120_000);

    it('a drop folder taken by `minewatch ingest watch` goes through JetStream to the workers', async () => {
      // A coal mine of the county and its MT/T 1201 files: the definition, then FILES of readings.
      const code = '140981000926';
      const points = 3;
      const files = 4;
      const mine = await buildMine(t.deps, {
        coalCode: code,
        name: '分布式目录测试煤矿',
        enterpriseId: world.a.enterpriseId,
        countyCode: world.a.county,
      });
      const drop = mkdtempSync(path.join(tmpdir(), 'mw-js-drop-'));
      dirs.push(drop);
      const start = Math.floor(Date.now() / 1000) * 1000 - 600_000;
      const fixtures = buildCoalDropFiles({
        mineCode: code,
        start,
        points,
        files,
        prefix: 'D',
        value: () => '0.3',
      });
      const old = new Date(Date.now() - 60_000);
      for (const f of fixtures) {
        writeFileSync(path.join(drop, f.name), f.data);
        utimesSync(path.join(drop, f.name), old, old);
      }
      const nc = await connect({ servers: NATS });
      const jsm = await jetstreamManager(nc);
      const published = async () => (await jsm.streams.info(stream)).state.last_seq;
      try {
        const before = await published();
        const run = await runMinewatch(
          ['ingest', 'watch', drop, '--once', '--settle', '0'],
          clusterEnv('mw-js-cli-'),
        );
        expect(run.code, run.out).toBe(0);
        // Its readings went to the stream (one message per file), not into the database directly …
        expect((await published()) - before).toBe(files);
        // … and the engine workers left stored them.
        const stored = async () =>
          (
            await queryRows<{ n: number }>(
              t.deps.db,
              sql`SELECT count(*)::int AS n FROM readings r JOIN monitoring_sensors s
                ON s.no = r.sensor_no WHERE s.mine_id = ${mine.id}`,
            )
          )[0]?.n ?? 0;
        await waitFor(
          'the files’ readings stored',
          async () => (await stored()) === points * files,
          20_000,
        );
      } finally {
        await nc.close();
      }
    }, 60_000);
  },
);
