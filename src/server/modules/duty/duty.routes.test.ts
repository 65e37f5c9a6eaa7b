/**
 * 企业主体责任 over HTTP on both engines (issue 25 §4): an enterprise files duty records for its own mines'
 * people only, each leader's month is counted against 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(二)1 (主要负责人带班下井
 * ≥ 5 个工作日) — from the personnel positioning when the mine sent it, from the filed records otherwise — a
 * short month is a finding that climbs the ladder once per rung, and the 矿长安全生产记分 (《2024年矿山安全生产工作要点》第22条)
 * is given by regulators with the year's total against the threshold; another county or enterprise can
 * neither read nor write.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildMine, buildPerson } from '../../../../test/helpers/factories.ts';
import { runJobs } from '../../../../test/helpers/jobs.ts';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import type {
  DutyMonthResponse,
  DutyRecordResponse,
  ScoreTotalResponse,
} from '../../../shared/duty.schemas.ts';
import { coalDescents } from '../coal-upload/coal-positioning.table.ts';
import { people } from '../registry/person.table.ts';

type Err = { details: { path: string }[] };

describe.each(engines)('duty: 带班下井 and 矿长记分 (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    ent: w.a.users.enterprise_admin,
    ent2: w.a2.users.enterprise_admin,
    entB: w.b.users.enterprise_admin,
    ins: w.a.users.inspector,
    insB: w.b.users.inspector,
  }));
  const ids = { mine: '', principal: '', engineer: '' };
  const record = (personId: string, dutyOn: string, kind = '带班下井') => ({
    mineId: ids.mine,
    personId,
    kind,
    dutyOn,
    note: '-350 中段',
  });

  it('an enterprise files 带班下井 for its own underground mine’s principal (201)', async () => {
    const deps = ctx.t.deps;
    const mine = await buildMine(deps, {
      enterpriseId: ctx.world.a.enterpriseId,
      countyCode: ctx.world.a.county,
      name: 'a铁矿',
      kind: '金属非金属地下矿山',
    });
    const principal = await buildPerson(deps, {
      mineId: mine.id,
      name: '王矿长',
      roles: ['主要负责人', '矿长'],
    });
    const engineer = await buildPerson(deps, { mineId: mine.id, roles: ['安全工程师'] });
    // On the register since August: September and October are judged on 2026-11-22.
    await deps.db
      .update(people)
      .set({ createdAt: new Date('2026-08-10T00:00:00Z') })
      .where(eq(people.mineId, mine.id));
    Object.assign(ids, { mine: mine.id, principal: principal.id, engineer: engineer.id });
    for (const d of ['2026-09-01', '2026-09-02', '2026-09-03', '2026-09-30']) {
      expect(
        (await call('ent', 'POST', '/api/duty/records', record(ids.principal, d))).status,
      ).toBe(201);
    }
    for (const d of ['2026-10-01', '2026-10-08', '2026-10-15', '2026-10-22', '2026-10-31']) {
      const res = await call<DutyRecordResponse>(
        'ent',
        'POST',
        '/api/duty/records',
        record(ids.principal, d),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ personName: '王矿长', kind: '带班下井', dutyOn: d });
    }
  });

  it('bad input is a precise 4xx: the same day twice (409), tomorrow, a person of another mine', async () => {
    const again = await call<Err>(
      'ent',
      'POST',
      '/api/duty/records',
      record(ids.principal, '2026-10-01'),
    );
    expect(again.status).toBe(409);
    expect(again.body.details[0]?.path).toBe('dutyOn');
    const future = await call<Err>(
      'ent',
      'POST',
      '/api/duty/records',
      record(ids.principal, '2026-11-23'),
    );
    expect(future.status).toBe(400);
    expect(future.body.details[0]?.path).toBe('dutyOn');
    const wrongMine = await call<Err>('ent', 'POST', '/api/duty/records', {
      ...record(ctx.world.a.personIds[0] ?? '', '2026-10-01'),
    });
    expect(wrongMine.status).toBe(400);
    expect(wrongMine.body.details[0]?.path).toBe('personId');
  });

  it('another enterprise of the county, or another county’s regulator, cannot file or read (400 / nothing)', async () => {
    for (const who of ['ent2', 'entB', 'insB']) {
      const res = await call<Err>(
        who,
        'POST',
        '/api/duty/records',
        record(ids.principal, '2026-10-02'),
      );
      expect(res.status).toBe(400);
      expect(res.body.details[0]?.path).toBe('personId');
      const list = await call<DutyRecordResponse[]>(
        who,
        'GET',
        `/api/duty/records?mineId=${ids.mine}`,
      );
      expect(list.body).toEqual([]);
      const months = await call<DutyMonthResponse[]>(who, 'GET', '/api/duty/months?month=2026-09');
      expect(months.body.some((m) => m.mineId === ids.mine)).toBe(false);
    }
    const own = await call<DutyRecordResponse[]>(
      'ins',
      'GET',
      `/api/duty/records?mineId=${ids.mine}&month=2026-09`,
    );
    expect(own.body.map((r) => r.dutyOn)).toEqual([
      '2026-09-30',
      '2026-09-03',
      '2026-09-02',
      '2026-09-01',
    ]);
  });

  it('二(二)1: 4 days in September is short, 5 in October is not; the 安全工程师 with none is short of 15', async () => {
    const sep = await call<DutyMonthResponse[]>(
      'ins',
      'GET',
      `/api/duty/months?month=2026-09&mineId=${ids.mine}`,
    );
    expect(sep.body.find((m) => m.personId === ids.principal)).toMatchObject({
      role: '主要负责人',
      days: 4,
      minDays: 5,
      short: true,
      source: '填报记录',
    });
    expect(sep.body.find((m) => m.personId === ids.engineer)).toMatchObject({
      days: 0,
      minDays: 15,
      short: true,
    });
    const oct = await call<DutyMonthResponse[]>(
      'ent',
      'GET',
      `/api/duty/months?month=2026-10&mineId=${ids.mine}`,
    );
    expect(oct.body.find((m) => m.personId === ids.principal)).toMatchObject({
      days: 5,
      short: false,
    });
    // November is not over on 2026-11-22: counted, never short.
    const nov = await call<DutyMonthResponse[]>(
      'ent',
      'GET',
      `/api/duty/months?month=2026-11&mineId=${ids.mine}`,
    );
    expect(nov.body.every((m) => !m.short)).toBe(true);
    const findings = await call<DutyMonthResponse[]>(
      'ins',
      'GET',
      `/api/duty/findings?mineId=${ids.mine}`,
    );
    const principal = findings.body.filter((f) => f.personId === ids.principal).map((f) => f.month);
    expect(principal).toEqual(['2026-09']);
  });

  it('in a month the mine sent positioning data, 带班下井 is read from it, not from the filed records', async () => {
    await ctx.t.deps.db.insert(coalDescents).values(
      ['2026-10-03', '2026-10-04', '2026-10-05'].map((d) => ({
        mineId: ids.mine,
        cardCode: 'K001',
        inAt: new Date(`${d}T08:00:00+08:00`),
        outAt: new Date(`${d}T16:00:00+08:00`),
        name: '王矿长',
        isLeader: true,
      })),
    );
    const oct = await call<DutyMonthResponse[]>(
      'ins',
      'GET',
      `/api/duty/months?month=2026-10&mineId=${ids.mine}`,
    );
    expect(oct.body.find((m) => m.personId === ids.principal)).toMatchObject({
      days: 3,
      short: true,
      source: '人员定位',
    });
  });

  it('short months climb the ladder once per rung; the enterprise is told on the first', async () => {
    const first = await runJobs(ctx.t.deps);
    expect(first['duty.escalateShortMonths']?.escalated).toBeGreaterThanOrEqual(3);
    expect((await runJobs(ctx.t.deps))['duty.escalateShortMonths']?.escalated).toBe(0);
    const notes = await call<{ title: string }[]>('ent', 'GET', '/api/notifications');
    expect(notes.body.some((n) => n.title === '主要负责人履职天数不足: a铁矿 王矿长 (第1级)')).toBe(
      true,
    );
    const notesB = await call<{ title: string }[]>('entB', 'GET', '/api/notifications');
    expect(notesB.body.some((n) => n.title.includes('a铁矿'))).toBe(false);
  });

  it('要点第22条 记分: a regulator scores the principal; 12 points in a year reach the threshold', async () => {
    const score = (points: number, deductedOn: string, personId = ids.principal) => ({
      mineId: ids.mine,
      personId,
      deductedOn,
      points,
      reason: '未按规定带班下井',
    });
    expect((await call('ins', 'POST', '/api/duty/scores', score(6, '2026-03-01'))).status).toBe(
      201,
    );
    const totals6 = await call<ScoreTotalResponse[]>(
      'ins',
      'GET',
      '/api/duty/score-totals?year=2026',
    );
    expect(totals6.body.find((t) => t.personId === ids.principal)).toMatchObject({
      total: 6,
      threshold: 12,
      overThreshold: false,
    });
    expect((await call('ins', 'POST', '/api/duty/scores', score(6, '2026-10-09'))).status).toBe(
      201,
    );
    expect((await call('ins', 'POST', '/api/duty/scores', score(3, '2025-12-31'))).status).toBe(
      201,
    );
    const totals = await call<ScoreTotalResponse[]>(
      'ent',
      'GET',
      '/api/duty/score-totals?year=2026',
    );
    expect(totals.body.find((t) => t.personId === ids.principal)).toMatchObject({
      total: 12,
      overThreshold: true,
    });
    // The enterprise may read but not score; another county cannot; only a principal is scored.
    expect((await call('ent', 'POST', '/api/duty/scores', score(1, '2026-10-10'))).status).toBe(
      403,
    );
    const other = await call<Err>('insB', 'POST', '/api/duty/scores', score(1, '2026-10-10'));
    expect(other.status).toBe(400);
    expect(other.body.details[0]?.path).toBe('personId');
    const notPrincipal = await call<Err>(
      'ins',
      'POST',
      '/api/duty/scores',
      score(1, '2026-10-10', ids.engineer),
    );
    expect(notPrincipal.status).toBe(400);
    expect(notPrincipal.body.details[0]?.path).toBe('personId');
    for (const who of ['entB', 'ent2']) {
      expect((await call<unknown[]>(who, 'GET', '/api/duty/scores?year=2026')).body.length).toBe(0);
      const t = await call<ScoreTotalResponse[]>(who, 'GET', '/api/duty/score-totals');
      expect(t.body).toEqual([]);
    }
  });
});
