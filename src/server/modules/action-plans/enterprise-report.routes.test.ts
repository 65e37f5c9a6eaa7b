/**
 * Enterprises report to the plan over HTTP (issue 25 §7; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(六)):
 * an enterprise files for itself once per due date, with one file; the regulator sees per due date
 * who filed on time, late or not at all, within its region only; missing reports climb the ladder.
 * The world's clock is 2026-11-22; every party filed its 2025 annual summary (due 2025-12-10) on that day.
 */
import { describe, expect, it } from 'vitest';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import { pdfBytes } from '../../../../test/helpers/world-surveys.ts';
import type {
  EnterpriseReportBoardResponse,
  EnterpriseReportResponse,
} from '../../../shared/enterprise-reports.ts';
import { escalateMissingReports } from './enterprise-report.escalation.ts';

function multipart(filename: string, data: Buffer) {
  const boundary = '----mwreport';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

describe.each(engines)('enterprise reports to the plan (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    ent: w.a.users.enterprise_admin,
    ent2: w.a2.users.enterprise_admin,
    ins: w.a.users.inspector,
    bins: w.b.users.inspector,
    adm: w.a.users.regulator_admin,
  }));

  it('an enterprise files for itself, once per due date; wrong dates and regulators are refused', async () => {
    const filed = await call<EnterpriseReportResponse>('ent', 'POST', '/api/enterprise-reports', {
      dueOn: '2026-11-30',
      text: '三年行动评估: 完成整改 12 项',
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ dueOn: '2026-11-30', filedOn: '2026-11-22', file: null });
    const again = await call('ent', 'POST', '/api/enterprise-reports', {
      dueOn: '2026-11-30',
      text: '再报',
    });
    expect(again.status).toBe(409);
    const wrong = await call<{ details: { path: string }[] }>(
      'ent',
      'POST',
      '/api/enterprise-reports',
      { dueOn: '2026-11-29', text: '不是截止日期' },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.details.map((d) => d.path)).toEqual(['dueOn']);
    const blank = await call('ent', 'POST', '/api/enterprise-reports', {
      dueOn: '2026-12-10',
      text: '  ',
    });
    expect(blank.status).toBe(400);
    expect(
      (await call('adm', 'POST', '/api/enterprise-reports', { dueOn: '2026-12-10', text: 'x' }))
        .status,
    ).toBe(403);
    // One file, PDF by content; read back by the county's regulator, not by the other county's.
    const upload = (name: string, data: Buffer) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/enterprise-reports/${filed.body.id}/file`,
        headers: { cookie: ctx.cookies.ent ?? '', ...multipart(name, data).headers },
        payload: multipart(name, data).payload,
      });
    const up = await upload('评估报告.pdf', pdfBytes('enterprise-report'));
    expect(up.statusCode).toBe(201);
    expect(up.json<EnterpriseReportResponse>().file?.fileName).toBe('评估报告.pdf');
    expect((await upload('second.pdf', pdfBytes('second'))).statusCode).toBe(409);
    const url = `/api/enterprise-reports/${filed.body.id}/file`;
    expect((await call('ins', 'GET', `/api/enterprise-reports/${filed.body.id}`)).status).toBe(200);
    expect(
      (await ctx.app.inject({ url, headers: { cookie: ctx.cookies.ins ?? '' } })).statusCode,
    ).toBe(200);
    expect(
      (await ctx.app.inject({ url, headers: { cookie: ctx.cookies.bins ?? '' } })).statusCode,
    ).toBe(404);
    expect((await call('ent2', 'GET', `/api/enterprise-reports/${filed.body.id}`)).status).toBe(
      404,
    );
  });

  it('the regulator’s board: on time, late, missing and pending per due date, its region only', async () => {
    const board = await call<EnterpriseReportBoardResponse>(
      'ins',
      'GET',
      '/api/enterprise-reports?on=2026-11-22',
    );
    expect(board.status).toBe(200);
    expect(board.body.source).toMatch(/四\(六\)/);
    const due = (d: string) => board.body.dues.find((x) => x.dueOn === d);
    const a = ctx.world.a.enterpriseId;
    const a2 = ctx.world.a2.enterpriseId;
    expect(due('2024-12-10')?.counts).toEqual({ onTime: 0, late: 0, missing: 2, pending: 0 });
    expect(due('2025-12-10')?.counts).toEqual({ onTime: 0, late: 2, missing: 0, pending: 0 });
    const threeYear = due('2026-11-30');
    expect(threeYear?.rows.find((r) => r.enterpriseId === a)?.status).toBe('按时报送');
    expect(threeYear?.rows.find((r) => r.enterpriseId === a2)?.status).toBe('待报送');
    // After the due date the one not filed is missing.
    const later = await call<EnterpriseReportBoardResponse>(
      'ins',
      'GET',
      '/api/enterprise-reports?on=2026-12-01',
    );
    expect(later.body.dues.find((x) => x.dueOn === '2026-11-30')?.counts).toEqual({
      onTime: 1,
      late: 0,
      missing: 1,
      pending: 0,
    });
    // The other county's regulator sees none of county A's enterprises; an enterprise only itself.
    const b = await call<EnterpriseReportBoardResponse>('bins', 'GET', '/api/enterprise-reports');
    const bIds = new Set(b.body.dues.flatMap((d) => d.rows.map((r) => r.enterpriseId)));
    expect([...bIds]).toEqual([ctx.world.b.enterpriseId]);
    const own = await call<EnterpriseReportBoardResponse>('ent2', 'GET', '/api/enterprise-reports');
    expect(new Set(own.body.dues.flatMap((d) => d.rows.map((r) => r.enterpriseId)))).toEqual(
      new Set([a2]),
    );
  });

  it('missing reports climb the ladder once per rung', async () => {
    const first = await escalateMissingReports(ctx.t.deps);
    expect(first).toBeGreaterThan(0);
    expect(await escalateMissingReports(ctx.t.deps)).toBe(0);
  });
});
