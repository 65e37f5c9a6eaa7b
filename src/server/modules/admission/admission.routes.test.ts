/**
 * 安全准入与分类处置 over HTTP on both engines (issue 25 §5): regulators put a mine on one 三个一批 list with a
 * deadline (要点第4条) and record its progress, overdue entries are findings that climb the ladder once
 * per rung; the 安全设施设计审查 → 建设工期 → 现场核查 → 安全生产许可 workflow in order (拉萨 二(三)2), issuing the
 * registry's licence; the minimum-scale list and the mining-method findings; an enterprise reads only
 * its own mines and cannot list, and another county can neither read nor write.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMine } from '../../../../test/helpers/factories.ts';
import { runJobs } from '../../../../test/helpers/jobs.ts';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import type {
  BelowScaleResponse,
  DisposalResponse,
  MethodFindingResponse,
  PermitResponse,
} from '../../../shared/admission.schemas.ts';

const EXPERTS = ['采矿', '地质', '机械', '电气', '安全'];

describe.each(engines)('admission: 三个一批 and 安全准入 (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    ent: w.a.users.enterprise_admin,
    ent2: w.a2.users.enterprise_admin,
    ins: w.a.users.inspector,
    insB: w.b.users.inspector,
    viewer: w.a.users.regulator_viewer,
  }));
  let ug = '';
  let deep = '';
  beforeAll(async () => {
    // Two underground metal mines of enterprise a: a small one with 4 levels, below the minimum scale,
    // and a medium one 850 m deep (机械撬毛 required), without a 安全生产许可证.
    ug = (
      await buildMine(ctx.t.deps, {
        enterpriseId: ctx.world.a.enterpriseId,
        countyCode: ctx.world.a.county,
        name: 'a铁矿',
        kind: '金属非金属地下矿山',
        scale: '小型',
        depthM: 300,
        productionLevels: 4,
        designCapacityTpa: 50_000,
      })
    ).id;
    deep = (
      await buildMine(ctx.t.deps, {
        enterpriseId: ctx.world.a.enterpriseId,
        countyCode: ctx.world.a.county,
        name: 'a金矿',
        kind: '金属非金属地下矿山',
        scale: '中型',
        depthM: 850,
        productionLevels: 3,
        designCapacityTpa: 200_000,
      })
    ).id;
  });

  const entry = (mineId: string, over: object = {}) => ({
    mineId,
    category: '升级改造',
    basis: '达不到最小开采规模, 须两年内完成整改',
    listedOn: '2026-01-10',
    deadline: '2026-06-30',
    ...over,
  });

  it('a regulator lists a mine with a deadline; past it the entry is overdue and a finding', async () => {
    const res = await call<DisposalResponse>('ins', 'POST', '/api/admission/disposals', entry(ug));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: '处置中', overdue: true, category: '升级改造' });
    expect(res.body.daysOverdue).toBe(145);
    const findings = await call<DisposalResponse[]>(
      'ins',
      'GET',
      '/api/admission/disposals/findings',
    );
    expect(findings.body.map((f) => f.mineId)).toContain(ug);
  });

  it('one list at a time: a second open entry for the mine is a 409 on mineId', async () => {
    const res = await call(
      'ins',
      'POST',
      '/api/admission/disposals',
      entry(ug, { category: '关闭取缔' }),
    );
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).toContain('mineId');
  });

  it('a deadline not after the listing date is a 400 on deadline', async () => {
    const res = await call(
      'ins',
      'POST',
      '/api/admission/disposals',
      entry(deep, { deadline: '2026-01-10' }),
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('deadline');
  });

  it('an enterprise cannot put mines on lists; another county cannot list or read', async () => {
    expect((await call('ent', 'POST', '/api/admission/disposals', entry(deep))).status).toBe(403);
    expect((await call('insB', 'POST', '/api/admission/disposals', entry(deep))).status).toBe(400);
    const [own] = (await call<DisposalResponse[]>('ins', 'GET', '/api/admission/disposals')).body;
    expect((await call('insB', 'GET', `/api/admission/disposals/${own?.id}`)).status).toBe(404);
    expect((await call('ent2', 'GET', `/api/admission/disposals/${own?.id}`)).status).toBe(404);
    expect((await call('ent', 'GET', `/api/admission/disposals/${own?.id}`)).status).toBe(200);
    const stepB = await call('insB', 'POST', `/api/admission/disposals/${own?.id}/steps`, {
      steppedOn: '2026-11-01',
      description: '越权',
    });
    expect(stepB.status).toBe(404);
    const listB = await call<DisposalResponse[]>('insB', 'GET', '/api/admission/disposals');
    expect(listB.body.some((d) => d.mineId === ug)).toBe(false);
    const listEnt2 = await call<DisposalResponse[]>('ent2', 'GET', '/api/admission/disposals');
    // The other enterprise of the county sees its own entry only.
    expect(listEnt2.body.map((d) => d.enterpriseName)).toEqual(['a2企业']);
  });

  it('overdue entries climb the ladder once per rung (要点第4条 明确时限要求)', async () => {
    const first = await runJobs(ctx.t.deps);
    expect(first['admission.escalateOverdueDisposals']?.escalated).toBe(3);
    expect((await runJobs(ctx.t.deps))['admission.escalateOverdueDisposals']?.escalated).toBe(0);
    const notes = await call<{ title: string }[]>('ent', 'GET', '/api/notifications');
    expect(notes.body.some((n) => n.title === '升级改造逾期: a铁矿 (第1级)')).toBe(true);
  });

  it('progress steps; a completing step closes the entry, and nothing may follow it', async () => {
    const [own] = (
      await call<DisposalResponse[]>('ins', 'GET', `/api/admission/disposals?mineId=${ug}`)
    ).body;
    const id = own?.id ?? '';
    const early = await call('ins', 'POST', `/api/admission/disposals/${id}/steps`, {
      steppedOn: '2026-01-09',
      description: '早于列入',
    });
    expect(early.status).toBe(400);
    await call('ins', 'POST', `/api/admission/disposals/${id}/steps`, {
      steppedOn: '2026-03-01',
      description: '技改方案通过审查',
    });
    const done = await call<DisposalResponse>(
      'ins',
      'POST',
      `/api/admission/disposals/${id}/steps`,
      {
        steppedOn: '2026-11-20',
        description: '技改完成并验收',
        completes: true,
      },
    );
    expect(done.body).toMatchObject({ state: '已完成', completedOn: '2026-11-20', overdue: false });
    expect(done.body.steps.map((s) => s.description)).toEqual([
      '技改方案通过审查',
      '技改完成并验收',
    ]);
    const again = await call('ins', 'POST', `/api/admission/disposals/${id}/steps`, {
      steppedOn: '2026-11-21',
      description: '再记',
    });
    expect(again.status).toBe(409);
  });

  const application = (mineId: string, over: object = {}) => ({
    mineId,
    projectKind: '改建',
    projectName: 'a金矿改扩建工程',
    appliedOn: '2025-01-10',
    designer: '长沙有色冶金设计研究院',
    miningMethod: '充填法',
    mechanicalScaling: false,
    designCapacityTpa: 200_000,
    serviceLifeYears: 8,
    ...over,
  });

  it('a design without 充填法 needs its 论证 (西藏第9条): 400 on fillingJustification', async () => {
    const res = await call(
      'ent',
      'POST',
      '/api/admission/permits',
      application(deep, { miningMethod: '空场法' }),
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('fillingJustification');
  });

  it('the workflow in order: review → extension (once, ≤ 1 year) → 现场核查 → licence in the registry', async () => {
    expect((await call('ent2', 'POST', '/api/admission/permits', application(deep))).status).toBe(
      400,
    );
    const applied = await call<PermitResponse>(
      'ent',
      'POST',
      '/api/admission/permits',
      application(deep),
    );
    expect(applied.status).toBe(201);
    const id = applied.body.id;
    const url = (step: string) => `/api/admission/permits/${id}/${step}`;
    // The enterprise decides nothing; another county cannot see it.
    expect(
      (
        await call('ent', 'POST', url('design-review'), {
          reviewedOn: '2025-02-01',
          approved: true,
        })
      ).status,
    ).toBe(403);
    expect((await call('insB', 'GET', `/api/admission/permits/${id}`)).status).toBe(404);
    // Out of order: a site check before the design review.
    const early = await call('ins', 'POST', url('site-check'), {
      checkedOn: '2025-02-01',
      passed: true,
      note: '周边环境核查',
    });
    expect(early.status).toBe(409);
    const few = await call('ins', 'POST', url('design-review'), {
      reviewedOn: '2025-02-01',
      approved: true,
      constructionDueOn: '2025-12-31',
      experts: EXPERTS.slice(0, 4),
    });
    expect(few.status).toBe(400);
    expect(JSON.stringify(few.body)).toContain('experts');
    const reviewed = await call<PermitResponse>('ins', 'POST', url('design-review'), {
      reviewedOn: '2025-02-01',
      approved: true,
      constructionDueOn: '2025-12-31',
      experts: EXPERTS,
    });
    expect(reviewed.body).toMatchObject({ state: '建设中', constructionDueOn: '2025-12-31' });
    // 延期 > 1 year: 400 on newDueOn; ≤ 1 year: accepted; a second: 409.
    const long = await call('ins', 'POST', url('extension'), {
      approvedOn: '2025-12-01',
      newDueOn: '2027-01-01',
      reason: '设备到货延迟',
    });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).toContain('newDueOn');
    const ext = await call<PermitResponse>('ins', 'POST', url('extension'), {
      approvedOn: '2025-12-01',
      newDueOn: '2026-12-31',
      reason: '设备到货延迟',
    });
    expect(ext.body).toMatchObject({ constructionDueOn: '2026-12-31', extensions: 1 });
    const second = await call('ins', 'POST', url('extension'), {
      approvedOn: '2025-12-02',
      newDueOn: '2027-03-01',
      reason: '再延',
    });
    expect(second.status).toBe(409);
    // A first application: no licence before the 现场核查.
    const issueEarly = await call('ins', 'POST', url('issue'), {
      licenceNumber: '(晋)FM安许证字〔2026〕A001',
      issuedOn: '2026-11-01',
      expiresOn: '2029-10-31',
    });
    expect(issueEarly.status).toBe(409);
    expect(JSON.stringify(issueEarly.body)).toContain('现场核查');
    await call('ins', 'POST', url('site-check'), {
      checkedOn: '2026-10-20',
      passed: true,
      note: '周边环境、生产生活设施符合要求',
    });
    const issued = await call<PermitResponse>('ins', 'POST', url('issue'), {
      licenceNumber: '(晋)FM安许证字〔2026〕A001',
      issuedOn: '2026-11-01',
      expiresOn: '2029-10-31',
    });
    expect(issued.body).toMatchObject({
      state: '已发证',
      licenceNumber: '(晋)FM安许证字〔2026〕A001',
    });
    const mine = await call<{ licences: { kind: string; number: string }[] }>(
      'ent',
      'GET',
      `/api/mines/${deep}`,
    );
    expect(mine.body.licences.filter((l) => l.kind === '安全生产许可证')).toEqual([
      expect.objectContaining({ number: '(晋)FM安许证字〔2026〕A001' }),
    ]);
    const audit = await call<unknown[]>('ins', 'GET', `/api/audit/permit_application/${id}`);
    expect(audit.body).toHaveLength(5);
  });

  it('the minimum-scale list: capacity from the registry, service life from the approved design', async () => {
    const list = await call<BelowScaleResponse[]>('ins', 'GET', '/api/admission/below-scale');
    const small = list.body.find((m) => m.mineId === ug);
    expect(small?.reasons.join()).toContain('最小开采规模');
    const gold = list.body.find((m) => m.mineId === deep);
    expect(gold?.serviceLifeYears).toBe(8);
    expect(gold?.reasons.join()).toContain('最低服务年限');
    const listB = await call<BelowScaleResponse[]>('insB', 'GET', '/api/admission/below-scale');
    expect(listB.body.some((m) => m.mineId === ug)).toBe(false);
  });

  it('method findings: 4 levels at a small mine, 机械撬毛 not in the design of an 850 m mine', async () => {
    const res = await call<MethodFindingResponse[]>('ent', 'GET', '/api/admission/method-findings');
    expect(res.body.find((f) => f.mineId === ug)?.kind).toBe('生产水平超限');
    expect(res.body.find((f) => f.mineId === deep)).toMatchObject({
      kind: '未采用机械撬毛',
    });
    const other = await call<MethodFindingResponse[]>(
      'ent2',
      'GET',
      '/api/admission/method-findings',
    );
    expect(other.body.some((f) => f.mineId === ug || f.mineId === deep)).toBe(false);
  });
});
