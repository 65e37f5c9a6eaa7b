/**
 * 应急准备与培训 over HTTP on both engines (issue 25 §3): an enterprise files only for its own mines,
 * another county's regulator can neither read nor write, a 反风演习 only where there is a main fan, the
 * registry's people only, 自救器 30 s (原平第3条) and 逢查必考 pass/fail on an inspection, the compliance tab
 * and the 两单两卡 indicator live, and a drill that brings the register into date ends its finding and
 * stops its ladder.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../../test/helpers/test-database.ts';
import { runJobs } from '../../../../test/helpers/jobs.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import { queryRows } from '../../platform/db/client.ts';
import type {
  EmergencyFindingResponse,
  EmergencyRegisterResponse,
  ExamResponse,
} from '../../../shared/emergency.schemas.ts';

type Err = { details: { path: string }[] };

describe.each(engines)('emergency: drills, rescue, training and 两单两卡 (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    ent: w.a.users.enterprise_admin,
    ent2: w.a2.users.enterprise_admin,
    ins: w.a.users.inspector,
    insB: w.b.users.inspector,
    viewer: w.a.users.regulator_viewer,
  }));
  const coal = () => ctx.world.a.mines[0]?.id ?? '';
  const pond = () => ctx.world.a.mines[1]?.id ?? '';
  const drill = (mineId: string, over: object = {}) => ({
    mineId,
    kind: '紧急撤离和逃生避险',
    drilledOn: '2026-11-20',
    participants: 86,
    findings: '二号避灾路线标识不清',
    ...over,
  });

  it('a mine that never drilled is a finding (西藏第4条, 原平第5条); its enterprise records a drill and the finding is gone', async () => {
    const before = await call<EmergencyFindingResponse[]>('ins', 'GET', '/api/emergency/findings');
    expect(before.body.find((f) => f.mineId === coal() && f.rule === '应急演练')).toMatchObject({
      dueOn: '2024-06-30',
      mineName: 'a煤矿',
    });
    const res = await call<EmergencyRegisterResponse>(
      'ent',
      'POST',
      '/api/emergency/drills',
      drill(coal()),
    );
    expect(res.status).toBe(201);
    expect(res.body.drills[0]).toMatchObject({ participants: 86, kind: '紧急撤离和逃生避险' });
    expect(res.body.findings.map((f) => f.rule)).not.toContain('应急演练');
    const after = await call<EmergencyFindingResponse[]>('ins', 'GET', '/api/emergency/findings');
    expect(after.body.some((f) => f.mineId === coal() && f.rule === '应急演练')).toBe(false);
  });

  it('another enterprise of the county, or another county’s inspector, may not file for it (400 on mineId) nor read it (404)', async () => {
    for (const who of ['ent2', 'insB']) {
      const res = await call<Err>(who, 'POST', '/api/emergency/drills', drill(coal()));
      expect(res.status).toBe(400);
      expect(res.body.details[0]?.path).toBe('mineId');
      expect((await call(who, 'GET', `/api/emergency/register?mineId=${coal()}`)).status).toBe(404);
      const findings = await call<EmergencyFindingResponse[]>(
        who,
        'GET',
        '/api/emergency/findings',
      );
      expect(findings.body.some((f) => f.mineId === coal())).toBe(false);
    }
    const viewer = await call<Err>('viewer', 'POST', '/api/emergency/drills', drill(coal()));
    expect(viewer.status).toBe(403);
  });

  it('a 反风演习 is only for a mine with a main fan: the 尾矿库 is refused on kind; a drill in the future on drilledOn', async () => {
    const pondRes = await call<Err>(
      'ent',
      'POST',
      '/api/emergency/drills',
      drill(pond(), { kind: '反风演习' }),
    );
    expect(pondRes.status).toBe(400);
    expect(pondRes.body.details[0]?.path).toBe('kind');
    const future = await call<Err>(
      'ent',
      'POST',
      '/api/emergency/drills',
      drill(coal(), { drilledOn: '2026-12-01' }),
    );
    expect(future.status).toBe(400);
    expect(future.body.details[0]?.path).toBe('drilledOn');
    const ok = await call<EmergencyRegisterResponse>(
      'ent',
      'POST',
      '/api/emergency/drills',
      drill(coal(), { kind: '反风演习' }),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.findings.map((f) => f.rule)).not.toContain('反风演习');
  });

  it('自救器: each registry person’s time, 30 s passes and 31 s fails (原平第3条); a stranger is a 400 on that row', async () => {
    const person = ctx.world.a.personIds[0] ?? '';
    const stranger = ctx.world.b.personIds[0] ?? '';
    const bad = await call<Err>('ent', 'POST', '/api/emergency/self-rescue', {
      mineId: coal(),
      practisedOn: '2026-11-21',
      results: [
        { personId: person, seconds: 28 },
        { personId: stranger, seconds: 25 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]?.path).toBe('results.1.personId');
    const ok = await call<EmergencyRegisterResponse>('ent', 'POST', '/api/emergency/self-rescue', {
      mineId: coal(),
      practisedOn: '2026-11-21',
      results: [{ personId: person, seconds: 30 }],
    });
    expect(ok.status).toBe(201);
    expect(ok.body.practices[0]?.results[0]).toMatchObject({ seconds: 30, passed: true });
    const slow = await call<EmergencyRegisterResponse>(
      'ent',
      'POST',
      '/api/emergency/self-rescue',
      {
        mineId: coal(),
        practisedOn: '2026-11-22',
        results: [{ personId: person, seconds: 31 }],
      },
    );
    expect(slow.body.practices[0]?.results[0]?.passed).toBe(false);
    expect(slow.body.findings.map((f) => f.rule)).not.toContain('自救器实操');
  });

  it('training hours add up per person; the rescue agreement must not end before it is signed', async () => {
    const person = ctx.world.a.personIds[0] ?? '';
    const t = await call<EmergencyRegisterResponse>('ent', 'POST', '/api/emergency/trainings', {
      mineId: coal(),
      trainedOn: '2026-11-02',
      topic: '应知应会',
      hours: 8,
      personIds: [person],
    });
    expect(t.status).toBe(201);
    expect(t.body.hours.people.find((p) => p.personId === person)?.thisYear).toBe(8);
    const backwards = await call<Err>('ent', 'POST', '/api/emergency/rescue-agreements', {
      mineId: coal(),
      kind: '救护协议',
      teamName: '忻州矿山救护大队',
      signedOn: '2026-01-01',
      validUntil: '2025-12-31',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.details[0]?.path).toBe('validUntil');
    const rescue = await call<EmergencyRegisterResponse>(
      'ent',
      'POST',
      '/api/emergency/rescue-agreements',
      {
        mineId: coal(),
        kind: '救护协议',
        teamName: '忻州矿山救护大队',
        signedOn: '2026-01-01',
        validUntil: '2027-12-31',
      },
    );
    expect(rescue.body.agreements[0]?.inForce).toBe(true);
    expect(rescue.body.findings.map((f) => f.rule)).not.toContain('矿山救护协议');
  });

  it('逢查必考: the inspector records who was examined with score and pass; another county cannot; an enterprise may read its own', async () => {
    const inspection = ctx.world.a.inspectionIds[0] ?? '';
    const body = {
      examinedOn: '2026-11-22',
      results: [
        { personId: ctx.world.a.personIds[0], name: '张工', post: '矿长', score: 92 },
        { name: '李四', post: '凿岩工', score: 60 },
      ],
    };
    expect((await call('insB', 'POST', `/api/inspections/${inspection}/exams`, body)).status).toBe(
      404,
    );
    expect((await call('ent', 'POST', `/api/inspections/${inspection}/exams`, body)).status).toBe(
      403,
    );
    const res = await call<ExamResponse[]>(
      'ins',
      'POST',
      `/api/inspections/${inspection}/exams`,
      body,
    );
    expect(res.status).toBe(201);
    expect(res.body.map((e) => [e.name, e.passed])).toEqual([
      ['张工', true],
      ['李四', false],
    ]);
    expect((await call('insB', 'GET', `/api/inspections/${inspection}/exams`)).status).toBe(404);
    const own = await call<ExamResponse[]>('ent', 'GET', `/api/inspections/${inspection}/exams`);
    expect(own.body.map((e) => e.score)).toEqual([92, 60]);
  });

  it('the compliance tab shows the out-of-date registers; the 两单两卡 indicator counts posts live', async () => {
    const tab = await call<{ findings: { rule: string }[] }>(
      'ins',
      'GET',
      `/api/mines/${pond()}/compliance`,
    );
    expect(tab.body.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['应急预案修订', '应急演练', '矿山救护协议']),
    );
    const share = async () =>
      (
        await call<{ indicator: { numerator: number; denominator: number } }>(
          'ins',
          'GET',
          `/api/targets/postCardsCoverage/mines?region=${ctx.world.a.county}`,
        )
      ).body.indicator;
    const base = await share();
    const card = (post: string, emergencyCardOn: string | null) =>
      call<EmergencyRegisterResponse>('ent', 'POST', '/api/emergency/post-cards', {
        mineId: pond(),
        post,
        riskListOn: '2026-10-01',
        dutyListOn: '2026-10-01',
        operationCardOn: '2026-10-01',
        emergencyCardOn,
      });
    await card('放矿工', '2026-10-01');
    const last = await card('巡坝工', null);
    expect(last.body.postCards.map((c) => [c.post, c.complete])).toEqual([
      ['巡坝工', false],
      ['放矿工', true],
    ]);
    // The pond counted as one post not compiled before; now two posts, one complete.
    expect(await share()).toMatchObject({
      numerator: base.numerator + 1,
      denominator: base.denominator + 1,
    });
  });

  it('the ladder climbs once per rung; a drill that brings the register into date stops it', async () => {
    const mine = ctx.world.a2.mines[0]?.id ?? '';
    // Drilled 2026-05-21: due again 2026-11-21, overdue today (2026-11-22): the first rung only.
    await call('ent2', 'POST', '/api/emergency/drills', drill(mine, { drilledOn: '2026-05-21' }));
    const first = await runJobs(ctx.t.deps);
    expect(first['emergency.escalateFindings']?.escalated).toBeGreaterThan(0);
    expect((await runJobs(ctx.t.deps))['emergency.escalateFindings']?.escalated).toBe(0);
    const titles = async () =>
      (await call<{ title: string }[]>('ent2', 'GET', '/api/notifications')).body.map(
        (n) => n.title,
      );
    expect(await titles()).toContain('应急演练逾期: a2煤矿 (第1级)');
    const fixed = await call<EmergencyRegisterResponse>(
      'ent2',
      'POST',
      '/api/emergency/drills',
      drill(mine, { drilledOn: '2026-11-22' }),
    );
    expect(fixed.body.findings.map((f) => f.rule)).not.toContain('应急演练');
    // A month on, the second rung would be due: the finding is gone, so nothing climbs.
    ctx.t.deps.clock.advance(31 * 86_400_000);
    await runJobs(ctx.t.deps);
    const stored = await queryRows<{ title: string }>(
      ctx.t.database.db,
      sql`SELECT DISTINCT title FROM notifications WHERE title LIKE '应急演练逾期: a2煤矿%' ORDER BY title`,
    );
    expect(stored.map((n) => n.title)).toEqual(['应急演练逾期: a2煤矿 (第1级)']);
  });
});
