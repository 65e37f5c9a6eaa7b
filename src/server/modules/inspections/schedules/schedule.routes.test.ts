/**
 * Yearly inspection schedules over HTTP, on both engines (issue 7 §1): the preview stays within
 * capacity and the caller's jurisdiction; the stored schedule keeps every month within the unit's
 * capacity and gives each visit — every one 四不两直, 《2024年矿山安全生产工作要点》第41条 — a date inside its month;
 * a share of announced visits is refused as input; a planned visit cannot be recorded as announced;
 * regenerating keeps visits already made; mines and other counties never see it.
 */
import { describe, expect, it } from 'vitest';
import { engines } from '../../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../../test/helpers/world-app.ts';
import { loginAll } from '../../../../../test/helpers/world.ts';
import { principalOfUser } from '../../../../../test/helpers/world-enforcement.ts';
import type { ScheduleResponse as Schedule } from '../../../../shared/inspection-schedules.schemas.ts';

describe.each(engines)('inspection schedules (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    adm: w.a.users.regulator_admin,
    ins: w.a.users.inspector,
    badm: w.b.users.regulator_admin,
    ent: w.a.users.enterprise_admin,
  }));

  it('previews a schedule within capacity and refuses a region outside the jurisdiction', async () => {
    const classes = (
      await ctx.app.inject({
        method: 'GET',
        url: '/api/inspections/risk',
        headers: { cookie: ctx.cookies.adm ?? '' },
      })
    ).json<{ perYear: number }[]>();
    const wanted = classes.reduce((a, c) => a + c.perYear, 0);
    // Ample capacity (4 inspector-days every month), then room for two visits in the whole year.
    for (const fits of [true, false]) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/inspection-schedules/preview',
        headers: { cookie: ctx.cookies.adm ?? '' },
        payload: {
          capacityPerMonth: Array.from({ length: 12 }, (_, m) => (fits ? 4 : m < 2 ? 2 : 0)),
        },
      });
      expect(res.statusCode).toBe(200);
      const schedule = res.json<{
        visits: { mineId: string }[];
        load: number[];
        shortfall: unknown[];
      }>();
      schedule.load.forEach((l) => expect(l).toBeLessThanOrEqual(fits ? 4 : 2));
      // Ample capacity: every routine visit; two visits' worth: two, and the rest reported.
      expect(schedule.visits).toHaveLength(fits ? wanted : 2);
      expect(schedule.shortfall.length > 0).toBe(!fits);
    }
    // 第41条 "一律": there is no share of 四不两直 visits to choose.
    const share = await ctx.app.inject({
      method: 'POST',
      url: '/api/inspection-schedules/preview',
      headers: { cookie: ctx.cookies.adm ?? '' },
      payload: { capacityPerMonth: Array.from({ length: 12 }, () => 4), unannouncedShare: 0.3 },
    });
    expect(share.statusCode).toBe(400);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/inspection-schedules/preview',
      headers: { cookie: ctx.cookies.adm ?? '' },
      payload: { capacityPerMonth: Array.from({ length: 12 }, () => 4) },
    });
    const schedule = res.json<{ visits: { mineId: string }[] }>();
    const ids = new Set([...ctx.world.a.mines, ...ctx.world.a2.mines].map((m) => m.id));
    expect(schedule.visits.every((v) => ids.has(v.mineId))).toBe(true);
    const other = await ctx.app.inject({
      method: 'POST',
      url: '/api/inspection-schedules/preview',
      headers: { cookie: ctx.cookies.adm ?? '' },
      payload: {
        region: ctx.world.b.county,
        capacityPerMonth: Array.from({ length: 12 }, () => 4),
      },
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().details[0].path).toBe('region');
  });

  it('stores a schedule within capacity, with 四不两直 dates inside their month, and keeps visits already made', async () => {
    const capacity = [4, 0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4];
    const year = 2027;
    expect(
      (await call('ins', 'POST', '/api/inspection-schedules', { year, capacityPerMonth: capacity }))
        .status,
    ).toBe(403);
    const made = await call<Schedule>('adm', 'POST', '/api/inspection-schedules', {
      year,
      capacityPerMonth: capacity,
      inspectorsPerVisit: 2,
    });
    expect(made.status).toBe(201);
    const perMonth = Array.from(
      { length: 12 },
      (_, m) => made.body.visits.filter((v) => v.month === m + 1).length,
    );
    perMonth.forEach((n, m) => expect(n * 2).toBeLessThanOrEqual(capacity[m] ?? 0));
    expect(perMonth[1]).toBe(0);
    for (const v of made.body.visits) {
      expect(v.plannedOn.slice(0, 7)).toBe(`${year}-${String(v.month).padStart(2, '0')}`);
    }
    // Only the county's own mines are planned.
    const own = new Set(
      ctx.world.a.mines.map((m) => m.id).concat(ctx.world.a2.mines.map((m) => m.id)),
    );
    expect(made.body.visits.every((v) => own.has(v.mineId))).toBe(true);
    const visit = made.body.visits[0];
    const [ins, adm] = [
      await principalOfUser(ctx.t.deps, ctx.world.a.users.inspector),
      await principalOfUser(ctx.t.deps, ctx.world.a.users.regulator_admin),
    ];
    // The visit is recorded on its day: an inspection cannot have happened in the future (issue 21
    // §8), so the clock moves to the planned day and back, with fresh sessions each way.
    const planningClock = ctx.t.deps.clock.now;
    const relogin = async () =>
      Object.assign(ctx.cookies, await loginAll(ctx.app, { ins: ctx.world.a.users.inspector }));
    ctx.t.deps.clock.now = new Date(`${visit?.plannedOn ?? ''}T04:00:00Z`);
    await relogin();
    // A planned visit is 四不两直: it cannot be recorded as announced to the mine.
    const announced = await call<{ details: { path: string }[] }>(
      'ins',
      'POST',
      '/api/inspections',
      {
        mineId: visit?.mineId,
        kind: '常规',
        announced: { reason: '整改复查' },
        inspectedOn: visit?.plannedOn,
        teamUserIds: [ins.userId, adm.userId],
        scheduleVisitId: visit?.id,
      },
    );
    expect(announced.status).toBe(400);
    expect(announced.body.details[0]?.path).toBe('announced.reason');
    const done = await call<{ id: string; unannounced: boolean }>(
      'ins',
      'POST',
      '/api/inspections',
      {
        mineId: visit?.mineId,
        kind: '常规',
        inspectedOn: visit?.plannedOn,
        teamUserIds: [ins.userId, adm.userId],
        scheduleVisitId: visit?.id,
      },
    );
    expect(done.status).toBe(201);
    expect(done.body.unannounced).toBe(true);
    const twice = await call('ins', 'POST', '/api/inspections', {
      mineId: visit?.mineId,
      kind: '常规',
      inspectedOn: visit?.plannedOn,
      teamUserIds: [ins.userId, adm.userId],
      scheduleVisitId: visit?.id,
    });
    expect(twice.status).toBe(400);
    ctx.t.deps.clock.now = planningClock;
    await relogin();
    const again = await call<Schedule>('adm', 'POST', '/api/inspection-schedules', {
      year,
      capacityPerMonth: capacity,
      seed: 99,
    });
    expect(again.body.id).toBe(made.body.id);
    expect(
      again.body.visits.filter((v) => v.inspectionId === done.body.id).map((v) => v.id),
    ).toEqual([visit?.id]);
    // The mines never see the schedule (四不两直 dates included), not even their own county's.
    expect((await call('ent', 'GET', `/api/inspection-schedules/${made.body.id}`)).status).toBe(
      403,
    );
    expect((await call('ent', 'GET', '/api/inspection-schedules')).status).toBe(403);
    // County B's administrator does not see county A's schedule.
    expect((await call('badm', 'GET', `/api/inspection-schedules/${made.body.id}`)).status).toBe(
      404,
    );
    const listed = await call<{ id: string }[]>('badm', 'GET', '/api/inspection-schedules');
    expect(listed.body.some((p) => p.id === made.body.id)).toBe(false);
  });
});
