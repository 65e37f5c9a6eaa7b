/**
 * Hostile input on every ingest path (issue 5: at least 10,000 random and mutated payloads each): the
 * HTTP endpoint in JSON, NDJSON and CSV, and the embedded MQTT broker. The server never crashes; each
 * HTTP batch gets a 2xx report whose counts add up, or a 4xx in the one error shape; each MQTT batch is
 * acknowledged with a report or an error report, and the broker keeps serving.
 */
import type { FastifyInstance } from 'fastify';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import { createWorldDatabase, type TestDatabase } from '../../../../test/helpers/test-database.ts';
import { login, type World } from '../../../../test/helpers/world.ts';
import type { MonitoringRuntime } from './monitoring.runtime.ts';
import { readingsTopic, startEmbeddedBroker, type EmbeddedBroker } from './mqtt.ingest.ts';

const PER_PATH = Number(process.env.FUZZ_PER_PATH ?? 10_000);

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const weird: unknown[] = [
  null,
  true,
  -0,
  1e308,
  -1e308,
  'NaN',
  'Infinity',
  '1e999',
  '',
  ' ',
  '\u0000',
  '𝕄',
  '😀'.repeat(50),
  'x'.repeat(5000),
  [],
  {},
  { $gt: 1 },
  '__proto__',
  '2026-13-45T99:99:99Z',
  '2026-11-22T01:00:00',
  '0x1A',
  '1,5',
  Number.MAX_SAFE_INTEGER + 2,
  -1,
  0,
];

function mutateRecord(r: Record<string, unknown>, rand: () => number): unknown {
  const keys = ['sensor', 'ts', 'value', 'mine', '__proto__', 'constructor', 'extra'];
  const copy: Record<string, unknown> = { ...r };
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) {
    const k = keys[Math.floor(rand() * keys.length)] ?? 'value';
    const roll = rand();
    if (roll < 0.15) {
      delete copy[k];
    } else {
      copy[k] = weird[Math.floor(rand() * weird.length)];
    }
  }
  return rand() < 0.05 ? weird[Math.floor(rand() * weird.length)] : copy;
}

function corrupt(text: string, rand: () => number): string {
  const roll = rand();
  if (roll < 0.2) {
    return text.slice(0, Math.floor(rand() * text.length));
  }
  if (roll < 0.35) {
    const at = Math.floor(rand() * text.length);
    return (
      text.slice(0, at) + String.fromCharCode(Math.floor(rand() * 0xffff)) + text.slice(at + 1)
    );
  }
  if (roll < 0.4) {
    return Array.from({ length: Math.floor(rand() * 200) }, () =>
      String.fromCharCode(Math.floor(rand() * 256)),
    ).join('');
  }
  return text;
}

