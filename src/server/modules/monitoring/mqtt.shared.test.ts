/**
 * The external MQTT mode with a shared group (issue 26 §3, MQTT_SHARED_GROUP): two ingest nodes
 * subscribed in one MQTT 5 shared subscription (`$share/<group>/…`) at the real local Mosquitto split the
 * messages between them — each message reaches exactly one of them. No database: the topic's handler
 * only records what it received.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import { subscribeExternal, topicFilters, type MqttTopic } from './mqtt.ingest.ts';

const MOSQUITTO = process.env.MQTT_TEST_URL ?? 'mqtt://127.0.0.1:1883';

describe('MQTT shared subscription', () => {
  it('MQTT_SHARED_GROUP makes the filters $share/<group>/…; a bad group name is refused', () => {
    const topic: MqttTopic = { name: 'readings', item: false, receive: () => Promise.resolve({}) };
    expect(topicFilters([topic], 'ingest')).toEqual(['$share/ingest/minewatch/+/readings']);
    expect(topicFilters([topic])).toEqual(['minewatch/+/readings']);
    const env = { MQTT_URL: MOSQUITTO, MQTT_CLIENT_ID: 'n1', MINEWATCH_SECRET: 'ab'.repeat(32) };
    expect(loadConfig({ ...env, MQTT_SHARED_GROUP: 'ingest' }).mqttExternal?.sharedGroup).toBe(
      'ingest',
    );
    expect(loadConfig(env).mqttExternal?.sharedGroup).toBeUndefined();
    expect(() => loadConfig({ ...env, MQTT_SHARED_GROUP: 'a/b' })).toThrow(/MQTT_SHARED_GROUP/);
  });

  it('two nodes of one group at the local Mosquitto receive each message once in all', async () => {
    const suffix = randomBytes(4).toString('hex');
    // A topic name of this run alone, so that other tests on the shared broker do not mix in.
    const received: string[][] = [[], []];
    const topicFor = (node: number): MqttTopic => ({
      name: `share-test-${suffix}`,
      item: false,
      receive: (_p, _mine, payload) => {
        received[node]?.push(payload.toString());
        return Promise.resolve({ stored: 1 });
      },
    });
    const ids = [0, 1].map((i) => `minewatch-share-${suffix}-${i}`);
    const subs = await Promise.all(
      [0, 1].map((i) =>
        subscribeExternal([topicFor(i)], MOSQUITTO, () => undefined, ids[i] as string, {
          sharedGroup: `g${suffix}`,
        }),
      ),
    );
    const gateway = await mqtt.connectAsync(MOSQUITTO, { reconnectPeriod: 0 });
    const mine = randomUUID();
    const messages = Array.from({ length: 40 }, (_, i) => `m${i}`);
    for (const m of messages) {
      await gateway.publishAsync(`minewatch/${mine}/share-test-${suffix}`, m, { qos: 1 });
    }
    const deadline = Date.now() + 5000;
    while (received.flat().length < messages.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    // A moment more for a stray second delivery to show.
    await new Promise((r) => setTimeout(r, 300));
    expect(received.flat().sort()).toEqual([...messages].sort());
    // The load is split: each node had a share.
    expect(received[0]?.length).toBeGreaterThan(0);
    expect(received[1]?.length).toBeGreaterThan(0);
    await gateway.endAsync();
    await Promise.all(subs.map((s) => s.close()));
    // Leave no persistent session behind on the shared broker.
    for (const clientId of ids) {
      const cleaner = await mqtt.connectAsync(MOSQUITTO, {
        clientId,
        clean: true,
        reconnectPeriod: 0,
      });
      await cleaner.endAsync();
    }
  });
});
