/**
 * Plans and tasks over HTTP, on both engines (issue 8 §1): who may write and see what (a province plan
 * shows each county unit only the tasks it carries), progress reports moving a task's state, the
 * 任务分解表 import's row-by-row error report (nothing written) and export, and overdue tasks climbing
 * the shared escalation ladder exactly once per step on a controlled clock
 * (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第7条: 函告、通报、约谈).
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, createTestApp } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { principalOfUser } from '../../../../test/helpers/world-enforcement.ts';
import { loginAll, PASSWORD, type World } from '../../../../test/helpers/world.ts';
import { createOrganisation, createUser } from '../access/access.service.ts';
import { systemPrincipal } from '../access/principal.ts';
import { queryRows } from '../../platform/db/client.ts';
import { escalateOverdueTasks } from './task.escalation.ts';

interface Task {
  id: string;
  number: string;
  state: string;
  percent: number;
  overdue: boolean;
}
interface Plan {
  id: string;
  tasks: Task[];
}

describe.each(engines)('plans: tasks, progress, import and escalation (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let c: Record<string, string>;
  let unitA: string;
  let unitB: string;
  const call = callerAs(
    () => app,
    () => c,
  );

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    const sys = systemPrincipal('test');
    const province = await createOrganisation(t.deps, sys, {
      name: '山西省应急管理厅',
      kind: 'regulator',
      regionCode: '140000',
    });
    await createUser(t.deps, sys, {
      username: 'prov.admin',
      displayName: '省厅',
      password: PASSWORD,
      role: 'regulator_admin',
      organisationId: province.id,
    });
    c = await loginAll(app, {
      prov: 'prov.admin',
      adm: world.a.users.regulator_admin,
      ins: world.a.users.inspector,
      badm: world.b.users.regulator_admin,
      bins: world.b.users.inspector,
      ent: world.a.users.enterprise_admin,
    });
    unitA = (await principalOfUser(t.deps, world.a.users.regulator_admin)).organisationId;
    unitB = (await principalOfUser(t.deps, world.b.users.regulator_admin)).organisationId;
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  let provincePlan = '';

  it('a province plan shows each county unit only the tasks it carries', async () => {
    const plan = await call<{ id: string }>('prov', 'POST', '/api/work-plans', {
      title: '山西省矿山安全生产治本攻坚三年行动',
      fromYear: 2024,
      toYear: 2026,
      source: '安委〔2024〕1号',
    });
    expect(plan.status).toBe(201);
    provincePlan = plan.body.id;
    const task = (number: string, leadUnitId: string, deadline: string) =>
      call<Task & { details?: { path: string }[] }>(
        'prov',
        'POST',
        `/api/work-plans/${provincePlan}/tasks`,
        {
          number,
          content: `任务 ${number}`,
          leadUnitId,
          deadline,
          kind: '一次性',
        },
      );
    expect((await task('1', unitA, '2026-11-25')).status).toBe(201);
    expect((await task('2', unitB, '2026-12-31')).status).toBe(201);
    const dup = await task('2', unitB, '2026-12-31');
    expect(dup.body.details?.[0]?.path).toBe('number');
    // A county plan cannot hand a task to another county's unit.
    const county = world.a.workPlanIds[0] ?? '';
    const foreign = await call<{ details: { path: string }[] }>(
      'adm',
      'POST',
      `/api/work-plans/${county}/tasks`,
      {
        number: '7',
        content: 'x',
        leadUnitId: unitB,
        kind: '一次性',
      },
    );
    expect(foreign.body.details[0]?.path).toBe('leadUnitId');
    expect(
      (await call('ins', 'POST', '/api/work-plans', { title: 'x', fromYear: 2024, toYear: 2026 }))
        .status,
    ).toBe(403);
    expect((await call('ent', 'GET', '/api/work-plans')).status).toBe(403);

    const seenByA = await call<Plan>('ins', 'GET', `/api/work-plans/${provincePlan}`);
    expect(seenByA.body.tasks.map((x) => x.number)).toEqual(['1']);
    const seenByB = await call<Plan>('badm', 'GET', `/api/work-plans/${provincePlan}`);
    expect(seenByB.body.tasks.map((x) => x.number)).toEqual(['2']);
    const all = await call<Plan>('prov', 'GET', `/api/work-plans/${provincePlan}`);
    expect(all.body.tasks.map((x) => x.number)).toEqual(['1', '2']);
    // B's task stays hidden from A, and A's county plan from B.
    const bTask = all.body.tasks.find((x) => x.number === '2')?.id ?? '';
    expect((await call('ins', 'GET', `/api/work-tasks/${bTask}`)).status).toBe(404);
    expect((await call('badm', 'GET', `/api/work-plans/${county}`)).status).toBe(404);
  });

  it('progress reports move the task from 未开始 through 进行中 to 已完成', async () => {
    const plan = await call<Plan>('prov', 'GET', `/api/work-plans/${provincePlan}`);
    const id = plan.body.tasks.find((x) => x.number === '1')?.id ?? '';
    expect(plan.body.tasks.find((x) => x.id === id)?.state).toBe('未开始');
    const half = await call<Task>('ins', 'POST', `/api/work-tasks/${id}/reports`, {
      text: '已完成 12 座矿山的评审',
      percent: 50,
    });
    expect(half.body).toMatchObject({ state: '进行中', percent: 50 });
    expect(
      (await call('bins', 'POST', `/api/work-tasks/${id}/reports`, { text: 'x', percent: 100 }))
        .status,
    ).toBe(404);
    const done = await call<Task>('adm', 'POST', `/api/work-tasks/${id}/reports`, {
      text: '全部完成',
      percent: 100,
    });
    expect(done.body.state).toBe('已完成');
  });

  it('imports a 任务分解表 row by row: any bad row refuses the whole file and names row and column', async () => {
    const plan = world.a.workPlanIds[0] ?? '';
    const upload = (csv: string) => {
      const boundary = '----mwtasks';
      return app.inject({
        method: 'POST',
        url: `/api/work-plans/${plan}/tasks/import`,
        headers: {
          cookie: c.adm ?? '',
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="tasks.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
      });
    };
    const head = '序号,任务内容,牵头单位,配合单位,完成时限,工作目标,任务类型';
    const bad = await upload(
      [
        head,
        '2,淘汰落后工艺,a县应急管理局,,2025-12-31,全部淘汰,一次性',
        '3,推进机械化,b县应急管理局,,2025-12-31,,一次性',
        '4,信息化建设,a县应急管理局,,2025-02-30,,一次性',
        '5,常态化检查,a县应急管理局,,,,长期',
        '2,重复序号,a县应急管理局,,,,持续推动',
      ].join('\n'),
    );
    expect(bad.statusCode).toBe(422);
    const details = bad.json<{ details: { row: number; path: string }[] }>().details;
    expect(details.map((d) => [d.row, d.path])).toEqual([
      [3, '牵头单位'],
      [4, '完成时限'],
      [5, '任务类型'],
      [6, '序号'],
    ]);
    const before = await call<Plan>('adm', 'GET', `/api/work-plans/${plan}`);
    expect(before.body.tasks).toHaveLength(1);
    const good = await upload(
      [
        head,
        '2,淘汰落后工艺,a县应急管理局,a2县应急管理局,2025-12-31,全部淘汰,一次性',
        '3,常态化检查,a县应急管理局,,,,持续推动',
      ].join('\n'),
    );
    expect(good.json()).toEqual({ imported: 2 });
    const exported = await app.inject({
      method: 'GET',
      url: `/api/work-plans/${plan}/tasks/export?format=csv`,
      headers: { cookie: c.adm ?? '' },
    });
    expect(exported.body).toContain(
      '淘汰落后工艺,a县应急管理局,a2县应急管理局,2025-12-31,全部淘汰,一次性',
    );
    // The 2025 deadline has passed without a report: overdue.
    const after = await call<Plan>('adm', 'GET', `/api/work-plans/${plan}`);
    expect(after.body.tasks.find((x) => x.number === '2')?.overdue).toBe(true);
  });

  it('overdue tasks climb the shared ladder once per step; finished tasks stop (提醒 −7, 函告 +1, 通报 +15)', async () => {
    // The world's task of county B: deadline 2026-12-31. Clock: 2026-11-22 (before 提醒 on 12-24).
    const bTask = world.b.workTaskIds[0] ?? '';
    const steps = async () =>
      (
        await queryRows<{ step: string }>(
          t.database.db,
          sql`SELECT step FROM escalations WHERE subject_type = 'work_task' AND subject_id = ${bTask} ORDER BY due_on`,
        )
      ).map((r) => r.step);
    await escalateOverdueTasks(t.deps);
    expect(await steps()).toEqual([]);
    t.deps.clock.advance(32 * 86_400_000); // 2026-12-24: 提醒 is due
    await escalateOverdueTasks(t.deps);
    expect(await steps()).toEqual(['提醒']);
    t.deps.clock.advance(9 * 86_400_000); // 2027-01-02: 函告 (deadline + 1) is due too
    await escalateOverdueTasks(t.deps);
    await escalateOverdueTasks(t.deps);
    expect(await steps()).toEqual(['提醒', '函告']);
    const told = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE n.subject_id = ${bTask} AND u.username = ${world.b.users.inspector}`,
    );
    expect(told[0]?.n).toBe(2);
    // The province task 1 was finished (100 %): no step, though its deadline passed long ago.
    const finished = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM escalations e JOIN work_tasks w ON w.id::text = e.subject_id
          WHERE e.subject_type = 'work_task' AND w.percent = 100`,
    );
    expect(finished[0]?.n).toBe(0);
  });
});
