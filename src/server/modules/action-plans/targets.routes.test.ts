/**
 * The progress board's routes over HTTP, on both engines (issue 8 §2–4): an indicator's trend and
 * drill-down stay inside the caller's jurisdiction; the regional risk grading shows the formula, ranks
 * the regions below, refuses other regions and keeps a finished month once.
 */
import { describe, expect, it } from 'vitest';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import { sql } from 'drizzle-orm';
import type {
  RegionalRiskResponse,
  TargetBoardResponse,
  TargetMinesResponse,
  TargetTrendResponse,
} from '../../../shared/action-plans.schemas.ts';
import { gradeFinishedMonth } from './regional-risk.service.ts';

describe.each(engines)('targets routes: the board and the regional risk (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    adm: w.a.users.regulator_admin,
    ins: w.a.users.inspector,
    bins: w.b.users.inspector,
    ent: w.a.users.enterprise_admin,
    sys: w.systemAdmin,
  }));

  it('trend and drill-down answer only the caller’s mines', async () => {
    const trend = await call<TargetTrendResponse>(
      'ins',
      'GET',
      '/api/targets/qualificationCompliance/trend?months=3&date=2026-11-29',
    );
    expect(trend.status).toBe(200);
    expect(trend.body.points.map((p) => p.date)).toEqual([
      '2026-09-30',
      '2026-10-31',
      '2026-11-29',
    ]);
    const mines = await call<TargetMinesResponse>(
      'ins',
      'GET',
      '/api/targets/qualificationCompliance/mines',
    );
    expect(mines.status).toBe(200);
    expect(mines.body.mines.length).toBeGreaterThan(0);
    expect(mines.body.mines.every((m) => m.countyCode === ctx.world.a.county)).toBe(true);
    // Asking for the other county's region gives the intersection: nothing.
    const other = await call<TargetMinesResponse>(
      'ins',
      'GET',
      `/api/targets/qualificationCompliance/mines?region=${ctx.world.b.county}`,
    );
    expect(other.body.mines).toEqual([]);
    expect((await call('ent', 'GET', '/api/targets/qualificationCompliance/mines')).status).toBe(
      403,
    );
    expect((await call('ins', 'GET', '/api/targets/nonsense/mines')).status).toBe(400);
  });

  it('原平’s board carries its deaths and 二级+ targets (issue 25 §6); the deaths drill-down keeps to the caller’s mines', async () => {
    const [own] = ctx.world.a.mines;
    const [other] = ctx.world.b.mines;
    for (const [mine, at] of [
      [own, '2023-05-01T02:00:00Z'],
      [own, '2026-05-01T02:00:00Z'],
      [other, '2026-05-01T02:00:00Z'],
    ] as const) {
      await ctx.t.database.db.execute(
        sql`INSERT INTO accidents (mine_id, occurred_at, kind, place, deaths, serious_injuries, direct_loss_yuan,
              grade, description, reported_by, reported_label, created_at, updated_at)
            VALUES (${mine?.id}, ${at}::timestamptz, '冒顶片帮', '井下', 1, 0, 0, '一般', '测试',
              gen_random_uuid(), '测试', now(), now())`,
      );
    }
    const board = await call<TargetBoardResponse>('ins', 'GET', '/api/targets?date=2026-10-01');
    expect(board.status).toBe(200);
    const deaths = board.body.indicators.find((i) => i.key === 'deathsChange');
    // One death in 2023 and one in the 12 months to the date: no reduction, the −10 % goal not met.
    expect(deaths).toMatchObject({ numerator: 1, denominator: 1, value: 0 });
    expect(deaths?.targets).toMatchObject([
      { region: '140981', year: 2026, goal: -10, met: false },
    ]);
    const medium = board.body.indicators.find((i) => i.key === 'mediumPondsStandardization2Plus');
    expect(medium?.targets.map((t) => t.goal)).toEqual([100]);
    // 拉萨’s and 吉林’s own targets do not apply to 原平.
    const video = board.body.indicators.find((i) => i.key === 'videoMonitoringShare');
    expect(video?.targets).toEqual([]);
    const mines = await call<TargetMinesResponse>(
      'ins',
      'GET',
      '/api/targets/deathsChange/mines?date=2026-10-01',
    );
    expect(mines.body.mines.map((m) => m.mineId)).toEqual([own?.id]);
  });

  it('regional risk: the formula and a ranking; other regions refused; a finished month kept once', async () => {
    const own = await call<RegionalRiskResponse>('ins', 'GET', '/api/regional-risk');
    expect(own.status).toBe(200);
    expect(own.body.formula).toBe('K = 平均风险分 × (1 + 高风险矿山占比)');
    expect(own.body.live).toBe(true);
    expect(own.body.regions).toHaveLength(1);
    expect(own.body.regions[0]).toMatchObject({ regionCode: ctx.world.a.county, rank: 1 });
    expect(own.body.regions[0]?.mines).toBeGreaterThan(0);
    // The national admin sees provinces; the province 山西 ranks its cities.
    const cities = await call<RegionalRiskResponse>(
      'sys',
      'GET',
      '/api/regional-risk?region=140000',
    );
    expect(cities.body.regions.map((r) => r.regionCode).sort()).toEqual(['140900', '141000']);
    const [first, second] = cities.body.regions;
    expect(first?.rank).toBe(1);
    expect(first?.coefficient ?? 0).toBeGreaterThanOrEqual(second?.coefficient ?? 0);
    expect(
      (await call('ins', 'GET', `/api/regional-risk?region=${ctx.world.b.county}`)).status,
    ).toBe(403);
    expect((await call('ins', 'GET', '/api/regional-risk?month=2099-01')).status).toBe(400);
    expect((await call('ent', 'GET', '/api/regional-risk')).status).toBe(403);
    // The scheduler grades the month just over on its first run in the next month, then never again.
    const novemberFirst = { ...ctx.t.deps, clock: () => new Date('2026-11-01T02:00:00Z') };
    expect(await gradeFinishedMonth(novemberFirst)).toBeGreaterThan(0);
    expect(await gradeFinishedMonth(novemberFirst)).toBe(0);
    const october = await call<RegionalRiskResponse>(
      'ins',
      'GET',
      '/api/regional-risk?month=2026-10',
    );
    expect(october.body.live).toBe(false);
    expect(october.body.regions.map((r) => r.regionCode)).toEqual([ctx.world.a.county]);
    // A month nobody graded has no ranking (nothing is made up afterwards).
    const september = await call<RegionalRiskResponse>(
      'ins',
      'GET',
      '/api/regional-risk?month=2026-09',
    );
    expect(september.body.regions).toEqual([]);
  });
});
