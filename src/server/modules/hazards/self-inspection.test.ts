/**
 * Monthly self-inspection reports: signed by the registered 主要负责人, 零报告 only when no hazard was
 * found that month, one per month, a missing list that turns overdue after the due day (default the 5th of
 * the next month), and escalation of missing reports on the hazard ladder — once per step.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { idNumberFor } from '../../../../test/helpers/factories.ts';
import { login, loginAll, type World } from '../../../../test/helpers/world.ts';
import { runJobs } from '../../../../test/helpers/jobs.ts';
import { periodBounds, periodName } from './self-inspection.service.ts';
import { monthly, parentQuarterly, periodOf, previousPeriods } from './inspection.cadence.ts';
import { queryRows } from '../../platform/db/client.ts';
import { sql } from 'drizzle-orm';

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
    ({ world, ...t } = await createWorldDatabase(engine));
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
    const first = await runJobs(t.deps);
    // October is due 11-05: 提醒 (11-02), 函告 (11-06) and 通报 (11-20) are due on 11-22 — for each of the
    // 5 mines still missing (a's pond, a2's two, b's two); September/August reports are missing too.
    expect(first['hazards.escalateMissingReports']?.steps).toBeGreaterThanOrEqual(15);
    expect((await runJobs(t.deps))['hazards.escalateMissingReports']?.steps).toBe(0);
    const notes = (
      await app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: ent } })
    ).json();
    expect(notes.some((n: { title: string }) => n.title === '月度自查报告函告: a尾矿库')).toBe(
      true,
    );
    // The period as people say it, never its code (2026-10).
    const told = notes.find((n: { title: string }) => n.title === '月度自查报告函告: a尾矿库');
    expect(told?.body).toMatch(/^2026年\d{1,2}月的月度自查报告应于 \d{4}-\d{2}-\d{2} 前提交$/);
    expect(notes.some((n: { title: string }) => n.title.includes('a2'))).toBe(false);
  });
});

describe('quarterly periods (《2024年矿山安全生产工作要点》第19条)', () => {
  it('a quarter runs from its first to its last month; its record is due on the configured day after it', () => {
    expect(periodBounds('2026-Q3', 15)).toEqual({
      first: '2026-07-01',
      last: '2026-09-30',
      dueOn: '2026-10-15',
    });
    expect(periodBounds('2026-Q4', 15).dueOn).toBe('2027-01-15');
    expect(periodName('2026-Q4')).toBe('2026年第四季度');
    expect(periodName('2026-03')).toBe('2026年3月');
    expect(periodOf(parentQuarterly, '2026-11-22')).toBe('2026-Q4');
    expect(previousPeriods(parentQuarterly, '2026-01-10', 2)).toEqual(['2025-Q4', '2025-Q3']);
    expect(previousPeriods(monthly, '2026-01-10', 2)).toEqual(['2025-12', '2025-11']);
  });
});

describe.each(engines)('parent companies’ quarterly inspections (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  const cookies: Record<string, string> = {};
  const file = (who: string, payload: object) =>
    app.inject({
      method: 'POST',
      url: '/api/parent-inspections',
      headers: { cookie: cookies[who] ?? '' },
      payload,
    });
  const missing = async (who: string) =>
    (
      await app.inject({
        method: 'GET',
        url: '/api/parent-inspections/missing?period=2026-Q3',
        headers: { cookie: cookies[who] ?? '' },
      })
    ).json<{ mineName: string; overdue: boolean; dueOn: string }[]>();
  const inspection = {
    period: '2026-Q3',
    inspectedOn: '2026-08-18',
    leader: '集团公司总经理',
    wentUnderground: true,
    zeroReport: true,
  };

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    Object.assign(
      cookies,
      await loginAll(app, {
        ent: world.a.users.enterprise_admin,
        ent2: world.a2.users.enterprise_admin,
        reg: world.a.users.regulator_admin,
        other: world.b.users.regulator_admin,
      }),
    );
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('only mines of enterprises with a registered parent company must have one; overdue after the 15th', async () => {
    // Enterprise a belongs to a集团; a2 (same county) has no parent company.
    const list = await missing('reg');
    expect(list.map((m) => m.mineName).sort()).toEqual(['a尾矿库', 'a煤矿']);
    expect(list.every((m) => m.overdue && m.dueOn === '2026-10-15')).toBe(true);
    expect((await missing('other')).map((m) => m.mineName).sort()).toEqual(['b尾矿库', 'b煤矿']);
    await t.deps.db.execute(
      sql`UPDATE enterprises SET parent_company = NULL WHERE id = ${world.b.enterpriseId}`,
    );
    expect(await missing('other')).toEqual([]);
  });

  it('records the inspection with its date inside the quarter; refuses what does not fit, by field', async () => {
    const coal = world.a.mines[0]?.id;
    const outside = await file('ent', { ...inspection, mineId: coal, inspectedOn: '2026-10-02' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().details[0].path).toBe('inspectedOn');
    const noParent = await file('ent2', { ...inspection, mineId: world.a2.mines[0]?.id });
    expect(noParent.statusCode).toBe(400);
    expect(noParent.json().details[0].path).toBe('mineId');
    expect((await file('reg', { ...inspection, mineId: coal })).statusCode).toBe(403);
    expect((await file('ent', { ...inspection, mineId: world.b.mines[0]?.id })).statusCode).toBe(
      400,
    );
    const ok = await file('ent', { ...inspection, mineId: coal });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      kind: '上级公司季度排查',
      period: '2026-Q3',
      signedBy: '集团公司总经理',
      wentUnderground: true,
      zeroReport: true,
      hazardCount: 0,
    });
    expect((await file('ent', { ...inspection, mineId: coal })).statusCode).toBe(409);
    expect((await missing('reg')).map((m) => m.mineName)).toEqual(['a尾矿库']);
    // The quarterly record is not a monthly report.
    const monthlyList = await app.inject({
      method: 'GET',
      url: '/api/self-inspection-reports',
      headers: { cookie: cookies.reg ?? '' },
    });
    expect(monthlyList.json()).toEqual([]);
  });

  it('a missing quarterly inspection escalates on the ladder once per step', async () => {
    await runJobs(t.deps);
    const steps = await queryRows<{ subject_id: string; step: string }>(
      t.deps.db,
      sql`SELECT subject_id, step FROM escalations WHERE subject_type = 'parent_inspection' ORDER BY id`,
    );
    // Q3 is due 2026-10-15; on 2026-11-22: 提醒 (10-12), 函告 (10-16), 通报 (10-30), 约谈 (11-14) for
    // the pond (the coal mine filed). Q2 (due 07-15) is missing at both mines: all five steps, 曝光 too.
    const [coal, pond] = [world.a.mines[0]?.id ?? '', world.a.mines[1]?.id ?? ''];
    const bySubject = (id: string) => steps.filter((s) => s.subject_id === id).map((s) => s.step);
    expect(bySubject(`${pond}:2026-Q3`)).toEqual(['提醒', '函告', '通报', '约谈']);
    expect(bySubject(`${coal}:2026-Q3`)).toEqual([]);
    for (const mine of [coal, pond]) {
      expect(bySubject(`${mine}:2026-Q2`)).toEqual(['提醒', '函告', '通报', '约谈', '曝光']);
    }
    expect(steps).toHaveLength(14);
    await runJobs(t.deps);
    expect(
      (
        await queryRows<{ n: number }>(
          t.deps.db,
          sql`SELECT count(*)::int AS n FROM escalations WHERE subject_type = 'parent_inspection'`,
        )
      )[0]?.n,
    ).toBe(14);
  });
});
