/**
 * The periodic reports' routes over HTTP, on both engines (issue 8 §5): reports made on demand and by
 * the scheduler (once per period, the dates of 《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(六)), listed and
 * downloadable (PDF with a CJK font and the sections, xlsx with its sheets) only by the units whose
 * jurisdiction holds them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import type {
  PeriodicReportDetailResponse,
  PeriodicReportResponse,
} from '../../../shared/action-plans.schemas.ts';
import { indicatorKeys } from '../../../shared/targets.settings.ts';
import { principalOfUser } from '../../../../test/helpers/world-enforcement.ts';
import { PASSWORD } from '../../../../test/helpers/world.ts';
import { createOrganisation, createUser } from '../access/access.service.ts';
import { systemPrincipal } from '../access/principal.ts';
import { createPlan, createTask } from './work-plan.service.ts';
import { generateScheduledReports } from './periodic-report.service.ts';

describe.each(engines)('periodic report routes (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    adm: w.a.users.regulator_admin,
    ins: w.a.users.inspector,
    bins: w.b.users.inspector,
    ent: w.a.users.enterprise_admin,
    sys: w.systemAdmin,
  }));

  it('a periodic report made on demand is listed and downloadable in its county only; PDF and xlsx carry the sections', async () => {
    const made = await call<PeriodicReportResponse>('ins', 'POST', '/api/periodic-reports', {
      kind: '月总结',
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ kind: '月总结', regionCode: ctx.world.a.county });
    const list = await call<PeriodicReportResponse[]>('ins', 'GET', '/api/periodic-reports');
    expect(list.body.map((r) => r.id)).toContain(made.body.id);
    const listB = await call<PeriodicReportResponse[]>('bins', 'GET', '/api/periodic-reports');
    expect(listB.body.map((r) => r.id)).not.toContain(made.body.id);
    expect((await call('bins', 'GET', `/api/periodic-reports/${made.body.id}`)).status).toBe(404);
    expect((await call('bins', 'GET', `/api/periodic-reports/${made.body.id}/file`)).status).toBe(
      404,
    );
    const refused = await call<{ details: { path: string }[] }>(
      'ins',
      'POST',
      '/api/periodic-reports',
      {
        kind: '月总结',
        region: ctx.world.b.county,
      },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.details[0]?.path).toBe('region');
    expect((await call('ins', 'POST', '/api/periodic-reports', { kind: '日报' })).status).toBe(400);

    const pdf = await ctx.app.inject({
      method: 'GET',
      url: `/api/periodic-reports/${made.body.id}/file?format=pdf`,
      headers: { cookie: ctx.cookies.ins ?? '' },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.toString('latin1')).toMatch(/NotoS(ans|erif)CJK/);
    const dir = mkdtempSync(join(tmpdir(), 'mw-report-'));
    writeFileSync(join(dir, 'r.pdf'), pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-']).toString();
    for (const section of [
      '一、攻坚目标完成情况',
      '二、主要指标趋势',
      '三、攻坚任务推进情况',
      '五、区域风险分级与排名',
      '月总结',
    ]) {
      expect(text).toContain(section);
    }
    // The PDF is kept once rendered: the second download is the same bytes.
    const again = await ctx.app.inject({
      method: 'GET',
      url: `/api/periodic-reports/${made.body.id}/file?format=pdf`,
      headers: { cookie: ctx.cookies.ins ?? '' },
    });
    expect(again.rawPayload.equals(pdf.rawPayload)).toBe(true);

    const xlsx = await ctx.app.inject({
      method: 'GET',
      url: `/api/periodic-reports/${made.body.id}/file?format=xlsx`,
      headers: { cookie: ctx.cookies.ins ?? '' },
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      '概况',
      '目标指标',
      '趋势',
      '逾期任务',
      '区域风险',
    ]);
    // A header and every indicator of the board, the plans' new targets included (issue 25 §6).
    const sheet = wb.getWorksheet('目标指标');
    expect(sheet?.rowCount).toBe(1 + indicatorKeys.length);
    expect(JSON.stringify(sheet?.getColumn(1).values)).toContain('矿山事故遇难人数较基准年变化');
  });

  it('the scheduler makes each kind once per period for every regulator unit’s region', async () => {
    const december = { ...ctx.t.deps, clock: () => new Date('2026-12-02T02:00:00Z') };
    let made = 0;
    for (let run = 0; run < 20; run++) {
      made += await generateScheduledReports(december, 4);
    }
    // Two regulator units (counties a and b) × five kinds (the evaluation is due since 2026-11-20).
    expect(made).toBe(10);
    expect(await generateScheduledReports(december, 100)).toBe(0);
    const list = await call<PeriodicReportResponse[]>('ins', 'GET', '/api/periodic-reports');
    const scheduled = list.body.filter((r) => r.trigger === '定时');
    expect(scheduled.map((r) => `${r.kind} ${r.periodStart}..${r.periodEnd}`).sort()).toEqual([
      '三年评估 2024-01-01..2026-11-19',
      '周调度 2026-11-23..2026-11-29',
      '季通报 2026-07-01..2026-09-30',
      '年度总结 2026-01-01..2026-11-30',
      '月总结 2026-11-01..2026-11-30',
    ]);
  });

  // After the scheduler's test, which counts the regulator units.
  it('a county’s report counts the tasks its unit carries in the province’s plan, not only its own plans’', async () => {
    const deps = ctx.t.deps;
    const county = await principalOfUser(deps, ctx.world.a.users.regulator_admin);
    const sys = systemPrincipal('test:province');
    const org = await createOrganisation(deps, sys, {
      name: '省应急管理厅',
      kind: 'regulator',
      regionCode: '140000',
    });
    await createUser(deps, sys, {
      username: 'prov.admin',
      displayName: '省级管理员',
      password: PASSWORD,
      role: 'regulator_admin',
      organisationId: org.id,
    });
    const province = await principalOfUser(deps, 'prov.admin');
    const report = async () =>
      (
        await call<PeriodicReportDetailResponse>(
          'ins',
          'GET',
          `/api/periodic-reports/${
            (
              await call<PeriodicReportResponse>('ins', 'POST', '/api/periodic-reports', {
                kind: '月总结',
              })
            ).body.id
          }`,
        )
      ).body.data.tasks;
    const before = await report();
    const plan = await createPlan(deps, province, {
      title: '全省治本攻坚三年行动',
      fromYear: 2024,
      toYear: 2026,
      source: '《矿山安全生产治本攻坚三年行动方案（2024—2026年）》',
    });
    const task = (number: string, leadUnitId: string, coUnitIds: string[]) =>
      createTask(deps, province, plan.id, {
        number,
        content: `全省任务 ${number}`,
        leadUnitId,
        coUnitIds,
        deadline: '2026-06-30',
        target: '完成',
        kind: '一次性',
      });
    await task('1', county.organisationId, []);
    await task('2', org.id, [county.organisationId]);
    await task('3', org.id, []);
    const after = await report();
    // The county leads one task and supports another, both overdue and not started; the third is not its.
    expect(after.total - before.total).toBe(2);
    expect(after.notStarted - before.notStarted).toBe(2);
    expect(after.overdue - before.overdue).toBe(2);
    expect(
      after.overdueList.filter((t) => t.plan === '全省治本攻坚三年行动').map((t) => t.number),
    ).toEqual(['1', '2']);
    // The other county carries none of them.
    const b = await call<PeriodicReportDetailResponse>(
      'bins',
      'GET',
      `/api/periodic-reports/${
        (
          await call<PeriodicReportResponse>('bins', 'POST', '/api/periodic-reports', {
            kind: '月总结',
          })
        ).body.id
      }`,
    );
    expect(b.body.data.tasks.overdueList.some((t) => t.plan === '全省治本攻坚三年行动')).toBe(
      false,
    );
  });
});
