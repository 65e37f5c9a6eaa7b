/**
 * The acts of an overdue hazard's ladder steps through the app (《2024年矿山安全生产工作要点》第20条:
 * 对重大事故隐患整改进展缓慢的及时采取函告、通报、约谈、曝光等措施): the county's regulator makes each act of a
 * reached step — 函告 and 通报 as numbered documents with their PDF, 约谈 as a meeting record whose
 * overdue commitments climb the ladder once, 曝光 on the public page until withdrawn with a reason —
 * another county gets 404, the enterprise sees the acts of its own hazards, bad input is a 400 naming
 * the field.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../../test/helpers/test-database.ts';
import { loginAll, type World } from '../../../../../test/helpers/world.ts';
import { runJobs } from '../../../../../test/helpers/jobs.ts';
import { queryRows } from '../../../platform/db/client.ts';
import type { HazardActsResponse } from '../../../../shared/hazard-acts.schemas.ts';
import { systemPrincipal } from '../../access/principal.ts';
import { verifyDocumentChains } from '../../inspections/documents/document.chain.ts';
import { planHazard } from '../hazard.service.ts';

describe.each(engines)('acts of the ladder steps (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let hazardId: string;
  let c: Record<'reg' | 'viewer' | 'inspector' | 'ent' | 'otherReg' | 'otherEnt', string>;
  const admin = { ...systemPrincipal('test:acts'), role: 'regulator_admin' as const };

  const call = async (
    who: keyof typeof c | null,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
  ) => {
    const res = await app.inject({
      method,
      url,
      ...(who ? { headers: { cookie: c[who] } } : {}),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    const json = String(res.headers['content-type'] ?? '').startsWith('application/json');
    return {
      status: res.statusCode,
      body: (json ? res.json() : {}) as Record<string, unknown> & HazardActsResponse,
      raw: res,
    };
  };
  const act = (who: keyof typeof c, payload: unknown) =>
    call(who, 'POST', `/api/hazards/${hazardId}/acts`, payload);
  const stepOf = (r: HazardActsResponse, step: string) => r.steps.find((s) => s.step === step);
  const firstDetail = (body: unknown) =>
    (body as { details: { path: string; message: string }[] }).details[0];
  const interview = {
    step: '约谈',
    heldOn: '2027-02-20',
    place: '县应急管理局三楼会议室',
    enterpriseAttendees: [{ name: '张矿长', post: '矿长' }],
    parentAttendees: [{ name: '李总', post: '上级公司总经理' }],
    regulatorAttendees: [{ name: '王局长', post: '副局长' }],
    summary: '约谈重大事故隐患整改逾期',
    commitments: [
      { text: '三月一日前完成主井安全出口整改', deadline: '2027-03-01' },
      { text: '四月一日前完成全面复查', deadline: '2027-04-01' },
    ],
  };

  /** Moves the clock to a day (01:00 UTC) and signs everyone in again (sessions follow the clock). */
  const setDay = async (day: string) => {
    t.deps.clock.now = new Date(`${day}T01:00:00Z`);
    c = await loginAll(app, {
      reg: world.a.users.regulator_admin,
      viewer: world.a.users.regulator_viewer,
      inspector: world.a.users.inspector,
      ent: world.a.users.enterprise_admin,
      otherReg: world.b.users.regulator_admin,
      otherEnt: world.a2.users.enterprise_admin,
    });
  };

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    hazardId = world.a.hazardIds[0] ?? '';
    await planHazard(t.deps, admin, hazardId, {
      responsiblePerson: '矿长',
      measures: 'x',
      fundsYuan: 1,
      deadline: '2026-12-20',
      contingencyPlan: 'x',
    });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('a step not yet reached has no act: 409 naming the step', async () => {
    await setDay('2026-12-16');
    const early = await act('reg', { step: '函告' });
    expect(early.status).toBe(409);
    expect(firstDetail(early.body)?.path).toBe('step');
    const list = await call('reg', 'GET', `/api/hazards/${hazardId}/acts`);
    expect(list.body.steps.map((s) => [s.step, s.reachedOn, s.canAct])).toEqual([
      ['函告', null, false],
      ['通报', null, false],
      ['约谈', null, false],
      ['曝光', null, false],
    ]);
  });

  it('once the ladder reached them, the county regulator may make every act', async () => {
    await setDay('2027-02-20'); // 62 days after the deadline
    await runJobs(t.deps);
    const list = await call('reg', 'GET', `/api/hazards/${hazardId}/acts`);
    expect(list.body.steps.map((s) => [s.step, s.reachedOn, s.canAct])).toEqual([
      ['函告', '2026-12-21', true],
      ['通报', '2027-01-04', true],
      ['约谈', '2027-01-19', true],
      ['曝光', '2027-02-18', true],
    ]);
    // A regulator of the county who may only read sees the steps but may not act.
    const viewer = await call('viewer', 'GET', `/api/hazards/${hazardId}/acts`);
    expect(viewer.body.steps.every((s) => !s.canAct)).toBe(true);
  });

  it('another county gets 404 on every act route; the enterprise may not act (403)', async () => {
    expect((await call('otherReg', 'GET', `/api/hazards/${hazardId}/acts`)).status).toBe(404);
    expect((await act('otherReg', { step: '函告' })).status).toBe(404);
    expect((await act('otherReg', { step: '曝光', reason: '逾期' })).status).toBe(404);
    expect((await act('otherReg', interview)).status).toBe(404);
    // Another enterprise of the same county does not see the hazard at all.
    expect((await call('otherEnt', 'GET', `/api/hazards/${hazardId}/acts`)).status).toBe(404);
    expect((await act('ent', { step: '函告' })).status).toBe(403);
  });

  let letterId = '';
  it('函告 is a numbered document of the unit, drafted from the hazard, signed by its maker', async () => {
    const made = await act('reg', { step: '函告' });
    expect(made.status).toBe(201);
    const doc = stepOf(made.body, '函告')?.document;
    expect(doc?.number).toMatch(/（函）〔2027〕1号$/);
    expect(doc?.state).toBe('草稿');
    expect(stepOf(made.body, '函告')?.canAct).toBe(false);
    letterId = doc?.id ?? '';
    // Made once: a second 函告 is a conflict.
    expect((await act('reg', { step: '函告' })).status).toBe(409);
    const full = await call('reg', 'GET', `/api/documents/${letterId}`);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ template: '函告', hazardId, inspectionId: null });
    const fields = full.body['fields'] as Record<string, string>;
    expect(fields['facts']).toContain(world.a.mines[0]?.name ?? '?');
    expect(fields['basis']).toContain('《2024年矿山安全生产工作要点》第20条');
    // The enterprise does not see a draft.
    const entView = await call('ent', 'GET', `/api/hazards/${hazardId}/acts`);
    expect(entView.status).toBe(200);
    expect(stepOf(entView.body, '函告')?.document).toBeNull();
    // The reply deadline is filled in a new revision (chained by hash), then the maker signs.
    const revised = await call('reg', 'PUT', `/api/documents/${letterId}`, {
      fields: { replyBy: '2027-03-05' },
      baseSeq: 1,
    });
    expect(revised.status).toBe(200);
    const revisions = revised.body['revisions'] as { hash: string; prevHash: string }[];
    expect(revisions[1]?.prevHash).toBe(revisions[0]?.hash);
    // Only its maker signs it (谁签名、谁负责).
    expect(
      (await call('inspector', 'POST', `/api/documents/${letterId}/signatures`, { seq: 2 })).status,
    ).toBe(403);
    const signed = await call('reg', 'POST', `/api/documents/${letterId}/signatures`, { seq: 2 });
    expect(signed.status).toBe(201);
    expect(signed.body['state']).toBe('已签发');
    // Issued: the enterprise now sees it on its hazard and receives its copy.
    const after = await call('ent', 'GET', `/api/hazards/${hazardId}/acts`);
    expect(stepOf(after.body, '函告')?.document).toMatchObject({ id: letterId, state: '已签发' });
    const copy = await call('ent', 'GET', `/api/received-documents/${letterId}/pdf`);
    expect(copy.status).toBe(200);
  });

  it('the PDF of a 函告 renders with the CJK font', async () => {
    const pdf = (await call('reg', 'GET', `/api/documents/${letterId}/pdf`)).raw;
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toMatch(/FontFile2|FontFile3/);
    // Another county cannot download it.
    expect((await call('otherReg', 'GET', `/api/documents/${letterId}/pdf`)).status).toBe(404);
  });

  it("the hash chain check covers the 函告: its revisions and its maker's signature verify", async () => {
    const { problems } = await verifyDocumentChains(t.database.db);
    expect(problems).toEqual([]);
  });

  it('通报 is a numbered document too', async () => {
    const made = await act('reg', { step: '通报' });
    expect(made.status).toBe(201);
    expect(stepOf(made.body, '通报')?.document?.number).toMatch(/（通）〔2027〕1号$/);
  });

  it('a 约谈 with bad input is a 400 naming the field, and writes nothing', async () => {
    const { parentAttendees: _omitted, ...noParent } = interview;
    const missing = await act('reg', noParent);
    expect(missing.status).toBe(400);
    expect(firstDetail(missing.body)?.path).toBe('body.parentAttendees');
    const late = await act('reg', {
      ...interview,
      commitments: [{ text: '整改', deadline: '2027-02-19' }],
    });
    expect(late.status).toBe(400);
    expect(firstDetail(late.body)?.path).toBe('commitments.0.deadline');
    const future = await act('reg', { ...interview, heldOn: '2027-03-01' });
    expect(future.status).toBe(400);
    expect(firstDetail(future.body)?.path).toBe('heldOn');
    const list = await call('reg', 'GET', `/api/hazards/${hazardId}/acts`);
    expect(stepOf(list.body, '约谈')?.interview).toBeNull();
  });

  it('a 约谈 is recorded with its attendees and commitments; the enterprise sees it', async () => {
    const made = await act('reg', interview);
    expect(made.status).toBe(201);
    const rec = stepOf(made.body, '约谈')?.interview;
    expect(rec).toMatchObject({
      heldOn: '2027-02-20',
      place: interview.place,
      parentAttendees: [{ name: '李总', post: '上级公司总经理' }],
    });
    expect(rec?.commitments.map((x) => [x.deadline, x.overdue])).toEqual([
      ['2027-03-01', false],
      ['2027-04-01', false],
    ]);
    expect((await act('reg', interview)).status).toBe(409);
    const ent = await call('ent', 'GET', `/api/hazards/${hazardId}/acts`);
    expect(stepOf(ent.body, '约谈')?.interview?.commitments).toHaveLength(2);
  });

  it('a 约谈 commitment past its deadline becomes a ladder step exactly once', async () => {
    const commitmentSteps = () =>
      queryRows<{ step: string; due_on: string }>(
        t.database.db,
        sql`SELECT step, due_on::text FROM escalations WHERE subject_type = 'hazard_commitment' ORDER BY id`,
      );
    await setDay('2027-03-01'); // the deadline itself: not yet overdue
    expect((await runJobs(t.deps))['hazards.escalateCommitments']).toEqual({
      commitments: 0,
      steps: 0,
    });
    await setDay('2027-03-02');
    expect((await runJobs(t.deps))['hazards.escalateCommitments']).toEqual({
      commitments: 1,
      steps: 1,
    });
    expect((await runJobs(t.deps))['hazards.escalateCommitments']).toEqual({
      commitments: 0,
      steps: 0,
    });
    expect((await commitmentSteps()).map((r) => `${r.step}@${r.due_on}`)).toEqual([
      '承诺逾期@2027-03-02',
    ]);
    const detail = await call('reg', 'GET', `/api/hazards/${hazardId}`);
    const timeline = detail.body['timeline'] as { action: string; note: string }[];
    expect(timeline.filter((e) => e.action === 'commitment_escalate')).toHaveLength(1);
    // The enterprise is told, and the notice leads to the hazard.
    const notes = (await call('ent', 'GET', '/api/notifications')).raw.json<
      { title: string; subjectType: string; subjectId: string }[]
    >();
    expect(
      notes.filter((n) => n.title.startsWith('约谈承诺升级 (承诺逾期)')).map((n) => n.subjectId),
    ).toEqual([hazardId]);
    const list = await call('reg', 'GET', `/api/hazards/${hazardId}/acts`);
    expect(stepOf(list.body, '约谈')?.interview?.commitments.map((x) => x.overdue)).toEqual([
      true,
      false,
    ]);
    // A fulfilled commitment never climbs: the second is fulfilled before its deadline.
    const second = stepOf(list.body, '约谈')?.interview?.commitments[1]?.id ?? '';
    expect(
      (
        await call('reg', 'POST', `/api/hazards/${hazardId}/commitments/${second}/fulfil`, {
          fulfilledOn: '2027-03-02',
        })
      ).status,
    ).toBe(200);
    await setDay('2027-04-10');
    await runJobs(t.deps);
    expect(await commitmentSteps()).toHaveLength(1);
  });

  let exposureId = '';
  it('曝光 puts the mine and hazard on the public page, without login', async () => {
    const bad = await act('reg', { step: '曝光', reason: '   ' });
    expect(bad.status).toBe(400);
    expect(firstDetail(bad.body)?.path).toBe('body.reason');
    const made = await act('reg', {
      step: '曝光',
      reason: '重大事故隐患逾期未整改，经函告、通报、约谈仍未整改到位',
    });
    expect(made.status).toBe(201);
    exposureId = stepOf(made.body, '曝光')?.exposures[0]?.id ?? '';
    expect(stepOf(made.body, '曝光')?.exposures[0]).toMatchObject({
      exposedOn: '2027-04-10',
      withdrawn: null,
    });
    expect((await act('reg', { step: '曝光', reason: '再次' })).status).toBe(409);
    const pub = await call(null, 'GET', '/api/public/exposures');
    expect(pub.status).toBe(200);
    const listed = (pub.body as unknown as { exposures: Record<string, string>[] }).exposures;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      mineName: world.a.mines[0]?.name,
      exposedOn: '2027-04-10',
      reason: '重大事故隐患逾期未整改，经函告、通报、约谈仍未整改到位',
    });
    expect(JSON.stringify(listed)).not.toContain(hazardId);
    // Filtered by region: county B has none.
    const other = await call(null, 'GET', `/api/public/exposures?region=${world.b.county}`);
    expect((other.body as unknown as { exposures: unknown[] }).exposures).toEqual([]);
    const bad2 = await call(null, 'GET', '/api/public/exposures?region=abc');
    expect(bad2.status).toBe(400);
    expect(firstDetail(bad2.body)?.path).toBe('querystring.region');
  });

  it('withdrawing an 曝光 needs a reason; it leaves the public page and stays in the audit history', async () => {
    const url = `/api/hazards/${hazardId}/exposures/${exposureId}/withdraw`;
    expect((await call('otherReg', 'POST', url, { reason: '误发' })).status).toBe(404);
    expect((await call('ent', 'POST', url, { reason: '误发' })).status).toBe(403);
    const noReason = await call('reg', 'POST', url, {});
    expect(noReason.status).toBe(400);
    expect(firstDetail(noReason.body)?.path).toBe('body.reason');
    const done = await call('reg', 'POST', url, { reason: '企业已完成整改并经验收' });
    expect(done.status).toBe(200);
    expect(stepOf(done.body, '曝光')?.exposures[0]?.withdrawn?.reason).toBe(
      '企业已完成整改并经验收',
    );
    expect((await call('reg', 'POST', url, { reason: '再次' })).status).toBe(409);
    const pub = await call(null, 'GET', '/api/public/exposures');
    expect((pub.body as unknown as { exposures: unknown[] }).exposures).toEqual([]);
    type Event = { type: string; before: unknown; after: unknown };
    const history = (await call('reg', 'GET', `/api/audit/hazard/${hazardId}`)).raw.json<Event[]>();
    const types = history.map((e) => e.type);
    expect(types.filter((x) => x === 'hazards.hazard.act_made')).toHaveLength(4);
    // The withdrawal's reason is the regulators': its event is not in the hazard's history the
    // enterprise reads, and the enterprise cannot open the regulators' one.
    expect(types).not.toContain('hazards.hazard.exposure_withdrawn');
    const exposureUrl = `/api/audit/hazard_exposure/${hazardId}`;
    expect((await call('ent', 'GET', exposureUrl)).status).toBe(403);
    const withdrawals = (await call('reg', 'GET', exposureUrl)).raw.json<Event[]>();
    const withdrawn = withdrawals.find((e) => e.type === 'hazards.hazard.exposure_withdrawn');
    expect(withdrawn?.after).toMatchObject({
      exposureId,
      withdrawnReason: '企业已完成整改并经验收',
    });
    expect(withdrawn?.before).toMatchObject({
      reason: '重大事故隐患逾期未整改，经函告、通报、约谈仍未整改到位',
    });
    // Once withdrawn, the step may be acted on again.
    const list = await call('reg', 'GET', `/api/hazards/${hazardId}/acts`);
    expect(stepOf(list.body, '曝光')?.canAct).toBe(true);
  });
});
