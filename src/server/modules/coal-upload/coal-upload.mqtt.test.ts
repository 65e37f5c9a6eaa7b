/**
 * The coal upload files over MQTT (issue 22 §3c), on both engines: a gateway publishes a file, or a ZIP of
 * them, on `minewatch/<mineId>/coal-files/<file name>` — to the embedded broker (its token as password,
 * PUBACK after the commit) or to an external broker (the local Mosquitto) — and reads each file's report on
 * `minewatch/<mineId>/reports`; the same file twice stores nothing new; a file of another mine, a broken
 * file and a publish to another mine's topic store nothing. The topics are the manifests' (as `serve`
 * collects them).
 */
import { sql } from 'drizzle-orm';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import type { World } from '../../../../test/helpers/world.ts';
import type { CoalFileReport } from '../../../shared/coal-upload.schemas.ts';
import { queryRows } from '../../platform/db/client.ts';
import { writeZip } from '../../platform/files/zip.ts';
import { modules } from '../index.ts';
import type { ModuleContext } from '../module.ts';
import {
  startEmbeddedBroker,
  subscribeExternal,
  type EmbeddedBroker,
  type MqttTopic,
} from '../monitoring/mqtt.ingest.ts';
import { buildCoalFixture } from './coal-file.factory.ts';
import { CODE_A, CODE_B, connectWorld } from './coal-upload.fixtures.ts';

const MOSQUITTO = process.env.MQTT_TEST_URL ?? 'mqtt://127.0.0.1:1883';

type Report = { files?: CoalFileReport[]; error?: string };

/** Publishes at QoS 1 and waits for the report the broker answers on the mine's reports topic. */
async function publishForReport(
  client: MqttClient,
  mineId: string,
  name: string,
  payload: Buffer,
): Promise<Report> {
  const report = new Promise<Report>((resolve) => {
    const on = (topic: string, m: Buffer) => {
      if (topic === `minewatch/${mineId}/reports`) {
        client.off('message', on);
        resolve(JSON.parse(m.toString()) as Report);
      }
    };
    client.on('message', on);
  });
  await client.publishAsync(`minewatch/${mineId}/coal-files/${name}`, payload, { qos: 1 });
  return report;
}

