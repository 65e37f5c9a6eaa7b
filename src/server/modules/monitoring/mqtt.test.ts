/**
 * MQTT ingest: the embedded broker (gateway token as password, own mines only, PUBACK after the
 * commit, a report per batch) and an external broker — the local Mosquitto on 1883, as in CI.
 */
import { sql } from 'drizzle-orm';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { type World } from '../../../../test/helpers/world.ts';
import { createToken } from '../access/access.service.ts';
import { findUserWithOrg } from '../access/access.repository.ts';
import { userPrincipal } from '../access/principal.ts';
import { queryRows } from '../../platform/db/client.ts';
import { MonitoringEngine } from './monitoring.engine.ts';
import { startEmbeddedBroker, subscribeExternal, type EmbeddedBroker } from './mqtt.ingest.ts';

const MOSQUITTO = process.env.MQTT_TEST_URL ?? 'mqtt://127.0.0.1:1883';

describe.each(engines)('MQTT ingest (%s)', (engine) => {
  let t: TestDatabase;
  let world: World;
  let monitor: MonitoringEngine;
  let broker: EmbeddedBroker;
  let token = '';
  const stored = async () =>
    (await queryRows<{ n: number }>(t.deps.db, sql`SELECT count(*)::int AS n FROM readings`))[0]
      ?.n ?? 0;
  const batch = (values: number[], offsetMs = 0) =>
    JSON.stringify(
      values.map((value, i) => ({
        sensor: `${world.a.key}-CH4`,
        ts: new Date(t.deps.clock().getTime() - 60_000 + offsetMs + i * 1000).toISOString(),
        value,
      })),
    );

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    monitor = new MonitoringEngine(t.deps);
    broker = await startEmbeddedBroker(t.deps, monitor, 0);
    const owner = await findUserWithOrg(t.deps.db, { username: world.a.users.enterprise_admin });
    if (!owner) {
      throw new Error('no enterprise admin');
    }
    token = (
      await createToken(t.deps, userPrincipal(owner, null), {
        name: 'mqtt 网关',
        kind: 'gateway',
        mineIds: [world.a.mines[0]?.id ?? ''],
      })
    ).token;
  });
  afterAll(async () => {
    monitor?.close();
    await broker?.close();
    await t?.close();
  });

  it('the embedded broker takes a gateway’s batch and acknowledges it only once stored', async () => {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
      username: 'gateway',
      password: token,
      reconnectPeriod: 0,
    });
    const reports: unknown[] = [];
    client.on('message', (_t, m) => reports.push(JSON.parse(m.toString())));
    await client.subscribeAsync(`minewatch/${world.a.mines[0]?.id}/reports`, { qos: 0 });
    const before = await stored();
    await client.publishAsync(
      `minewatch/${world.a.mines[0]?.id}/readings`,
      batch([0.2, 0.3, 0.4]),
      { qos: 1 },
    );
    // PUBACK arrived: the three readings are committed already.
    expect((await stored()) - before).toBe(3);
    await client.publishAsync(
      `minewatch/${world.a.mines[0]?.id}/readings`,
      `${batch([0.2]).slice(1, -1)}\n{"sensor":"nope","ts":1,"value":1}\n`,
      { qos: 1 },
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(reports[1]).toMatchObject({
      stored: 0,
      duplicates: 1,
      rejected: [{ index: 1, field: 'sensor' }],
    });
    await client.endAsync();
  });

  it('refuses a wrong token and a publish to another mine', async () => {
    await expect(
      mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
        username: 'g',
        password: 'mw_bad',
        reconnectPeriod: 0,
      }),
    ).rejects.toThrow();
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
      username: 'gateway',
      password: token,
      reconnectPeriod: 0,
    });
    const before = await stored();
    const closed = new Promise<void>((r) => client.once('close', () => r()));
    client.publish(`minewatch/${world.b.mines[0]?.id}/readings`, batch([9]), { qos: 1 });
    await closed; // MQTT 3.1.1: an unauthorised publish ends the connection
    expect(await stored()).toBe(before);
    client.end(true);
  });

  it('subscribes to an external broker (the local Mosquitto) and stores what gateways publish there', async () => {
    const suffix = `${engine}-${Date.now()}`;
    const sub = await subscribeExternal(
      monitor,
      MOSQUITTO,
      () => undefined,
      `minewatch-test-${suffix}`,
    );
    const gatewayClient = await mqtt.connectAsync(MOSQUITTO, { reconnectPeriod: 0 });
    const report = new Promise<unknown>((resolve) => {
      gatewayClient.on('message', (_t, m) => resolve(JSON.parse(m.toString())));
    });
    await gatewayClient.subscribeAsync(`minewatch/${world.a.mines[0]?.id}/reports`);
    const before = await stored();
    await gatewayClient.publishAsync(
      `minewatch/${world.a.mines[0]?.id}/readings`,
      batch([0.5, 0.6], 30_000),
      {
        qos: 1,
      },
    );
    expect(await report).toMatchObject({ stored: 2, rejected: [] });
    expect((await stored()) - before).toBe(2);
    await gatewayClient.endAsync();
    await sub.client.endAsync();
    // Leave no persistent session behind on the shared broker.
    const cleaner = await mqtt.connectAsync(MOSQUITTO, {
      clientId: `minewatch-test-${suffix}`,
      clean: true,
      reconnectPeriod: 0,
    });
    await cleaner.endAsync();
  });
});
