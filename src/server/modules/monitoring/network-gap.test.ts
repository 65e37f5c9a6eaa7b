/**
 * 断网 from the data (issue 20 §2: "a mine whose points all gap together is a 断网 episode"; 《2024年矿山安全
 * 生产工作要点》第41条 断网、断线、平线、缺线), through the engine on both databases. The points are CH4
 * points with the 《煤矿安全规程》 采煤工作面 preset, reporting every 20 s and 断线 after 3 intervals (60 s);
 * a 断网 is at the level of the setting monitoring.faultLevels (橙色 by default).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCh4Points } from '../../../../test/helpers/factories.ts';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { systemGatewayPrincipal } from '../access/principal.ts';
import { queryRows } from '../../platform/db/client.ts';
import { MonitoringEngine } from './monitoring.engine.ts';
import { detectSilence } from './monitoring.jobs.ts';
import { networkEpisodes } from './network-gap.ts';

const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;

describe('networkEpisodes (pure)', () => {
  const point = (firstAt: number, gaps: [number, number][]) => ({
    limitMs: MIN,
    firstAt,
    gaps: gaps.map(([from, to]) => ({ from, to })),
  });

  it('is the common stretch of every point’s silence, from the latest start to the first data back', () => {
    expect(
      networkEpisodes([
        point(0, [[10 * MIN, 20 * MIN]]),
        point(0, [[11 * MIN, 25 * MIN]]),
        point(0, [
          [2 * MIN, 4 * MIN],
          [9 * MIN, 30 * MIN],
        ]),
      ]),
    ).toEqual([{ from: 11 * MIN, to: 20 * MIN }]);
  });

  it('needs every point silent beyond its own limit at one moment (the silence job’s rule)', () => {
    // Overlapping for 30 s, but the second point was silent beyond 60 s only from 11:00 on.
    expect(
      networkEpisodes([
        point(0, [[10 * MIN, 10 * MIN + 90 * S]]),
        point(0, [[10 * MIN + 60 * S, 12 * MIN]]),
      ]),
    ).toEqual([]);
  });

  it('a point before its first reading stops nothing; a point that never reported is left out', () => {
    expect(
      networkEpisodes([
        point(10 * MIN, []),
        point(0, [[5 * MIN, 20 * MIN]]),
        point(Number.POSITIVE_INFINITY, []),
      ]),
    ).toEqual([{ from: 5 * MIN, to: 10 * MIN }]);
    // Time before every point's first reading is no 断网.
    expect(networkEpisodes([point(10 * MIN, []), point(20 * MIN, [])])).toEqual([]);
  });

  it('overlapping silences of a point count once, and none before its first reading', () => {
    expect(
      networkEpisodes([
        point(5 * MIN, [
          [0, 8 * MIN],
          [6 * MIN, 12 * MIN],
          [10 * MIN, 20 * MIN],
        ]),
        point(0, [[7 * MIN, 15 * MIN]]),
      ]),
    ).toEqual([{ from: 7 * MIN, to: 15 * MIN }]);
  });

  it('a stretch still going on ends at Infinity', () => {
    expect(
      networkEpisodes([point(0, [[10 * MIN, Infinity]]), point(0, [[12 * MIN, Infinity]])]),
    ).toEqual([{ from: 12 * MIN, to: Infinity }]);
  });
});

describe.each(engines)('断网 from the data (%s)', (engine) => {
  let t: TestDatabase;
  let monitoring: MonitoringEngine;

  type Reading = { sensor: string; ts: string; value: number };

  /** A mine with three CH4 points, P1–P3. */
  const mineWithPoints = async () => {
    const { mine } = await buildCh4Points(t.deps, ['P1', 'P2', 'P3']);
    const principal = systemGatewayPrincipal('test:gateway', [mine.id]);
    const ingest = async (rs: Reading[], batch = 200) => {
      for (let i = 0; i < rs.length; i += batch) {
        const r = await monitoring.ingest(principal, rs.slice(i, i + batch));
        expect(r.rejected).toEqual([]);
      }
    };
    return { mineId: mine.id, ingest };
  };

  /** A point's readings every 20 s (offset by `offset` ms) in [from, to), as the series says. */
  const readings = (code: string, from: number, to: number, offset = 0): Reading[] => {
    const out: Reading[] = [];
    for (let x = from + offset; x < to; x += 20 * S) {
      out.push({ sensor: code, ts: new Date(x).toISOString(), value: 0.3 });
    }
    return out;
  };
  const byTime = (rs: Reading[]) => [...rs].sort((a, b) => a.ts.localeCompare(b.ts));
  /** A seeded shuffle (mulberry32), so that a failure can be replayed. */
  const shuffled = <T>(xs: T[], seed: number): T[] => {
    let a = seed;
    const rnd = () => {
      a = (a + 0x6d2b79f5) | 0;
      let x = Math.imul(a ^ (a >>> 15), 1 | a);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };

  /** A mine's 断网 alarms (those a later judgement replaced included, with their close reason). */
  const networkAlarms = async (mineId: string) =>
    (
      await queryRows<{
        subject: string;
        level: string;
        from: Date;
        clear: Date | null;
        to: Date | null;
        reason: string | null;
        historic: boolean;
        next: Date | null;
      }>(
        t.database.db,
        sql`SELECT subject, level, triggered_at AS from, clear_since AS clear, closed_at AS to,
              close_reason AS reason, historic, next_call_at AS next
            FROM alarms WHERE mine_id = ${mineId} AND kind = '断网' ORDER BY triggered_at`,
      )
    ).map((a) => ({
      ...a,
      from: new Date(a.from).getTime(),
      clear: a.clear === null ? null : new Date(a.clear).getTime(),
      to: a.to === null ? null : new Date(a.to).getTime(),
    }));

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    monitoring = new MonitoringEngine(t.deps);
  });
  afterAll(async () => {
    monitoring?.close();
    await t?.close();
  });

  /** "09:00": six hours before the clock, so that everything below is history. */
  const nine = () => Math.floor(t.deps.clock().getTime() / HOUR) * HOUR - 6 * HOUR;

  /** Three points reporting 09:00–13:00 (P2 5 s and P3 10 s after P1), all silent 10:00–12:00. */
  const outage = (base: number, silent = ['P1', 'P2', 'P3']) =>
    ['P1', 'P2', 'P3'].flatMap((code, i) =>
      silent.includes(code)
        ? [
            ...readings(code, base, base + HOUR + i * 5 * S + 1, i * 5 * S),
            ...readings(code, base + 3 * HOUR, base + 4 * HOUR, i * 5 * S),
          ]
        : readings(code, base, base + 4 * HOUR, i * 5 * S),
    );

  it('three points all silent 10:00–12:00 are one 断网 of the mine, 10:00:10–12:00, a 历史告警', async () => {
    const { mineId, ingest } = await mineWithPoints();
    const base = nine();
    await ingest(byTime(outage(base)));
    // The last readings before the gap are at 10:00:00, :05 and :10; the first after at 12:00:00.
    expect(await networkAlarms(mineId)).toEqual([
      {
        subject: `mine:${mineId}`,
        level: '橙色',
        from: base + HOUR + 10 * S,
        clear: base + 3 * HOUR,
        to: base + 3 * HOUR,
        reason: '自动解除',
        historic: true,
        next: null,
      },
    ]);
    const [gaps] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM alarms WHERE mine_id = ${mineId} AND kind = '断线'`,
    );
    expect(gaps?.n).toBe(3);
  });

  it('only two of three points silent is no 断网', async () => {
    const { mineId, ingest } = await mineWithPoints();
    await ingest(byTime(outage(nine(), ['P1', 'P2'])));
    expect(await networkAlarms(mineId)).toEqual([]);
  });

  it('a resend that fills one point’s gap shrinks the 断网, and filling it whole withdraws it (补传重判)', async () => {
    const { mineId, ingest } = await mineWithPoints();
    const base = nine();
    await ingest(byTime(outage(base)));
    expect(await networkAlarms(mineId)).toHaveLength(1);
    // P1's readings 10:00:20–10:59:40 arrive late: its gap now starts at 10:59:40.
    const fill = readings('P1', base + HOUR + 20 * S, base + 3 * HOUR);
    await ingest(fill.filter((r) => Date.parse(r.ts) < base + 2 * HOUR));
    expect(
      (await networkAlarms(mineId)).map((a) => [
        a.from - base,
        (a.to ?? Number.NaN) - base,
        a.reason,
      ]),
    ).toEqual([[2 * HOUR - 20 * S, 3 * HOUR, '自动解除']]);
    // The rest of P1's gap: the mine was never silent as a whole.
    await ingest(fill.filter((r) => Date.parse(r.ts) >= base + 2 * HOUR));
    const after = await networkAlarms(mineId);
    expect(after.map((a) => a.reason)).toEqual(['补传重判']);
  });

  it('gives the same 断网 whatever the order the readings arrive in (shuffled, 60 a batch)', async () => {
    for (const seed of [5, 17, 29]) {
      const { mineId, ingest } = await mineWithPoints();
      const base = nine();
      await ingest(shuffled(outage(base), seed), 60);
      await monitoring.runDeferred();
      const standing = (await networkAlarms(mineId)).filter((a) => a.reason !== '补传重判');
      expect(
        standing.map((a) => [
          a.from - base,
          (a.clear ?? Number.NaN) - base,
          (a.to ?? Number.NaN) - base,
          a.historic,
        ]),
        `seed ${seed}`,
      ).toEqual([[HOUR + 10 * S, 3 * HOUR, 3 * HOUR, true]]);
    }
  });

  it('points replayed one file after another: a point that reported through the gap withdraws it', async () => {
    const { mineId, ingest } = await mineWithPoints();
    const base = nine();
    const all = outage(base, ['P1']);
    // P1 alone has reported: its gap is the mine's silence as far as the data goes …
    await ingest(all.filter((r) => r.sensor === 'P1'));
    expect(
      (await networkAlarms(mineId)).map((a) => [a.from - base, (a.to ?? Number.NaN) - base]),
    ).toEqual([[HOUR, 3 * HOUR]]);
    // … until P2 and P3, without a gap, show that the mine was not silent.
    await ingest(all.filter((r) => r.sensor === 'P2'));
    await ingest(all.filter((r) => r.sensor === 'P3'));
    expect((await networkAlarms(mineId)).map((a) => a.reason)).toEqual(['补传重判']);
  });

  it('a live 断网 the silence job opened is closed at the stretch’s end when data returns, not doubled', async () => {
    const { mineId, ingest } = await mineWithPoints();
    const now = t.deps.clock().getTime();
    // The mine reported until ten minutes ago and has been silent since: the silence job opens the 断网.
    await ingest(
      byTime(
        ['P1', 'P2', 'P3'].flatMap((c, i) =>
          readings(c, now - HOUR, now - 10 * MIN + i * 5 * S + 1, i * 5 * S),
        ),
      ),
    );
    await detectSilence(t.deps);
    const [live, ...none] = await networkAlarms(mineId);
    expect(none).toEqual([]);
    expect(live).toMatchObject({ to: null, historic: false });
    expect(live?.next).not.toBeNull();
    // Data returns a minute ago, point by point (P1 first): one 断网, from the last reading before the
    // silence to the first after it.
    for (const [i, c] of ['P1', 'P2', 'P3'].entries()) {
      await ingest(readings(c, now - MIN, now - 15 * S, i * 5 * S));
    }
    expect(await networkAlarms(mineId)).toEqual([
      {
        subject: `mine:${mineId}`,
        level: '橙色',
        from: now - 10 * MIN + 10 * S,
        clear: now - MIN,
        to: now - MIN,
        reason: '自动解除',
        historic: false,
        next: null,
      },
    ]);
    // The silence job finds nothing left to open: no second 断网, no 断线.
    await detectSilence(t.deps);
    expect(await networkAlarms(mineId)).toHaveLength(1);
    const [gaps] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM alarms WHERE mine_id = ${mineId} AND kind = '断线'
            AND closed_at IS NULL AND clear_since IS NULL`,
    );
    expect(gaps?.n).toBe(0);
  });

  it('the platform’s own downtime is nobody’s silence: after a start, silence counts from the start', async () => {
    const { mineId, ingest } = await mineWithPoints();
    const now = t.deps.clock().getTime();
    // The mine reported until ten minutes ago; this process began listening 30 s ago (a restart).
    await ingest(
      byTime(
        ['P1', 'P2', 'P3'].flatMap((c, i) =>
          readings(c, now - HOUR, now - 10 * MIN + i * 5 * S + 1, i * 5 * S),
        ),
      ),
    );
    const started = new Date(now - 30 * S);
    expect((await detectSilence(t.deps, started)).opened).toBe(0);
    expect(await networkAlarms(mineId)).toEqual([]);
    // Still silent k × the interval (3 × 20 s) after the start: then it is the mine's 断网, dated from
    // its last reading.
    t.deps.clock.advance(31 * S);
    expect((await detectSilence(t.deps, started)).opened).toBe(1);
    const [alarm] = await networkAlarms(mineId);
    expect(alarm).toMatchObject({ to: null, historic: false });
    expect(alarm?.from).toBeLessThanOrEqual(now - 10 * MIN + 10 * S);
    expect(alarm?.from).toBeGreaterThan(now - 11 * MIN);
  });
});
