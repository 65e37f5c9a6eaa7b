/**
 * Risk classes from live data and the plan preview over HTTP, on both engines: the reasons name the
 * open hazard and the open lead of the world's mine, other counties' mines never appear, the plan
 * stays within capacity, and enterprises have no access.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { loginAll, type World } from '../../../../test/helpers/world.ts';

describe.each(engines)('inspections: risk classes and the plan preview (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let cookies: Record<string, string>;

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    cookies = await loginAll(app, {
      reg: world.a.users.regulator_admin,
      ent: world.a.users.enterprise_admin,
    });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('scores the county’s mines from live data and explains each score', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/inspections/risk',
      headers: { cookie: cookies.reg ?? '' },
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
    const coal = rows.find((r) => r.mineId === world.a.mines[0]?.id);
    expect(coal?.reasons).toContainEqual({ factor: '未销号重大隐患', fact: '1 项', points: 5 });
    expect(coal?.reasons).toContainEqual({ factor: '未办结线索', fact: '1 条', points: 6 });
    expect(coal?.score).toBe(coal?.reasons.reduce((a, r) => a + r.points, 0));
    expect(rows.some((r) => r.mineId === world.b.mines[0]?.id)).toBe(false);
    const ent = await app.inject({
      method: 'GET',
      url: '/api/inspections/risk',
      headers: { cookie: cookies.ent ?? '' },
    });
    expect(ent.statusCode).toBe(403);
  });

  it('previews a plan within capacity and refuses a region outside the jurisdiction', async () => {
    const classes = (
      await app.inject({
        method: 'GET',
        url: '/api/inspections/risk',
        headers: { cookie: cookies.reg ?? '' },
      })
    ).json<{ perYear: number }[]>();
    const wanted = classes.reduce((a, c) => a + c.perYear, 0);
    // Ample capacity (4 inspector-days every month), then room for two visits in the whole year.
    for (const fits of [true, false]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/inspections/plans/preview',
        headers: { cookie: cookies.reg ?? '' },
        payload: {
          capacityPerMonth: Array.from({ length: 12 }, (_, m) => (fits ? 4 : m < 2 ? 2 : 0)),
          unannouncedShare: 0.5,
        },
      });
      expect(res.statusCode).toBe(200);
      const plan = res.json<{
        visits: { mineId: string; kind: string }[];
        load: number[];
        shortfall: unknown[];
      }>();
      plan.load.forEach((l) => expect(l).toBeLessThanOrEqual(fits ? 4 : 2));
      // Ample capacity: every routine visit; two visits' worth: two, and the rest reported.
      expect(plan.visits).toHaveLength(fits ? wanted : 2);
      expect(plan.shortfall.length > 0).toBe(!fits);
      expect(plan.visits.filter((v) => v.kind === '四不两直')).toHaveLength(
        Math.round(plan.visits.length * 0.5),
      );
    }
    const res = await app.inject({
      method: 'POST',
      url: '/api/inspections/plans/preview',
      headers: { cookie: cookies.reg ?? '' },
      payload: { capacityPerMonth: Array.from({ length: 12 }, () => 4) },
    });
    const plan = res.json<{ visits: { mineId: string }[] }>();
    const ids = new Set([...world.a.mines, ...world.a2.mines].map((m) => m.id));
    expect(plan.visits.every((v) => ids.has(v.mineId))).toBe(true);
    const other = await app.inject({
      method: 'POST',
      url: '/api/inspections/plans/preview',
      headers: { cookie: cookies.reg ?? '' },
      payload: { region: world.b.county, capacityPerMonth: Array.from({ length: 12 }, () => 4) },
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().details[0].path).toBe('region');
  });
});
