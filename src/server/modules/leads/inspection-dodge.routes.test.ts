/**
 * 停产迎检 end to end (issue 24; 《2024年矿山安全生产工作要点》第41条 "企业不得停产迎检"): a producing mine's hourly
 * power and headcount, a recorded inspection, the evaluation opening one lead that the county's regulators
 * read through the API with its windows and the inspection (and export by day), a second evaluation over the same data
 * opening nothing, and the lead hidden from the enterprise and from another county.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import { buildMine } from '../../../../test/helpers/factories.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { loginAll, type World } from '../../../../test/helpers/world.ts';
import { queryRows } from '../../platform/db/client.ts';
import { insertInspection } from '../inspections/records/inspection.repository.ts';
import { evaluateLeads } from './lead.detect.ts';
import { upsertSeries, type SeriesRow } from './series.repository.ts';

const HOUR = 3_600_000;
/** China midnight of 2026-10-20; the series run 30 days to 2026-11-18 (the test clock is 2026-11-22). */
const FROM = Date.parse('2026-10-20T00:00:00+08:00');
const DAYS = 30;
/** The inspection's day (day 27); down on days 26–27, back on day 28. */
const INSPECTED_ON = '2026-11-16';
const share = (day: number) => (day === 26 || day === 27 ? 0.2 : 1);

describe.each(engines)('leads: 停产迎检 (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let cookies: Record<string, string>;
  let mineId = '';
  let leadId = '';

  const get = (url: string, cookie: string | undefined) =>
    app.inject({ method: 'GET', url, headers: { cookie: cookie ?? '' } });

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    cookies = await loginAll(app, {
      reg: world.a.users.regulator_admin,
      ent: world.a.users.enterprise_admin,
      regB: world.b.users.regulator_admin,
    });
    const mine = await buildMine(t.deps, {
      countyCode: '140981',
      enterpriseId: world.a.enterpriseId,
      name: '迎检铁矿',
      kind: '金属非金属地下矿山',
      designCapacityTpa: 300_000,
      approvedUndergroundStaff: 80,
    });
    mineId = mine.id;
    const rows: SeriesRow[] = [];
    for (let h = 0; h < DAYS * 24; h++) {
      const s = share(Math.floor(h / 24));
      const periodStart = new Date(FROM + h * HOUR);
      const row = { mineId, area: '', granularity: 'hour' as const, periodStart, source: 'test' };
      rows.push({ ...row, factor: '用电量', value: 400 * s });
      rows.push({ ...row, factor: '井下人数', value: 50 * s });
    }
    await upsertSeries(t.database.db, rows, t.deps.clock());
    const [unit] = await queryRows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM organisations WHERE kind = 'regulator' AND region_code = '140981' LIMIT 1`,
    );
    const [inspector] = await queryRows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM users WHERE username = ${world.a.users.inspector}`,
    );
    await insertInspection(t.database.db, {
      mineId,
      organisationId: unit?.id ?? '',
      kind: '常规',
      inspectedOn: INSPECTED_ON,
      teamUserIds: [inspector?.id ?? ''],
      checklist: [],
      createdBy: inspector?.id ?? '',
      createdAt: t.deps.clock(),
      updatedAt: t.deps.clock(),
    });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('opens one lead the county reads with its windows and the inspection', async () => {
    const report = await evaluateLeads(t.deps, { mineIds: [mineId] });
    expect(report.opened).toBe(1);
    const list = await get(`/api/leads?mineId=${mineId}&rule=停产迎检`, cookies.reg);
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: { id: string; rule: string; mineName: string }[] }>().items;
    expect(items).toEqual([expect.objectContaining({ rule: '停产迎检', mineName: '迎检铁矿' })]);
    leadId = items[0]?.id ?? '';
    const lead = await get(`/api/leads/${leadId}`, cookies.reg);
    expect(lead.statusCode).toBe(200);
    const body = lead.json();
    // Down from 2026-11-15 (CST) through the inspection day; back on 11-17.
    expect(body.windowStart).toBe('2026-11-14T16:00:00.000Z');
    expect(body.windowEnd).toBe('2026-11-17T16:00:00.000Z');
    expect(body.breaches).toEqual([
      expect.objectContaining({
        factor: '用电量',
        from: '2026-11-14T16:00:00.000Z',
        to: '2026-11-16T16:00:00.000Z',
        baseline: 9600,
        threshold: 4800,
        peak: 1920,
      }),
      expect.objectContaining({ factor: '井下人数', baseline: 50, threshold: 25, peak: 10 }),
    ]);
    expect(body.inspections).toEqual([
      { id: expect.any(String), label: expect.stringContaining(`${INSPECTED_ON} `) },
    ]);
    expect(body.summary).toContain('疑似停产迎检');
  });

  it('exports the lead with its series by day, the dropped days marked', async () => {
    const res = await get(`/api/leads/${leadId}/export`, cookies.reg);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('序列(日)');
    const marked: unknown[] = [];
    sheet?.eachRow((row) => {
      if (row.getCell(1).value === '用电量' && row.getCell(8).value === '是') {
        marked.push(row.getCell(4).value);
      }
    });
    expect(marked).toEqual([1920, 1920]);
  });

  it('a second evaluation over the same data opens and extends nothing', async () => {
    expect(await evaluateLeads(t.deps, { mineIds: [mineId] })).toMatchObject({
      opened: 0,
      extended: 0,
    });
    const list = await get(`/api/leads?mineId=${mineId}&rule=停产迎检`, cookies.reg);
    expect(list.json().total).toBe(1);
  });

  it('is invisible to the enterprise and to another county', async () => {
    expect((await get(`/api/leads/${leadId}`, cookies.ent)).statusCode).toBe(403);
    expect((await get(`/api/leads/${leadId}`, cookies.regB)).statusCode).toBe(404);
    expect((await get('/api/leads?rule=停产迎检', cookies.regB)).body).not.toContain(leadId);
  });
});
