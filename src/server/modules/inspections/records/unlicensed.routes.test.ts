/**
 * 无证上岗 found in an inspection orders 停产整顿 through the registry (issue 25 §4; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》
 * 第2条: 凡是特种作业人员无证上岗的，依法限期整改直至停产整顿): the mine's status changes with its reason in the
 * status history and the audit trail, an order is recorded that 复工复产验收 lifts, and a second such finding
 * at a mine already suspended changes nothing more. Another county's inspector cannot add the finding.
 */
import { describe, expect, it } from 'vitest';
import { useInspectionTeam } from '../../../../../test/helpers/inspection-team.ts';
import { engines } from '../../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../../test/helpers/world-app.ts';
import type { InspectionResponse as Inspection } from '../../../../shared/inspections.schemas.ts';

describe.each(engines)('无证上岗 → 停产整顿 (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    ins: w.a.users.inspector,
    adm: w.a.users.regulator_admin,
    insB: w.b.users.inspector,
  }));
  const { team } = useInspectionTeam(ctx, call);
  const finding = {
    kind: '无证上岗',
    description: '井下爆破工李某未持特种作业操作证上岗',
    location: '-350 中段',
  };

  it('the finding suspends the mine through the registry, with its reason and audit, and an order to accept', async () => {
    const mineId = ctx.world.a.mines[1]?.id ?? '';
    const ins = await call<Inspection>('ins', 'POST', '/api/inspections', {
      mineId,
      kind: '专项',
      inspectedOn: team.today,
      teamUserIds: [team.inspectorId, team.adminId],
    });
    const foreign = await call('insB', 'POST', `/api/inspections/${ins.body.id}/findings`, finding);
    expect(foreign.status).toBe(404);
    const res = await call<Inspection>(
      'ins',
      'POST',
      `/api/inspections/${ins.body.id}/findings`,
      finding,
    );
    expect(res.status).toBe(201);
    expect(res.body.mineStatus).toBe('停产整顿');
    expect(res.body.orders).toHaveLength(1);
    const history = await call<{ toStatus: string; reason: string; effectiveDate: string }[]>(
      'adm',
      'GET',
      `/api/mines/${mineId}/status-history`,
    );
    expect(history.body.at(-1)).toMatchObject({ toStatus: '停产整顿', effectiveDate: team.today });
    expect(history.body.at(-1)?.reason).toContain('无证上岗');
    expect(history.body.at(-1)?.reason).toContain('李某');
    const audit = await call<{ type: string }[]>('adm', 'GET', `/api/audit/mine/${mineId}`);
    expect(audit.body.some((e) => e.type === 'registry.mine.status_changed')).toBe(true);
    // A second finding at the suspended mine is recorded; the status and orders stay as they are.
    const again = await call<Inspection>(
      'ins',
      'POST',
      `/api/inspections/${ins.body.id}/findings`,
      { ...finding, description: '绞车司机王某无证上岗' },
    );
    expect(again.status).toBe(201);
    expect(again.body.orders).toHaveLength(1);
    expect(again.body.findings).toHaveLength(2);
    // 复工复产验收 of the order returns it to 生产.
    const passed = await call<Inspection>(
      'ins',
      'POST',
      `/api/inspection-orders/${res.body.orders[0]?.id ?? ''}/acceptance`,
      { acceptedOn: team.today, passed: true, note: '已培训取证' },
    );
    expect(passed.body.mineStatus).toBe('生产');
  });
});
