/**
 * 异地交叉执法 over HTTP, on both engines (《2024年矿山安全生产工作要点》第41条: 建立完善异地执法人才库…开展异地交叉执法; 西藏
 * 《非煤矿山系统安全生产治本攻坚三年行动方案》第20条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第23条). The world's counties lie in
 * two cities of 山西 (原平 140981 in 忻州, 乡宁 141029 in 临汾): only a unit above both — the province here — may
 * send 乡宁's inspectors to 原平. A member of the pool sees the arrangement's mines and the inspections made
 * under it, nothing else, and nothing before its start or after its end; its records count for both
 * counties; the county inspected is not told of it (四不两直).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, DAY_MS, todayIn } from '../../../../shared/dates.ts';
import type {
  CrossArrangementMineResponse as Mine,
  CrossArrangementResponse as Arrangement,
} from '../../../../shared/inspection-cross.schemas.ts';
import type { InspectionResponse as Inspection } from '../../../../shared/inspections.schemas.ts';
import { engines } from '../../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../../test/helpers/world-app.ts';
import { principalOfUser } from '../../../../../test/helpers/world-enforcement.ts';
import { PASSWORD, loginAll } from '../../../../../test/helpers/world.ts';
import { createOrganisation, createUser } from '../../access/access.service.ts';
import { systemPrincipal } from '../../access/principal.ts';

interface Refused {
  details: { path: string; message: string }[];
}

describe.each(engines)('异地交叉执法 (%s)', (engine) => {
  const users = (w: {
    a: { users: Record<string, string> };
    b: { users: Record<string, string> };
  }) => ({
    aadm: w.a.users.regulator_admin ?? '',
    ains: w.a.users.inspector ?? '',
    badm: w.b.users.regulator_admin ?? '',
    bins: w.b.users.inspector ?? '',
    prov: 'sx.admin',
  });
  const { ctx, call } = useWorldApp(engine, (w) => {
    const u = users(w);
    // The province's administrator is made in beforeAll below, before anyone logs in as it.
    const { prov: _prov, ...county } = u;
    return county;
  });
  const ids = { aUnit: '', bUnit: '', aIns: '', aAdm: '', bIns: '', bAdm: '' };
  let today = '';
  const relogin = async () => Object.assign(ctx.cookies, await loginAll(ctx.app, users(ctx.world)));

  beforeAll(async () => {
    const province = await createOrganisation(ctx.t.deps, systemPrincipal('test'), {
      name: '山西省应急管理厅',
      kind: 'regulator',
      regionCode: '140000',
    });
    await createUser(ctx.t.deps, systemPrincipal('test'), {
      username: 'sx.admin',
      displayName: '省厅执法处',
      password: PASSWORD,
      role: 'regulator_admin',
      organisationId: province.id,
    });
    const p = (name: string) => principalOfUser(ctx.t.deps, name);
    const [aIns, aAdm, bIns, bAdm] = await Promise.all([
      p(ctx.world.a.users.inspector),
      p(ctx.world.a.users.regulator_admin),
      p(ctx.world.b.users.inspector),
      p(ctx.world.b.users.regulator_admin),
    ]);
    Object.assign(ids, {
      aUnit: aIns.organisationId,
      bUnit: bIns.organisationId,
      aIns: aIns.userId,
      aAdm: aAdm.userId,
      bIns: bIns.userId,
      bAdm: bAdm.userId,
    });
    today = todayIn(ctx.t.deps.clock);
    await relogin();
  });

  /** 乡宁's inspectors to 原平 for a week from `from`. */
  const arrangement = (from = today, o: Record<string, unknown> = {}) => ({
    name: '乡宁赴原平异地交叉执法',
    targetRegion: ctx.world.a.county,
    unitIds: [ids.bUnit],
    memberUserIds: [ids.bIns, ids.bAdm],
    startsOn: from,
    endsOn: addDays(from, 6),
    ...o,
  });
  const crossInspection = (id: string, o: Record<string, unknown> = {}) => ({
    mineId: ctx.world.a.mines[0]?.id,
    kind: '交叉执法',
    crossArrangementId: id,
    inspectedOn: today,
    teamUserIds: [ids.bIns, ids.bAdm],
    ...o,
  });

  it('a unit that is not a common superior of the units and the region cannot make one; the province can', async () => {
    // 原平's own unit: the region inspected is its own and 乡宁's unit is not below it.
    const own = await call<Refused>('aadm', 'POST', '/api/cross-inspections', arrangement());
    expect(own.status).toBe(400);
    expect(own.body.details[0]?.path).toBe('targetRegion');
    // 乡宁's unit sending itself to 原平: 原平 is outside its jurisdiction.
    const sideways = await call<Refused>('badm', 'POST', '/api/cross-inspections', arrangement());
    expect(sideways.status).toBe(400);
    expect(sideways.body.details[0]?.path).toBe('targetRegion');
    // An inspector may not arrange at all.
    expect((await call('bins', 'POST', '/api/cross-inspections', arrangement())).status).toBe(403);
    // The province: 原平's own unit does not inspect 原平 across (not 异地); the pool comes from the units sent.
    const local = await call<Refused>(
      'prov',
      'POST',
      '/api/cross-inspections',
      arrangement(today, { unitIds: [ids.aUnit], memberUserIds: [ids.aIns, ids.aAdm] }),
    );
    expect(local.status).toBe(400);
    expect(local.body.details[0]?.path).toBe('unitIds.0');
    const stranger = await call<Refused>(
      'prov',
      'POST',
      '/api/cross-inspections',
      arrangement(today, { memberUserIds: [ids.bIns, ids.aIns] }),
    );
    expect(stranger.status).toBe(400);
    expect(stranger.body.details[0]?.path).toBe('memberUserIds.1');
    const backwards = await call<Refused>(
      'prov',
      'POST',
      '/api/cross-inspections',
      arrangement(today, { endsOn: addDays(today, -1) }),
    );
    expect(backwards.body.details[0]?.path).toBe('endsOn');
    const made = await call<Arrangement>('prov', 'POST', '/api/cross-inspections', arrangement());
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      targetRegion: ctx.world.a.county,
      state: '进行中',
      units: [{ id: ids.bUnit }],
    });
    expect(made.body.members.map((m) => m.userId).sort()).toEqual([ids.bIns, ids.bAdm].sort());
  });

  it('a member sees the arrangement’s mines and the inspections made under it, and nothing else; its records count for both counties', async () => {
    const made = (await call<Arrangement>('prov', 'POST', '/api/cross-inspections', arrangement()))
      .body;
    // The member sees it and its mines: 原平's, every one, and only those.
    expect((await call('bins', 'GET', `/api/cross-inspections/${made.id}`)).status).toBe(200);
    const mines = await call<Mine[]>('bins', 'GET', `/api/cross-inspections/${made.id}/mines`);
    expect(mines.status).toBe(200);
    expect(mines.body.length).toBeGreaterThan(0);
    expect(mines.body.every((m) => m.countyCode === ctx.world.a.county)).toBe(true);
    expect(mines.body.map((m) => m.id)).toContain(ctx.world.a2.mines[0]?.id);
    // 原平's county is not told (四不两直): it does not see the arrangement.
    expect((await call('aadm', 'GET', `/api/cross-inspections/${made.id}`)).status).toBe(404);
    const listed = await call<Arrangement[]>('aadm', 'GET', '/api/cross-inspections');
    expect(listed.body.some((x) => x.id === made.id)).toBe(false);

    // 交叉执法 without an arrangement, a team member outside the pool, a mine outside the region: refused.
    const bare = await call<Refused>('bins', 'POST', '/api/inspections', {
      ...crossInspection(made.id),
      crossArrangementId: undefined,
    });
    expect(bare.body.details[0]?.path).toBe('crossArrangementId');
    const mixed = await call<Refused>(
      'bins',
      'POST',
      '/api/inspections',
      crossInspection(made.id, { teamUserIds: [ids.bIns, ids.aIns] }),
    );
    expect(mixed.body.details[0]?.path).toBe('teamUserIds.1');
    const home = await call<Refused>(
      'bins',
      'POST',
      '/api/inspections',
      crossInspection(made.id, { mineId: ctx.world.b.mines[0]?.id }),
    );
    expect(home.status).toBe(400);
    expect(home.body.details[0]?.path).toBe('mineId');
    // 原平's own inspector is not in the pool.
    const local = await call<Refused>(
      'ains',
      'POST',
      '/api/inspections',
      crossInspection(made.id, { teamUserIds: [ids.aIns, ids.aAdm] }),
    );
    expect(local.body.details[0]?.path).toBe('crossArrangementId');

    const done = await call<Inspection>(
      'bins',
      'POST',
      '/api/inspections',
      crossInspection(made.id),
    );
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ crossArrangementId: made.id, unannounced: true });
    // The member works on it: a major hazard enters 原平's hazards ledger.
    const finding = await call<Inspection>(
      'bins',
      'POST',
      `/api/inspections/${done.body.id}/findings`,
      {
        kind: '重大事故隐患',
        criterionId: ctx.world.a.criterionId,
        description: '交叉执法发现: 超定员组织生产',
        location: '1101 工作面',
      },
    );
    expect(finding.status).toBe(201);
    const hazardId = finding.body.findings[0]?.hazardId ?? '';
    expect((await call('aadm', 'GET', `/api/hazards/${hazardId}`)).status).toBe(200);
    const mine = await call<{ items: { id: string }[] }>('bins', 'GET', '/api/inspections');
    expect(mine.body.items.map((i) => i.id)).toContain(done.body.id);
    // Nothing else of 原平: not its mines in the registry, not its other inspections, not its hazards.
    expect((await call('bins', 'GET', `/api/mines/${ctx.world.a.mines[0]?.id}`)).status).toBe(404);
    expect(
      (await call('bins', 'GET', `/api/inspections/${ctx.world.a.inspectionIds[0]}`)).status,
    ).toBe(404);
    expect(mine.body.items.map((i) => i.id)).not.toContain(ctx.world.a.inspectionIds[0]);
    expect((await call('bins', 'GET', `/api/hazards/${hazardId}`)).status).toBe(404);
    // 原平 sees the record: it is its mine.
    expect((await call('aadm', 'GET', `/api/inspections/${done.body.id}`)).status).toBe(200);

    // The records count for both units: 乡宁's own statistics and 原平's each hold the inspection.
    const month = today.slice(0, 7);
    type Stats = { regions: { code: string; inspections: number; crossInspections: number }[] };
    const stats = async (who: string, region = '') =>
      (
        await call<Stats>(
          who,
          'GET',
          `/api/inspections/stats?from=${month}&to=${month}${region ? `&region=${region}` : ''}`,
        )
      ).body.regions;
    expect((await stats('badm')).find((r) => r.code === ctx.world.b.county)?.crossInspections).toBe(
      1,
    );
    expect((await stats('aadm')).find((r) => r.code === ctx.world.a.county)?.crossInspections).toBe(
      1,
    );
    const cities = await stats('prov', '140000');
    expect(cities.find((r) => r.code === '140900')?.crossInspections).toBe(1);
    expect(cities.find((r) => r.code === '141000')?.crossInspections).toBe(1);
  });

  it('before its start and after its end a member sees nothing of it; the province always does', async () => {
    const later = (
      await call<Arrangement>(
        'prov',
        'POST',
        '/api/cross-inspections',
        arrangement(addDays(today, 1)),
      )
    ).body;
    expect(later.state).toBe('未开始');
    expect((await call('bins', 'GET', `/api/cross-inspections/${later.id}`)).status).toBe(404);
    expect((await call('bins', 'GET', `/api/cross-inspections/${later.id}/mines`)).status).toBe(
      404,
    );
    const early = await call<Refused>(
      'bins',
      'POST',
      '/api/inspections',
      crossInspection(later.id),
    );
    expect(early.body.details[0]?.path).toBe('crossArrangementId');

    const week = (await call<Arrangement>('prov', 'POST', '/api/cross-inspections', arrangement()))
      .body;
    const done = await call<Inspection>(
      'bins',
      'POST',
      '/api/inspections',
      crossInspection(week.id),
    );
    expect(done.status).toBe(201);
    // The day after its last day (7 days on): the member loses the arrangement, its mines and its records.
    const clock = ctx.t.deps.clock;
    const start = clock.now;
    try {
      clock.advance(7 * DAY_MS);
      await relogin();
      expect((await call('bins', 'GET', `/api/cross-inspections/${week.id}`)).status).toBe(404);
      expect((await call('bins', 'GET', `/api/cross-inspections/${week.id}/mines`)).status).toBe(
        404,
      );
      expect((await call('bins', 'GET', `/api/inspections/${done.body.id}`)).status).toBe(404);
      const listed = await call<{ items: { id: string }[] }>('bins', 'GET', '/api/inspections');
      expect(listed.body.items.map((i) => i.id)).not.toContain(done.body.id);
      const list = await call<Arrangement[]>('bins', 'GET', '/api/cross-inspections');
      expect(list.body.some((x) => x.id === week.id)).toBe(false);
      const after = await call<Refused>(
        'bins',
        'POST',
        '/api/inspections',
        crossInspection(week.id, { inspectedOn: addDays(today, 7) }),
      );
      expect(after.body.details[0]?.path).toBe('crossArrangementId');
      const seen = await call<Arrangement>('prov', 'GET', `/api/cross-inspections/${week.id}`);
      expect(seen.body.state).toBe('已结束');
    } finally {
      clock.now = start;
      await relogin();
    }
  });

  it('the province ends one early, with a reason: the members lose it that day; a member cannot end it', async () => {
    const made = (await call<Arrangement>('prov', 'POST', '/api/cross-inspections', arrangement()))
      .body;
    expect(
      (await call('badm', 'POST', `/api/cross-inspections/${made.id}/end`, { reason: '完成' }))
        .status,
    ).toBe(403);
    const ended = await call<Arrangement>('prov', 'POST', `/api/cross-inspections/${made.id}/end`, {
      reason: '督导组提前完成检查',
    });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({
      state: '已结束',
      endedOn: today,
      endReason: '督导组提前完成检查',
    });
    expect((await call('bins', 'GET', `/api/cross-inspections/${made.id}`)).status).toBe(404);
    expect(
      (await call('prov', 'POST', `/api/cross-inspections/${made.id}/end`, { reason: '再次' }))
        .status,
    ).toBe(409);
  });
});
