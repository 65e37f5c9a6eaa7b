/**
 * Monthly self-inspection reports: signed by the registered 主要负责人, 零报告 only when no hazard was
 * found that month, one per month, a missing list that turns overdue after the due day (default the 5th of
 * the next month), and escalation of missing reports on the hazard ladder — once per step.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { idNumberFor } from '../../../../test/helpers/factories.ts';
import { buildWorld, login, type World } from '../../../../test/helpers/world.ts';
import { runJobsOnce } from '../../jobs/scheduler.ts';
import { periodBounds } from './self-inspection.service.ts';

describe('report periods', () => {
  it('the report for a month is due on the configured day of the next month', () => {
    expect(periodBounds('2026-10', 5)).toEqual({
      first: '2026-10-01',
      last: '2026-10-31',
      dueOn: '2026-11-05',
    });
    expect(periodBounds('2026-12', 5).dueOn).toBe('2027-01-05');
    expect(periodBounds('2028-02', 1).last).toBe('2028-02-29');
  });
});

describe.each(engines)('monthly self-inspection reports (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let ent = '';
  let viewer = '';

  const file = (payload: object) =>
    app.inject({
      method: 'POST',
      url: '/api/self-inspection-reports',
      headers: { cookie: ent },
      payload,
    });

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    world = await buildWorld(t.deps);
    ({ app } = await createTestApp(t));
    ent = await login(app, world.a.users.enterprise_admin);
    viewer = await login(app, world.a.users.regulator_viewer);
    // The coal mine's 主要负责人.
    const res = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { cookie: ent },
      payload: {
        mineId: world.a.mines[0]?.id,
        name: '王主要',
        roles: ['主要负责人', '矿长'],
        idNumber: idNumberFor('140981'),
      },
    });
    expect(res.statusCode).toBe(201);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('is refused when not signed by the registered 主要负责人, or filed by a regulator', async () => {
    const bad = await file({
      mineId: world.a.mines[0]?.id,
      period: '2026-10',
      zeroReport: false,
      signedBy: '李四',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('signedBy');
    const admin = await login(app, world.a.users.regulator_admin);
    const byRegulator = await app.inject({
      method: 'POST',
      url: '/api/self-inspection-reports',
      headers: { cookie: admin },
      payload: {
        mineId: world.a.mines[0]?.id,
        period: '2026-10',
        zeroReport: true,
        signedBy: '王主要',
      },
    });
    expect(byRegulator.statusCode).toBe(403);
  });

  it('a 零报告 is refused for a month with a hazard; the report counts that month’s hazards', async () => {
    // The world's hazard at mine a was found on 2026-11-01.
    const zero = await file({
      mineId: world.a.mines[0]?.id,
      period: '2026-11',
      zeroReport: true,
      signedBy: '王主要',
    });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().details[0]).toMatchObject({
      path: 'zeroReport',
      message: '本月已发现 1 项重大事故隐患, 不能零报告',
    });
    const ok = await file({
      mineId: world.a.mines[0]?.id,
      period: '2026-11',
      zeroReport: false,
      signedBy: '王主要',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ hazardCount: 1, zeroReport: false });
    expect(
      (
        await file({
          mineId: world.a.mines[0]?.id,
          period: '2026-11',
          zeroReport: false,
          signedBy: '王主要',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await file({
          mineId: world.a.mines[0]?.id,
          period: '2026-12',
          zeroReport: true,
          signedBy: '王主要',
        })
      ).json().details[0].path,
    ).toBe('period');
  });

  it('a month without hazards needs a 零报告, not an empty report', async () => {
    expect(
      (
        await file({
          mineId: world.a.mines[0]?.id,
          period: '2026-10',
          zeroReport: false,
          signedBy: '王主要',
        })
      ).json().details[0].path,
    ).toBe('zeroReport');
    expect(
      (
        await file({
          mineId: world.a.mines[0]?.id,
          period: '2026-10',
          zeroReport: true,
          signedBy: '王主要',
        })
      ).statusCode,
    ).toBe(201);
  });

  it('lists the county’s mines that have not filed, overdue after the due day', async () => {
    const missing = (
      await app.inject({
        method: 'GET',
        url: '/api/self-inspection-reports/missing?period=2026-10',
        headers: { cookie: viewer },
      })
    ).json();
    // County A: a's pond and a2's two mines have not filed for October; a's coal mine has.
    expect(missing.map((m: { mineName: string }) => m.mineName).sort()).toEqual([
      'a2尾矿库',
      'a2煤矿',
      'a尾矿库',
    ]);
    expect(missing[0]).toMatchObject({ dueOn: '2026-11-05', overdue: true });
    const filed = (
      await app.inject({
        method: 'GET',
        url: '/api/self-inspection-reports?period=2026-10',
        headers: { cookie: viewer },
      })
    ).json();
    expect(
      filed.map((r: { mineName: string; zeroReport: boolean }) => [r.mineName, r.zeroReport]),
    ).toEqual([['a煤矿', true]]);
  });

  it('missing reports escalate once per step; the enterprise is told', async () => {
    const first = await runJobsOnce(t.deps);
    // October is due 11-05: 提醒 (11-02), 函告 (11-06) and 通报 (11-20) are due on 11-22 — for each of the
    // 5 mines still missing (a's pond, a2's two, b's two); September/August reports are missing too.
    expect(first.reportEscalations.steps).toBeGreaterThanOrEqual(15);
    expect((await runJobsOnce(t.deps)).reportEscalations.steps).toBe(0);
    const notes = (
      await app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: ent } })
    ).json();
    expect(notes.some((n: { title: string }) => n.title === '月度自查报告函告: a尾矿库')).toBe(
      true,
    );
    expect(notes.some((n: { title: string }) => n.title.includes('a2'))).toBe(false);
  });
});
