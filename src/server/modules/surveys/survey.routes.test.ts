/**
 * 隐蔽致灾因素普查 over HTTP on both engines (issue 25 §1): an enterprise files for its own mines only, the
 * grade follows "就高不就低" (《2024年矿山安全生产工作要点》第10条, 西藏第13条, 原平第14条), the regulator's review
 * sets the registry's 灾害防治等级 and publishes it (要点第10条 公示) — the public list shows only passed
 * surveys — report files through platform/files, another county or enterprise can neither read nor
 * change, and mines without a survey in date are findings that climb the ladder once per rung.
 */
import { describe, expect, it } from 'vitest';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import { pdfBytes } from '../../../../test/helpers/world-surveys.ts';
import { runJobs } from '../../../../test/helpers/jobs.ts';
import type {
  PublicGradeResponse,
  SurveyFindingResponse,
  SurveyResponse,
} from '../../../shared/surveys.schemas.ts';

function multipart(filename: string, data: Buffer) {
  const boundary = '----mwsurvey';
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

describe.each(engines)('surveys: 隐蔽致灾因素普查 and disaster grades (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    ent: w.a.users.enterprise_admin,
    ent2: w.a2.users.enterprise_admin,
    entB: w.b.users.enterprise_admin,
    ins: w.a.users.inspector,
    insB: w.b.users.inspector,
    viewer: w.a.users.regulator_viewer,
  }));
  const body = (mineId: string, over: object = {}) => ({
    mineId,
    surveyedOn: '2026-09-01',
    surveyor: '忻州地质勘查院',
    areaKm2: 6.2,
    scopeYears: 5,
    scopeDescription: '井田及周边 500 m, 3-5年采掘范围',
    factors: [
      { kind: '采空区', level: '中等', location: '北翼 8# 煤层', note: '' },
      { kind: '水害', level: '极复杂', location: '奥灰含水层', note: '' },
      { kind: '断层', level: '简单', location: 'F3 断层', note: '' },
    ],
    zones: [
      { zoneClass: '可采区', name: '一采区', note: '' },
      { zoneClass: '禁采区', name: '奥灰带压区', note: '' },
    ],
    ...over,
  });

  it('an enterprise files for its own mine; the grade is the highest factor (就高不就低, 要点第10条) and waits for review', async () => {
    const mine = ctx.world.a.mines[1]?.id ?? '';
    const res = await call<SurveyResponse>('ent', 'POST', '/api/surveys', body(mine));
    expect(res.status).toBe(201);
    expect(res.body.grade).toBe('极复杂');
    expect(res.body.state).toBe('待审查');
    expect(res.body.zones.map((z) => z.zoneClass)).toEqual(['可采区', '禁采区']);
    // Renewal 12 months after the survey date (surveys.rules, UNVERIFIED).
    expect(res.body.renewalDueOn).toBe('2027-09-01');
    const mineNow = await call<{ disasterGrade: string | null }>(
      'ent',
      'GET',
      `/api/mines/${mine}`,
    );
    expect(mineNow.body.disasterGrade).toBeNull();
  });

  it('another enterprise of the same county, or of another county, may not file for it (400 on mineId)', async () => {
    const mine = ctx.world.a.mines[0]?.id ?? '';
    for (const who of ['ent2', 'entB', 'insB']) {
      const res = await call<{ details: { path: string }[] }>(
        who,
        'POST',
        '/api/surveys',
        body(mine),
      );
      expect(res.status).toBe(400);
      expect(res.body.details[0]?.path).toBe('mineId');
    }
  });

  it('bad input is a precise 400: a 2-year scope (要点第7条: 3-5年), no zone (要点第8条), a survey dated tomorrow, a factor twice', async () => {
    const mine = ctx.world.a.mines[0]?.id ?? '';
    const scope = await call<{ details: { path: string }[] }>(
      'ent',
      'POST',
      '/api/surveys',
      body(mine, { scopeYears: 2 }),
    );
    expect(scope.status).toBe(400);
    expect(scope.body.details[0]?.path).toBe('body.scopeYears');
    const zones = await call<{ details: { path: string }[] }>(
      'ent',
      'POST',
      '/api/surveys',
      body(mine, { zones: [] }),
    );
    expect(zones.status).toBe(400);
    expect(zones.body.details[0]?.path).toBe('zones');
    const future = await call<{ details: { path: string }[] }>(
      'ent',
      'POST',
      '/api/surveys',
      body(mine, { surveyedOn: '2026-11-23' }),
    );
    expect(future.status).toBe(400);
    expect(future.body.details[0]?.path).toBe('surveyedOn');
    const twice = await call<{ details: { path: string }[] }>(
      'ent',
      'POST',
      '/api/surveys',
      body(mine, {
        factors: [
          { kind: '火区', level: '中等', location: '东翼', note: '' },
          { kind: '火区', level: '复杂', location: '东翼', note: '' },
        ],
      }),
    );
    expect(twice.status).toBe(400);
    expect(twice.body.details[0]?.path).toBe('factors.1.location');
  });

  it('the review sets and publishes the grade; the public list shows passed surveys only; a second review is a 409', async () => {
    const mine = ctx.world.a.mines[1]?.id ?? '';
    const filed = await call<SurveyResponse>(
      'ent',
      'POST',
      '/api/surveys',
      body(mine, { surveyedOn: '2026-10-01' }),
    );
    const pub = () =>
      call<PublicGradeResponse>('', 'GET', '/api/public/disaster-grades?region=140900');
    expect((await pub()).body.mines.map((m) => m.mineName)).not.toContain('a尾矿库');
    // The enterprise may not review its own survey; a viewer may not either.
    expect(
      (
        await call('ent', 'POST', `/api/surveys/${filed.body.id}/review`, {
          reviewedOn: '2026-11-01',
          outcome: '审查通过',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call('viewer', 'POST', `/api/surveys/${filed.body.id}/review`, {
          reviewedOn: '2026-11-01',
          outcome: '审查通过',
        })
      ).status,
    ).toBe(403);
    // Another county's inspector does not see it.
    expect(
      (
        await call('insB', 'POST', `/api/surveys/${filed.body.id}/review`, {
          reviewedOn: '2026-11-01',
          outcome: '审查通过',
        })
      ).status,
    ).toBe(404);
    const early = await call<{ details: { path: string }[] }>(
      'ins',
      'POST',
      `/api/surveys/${filed.body.id}/review`,
      { reviewedOn: '2026-09-30', outcome: '审查通过' },
    );
    expect(early.status).toBe(400);
    expect(early.body.details[0]?.path).toBe('reviewedOn');
    const passed = await call<SurveyResponse>(
      'ins',
      'POST',
      `/api/surveys/${filed.body.id}/review`,
      { reviewedOn: '2026-10-01', outcome: '审查通过', note: '资料齐全' },
    );
    expect(passed.status).toBe(200);
    expect(passed.body.state).toBe('审查通过');
    const mineNow = await call<{ disasterGrade: string | null }>(
      'ent',
      'GET',
      `/api/mines/${mine}`,
    );
    expect(mineNow.body.disasterGrade).toBe('极复杂');
    const list = (await pub()).body;
    expect(list.regionName).toBe('忻州市');
    expect(list.mines).toContainEqual(
      expect.objectContaining({ mineName: 'a尾矿库', grade: '极复杂', reviewedOn: '2026-10-01' }),
    );
    // The world's surveys await review: their mines are not published.
    expect(list.mines.map((m) => m.mineName)).not.toContain('a煤矿');
    expect(JSON.stringify(list)).not.toContain(mine);
    const again = await call('ins', 'POST', `/api/surveys/${filed.body.id}/review`, {
      reviewedOn: '2026-11-01',
      outcome: '退回重查',
    });
    expect(again.status).toBe(409);
    expect((await call('', 'GET', '/api/public/disaster-grades?region=141029')).body).toMatchObject(
      { mines: [] },
    );
    expect((await call('', 'GET', '/api/public/disaster-grades?region=149999')).status).toBe(400);
  });

  it('a returned survey sets nothing and is not published (西藏第13条: 弄虚作假的推倒重来)', async () => {
    const mine = ctx.world.a.mines[0]?.id ?? '';
    const id = ctx.world.a.surveyIds[0] ?? '';
    const back = await call<SurveyResponse>('ins', 'POST', `/api/surveys/${id}/review`, {
      reviewedOn: '2026-11-20',
      outcome: '退回重查',
      note: '数据不实',
    });
    expect(back.body.state).toBe('退回重查');
    expect(
      (await call<{ disasterGrade: string | null }>('ins', 'GET', `/api/mines/${mine}`)).body
        .disasterGrade,
    ).toBeNull();
    const pub = await call<PublicGradeResponse>(
      '',
      'GET',
      '/api/public/disaster-grades?region=140981',
    );
    expect(pub.body.mines.map((m) => m.mineName)).not.toContain('a煤矿');
  });

  it('report files: PDF by content, once, read back only within jurisdiction', async () => {
    const id = ctx.world.a.surveyIds[0] ?? '';
    const up = await ctx.app.inject({
      method: 'POST',
      url: `/api/surveys/${id}/files`,
      headers: {
        cookie: ctx.cookies.ent ?? '',
        ...multipart('普查报告.pdf', pdfBytes('routes')).headers,
      },
      payload: multipart('普查报告.pdf', pdfBytes('routes')).payload,
    });
    expect(up.statusCode).toBe(201);
    const again = await ctx.app.inject({
      method: 'POST',
      url: `/api/surveys/${id}/files`,
      headers: { cookie: ctx.cookies.ent ?? '', ...multipart('x.pdf', pdfBytes('routes')).headers },
      payload: multipart('x.pdf', pdfBytes('routes')).payload,
    });
    expect(again.statusCode).toBe(409);
    const text = await ctx.app.inject({
      method: 'POST',
      url: `/api/surveys/${id}/files`,
      headers: {
        cookie: ctx.cookies.ent ?? '',
        ...multipart('a.pdf', Buffer.from('not a pdf')).headers,
      },
      payload: multipart('a.pdf', Buffer.from('not a pdf')).payload,
    });
    expect(text.statusCode).toBe(415);
    const fileId = up.json<{ id: string }>().id;
    const get = (who: string) =>
      ctx.app.inject({
        method: 'GET',
        url: `/api/surveys/${id}/files/${fileId}`,
        headers: { cookie: ctx.cookies[who] ?? '' },
      });
    expect((await get('ins')).statusCode).toBe(200);
    expect((await get('ent2')).statusCode).toBe(404);
    expect((await get('insB')).statusCode).toBe(404);
    const other = await ctx.app.inject({
      method: 'POST',
      url: `/api/surveys/${id}/files`,
      headers: { cookie: ctx.cookies.ent2 ?? '', ...multipart('b.pdf', pdfBytes('other')).headers },
      payload: multipart('b.pdf', pdfBytes('other')).payload,
    });
    expect(other.statusCode).toBe(404);
  });

  it('lists and findings stay in jurisdiction; a mine never surveyed is 未普查 after 原平’s 2024-06-30 (原平第14条)', async () => {
    const mineA = ctx.world.a.mines[0]?.id ?? '';
    const listB = await call<{ mineId: string }[]>('insB', 'GET', '/api/surveys');
    expect(listB.body.every((s) => !ctx.world.a.mines.some((m) => m.id === s.mineId))).toBe(true);
    const list2 = await call<{ mineId: string }[]>('ent2', 'GET', `/api/surveys?mineId=${mineA}`);
    expect(list2.body).toEqual([]);
    expect((await call('ent2', 'GET', `/api/surveys/${ctx.world.a.surveyIds[0]}`)).status).toBe(
      404,
    );
    const findings = await call<SurveyFindingResponse[]>('ins', 'GET', '/api/surveys/findings');
    const coal = findings.body.find((f) => f.mineId === mineA);
    expect(coal).toMatchObject({ reason: '未普查', dueOn: '2024-06-30' });
    // The pond's survey passed on 2026-10-01 (dated 2026-10-01 and 2026-09-01): in date, no finding.
    expect(findings.body.find((f) => f.mineId === ctx.world.a.mines[1]?.id)).toBeUndefined();
    const findingsB = await call<SurveyFindingResponse[]>('insB', 'GET', '/api/surveys/findings');
    expect(findingsB.body.some((f) => f.mineId === mineA)).toBe(false);
    const entFindings = await call<SurveyFindingResponse[]>('ent2', 'GET', '/api/surveys/findings');
    expect(entFindings.body.some((f) => f.mineId === mineA)).toBe(false);
  });

  it('findings climb the ladder once per rung: all three rungs are long past for a mine due 2024-06-30', async () => {
    const first = await runJobs(ctx.t.deps);
    expect(first['surveys.escalateMissingSurveys']?.escalated).toBeGreaterThanOrEqual(3);
    expect((await runJobs(ctx.t.deps))['surveys.escalateMissingSurveys']?.escalated).toBe(0);
    const notes = await call<{ title: string }[]>('ent', 'GET', '/api/notifications');
    expect(notes.body.some((n) => n.title === '隐蔽致灾因素未普查: a煤矿 (第1级)')).toBe(true);
    expect(notes.body.some((n) => n.title.includes('b煤矿'))).toBe(false);
  });
});
