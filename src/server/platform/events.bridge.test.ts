/**
 * The event channel across nodes (issue 26 §3): two "nodes" — each its own pool, event channel and
 * bridge on the real PostgreSQL server — and a change made through one reaches the other's subscribers
 * within seconds, once, while neither hears its own event twice. PostgreSQL only (LISTEN/NOTIFY between
 * connections; PGlite is one process by construction).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../test/helpers/test-database.ts';
import { testDeps, testSecret } from '../../../test/helpers/test-clock.ts';
import type { World } from '../../../test/helpers/world.ts';
import { systemPrincipal } from '../modules/access/principal.ts';
import { modules } from '../modules/index.ts';
import { MonitoringEngine } from '../modules/monitoring/monitoring.engine.ts';
import { closeAlarm } from '../modules/monitoring/alarm.service.ts';
import { createSensor, getSensor, updateSensorSpec } from '../modules/monitoring/sensor.service.ts';
import { settingsCatalogueOf } from '../composition.ts';
import { openRuntime } from '../runtime.ts';
import type { ServiceDeps } from './context.ts';
import { openDatabase, queryRows, type Database } from './db/client.ts';
import { EVENTS_CHANNEL, startEventBridge, type EventBridge } from './events.bridge.ts';
import { createEventChannel, type AppEventName, type AppEvents } from './events.ts';
import { changeSetting } from './settings/settings.service.ts';

const admin = systemPrincipal('test:bridge');

/** Resolves with the first `name` event that passes `when`, or rejects after `ms`. */
function next<K extends AppEventName>(
  deps: ServiceDeps,
  name: K,
  when: (e: AppEvents[K]) => boolean,
  ms = 5000,
): Promise<AppEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no ${name} within ${ms} ms`));
    }, ms);
    const stop = deps.events.subscribe(name, (e) => {
      if (when(e)) {
        clearTimeout(timer);
        stop();
        resolve(e);
      }
    });
  });
}

describe.runIf(engines.includes('postgres'))('events across nodes (postgres)', () => {
  let t: TestDatabase & { world: World };
  let other: Database;
  let a: ServiceDeps;
  let b: ServiceDeps;
  const bridges: EventBridge[] = [];
  beforeAll(async () => {
    t = await createWorldDatabase('postgres');
    other = await openDatabase({ url: t.url });
    a = t.deps;
    b = { ...testDeps(other.db), events: createEventChannel() };
    for (const deps of [a, b]) {
      bridges.push(startEventBridge(deps.events, t.url as string, { reconnectMs: 100 }));
    }
    await Promise.all(bridges.map((x) => x.listening()));
  });
  afterAll(async () => {
    await Promise.all(bridges.map((x) => x.close()));
    await other.close();
    await t.close();
  });

  it('a threshold changed through one node reaches the other node within seconds, once', async () => {
    const sensorId = t.world.a.sensorIds[0] as string;
    const heardA: string[] = [];
    const heardB: string[] = [];
    const stops = [
      a.events.subscribe('monitoring.sensor.changed', (e) => heardA.push(e.sensorId)),
      b.events.subscribe('monitoring.sensor.changed', (e) => heardB.push(e.sensorId)),
    ];
    const before = await getSensor(a, admin, sensorId);
    const arrived = next(b, 'monitoring.sensor.changed', (e) => e.sensorId === sensorId);
    const started = Date.now();
    await updateSensorSpec(a, admin, sensorId, {
      version: before.version,
      // Every level 10 % higher: the order of the levels, and their clear values below them, hold.
      spec: {
        ...before.spec,
        thresholds: Object.fromEntries(
          Object.entries(before.spec.thresholds).map(([level, v]) => [
            level,
            Math.round(v * 110) / 100,
          ]),
        ),
      },
      reason: '跨节点阈值变更测试',
    });
    expect(await arrived).toEqual({ sensorId });
    expect(Date.now() - started).toBeLessThan(5000);
    // Give a stray echo the time to arrive: node a heard its own change once, node b once.
    await new Promise((r) => setTimeout(r, 300));
    stops.forEach((stop) => stop());
    expect(heardA).toEqual([sensorId]);
    expect(heardB).toEqual([sensorId]);
  });

  it("a setting changed through one node drops the other node's engine settings cache", async () => {
    const engine = new MonitoringEngine(b);
    const cache = engine as unknown as {
      cachedSettings: object | null;
      settings(): Promise<unknown>;
    };
    try {
      await cache.settings();
      expect(cache.cachedSettings).not.toBeNull();
      const catalogue = settingsCatalogueOf(modules);
      const key = [...catalogue.definitions.keys()].find((k) => k.startsWith('monitoring.'));
      expect(key).toBeDefined();
      const definition = catalogue.definitions.get(key as string);
      const arrived = next(b, 'platform.setting.changed', (e) => e.key === key);
      await changeSetting(
        a,
        admin,
        key as string,
        {
          value: definition?.default,
          source: '跨节点设置测试',
          verified: false,
          reason: '跨节点设置测试',
        },
        catalogue,
      );
      expect(await arrived).toEqual({ key });
      expect(cache.cachedSettings).toBeNull();
    } finally {
      engine.close();
    }
  });

  it('a command run on its own (send only) reaches the listening nodes, though it ends right after', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mw-bridge-'));
    try {
      // As `minewatch <command>` opens it (src/cli/runtime.ts): the runtime's default sends only.
      const cli = await openRuntime(
        {
          databaseUrl: t.url,
          dataDir,
          secret: testSecret,
          auditAnchorFile: path.join(dataDir, 'anchor.json'),
        },
        { anchor: false },
      );
      const sensorId = t.world.a.sensorIds[1] as string;
      const arrived = next(b, 'monitoring.sensor.changed', (e) => e.sensorId === sensorId);
      cli.deps.events.publish('monitoring.sensor.changed', { sensorId });
      await cli.close();
      expect(await arrived).toEqual({ sensorId });
      // It listened to nobody: the two nodes' connections are the only listening ones.
      const [listening] = await queryRows<{ n: number }>(
        a.db,
        sql`SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'minewatch listen'`,
      );
      expect(listening?.n).toBe(2);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a node whose listening connection is cut listens again within seconds and hears the next change', async () => {
    const listeners = () =>
      queryRows<{ n: number }>(
        a.db,
        sql`SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'minewatch listen'
              AND state = 'idle' AND query = ${`LISTEN ${EVENTS_CHANNEL}`}`,
      ).then((r) => r[0]?.n ?? 0);
    expect(await listeners()).toBe(2);
    await queryRows(
      a.db,
      sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'minewatch listen'`,
    );
    const deadline = Date.now() + 5000;
    let back = 0;
    while (Date.now() < deadline && back < 2) {
      await new Promise((r) => setTimeout(r, 100));
      back = await listeners();
    }
    expect(back).toBe(2);
    const sensorId = t.world.b.sensorIds[0] as string;
    const arrived = next(b, 'monitoring.sensor.changed', (e) => e.sensorId === sensorId);
    const before = await getSensor(a, admin, sensorId);
    await updateSensorSpec(a, admin, sensorId, {
      version: before.version,
      spec: { ...before.spec, deadband: 0.01 },
      reason: '断线重连测试',
    });
    expect(await arrived).toEqual({ sensorId });
  });

  it("a node that listens again reads what it missed: a sensor's spec, a new sensor, an alarm closed", async () => {
    const engine = new MonitoringEngine(b);
    type Held = { version: number; open: Map<string, { id: string }> };
    const held = () =>
      (engine as unknown as { byId: Map<string, Held> }).byId.get(sensorId) as Held;
    const mineId = t.world.b.mines[0]?.id as string;
    const sensorId = t.world.b.sensorIds[0] as string;
    const alarmId = t.world.b.alarmIds[0] as string;
    try {
      await engine.warm([mineId]);
      expect(held().open.get('超限')?.id, "the world's open 超限 alarm").toBe(alarmId);
      // Node a changes the sensor and closes the alarm while its NOTIFYs reach nobody (a channel of its
      // own, unbridged): node b's engine still holds the old spec and the alarm as open.
      const unheard = { ...a, events: createEventChannel() };
      const before = await getSensor(unheard, admin, sensorId);
      const changed = await updateSensorSpec(unheard, admin, sensorId, {
        version: before.version,
        spec: { ...before.spec, deadband: 0.02 },
        reason: '断线期间的变更',
      });
      await closeAlarm(unheard, admin, alarmId, '断线期间人工关闭');
      const added = await createSensor(unheard, admin, {
        facilityId: t.world.b.facilityIds[0] as string,
        code: 'b-CH4-断线期间',
        name: '断线期间新增甲烷',
        quantity: 'CH4',
        preset: '甲烷:采煤工作面',
      });
      expect(held().version).toBe(before.version);
      expect(held().open.get('超限')?.id).toBe(alarmId);
      // b's listening connection is cut and comes back: it reads what it may have missed.
      const missed = next(b, 'platform.events.missed', () => true);
      await queryRows(
        a.db,
        sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'minewatch listen'`,
      );
      await missed;
      // A batch waits for the catch-up; a new excursion at the same level (1.2 % CH4) opens a new alarm,
      // where a node still holding the closed one as open would have opened none.
      // The sensor added meanwhile takes its readings (a node that never heard of it would skip them).
      const at = b.clock().getTime() + 60_000;
      const written = await engine.ingestAdmitted({
        mineId,
        sensorIds: [sensorId, added.id],
        times: [at, at],
        values: [1.2, 0.3],
      });
      expect(written).toEqual({ stored: 2, alarmsOpened: 1 });
      expect(held().version).toBe(changed.version);
      const opened = held().open.get('超限')?.id;
      expect(opened).toBeDefined();
      expect(opened).not.toBe(alarmId);
    } finally {
      engine.close();
    }
  });
});
