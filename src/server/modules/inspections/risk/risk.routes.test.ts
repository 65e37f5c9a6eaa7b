/**
 * Risk classes from live data over HTTP, on both engines (issue 7 §1): the reasons name the open
 * hazard and the open lead of the world's mine, the score is their sum, other counties' mines never
 * appear, and enterprises have no access.
 */
import { describe, expect, it } from 'vitest';
import { engines } from '../../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../../test/helpers/world-app.ts';

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
    const ent = await ctx.app.inject({
      method: 'GET',
      url: '/api/inspections/risk',
      headers: { cookie: ctx.cookies.ent ?? '' },
    });
    expect(ent.statusCode).toBe(403);
  });
});
