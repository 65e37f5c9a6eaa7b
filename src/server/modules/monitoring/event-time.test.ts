/**
 * Event time (issue 20) through the gateway ingest, on both engines: late, resent and shuffled readings
 * give the alarms the readings say, with the readings' own times; a gap in the data is a 断线 episode
 * (缺线, 《2024年矿山安全生产工作要点》第41条 断网、断线、平线、缺线); old readings raise 历史告警 that call
 * nobody; readings older than the lateness are judged as a stretch of history. Thresholds are the
 * 《煤矿安全规程》 甲烷 采煤工作面 preset: 报警 (黄色) ≥ 1.0, 断电 (红色) ≥ 1.5, 复电 < 1.0; CH4 points report
 * every 20 s and are silent after 3 intervals; an alarm closes after 300 s of normal readings.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { loginAll, type World } from '../../../../test/helpers/world.ts';
import { queryRows } from '../../platform/db/client.ts';
import type { MonitoringRuntime } from './monitoring.runtime.ts';
import { replay } from './replay.service.ts';

const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;

type Reading = { sensor: string; ts: string; value: number };

/** One hour of a CH4 point every 20 s: a red excursion, a yellow one, and ten minutes without data. */
function series(code: string, base: number): Reading[] {
  const out: Reading[] = [];
  for (let t = 0; t < 60 * MIN; t += 20 * S) {
    if (t > 39 * MIN + 40 * S && t < 50 * MIN) {
      continue; // the gap: 39:40 → 50:00
    }
    const value = t >= 10 * MIN && t < 12 * MIN ? 2.0 : t >= 20 * MIN && t < 21 * MIN ? 1.2 : 0.3;
    out.push({ sensor: code, ts: new Date(base + t).toISOString(), value });
  }
  return out;
}

/** The alarms the series must give, whatever the order its readings arrive in (times from its start). */
const expected = [
  // 超限 红色: 2.0 ≥ 1.5 at 10:00; below 复电 1.0 from 12:00; closed by the reading 300 s later.
  { kind: '超限', level: '红色', peak: '红色', from: 10 * MIN, clear: 12 * MIN, to: 17 * MIN },
  // A second, separate excursion: 1.2 ≥ 1.0 at 20:00, normal from 21:00, closed at 26:00.
  { kind: '超限', level: '黄色', peak: '黄色', from: 20 * MIN, clear: 21 * MIN, to: 26 * MIN },
  // 缺线: no reading from 39:40 to 50:00 (more than 3 × 20 s), closed 300 s after data came back.
  {
    kind: '断线',
    level: '黄色',
    peak: '黄色',
    from: 39 * MIN + 40 * S,
    clear: 50 * MIN,
    to: 55 * MIN,
  },
];

