/**
 * The readings store on both engines: new readings, late ones and resends, and the 5-minute statistics
 * (min, max, sum, count — AQ 6201's 最大值、最小值、平均值) kept from exactly what was stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { sqlState } from '../../platform/db/client.ts';
import {
  aggregateStats,
  ensurePartitions,
  insertNewReadings,
  insertReadings,
  readRaw,
  readStats,
  upsertStats,
} from './readings.repository.ts';

const T0 = Date.parse('2026-11-23T08:00:00Z'); // a bucket boundary (multiple of 5 min)
const S = 1000;

describe('aggregateStats', () => {
  it('sums only the stored readings, per sensor and 5-minute bucket', () => {
    const rows = aggregateStats(
      [1, 1, 1, 2, 1],
      [T0, T0 + 10 * S, T0 + 300 * S, T0, T0 + 299 * S],
      [0.3, 0.5, 0.9, 7, 0.1],
      [1, 1, 1, 1, 0],
    );
    expect(rows).toEqual([
      { no: 1, bucket: T0, min: 0.3, max: 0.5, sum: 0.3 + 0.5, count: 2 },
      { no: 1, bucket: T0 + 300 * S, min: 0.9, max: 0.9, sum: 0.9, count: 1 },
      { no: 2, bucket: T0, min: 7, max: 7, sum: 7, count: 1 },
    ]);
  });
});

describe.each(engines)('readings store (%s)', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await ensurePartitions(t.deps.db, [T0], new Set());
  });
  afterAll(async () => t?.close());

  const stats = async () =>
    (await readStats(t.deps.db, 1, new Date(T0), new Date(T0 + 600 * S), 10)).map((r) => ({
      min: Number(r.min),
      max: Number(r.max),
      sum: Math.round(Number(r.sum) * 1e9) / 1e9, // float sums: 0.3 + 0.5 + 0.4 = 1.2000000000000002
      count: Number(r.count),
    }));

  it('stores new readings and their statistics', async () => {
    await t.deps.db.transaction(async (tx) => {
      const nos = [1, 1, 1];
      const times = [T0, T0 + 10 * S, T0 + 20 * S];
      const values = [0.3, 0.5, 0.4];
      await insertNewReadings(tx, nos, times, values).done;
      await upsertStats(tx, aggregateStats(nos, times, values, [1, 1, 1]));
    });
    expect(await stats()).toEqual([{ min: 0.3, max: 0.5, sum: 1.2, count: 3 }]);
  });

  it('a late batch with a resend stores the new reading only and merges it into the bucket', async () => {
    await t.deps.db.transaction(async (tx) => {
      const nos = [1, 1];
      const times = [T0 + 10 * S, T0 + 5 * S]; // the first was stored already
      const values = [0.5, 0.1];
      const stored = await insertReadings(tx, nos, times, values);
      expect([...stored]).toEqual([0, 1]);
      await upsertStats(tx, aggregateStats(nos, times, values, stored));
    });
    expect(await stats()).toEqual([{ min: 0.1, max: 0.5, sum: 1.3, count: 4 }]);
    const raw = await readRaw(t.deps.db, 1, new Date(T0), new Date(T0 + 60 * S), 10);
    expect(raw.map((r) => Number(r.value))).toEqual([0.3, 0.1, 0.5, 0.4]);
  });

  it('a "new" reading that is already stored fails the whole statement (SQLSTATE 23505)', async () => {
    const failure = await t.deps.db
      .transaction((tx) => insertNewReadings(tx, [1, 1], [T0 + 30 * S, T0], [1, 1]).done)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(sqlState(failure)).toBe('23505');
    const raw = await readRaw(t.deps.db, 1, new Date(T0), new Date(T0 + 60 * S), 10);
    expect(raw).toHaveLength(4);
  });
});
