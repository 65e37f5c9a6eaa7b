/**
 * The leads module over HTTP on both engines: meters and areas, imports of meter exports (row-by-row
 * errors, nothing half-written, re-imports replace), the evaluation job opening one lead per mine and
 * rule and extending it with new evidence, the loop (assign → verify → hazard / dismiss) with its
 * state and jurisdiction checks, exports carrying the evidence, the series read, and the monitoring
 * roll-up.
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
import { systemPrincipal } from '../access/principal.ts';
import { queryRows } from '../../platform/db/client.ts';
import { upsertStats } from '../monitoring/readings.repository.ts';
import { createFacility, createSensor } from '../monitoring/sensor.service.ts';
import { describeOutsideRange, evaluateLeads } from './lead.detect.ts';
import { upsertSeries } from './series.repository.ts';
import { changeMineStatus } from '../registry/mine.service.ts';
import { rollupMonitoring } from './series.rollup.ts';

const admin = systemPrincipal('test:leads');

function multipart(filename: string, content: Buffer | string) {
  const boundary = '----mwleads';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(head),
      Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

/** Hourly CSV rows from `from` (CST wall clock) for `hours` hours. */
function hourlyCsv(meter: string, fromCst: string, hours: number, value: (i: number) => number) {
  const start = Date.parse(`${fromCst}:00+08:00`);
  const lines = ['表号,时段,数值'];
  for (let i = 0; i < hours; i++) {
    const local = new Date(start + i * 3_600_000 + 8 * 3_600_000).toISOString();
    lines.push(`${meter},${local.slice(0, 10)} ${local.slice(11, 16)},${value(i)}`);
  }
  return `${lines.join('\n')}\n`;
}

