/**
 * The demo province shows the MT/T 1201 path working (issue 22 §5): after the seed, its uploading coal
 * mines have taken the simulator's files through the real ingest — their points with the mine's own
 * thresholds, people underground per area with leaders marked, 领导带班下井 of the month, the 数据接入 feeds
 * without a refused file; the first mine's 超限 filed in YCBJ with 异常原因 and 处理措施, the second's
 * concealed (a 超限未报异常报警 finding), the third's substation outage, and calibrations everywhere.
 */
import { eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../test/helpers/test-database.ts';
import { HOUR_MS, shanghaiDate } from '../../shared/dates.ts';
import type { Principal } from '../platform/auth/scope.ts';
import { findUserWithOrg } from '../modules/access/access.repository.ts';
import { users } from '../modules/access/access.table.ts';
import { userPrincipal } from '../modules/access/principal.ts';
import * as read from '../modules/coal-upload/coal-read.service.ts';
import { leaderDescents, undergroundNow } from '../modules/coal-upload/coal-positioning.service.ts';
import { mines } from '../modules/registry/mine.table.ts';
import { DEMO_COAL_SEED, demoCoalMines } from './demo-coal-files.ts';
import { lastFileAt } from '../modules/coal-upload/coal-file.repository.ts';
import { startCoalFeed } from '../modules/coal-upload/coal-sim.runner.ts';
import { MonitoringEngine } from '../modules/monitoring/monitoring.engine.ts';
import { queryRows } from '../platform/db/client.ts';

describe.each(engines)('the demo coal mines’ MT/T 1201 uploads (%s)', (engine) => {
  let t: TestDatabase;
  let province: Principal;
  let uploaders: { id: string; coalCode?: string | undefined }[] = [];

  beforeAll(async () => {
    t = await createTestDatabase(engine, 'demo');
    const admin = await findUserWithOrg(t.deps.db, { username: 'sx.admin' });
    if (!admin) {
      throw new Error('no sx.admin');
    }
    province = userPrincipal(admin, null);
    const [duty] = await t.deps.db.select().from(users).where(eq(users.username, 'mine.duty'));
    const all = await t.deps.db.select().from(mines).where(isNotNull(mines.coalCode));
    uploaders = demoCoalMines(
      all.map((m) => ({ ...m, coalCode: m.coalCode ?? undefined })),
      duty?.mineId ?? '',
    );
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('four mines upload: each has its points, with its own thresholds and a minewatch point', async () => {
    expect(uploaders.length).toBe(4);
    for (const m of uploaders) {
      const points = await read.coalPoints(t.deps, province, m.id);
      expect(points.length, m.coalCode ?? '').toBe(7);
      for (const p of points) {
        expect(p.sensorId).not.toBeNull();
        expect(p.mineThresholds?.upperAlarm).toBeGreaterThan(0);
        expect(p.minewatchThresholds).not.toBeNull();
      }
    }
  });

  it('their feeds have the files of every type, none refused', async () => {
    for (const m of uploaders) {
      const feeds = await read.coalFeeds(t.deps, province, m.id, 7);
      expect(feeds.refusedFiles).toEqual([]);
      for (const type of ['CDDY', 'CDSS', 'TJSJ', 'FZSS', 'RYXX', 'RYSS', 'JZSS']) {
        expect(feeds.feeds.find((f) => f.type === type)?.lastFileAt, type).not.toBeNull();
      }
    }
  });

  it('has people underground now, per area within 核定人数, leaders and special workers marked', async () => {
    for (const m of uploaders) {
      const u = await undergroundNow(t.deps, province, m.id);
      expect(u.stale).toBe(false);
      expect(u.total).toBeGreaterThan(15);
      expect(u.leaders).toBeGreaterThanOrEqual(1);
      expect(u.special).toBeGreaterThan(0);
      expect(u.areas.length).toBe(5);
      expect(u.areas.filter((a) => a.overQuota)).toEqual([]);
    }
  });

  it('records the leaders’ descents of the month (领导带班下井)', async () => {
    const month = shanghaiDate(t.deps.clock()).slice(0, 7);
    const r = await leaderDescents(t.deps, province, uploaders[0]?.id ?? '', month);
    expect(r.leaders.length).toBe(4);
    expect(r.leaders.filter((l) => l.days > 0).length).toBe(4);
    expect(r.leaders.some((l) => !l.short)).toBe(true);
  });

  it('shows the filed 超限 with its cause and measures, the concealed one, the outage and calibrations', async () => {
    const [reports, conceals, outage] = uploaders.map((m) => m.id) as [string, string, string];
    const filed = await read.coalAbnormalAlarms(t.deps, province, reports, 1);
    const over = filed.find((a) => a.abnormalType === '001');
    expect(over?.cause).not.toBe('');
    expect(over?.measures).not.toBe('');
    expect(over?.alarmId).not.toBeNull();
    expect(await read.coalAbnormalAlarms(t.deps, province, conceals, 1)).toEqual([]);
    const findings = await read.coalFindings(t.deps, province, conceals, { days: 1 });
    expect(findings.map((f) => f.kind)).toContain('超限未报异常报警');
    const episodes = await read.coalEpisodes(t.deps, province, conceals, 1);
    expect(episodes.map((e) => e.kind)).toContain('本平台超限煤矿未报警');
    for (const m of uploaders) {
      const kinds = (await read.coalEpisodes(t.deps, province, m.id, 1)).map((e) => e.kind);
      expect(kinds, m.coalCode ?? '').toContain('标校');
      const own = await read.coalFindings(t.deps, province, m.id, { days: 1 });
      expect(own.filter((f) => f.kind === '统计值不符' && m.id !== conceals)).toEqual([]);
    }
    const substations = await read.coalSubstations(t.deps, province, outage, 1);
    expect(substations.find((s) => s.code === 'FZ002')?.outages.length).toBeGreaterThan(0);
  });

  it('the live feed catches up from the last stored file to now before its first silence check (no gap to page for)', async () => {
    // Started 8 minutes after the last stored file: it catches those up first, then goes on.
    const ids = uploaders.map((m) => m.id);
    t.deps.clock.now = new Date(((await lastFileAt(t.deps.db, ids, 'CDSS')) ?? 0) + 8 * 60_000);
    const engine = new MonitoringEngine(t.deps);
    const stop = await startCoalFeed(t.deps, engine, {
      mineIds: new Set(uploaders.map((m) => m.id)),
      seed: DEMO_COAL_SEED,
      tickMs: HOUR_MS,
    });
    stop?.();
    engine.close();
    const now = t.deps.clock().getTime();
    const last = await lastFileAt(t.deps.db, ids, 'CDSS');
    expect(now - (last ?? 0)).toBeLessThanOrEqual(30_000);
    // A point of the first mine reads every 10 s over the last hour: no gap a 断线 would see.
    const [point] = await read.coalPoints(t.deps, province, uploaders[0]?.id ?? '');
    const rows = await queryRows<{ gap: number | null; n: number }>(
      t.deps.db,
      sql`SELECT max(gap)::float8 AS gap, count(*)::int AS n FROM (
            SELECT extract(epoch FROM r.ts - lag(r.ts) OVER (ORDER BY r.ts)) AS gap
            FROM readings r JOIN monitoring_sensors s ON s.no = r.sensor_no
            WHERE s.id = ${point?.sensorId ?? ''}
              AND r.ts > ${new Date(now - HOUR_MS).toISOString()}::timestamptz) g`,
    );
    expect(rows[0]?.n).toBeGreaterThan(300); // 360 in an hour
    expect(rows[0]?.gap).toBeLessThanOrEqual(20);
  });
});
