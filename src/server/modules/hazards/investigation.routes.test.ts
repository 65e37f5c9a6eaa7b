/**
 * 重大事故隐患调查 and its 倒查 over HTTP (issue 24, on both engines): 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第8条 and
 * 《2024年矿山安全生产工作要点》第21条 (成立调查组, 查明原因, 认定责任, 提出问责建议, 倒查上级公司), in order; and the 执法责任倒查
 * list of 方案第27条 / 要点第45条 (重大事故隐患长期未查出): the inspections of the mine in the N months (setting
 * hazards.investigationLookbackMonths) up to the day the hazard was found, with their inspectors — one just inside
 * the window listed, one just outside not. Another county gets 404; an enterprise can neither read nor act.
 */
import { describe, expect, it } from 'vitest';
import { engines } from '../../../../test/helpers/test-database.ts';
import { principalOfUser } from '../../../../test/helpers/world-enforcement.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import { addMonths, addDays } from '../../../shared/dates.ts';
import { createInspection } from '../inspections/records/inspection.service.ts';

interface View {
  investigation: {
    team: string[];
    concludedOn: string | null;
    proposal: string | null;
    enforcementReview: string | null;
  } | null;
  lookback: {
    months: number;
    from: string;
    to: string;
    parentCompany: string | null;
    inspections: { id: string; inspectedOn: string; unitName: string; inspectors: string[] }[];
  };
  canInvestigate: boolean;
}
interface Failure {
  details: { path: string }[];
}

describe.each(engines)('hazards: investigation and 倒查 (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    ins: w.a.users.inspector,
    view: w.a.users.regulator_viewer,
    bins: w.b.users.inspector,
    ent: w.a.users.enterprise_admin,
  }));
  const hazardId = () => ctx.world.a.hazardIds[0] ?? '';

  it('方案第27条/要点第45条: the 倒查 lists the inspections of the N months before the hazard was found, with their inspectors (boundary)', async () => {
    const hazard = await call<{ mineId: string; foundOn: string }>(
      'ins',
      'GET',
      `/api/hazards/${hazardId()}`,
    );
    const { mineId, foundOn } = hazard.body;
    const inspector = await principalOfUser(ctx.t.deps, ctx.world.a.users.inspector ?? '');
    const admin = await principalOfUser(ctx.t.deps, ctx.world.a.users.regulator_admin ?? '');
    const from = addMonths(foundOn, -12);
    const made: Record<string, string> = {};
    for (const day of [addDays(from, -1), from, foundOn, addDays(foundOn, 1)]) {
      const i = await createInspection(ctx.t.deps, inspector, {
        mineId,
        kind: '常规',
        inspectedOn: day,
        teamUserIds: [inspector.userId, admin.userId],
        checklistCriterionIds: [],
        customItems: ['安全出口是否畅通'],
      });
      made[day] = i.id;
    }
    const res = await call<View>('ins', 'GET', `/api/hazards/${hazardId()}/investigation`);
    expect(res.status).toBe(200);
    expect(res.body.lookback).toMatchObject({ months: 12, from, to: foundOn });
    const listed = res.body.lookback.inspections;
    // Just inside (N months before, and the day it was found) listed; a day earlier or later not.
    expect(listed.map((i) => i.inspectedOn)).toEqual([from, foundOn]);
    expect(listed.map((i) => i.id)).toEqual([made[from], made[foundOn]]);
    expect(listed[0]?.inspectors).toHaveLength(2);
    expect(listed[0]?.unitName).toBeTruthy();
    expect(res.body.investigation).toBeNull();
    // The viewer reads it, may not act.
    const viewer = await call<View>('view', 'GET', `/api/hazards/${hazardId()}/investigation`);
    expect(viewer.body.canInvestigate).toBe(false);
  });

  it('方案第8条/要点第21条: 成立调查组 then 结论 (原因, 责任, 问责建议, 倒查), in order; bad input by field', async () => {
    const conclusion = {
      concludedOn: '2026-11-22',
      cause: '企业未落实劳动定员制度',
      responsibility: '矿长负主要责任',
      proposal: '建议对矿长予以罚款并约谈上级公司主要负责人',
      parentCompanyReview: '上级公司未开展季度排查',
      enforcementReview: '2026-05 的检查未查出, 建议对带队人批评教育',
    };
    const early = await call(
      'ins',
      'POST',
      `/api/hazards/${hazardId()}/investigation/conclusion`,
      conclusion,
    );
    expect(early.status).toBe(409);
    const noTeam = await call<Failure>('ins', 'POST', `/api/hazards/${hazardId()}/investigation`, {
      openedOn: '2026-11-20',
      team: [],
    });
    expect(noTeam.status).toBe(400);
    expect(noTeam.body.details[0]?.path).toContain('team');
    const beforeFound = await call<Failure>(
      'ins',
      'POST',
      `/api/hazards/${hazardId()}/investigation`,
      { openedOn: '2026-10-01', team: ['王五'] },
    );
    expect(beforeFound.status).toBe(400);
    expect(beforeFound.body.details[0]?.path).toBe('openedOn');
    const opened = await call<View>('ins', 'POST', `/api/hazards/${hazardId()}/investigation`, {
      openedOn: '2026-11-20',
      team: ['王五 (县应急局)', '赵六 (县应急局)'],
    });
    expect(opened.status).toBe(201);
    expect(opened.body.investigation?.team).toHaveLength(2);
    expect(
      (
        await call('ins', 'POST', `/api/hazards/${hazardId()}/investigation`, {
          openedOn: '2026-11-20',
          team: ['x'],
        })
      ).status,
    ).toBe(409);
    const noProposal = await call<Failure>(
      'ins',
      'POST',
      `/api/hazards/${hazardId()}/investigation/conclusion`,
      { ...conclusion, proposal: '' },
    );
    expect(noProposal.status).toBe(400);
    expect(noProposal.body.details[0]?.path).toContain('proposal');
    // Submitted twice at once (on PostgreSQL truly in parallel): one conclusion, the other a 409.
    const both = await Promise.all(
      [0, 1].map(() =>
        call<View>(
          'ins',
          'POST',
          `/api/hazards/${hazardId()}/investigation/conclusion`,
          conclusion,
        ),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const done = both.find((r) => r.status === 200);
    expect(done?.body.investigation).toMatchObject({
      concludedOn: '2026-11-22',
      proposal: conclusion.proposal,
      enforcementReview: conclusion.enforcementReview,
    });
  });

  it('jurisdiction: another county 404 on each route; the enterprise can neither read the 倒查 nor act', async () => {
    const path = `/api/hazards/${hazardId()}/investigation`;
    expect((await call('bins', 'GET', path)).status).toBe(404);
    expect((await call('bins', 'POST', path, { openedOn: '2026-11-20', team: ['x'] })).status).toBe(
      404,
    );
    expect(
      (
        await call('bins', 'POST', `${path}/conclusion`, {
          concludedOn: '2026-11-22',
          cause: 'x',
          responsibility: 'x',
          proposal: 'x',
        })
      ).status,
    ).toBe(404);
    expect((await call('ent', 'GET', path)).status).toBe(403);
    expect((await call('ent', 'POST', path, { openedOn: '2026-11-20', team: ['x'] })).status).toBe(
      403,
    );
  });
});