describe.each(engines)('leads: multi-factor comparison (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let cookies: Record<string, string>;
  let mineId = '';
  let evaluatedLeadId = '';

  const call = (method: string, url: string, cookie: string, payload?: unknown) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const upload = (url: string, cookie: string, filename: string, content: Buffer | string) => {
    const mp = multipart(filename, content);
    return app.inject({
      method: 'POST',
      url,
      headers: { cookie, ...mp.headers },
      payload: mp.payload,
    });
  };
  const seriesCount = async () =>
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`SELECT count(*)::int AS n FROM mine_series WHERE mine_id = ${mineId}`,
      )
    )[0]?.n;

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    cookies = await loginAll(app, {
      reg: world.a.users.regulator_admin,
      viewer: world.a.users.regulator_viewer,
      insp: world.a.users.inspector,
      ent: world.a.users.enterprise_admin,
      regB: world.b.users.regulator_admin,
    });
    const mine = await buildMine(t.deps, {
      countyCode: '140981',
      name: '测试铁矿',
      kind: '金属非金属地下矿山',
      designCapacityTpa: 300_000,
      approvedUndergroundStaff: 80,
    });
    mineId = mine.id;
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('registers meters and areas; a meter ID is unique', async () => {
    const power = await call('POST', `/api/mines/${mineId}/meters`, cookies.reg ?? '', {
      code: 'T-PWR-1',
      factor: '用电量',
      granularity: 'hour',
      provider: '国网原平供电公司',
    });
    expect(power.statusCode).toBe(201);
    const again = await call('POST', `/api/mines/${mineId}/meters`, cookies.reg ?? '', {
      code: 'T-PWR-1',
      factor: '用电量',
      granularity: 'hour',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().details[0].path).toBe('code');
    const out = await call('POST', `/api/mines/${mineId}/meters`, cookies.reg ?? '', {
      code: 'T-OUT-1',
      factor: '产量',
      granularity: 'day',
    });
    expect(out.statusCode).toBe(201);
    const area = await call('POST', `/api/mines/${mineId}/areas`, cookies.reg ?? '', {
      name: '-350中段采场',
      kind: '采掘工作面',
    });
    expect(area.statusCode).toBe(201);
    expect(area.json().state).toBe('在用');
    // Enterprises may not register what the evidence is read from.
    const ent = await call('POST', `/api/mines/${world.a.mines[0]?.id}/meters`, cookies.ent ?? '', {
      code: 'ENT-1',
      factor: '用电量',
      granularity: 'hour',
    });
    expect(ent.statusCode).toBe(403);
  });

  it('refuses a file with bad rows row by row and writes nothing', async () => {
    const csv = [
      '表号,时段,数值,备注',
      'T-PWR-1,2026-11-01 08:00,120,ok',
      'NO-SUCH,2026-11-01 09:00,120,',
      'T-PWR-1,2026-11-01 09:30,120,',
      'T-PWR-1,2026-11-01 10:00,-5,',
      'T-PWR-1,2026-11-01 08:00,130,',
      'T-PWR-1,2026-12-01 08:00,130,',
      'T-PWR-1,2026-11-01 11:00,abc,',
      'T-OUT-1,2026-11-01 08:00,900,',
      `${world.b.users.regulator_admin ? 'b-PWR' : ''},2026-11-01 08:00,1,`,
    ].join('\n');
    const res = await upload('/api/series/import', cookies.reg ?? '', 'power.csv', csv);
    expect(res.statusCode).toBe(422);
    const details = res.json<{ details: { row: number; path: string; message: string }[] }>()
      .details;
    expect(details.map((d) => [d.row, d.path])).toEqual([
      [3, '表号'],
      [4, '时段'],
      [5, '数值'],
      [6, '时段'],
      [7, '时段'],
      [8, '数值'],
      [9, '时段'],
      [10, '表号'],
    ]);
    expect(details[3]?.message).toMatch(/第 2 行/);
    expect(details[4]?.message).toBe('时段在未来');
    expect(details[6]?.message).toMatch(/日数据/);
    // Another county's meter reads as unknown, without saying whose it is.
    expect(details[7]?.message).toMatch(/管辖/);
    expect(await seriesCount()).toBe(0);
    const missing = await upload(
      '/api/series/import',
      cookies.reg ?? '',
      'x.csv',
      '表号,数值\nT-PWR-1,1\n',
    );
    expect(missing.statusCode).toBe(422);
    expect(missing.json().details[0].path).toBe('时段');
    const ent = await upload('/api/series/import', cookies.ent ?? '', 'x.csv', csv);
    expect(ent.statusCode).toBe(403);
    // Hostile files: binary, an xlsx that is not one, no file at all.
    const binary = await upload(
      '/api/series/import',
      cookies.reg ?? '',
      'x.csv',
      Buffer.from([0, 1, 2, 0xff]),
    );
    expect(binary.statusCode).toBe(400);
    expect(binary.json().details[0].path).toBe('file');
    const fakeXlsx = await upload(
      '/api/series/import',
      cookies.reg ?? '',
      'x.xlsx',
      'PK not a zip',
    );
    expect(fakeXlsx.statusCode).toBe(400);
    const none = await app.inject({
      method: 'POST',
      url: '/api/series/import',
      headers: { cookie: cookies.reg ?? '', 'content-type': 'application/json' },
      payload: {},
    });
    expect(none.statusCode).toBeGreaterThanOrEqual(400);
    expect(none.statusCode).toBeLessThan(500);
    expect(await seriesCount()).toBe(0);
  });

  it('imports a clean file (CSV and xlsx); importing a period again replaces it', async () => {
    // Stopped from 1 November: a quiet 100 kWh/h base load for 20 days.
    const csv = hourlyCsv('T-PWR-1', '2026-11-01 00:00', 20 * 24, () => 100);
    const first = await upload('/api/series/import', cookies.reg ?? '', 'power.csv', csv);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ imported: 480, replaced: 0, meters: 1, mines: 1 });
    // The import evaluated what it wrote: 1–20 November, which the scheduled job covers too.
    expect(first.json().evaluation).toEqual({
      periods: [
        {
          mineId,
          mineName: '测试铁矿',
          from: '2026-10-31T16:00:00.000Z',
          to: '2026-11-20T16:00:00.000Z',
          scheduled: true,
        },
      ],
      findings: 0,
      opened: 0,
      extended: 0,
      leads: [],
    });
    const again = await upload('/api/series/import', cookies.reg ?? '', 'power.csv', csv);
    expect(again.json()).toMatchObject({ imported: 0, replaced: 480 });
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('产量');
    sheet.addRow(['计量点编号', '日期', '用量']);
    sheet.addRow(['T-OUT-1', new Date(Date.UTC(2026, 10, 1)), 0]);
    sheet.addRow(['T-OUT-1', '2026-11-02', 0]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const x = await upload('/api/series/import', cookies.reg ?? '', 'out.xlsx', xlsx);
    expect(x.statusCode).toBe(200);
    expect(x.json()).toMatchObject({ imported: 2 });
    expect(await seriesCount()).toBe(482);
  });

  it('opens one 明停暗开 lead for power at night in a stopped mine, and extends it with new evidence', async () => {
    const status = await call('POST', `/api/mines/${mineId}/status`, cookies.reg ?? '', {
      status: '停产整顿',
      effectiveDate: '2026-11-01',
      reason: '责令停产整顿 (原)应急停〔2026〕8号',
    });
    expect(status.statusCode).toBe(200);
    // 20:00–02:00 on the night of 19 November: 400 kWh/h against a 100 kWh/h baseline.
    const night = hourlyCsv('T-PWR-1', '2026-11-19 20:00', 6, () => 400);
    const n1 = await upload('/api/series/import', cookies.reg ?? '', 'n1.csv', night);
    expect(n1.statusCode).toBe(200);
    // The import's own evaluation opens the lead; the job then finds nothing new.
    expect(n1.json().evaluation).toMatchObject({ opened: 1, extended: 0 });
    expect(n1.json().evaluation.leads).toEqual([
      expect.objectContaining({ rule: '明停暗开', outcome: 'opened', mineName: '测试铁矿' }),
    ]);
    expect(await evaluateLeads(t.deps, { mineIds: [mineId] })).toMatchObject({
      opened: 0,
      extended: 0,
    });
    const list = await call('GET', `/api/leads?mineId=${mineId}`, cookies.viewer ?? '');
    expect(list.statusCode).toBe(200);
    const [lead] = list.json<{ items: { id: string; rule: string; status: string }[] }>().items;
    expect(lead).toMatchObject({ rule: '明停暗开', status: '新线索' });
    evaluatedLeadId = lead?.id ?? '';
    const detail = (await call('GET', `/api/leads/${evaluatedLeadId}`, cookies.reg ?? '')).json();
    expect(detail.breaches[0]).toMatchObject({
      factor: '用电量',
      baseline: 100,
      threshold: 170,
      peak: 400,
    });
    // The county's regulators were told.
    const notes = await call('GET', '/api/notifications', cookies.reg ?? '');
    expect(JSON.stringify(notes.json())).toMatch(/新线索 \(明停暗开\): 测试铁矿/);

    // The next night again: the same lead grows, no second lead.
    const second = hourlyCsv('T-PWR-1', '2026-11-20 21:00', 5, () => 380);
    const n2 = await upload('/api/series/import', cookies.reg ?? '', 'n2.csv', second);
    expect(n2.statusCode).toBe(200);
    expect(n2.json().evaluation).toMatchObject({ opened: 0, extended: 1 });
    expect(await evaluateLeads(t.deps, { mineIds: [mineId] })).toMatchObject({
      opened: 0,
      extended: 0,
    });
    const grown = (await call('GET', `/api/leads/${evaluatedLeadId}`, cookies.reg ?? '')).json();
    expect(grown.windowEnd).toBe('2026-11-20T18:00:00.000Z');
    expect(grown.breaches).toHaveLength(2);
    expect(grown.events.map((e: { type: string }) => e.type)).toEqual(['detected', 'extended']);
    const all = await call('GET', `/api/leads?mineId=${mineId}&open=true`, cookies.reg ?? '');
    expect(all.json().total).toBe(1);
  });

  it('is invisible to enterprises and to other counties', async () => {
    expect((await call('GET', `/api/leads/${evaluatedLeadId}`, cookies.ent ?? '')).statusCode).toBe(
      403,
    );
    expect(
      (await call('GET', `/api/leads/${evaluatedLeadId}`, cookies.regB ?? '')).statusCode,
    ).toBe(404);
    const other = await call('GET', '/api/leads', cookies.regB ?? '');
    expect(other.body).not.toContain(evaluatedLeadId);
  });

  it('goes 新线索 → 已指派 → 已核查 → 已转隐患, writing the hazard in the same step', async () => {
    const leadId = world.a.leadIds[0] ?? '';
    const inspectorB = await queryRows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM users WHERE username = ${world.b.users.inspector}`,
    );
    const inspectorA = await queryRows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM users WHERE username = ${world.a.users.inspector}`,
    );
    const wrong = await call('POST', `/api/leads/${leadId}/assign`, cookies.reg ?? '', {
      assigneeId: inspectorB[0]?.id,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details[0].path).toBe('assigneeId');
    const early = await call('POST', `/api/leads/${leadId}/convert`, cookies.reg ?? '', {
      to: 'inspection',
      reference: 'X',
      note: 'x',
    });
    expect(early.statusCode).toBe(409);
    const assigned = await call('POST', `/api/leads/${leadId}/assign`, cookies.reg ?? '', {
      assigneeId: inspectorA[0]?.id,
      note: '请于三日内现场核查',
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({
      status: '已指派',
      assigneeName: world.a.users.inspector,
    });
    // The inspector cannot assign; a stale version is refused.
    expect(
      (
        await call('POST', `/api/leads/${leadId}/assign`, cookies.insp ?? '', {
          assigneeId: inspectorA[0]?.id,
        })
      ).statusCode,
    ).toBe(403);
    const stale = await call('POST', `/api/leads/${leadId}/verify`, cookies.insp ?? '', {
      result: 'x',
      confirmed: true,
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    const verified = await call('POST', `/api/leads/${leadId}/verify`, cookies.insp ?? '', {
      result: '夜间主井提升机运行, 井下 1101 工作面有 14 人作业',
      confirmed: true,
    });
    expect(verified.json()).toMatchObject({ status: '已核查' });
    const converted = await call('POST', `/api/leads/${leadId}/convert`, cookies.insp ?? '', {
      to: 'hazard',
      criterionId: world.a.criterionId,
      description: '停产整顿期间擅自组织生产 (线索核查证实)',
      location: '1101 采煤工作面',
      foundBy: '县局执法检查组',
      foundOn: '2026-11-21',
    });
    expect(converted.statusCode).toBe(200);
    const hazardId = converted.json().hazardId as string;
    expect(converted.json()).toMatchObject({ status: '已转隐患' });
    const hazard = await call('GET', `/api/hazards/${hazardId}`, cookies.reg ?? '');
    expect(hazard.json()).toMatchObject({ source: '监测预警/线索', state: '已上报' });
    const after = await call('POST', `/api/leads/${leadId}/dismiss`, cookies.reg ?? '', {
      reason: 'x',
    });
    expect(after.statusCode).toBe(409);
  });

  it('dismisses with a reason; dismissed evidence is not raised again', async () => {
    expect(
      (
        await call('POST', `/api/leads/${evaluatedLeadId}/dismiss`, cookies.reg ?? '', {
          reason: ' ',
        })
      ).statusCode,
    ).toBe(400);
    const dismissed = await call(
      'POST',
      `/api/leads/${evaluatedLeadId}/dismiss`,
      cookies.reg ?? '',
      {
        reason: '经核实为排水泵检修用电, 有检修记录',
      },
    );
    expect(dismissed.json()).toMatchObject({ status: '已排除' });
    expect(await evaluateLeads(t.deps, { mineIds: [mineId] })).toMatchObject({ opened: 0 });
    const summary = await call('GET', '/api/leads/summary', cookies.viewer ?? '');
    expect(summary.json().byStatus).toContainEqual({ status: '已排除', count: 1 });
  });

  it('exports leads with their evidence, and one lead with its series', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/leads/export?format=xlsx&mineId=${mineId}`,
      headers: { cookie: cookies.reg ?? '' },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['线索', '证据']);
    expect(wb.getWorksheet('证据')?.rowCount).toBe(3);
    const one = await app.inject({
      method: 'GET',
      url: `/api/leads/${evaluatedLeadId}/export`,
      headers: { cookie: cookies.reg ?? '' },
    });
    const lead = new ExcelJS.Workbook();
    await lead.xlsx.load(one.rawPayload as unknown as ArrayBuffer);
    const series = lead.worksheets[2];
    expect(series?.name).toBe('序列(时)');
    const flagged: unknown[] = [];
    series?.eachRow((row) => {
      if (row.getCell(8).value === '是') {
        flagged.push(row.getCell(4).value);
      }
    });
    expect(flagged).toHaveLength(11);
  });

  it('reads the series hourly and by China day, within the range limits', async () => {
    const day = await call(
      'GET',
      `/api/mines/${mineId}/series?from=2026-10-31T16:00:00Z&to=2026-11-02T16:00:00Z&granularity=day`,
      cookies.viewer ?? '',
    );
    expect(day.statusCode).toBe(200);
    const power = day.json().series.find((s: { factor: string }) => s.factor === '用电量');
    expect(power.points).toEqual([
      ['2026-10-31T16:00:00.000Z', 2400],
      ['2026-11-01T16:00:00.000Z', 2400],
    ]);
    expect(day.json().statusChanges).toContainEqual({ date: '2026-11-01', status: '停产整顿' });
    const tooLong = await call(
      'GET',
      `/api/mines/${mineId}/series?from=2026-01-01T00:00:00Z&to=2026-11-01T00:00:00Z`,
      cookies.viewer ?? '',
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().details[0].path).toBe('to');
  });

  it('folds mine-level monitoring into hourly series, and counts the silence of safety points', async () => {
    const facility = await createFacility(t.deps, admin, {
      mineId,
      code: 'MINE',
      name: '全矿计量',
      kind: '矿山',
    });
    const sensor = await createSensor(t.deps, admin, {
      facilityId: facility.id,
      code: 'PWR-MON',
      name: '总用电量',
      quantity: '用电量',
    });
    const [row] = await queryRows<{ no: number }>(
      t.database.db,
      sql`SELECT no FROM monitoring_sensors WHERE id = ${sensor.id}`,
    );
    const hour = Date.parse('2026-11-22T00:00:00Z');
    await t.database.db.transaction((tx) =>
      upsertStats(tx, [
        { no: row?.no ?? 0, bucket: hour, min: 10, max: 40, sum: 50, count: 2 },
        { no: row?.no ?? 0, bucket: hour + 300_000, min: 30, max: 40, sum: 70, count: 2 },
      ]),
    );
    expect(await rollupMonitoring(t.deps)).toBeGreaterThan(0);
    const rows = await queryRows<{ mine_id: string; factor: string; value: number }>(
      t.database.db,
      sql`SELECT mine_id, factor, value FROM mine_series
          WHERE period_start = ${new Date(hour).toISOString()}::timestamptz AND source = 'monitoring'
          ORDER BY factor`,
    );
    expect(rows).toContainEqual({ mine_id: mineId, factor: '用电量', value: 120 });
    // World A's coal mine has a CH4 point that said nothing in that hour.
    expect(rows).toContainEqual({ mine_id: world.a.mines[0]?.id, factor: '监测读数', value: 0 });
    // A second run folds nothing new (the watermark) but re-reads the last two hours for late resends.
    await rollupMonitoring(t.deps);
    const again = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM mine_series WHERE source = 'monitoring'`,
    );
    expect(again[0]?.n).toBe(rows.length);
  });

  /**
   * A regulator imports a past year (2025, the clock in November 2026): the scheduled job frames only
   * 2026 and its look-back, so the import evaluates its own periods. 明停暗开 (国家矿山安全监察局 2024 年简报,
   * 地方经验做法·福建省 三是: "严厉打击……明停暗开等违法违规行为"): a mine under 停产整顿 from 1 March 2025 draws
   * 400 kWh/h at night against its 100 kWh/h base, and 120 kg of explosives, reported hourly but drawn
   * once (08:00), the next day — a stopped mine's explosives are sealed or returned
   * (《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(一)2).
   */
  it('evaluates an imported past year: a 明停暗开 lead, and the report names the period', async () => {
    const history = await buildMine(t.deps, {
      countyCode: '140981',
      name: '历史铁矿',
      kind: '金属非金属地下矿山',
      designCapacityTpa: 300_000,
      approvedUndergroundStaff: 80,
    });
    for (const [code, factor] of [
      ['H-PWR-1', '用电量'],
      ['H-EXP-1', '民爆领用量'],
    ] as const) {
      const meter = await call('POST', `/api/mines/${history.id}/meters`, cookies.reg ?? '', {
        code,
        factor,
        granularity: 'hour',
      });
      expect(meter.statusCode).toBe(201);
    }
    const stop = await call('POST', `/api/mines/${history.id}/status`, cookies.reg ?? '', {
      status: '停产整顿',
      effectiveDate: '2025-03-01',
      reason: '责令停产整顿 (原)应急停〔2025〕3号',
    });
    expect(stop.statusCode).toBe(200);

    // Another county's stopped mine with un-evaluated 2025 history (as if folded from monitoring):
    // the regulator's import must not evaluate it.
    const other = await buildMine(t.deps, {
      countyCode: world.b.mines[0]?.countyCode ?? '',
      name: '邻县铁矿',
      kind: '金属非金属地下矿山',
    });
    await changeMineStatus(t.deps, admin, other.id, {
      status: '停产整顿',
      effectiveDate: '2025-03-01',
      reason: '责令停产整顿',
    });
    const march = Date.parse('2025-03-01T00:00:00+08:00');
    await t.database.db.transaction((tx) =>
      upsertSeries(
        tx,
        Array.from({ length: 20 * 24 }, (_, i) => ({
          mineId: other.id,
          factor: '用电量' as const,
          area: '',
          granularity: 'hour' as const,
          periodStart: new Date(march + i * 3_600_000),
          value: i >= 14 * 24 + 20 && i < 14 * 24 + 26 ? 400 : 100,
          source: 'monitoring',
        })),
        t.deps.clock(),
      ),
    );

    // 1–20 March 2025: power hourly, 400 kWh 20:00–02:00 on the night of 15 March; explosives hourly,
    // 120 kg at 08:00 on 16 March and 0 in every other hour.
    const power = hourlyCsv('H-PWR-1', '2025-03-01 00:00', 20 * 24, (i) =>
      i >= 14 * 24 + 20 && i < 14 * 24 + 26 ? 400 : 100,
    );
    const explosives = hourlyCsv('H-EXP-1', '2025-03-01 00:00', 20 * 24, (i) =>
      i === 15 * 24 + 8 ? 120 : 0,
    );
    const csv = power + explosives.split('\n').slice(1).join('\n');
    const res = await upload('/api/series/import', cookies.reg ?? '', 'history.csv', csv);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ imported: 960, meters: 2, mines: 1 });
    const [lead] = body.evaluation.leads;
    expect(body.evaluation).toEqual({
      periods: [
        {
          mineId: history.id,
          mineName: '历史铁矿',
          from: '2025-02-28T16:00:00.000Z',
          to: '2025-03-20T16:00:00.000Z',
          scheduled: false,
        },
      ],
      findings: 1,
      opened: 1,
      extended: 0,
      leads: [
        {
          id: lead?.id,
          mineId: history.id,
          mineName: '历史铁矿',
          rule: '明停暗开',
          outcome: 'opened',
          // 20:00 on 15 March to the end of 16 March (the explosives day), China time.
          windowStart: '2025-03-15T12:00:00.000Z',
          windowEnd: '2025-03-16T16:00:00.000Z',
        },
      ],
    });
    const detail = (await call('GET', `/api/leads/${lead?.id}`, cookies.reg ?? '')).json();
    expect(detail).toMatchObject({ rule: '明停暗开', status: '新线索', mineName: '历史铁矿' });
    expect(detail.breaches).toEqual([
      expect.objectContaining({ factor: '用电量', baseline: 100, threshold: 170, peak: 400 }),
      // The day's true total: one draw of 120 kg, not capped at 3 × the median hour (0).
      expect.objectContaining({ factor: '民爆领用量', peak: 120, threshold: 0 }),
    ]);
    // Jurisdiction: the other county's mine was not evaluated by this import.
    const otherLeads = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM leads WHERE mine_id = ${other.id}`,
    );
    expect(otherLeads[0]?.n).toBe(0);
    // Importing the same file again finds the same evidence: the open lead is not duplicated.
    const again = await upload('/api/series/import', cookies.reg ?? '', 'history.csv', csv);
    expect(again.json().evaluation).toMatchObject({ findings: 1, opened: 0, extended: 0 });
    // Dismissed, its evidence is not raised again; an earlier night imported later is new evidence.
    const dismissed = await call('POST', `/api/leads/${lead?.id}/dismiss`, cookies.reg ?? '', {
      reason: '经核实为排水泵检修用电, 有检修记录',
    });
    expect(dismissed.statusCode).toBe(200);
    const repeat = await upload('/api/series/import', cookies.reg ?? '', 'history.csv', csv);
    expect(repeat.json().evaluation).toMatchObject({ findings: 1, opened: 0, leads: [] });
    const earlier = hourlyCsv('H-PWR-1', '2025-03-05 20:00', 6, () => 400);
    const found = await upload('/api/series/import', cookies.reg ?? '', 'earlier.csv', earlier);
    expect(found.json().evaluation).toMatchObject({
      findings: 1,
      opened: 1,
      leads: [
        {
          rule: '明停暗开',
          outcome: 'opened',
          windowStart: '2025-03-05T12:00:00.000Z',
          windowEnd: '2025-03-05T18:00:00.000Z',
        },
      ],
    });

    // The scheduled job frames 2026 and its look-back: it names the history before its range,
    // the import's as evaluated on import and the other mine's as not evaluated.
    t.deps.clock.advance(60_000);
    const job = await evaluateLeads(t.deps);
    expect(job.from.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(job.outsideRange).toContainEqual({
      mineId: history.id,
      mineName: '历史铁矿',
      first: new Date('2025-02-28T16:00:00.000Z'),
      last: new Date('2025-03-20T15:00:00.000Z'),
      rows: 960,
      evaluatedOnImport: true,
    });
    const skipped = job.outsideRange.find((o) => o.mineId === other.id);
    expect(skipped).toMatchObject({ rows: 480, evaluatedOnImport: false });
    expect(skipped && describeOutsideRange(skipped, job.from)).toBe(
      '线索评估: 「邻县铁矿」2025-03-01 至 2025-03-20 的 480 条序列早于定时评估范围 (2026-01-01 起), 定时评估未覆盖, 未评估',
    );
    // A later run names only what was written since the last one.
    t.deps.clock.advance(60_000);
    expect((await evaluateLeads(t.deps)).outsideRange).toEqual([]);
  });
});
