/**
 * @module SQL of readings: monthly partitions on demand, the idempotent batch insert that also keeps the
 * 5-minute statistics (one statement, one round trip), reads for charts, and retention.
 */
import { sql } from 'drizzle-orm';
import {
  copyIn,
  queryRows,
  sqlTimeMs,
  transactionConnection,
  type Db,
} from '../../platform/db/client.ts';

/**
 * Creates the monthly (UTC) partitions the times need. `known` is the caller's cache of months already
 * created (creating twice is harmless); a run of readings in one month costs one comparison each.
 */
export async function ensurePartitions(db: Db, times: ArrayLike<number>, known: Set<string>) {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    if (t >= lo && t < hi) {
      continue;
    }
    const d = new Date(t);
    lo = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    hi = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    const month = new Date(lo).toISOString().slice(0, 10);
    if (!known.has(month)) {
      await db.execute(sql`SELECT monitoring_ensure_partition(${month}::date)`);
      known.add(month);
    }
  }
}

const arrayLiteral = (xs: ArrayLike<number>) => `{${Array.prototype.join.call(xs, ',')}}`;

const STATS_UPSERT = sql`INSERT INTO reading_stats_5m AS s (sensor_no, bucket, min, max, sum, count)`;
const STATS_MERGE = sql`ON CONFLICT (sensor_no, bucket) DO UPDATE SET
  min = least(s.min, excluded.min), max = greatest(s.max, excluded.max),
  sum = s.sum + excluded.sum, count = s.count + excluded.count`;

/**
 * The readings as one relation (sensor_no, ts, value, i). Times are sent as offsets in milliseconds
 * from the earliest when they span less than 24 days (short integers parse and travel faster than
 * 13-digit floats), else as they are.
 */
function inputOf(nos: ArrayLike<number>, times: ArrayLike<number>, values: ArrayLike<number>) {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    min = t < min ? t : min;
    max = t > max ? t : max;
  }
  if (max - min < 2 ** 31) {
    const offsets = new Int32Array(times.length);
    for (let i = 0; i < times.length; i++) {
      offsets[i] = (times[i] as number) - min;
    }
    return sql`SELECT sensor_no, to_timestamp((${min}::float8 + off) / 1000) AS ts, value, ord::int AS i
      FROM unnest(${arrayLiteral(nos)}::int[], ${arrayLiteral(offsets)}::int[], ${arrayLiteral(values)}::float8[])
        WITH ORDINALITY AS t(sensor_no, off, value, ord)`;
  }
  return sql`SELECT sensor_no, to_timestamp(ms / 1000.0) AS ts, value, ord::int AS i
    FROM unnest(${arrayLiteral(nos)}::int[], ${arrayLiteral(times)}::float8[], ${arrayLiteral(values)}::float8[])
      WITH ORDINALITY AS t(sensor_no, ms, value, ord)`;
}

/**
 * Inserts readings known to be new — each later than everything stored for its sensor, no two alike —
 * without a conflict check (PostgreSQL's speculative insertion would double the cost): on PostgreSQL
 * with a binary COPY (no text to parse for times and values), on PGlite with one INSERT. Should another
 * writer have stored one of them after all, the unique key refuses the statement (SQLSTATE 23505) and
 * nothing is written. `sent`: the rows are with the database (the caller may work meanwhile; its
 * further statements queue behind); `done`: stored, or refused with the error.
 */
export function insertNewReadings(
  tx: Db,
  nos: ArrayLike<number>,
  times: ArrayLike<number>,
  values: ArrayLike<number>,
): { sent: Promise<void>; done: Promise<void> } {
  if (nos.length === 0) {
    const none = Promise.resolve();
    return { sent: none, done: none };
  }
  const connection = transactionConnection(tx);
  if (connection) {
    return copyIn(
      connection,
      'COPY readings (sensor_no, ts, value) FROM STDIN (FORMAT binary)',
      binaryReadings(nos, times, values),
    );
  }
  const done = tx
    .execute(
      sql`INSERT INTO readings (sensor_no, ts, value)
        SELECT sensor_no, ts, value FROM (${inputOf(nos, times, values)}) AS input`,
    )
    .then(() => undefined);
  return { sent: done, done };
}

/** Milliseconds from the Unix epoch to PostgreSQL's (2000-01-01 UTC), where binary timestamps count from. */
const PG_EPOCH_MS = 946_684_800_000;
/** One row in PostgreSQL's binary COPY format: field count, then int4, timestamptz and float8 fields. */
const ROW_BYTES = 2 + (4 + 4) + (4 + 8) + (4 + 8);

