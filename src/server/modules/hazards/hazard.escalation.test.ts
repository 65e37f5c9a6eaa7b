/**
 * The deadline ladder on a controlled clock (no sleeps): each step falls due at deadline + offset
 * (提醒 −3, 函告 +1, 通报 +15, 约谈 +30, 曝光 +60 days by default), runs once, survives a restart,
 * catches up after downtime, stops once the rectification is submitted, and tells the right people.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { login, type World } from '../../../../test/helpers/world.ts';
import { runJobs } from '../../../../test/helpers/jobs.ts';
import { queryRows } from '../../platform/db/client.ts';
import { addDays } from '../../../shared/dates.ts';
import { dueSteps } from '../../platform/escalation/escalation.service.ts';
import { systemPrincipal } from '../access/principal.ts';
import { planHazard, submitRectification } from './hazard.service.ts';
import { hazardsSettings } from './hazards.settings.ts';

const ladder = hazardsSettings.escalationLadder.default;
const DAY = 86_400_000;

describe('dueSteps', () => {
  it('a step is due on deadline + offset, not the day before', () => {
    expect(dueSteps('2026-12-20', ladder, '2026-12-16').map((s) => s.step)).toEqual([]);
    expect(dueSteps('2026-12-20', ladder, '2026-12-17').map((s) => s.step)).toEqual(['提醒']);
    expect(dueSteps('2026-12-20', ladder, '2026-12-21').map((s) => s.step)).toEqual([
      '提醒',
      '函告',
    ]);
    expect(dueSteps('2026-12-20', ladder, addDays('2026-12-20', 60)).map((s) => s.step)).toEqual([
      '提醒',
      '函告',
      '通报',
      '约谈',
      '曝光',
    ]);
  });
});

describe.each(engines)('hazard deadline ladder (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  // The loop's roles acting with a system-wide scope, to set the scene without HTTP.
  const admin = { ...systemPrincipal('test:ladder'), role: 'regulator_admin' as const };

  /** The caller's notifications about hazards (missing monthly reports notify too). */
  const hazardNotes = async (cookie: string) =>
    (await app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie } }))
      .json<{ id: string; title: string; subjectType: string; subjectId: string }[]>()
      .filter((n) => n.subjectType === 'hazard');
  const steps = async (hazardId: string) =>
    (
      await queryRows<{ step: string; due_on: string }>(
        t.database.db,
        sql`SELECT step, due_on::text FROM escalations WHERE subject_id = ${hazardId} ORDER BY id`,
      )
    ).map((r) => `${r.step}@${r.due_on}`);

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    // Both world hazards get a 五落实 plan with a deadline of 2026-12-20 (today is 2026-11-22).
    for (const id of [world.a.hazardIds[0], world.b.hazardIds[0]]) {
      await planHazard(t.deps, admin, id ?? '', {
        responsiblePerson: '矿长',
        measures: 'x',
        fundsYuan: 1,
        deadline: '2026-12-20',
        contingencyPlan: 'x',
      });
    }
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('takes nothing until the first step is due, then 提醒 once however often the job runs', async () => {
    t.deps.clock.now = new Date('2026-12-16T01:00:00Z'); // 12-16 in Shanghai, 4 days before
    expect((await runJobs(t.deps))['hazards.escalateOverdue']?.steps).toBe(0);
    t.deps.clock.now = new Date('2026-12-17T01:00:00Z');
    expect((await runJobs(t.deps))['hazards.escalateOverdue']).toEqual({ hazards: 2, steps: 2 });
    expect((await runJobs(t.deps))['hazards.escalateOverdue']?.steps).toBe(0);
    expect(await steps(world.a.hazardIds[0] ?? '')).toEqual(['提醒@2026-12-17']);
  });

  it('the enterprise is told of the 提醒; the regulators are not yet, and nobody in another county', async () => {
    const ent = await login(app, world.a.users.enterprise_admin);
    const mine = await hazardNotes(ent);
    expect(mine.map((n: { title: string }) => n.title)).toEqual([
      `重大事故隐患提醒: ${world.a.mines[0]?.name}`,
    ]);
    const reg = await login(app, world.a.users.regulator_admin);
    expect(await hazardNotes(reg)).toEqual([]);
    const otherEnt = await login(app, world.b.users.enterprise_admin);
    const theirs = await hazardNotes(otherEnt);
    expect(theirs).toHaveLength(1);
    expect(theirs[0]?.subjectId).toBe(world.b.hazardIds[0]);
    // A notification can be marked read by its recipient only.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/notifications/${mine[0]?.id}/read`,
          headers: { cookie: otherEnt },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/notifications/${mine[0]?.id}/read`,
          headers: { cookie: ent },
        })
      ).json(),
    ).toEqual({ id: mine[0]?.id, read: true });
  });

  it('a submitted rectification stops the ladder for that hazard', async () => {
    const entA = { ...admin, role: 'enterprise_admin' as const };
    await submitRectification(t.deps, entA, world.b.hazardIds[0] ?? '', {
      rectificationNote: '已整改',
    });
    t.deps.clock.now = new Date('2026-12-21T01:00:00Z');
    await runJobs(t.deps);
    expect(await steps(world.b.hazardIds[0] ?? '')).toEqual(['提醒@2026-12-17']);
    expect(await steps(world.a.hazardIds[0] ?? '')).toEqual(['提醒@2026-12-17', '函告@2026-12-21']);
  });

  it('函告 tells the county regulators too', async () => {
    const reg = await login(app, world.a.users.regulator_admin);
    const titles = (await hazardNotes(reg)).map((n) => n.title);
    expect(titles).toEqual([`重大事故隐患函告: ${world.a.mines[0]?.name}`]);
    const otherReg = await login(app, world.b.users.regulator_admin);
    expect(await hazardNotes(otherReg)).toEqual([]);
  });

  it('after a restart and 60 days of downtime it catches up on every missed step, once each', async () => {
    // A "restart": new service dependencies over the same database, nothing kept in memory.
    const restarted = {
      ...t.deps,
      clock: () => new Date(new Date('2026-12-20T01:00:00Z').getTime() + 62 * DAY),
    };
    const first = await runJobs(restarted);
    expect(first['hazards.escalateOverdue']?.steps).toBe(3);
    expect((await runJobs(restarted))['hazards.escalateOverdue']).toEqual({ hazards: 0, steps: 0 });
    expect(await steps(world.a.hazardIds[0] ?? '')).toEqual([
      '提醒@2026-12-17',
      '函告@2026-12-21',
      '通报@2027-01-04',
      '约谈@2027-01-19',
      '曝光@2027-02-18',
    ]);
    const detail = (
      await app.inject({
        method: 'GET',
        url: `/api/hazards/${world.a.hazardIds[0]}`,
        headers: { cookie: await login(app, world.a.users.regulator_viewer) },
      })
    ).json();
    expect(
      detail.timeline
        .filter((e: { action: string }) => e.action === 'escalate')
        .map((e: { note: string }) => e.note.split(':')[0]),
    ).toEqual(['提醒', '函告', '通报', '约谈', '曝光']);
  });
});
