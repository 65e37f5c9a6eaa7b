/**
 * Who may read the rule parameters (issue 21 §9): regulators and the system admin. Enterprise and mine
 * users may not — among the parameters are the leads' thresholds (逐因素分析比对) and the risk model, which
 * a mine that knew them could stay just under.
 */
import { describe, expect, it } from 'vitest';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';

describe.each(engines)('GET /api/settings (%s)', (engine) => {
  const { call } = useWorldApp(engine, (w) => ({
    regulator_viewer: w.a.users.regulator_viewer,
    inspector: w.a.users.inspector,
    regulator_admin: w.a.users.regulator_admin,
    system_admin: w.systemAdmin,
    enterprise_admin: w.a.users.enterprise_admin,
    safety_officer: w.a.users.safety_officer,
    mine_duty_officer: w.a.users.mine_duty_officer,
  }));

  it('answers regulators and the system admin, with the leads’ rules among the parameters', async () => {
    for (const who of ['regulator_viewer', 'inspector', 'regulator_admin', 'system_admin']) {
      const res = await call<{ key: string }[]>(who, 'GET', '/api/settings');
      expect(res.status, who).toBe(200);
      expect(
        res.body.map((s) => s.key),
        who,
      ).toEqual(expect.arrayContaining(['leads.rules', 'inspections.riskModel']));
    }
  });

  it('refuses enterprise and mine users, and tells them nothing of the thresholds', async () => {
    for (const who of ['enterprise_admin', 'safety_officer', 'mine_duty_officer']) {
      const res = await call<{ code: string }>(who, 'GET', '/api/settings');
      expect(res.status, who).toBe(403);
      expect(res.raw.body, who).not.toContain('leads.rules');
    }
  });
});

describe.each(engines)('PUT /api/settings/:key and its history (%s)', (engine) => {
  const { call } = useWorldApp(engine, (w) => ({
    system_admin: w.systemAdmin,
    regulator_admin: w.a.users.regulator_admin,
  }));
  const key = 'registry.licenceExpiryWarningDays';

  it('needs a reason; the history tells who, when, why, and the value before and after', async () => {
    const list = await call<{ key: string; value: unknown; default: unknown }[]>(
      'regulator_admin',
      'GET',
      '/api/settings',
    );
    const before = list.body.find((s) => s.key === key);
    expect(before?.default).toEqual(before?.value);
    const change = { value: 45, source: '省应急管理厅通知', verified: true };
    const noReason = await call<{ details: { path: string }[] }>(
      'system_admin',
      'PUT',
      `/api/settings/${key}`,
      change,
    );
    expect(noReason.status).toBe(400);
    expect(noReason.raw.body).toContain('reason');
    const denied = await call('regulator_admin', 'PUT', `/api/settings/${key}`, {
      ...change,
      reason: '提前提醒',
    });
    expect(denied.status).toBe(403);
    const ok = await call<{ key: string; value: unknown; isDefault: boolean }[]>(
      'system_admin',
      'PUT',
      `/api/settings/${key}`,
      { ...change, reason: '提前提醒到期' },
    );
    expect(ok.body.find((s) => s.key === key)).toMatchObject({ value: 45, isDefault: false });
    const history = await call<
      { actor: string; before: unknown; after: { reason: string; value: unknown } }[]
    >('regulator_admin', 'GET', `/api/audit/setting/${key}`);
    expect(history.status).toBe(200);
    expect(history.body.at(-1)).toMatchObject({
      actor: 'sys',
      before: before?.default,
      after: { value: 45, reason: '提前提醒到期', source: '省应急管理厅通知' },
    });
  });
});