/**
 * Readings as a binary COPY stream (PostgreSQL documentation, COPY, "Binary Format"): the signature,
 * flags and header extension, one tuple per reading (timestamps as microseconds since 2000-01-01 in
 * two 32-bit halves, exact below 2^53), and the -1 trailer.
 */
export function binaryReadings(
  nos: ArrayLike<number>,
  times: ArrayLike<number>,
  values: ArrayLike<number>,
): Uint8Array {
  const n = nos.length;
  const bytes = new Uint8Array(19 + n * ROW_BYTES + 2);
  const view = new DataView(bytes.buffer);
  bytes.set([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00], 0); // PGCOPY\n\377\r\n\0
  // Flags (int32 0) and header extension length (int32 0) are already zero.
  let o = 19;
  for (let i = 0; i < n; i++) {
    const us = Math.round(((times[i] as number) - PG_EPOCH_MS) * 1000);
    const hi = Math.floor(us / 4_294_967_296);
    view.setInt16(o, 3);
    view.setInt32(o + 2, 4);
    view.setInt32(o + 6, nos[i] as number);
    view.setInt32(o + 10, 8);
    view.setInt32(o + 14, hi);
    view.setUint32(o + 18, us - hi * 4_294_967_296);
    view.setInt32(o + 22, 8);
    view.setFloat64(o + 26, values[i] as number);
    o += ROW_BYTES;
  }
  view.setInt16(o, -1);
  return bytes;
}

/**
 * Inserts readings that may already be stored (late, out of order, resent after an outage), skipping
 * any (sensor, time) already there; returns the index (in the input) of every reading inserted.
 */
export async function insertReadings(
  tx: Db,
  nos: ArrayLike<number>,
  times: ArrayLike<number>,
  values: ArrayLike<number>,
): Promise<Uint8Array> {
  const inserted = new Uint8Array(nos.length);
  if (nos.length === 0) {
    return inserted;
  }
  const rows = await queryRows<{ i: number }>(
    tx,
    sql`WITH input AS (${inputOf(nos, times, values)}), ins AS (
        INSERT INTO readings (sensor_no, ts, value)
        SELECT sensor_no, ts, value FROM input
        ON CONFLICT DO NOTHING
        RETURNING sensor_no, ts
      )
      SELECT min(input.i) AS i FROM ins JOIN input USING (sensor_no, ts) GROUP BY ins.sensor_no, ins.ts`,
  );
  for (const r of rows) {
    inserted[r.i - 1] = 1;
  }
  return inserted;
}

/**
 * Sensors' stored readings, each in its own [from, to] (ms), oldest first: what folds run over. One
 * statement for all of them; by sensor number.
 */
export async function readingsForFolds(
  tx: Db,
  spans: { no: number; from: number; to: number }[],
): Promise<Map<number, { t: number; v: number }[]>> {
  const out = new Map<number, { t: number; v: number }[]>();
  if (spans.length === 0) {
    return out;
  }
  const rows = await queryRows<{ no: number; t: number; v: number }>(
    tx,
    sql`SELECT r.sensor_no AS no, (extract(epoch FROM r.ts) * 1000)::float8 AS t, r.value AS v
        FROM unnest(${arrayLiteral(spans.map((x) => x.no))}::int[],
                    ${arrayLiteral(spans.map((x) => sqlTimeMs(x.from)))}::float8[],
                    ${arrayLiteral(spans.map((x) => sqlTimeMs(x.to)))}::float8[]) AS q(no, f, t)
        JOIN readings r ON r.sensor_no = q.no
          AND r.ts >= to_timestamp(q.f / 1000.0) AND r.ts <= to_timestamp(q.t / 1000.0)
        ORDER BY r.sensor_no, r.ts`,
  );
  for (const r of rows) {
    const list = out.get(r.no) ?? [];
    list.push({ t: Number(r.t), v: Number(r.v) });
    out.set(r.no, list);
  }
  return out;
}

/** One sensor's 5-minute bucket: min, max, sum and count of the readings stored in it. */
export interface StatsRow {
  no: number;
  bucket: number;
  min: number;
  max: number;
  sum: number;
  count: number;
}

const BUCKET_MS = 300_000;

/**
 * The 5-minute statistics of the readings marked in `stored`, per sensor and bucket (date_bin's
 * buckets from 2000-01-01 00:00 UTC, a multiple of five minutes since the epoch).
 */
