/**
 * The safety-monitoring files into the product over HTTP, on both engines, with fixtures built by the
 * factory from the field lists (REFERENCE §B6): CDDY registers and updates points with the mine's own
 * thresholds beside minewatch's (a change a new audited version), CDSS becomes readings through the
 * engine with every 测点状态 flag's effect, and the discrepancies between the mine's alarm state and
 * minewatch's thresholds are kept.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { loginAll, type World } from '../../../../test/helpers/world.ts';
import { queryRows } from '../../platform/db/client.ts';
import type { CoalPointResponse } from '../../../shared/coal-upload.schemas.ts';
import { buildCoalFixture } from './coal-file.factory.ts';
import { ch4Point, CODE_A, connectWorld, postFiles } from './coal-upload.fixtures.ts';
import { recordFeedAnomalies } from './coal-feed.job.ts';

const ch4 = ch4Point;

describe.each(engines)('coal monitoring files: points and readings (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let cookies: Record<string, string>;
  let tokens: { a: string; b: string; a2: string };
  let tick: () => Promise<unknown>;
  const get = async <T>(url: string, who = 'reg') => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies[who] ?? '' } });
    return { status: res.statusCode, body: res.json<T>() };
  };
  const points = async () =>
    new Map(
      (await get<CoalPointResponse[]>(`/api/coal/mines/${world.a.mines[0]?.id}/points`)).body.map(
        (p) => [p.pointCode, p],
      ),
    );

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    const built = await createTestApp(t);
    app = built.app;
    tick = () => built.ctx.monitoring.tick();
    cookies = await loginAll(app, {
      reg: world.a.users.regulator_admin,
      ent: world.a.users.enterprise_admin,
    });
    tokens = await connectWorld(t.deps, world);
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('CDDY registers each point: 环境瓦斯 becomes a CH4 point whose thresholds start from the mine’s 报警 1.0 / 断电 1.5 / 复电 1.0', async () => {
    const f = buildCoalFixture('CDDY', {
      mineCode: CODE_A,
      time: '2026-11-22 09:00:00',
      records: [
        ch4('CH4A01'),
        ch4('CH4A02', { 传感器关联关系: 'D-KD001-馈电' }),
        {
          测点编码: 'KD001',
          分站编码: 'FZ001',
          传感器类型: '1011',
          数值类型: 'KG',
          开描述: '有电',
          停描述: '无电',
          安装位置: '1101工作面馈电',
        },
      ],
    });
    const r = await postFiles(app, tokens.a, [f]);
    expect(r.status).toBe(200);
    expect(r.files[0]).toMatchObject({ type: 'CDDY', status: 'stored', records: 3, stored: 3 });
    // The 馈电器 (1011) has no minewatch quantity: its definition is kept, with a warning saying so.
    expect(r.files[0]?.warnings).toEqual([
      expect.objectContaining({
        record: 3,
        field: '传感器类型',
        reason: expect.stringContaining('1011 (馈电器) 未对应本平台监测量'),
      }),
    ]);
    const p = await points();
    const a01 = p.get('CH4A01');
    expect(a01?.quantity).toBe('CH4');
    expect(a01?.mineThresholds).toMatchObject({
      version: 1,
      upperAlarm: 1,
      upperPowerOff: 1.5,
      upperPowerOn: 1,
    });
    expect(a01?.minewatchThresholds).toEqual({
      direction: 'upper',
      thresholds: { 黄色: 1, 红色: 1.5 },
    });
    expect(a01?.applies).toEqual({ stricter: 'same', value: 1 });
    expect(p.get('CH4A02')?.relations).toEqual([
      [{ type: 'D', typeName: '断电', pointCode: 'KD001', name: '馈电' }],
    ]);
    expect(p.get('KD001')).toMatchObject({
      sensorId: null,
      quantity: null,
      sensorTypeName: '馈电器',
    });
    const sensor = await get<{
      code: string;
      quantity: string;
      spec: { rangeMin: number; rangeMax: number };
    }>(`/api/monitoring/sensors/${a01?.sensorId}`);
    expect(sensor.body).toMatchObject({
      code: 'CH4A01',
      quantity: 'CH4',
      spec: { rangeMin: 0, rangeMax: 4 },
    });
  });

  it('a changed 报警 value is a new threshold version, audited as the mine’s system; minewatch’s stays the regulator’s and the stricter applies', async () => {
    const f = buildCoalFixture('CDDY', {
      mineCode: CODE_A,
      time: '2026-11-22 09:30:00',
      records: [ch4('CH4A01', { 上限报警门限: '0.8', 上限解报门限: '0.8' })],
    });
    const r = await postFiles(app, tokens.a, [f]);
    expect(r.files[0]).toMatchObject({ status: 'stored', stored: 1, duplicates: 0 });
    const a01 = (await points()).get('CH4A01');
    expect(a01?.mineThresholds).toMatchObject({ version: 2, upperAlarm: 0.8 });
    // minewatch's 黄色 stays 1.0: the mine's 0.8 is stricter and applies.
    expect(a01?.minewatchThresholds?.thresholds).toEqual({ 黄色: 1, 红色: 1.5 });
    expect(a01?.applies).toEqual({ stricter: 'mine', value: 0.8 });
    const audit = await get<{ type: string; actor: string; after: { version: number } }[]>(
      `/api/audit/coal_point/${a01?.id}`,
    );
    expect(audit.status).toBe(200);
    const changed = audit.body.find((e) => e.type === 'coal_upload.point.thresholds_changed');
    expect(changed?.actor).toBe('煤矿监控系统 (上传文件)');
    expect(changed?.after.version).toBe(2);
    // The same definition again (a later file, same content) changes nothing.
    const again = buildCoalFixture('CDDY', {
      mineCode: CODE_A,
      time: '2026-11-22 09:40:00',
      records: [ch4('CH4A01', { 上限报警门限: '0.8', 上限解报门限: '0.8' })],
    });
    expect((await postFiles(app, tokens.a, [again])).files[0]).toMatchObject({
      status: 'stored',
      stored: 0,
      duplicates: 1,
    });
  });

  it('a changed range follows into minewatch’s point (audited as the mine’s system); its thresholds stay', async () => {
    const f = buildCoalFixture('CDDY', {
      mineCode: CODE_A,
      time: '2026-11-22 09:45:00',
      records: [ch4('CH4A01', { 上限报警门限: '0.8', 上限解报门限: '0.8', 高量程: '10' })],
    });
    expect((await postFiles(app, tokens.a, [f])).files[0]).toMatchObject({ stored: 1 });
    const a01 = (await points()).get('CH4A01');
    expect(a01).toMatchObject({ rangeHigh: 10, mineThresholds: { version: 2 } });
    const sensor = await get<{ spec: { rangeMax: number; thresholds: object }; version: number }>(
      `/api/monitoring/sensors/${a01?.sensorId}`,
    );
    expect(sensor.body.spec).toMatchObject({ rangeMax: 10, thresholds: { 黄色: 1, 红色: 1.5 } });
    const audit = await get<{ type: string; actor: string }[]>(
      `/api/audit/sensor/${a01?.sensorId}`,
    );
    expect(audit.body.find((e) => e.type === 'monitoring.sensor.spec_changed')?.actor).toBe(
      '煤矿监控系统 (上传文件)',
    );
  });

  /**
   * One point per 测点状态 flag (MT/T 1201.1-2023 附录B: 0 正常, 1 报警, 2 断电, 4 标校, 8 超量程, 16 分站故障,
   * 32 不巡检, 64 暂停, 128 传感器故障; 5 = 报警 + 标校), and two where the mine's state and minewatch's
   * thresholds (黄色 1.0, 红色 1.5) disagree.
   */
  const flagged: [code: string, status: string, value: string][] = [
    ['F000', '0', '0.30'],
    ['F001', '1', '1.20'],
    ['F002', '2', '1.60'],
    ['F004', '4', '2.00'],
    ['F008', '8', '5.00'],
    ['F016', '16', '0.10'],
    ['F032', '32', '0'],
    ['F064', '64', '0'],
    ['F128', '128', '0'],
    ['F005', '5', '2.00'],
    ['D001', '1', '0.30'],
    ['D002', '0', '1.20'],
  ];
  const cdss = (time: string, header = time) =>
    buildCoalFixture('CDSS', {
      mineCode: CODE_A,
      time,
      header: { 数据上传时间: header },
      records: flagged.map(([code, status, value]) => ({
        测点编码: code,
        测点值: value,
        测点状态: status,
      })),
    });

  it('CDSS: readings go through the engine; 标校/不巡检/暂停 raise no 超限 and are marked; 传感器故障/超量程/分站故障 are 数据异常', async () => {
    const def = buildCoalFixture('CDDY', {
      mineCode: CODE_A,
      time: '2026-11-22 09:00:00',
      records: flagged.map(([code]) => ch4(code)),
    });
    expect((await postFiles(app, tokens.a, [def])).files[0]).toMatchObject({ stored: 12 });
    const r = await postFiles(app, tokens.a, [cdss('2026-11-22 10:00:00')]);
    expect(r.status).toBe(200);
    // 5 readings (正常, 报警, 断电 and the two disagreements) and 7 marked records.
    expect(r.files[0]).toMatchObject({
      type: 'CDSS',
      status: 'stored',
      records: 12,
      stored: 12,
      refused: 0,
    });
    const p = await points();
    const sensorOf = (code: string) => p.get(code)?.sensorId ?? '';
    const readings = await queryRows<{ code: string; n: number }>(
      t.database.db,
      sql`SELECT s.code, count(r.ts)::int AS n FROM monitoring_sensors s
          LEFT JOIN readings r ON r.sensor_no = s.no
          WHERE s.mine_id = ${world.a.mines[0]?.id} AND (s.code LIKE 'F%' OR s.code LIKE 'D00%')
          GROUP BY s.code ORDER BY s.code`,
    );
    expect(Object.fromEntries(readings.map((x) => [x.code, x.n]))).toEqual({
      D001: 1,
      D002: 1,
      F000: 1,
      F001: 1,
      F002: 1,
      F004: 0,
      F005: 0,
      F008: 0,
      F016: 0,
      F032: 0,
      F064: 0,
      F128: 0,
    });
    const alarms = await queryRows<{ sensor_id: string; kind: string; level: string }>(
      t.database.db,
      sql`SELECT sensor_id, kind, level FROM alarms WHERE kind = '超限' AND closed_at IS NULL`,
    );
    const over = (code: string) =>
      alarms.filter((a) => a.sensor_id === sensorOf(code)).map((a) => a.level);
    expect(over('F001')).toEqual(['黄色']);
    expect(over('F002')).toEqual(['红色']);
    expect(over('D002')).toEqual(['黄色']);
    // A calibration reading of 2.0 % (and one flagged 报警 + 标校) raises nothing.
    expect(over('F004')).toEqual([]);
    expect(over('F005')).toEqual([]);
    const episodes = await get<{ pointCode: string; kind: string }[]>(
      `/api/coal/mines/${world.a.mines[0]?.id}/episodes`,
    );
    expect(episodes.status).toBe(200);
    expect(Object.fromEntries(episodes.body.map((e) => [e.pointCode, e.kind]))).toEqual({
      F004: '标校',
      F005: '标校',
      F008: '数据异常',
      F016: '数据异常',
      F128: '数据异常',
      F032: '不巡检',
      F064: '暂停',
      D001: '煤矿报警本平台未超限',
      D002: '本平台超限煤矿未报警',
    });
    const marks = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM coal_point_status`,
    );
    expect(marks[0]?.n).toBe(10);
  });

  it('the same CDSS again stores nothing; the same records in another file are duplicates', async () => {
    const count = async () =>
      (
        await queryRows<{ r: number; s: number; e: number; f: number }>(
          t.database.db,
          sql`SELECT (SELECT count(*) FROM readings)::int AS r, (SELECT count(*) FROM coal_point_status)::int AS s,
                (SELECT count(*) FROM coal_point_episodes)::int AS e, (SELECT count(*) FROM coal_files)::int AS f`,
        )
      )[0];
    const before = await count();
    const same = await postFiles(app, tokens.a, [cdss('2026-11-22 10:00:00')]);
    expect(same.files[0]).toMatchObject({ status: 'duplicate', stored: 0, duplicates: 12 });
    expect(await count()).toEqual(before);
    const resent = await postFiles(app, tokens.a, [
      cdss('2026-11-22 10:00:00', '2026-11-22 10:00:30'),
    ]);
    expect(resent.files[0]).toMatchObject({ status: 'stored', stored: 0, duplicates: 12 });
    expect(await count()).toEqual({ ...before, f: (before?.f ?? 0) + 1 });
  });

  it('records refused one by one name their record and field: an undefined point, a time ahead of the server', async () => {
    const f = buildCoalFixture('CDSS', {
      mineCode: CODE_A,
      time: '2026-11-22 10:20:00',
      records: [
        { 测点编码: 'F000', 测点值: '0.2', 测点状态: '0' },
        { 测点编码: 'F004', 测点值: '2.0', 测点状态: '4' },
        { 测点编码: 'NOPE', 测点值: '0.2', 测点状态: '0' },
      ],
    });
    const r = await postFiles(app, tokens.a, [f]);
    expect(r.files[0]).toMatchObject({ status: 'stored', records: 3, stored: 0, refused: 3 });
    expect(r.files[0]?.problems.map((p) => [p.record, p.field])).toEqual([
      [1, '数据时间'],
      [2, '数据时间'],
      [3, '测点编码'],
    ]);
    const marks = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM coal_point_status WHERE ts >= '2026-11-22T02:10:00Z'`,
    );
    expect(marks[0]?.n).toBe(0);
  });

  it('a switch point (馈电器 1011, 开关量) is taken, not refused: kept as its changes of state, the latest shown in the mine’s words', async () => {
    const kd = (time: string, values: [string, string][]) =>
      buildCoalFixture('CDSS', {
        mineCode: CODE_A,
        time,
        records: values.map(([at, value]) => ({
          测点编码: 'KD001',
          测点值: value,
          测点状态: '0',
          数据时间: at,
        })),
      });
    const rows = async () =>
      (
        await queryRows<{ n: number }>(
          t.database.db,
          sql`SELECT count(*)::int AS n FROM coal_point_states`,
        )
      )[0]?.n ?? 0;
    const before = await rows();
    const r = await postFiles(app, tokens.a, [
      kd('2026-11-22 09:59:50', [
        ['2026-11-22 09:59:30', '1'],
        ['2026-11-22 09:59:40', '1'],
        ['2026-11-22 09:59:50', '0'],
      ]),
    ]);
    expect(r.files[0]).toMatchObject({ status: 'stored', records: 3, stored: 3, refused: 0 });
    expect((await rows()) - before).toBe(2);
    expect((await points()).get('KD001')?.state).toEqual({
      at: '2026-11-22T01:59:50.000Z',
      value: 0,
      text: '无电',
      status: '正常',
    });
    // Unchanged in the next file: taken, no new row.
    const next = await postFiles(app, tokens.a, [
      kd('2026-11-22 10:00:00', [['2026-11-22 10:00:00', '0']]),
    ]);
    expect(next.files[0]).toMatchObject({ status: 'stored', stored: 1 });
    expect((await rows()) - before).toBe(2);
  });

  it('断电 whose 馈电 point (关联关系 D) still shows 有电 the set time later is a 馈电异常 finding, once per 断电 (AQ 1029-2019)', async () => {
    const def = buildCoalFixture('CDDY', {
      mineCode: CODE_A,
      time: '2026-11-22 09:00:00',
      records: [
        ch4('CH4F01', { 传感器关联关系: 'D-KD002-馈电' }),
        {
          测点编码: 'KD002',
          分站编码: 'FZ001',
          传感器类型: '1011',
          数值类型: 'KG',
          开描述: '有电',
          停描述: '无电',
          安装位置: '1102工作面馈电',
        },
      ],
    });
    const rec = (code: string, at: string, value: string, status: string) => ({
      测点编码: code,
      测点值: value,
      测点状态: status,
      数据时间: at,
    });
    // 09:50 断电 (报警+断电 = 3) for 30 s; the 馈电 shows 有电 until 09:51:30: still powered at 09:51:00.
    // 09:55 断电 again; the 馈电 drops to 无电 within 20 s: no finding.
    const data = buildCoalFixture('CDSS', {
      mineCode: CODE_A,
      time: '2026-11-22 09:55:30',
      records: [
        rec('CH4F01', '2026-11-22 09:50:00', '1.6', '3'),
        rec('CH4F01', '2026-11-22 09:50:30', '1.6', '3'),
        rec('KD002', '2026-11-22 09:50:00', '1', '0'),
        rec('KD002', '2026-11-22 09:51:30', '0', '0'),
        rec('KD002', '2026-11-22 09:54:00', '1', '0'),
        rec('CH4F01', '2026-11-22 09:55:00', '1.6', '3'),
        rec('KD002', '2026-11-22 09:55:20', '0', '0'),
      ],
    });
    const r = await postFiles(app, tokens.a, [def, data]);
    expect(r.files.map((f) => [f.status, f.refused])).toEqual([
      ['stored', 0],
      ['stored', 0],
    ]);
    const job = await recordFeedAnomalies(t.deps);
    expect(job.findings).toBe(1);
    expect((await recordFeedAnomalies(t.deps)).findings).toBe(0); // judged once
    const found = await get<{ kind: string; summary: string; at: string }[]>(
      `/api/coal/mines/${world.a.mines[0]?.id}/findings?kind=断电后馈电异常`,
    );
    expect(found.body).toEqual([
      expect.objectContaining({
        kind: '断电后馈电异常',
        at: '2026-11-22T01:50:00.000Z',
        summary: expect.stringContaining('馈电测点 KD002 60 秒后仍为有电'),
      }),
    ]);
  });

  it('a point the mine reports under 标校 holds its calls: its 断线 meanwhile is recorded and calls nobody; a faulty sensor’s is called', async () => {
    const def = buildCoalFixture('CDDY', {
      mineCode: CODE_A,
      time: '2026-11-22 09:00:00',
      records: [ch4('Q001'), ch4('Q002'), ch4('Q003')],
    });
    const at = (time: string, status: string) =>
      buildCoalFixture('CDSS', {
        mineCode: CODE_A,
        time,
        records: [
          { 测点编码: 'Q001', 测点值: status === '0' ? '0.30' : '2.00', 测点状态: status },
          { 测点编码: 'Q002', 测点值: '0', 测点状态: status === '0' ? '0' : '128' },
        ],
      });
    t.deps.clock.now = new Date('2026-11-22T02:13:55Z');
    const r = await postFiles(app, tokens.a, [
      def,
      at('2026-11-22 10:10:00', '0'),
      at('2026-11-22 10:11:00', '4'),
      at('2026-11-22 10:12:00', '4'),
      // Another point keeps reporting: the mine is not silent as a whole (that would be 断网).
      buildCoalFixture('CDSS', {
        mineCode: CODE_A,
        time: '2026-11-22 10:13:50',
        records: [{ 测点编码: 'Q003', 测点值: '0.2', 测点状态: '0' }],
      }),
    ]);
    expect(r.files.map((f) => f.status)).toEqual([
      'stored',
      'stored',
      'stored',
      'stored',
      'stored',
    ]);
    t.deps.clock.now = new Date('2026-11-22T02:14:00Z');
    await tick();
    const p = await points();
    const silence = await queryRows<{ sensor_id: string; suppressed: boolean }>(
      t.database.db,
      sql`SELECT sensor_id, suppressed FROM alarms WHERE kind = '断线' AND sensor_id IN (${p.get('Q001')?.sensorId}, ${p.get('Q002')?.sensorId})`,
    );
    expect(
      Object.fromEntries(
        silence.map((a) => [
          a.sensor_id === p.get('Q001')?.sensorId ? 'Q001' : 'Q002',
          a.suppressed,
        ]),
      ),
    ).toEqual({ Q001: true, Q002: false });
    const windows = await queryRows<{
      reason: string;
      starts_at: Date | string;
      ends_at: Date | string;
    }>(
      t.database.db,
      sql`SELECT reason, starts_at, ends_at FROM maintenance_windows WHERE sensor_id = ${p.get('Q001')?.sensorId}`,
    );
    // One window for the episode, widened by the second file: 10:11 to 10:12 + 10 minutes.
    expect(
      windows.map((w) => [
        w.reason,
        new Date(w.starts_at).toISOString(),
        new Date(w.ends_at).toISOString(),
      ]),
    ).toEqual([
      [
        '煤矿上报测点标校: 其间读数不作判定, 告警只记录不叫应',
        '2026-11-22T02:11:00.000Z',
        '2026-11-22T02:22:00.000Z',
      ],
    ]);
  });
});