describe.each(engines)('coal upload files over MQTT (%s)', (engine) => {
  let t: TestDatabase;
  let world: World;
  let ctx: ModuleContext;
  let close: () => Promise<void>;
  let topics: MqttTopic[];
  let broker: EmbeddedBroker;
  let token = '';
  let mineA = '';
  const files = async (via: string) =>
    (
      await queryRows<{ n: number }>(
        t.deps.db,
        sql`SELECT count(*)::int AS n FROM coal_files WHERE via = ${via}`,
      )
    )[0]?.n ?? 0;

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    const built = await createTestApp(t);
    ctx = built.ctx;
    close = () => built.app.close();
    topics = modules.flatMap((m) => m.mqttTopics?.(ctx) ?? []);
    broker = await startEmbeddedBroker(t.deps, topics, 0);
    token = (await connectWorld(t.deps, world)).a;
    mineA = world.a.mines[0]?.id ?? '';
  });
  afterAll(async () => {
    await broker?.close();
    await close?.();
    await t?.close();
  });

  const gateway = async () => {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
      username: 'kj-gateway',
      password: token,
      reconnectPeriod: 0,
    });
    await client.subscribeAsync(`minewatch/${mineA}/reports`, { qos: 0 });
    return client;
  };

  it('serve’s topics are the readings and the coal files', () => {
    expect(topics.map((x) => [x.name, x.item])).toEqual([
      ['readings', false],
      ['coal-files', true],
    ]);
  });

  it('stores a published file before its PUBACK, reports it, and stores nothing new when it comes again', async () => {
    const client = await gateway();
    const f = buildCoalFixture('FZDY', { mineCode: CODE_A, time: '2026-11-22 09:00:00' });
    const before = await files('mqtt');
    const first = await publishForReport(client, mineA, f.name, f.data);
    expect(first.files).toEqual([
      expect.objectContaining({ file: f.name, type: 'FZDY', status: 'stored', stored: 3 }),
    ]);
    expect(await files('mqtt')).toBe(before + 1);
    const again = await publishForReport(client, mineA, f.name, f.data);
    expect(again.files).toEqual([
      expect.objectContaining({ file: f.name, status: 'duplicate', stored: 0, duplicates: 3 }),
    ]);
    expect(await files('mqtt')).toBe(before + 1);
    await client.endAsync();
  });

  it('opens a ZIP of files and takes them in the time of their names', async () => {
    const client = await gateway();
    const late = buildCoalFixture('FZSS', { mineCode: CODE_A, time: '2026-11-22 09:02:00' });
    const early = buildCoalFixture('FZSS', { mineCode: CODE_A, time: '2026-11-22 09:01:00' });
    const r = await publishForReport(
      client,
      mineA,
      'batch.zip',
      writeZip([
        { name: late.name, data: late.data },
        { name: early.name, data: early.data },
      ]),
    );
    expect(r.files?.map((x) => [x.file, x.status])).toEqual([
      [early.name, 'stored'],
      [late.name, 'stored'],
    ]);
    await client.endAsync();
  });

  it('refuses, with the reason, a file of another mine on this mine’s topic and a truncated file; stores neither', async () => {
    const client = await gateway();
    const other = buildCoalFixture('FZDY', { mineCode: CODE_B, time: '2026-11-22 09:00:00' });
    const r1 = await publishForReport(client, mineA, other.name, other.data);
    expect(r1.files?.[0]).toMatchObject({ status: 'refused', mineCode: CODE_B });
    expect(r1.files?.[0]?.problems[0]).toMatchObject({ field: '煤矿编码' });
    const whole = buildCoalFixture('FZDY', { mineCode: CODE_A, time: '2026-11-22 09:05:00' });
    const cut = Buffer.from(whole.text.slice(0, -2), 'utf8'); // without the closing ||
    const r2 = await publishForReport(client, mineA, whole.name, cut);
    expect(r2.files?.[0]).toMatchObject({ status: 'refused', stored: 0 });
    expect(r2.files?.[0]?.problems.length).toBeGreaterThan(0);
    // A refused file is kept as received, with its problems; none of its records is stored.
    const stored = await queryRows<{ outcome: string; stored: number }>(
      t.deps.db,
      sql`SELECT outcome, stored FROM coal_files WHERE file_name = ${whole.name}`,
    );
    expect(stored).toEqual([{ outcome: 'refused', stored: 0 }]);
    await client.endAsync();
  });

  it('ends the connection of a gateway publishing a file to another mine’s topic, storing nothing', async () => {
    const client = await gateway();
    const before = await files('mqtt');
    const closed = new Promise<void>((r) => client.once('close', () => r()));
    const f = buildCoalFixture('FZDY', { mineCode: CODE_B, time: '2026-11-22 09:00:00' });
    client.publish(`minewatch/${world.b.mines[0]?.id}/coal-files/${f.name}`, f.data, { qos: 1 });
    await closed; // MQTT 3.1.1: an unauthorised publish ends the connection
    expect(await files('mqtt')).toBe(before);
    client.end(true);
  });

  it('takes the files a gateway publishes to an external broker (the local Mosquitto)', async () => {
    const sub = await subscribeExternal(
      topics,
      MOSQUITTO,
      () => undefined,
      `minewatch-coal-test-${engine}-${Date.now()}`,
    );
    const client = await mqtt.connectAsync(MOSQUITTO, { reconnectPeriod: 0 });
    await client.subscribeAsync(`minewatch/${mineA}/reports`, { qos: 0 });
    const f = buildCoalFixture('FZDY', { mineCode: CODE_A, time: '2026-11-22 09:10:00' });
    const r = await publishForReport(client, mineA, f.name, f.data);
    expect(r.files).toEqual([expect.objectContaining({ file: f.name, status: 'stored' })]);
    await client.endAsync();
    await sub.close();
  });
});
