/**
 * 瞒报事故 举报 and 追责 over HTTP (issue 24, on both engines): a 瞒报事故 found true is handled by making or
 * linking an accident record marked 瞒报 found by the 举报 (《2024年矿山安全生产工作要点》第33条, 第34条), nothing of the
 * report on the accident the enterprise reads; only a 瞒报事故 goes there; the 追责 step records what was done
 * about the people responsible, once, after 办理 (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第24条: 受理、核实、办理、反馈、追责).
 */
import { describe, expect, it } from 'vitest';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';

interface Filed {
  trackingCode: string;
  secret: string;
}
interface CaseView {
  id: string;
  state: string;
  outcome: string | null;
  linkId: string | null;
  accountability: { measures: string; parties: { name: string }[] } | null;
  events: { step: string; publicNote: string; internalNote: string }[];
}
interface Failure {
  message: string;
  details: { path: string }[];
}

describe.each(engines)('accountability: 瞒报事故 举报 and 追责 (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    ins: w.a.users.inspector,
    bins: w.b.users.inspector,
    ent: w.a.users.enterprise_admin,
  }));
  let ip = 1;
  const file = async (category: string) =>
    (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/public/reports',
        payload: {
          category,
          countyCode: ctx.world.a.county,
          location: '某矿 1105 工作面',
          content: '上月井下死了一个人, 矿上没有上报',
          anonymous: true,
        },
        remoteAddress: `10.9.0.${ip++}`,
      })
    ).json<Filed>();
  const caseOf = async (code: string) => {
    const list = await call<{ id: string; trackingCode: string }[]>(
      'ins',
      'GET',
      '/api/public-reports',
    );
    return list.body.find((r) => r.trackingCode === code)?.id ?? '';
  };
  const verified = async (category: string, result = '属实') => {
    const filed = await file(category);
    const id = await caseOf(filed.trackingCode);
    await call('ins', 'POST', `/api/public-reports/${id}/accept`, { accept: true, note: 'x' });
    await call('ins', 'POST', `/api/public-reports/${id}/verify`, { result, note: '现场核实' });
    return { id, filed };
  };
  const accident = {
    occurredAt: '2026-10-20T08:00:00+08:00',
    kind: '冒顶片帮',
    place: '1105 工作面',
    deaths: 1,
    seriousInjuries: 0,
    directLossYuan: 1_500_000,
    description: '顶板冒落致 1 人死亡, 企业未按规定上报',
  };

  it('要点第33/34条: a 瞒报事故 found true becomes an accident marked 瞒报 (停产整顿 after its death); nothing of the report on it', async () => {
    const { id, filed } = await verified('瞒报事故');
    const mineId = ctx.world.a.mines[0]?.id ?? '';
    // A found-true 瞒报事故 must go to the accident workflow.
    const wrong = await call<Failure>('ins', 'POST', `/api/public-reports/${id}/handle`, {
      outcome: '转为线索',
      note: 'x',
      create: { mineId },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0]?.path).toBe('outcome');
    const missing = await call<Failure>('ins', 'POST', `/api/public-reports/${id}/handle`, {
      outcome: '转为事故调查',
      note: 'x',
      create: { mineId },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.details[0]?.path).toBe('create.accident');
    const handled = await call<CaseView>('ins', 'POST', `/api/public-reports/${id}/handle`, {
      outcome: '转为事故调查',
      note: '查实瞒报',
      create: { mineId, accident },
    });
    expect(handled.status).toBe(200);
    expect(handled.body).toMatchObject({ state: '已办理', outcome: '转为事故调查' });
    const accidentId = handled.body.linkId ?? '';
    const seen = await call<{
      grade: string;
      workflow: {
        concealed: boolean;
        concealedReportId: string | null;
        steps: { step: string; summary: string }[];
      };
    }>('ins', 'GET', `/api/accidents/${accidentId}`);
    expect(seen.body.grade).toBe('一般');
    expect(seen.body.workflow).toMatchObject({ concealed: true, concealedReportId: id });
    expect(seen.body.workflow.steps.map((s) => s.step)).toEqual(['瞒报查实']);
    const mine = await call<{ status: string }>('ins', 'GET', `/api/mines/${mineId}`);
    expect(mine.body.status).toBe('停产整顿');
    // The enterprise reads the accident but nothing of the report: no code, no case id.
    const ent = await call('ent', 'GET', `/api/accidents/${accidentId}`);
    expect(ent.status).toBe(200);
    expect(JSON.stringify(ent.body)).not.toContain(filed.trackingCode);
    expect(JSON.stringify(ent.body)).not.toContain(id);
    expect(JSON.stringify(ent.body)).not.toContain('矿上没有上报');
  });

  it('要点第34条: a concealed 较大 accident is 提级调查 before its 调查认定 (409 until then)', async () => {
    const { id } = await verified('瞒报事故');
    const handled = await call<CaseView>('ins', 'POST', `/api/public-reports/${id}/handle`, {
      outcome: '转为事故调查',
      note: '查实瞒报',
      // Three deaths: 较大 (《矿山生产安全事故报告和调查处理办法》), investigated by the city (条例第十九条).
      create: { mineId: ctx.world.a.mines[1]?.id ?? '', accident: { ...accident, deaths: 3 } },
    });
    const accidentId = handled.body.linkId ?? '';
    type Workflow = { stage: string; escalationRequired: boolean; investigationLevel: string };
    const seen = await call<{ grade: string; workflow: Workflow }>(
      'ins',
      'GET',
      `/api/accidents/${accidentId}`,
    );
    expect(seen.body.grade).toBe('较大');
    expect(seen.body.workflow).toMatchObject({
      escalationRequired: true,
      investigationLevel: '市级',
    });
    const finding = {
      concludedOn: '2026-11-22',
      nature: '责任事故',
      cause: '违章作业',
      finding: '一起瞒报的较大生产安全责任事故',
      parties: [{ kind: '个人', name: '李四', role: '矿长', handling: '移送司法机关' }],
    };
    const early = await call<Failure>(
      'ins',
      'POST',
      `/api/accidents/${accidentId}/finding`,
      finding,
    );
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('第34条');
    const raised = await call<{ workflow: Workflow }>(
      'ins',
      'POST',
      `/api/accidents/${accidentId}/escalate`,
      { level: '省级', unit: '山西省人民政府事故调查组', reason: '瞒报较大事故, 一律提级调查' },
    );
    expect(raised.status).toBe(200);
    expect(raised.body.workflow).toMatchObject({
      escalationRequired: false,
      investigationLevel: '省级',
    });
    const found = await call<{ workflow: Workflow }>(
      'ins',
      'POST',
      `/api/accidents/${accidentId}/finding`,
      finding,
    );
    expect(found.status).toBe(200);
    expect(found.body.workflow.stage).toBe('已认定');
  });

  it('要点第33条: a 瞒报事故 links an accident filed before; another category cannot go to the accident workflow', async () => {
    const filedBefore = await call<{ id: string }>('ins', 'POST', '/api/accidents', {
      ...accident,
      mineId: ctx.world.a.mines[1]?.id ?? '',
      deaths: 0,
      seriousInjuries: 1,
      occurredAt: '2026-11-01T08:00:00+08:00',
    });
    const { id } = await verified('瞒报事故');
    const linked = await call<CaseView>('ins', 'POST', `/api/public-reports/${id}/handle`, {
      outcome: '转为事故调查',
      note: '关联已补报事故',
      linkId: filedBefore.body.id,
    });
    expect(linked.body.linkId).toBe(filedBefore.body.id);
    const seen = await call<{ workflow: { concealed: boolean } }>(
      'ins',
      'GET',
      `/api/accidents/${filedBefore.body.id}`,
    );
    expect(seen.body.workflow.concealed).toBe(true);
    const other = await verified('非法违法开采');
    const refused = await call<Failure>('ins', 'POST', `/api/public-reports/${other.id}/handle`, {
      outcome: '转为事故调查',
      note: 'x',
      linkId: filedBefore.body.id,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details[0]?.path).toBe('outcome');
    // A 瞒报事故 found untrue marks no accident; it needs no handling.
    const untrue = await verified('瞒报事故', '不属实');
    const marked = await call<Failure>('ins', 'POST', `/api/public-reports/${untrue.id}/handle`, {
      outcome: '转为事故调查',
      note: 'x',
      linkId: filedBefore.body.id,
    });
    expect(marked.status).toBe(400);
    expect(marked.body.details[0]?.path).toBe('outcome');
    expect(
      (
        await call('ins', 'POST', `/api/public-reports/${untrue.id}/handle`, {
          outcome: '无需处理',
          note: '经核实无瞒报',
        })
      ).status,
    ).toBe(200);
  });

  it('方案第24条 追责: after 办理 only, once, by the handling unit; the reporter sees that it was done, not the names', async () => {
    const { id, filed } = await verified('瞒报事故');
    const early = await call('ins', 'POST', `/api/public-reports/${id}/accountability`, {
      measures: '矿长移送司法机关',
    });
    expect(early.status).toBe(409);
    await call('ins', 'POST', `/api/public-reports/${id}/handle`, {
      outcome: '转为事故调查',
      note: '查实瞒报',
      create: { mineId: ctx.world.a.mines[1]?.id ?? '', accident: { ...accident, deaths: 0 } },
    });
    const bad = await call<Failure>('ins', 'POST', `/api/public-reports/${id}/accountability`, {
      measures: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]?.path).toContain('measures');
    expect(
      (
        await call('bins', 'POST', `/api/public-reports/${id}/accountability`, {
          measures: 'x',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call('ent', 'POST', `/api/public-reports/${id}/accountability`, {
          measures: 'x',
        })
      ).status,
    ).toBe(403);
    const done = await call<CaseView>('ins', 'POST', `/api/public-reports/${id}/accountability`, {
      measures: '对瞒报事故的企业处以罚款, 责任人移送司法机关',
      parties: [{ name: '李四', role: '矿长', handling: '移送司法机关' }],
    });
    expect(done.status).toBe(200);
    expect(done.body.accountability?.parties.map((p) => p.name)).toEqual(['李四']);
    expect(done.body.events.at(-1)).toMatchObject({
      step: '追责',
      publicNote: '已对相关责任单位和人员依法追责',
    });
    expect(
      (
        await call('ins', 'POST', `/api/public-reports/${id}/accountability`, {
          measures: '再次追责',
        })
      ).status,
    ).toBe(409);
    const tracked = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/reports/track',
      payload: { trackingCode: filed.trackingCode, secret: filed.secret },
      remoteAddress: '127.0.0.1',
    });
    expect(tracked.body).toContain('已对相关责任单位和人员依法追责');
    expect(tracked.body).not.toContain('李四');
  });
});