export function aggregateStats(
  nos: ArrayLike<number>,
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  stored: ArrayLike<number>,
): StatsRow[] {
  const bySensor = new Map<number, Map<number, StatsRow>>();
  const out: StatsRow[] = [];
  for (let i = 0; i < nos.length; i++) {
    if (!stored[i]) {
      continue;
    }
    const no = nos[i] as number;
    const bucket = Math.floor((times[i] as number) / BUCKET_MS) * BUCKET_MS;
    const v = values[i] as number;
    let buckets = bySensor.get(no);
    if (!buckets) {
      buckets = new Map();
      bySensor.set(no, buckets);
    }
    const row = buckets.get(bucket);
    if (row) {
      row.min = v < row.min ? v : row.min;
      row.max = v > row.max ? v : row.max;
      row.sum += v;
      row.count++;
    } else {
      const created = { no, bucket, min: v, max: v, sum: v, count: 1 };
      buckets.set(bucket, created);
      out.push(created);
    }
  }
  return out;
}

/** Folds a group's statistics into reading_stats_5m. */
export async function upsertStats(tx: Db, rows: StatsRow[]): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const col = (f: (r: StatsRow) => number) => arrayLiteral(rows.map(f));
  await tx.execute(
    sql`${STATS_UPSERT}
        SELECT n, to_timestamp(b / 1000.0), mi, ma, su, c
        FROM unnest(${col((r) => r.no)}::int[], ${col((r) => r.bucket)}::float8[], ${col((r) => r.min)}::float8[],
                    ${col((r) => r.max)}::float8[], ${col((r) => r.sum)}::float8[], ${col((r) => r.count)}::int[])
          AS t(n, b, mi, ma, su, c)
        ${STATS_MERGE}`,
  );
}

/** Moves each sensor's newest reading time forward (never back: late resends leave it alone). */
export async function advanceLastSeen(
  tx: Db,
  nos: number[],
  times: number[],
  values: number[],
): Promise<void> {
  if (nos.length === 0) {
    return;
  }
  await tx.execute(
    sql`UPDATE monitoring_sensors s SET last_reading_at = to_timestamp(v.ms / 1000.0), last_value = v.value
        FROM unnest(${arrayLiteral(nos)}::int[], ${arrayLiteral(times)}::float8[], ${arrayLiteral(values)}::float8[]) AS v(no, ms, value)
        WHERE s.no = v.no AND (s.last_reading_at IS NULL OR s.last_reading_at < to_timestamp(v.ms / 1000.0))`,
  );
}

export async function readRaw(db: Db, sensorNo: number, from: Date, to: Date, limit: number) {
  return queryRows<{ ts: Date | string; value: number }>(
    db,
    sql`SELECT ts, value FROM readings WHERE sensor_no = ${sensorNo} AND ts >= ${from.toISOString()}::timestamptz
        AND ts < ${to.toISOString()}::timestamptz ORDER BY ts LIMIT ${limit}`,
  );
}

export async function readStats(db: Db, sensorNo: number, from: Date, to: Date, limit: number) {
  return queryRows<{ bucket: Date | string; min: number; max: number; sum: number; count: number }>(
    db,
    sql`SELECT bucket, min, max, sum, count FROM reading_stats_5m WHERE sensor_no = ${sensorNo}
        AND bucket >= ${from.toISOString()}::timestamptz AND bucket < ${to.toISOString()}::timestamptz
        ORDER BY bucket LIMIT ${limit}`,
  );
}

/**
 * Retention: drops every monthly partition that ends before the raw cutoff, and deletes statistics
 * older than theirs. Returns what went.
 */
export async function applyRetention(
  db: Db,
  rawBefore: Date,
  statsBefore: Date,
): Promise<{ partitionsDropped: string[]; statsDeleted: number }> {
  const parts = await queryRows<{ name: string }>(
    db,
    sql`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'readings' ORDER BY 1`,
  );
  const dropped: string[] = [];
  for (const { name } of parts) {
    const m = /^readings_(\d{4})(\d{2})$/.exec(name);
    if (!m) {
      continue;
    }
    const end = Date.UTC(Number(m[1]), Number(m[2]), 1); // first instant after the month
    if (end <= rawBefore.getTime()) {
      await db.execute(sql.raw(`DROP TABLE IF EXISTS "${name}"`));
      dropped.push(name);
    }
  }
  const rows = await queryRows<{ n: number }>(
    db,
    sql`WITH d AS (DELETE FROM reading_stats_5m WHERE bucket < ${statsBefore.toISOString()}::timestamptz RETURNING 1)
        SELECT count(*)::int AS n FROM d`,
  );
  return { partitionsDropped: dropped, statsDeleted: rows[0]?.n ?? 0 };
}