describe('ingest under hostile input (pglite)', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let monitoring: MonitoringRuntime;
  let world: World;
  let token = '';
  let broker: EmbeddedBroker;
  const base = () => t.deps.clock().getTime();

  function batch(rand: () => number) {
    const n = Math.floor(rand() * 8);
    return Array.from({ length: n }, (_, i) => {
      const good = {
        sensor: `${world.a.key}-CH4`,
        ts: new Date(base() - Math.floor(rand() * 3_600_000) - i).toISOString(),
        value: rand() * 2,
      };
      return rand() < 0.6 ? mutateRecord(good, rand) : good;
    });
  }

  function body(format: 'json' | 'ndjson' | 'csv', rand: () => number): string {
    const records = batch(rand);
    const text =
      format === 'json'
        ? JSON.stringify(rand() < 0.1 ? { readings: records } : records)
        : format === 'ndjson'
          ? records.map((r) => JSON.stringify(r) ?? 'undefined').join('\n')
          : `sensor,ts,value\n${records
              .map((r) => {
                const o = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
                return [o.sensor, o.ts, o.value]
                  .map((v) =>
                    typeof v === 'object' ? JSON.stringify(v) : String(v as string | number),
                  )
                  .join(',');
              })
              .join('\n')}`;
    return corrupt(text, rand);
  }

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase('pglite'));
    ({
      app,
      ctx: { monitoring },
    } = await createTestApp(t));
    const cookie = await login(app, world.a.users.enterprise_admin);
    token = (
      await app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: { cookie },
        payload: { name: 'fuzz', kind: 'gateway', mineIds: [world.a.mines[0]?.id] },
      })
    ).json().token;
    broker = await startEmbeddedBroker(t.deps, [readingsTopic(monitoring.engine)], 0);
  });
  afterAll(async () => {
    await broker?.close();
    await app?.close();
    await t?.close();
  });

  it.each(['json', 'ndjson', 'csv'] as const)(
    `HTTP %s: ${PER_PATH} payloads, each a consistent report or a precise 4xx`,
    async (format) => {
      const rand = rng(format.length * 7919);
      const types = { json: 'application/json', ndjson: 'application/x-ndjson', csv: 'text/csv' };
      const statuses = new Map<number, number>();
      // Made in order (replayable), sent 16 at a time: the engine commits concurrent batches together,
      // as it does for gateways posting at once.
      const payloads = Array.from({ length: PER_PATH }, () => body(format, rand));
      let next = 0;
      const one = async (i: number, payload: string) => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/ingest/readings',
          headers: { authorization: `Bearer ${token}`, 'content-type': types[format] },
          payload,
        });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const label = `#${i} ${payload.slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect(res.statusCode, label).toBeLessThan(500);
        const json = res.json<Record<string, unknown>>();
        if (res.statusCode === 200) {
          const r = json as {
            received: number;
            stored: number;
            duplicates: number;
            rejected: unknown[];
          };
          expect(r.stored + r.duplicates + r.rejected.length, label).toBe(r.received);
        } else {
          expect([400, 413, 415], label).toContain(res.statusCode);
          expect(json, label).toMatchObject({
            code: expect.any(String),
            message: expect.any(String),
            details: expect.any(Array),
          });
        }
      };
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          for (let i = next++; i < PER_PATH; i = next++) {
            await one(i, payloads[i] ?? '');
          }
        }),
      );
      // The mix exercised both outcomes.
      expect(statuses.get(200) ?? 0).toBeGreaterThan(PER_PATH / 10);
      expect((statuses.get(400) ?? 0) + (statuses.get(200) ?? 0)).toBe(PER_PATH);
    },
    240_000,
  );

  it(`MQTT: ${PER_PATH} payloads, each acknowledged with a report, the broker keeps serving`, async () => {
    const rand = rng(4242);
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
      username: 'gateway',
      password: token,
      reconnectPeriod: 0,
    });
    const reports: Record<string, unknown>[] = [];
    client.on('message', (_t, m) =>
      reports.push(JSON.parse(m.toString()) as Record<string, unknown>),
    );
    await client.subscribeAsync(`minewatch/${world.a.mines[0]?.id}/reports`);
    const topic = `minewatch/${world.a.mines[0]?.id}/readings`;
    // Windows of 100 publishes in flight (QoS 1: each is PUBACKed after its commit).
    for (let i = 0; i < PER_PATH; i += 100) {
      const window = Array.from({ length: Math.min(100, PER_PATH - i) }, () => {
        const payload = body(rand() < 0.5 ? 'json' : 'ndjson', rand);
        return rand() < 0.02 ? Buffer.from([0xff, 0xfe, 0x00, 0x80]) : payload;
      });
      const acked = await Promise.race([
        Promise.all(window.map((m) => client.publishAsync(topic, m, { qos: 1 }))).then(() => true),
        new Promise<false>((r) => setTimeout(() => r(false), 30_000)),
      ]);
      expect(acked, `window at #${i}, connected=${client.connected}`).toBe(true);
    }
    // Every publish was PUBACKed; each produced a report (counts add up) or an error report.
    for (let i = 0; i < 100 && reports.length < PER_PATH; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(reports).toHaveLength(PER_PATH);
    for (const r of reports) {
      if ('error' in r) {
        expect(typeof r.error).toBe('string');
      } else {
        const x = r as {
          received: number;
          stored: number;
          duplicates: number;
          rejected: unknown[];
        };
        expect(x.stored + x.duplicates + x.rejected.length).toBe(x.received);
      }
    }
    expect(client.connected).toBe(true);
    await client.endAsync();
  }, 300_000);
});
