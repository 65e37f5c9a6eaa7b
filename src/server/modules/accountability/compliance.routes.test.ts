/**
 * Qualification and contractor checks over HTTP, on both engines (issue 9 §3–4): a mine's findings from
 * the registry (the rules themselves are tested at their boundaries in compliance.rules.test.ts), the
 * person registered at two mines found at both without naming the other, blasting contracted out at an
 * underground mine as a hazard candidate, and the region summary inside the caller's jurisdiction only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildContractor,
  buildMine,
  buildPerson,
  idNumberFor,
} from '../../../../test/helpers/factories.ts';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';

interface Findings {
  findings: { rule: string; message: string; criterion: string | null }[];
}

describe.each(engines)('accountability: qualification and contractor checks (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    ins: w.a.users.inspector,
    bins: w.b.users.inspector,
    ent: w.a.users.enterprise_admin,
  }));
  let metal: string;

  beforeAll(async () => {
    const m = await buildMine(ctx.t.deps, {
      enterpriseId: ctx.world.a.enterpriseId,
      countyCode: ctx.world.a.county,
      kind: '金属非金属地下矿山',
      scale: '小型',
    });
    metal = m.id;
    const idNumber = idNumberFor(ctx.world.a.county);
    await buildPerson(ctx.t.deps, { mineId: metal, roles: ['矿长'], idNumber });
    await buildPerson(ctx.t.deps, { mineId: ctx.world.a.mines[0]?.id, roles: ['矿长'], idNumber });
    await buildContractor(ctx.t.deps, {
      mineId: metal,
      scopes: ['爆破'],
      startsOn: '2025-01-01',
      endsOn: null,
    });
  });

  it('a small metal underground mine: missing posts and technicians and contracted blasting are hazard candidates; the 矿长 also at another mine', async () => {
    const res = await call<Findings>('ins', 'GET', `/api/mines/${metal}/compliance`);
    expect(res.status).toBe(200);
    const rules = res.body.findings.map((f) => f.rule);
    expect(rules).toContain('五职矿长配备');
    expect(rules).toContain('五科技术人员配备');
    expect(rules).toContain('人员兼职');
    const blasting = res.body.findings.find((f) => f.rule === '爆破作业外包');
    expect(blasting?.criterion).toBe('地下(二十八)');
    expect(res.body.findings.find((f) => f.message === '未配备总工程师')?.criterion).toBe(
      '地下(三十二)',
    );
    // The other mine is not named.
    expect(res.body.findings.find((f) => f.rule === '人员兼职')?.message).toMatch(
      /同时在其他 1 座矿山任职/,
    );
    const coal = await call<Findings>(
      'ins',
      'GET',
      `/api/mines/${ctx.world.a.mines[0]?.id}/compliance`,
    );
    expect(coal.body.findings.map((f) => f.rule)).toContain('人员兼职');
  });

  // 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第20条 bans outsourcing 采掘（剥）at 正常生产的非煤矿山 from 2025; the
  // contractor-number limits of 西藏第18条 / 拉萨二(五)4 are non-coal rules. County A is 原平 (140981).
  it('in 原平 a coal mine with three 采掘 contractors has no ban or count finding; a producing open pit contracting 采掘 is banned unless the firm runs the whole mine', async () => {
    const rulesOf = async (mineId: string) =>
      (await call<Findings>('ins', 'GET', `/api/mines/${mineId}/compliance`)).body.findings
        .map((f) => f.rule)
        .filter((r) => r === '地区外包禁令' || r === '承包单位数量');
    const coal = await buildMine(ctx.t.deps, {
      enterpriseId: ctx.world.a.enterpriseId,
      countyCode: ctx.world.a.county,
    });
    for (let i = 0; i < 3; i++) {
      await buildContractor(ctx.t.deps, { mineId: coal.id, scopes: ['采掘'] });
    }
    expect(await rulesOf(coal.id)).toEqual([]);
    const pit = async () =>
      buildMine(ctx.t.deps, {
        enterpriseId: ctx.world.a.enterpriseId,
        countyCode: ctx.world.a.county,
        kind: '金属非金属露天矿山',
        depthM: undefined,
        approvedUndergroundStaff: undefined,
        slopeHeightM: 60,
      });
    const outsourced = await pit();
    await buildContractor(ctx.t.deps, { mineId: outsourced.id, scopes: ['剥离'] });
    expect(await rulesOf(outsourced.id)).toEqual(['地区外包禁令']);
    const entrusted = await pit();
    await buildContractor(ctx.t.deps, { mineId: entrusted.id, scopes: ['整体管理', '采掘'] });
    expect(await rulesOf(entrusted.id)).toEqual([]);
  });

  it('other jurisdictions see neither the mine’s findings nor it in their summary; the enterprise sees its own', async () => {
    expect((await call('bins', 'GET', `/api/mines/${metal}/compliance`)).status).toBe(404);
    const own = await call<{
      withFindings: { mineId: string; countyCode: string; hazardCandidates: number }[];
    }>('ins', 'GET', '/api/compliance');
    expect(own.body.withFindings.find((m) => m.mineId === metal)?.hazardCandidates).toBeGreaterThan(
      0,
    );
    expect(own.body.withFindings.every((m) => m.countyCode === ctx.world.a.county)).toBe(true);
    const other = await call<{ withFindings: { mineId: string }[] }>(
      'bins',
      'GET',
      '/api/compliance',
    );
    expect(other.body.withFindings.some((m) => m.mineId === metal)).toBe(false);
    expect((await call('ent', 'GET', `/api/mines/${metal}/compliance`)).status).toBe(200);
  });
});
