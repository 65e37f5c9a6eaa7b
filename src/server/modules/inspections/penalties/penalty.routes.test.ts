/**
 * Penalties over HTTP, on both engines (issue 7 §3): 一案双罚 is shown once both parties are penalised,
 * payment needs its date and a paid penalty does not move again, and inspectors cannot decide.
 */
import { describe, expect, it } from 'vitest';
import { useInspectionTeam } from '../../../../../test/helpers/inspection-team.ts';
import { engines } from '../../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../../test/helpers/world-app.ts';

describe.each(engines)('penalties (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    ins: w.a.users.inspector,
    adm: w.a.users.regulator_admin,
  }));
  const { team, newInspection } = useInspectionTeam(ctx, call);

  it('records 一案双罚 and payment; a paid penalty does not move again; inspectors cannot decide', async () => {
    const ins = (await newInspection([team.inspectorId, team.adminId])).body;
    const base = {
      inspectionId: ins.id,
      legalBasis: '《安全生产法》第一百一十二条',
      facts: '超能力组织生产',
      decidedOn: team.today,
    };
    expect(
      (
        await call('ins', 'POST', '/api/penalties', {
          ...base,
          target: '企业',
          partyName: 'x',
          amountYuan: 1,
        })
      ).status,
    ).toBe(403);
    const ent = await call<{ id: string; doublePenalty: boolean; version: number }>(
      'adm',
      'POST',
      '/api/penalties',
      {
        ...base,
        target: '企业',
        partyName: 'a企业',
        amountYuan: 200_000,
      },
    );
    expect(ent.body.doublePenalty).toBe(false);
    await call('adm', 'POST', '/api/penalties', {
      ...base,
      target: '主要负责人',
      partyName: '张某',
      amountYuan: 30_000,
    });
    const now = await call<{ doublePenalty: boolean }>(
      'adm',
      'GET',
      `/api/penalties/${ent.body.id}`,
    );
    expect(now.body.doublePenalty).toBe(true);
    const noDate = await call('adm', 'PATCH', `/api/penalties/${ent.body.id}`, {
      status: '已缴纳',
    });
    expect(noDate.status).toBe(400);
    const paid = await call<{ status: string; paidAmountYuan: number }>(
      'adm',
      'PATCH',
      `/api/penalties/${ent.body.id}`,
      {
        status: '已缴纳',
        paidOn: team.today,
      },
    );
    expect(paid.body).toMatchObject({ status: '已缴纳', paidAmountYuan: 200_000 });
    const again = await call('adm', 'PATCH', `/api/penalties/${ent.body.id}`, { status: '已撤销' });
    expect(again.status).toBe(409);
  });
});
