/**
 * The plans' and tasks' routes over HTTP, on both engines (issue 8 §1): who may write and see what (a
 * province plan shows each county unit only the tasks it carries), progress moving a task's state, the
 * 任务分解表 import's row-by-row error report (nothing written) and export, and evidence files on progress
 * (by the reporting unit, typed by content, seen with the task).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import { principalOfUser } from '../../../../test/helpers/world-enforcement.ts';
import { pngBytes } from '../../../../test/helpers/world-plans.ts';
import { loginAll, PASSWORD } from '../../../../test/helpers/world.ts';
import type {
  TaskFileResponse,
  WorkPlanDetailResponse,
  WorkPlanResponse,
  WorkTaskDetailResponse,
  WorkTaskResponse,
} from '../../../shared/action-plans.schemas.ts';
import { createOrganisation, createUser } from '../access/access.service.ts';
import { systemPrincipal } from '../access/principal.ts';

function multipart(filename: string, data: Buffer) {
  const boundary = '----mwprogress';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

describe.each(engines)(
  'work plan routes: plans, tasks, progress, import and evidence (%s)',
  (engine) => {
    const { ctx, call } = useWorldApp(engine, (w) => ({
      adm: w.a.users.regulator_admin,
      ins: w.a.users.inspector,
      badm: w.b.users.regulator_admin,
      bins: w.b.users.inspector,
      ent: w.a.users.enterprise_admin,
    }));
    let unitA: string;
    let unitB: string;

    beforeAll(async () => {
      // A province unit above both counties, and its administrator logged in as `prov`.
      const sys = systemPrincipal('test');
      const province = await createOrganisation(ctx.t.deps, sys, {
        name: '山西省应急管理厅',
        kind: 'regulator',
        regionCode: '140000',
      });
      await createUser(ctx.t.deps, sys, {
        username: 'prov.admin',
        displayName: '省厅',
        password: PASSWORD,
        role: 'regulator_admin',
        organisationId: province.id,
      });
      Object.assign(ctx.cookies, await loginAll(ctx.app, { prov: 'prov.admin' }));
      unitA = (await principalOfUser(ctx.t.deps, ctx.world.a.users.regulator_admin)).organisationId;
      unitB = (await principalOfUser(ctx.t.deps, ctx.world.b.users.regulator_admin)).organisationId;
    });

    let provincePlan = '';

    it('a province plan shows each county unit only the tasks it carries', async () => {
      const plan = await call<WorkPlanResponse>('prov', 'POST', '/api/work-plans', {
        title: '山西省矿山安全生产治本攻坚三年行动',
        fromYear: 2024,
        toYear: 2026,
        source: '安委〔2024〕1号',
      });
      expect(plan.status).toBe(201);
      provincePlan = plan.body.id;
      const task = (number: string, leadUnitId: string, deadline: string) =>
        call<WorkTaskResponse & { details?: { path: string }[] }>(
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
      const county = ctx.world.a.workPlanIds[0] ?? '';
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

      const seenByA = await call<WorkPlanDetailResponse>(
        'ins',
        'GET',
        `/api/work-plans/${provincePlan}`,
      );
      expect(seenByA.body.tasks.map((x) => x.number)).toEqual(['1']);
      const seenByB = await call<WorkPlanDetailResponse>(
        'badm',
        'GET',
        `/api/work-plans/${provincePlan}`,
      );
      expect(seenByB.body.tasks.map((x) => x.number)).toEqual(['2']);
      const all = await call<WorkPlanDetailResponse>(
        'prov',
        'GET',
        `/api/work-plans/${provincePlan}`,
      );
      expect(all.body.tasks.map((x) => x.number)).toEqual(['1', '2']);
      // B's task stays hidden from A, and A's county plan from B.
      const bTask = all.body.tasks.find((x) => x.number === '2')?.id ?? '';
      expect((await call('ins', 'GET', `/api/work-tasks/${bTask}`)).status).toBe(404);
      expect((await call('badm', 'GET', `/api/work-plans/${county}`)).status).toBe(404);
    });

    it('progress moves the task from 未开始 through 进行中 to 已完成', async () => {
      const plan = await call<WorkPlanDetailResponse>(
        'prov',
        'GET',
        `/api/work-plans/${provincePlan}`,
      );
      const id = plan.body.tasks.find((x) => x.number === '1')?.id ?? '';
      expect(plan.body.tasks.find((x) => x.id === id)?.state).toBe('未开始');
      const half = await call<WorkTaskDetailResponse>(
        'ins',
        'POST',
        `/api/work-tasks/${id}/progress`,
        {
          text: '已完成 12 座矿山的评审',
          percent: 50,
        },
      );
      expect(half.body).toMatchObject({ state: '进行中', percent: 50 });
      expect(
        (await call('bins', 'POST', `/api/work-tasks/${id}/progress`, { text: 'x', percent: 100 }))
          .status,
      ).toBe(404);
      const done = await call<WorkTaskDetailResponse>(
        'adm',
        'POST',
        `/api/work-tasks/${id}/progress`,
        {
          text: '全部完成',
          percent: 100,
        },
      );
      expect(done.body.state).toBe('已完成');
    });

    it('imports a 任务分解表 row by row: any bad row refuses the whole file and names row and column', async () => {
      const plan = ctx.world.a.workPlanIds[0] ?? '';
      const upload = (csv: string) => {
        const boundary = '----mwtasks';
        return ctx.app.inject({
          method: 'POST',
          url: `/api/work-plans/${plan}/tasks/import`,
          headers: {
            cookie: ctx.cookies.adm ?? '',
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
      const before = await call<WorkPlanDetailResponse>('adm', 'GET', `/api/work-plans/${plan}`);
      expect(before.body.tasks).toHaveLength(1);
      const good = await upload(
        [
          head,
          '2,淘汰落后工艺,a县应急管理局,a2县应急管理局,2025-12-31,全部淘汰,一次性',
          '3,常态化检查,a县应急管理局,,,,持续推动',
        ].join('\n'),
      );
      expect(good.json()).toEqual({ imported: 2 });
      const exported = await ctx.app.inject({
        method: 'GET',
        url: `/api/work-plans/${plan}/tasks/export?format=csv`,
        headers: { cookie: ctx.cookies.adm ?? '' },
      });
      expect(exported.body).toContain(
        '淘汰落后工艺,a县应急管理局,a2县应急管理局,2025-12-31,全部淘汰,一次性',
      );
      // The 2025 deadline has passed without a report: overdue.
      const after = await call<WorkPlanDetailResponse>('adm', 'GET', `/api/work-plans/${plan}`);
      expect(after.body.tasks.find((x) => x.number === '2')?.overdue).toBe(true);
    });

    it('evidence files on progress: by the reporting unit, typed by content, seen with the task', async () => {
      const taskId = ctx.world.a.workTaskIds[0] ?? '';
      const progressId = ctx.world.a.workTaskProgressIds[0] ?? '';
      const upload = (who: string, name: string, data: Buffer) =>
        ctx.app.inject({
          method: 'POST',
          url: `/api/work-tasks/${taskId}/progress/${progressId}/files`,
          headers: { cookie: ctx.cookies[who] ?? '', ...multipart(name, data).headers },
          payload: multipart(name, data).payload,
        });
      const ok = await upload('adm', '验收照片.png', pngBytes('second'));
      expect(ok.statusCode).toBe(201);
      expect((await upload('adm', 'notes.txt', Buffer.from('plain text'))).statusCode).toBe(415);
      expect((await upload('adm', 'again.png', pngBytes('second'))).statusCode).toBe(409);
      expect((await upload('bins', 'x.png', pngBytes('b'))).statusCode).toBe(404);
      const task = await call<WorkTaskDetailResponse>('ins', 'GET', `/api/work-tasks/${taskId}`);
      const files: TaskFileResponse[] = task.body.progress[0]?.files ?? [];
      expect(files.map((f) => f.fileName)).toEqual(['现场照片.png', '验收照片.png']);
      const id = files[1]?.id ?? '';
      const got = await ctx.app.inject({
        method: 'GET',
        url: `/api/work-tasks/${taskId}/files/${id}`,
        headers: { cookie: ctx.cookies.ins ?? '' },
      });
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toBe('image/png');
      expect(got.rawPayload.equals(pngBytes('second'))).toBe(true);
      expect(
        (
          await ctx.app.inject({
            method: 'GET',
            url: `/api/work-tasks/${taskId}/files/${id}`,
            headers: { cookie: ctx.cookies.bins ?? '' },
          })
        ).statusCode,
      ).toBe(404);
    });
  },
);
