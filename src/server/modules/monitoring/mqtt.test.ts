/**
 * MQTT ingest: the embedded broker (gateway token as password, own mines only, PUBACK after the
 * commit, a report per batch) and an external broker — the local Mosquitto on 1883, as in CI.
 */
import { sql } from 'drizzle-orm';
import mqtt from 'mqtt';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
import {
  MQTT5_REFUSAL,
  remainingLength,
  readingsTopic,
  startEmbeddedBroker,
  subscribeExternal,
  type EmbeddedBroker,
} from './mqtt.ingest.ts';
import { MqttLimits } from '../../../shared/limits.ts';
import { loadConfig } from '../../platform/config.ts';

const MB = 1024 * 1024;

/** An MQTT 3.1.1 CONNECT (§3.1) with a user name and the gateway token as password. */
function connectPacket(clientId: string, password: string): Buffer {
  const str = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
  };
  const body = Buffer.concat([
    str('MQTT'),
    Buffer.from([4, 0xc2, 0, 60]), // level 4, user name + password + clean session, keep-alive 60 s
    str(clientId),
    str('gateway'),
    str(password),
  ]);
  return Buffer.concat([Buffer.from([0x10]), remainingLength(body.length), body]);
}

async function rawConnection(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

/**
 * Announces a packet of `announced` bytes, then sends its body a megabyte at a time, up to `sendMax`
 * bytes. Returns whether the broker closed the connection before the body was through: a broker that
 * reads the body takes every megabyte, one that refuses the header leaves them in the kernel's buffers.
 */
async function announceAndSend(
  socket: Socket,
  header: Buffer,
  announced: number,
  sendMax: number,
): Promise<{ closedEarly: boolean }> {
  let closed = false;
  socket.on('error', () => undefined);
  socket.once('close', () => {
    closed = true;
  });
  const write = (b: Buffer) =>
    new Promise<boolean>((resolve) => socket.write(b, (e) => resolve(!e)));
  if (!(await write(Buffer.concat([header, remainingLength(announced)])))) {
    return { closedEarly: true };
  }
  const chunk = Buffer.alloc(MB, 0x61);
  for (let sent = 0; sent < sendMax; sent += MB) {
    if (closed || !(await write(chunk))) {
      return { closedEarly: true };
    }
  }
  const closedEarly = closed;
  socket.destroy();
  return { closedEarly };
}

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
    broker = await startEmbeddedBroker(t.deps, [readingsTopic(monitor)], 0);
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

  it('closes an unauthenticated connection announcing a 200 MB CONNECT before reading it (issue 21 §5)', async () => {
    const socket = await rawConnection(broker.port);
    // The CONNECT packet type (0x10) and a Remaining Length of 200 MB; the broker must not take 32 MB of it.
    const r = await announceAndSend(socket, Buffer.from([0x10]), 200 * MB, 32 * MB);
    expect(r.closedEarly).toBe(true);
  });

  it('closes an authenticated gateway announcing a publish larger than one batch before reading it', async () => {
    const socket = await rawConnection(broker.port);
    const connack = new Promise<Buffer>((resolve) => socket.once('data', resolve));
    socket.write(connectPacket('raw-gateway', token));
    // CONNACK, return code 0: accepted (MQTT 3.1.1 §3.2.2.3).
    expect([...(await connack)]).toEqual([0x20, 0x02, 0x00, 0x00]);
    // PUBLISH at QoS 1 (0x32) announcing 200 MB: over MqttLimits.packetBytesMax, so never read.
    const r = await announceAndSend(socket, Buffer.from([0x32]), 200 * MB, 32 * MB);
    expect(r.closedEarly).toBe(true);
    expect(MqttLimits.packetBytesMax).toBeLessThan(32 * MB);
  });

  it('refuses a connection beyond the per-address limit, and admits one again once a slot is free', async () => {
    const small = await startEmbeddedBroker(t.deps, [readingsTopic(monitor)], 0, '127.0.0.1', {
      connectionsPerAddress: 2,
    });
    /** Connects over raw TCP with the gateway token: the CONNACK's return code, or 'closed'. */
    const tryConnect = async () => {
      const socket = await rawConnection(small.port);
      socket.on('error', () => undefined);
      const answer = await new Promise<number | 'closed'>((resolve) => {
        socket.once('data', (b: Buffer) => resolve(b[3] ?? -1));
        socket.once('close', () => resolve('closed'));
        socket.write(connectPacket(`limit-${Math.random()}`, token));
      });
      return { socket, answer };
    };
    const open = [await rawConnection(small.port), await rawConnection(small.port)];
    // A third connection from 127.0.0.1 with a good token is closed before its CONNECT is answered.
    const third = await tryConnect();
    expect(third.answer).toBe('closed');
    const first = open[0];
    const freed = new Promise<void>((r) => first?.once('close', () => r()));
    first?.destroy();
    await freed;
    // The server counts the slot free once it sees the close: try until it does.
    let answer: number | 'closed' = 'closed';
    for (let attempt = 0; answer === 'closed' && attempt < 50; attempt++) {
      const next = await tryConnect();
      answer = next.answer;
      next.socket.destroy();
    }
    expect(answer).toBe(0);
    open[1]?.destroy();
    await small.close();
  });

  it('refuses an MQTT 5 client with MQTT 5’s Unsupported Protocol Version and a reason it can read', async () => {
    const attempt = mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
      protocolVersion: 5,
      username: 'gateway',
      password: token,
      reconnectPeriod: 0,
    });
    // MQTT 5 §3.2.2.2: 0x84 (132) Unsupported Protocol Version.
    await expect(attempt).rejects.toMatchObject({ code: 132 });
    // The same over raw TCP, to read the CONNACK's Reason String (MQTT 5 §3.2.2.3.9, property 0x1F).
    const raw = await rawConnection(broker.port);
    const connack = new Promise<Buffer>((resolve) => raw.once('data', resolve));
    const v3 = connectPacket('v5', token);
    const body = Buffer.concat([v3.subarray(2, 12), Buffer.from([0]), v3.subarray(12)]);
    body[6] = 5; // protocol level 5 (MQTT 5 §3.1.2.2); an empty property list follows the keep-alive
    raw.write(Buffer.concat([Buffer.from([0x10]), remainingLength(body.length), body]));
    const bytes = await connack;
    raw.destroy();
    const varint = (at: number) => {
      let value = 0;
      let i = 0;
      for (; (bytes[at + i] ?? 0) & 0x80; i++) {
        value += ((bytes[at + i] ?? 0) & 0x7f) * 128 ** i;
      }
      return { value: value + (bytes[at + i] ?? 0) * 128 ** i, next: at + i + 1 };
    };
    expect(bytes[0]).toBe(0x20);
    const afterLength = varint(1).next;
    expect(bytes[afterLength + 1]).toBe(0x84);
    const props = varint(afterLength + 2).next;
    expect(bytes[props]).toBe(0x1f);
    const length = bytes.readUInt16BE(props + 1);
    expect(bytes.subarray(props + 3, props + 3 + length).toString('utf8')).toBe(MQTT5_REFUSAL);
  });

  it('keeps a gateway’s rights when it reconnects under the same client id (the stale connection closes)', async () => {
    const options = {
      clientId: 'gateway-same-id',
      username: 'gateway',
      password: token,
      reconnectPeriod: 0,
    };
    const stale = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, options);
    const staleClosed = new Promise<void>((r) => stale.once('close', () => r()));
    const fresh = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, options);
    await staleClosed;
    const before = await stored();
    await fresh.publishAsync(`minewatch/${world.a.mines[0]?.id}/readings`, batch([0.25], 45_000), {
      qos: 1,
    });
    expect((await stored()) - before).toBe(1);
    stale.end(true);
    await fresh.endAsync();
  });

  it('gives each instance its own client id at the external broker, kept across restarts, so instances never take each other’s session', async () => {
    const dirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), 'minewatch-mqtt-id-')));
    const configOf = (dir: string) =>
      loadConfig({ DATA_DIR: dir, MQTT_URL: MOSQUITTO, MINEWATCH_SECRET: 'ab'.repeat(32) })
        .mqttExternal;
    const [a, b] = dirs.map(configOf);
    if (!a || !b || !dirs[0]) {
      throw new Error('no external MQTT configuration');
    }
    expect(a.clientId).not.toBe(b.clientId);
    // The same instance restarted resumes its persistent session: the id is kept in its data folder.
    expect(configOf(dirs[0])?.clientId).toBe(a.clientId);
    expect(
      loadConfig({ DATA_DIR: dirs[0], MQTT_URL: MOSQUITTO, MQTT_CLIENT_ID: 'minewatch-site-2' })
        .mqttExternal?.clientId,
    ).toBe('minewatch-site-2');
    // Side by side, neither takes over the other's session: both stay connected and both hear the batch.
    const subA = await subscribeExternal(
      [readingsTopic(monitor)],
      MOSQUITTO,
      () => undefined,
      a.clientId,
    );
    const subB = await subscribeExternal(
      [readingsTopic(monitor)],
      MOSQUITTO,
      () => undefined,
      b.clientId,
    );
    const gatewayClient = await mqtt.connectAsync(MOSQUITTO, { reconnectPeriod: 0 });
    const reports: unknown[] = [];
    const twoReports = new Promise<void>((resolve) =>
      gatewayClient.on('message', (_t, m) => {
        reports.push(JSON.parse(m.toString()));
        if (reports.length === 2) {
          resolve();
        }
      }),
    );
    await gatewayClient.subscribeAsync(`minewatch/${world.a.mines[0]?.id}/reports`);
    const before = await stored();
    await gatewayClient.publishAsync(
      `minewatch/${world.a.mines[0]?.id}/readings`,
      batch([0.45], 50_000),
      { qos: 1 },
    );
    await twoReports;
    // Each instance ingested it; readings are idempotent on (sensor, time), so it is stored once.
    expect((await stored()) - before).toBe(1);
    expect(subA.client.connected && subB.client.connected).toBe(true);
    await gatewayClient.endAsync();
    await subA.close();
    await subB.close();
    // Leave no persistent session behind on the shared broker.
    for (const id of [a.clientId, b.clientId]) {
      const cleaner = await mqtt.connectAsync(MOSQUITTO, {
        clientId: id,
        clean: true,
        reconnectPeriod: 0,
      });
      await cleaner.endAsync();
    }
    for (const dir of dirs) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('subscribes to an external broker (the local Mosquitto) and stores what gateways publish there', async () => {
    const suffix = `${engine}-${Date.now()}`;
    const sub = await subscribeExternal(
      [readingsTopic(monitor)],
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
