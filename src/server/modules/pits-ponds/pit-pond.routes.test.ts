/**
 * Open pits, dumps and tailings ponds over HTTP on both engines (issue 25 §2): an enterprise files
 * records for its own mines only, of the kinds its registry heights and kind call for (西藏第14条; 拉萨
 * 二(五)2, 二(六)1; 要点第11、12条); a 210 m pit owes both slope analyses and radar online (拉萨 二(六)1), which a
 * reporting 雷达形变 point satisfies; a pond's 闭库 goes 闭库设计 → 施工 → 验收 → 公告销号 in order (拉萨 二(六)3),
 * the 销号 by the regulator; another county or enterprise can neither read nor change; findings climb
 * the ladder once per rung.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildMine } from '../../../../test/helpers/factories.ts';
import { runJobs } from '../../../../test/helpers/jobs.ts';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import type {
  PitPondFindingResponse,
  PitPondMineResponse,
  PitPondRecordResponse,
  PondClosureResponse,
} from '../../../shared/pits-ponds.schemas.ts';
import { systemPrincipal } from '../access/principal.ts';
import { createFacility, createSensor } from '../monitoring/sensor.service.ts';

type Problem = { message: string; details: { path: string; message: string }[] };

describe.each(engines)('pits-ponds: slopes, ponds and 闭库 (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    ent: w.a.users.enterprise_admin,
    ent2: w.a2.users.enterprise_admin,
    entB: w.b.users.enterprise_admin,
    ins: w.a.users.inspector,
    insB: w.b.users.inspector,
    viewer: w.a.users.regulator_viewer,
  }));
  const pond = () => ctx.world.a.mines[1]?.id ?? '';
  const record = (mineId: string, over: object = {}) => ({
    mineId,
    kind: '汛后检查',
    recordedOn: '2026-10-15',
    document: '2026年汛后安全检查记录',
    ...over,
  });

  it('an enterprise files a 汛后检查 for its own pond; another enterprise or county may not (400 on mineId)', async () => {
    const res = await call<PitPondRecordResponse>(
      'ent',
      'POST',
      '/api/pits-ponds/records',
      record(pond()),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: '汛后检查', slope: null, mineName: 'a尾矿库' });
    for (const who of ['ent2', 'entB', 'insB']) {
      const other = await call<Problem>(who, 'POST', '/api/pits-ponds/records', record(pond()));
      expect(other.status).toBe(400);
      expect(other.body.details[0]?.path).toBe('mineId');
    }
    expect((await call('viewer', 'POST', '/api/pits-ponds/records', record(pond()))).status).toBe(
      403,
    );
  });

  it('bad input is a precise 400: a slope record without its slope, a record the mine does not owe, a date tomorrow', async () => {
    const noSlope = await call<Problem>(
      'ent',
      'POST',
      '/api/pits-ponds/records',
      record(pond(), { kind: '边坡稳定性分析' }),
    );
    expect(noSlope.status).toBe(400);
    expect(noSlope.body.details[0]?.path).toBe('slope');
    // The world's pond is not a 头顶库: no joint drill is owed (拉萨 二(五)6).
    const notOwed = await call<Problem>(
      'ent',
      'POST',
      '/api/pits-ponds/records',
      record(pond(), { kind: '头顶库联合演练' }),
    );
    expect(notOwed.status).toBe(400);
    expect(notOwed.body.details[0]?.path).toBe('kind');
    const future = await call<Problem>(
      'ent',
      'POST',
      '/api/pits-ponds/records',
      record(pond(), { recordedOn: '2026-11-23' }),
    );
    expect(future.status).toBe(400);
    expect(future.body.details[0]?.path).toBe('recordedOn');
  });

  it('a 210 m pit owes both slope analyses (西藏第14条, 要点第11条) and radar online (拉萨 二(六)1): a reporting 雷达形变 point clears the radar finding', async () => {
    const admin = systemPrincipal('test:pits');
    const pit = await buildMine(ctx.t.deps, {
      enterpriseId: ctx.world.a.enterpriseId,
      countyCode: '140981',
      name: 'a露天矿',
      kind: '金属非金属露天矿山',
      depthM: undefined,
      approvedUndergroundStaff: undefined,
      slopeHeightM: 210,
    });
    const mines = await call<PitPondMineResponse[]>('ent', 'GET', '/api/pits-ponds/mines');
    expect(mines.body.find((m) => m.id === pit.id)?.obligations).toEqual([
      { kind: '边坡稳定性分析', slope: '采场边坡' },
      { kind: '边坡监测分析', slope: '采场边坡' },
    ]);
    const items = async () =>
      (await call<PitPondFindingResponse[]>('ent', 'GET', '/api/pits-ponds/findings')).body
        .filter((f) => f.mineId === pit.id)
        .map((f) => f.item);
    expect(await items()).toEqual([
      '边坡稳定性分析 (采场边坡)',
      '边坡监测分析 (采场边坡)',
      '边坡雷达在线监测 (采场边坡)',
    ]);
    const filed = await call<PitPondRecordResponse>(
      'ent',
      'POST',
      '/api/pits-ponds/records',
      record(pit.id, { kind: '边坡监测分析', slope: '采场边坡', recordedOn: '2026-11-01' }),
    );
    expect(filed.status).toBe(201);
    const facility = await createFacility(ctx.t.deps, admin, {
      mineId: pit.id,
      code: 'a-SLOPE',
      name: '北帮边坡',
      kind: '露天边坡',
    });
    const radar = await createSensor(ctx.t.deps, admin, {
      facilityId: facility.id,
      code: 'a-RADAR',
      name: '北帮边坡雷达',
      quantity: '雷达形变',
    });
    // The point reported an hour ago (as the monitoring engine records each reading).
    await ctx.t.database.db.execute(
      sql`UPDATE monitoring_sensors SET last_reading_at = ${new Date(ctx.t.deps.clock().getTime() - 3600_000).toISOString()}::timestamptz WHERE id = ${radar.id}`,
    );
    expect(await items()).toEqual(['边坡稳定性分析 (采场边坡)']);
  });

  it('闭库 goes in order: 施工 before 设计’s date is a 400, 验收 before 施工 a 409, the 销号 the regulator’s; then it is over', async () => {
    const id = ctx.world.a.pondClosureIds[0] ?? '';
    const step = (who: string, body: object) =>
      call<PondClosureResponse & Problem>(who, 'POST', `/api/pits-ponds/closures/${id}/steps`, {
        document: '文件',
        ...body,
      });
    const early = await step('ent', { step: '闭库验收', on: '2026-09-01' });
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('须先完成闭库施工, 再办理闭库验收');
    const before = await step('ent', { step: '闭库施工', on: '2026-03-31' });
    expect(before.status).toBe(400);
    expect(before.body.details[0]).toMatchObject({
      path: 'on',
      message: '闭库施工日期不能早于闭库设计日期 2026-04-01',
    });
    expect((await step('insB', { step: '闭库施工', on: '2026-08-01' })).status).toBe(404);
    expect((await step('ent2', { step: '闭库施工', on: '2026-08-01' })).status).toBe(404);
    const built = await step('ent', { step: '闭库施工', on: '2026-08-01' });
    expect(built.status).toBe(200);
    expect(built.body).toMatchObject({ nextStep: '闭库验收', nextDueOn: '2027-02-01' });
    expect((await step('ent', { step: '闭库验收', on: '2026-10-10' })).status).toBe(200);
    expect((await step('ent', { step: '公告销号', on: '2026-11-01' })).status).toBe(403);
    const delisted = await step('ins', {
      step: '公告销号',
      on: '2026-11-01',
      document: '原平市人民政府关于a尾矿库销号的公告',
    });
    expect(delisted.status).toBe(200);
    expect(delisted.body).toMatchObject({ delistedOn: '2026-11-01', nextStep: null });
    expect(delisted.body.steps.map((s) => s.step)).toEqual([
      '闭库设计',
      '闭库施工',
      '闭库验收',
      '公告销号',
    ]);
    const over = await step('ins', { step: '公告销号', on: '2026-11-02' });
    expect(over.status).toBe(409);
    // A 销号 pond owes no more records and has no findings.
    const findings = await call<PitPondFindingResponse[]>('ent', 'GET', '/api/pits-ponds/findings');
    expect(findings.body.some((f) => f.mineId === pond())).toBe(false);
    const audit = await call<{ type: string }[]>('ins', 'GET', `/api/audit/pond_closure/${id}`);
    expect(JSON.stringify(audit.body)).toContain('pitsPonds.closure.stepped');
  });

  it('a 闭库 opens only on a pond, once', async () => {
    const coal = await call<Problem>('ent', 'POST', '/api/pits-ponds/closures', {
      mineId: ctx.world.a.mines[0]?.id,
      reason: '停用超过3年',
      openedOn: '2026-10-01',
    });
    expect(coal.status).toBe(400);
    expect(coal.body.details[0]?.path).toBe('mineId');
    const again = await call<Problem>('ent', 'POST', '/api/pits-ponds/closures', {
      mineId: pond(),
      reason: '停用超过3年',
      openedOn: '2026-10-01',
    });
    expect(again.status).toBe(409);
  });

  it('lists and findings stay in jurisdiction', async () => {
    const a = ctx.world.a;
    const listB = await call<PitPondRecordResponse[]>('insB', 'GET', '/api/pits-ponds/records');
    expect(listB.body.some((r) => a.mines.some((m) => m.id === r.mineId))).toBe(false);
    const list2 = await call<PitPondRecordResponse[]>('ent2', 'GET', '/api/pits-ponds/records');
    expect(list2.body.some((r) => r.mineId === pond())).toBe(false);
    const closuresB = await call<PondClosureResponse[]>('insB', 'GET', '/api/pits-ponds/closures');
    expect(closuresB.body.some((c) => c.id === a.pondClosureIds[0])).toBe(false);
    expect(
      (await call('ent2', 'GET', `/api/pits-ponds/closures/${a.pondClosureIds[0]}`)).status,
    ).toBe(404);
    const findingsB = await call<PitPondFindingResponse[]>(
      'insB',
      'GET',
      '/api/pits-ponds/findings',
    );
    expect(findingsB.body.some((f) => f.mineId === ctx.world.b.mines[1]?.id)).toBe(true);
    expect(findingsB.body.some((f) => a.mines.some((m) => m.id === f.mineId))).toBe(false);
  });

  it('findings climb the ladder once per rung (a pond never tested since 2024-12-31 is long past all three)', async () => {
    const first = await runJobs(ctx.t.deps);
    expect(first['pitsPonds.escalateFindings']?.escalated).toBeGreaterThanOrEqual(3);
    expect((await runJobs(ctx.t.deps))['pitsPonds.escalateFindings']?.escalated).toBe(0);
    const notes = await call<{ title: string }[]>('entB', 'GET', '/api/notifications');
    expect(
      notes.body.some((n) => n.title === '未按期报送: b尾矿库 排洪构筑物质量检测 (第1级)'),
    ).toBe(true);
    expect(notes.body.some((n) => n.title.includes('a尾矿库'))).toBe(false);
  });
});
