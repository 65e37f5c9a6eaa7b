/**
 * Penalties over HTTP, on both engines (issue 7 §3): 一案双罚 is shown once both parties are penalised,
 * payment needs its date and a paid penalty does not move again, and inspectors cannot decide.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, createTestApp } from '../../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../../test/helpers/test-database.ts';
import { principalOfUser } from '../../../../../test/helpers/world-enforcement.ts';
import { loginAll, type World } from '../../../../../test/helpers/world.ts';
import { todayIn } from '../../../../shared/dates.ts';
import type { InspectionResponse as Inspection } from '../../../../shared/inspections.schemas.ts';

describe.each(engines)('penalties (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let c: Record<string, string>;
  let inspectorId: string;
  let adminId: string;
  let today: string;

  const call = callerAs(
    () => app,
    () => c,
  );

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    c = await loginAll(app, {
      ins: world.a.users.inspector,
      adm: world.a.users.regulator_admin,
    });
    inspectorId = (await principalOfUser(t.deps, world.a.users.inspector)).userId;
    adminId = (await principalOfUser(t.deps, world.a.users.regulator_admin)).userId;
    today = todayIn(t.deps.clock);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const newInspection = async (teamUserIds: string[]) =>
    call<Inspection & { details?: { path: string }[] }>('ins', 'POST', '/api/inspections', {
      mineId: world.a.mines[0]?.id,
      kind: '四不两直',
      inspectedOn: today,
      teamUserIds,
      checklistCriterionIds: [world.a.criterionId],
      customItems: ['安全出口是否畅通'],
      bodyCameraRef: 'DSJ-0017',
    });

  it('records 一案双罚 and payment; a paid penalty does not move again; inspectors cannot decide', async () => {
    const ins = (await newInspection([inspectorId, adminId])).body;
    const base = {
      inspectionId: ins.id,
      legalBasis: '《安全生产法》第一百一十二条',
      facts: '超能力组织生产',
      decidedOn: today,
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
        paidOn: today,
      },
    );
    expect(paid.body).toMatchObject({ status: '已缴纳', paidAmountYuan: 200_000 });
    const again = await call('adm', 'PATCH', `/api/penalties/${ent.body.id}`, { status: '已撤销' });
    expect(again.status).toBe(409);
  });
});
