/**
 * The progress board's server side over HTTP, on both engines (issue 8 §2–5): an indicator's trend and
 * drill-down stay inside the caller's jurisdiction; the regional risk grading shows the formula, ranks
 * the regions below, refuses other regions and keeps a finished month once; periodic reports made on
 * demand and by the scheduler (once per period, the dates of 《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(六)), listed
 * and downloadable (PDF with a CJK font and the sections, xlsx with its sheets) only by the units
 * whose jurisdiction holds them; evidence files on progress reports.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import { pngBytes } from '../../../../test/helpers/world-plans.ts';
import { gradeFinishedMonth } from './regional-risk.ts';
import { generateScheduledReports } from './periodic-report.service.ts';

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

describe.each(engines)('plans: board, regional risk and reports (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    adm: w.a.users.regulator_admin,
    ins: w.a.users.inspector,
    bins: w.b.users.inspector,
    ent: w.a.users.enterprise_admin,
    sys: w.systemAdmin,
  }));

  it('trend and drill-down answer only the caller’s mines', async () => {
    const trend = await call<{ points: { date: string }[] }>(
      'ins',
      'GET',
      '/api/targets/qualificationCompliance/trend?months=3&date=2026-11-29',
    );
    expect(trend.status).toBe(200);
    expect(trend.body.points.map((p) => p.date)).toEqual([
      '2026-09-30',
      '2026-10-31',
      '2026-11-29',
    ]);
    const mines = await call<{ mines: { mineId: string; countyCode: string; note: string }[] }>(
      'ins',
      'GET',
      '/api/targets/qualificationCompliance/mines',
    );
    expect(mines.status).toBe(200);
    expect(mines.body.mines.length).toBeGreaterThan(0);
    expect(mines.body.mines.every((m) => m.countyCode === ctx.world.a.county)).toBe(true);
    // Asking for the other county's region gives the intersection: nothing.
    const other = await call<{ mines: unknown[] }>(
      'ins',
      'GET',
      `/api/targets/qualificationCompliance/mines?region=${ctx.world.b.county}`,
    );
    expect(other.body.mines).toEqual([]);
    expect((await call('ent', 'GET', '/api/targets/qualificationCompliance/mines')).status).toBe(
      403,
    );
    expect((await call('ins', 'GET', '/api/targets/nonsense/mines')).status).toBe(400);
  });

  it('regional risk: the formula and a ranking; other regions refused; a finished month kept once', async () => {
    const own = await call<{
      formula: string;
      live: boolean;
      regions: { regionCode: string; rank: number; mines: number; level: string }[];
    }>('ins', 'GET', '/api/regional-risk');
    expect(own.status).toBe(200);
    expect(own.body.formula).toBe('K = 平均风险分 × (1 + 高风险矿山占比)');
    expect(own.body.live).toBe(true);
    expect(own.body.regions).toHaveLength(1);
    expect(own.body.regions[0]).toMatchObject({ regionCode: ctx.world.a.county, rank: 1 });
    expect(own.body.regions[0]?.mines).toBeGreaterThan(0);
    // The national admin sees provinces; the province 山西 ranks its cities.
    const cities = await call<{
      regions: { regionCode: string; rank: number; coefficient: number }[];
    }>('sys', 'GET', '/api/regional-risk?region=140000');
    expect(cities.body.regions.map((r) => r.regionCode).sort()).toEqual(['140900', '141000']);
    const [first, second] = cities.body.regions;
    expect(first?.rank).toBe(1);
    expect(first?.coefficient ?? 0).toBeGreaterThanOrEqual(second?.coefficient ?? 0);
    expect(
      (await call('ins', 'GET', `/api/regional-risk?region=${ctx.world.b.county}`)).status,
    ).toBe(403);
    expect((await call('ins', 'GET', '/api/regional-risk?month=2099-01')).status).toBe(400);
    expect((await call('ent', 'GET', '/api/regional-risk')).status).toBe(403);
    // The scheduler grades the month just over on its first run in the next month, then never again.
    const novemberFirst = { ...ctx.t.deps, clock: () => new Date('2026-11-01T02:00:00Z') };
    expect(await gradeFinishedMonth(novemberFirst)).toBeGreaterThan(0);
    expect(await gradeFinishedMonth(novemberFirst)).toBe(0);
    const october = await call<{ live: boolean; regions: { regionCode: string }[] }>(
      'ins',
      'GET',
      '/api/regional-risk?month=2026-10',
    );
    expect(october.body.live).toBe(false);
    expect(october.body.regions.map((r) => r.regionCode)).toEqual([ctx.world.a.county]);
    // A month nobody graded has no ranking (nothing is made up afterwards).
    const september = await call<{ regions: unknown[] }>(
      'ins',
      'GET',
      '/api/regional-risk?month=2026-09',
    );
    expect(september.body.regions).toEqual([]);
  });

  it('a report made on demand is listed and downloadable in its county only; PDF and xlsx carry the sections', async () => {
    const made = await call<{ id: string; kind: string; regionCode: string; periodStart: string }>(
      'ins',
      'POST',
      '/api/plan-reports',
      { kind: '月总结' },
    );
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ kind: '月总结', regionCode: ctx.world.a.county });
    const list = await call<{ id: string }[]>('ins', 'GET', '/api/plan-reports');
    expect(list.body.map((r) => r.id)).toContain(made.body.id);
    const listB = await call<{ id: string }[]>('bins', 'GET', '/api/plan-reports');
    expect(listB.body.map((r) => r.id)).not.toContain(made.body.id);
    expect((await call('bins', 'GET', `/api/plan-reports/${made.body.id}`)).status).toBe(404);
    expect((await call('bins', 'GET', `/api/plan-reports/${made.body.id}/file`)).status).toBe(404);
    const refused = await call<{ details: { path: string }[] }>(
      'ins',
      'POST',
      '/api/plan-reports',
      {
        kind: '月总结',
        region: ctx.world.b.county,
      },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.details[0]?.path).toBe('region');
    expect((await call('ins', 'POST', '/api/plan-reports', { kind: '日报' })).status).toBe(400);

    const pdf = await ctx.app.inject({
      method: 'GET',
      url: `/api/plan-reports/${made.body.id}/file?format=pdf`,
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
      url: `/api/plan-reports/${made.body.id}/file?format=pdf`,
      headers: { cookie: ctx.cookies.ins ?? '' },
    });
    expect(again.rawPayload.equals(pdf.rawPayload)).toBe(true);

    const xlsx = await ctx.app.inject({
      method: 'GET',
      url: `/api/plan-reports/${made.body.id}/file?format=xlsx`,
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
    expect(wb.getWorksheet('目标指标')?.rowCount).toBe(10);
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
    const list = await call<
      { kind: string; trigger: string; periodStart: string; periodEnd: string }[]
    >('ins', 'GET', '/api/plan-reports');
    const scheduled = list.body.filter((r) => r.trigger === '定时');
    expect(scheduled.map((r) => `${r.kind} ${r.periodStart}..${r.periodEnd}`).sort()).toEqual([
      '三年评估 2024-01-01..2026-11-19',
      '周调度 2026-11-23..2026-11-29',
      '季通报 2026-07-01..2026-09-30',
      '年度总结 2026-01-01..2026-11-30',
      '月总结 2026-11-01..2026-11-30',
    ]);
  });

  it('evidence files on a progress report: by the reporting unit, typed by content, seen with the task', async () => {
    const taskId = ctx.world.a.workTaskIds[0] ?? '';
    const reportId = ctx.world.a.workTaskReportIds[0] ?? '';
    const upload = (who: string, name: string, data: Buffer) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/work-tasks/${taskId}/reports/${reportId}/files`,
        headers: { cookie: ctx.cookies[who] ?? '', ...multipart(name, data).headers },
        payload: multipart(name, data).payload,
      });
    const ok = await upload('adm', '验收照片.png', pngBytes('second'));
    expect(ok.statusCode).toBe(201);
    expect((await upload('adm', 'notes.txt', Buffer.from('plain text'))).statusCode).toBe(415);
    expect((await upload('adm', 'again.png', pngBytes('second'))).statusCode).toBe(409);
    expect((await upload('bins', 'x.png', pngBytes('b'))).statusCode).toBe(404);
    const task = await call<{ reports: { files: { id: string; fileName: string }[] }[] }>(
      'ins',
      'GET',
      `/api/work-tasks/${taskId}`,
    );
    const files = task.body.reports[0]?.files ?? [];
    expect(files.map((f) => f.fileName)).toEqual(['现场照片.png', '验收照片.png']);
    const id = files[1]?.id ?? '';
    const got = await ctx.app.inject({
      method: 'GET',
      url: `/api/work-tasks/${taskId}/files/${id}`,
      headers: { cookie: ctx.cookies.ins ?? '' },
    });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(pngBytes('second'))).toBe(true);
    expect(
      (
        await ctx.app.inject({
          method: 'GET',
          url: `/api/work-tasks/${taskId}/files/${id}`,
          headers: { cookie: ctx.cookies.bins ?? '' },
        })
      ).statusCode,
    ).toBe(404);
  });
});
