/**
 * The distributed mode's pure parts: the configuration (PostgreSQL required, roles), the partition of a
 * mine (stable across releases: the subject and the owner depend on it) and the readings message (a
 * resend is the same message, hence a duplicate for JetStream).
 */
import { describe, expect, it } from 'vitest';
import { fnv1a, partitionOf } from './partition.ts';
import { decodeReadings, encodeReadings, MESSAGE_READINGS_MAX } from './readings.message.ts';
import { loadScaleConfig, parseRole, partsOf } from './scale.config.ts';

const pg = 'postgres://postgres@127.0.0.1:5432/mw';

describe('scale configuration', () => {
  it('is off without NATS_URL, so `npm start` needs no NATS', () => {
    expect(loadScaleConfig({})).toBeUndefined();
    expect(parseRole('all', undefined)).toBe('all');
    expect(partsOf('all', undefined)).toEqual({
      jobs: true,
      mqtt: true,
      demo: true,
      workers: false,
    });
  });
  it('says the distributed mode needs PostgreSQL', () => {
    expect(() => loadScaleConfig({ NATS_URL: 'nats://127.0.0.1:4222' })).toThrow(
      /需要 PostgreSQL.*DATABASE_URL/,
    );
  });
  it('reads the stream, the prefix and the partitions (default 16), refusing bad values', () => {
    expect(loadScaleConfig({ NATS_URL: 'nats://n:4222', DATABASE_URL: pg })).toEqual({
      url: 'nats://n:4222',
      stream: 'MINEWATCH_READINGS',
      subjectPrefix: 'minewatch.readings',
      partitions: 16,
      gather: { ms: 250, readings: 100_000 },
    });
    const env = { NATS_URL: 'nats://n:4222', DATABASE_URL: pg };
    expect(loadScaleConfig({ ...env, READINGS_PARTITIONS: '4' })?.partitions).toBe(4);
    expect(() => loadScaleConfig({ ...env, READINGS_PARTITIONS: '0' })).toThrow(
      /READINGS_PARTITIONS/,
    );
    expect(() => loadScaleConfig({ ...env, READINGS_PARTITIONS: '2.5' })).toThrow(/1\.\.1024/);
    expect(() => loadScaleConfig({ ...env, NATS_STREAM: 'a.b' })).toThrow(/NATS_STREAM/);
    expect(loadScaleConfig({ ...env, ENGINE_GATHER_MS: '0' })?.gather.ms).toBe(0);
    expect(() => loadScaleConfig({ ...env, ENGINE_GATHER_MS: '-1' })).toThrow(/ENGINE_GATHER_MS/);
    expect(() => loadScaleConfig({ ...env, NATS_SUBJECT_PREFIX: 'a.*' })).toThrow(/PREFIX/);
  });
  it('refuses a distributed role without NATS, and an unknown role', () => {
    expect(() => parseRole('engine', undefined)).toThrow(/NATS_URL/);
    expect(() => parseRole('worker', undefined)).toThrow(/all\|api\|ingest\|engine/);
    const scale = loadScaleConfig({ NATS_URL: 'nats://n:4222', DATABASE_URL: pg });
    expect(parseRole('engine', scale)).toBe('engine');
    expect(partsOf('engine', scale)).toEqual({
      jobs: false,
      mqtt: false,
      demo: false,
      workers: true,
    });
    expect(partsOf('all', scale).workers).toBe(true);
  });
});

describe('partitions', () => {
  it('hashes with FNV-1a 32 (the published test vectors) — never to change', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
    expect(partitionOf('0b5e2f4c-9d1a-4c1e-8f0a-2d6b7c9e1f30', 16)).toBe(
      fnv1a('0b5e2f4c-9d1a-4c1e-8f0a-2d6b7c9e1f30') % 16,
    );
  });
  it('spreads mine ids over the partitions', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const p = partitionOf(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, 16);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(16);
      seen.add(p);
    }
    expect(seen.size).toBe(16);
  });
});

describe('readings messages', () => {
  const batch = {
    mineId: 'm-1',
    sensorIds: ['s-1', 's-2', 's-1'],
    times: [1000, 1000, 2000],
    values: [0.2, 0.3, 1.25],
  };
  it('round-trip, and the same batch is the same message id (a resend is a duplicate)', () => {
    const [m] = encodeReadings(batch);
    expect(m?.count).toBe(3);
    expect(decodeReadings(m?.data ?? new Uint8Array())).toEqual(batch);
    expect(encodeReadings(structuredClone(batch))[0]?.msgId).toBe(m?.msgId);
    expect(encodeReadings({ ...batch, values: [0.2, 0.3, 1.26] })[0]?.msgId).not.toBe(m?.msgId);
  });
  it('splits a large batch into messages of at most MESSAGE_READINGS_MAX readings', () => {
    const n = MESSAGE_READINGS_MAX * 2 + 1;
    const big = {
      mineId: 'm-1',
      sensorIds: Array.from({ length: n }, (_, i) => `s-${i % 7}`),
      times: Array.from({ length: n }, (_, i) => i),
      values: Array.from({ length: n }, () => 0.5),
    };
    const parts = encodeReadings(big);
    expect(parts.map((p) => p.count)).toEqual([MESSAGE_READINGS_MAX, MESSAGE_READINGS_MAX, 1]);
    expect(parts.flatMap((p) => decodeReadings(p.data).times)).toEqual(big.times);
    expect(new Set(parts.map((p) => p.msgId)).size).toBe(3);
  });
  it('refuses a message that is not readings', () => {
    expect(() => decodeReadings(Buffer.from('{"m":"x","s":[],"i":[0],"t":[]}'))).toThrow();
  });
});
