/**
 * Enforcement statistics over HTTP, on both engines (issue 7 §5): the county that inspects and finds
 * but does not penalise is flagged (零处罚, 只检查不处罚) per region and per inspector, regions are
 * ranked, and a county's own view shows only itself.
 */
import { describe, expect, it } from 'vitest';
import { engines } from '../../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../../test/helpers/world-app.ts';
import { todayIn } from '../../../../shared/dates.ts';

describe.each(engines)('enforcement statistics (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    badm: w.b.users.regulator_admin,
    sys: w.systemAdmin,
  }));

  it('flags the county that inspects and finds but does not penalise (零处罚, 只检查不处罚)', async () => {
    // County B's only penalty is revoked; thresholds set so its one inspection and one finding count.
    const bPenalty = ctx.world.b.penaltyIds[0] ?? '';
    const revoked = await call('badm', 'PATCH', `/api/penalties/${bPenalty}`, { status: '已撤销' });
    expect(revoked.status).toBe(200);
    const put = await call('sys', 'PUT', '/api/settings/inspections.enforcementFlags', {
      value: { zeroPenaltyMinInspections: 1, inspectOnlyMinFindings: 1 },
      source: 'test',
      verified: false,
      reason: '测试阈值',
    });
    expect(put.status).toBe(200);
    const month = todayIn(ctx.t.deps.clock).slice(0, 7);
    const stats = await call<{
      regions: {
        code: string;
        inspections: number;
        findings: number;
        penalties: number;
        flags: string[];
      }[];
      inspectors: { name: string; flags: string[] }[];
      ranking: { rows: { code: string; rank: number }[] };
      months: { code: string; month: string; penaltyYuan: number }[];
    }>('sys', 'GET', `/api/inspections/stats?region=140000&from=${month}&to=${month}`);
    expect(stats.status).toBe(200);
    const city = (code: string) => stats.body.regions.find((r) => r.code === code);
    // 原平市 (a, a2) lies in 忻州市 140900; 乡宁县 (b) in 临汾市 141000.
    expect(city('141000')).toMatchObject({
      inspections: 1,
      findings: 1,
      penalties: 0,
      flags: ['零处罚', '只检查不处罚'],
    });
    expect(city('140900')?.flags).toEqual([]);
    expect(city('140900')?.penalties).toBe(2);
    expect(stats.body.months.find((m) => m.code === '140900')?.penaltyYuan).toBe(100_000);
    expect(
      stats.body.inspectors.find((i) => i.name === ctx.world.b.users.inspector)?.flags,
    ).toContain('只检查不处罚');
    expect(
      stats.body.inspectors.find((i) => i.name === ctx.world.a.users.inspector)?.flags,
    ).toEqual([]);
    expect(stats.body.ranking.rows.map((r) => r.code)).toEqual(['140900', '141000']);
    // A month without an inspection still lists every city with mines in view, at zero.
    const quiet = await call<{ regions: { code: string; inspections: number; flags: string[] }[] }>(
      'sys',
      'GET',
      '/api/inspections/stats?region=140000&from=2025-01&to=2025-01',
    );
    expect(quiet.body.regions.map((r) => [r.code, r.inspections, r.flags])).toEqual([
      ['140900', 0, []],
      ['141000', 0, []],
    ]);
    // County B's own view shows only itself.
    const own = await call<{ regions: { code: string }[] }>(
      'badm',
      'GET',
      `/api/inspections/stats?from=${month}&to=${month}`,
    );
    expect(own.body.regions.map((r) => r.code)).toEqual(['141029']);
  });
});
