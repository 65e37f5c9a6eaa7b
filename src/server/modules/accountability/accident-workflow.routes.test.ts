/**
 * The accident after filing over HTTP (issue 24, on both engines): 调查认定, 挂牌督办, 提级调查, 整改验收 and 结案
 * in order (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第21条, 《2024年矿山安全生产工作要点》第34条, 《生产安全事故报告和调查处理条例》
 * 第十九条/第二十条), bad input refused by field, the resumption of a mine with a death held until the accident's
 * 整改 is accepted (方案第21条, 要点第35条), jurisdiction and the enterprise kept out.
 */
import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../shared/dates.ts';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';

interface Workflow {
  stage: string;
  investigationLevel: string;
  investigationUnit: string | null;
  escalated: boolean;
  supervision: { unit: string; deadline: string } | null;
  finding: { nature: string; parties: { name: string; role: string; handling: string }[] } | null;
  rectificationAcceptedOn: string | null;
  closedOn: string | null;
  holdsResumption: boolean;
  canManage: boolean;
  steps: { step: string; summary: string; actor: string }[];
}
interface Accident {
  id: string;
  grade: string;
  workflow: Workflow;
}
interface Failure {
  message: string;
  details: { path: string; value?: unknown }[];
}

describe.each(engines)('accountability: the accident workflow (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    ent: w.a.users.enterprise_admin,
    ins: w.a.users.inspector,
    bins: w.b.users.inspector,
  }));
  const minutesAgo = (m: number) =>
    new Date(ctx.t.deps.clock().getTime() - m * MINUTE_MS).toISOString();
  const file = (mine: number, deaths: number) =>
    call<Accident>('ins', 'POST', '/api/accidents', {
      mineId: ctx.world.a.mines[mine]?.id ?? '',
      occurredAt: minutesAgo(30),
      kind: '透水',
      place: '-350 水平运输巷',
      deaths,
      seriousInjuries: 0,
      directLossYuan: 0,
      description: '突水',
    });
  const finding = {
    concludedOn: '2026-11-22',
    nature: '责任事故',
    cause: '未执行探放水制度',
    finding: '一起生产安全责任事故',
    parties: [
      { kind: '个人', name: '张三', role: '矿长', handling: '移送司法机关' },
      { kind: '单位', name: '某矿业公司', role: '上级公司', handling: '罚款并约谈主要负责人' },
    ],
  };

  it('方案第21条: 调查认定 then 结案 in order; 结案 before 调查认定 is 409; each step on the timeline', async () => {
    const made = await file(1, 0);
    expect(made.status).toBe(201);
    const id = made.body.id;
    expect(made.body.workflow).toMatchObject({ stage: '调查中', investigationLevel: '县级' });
    expect(made.body.workflow.canManage).toBe(true);
    const early = await call<Failure>('ins', 'POST', `/api/accidents/${id}/close`, {
      closedOn: '2026-11-22',
      note: '结案',
    });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('须先完成调查认定');
    const found = await call<Accident>('ins', 'POST', `/api/accidents/${id}/finding`, finding);
    expect(found.status).toBe(200);
    expect(found.body.workflow.stage).toBe('已认定');
    expect(found.body.workflow.finding?.parties.map((p) => [p.name, p.role, p.handling])).toEqual([
      ['张三', '矿长', '移送司法机关'],
      ['某矿业公司', '上级公司', '罚款并约谈主要负责人'],
    ]);
    expect((await call('ins', 'POST', `/api/accidents/${id}/finding`, finding)).status).toBe(409);
    // No 提级调查 after the finding.
    expect(
      (
        await call('ins', 'POST', `/api/accidents/${id}/escalate`, {
          level: '市级',
          unit: '忻州市应急管理局',
          reason: '典型一般事故',
        })
      ).status,
    ).toBe(409);
    const closed = await call<Accident>('ins', 'POST', `/api/accidents/${id}/close`, {
      closedOn: '2026-11-22',
      note: '调查报告已批复',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.workflow).toMatchObject({ stage: '已结案', closedOn: '2026-11-22' });
    expect(closed.body.workflow.steps.map((s) => s.step)).toEqual(['调查认定', '结案']);
    expect(
      (
        await call('ins', 'POST', `/api/accidents/${id}/supervise`, {
          unit: '忻州市应急管理局',
          deadline: '2026-12-31',
        })
      ).status,
    ).toBe(409);
    const audit = await call<{ type: string }[]>('ins', 'GET', `/api/audit/accident/${id}`);
    // Each step audited, in the accident's history.
    expect(audit.status).toBe(200);
    expect(audit.body.filter((e) => e.type === 'accountability.accident.stepped')).toHaveLength(2);
  });

  it('方案第21条 挂牌督办 once, deadline after today; 条例第二十条 提级调查 only upward', async () => {
    const id = (await file(1, 0)).body.id;
    const past = await call<Failure>('ins', 'POST', `/api/accidents/${id}/supervise`, {
      unit: '忻州市应急管理局',
      deadline: '2026-11-01',
    });
    expect(past.status).toBe(400);
    expect(past.body.details[0]?.path).toBe('deadline');
    const ok = await call<Accident>('ins', 'POST', `/api/accidents/${id}/supervise`, {
      unit: '忻州市应急管理局',
      deadline: '2027-01-31',
    });
    expect(ok.body.workflow.supervision).toEqual({
      unit: '忻州市应急管理局',
      deadline: '2027-01-31',
    });
    expect(
      (
        await call('ins', 'POST', `/api/accidents/${id}/supervise`, {
          unit: '山西省应急管理厅',
          deadline: '2027-01-31',
        })
      ).status,
    ).toBe(409);
    const same = await call<Failure>('ins', 'POST', `/api/accidents/${id}/escalate`, {
      level: '县级',
      unit: '原平市应急管理局',
      reason: '-',
    });
    expect(same.status).toBe(400);
    expect(same.body.details[0]?.path).toBe('level');
    const missing = await call<Failure>('ins', 'POST', `/api/accidents/${id}/escalate`, {
      level: '市级',
      reason: '典型一般事故',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.details.some((d) => d.path.endsWith('unit'))).toBe(true);
    const raised = await call<Accident>('ins', 'POST', `/api/accidents/${id}/escalate`, {
      level: '市级',
      unit: '忻州市应急管理局',
      reason: '典型一般事故, 视情况提级调查',
    });
    expect(raised.body.workflow).toMatchObject({
      investigationLevel: '市级',
      investigationUnit: '忻州市应急管理局',
      escalated: true,
    });
    expect(raised.body.workflow.steps.at(-1)?.summary).toContain('由县级提级至市级');
  });

  it('方案第21条: a 责任事故 names its responsible parties; a party without its handling is refused by field', async () => {
    const id = (await file(1, 0)).body.id;
    const none = await call<Failure>('ins', 'POST', `/api/accidents/${id}/finding`, {
      ...finding,
      parties: [],
    });
    expect(none.status).toBe(400);
    expect(none.body.details[0]?.path).toContain('parties');
    const noHandling = await call<Failure>('ins', 'POST', `/api/accidents/${id}/finding`, {
      ...finding,
      parties: [{ kind: '个人', name: '张三', role: '矿长' }],
    });
    expect(noHandling.status).toBe(400);
    expect(noHandling.body.details[0]?.path).toContain('handling');
    const before = await call<Failure>('ins', 'POST', `/api/accidents/${id}/finding`, {
      ...finding,
      concludedOn: '2026-11-01',
    });
    expect(before.status).toBe(400);
    expect(before.body.details[0]?.path).toBe('concludedOn');
    // Nothing was half-written.
    const view = await call<Accident>('ins', 'GET', `/api/accidents/${id}`);
    expect(view.body.workflow).toMatchObject({ stage: '调查中', finding: null, steps: [] });
  });

  it('方案第21条/要点第35条: a mine with a death resumes only after the accident’s 整改 is accepted (409 naming it)', async () => {
    const mineId = ctx.world.a.mines[0]?.id ?? '';
    const made = await file(0, 1);
    expect(made.body.workflow.holdsResumption).toBe(true);
    const held = await call<Failure>('ins', 'POST', `/api/mines/${mineId}/resumption`, {
      acceptedOn: '2026-11-22',
      note: '验收合格',
    });
    expect(held.status).toBe(409);
    expect(held.body.message).toContain('-350 水平运输巷 透水事故');
    expect(held.body.message).toContain('整改尚未验收');
    expect(held.body.details[0]).toMatchObject({ path: 'accident', value: made.body.id });
    const mine = await call<{ status: string }>('ins', 'GET', `/api/mines/${mineId}`);
    expect(mine.body.status).toBe('停产整顿');
    // The enterprise cannot accept its own 整改.
    expect(
      (
        await call('ent', 'POST', `/api/accidents/${made.body.id}/rectification`, {
          acceptedOn: '2026-11-22',
          note: '自验',
        })
      ).status,
    ).toBe(403);
    const accepted = await call<Accident>(
      'ins',
      'POST',
      `/api/accidents/${made.body.id}/rectification`,
      { acceptedOn: '2026-11-22', note: '整改验收合格' },
    );
    expect(accepted.body.workflow).toMatchObject({
      rectificationAcceptedOn: '2026-11-22',
      holdsResumption: false,
    });
    expect(
      (
        await call('ins', 'POST', `/api/accidents/${made.body.id}/rectification`, {
          acceptedOn: '2026-11-22',
          note: '再次验收',
        })
      ).status,
    ).toBe(409);
    const resumed = await call<{ status: string }>(
      'ins',
      'POST',
      `/api/mines/${mineId}/resumption`,
      { acceptedOn: '2026-11-22', note: '复工复产验收合格' },
    );
    expect(resumed.status).toBe(200);
    expect(resumed.body.status).toBe('生产');
  });

  it('jurisdiction: another county gets 404 on every step; the enterprise may read but not act', async () => {
    const id = (await file(1, 0)).body.id;
    const bodies: [string, object][] = [
      ['finding', finding],
      ['supervise', { unit: 'x', deadline: '2027-01-31' }],
      ['escalate', { level: '省级', unit: 'x', reason: 'x' }],
      ['rectification', { acceptedOn: '2026-11-22', note: 'x' }],
      ['close', { closedOn: '2026-11-22', note: 'x' }],
    ];
    for (const [path, body] of bodies) {
      expect((await call('bins', 'POST', `/api/accidents/${id}/${path}`, body)).status).toBe(404);
      expect((await call('ent', 'POST', `/api/accidents/${id}/${path}`, body)).status).toBe(403);
    }
    const seen = await call<Accident>('ent', 'GET', `/api/accidents/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.workflow.canManage).toBe(false);
  });
});
