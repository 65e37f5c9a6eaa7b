/**
 * Risk classes from live data over HTTP, on both engines (issue 7 §1): the reasons name the open
 * hazard and the open lead of the world’s mine and its lapsed survey, the score is their sum, other counties’ mines never
 * appear, and enterprises have no access.
 */
import { like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../../test/helpers/world-app.ts';
import { todayIn } from '../../../../shared/dates.ts';
import { mines } from '../../registry/mine.table.ts';
import { mineScopeCondition } from '../../registry/registry.scope.ts';
import { lapsedDutiesByMine } from './risk.duties.ts';

describe.each(engines)('risk classes (%s)', (engine) => {
  const { ctx } = useWorldApp(engine, (w) => ({
    reg: w.a.users.regulator_admin,
    ent: w.a.users.enterprise_admin,
  }));

  it('scores the county’s mines from live data and explains each score', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/inspections/risk',
      headers: { cookie: ctx.cookies.reg ?? '' },
    });
    expect(res.statusCode).toBe(200);
    const rows = res.json<
      {
        mineId: string;
        score: number;
        className: string;
        reasons: { factor: string; fact: string; points: number }[];
      }[]
    >();
    const coal = rows.find((r) => r.mineId === ctx.world.a.mines[0]?.id);
    expect(coal?.reasons).toContainEqual({ factor: '未销号重大隐患', fact: '1 项', points: 5 });
    expect(coal?.reasons).toContainEqual({ factor: '未办结线索', fact: '1 条', points: 6 });
    expect(coal?.score).toBe(coal?.reasons.reduce((a, r) => a + r.points, 0));
    expect(rows.some((r) => r.mineId === ctx.world.b.mines[0]?.id)).toBe(false);
    // Issue 25: the duties a mine let lapse (a survey out of date, an overdue drill …) count in its
    // score, each register's findings named, 5 points each up to 20 (inspections.riskModel).
    const lapsedOf = async (url: string) => {
      const res = await ctx.app.inject({
        method: 'GET',
        url,
        headers: { cookie: ctx.cookies.reg ?? '' },
      });
      return res.json<{ mineId: string; reason?: string; rule?: string }[]>();
    };
    const surveys = await lapsedOf('/api/surveys/findings');
    const drills = await lapsedOf('/api/emergency/findings');
    expect(surveys.length).toBeGreaterThan(0);
    expect(drills.length).toBeGreaterThan(0);
    const factOf = (mineId: string) =>
      rows
        .find((r) => r.mineId === mineId)
        ?.reasons.find((r) => r.factor === '逾期未履行的法定职责');
    for (const f of surveys) {
      expect(factOf(f.mineId)?.fact).toContain(`隐蔽致灾因素${f.reason}`);
    }
    for (const f of drills) {
      expect(factOf(f.mineId)?.fact).toContain(`${f.rule}逾期`);
    }
    for (const r of rows) {
      const fact = r.reasons.find((x) => x.factor === '逾期未履行的法定职责');
      if (fact) {
        const n = Number(/^(\d+) 项/.exec(fact.fact)?.[1]);
        expect(fact.points).toBe(Math.min(5 * n, 20));
      }
    }
    const ent = await ctx.app.inject({
      method: 'GET',
      url: '/api/inspections/risk',
      headers: { cookie: ctx.cookies.ent ?? '' },
    });
    expect(ent.statusCode).toBe(403);
  });

  it('judges the registers of the scored mines only (a county does not judge the country)', async () => {
    const deps = ctx.t.deps;
    const today = todayIn(deps.clock);
    const every = await lapsedDutiesByMine(deps, today, undefined);
    const county = await lapsedDutiesByMine(
      deps,
      today,
      mineScopeCondition({
        kind: 'region',
        regionCode: ctx.world.a.county,
        prefix: ctx.world.a.county,
      }),
    );
    const inCounty = await deps.db
      .select({ id: mines.id })
      .from(mines)
      .where(like(mines.countyCode, `${ctx.world.a.county}%`));
    const countyMines = new Set(inCounty.map((m) => m.id));
    // The world's other county has lapsed duties too; the county's call leaves them out.
    expect([...every.keys()].some((id) => !countyMines.has(id))).toBe(true);
    expect(county.size).toBeGreaterThan(0);
    expect([...county.keys()].every((id) => countyMines.has(id))).toBe(true);
    for (const [id, duties] of county) {
      expect(duties).toEqual(every.get(id));
    }
  });
});
