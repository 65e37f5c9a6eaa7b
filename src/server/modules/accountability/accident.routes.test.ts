/**
 * Accidents over HTTP, on both engines (issue 9 §2): the grade from the figures
 * (《矿山生产安全事故报告和调查处理办法》), a death forcing 停产整顿 through the registry with its history
 * (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第21条), 约谈 of the enterprise and its parent company after a 较大 or 涉险
 * accident (《2024年矿山安全生产工作要点》第35条), the reporting chain with late reports flagged (1 hour to the
 * county and at the same time to the NMSA's provincial bureau; 《2024年矿山安全生产工作要点》第32条: the city's 同步 report for
 * non-coal accidents), input refused field by field, jurisdiction, statistics, and the
 * accidents counted in the mine's risk score.
 */
import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../shared/dates.ts';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';

interface Accident {
  id: string;
  grade: string;
  chain: {
    key: string;
    state: string;
    lateMinutes: number;
    due: string | null;
    recordedBy: string | null;
    canRecord: boolean;
  }[];
  interviews: { id: string; party: string; state: string; version: number }[];
}

describe.each(engines)('accountability: accidents (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    ent: w.a.users.enterprise_admin,
    ins: w.a.users.inspector,
    bins: w.b.users.inspector,
    duty: w.a.users.mine_duty_officer,
    sys: w.systemAdmin,
  }));
  // The test clock (2026-11-22T02:00Z), not the machine's.
  const minutesAgo = (m: number) =>
    new Date(ctx.t.deps.clock().getTime() - m * MINUTE_MS).toISOString();
  const base = () => ({
    mineId: ctx.world.a.mines[0]?.id ?? '',
    occurredAt: minutesAgo(90),
    kind: '冒顶片帮',
    place: '1101 回采工作面',
    deaths: 0,
    seriousInjuries: 0,
    directLossYuan: 0,
    description: '顶板冒落',
  });

  it('a death: 一般, the mine is put into 停产整顿 with the accident as reason and resumes only after 复工复产验收; the mine reported late', async () => {
    // Occurred 90 minutes ago and filed now: the mine's report to the county is 30 minutes late.
    const res = await call<Accident>('ent', 'POST', '/api/accidents', { ...base(), deaths: 1 });
    expect(res.status).toBe(201);
    expect(res.body.grade).toBe('一般');
    expect(res.body.chain[0]).toMatchObject({ key: 'mineToCounty', state: '迟报' });
    expect(res.body.chain[0]?.lateMinutes).toBeGreaterThanOrEqual(29);
    expect(res.body.interviews).toEqual([]);
    const mine = await call<{ status: string }>('ins', 'GET', `/api/mines/${base().mineId}`);
    expect(mine.body.status).toBe('停产整顿');
    const history = await call<{ toStatus: string; reason: string }[]>(
      'ins',
      'GET',
      `/api/mines/${base().mineId}/status-history`,
    );
    expect(
      history.body.some((h) => h.toStatus === '停产整顿' && h.reason.includes('死亡事故')),
    ).toBe(true);
    // It resumes only through 复工复产验收, recorded by a regulator (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第21条).
    const direct = await call<{ details: { path: string }[] }>(
      'ins',
      'POST',
      `/api/mines/${base().mineId}/status`,
      { status: '生产', effectiveDate: '2026-11-22', reason: '自行复产' },
    );
    expect(direct.status).toBe(409);
    expect(direct.body.details[0]?.path).toBe('status');
    expect(
      (
        await call('ins', 'POST', `/api/mines/${base().mineId}/status`, {
          status: '停工停产',
          effectiveDate: '2026-11-22',
          reason: '绕过验收',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call('ent', 'POST', `/api/mines/${base().mineId}/resumption`, {
          acceptedOn: '2026-11-22',
          note: '企业自验',
        })
      ).status,
    ).toBe(403);
    // The accident's 整改 accepted first (issue 24; 《2024年矿山安全生产工作要点》第35条: 严格组织验收).
    expect(
      (
        await call('ins', 'POST', `/api/accidents/${res.body.id}/rectification`, {
          acceptedOn: '2026-11-22',
          note: '整改验收合格',
        })
      ).status,
    ).toBe(200);
    const resumed = await call<{ status: string }>(
      'ins',
      'POST',
      `/api/mines/${base().mineId}/resumption`,
      { acceptedOn: '2026-11-22', note: '县局组织验收合格' },
    );
    expect(resumed.body.status).toBe('生产');
  });

  it('三人死亡 is 较大: 约谈 of the enterprise and its parent company, held by the county', async () => {
    const res = await call<Accident>('ent', 'POST', '/api/accidents', {
      ...base(),
      occurredAt: minutesAgo(20),
      deaths: 3,
    });
    expect(res.body.grade).toBe('较大');
    expect(res.body.chain[0]?.state).toBe('按时');
    expect(res.body.interviews.map((i) => [i.party, i.state])).toEqual([
      ['上级公司', '待约谈'],
      ['企业', '待约谈'],
    ]);
    const interview = res.body.interviews[1];
    const held = await call<Accident>(
      'ins',
      'POST',
      `/api/accidents/${res.body.id}/interviews/${interview?.id}`,
      { heldOn: '2026-11-20', note: '约谈企业主要负责人', version: interview?.version },
    );
    expect(held.status).toBe(200);
    expect(held.body.interviews.find((i) => i.party === '企业')?.state).toBe('已约谈');
    // Another county sees nothing of it.
    expect((await call('bins', 'GET', `/api/accidents/${res.body.id}`)).status).toBe(404);
    expect(
      (
        await call('bins', 'POST', `/api/accidents/${res.body.id}/interviews/${interview?.id}`, {
          heldOn: '2026-11-20',
          note: 'x',
        })
      ).status,
    ).toBe(404);
  });

  it('the chain: a late step is flagged, a step is recorded once, unknown and impossible ones refused', async () => {
    const made = await call<Accident>('ent', 'POST', '/api/accidents', {
      ...base(),
      occurredAt: minutesAgo(120),
      reportedAt: minutesAgo(100),
      seriousInjuries: 1,
    });
    expect(made.body.chain[0]?.state).toBe('按时');
    const id = made.body.id;
    // County → city within 30 minutes of the county hearing (100 minutes ago): reported 60 ago, 10 late.
    const late = await call<Accident>('ins', 'POST', `/api/accidents/${id}/chain-notices`, {
      step: 'countyToCity',
      reportedAt: minutesAgo(60),
      channel: '电话',
    });
    expect(late.body.chain.find((s) => s.key === 'countyToCity')).toMatchObject({
      state: '迟报',
      lateMinutes: 10,
    });
    expect(
      (
        await call('ins', 'POST', `/api/accidents/${id}/chain-notices`, {
          step: 'countyToCity',
          reportedAt: minutesAgo(50),
          channel: '电话',
        })
      ).status,
    ).toBe(409);
    const unknown = await call<{ details: { path: string }[] }>(
      'ins',
      'POST',
      `/api/accidents/${id}/chain-notices`,
      { step: 'toTheMoon', reportedAt: minutesAgo(50), channel: '电话' },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.details[0]?.path).toBe('step');
    const before = await call<{ details: { path: string }[] }>(
      'ins',
      'POST',
      `/api/accidents/${id}/chain-notices`,
      { step: 'mineToProvincialBureau', reportedAt: minutesAgo(200), channel: '书面' },
    );
    expect(before.status).toBe(400);
    expect(before.body.details[0]?.path).toBe('reportedAt');
    // A county records its own and the mine's reports, not the city's or the province's.
    const view = await call<Accident>('ins', 'GET', `/api/accidents/${id}`);
    expect(view.body.chain.map((c) => [c.key, c.recordedBy, c.canRecord])).toEqual([
      ['mineToCounty', '县级', false],
      ['mineToProvincialBureau', '县级', true],
      ['countyToCity', '县级', false],
      ['cityToProvince', '市级', false],
      ['provincePhone', '省级', false],
      ['provinceWritten', '省级', false],
    ]);
    const cityStep = await call<{ message: string; details: { path: string }[] }>(
      'ins',
      'POST',
      `/api/accidents/${id}/chain-notices`,
      { step: 'cityToProvince', reportedAt: minutesAgo(5), channel: '书面' },
    );
    expect(cityStep.status).toBe(403);
    expect(cityStep.body.message).toBe('"市级报告省级矿山安全监管部门"由市级监管部门记录');
    expect(cityStep.body.details[0]?.path).toBe('step');
    // The national scope may record it; the enterprise sees no step it may record.
    const national = await call<Accident>('sys', 'POST', `/api/accidents/${id}/chain-notices`, {
      step: 'cityToProvince',
      reportedAt: minutesAgo(5),
      channel: '书面',
    });
    expect(national.status).toBe(200);
    const ent = await call<Accident>('ent', 'GET', `/api/accidents/${id}`);
    expect(ent.body.chain.filter((c) => c.canRecord)).toEqual([]);
    // Only regulators record the chain.
    expect(
      (
        await call('ent', 'POST', `/api/accidents/${id}/chain-notices`, {
          step: 'cityToProvince',
          reportedAt: minutesAgo(5),
          channel: '书面',
        })
      ).status,
    ).toBe(403);
  });

  it('bad input is refused field by field and writes nothing; other jurisdictions’ mines are refused', async () => {
    const count = async () => (await call<unknown[]>('ins', 'GET', '/api/accidents')).body.length;
    const n = await count();
    const future = await call<{ details: { path: string }[] }>('ent', 'POST', '/api/accidents', {
      ...base(),
      occurredAt: minutesAgo(-60),
    });
    expect(future.status).toBe(400);
    expect(future.body.details[0]?.path).toBe('occurredAt');
    const negative = await call<{ details: { path: string }[] }>('ent', 'POST', '/api/accidents', {
      ...base(),
      deaths: -1,
    });
    expect(negative.status).toBe(400);
    expect(negative.body.details[0]?.path).toBe('body.deaths');
    const other = await call<{ details: { path: string }[] }>('ent', 'POST', '/api/accidents', {
      ...base(),
      mineId: ctx.world.b.mines[0]?.id,
    });
    expect(other.status).toBe(400);
    expect(other.body.details[0]?.path).toBe('mineId');
    expect((await call('duty', 'POST', '/api/accidents', base())).status).toBe(403);
    expect(await count()).toBe(n);
  });

  it('statistics by year, kind and grade, in the caller’s jurisdiction only; accidents raise the risk score', async () => {
    const year = ctx.t.deps.clock().getUTCFullYear();
    const stats = await call<{
      byKind: { key: string; accidents: number; deaths: number }[];
      byGrade: { grade: string; accidents: number }[];
      byRegion: { key: string }[];
    }>('ins', 'GET', `/api/accidents/stats?fromYear=${year - 1}&toYear=${year}`);
    expect(stats.status).toBe(200);
    // Three 冒顶片帮 (1 and 3 deaths, one injury) from these tests, and the world's 坍塌 at the ponds of
    // both enterprises of the county.
    expect(stats.body.byKind.find((k) => k.key === '冒顶片帮')).toMatchObject({
      accidents: 3,
      deaths: 4,
    });
    expect(stats.body.byKind.find((k) => k.key === '坍塌')).toMatchObject({
      accidents: 2,
      deaths: 0,
    });
    expect(stats.body.byRegion.map((r) => r.key)).toEqual([ctx.world.a.county]);
    const b = await call<{ byKind: unknown[] }>(
      'bins',
      'GET',
      `/api/accidents/stats?fromYear=${year - 1}&toYear=${year}&region=${ctx.world.a.county}`,
    );
    expect(b.body.byKind).toEqual([]);
    expect(
      (await call('ins', 'GET', `/api/accidents/stats?fromYear=${year}&toYear=${year - 1}`)).status,
    ).toBe(400);
    const risk = await call<{ mineId: string; reasons: { factor: string; fact: string }[] }[]>(
      'ins',
      'GET',
      '/api/inspections/risk',
    );
    const coal = risk.body.find((r) => r.mineId === base().mineId);
    expect(coal?.reasons.find((r) => r.factor === '近3年事故')?.fact).toBe('3 起');
  });

  // 《2024年矿山安全生产工作要点》第32条: the city reports a non-coal accident 同步 to the 省级矿山安全监察机构, due with its report
  // to the province; the 办法: the mine reports to the NMSA's provincial bureau at the same time as to the county.
  // After the statistics above, which count this file's accidents.
  it('the 同步 reports: at a tailings pond the city’s report to the provincial bureau is due with its report to the province; a coal mine has no such step', async () => {
    const pond = await call<Accident>('ent', 'POST', '/api/accidents', {
      ...base(),
      mineId: ctx.world.a.mines[1]?.id ?? '',
      occurredAt: minutesAgo(120),
      reportedAt: minutesAgo(110),
      seriousInjuries: 1,
    });
    expect(pond.status).toBe(201);
    // The mine's parallel report is due with its report to the county: 60 minutes after the accident.
    expect(pond.body.chain.find((s) => s.key === 'mineToProvincialBureau')).toMatchObject({
      due: minutesAgo(60),
      state: '逾期未报',
    });
    const city = await call<Accident>(
      'ins',
      'POST',
      `/api/accidents/${pond.body.id}/chain-notices`,
      { step: 'countyToCity', reportedAt: minutesAgo(100), channel: '电话' },
    );
    const dueOf = (key: string) => city.body.chain.find((s) => s.key === key)?.due;
    expect(dueOf('cityToProvincialBureau')).toBe(minutesAgo(70));
    expect(dueOf('cityToProvincialBureau')).toBe(dueOf('cityToProvince'));
    const coal = await call<Accident>('ent', 'POST', '/api/accidents', {
      ...base(),
      occurredAt: minutesAgo(120),
      reportedAt: minutesAgo(110),
      seriousInjuries: 1,
    });
    expect(coal.body.chain.map((s) => s.key)).not.toContain('cityToProvincialBureau');
    const refused = await call<{ details: { path: string }[] }>(
      'ins',
      'POST',
      `/api/accidents/${coal.body.id}/chain-notices`,
      { step: 'cityToProvincialBureau', reportedAt: minutesAgo(50), channel: '电话' },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.details[0]?.path).toBe('step');
  });
});