/** A seeded shuffle (mulberry32), so that a failure can be replayed. */
function shuffled<T>(xs: T[], seed: number): T[] {
  let a = seed;
  const rnd = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const chunks = <T>(xs: T[], n: number) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

describe.each(engines)('event time (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let monitoring: MonitoringRuntime;
  let world: World;
  let cookies: Record<string, string>;
  let gateway = '';
  let facilityId = '';
  const ids = new Map<string, string>();

  const ingest = async (records: Reading[]) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/ingest/readings',
      headers: { authorization: `Bearer ${gateway}`, 'content-type': 'application/json' },
      payload: JSON.stringify(records),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{
      stored: number;
      duplicates: number;
      rejected: unknown[];
      alarmsOpened: number;
    }>();
  };
  const sensor = async (code: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/monitoring/sensors',
      headers: { cookie: cookies.ent },
      payload: {
        facilityId,
        code,
        name: `${code} 甲烷`,
        quantity: 'CH4',
        preset: '甲烷:采煤工作面',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.set(code, res.json().id);
  };
  /** A sensor's alarms as the readings say (those replaced by a later judgement left out). */
  const alarmsOf = async (code: string, base: number) =>
    (
      await queryRows<{
        kind: string;
        level: string;
        peak: string;
        from: Date;
        clear: Date | null;
        to: Date | null;
        historic: boolean;
        reason: string | null;
        next: Date | null;
      }>(
        t.deps.db,
        sql`SELECT kind, level, peak_level AS peak, triggered_at AS from, clear_since AS clear,
              closed_at AS to, historic, close_reason AS reason, next_call_at AS next
            FROM alarms WHERE sensor_id = ${ids.get(code)}
              AND close_reason IS DISTINCT FROM '补传重判'
            ORDER BY triggered_at, kind`,
      )
    ).map((a) => ({
      kind: a.kind,
      level: a.level,
      peak: a.peak,
      from: new Date(a.from).getTime() - base,
      clear: a.clear === null ? null : new Date(a.clear).getTime() - base,
      to: a.to === null ? null : new Date(a.to).getTime() - base,
      historic: a.historic,
      reason: a.reason,
      next: a.next,
    }));

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    const built = await createTestApp(t);
    app = built.app;
    monitoring = built.ctx.monitoring;
    cookies = await loginAll(app, { ent: world.a.users.enterprise_admin });
    const mineId = world.a.mines[0]?.id ?? '';
    const f = await app.inject({
      method: 'POST',
      url: '/api/monitoring/facilities',
      headers: { cookie: cookies.ent },
      payload: { mineId, code: 'ET-UG', name: '二采区', kind: '井下区域' },
    });
    facilityId = f.json().id;
    const tok = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie: cookies.ent },
      payload: { name: '补传网关', kind: 'gateway', mineIds: [mineId] },
    });
    gateway = tok.json().token;
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('gives the same alarms, with the readings’ times, whatever the arrival order (shuffled property)', async () => {
    const base = Math.floor(t.deps.clock().getTime() / HOUR) * HOUR - 3 * HOUR;
    const orders: [string, (rs: Reading[]) => Reading[][]][] = [
      ['in order, 30 a batch', (rs) => chunks(rs, 30)],
      ['all in one batch', (rs) => [rs]],
      ['newest batch first', (rs) => chunks(rs, 30).reverse()],
      ['live first, the first 40 minutes resent after', (rs) => [rs.slice(120), rs.slice(0, 120)]],
      ...[11, 23, 37, 41].map(
        (seed) =>
          [
            `shuffled (seed ${seed}), 25 a batch`,
            (rs: Reading[]) => chunks(shuffled(rs, seed), 25),
          ] as [string, (rs: Reading[]) => Reading[][]],
      ),
    ];
    for (const [i, [name, arrive]] of orders.entries()) {
      const code = `ET-P${i}`;
      await sensor(code);
      let stored = 0;
      for (const batch of arrive(series(code, base))) {
        // Every reading is taken, the first batch of a sensor just created included.
        const r = await ingest(batch);
        expect(r.rejected, name).toEqual([]);
        stored += r.stored;
      }
      expect(stored, name).toBe(series(code, base).length);
      // The whole series resent, shuffled: every reading is a duplicate — those the engine holds in
      // memory (reading-tail.ts) and the older ones the database answers for — and nothing changes.
      let resent = 0;
      for (const batch of chunks(shuffled(series(code, base), 97 + i), 40)) {
        const r = await ingest(batch);
        expect(r.stored, name).toBe(0);
        resent += r.duplicates;
      }
      expect(resent, name).toBe(stored);
      const got = await alarmsOf(code, base);
      expect(
        got.map(({ kind, level, peak, from, clear, to }) => ({
          kind,
          level,
          peak,
          from,
          clear,
          to,
        })),
        name,
      ).toEqual(expected);
      // Three hours old: 历史告警, recorded with their whole course, calling nobody.
      expect(
        got.every((a) => a.historic && a.next === null && a.reason === '自动解除'),
        name,
      ).toBe(true);
    }
  });

  it('a 超限 during an outage, resent after newer data, is raised at its own time and calls (断电续传)', async () => {
    await sensor('ET-LATE');
    const now = t.deps.clock().getTime();
    const at = (offset: number) => new Date(now + offset).toISOString();
    // The live reading at "10:00" (now − 1 min) is normal …
    await ingest([{ sensor: 'ET-LATE', ts: at(-MIN), value: 0.3 }]);
    // … then 300 readings at 2.0 % stamped 09:50–09:55 arrive (now − 11 min to now − 6 min).
    const backlog = Array.from({ length: 300 }, (_, i) => ({
      sensor: 'ET-LATE',
      ts: at(-11 * MIN + i * S),
      value: 2.0,
    }));
    const res = await ingest(backlog);
    expect(res).toMatchObject({ stored: 300, alarmsOpened: 1 });
    const [a, ...rest] = await alarmsOf('ET-LATE', now);
    expect(rest.filter((x) => x.kind === '超限')).toEqual([]);
    // Red from the first reading of the backlog, clearing from the live reading (0.3 < 复电 1.0).
    expect(a).toMatchObject({
      kind: '超限',
      level: '红色',
      from: -11 * MIN,
      clear: -MIN,
      to: null,
    });
    // Ten minutes old is not history: the alarm is current and its calls are due.
    expect(a?.historic).toBe(false);
    expect(a?.next).not.toBeNull();
  });

  it('old readings raise 历史告警: recorded, never calling anyone, never counted unanswered', async () => {
    await sensor('ET-OLD');
    const now = t.deps.clock().getTime();
    const summary = async () =>
      (
        await app.inject({
          method: 'GET',
          url: '/api/alarms/summary',
          headers: { cookie: cookies.ent },
        })
      ).json<{ open: number; unanswered: number }>();
    const before = await summary();
    const rs = Array.from({ length: 10 }, (_, i) => ({
      sensor: 'ET-OLD',
      ts: new Date(now - 2 * HOUR + i * 20 * S).toISOString(),
      value: 2.0,
    }));
    const res = await ingest(rs);
    expect(res.alarmsOpened).toBe(0);
    const [a] = await alarmsOf('ET-OLD', now);
    expect(a).toMatchObject({ kind: '超限', level: '红色', historic: true, next: null, to: null });
    await monitoring.kick();
    const [calls] = await queryRows<{ n: number }>(
      t.deps.db,
      sql`SELECT count(*)::int AS n FROM alarm_events e JOIN alarms a ON a.id = e.alarm_id
          WHERE a.sensor_id = ${ids.get('ET-OLD')} AND e.type = 'called'`,
    );
    expect(calls?.n).toBe(0);
    // On the dashboard it is open, but nobody is waited for.
    const after = await summary();
    expect(after.open).toBe(before.open + 1);
    expect(after.unanswered).toBe(before.unanswered);
    // Current readings of the same excursion make it current: now it calls.
    await ingest([{ sensor: 'ET-OLD', ts: new Date(now - 10 * S).toISOString(), value: 2.1 }]);
    const [b] = await alarmsOf('ET-OLD', now);
    expect(b).toMatchObject({ kind: '超限', historic: false });
    expect(b?.next).not.toBeNull();
  });

  it('a resend that fills a gap takes back the 缺线 it showed', async () => {
    await sensor('ET-GAP');
    const base = t.deps.clock().getTime() - 2 * HOUR;
    const all = Array.from({ length: 60 }, (_, i) => ({
      sensor: 'ET-GAP',
      ts: new Date(base + i * 20 * S).toISOString(),
      value: 0.3,
    }));
    // Minutes 5 to 15 come last.
    await ingest([...all.slice(0, 15), ...all.slice(45)]);
    expect((await alarmsOf('ET-GAP', base)).map((a) => [a.kind, a.from, a.clear])).toEqual([
      ['断线', 14 * 20 * S, 45 * 20 * S],
    ]);
    await ingest(all.slice(15, 45));
    expect(await alarmsOf('ET-GAP', base)).toEqual([]);
    const [gone] = await queryRows<{ reason: string }>(
      t.deps.db,
      sql`SELECT close_reason AS reason FROM alarms WHERE sensor_id = ${ids.get('ET-GAP')}`,
    );
    expect(gone?.reason).toBe('补传重判');
  });

  it('readings older than the lateness are judged as a stretch of history, apart from the live state', async () => {
    await sensor('ET-HIST');
    const now = t.deps.clock().getTime();
    // Live: the point is in a red 超限 now.
    await ingest([{ sensor: 'ET-HIST', ts: new Date(now - 20 * S).toISOString(), value: 1.8 }]);
    // Three days ago (past the 24-hour lateness): a yellow excursion that is still on when the stretch ends.
    const old = now - 72 * HOUR;
    const stretch = Array.from({ length: 30 }, (_, i) => ({
      sensor: 'ET-HIST',
      ts: new Date(old + i * 20 * S).toISOString(),
      value: i < 10 ? 0.3 : 1.2,
    }));
    const res = await ingest(stretch);
    expect(res.alarmsOpened).toBe(0);
    const got = await alarmsOf('ET-HIST', old);
    expect(got.map((a) => [a.kind, a.level, a.from, a.to, a.reason, a.historic])).toEqual([
      ['超限', '黄色', 10 * 20 * S, 29 * 20 * S, '历史数据截止', true],
      ['超限', '红色', 72 * HOUR - 20 * S, null, null, false],
    ]);
  });

  it('minewatch replay: a file of history in any order gives its alarms, calling nobody, bad lines by index', async () => {
    await sensor('ET-REPLAY');
    const base = Math.floor(t.deps.clock().getTime() / HOUR) * HOUR - 5 * HOUR;
    const lines = shuffled(series('ET-REPLAY', base), 7).map((r) => JSON.stringify(r));
    lines.splice(3, 0, '{"sensor":"ET-REPLAY","ts":"not a time","value":1}');
    const report = await replay(t.deps, {
      mineIds: [world.a.mines[0]?.id ?? ''],
      fileName: 'history.ndjson',
      body: lines.join('\n'),
    });
    expect(report).toMatchObject({ received: 151, stored: 150, duplicates: 0 });
    expect(report.rejected).toEqual([{ index: 3, field: 'ts', message: expect.any(String) }]);
    expect(
      report.alarms.map((a) => [a.sensorCode, a.kind, a.level, Date.parse(a.triggeredAt) - base]),
    ).toEqual(expected.map((e) => ['ET-REPLAY', e.kind, e.level, e.from]));
    const got = await alarmsOf('ET-REPLAY', base);
    expect(got.every((a) => a.historic && a.next === null)).toBe(true);
  });

  it('after retention drops a month, readings of that month are stored again without a restart', async () => {
    await sensor('ET-PART');
    const month = new Date(t.deps.clock().getTime());
    month.setUTCDate(1);
    month.setUTCMonth(month.getUTCMonth() - 1);
    const ts = new Date(month.getTime() + 2 * 86_400_000).toISOString();
    expect((await ingest([{ sensor: 'ET-PART', ts, value: 0.2 }])).stored).toBe(1);
    const [p] = await queryRows<{ name: string }>(
      t.deps.db,
      sql`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          JOIN pg_class parent ON parent.oid = i.inhparent
          WHERE parent.relname = 'readings'
            AND pg_get_expr(c.relpartbound, c.oid) LIKE ${`%${month.toISOString().slice(0, 10)}%`}`,
    );
    expect(p?.name).toBeTruthy();
    await t.deps.db.execute(sql.raw(`DROP TABLE "${p?.name}"`));
    const again = await ingest([
      {
        sensor: 'ET-PART',
        ts: new Date(month.getTime() + 3 * 86_400_000).toISOString(),
        value: 0.2,
      },
    ]);
    expect(again.stored).toBe(1);
  });
});
