/**
 * What the files reveal against minewatch's own data, over HTTP on both engines (fixtures from the field
 * lists, REFERENCE §B6): YCBJ records linked to the matching minewatch alarm, every 异常类型 accepted, a
 * record closed without 处理措施 a finding; a minewatch 超限 with no YCBJ within the set time a finding
 * and the 监控造假 rule's evidence; TJSJ against the 5-minute statistics; FZDY/FZSS substations and
 * their 通信中断 spans.
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
import { MINUTE_MS } from '../../../shared/dates.ts';
import { loadFrame } from '../leads/frame.loader.ts';
import { falsifiedMonitoring } from '../leads/rules/falsified.rule.ts';
import { defaultLeadRules } from '../leads/rules/lead-rules.model.ts';
import type { CoalPointResponse } from '../../../shared/coal-upload.schemas.ts';
import { coalCatalogue } from './coal.catalogue.ts';
import { buildCoalFixture } from './coal-file.factory.ts';
import { recordUnreportedOverLimits } from './coal-unreported.job.ts';
import { ch4Point, CODE_A, connectWorld, postFiles } from './coal-upload.fixtures.ts';

const point = (code: string, substation = 'FZ001') =>
  ch4Point(code, { 分站编码: substation, 安装位置: `${code} 掘进工作面` });

describe.each(engines)('coal monitoring files against minewatch (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let cookies: Record<string, string>;
  let tokens: { a: string; b: string; a2: string };
  let mineId = '';
  let sensors = new Map<string, string>();
  const get = async <T>(url: string, who = 'reg') => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies[who] ?? '' } });
    return { status: res.statusCode, body: res.json<T>() };
  };
  const cdss = (time: string, records: [string, string, string][]) =>
    buildCoalFixture('CDSS', {
      mineCode: CODE_A,
      time,
      records: records.map(([code, value, status]) => ({
        测点编码: code,
        测点值: value,
        测点状态: status,
        数据时间: time,
      })),
    });
  const alarmOf = async (code: string) =>
    (
      await queryRows<{ id: string }>(
        t.database.db,
        sql`SELECT id FROM alarms WHERE sensor_id = ${sensors.get(code) ?? ''} AND kind = '超限'`,
      )
    )[0]?.id;

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    cookies = await loginAll(app, {
      reg: world.a.users.regulator_admin,
      ent: world.a.users.enterprise_admin,
    });
    tokens = await connectWorld(t.deps, world);
    mineId = world.a.mines[0]?.id ?? '';
    const def = buildCoalFixture('CDDY', {
      mineCode: CODE_A,
      time: '2026-11-22 09:00:00',
      records: [point('P1'), point('P2'), point('P3', 'FZ002')],
    });
    const r = await postFiles(app, tokens.a, [
      def,
      cdss('2026-11-22 10:00:00', [
        ['P1', '1.2', '1'],
        ['P2', '0.5', '0'],
        ['P3', '1.6', '2'],
      ]),
      cdss('2026-11-22 10:01:00', [['P1', '1.0', '1']]),
      cdss('2026-11-22 10:02:00', [['P1', '0.8', '0']]),
    ]);
    expect(r.files.map((f) => f.status)).toEqual(['stored', 'stored', 'stored', 'stored']);
    sensors = new Map(
      (await get<CoalPointResponse[]>(`/api/coal/mines/${mineId}/points`)).body.map((p) => [
        p.pointCode,
        p.sensorId ?? '',
      ]),
    );
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('YCBJ is kept with its 异常原因 and linked to minewatch’s 超限 of the same point; closed without 处理措施 it is a finding', async () => {
    const y = buildCoalFixture('YCBJ', {
      mineCode: CODE_A,
      time: '2026-11-22 10:06:00',
      records: [
        {
          测点编码: 'P1',
          异常类型: '001',
          开始时间: '2026-11-22 10:00:00',
          结束时间: '2026-11-22 10:02:00',
          最大值: '1.2',
          最大值时刻: '2026-11-22 10:00:00',
          异常原因: '采空区瓦斯涌出',
          处理措施: '',
          录入人: '调度员',
        },
      ],
    });
    const r = await postFiles(app, tokens.a, [y]);
    expect(r.files[0]).toMatchObject({ type: 'YCBJ', status: 'stored', stored: 1 });
    const alarmId = await alarmOf('P1');
    expect(alarmId).toBeDefined();
    const linked = await get<{ pointCode: string; cause: string; abnormalTypeName: string }[]>(
      `/api/coal/alarms/${alarmId}/abnormal-alarms`,
    );
    expect(linked.body).toEqual([
      expect.objectContaining({
        pointCode: 'P1',
        cause: '采空区瓦斯涌出',
        abnormalTypeName: '超限报警',
      }),
    ]);
    const findings = await get<{ kind: string; pointCode: string; summary: string }[]>(
      `/api/coal/mines/${mineId}/findings?kind=异常报警未填处理措施`,
    );
    expect(findings.body).toHaveLength(1);
    expect(findings.body[0]?.summary).toContain('未填写处理措施');
    // The same alarm reported again with its 处理措施 replaces the record; the finding stays.
    const later = buildCoalFixture('YCBJ', {
      mineCode: CODE_A,
      time: '2026-11-22 10:20:00',
      records: [
        {
          测点编码: 'P1',
          异常类型: '001',
          开始时间: '2026-11-22 10:00:00',
          结束时间: '2026-11-22 10:02:00',
          异常原因: '采空区瓦斯涌出',
          处理措施: '加强通风, 撤出人员',
        },
      ],
    });
    expect((await postFiles(app, tokens.a, [later])).files[0]).toMatchObject({ stored: 1 });
    const after = await get<{ measures: string }[]>(`/api/coal/alarms/${alarmId}/abnormal-alarms`);
    expect(after.body.map((a) => a.measures)).toEqual(['加强通风, 撤出人员']);
  });

  it('every 异常类型 of the code table is accepted (001–010)', async () => {
    const codes = coalCatalogue.abnormalType.entries.map((e) => e.code);
    const y = buildCoalFixture('YCBJ', {
      mineCode: CODE_A,
      time: '2026-11-22 10:07:00',
      records: codes.map((c, i) => ({
        测点编码: 'P2',
        异常类型: c,
        开始时间: `2026-11-22 09:${String(10 + i).padStart(2, '0')}:00`,
        处理措施: '已处理',
      })),
    });
    const r = await postFiles(app, tokens.a, [y]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.files[0]).toMatchObject({ records: 10, stored: 10, refused: 0 });
    const all = await get<{ abnormalType: string; abnormalTypeName: string }[]>(
      `/api/coal/mines/${mineId}/abnormal-alarms`,
    );
    expect(new Set(all.body.map((a) => a.abnormalTypeName))).toEqual(
      new Set(coalCatalogue.abnormalType.entries.map((e) => e.name)),
    );
  });

  it('a minewatch 超限 with no YCBJ within the set time (60 min) is a finding and 监控造假 evidence; one with a YCBJ is not', async () => {
    t.deps.clock.advance(61 * MINUTE_MS);
    expect(await recordUnreportedOverLimits(t.deps)).toEqual({ findings: 1 });
    // Run again: nothing new.
    expect(await recordUnreportedOverLimits(t.deps)).toEqual({ findings: 0 });
    const findings = await get<{ kind: string; pointCode: string; alarmId: string }[]>(
      `/api/coal/mines/${mineId}/findings?kind=超限未报异常报警`,
    );
    expect(findings.body.map((f) => [f.pointCode, f.alarmId])).toEqual([
      ['P3', await alarmOf('P3')],
    ]);
    const series = await queryRows<{ value: number; period_start: Date | string }>(
      t.database.db,
      sql`SELECT value, period_start FROM mine_series WHERE mine_id = ${mineId} AND factor = '未报超限'`,
    );
    expect(series.map((s) => [s.value, new Date(s.period_start).toISOString()])).toEqual([
      [1, '2026-11-22T02:00:00.000Z'],
    ]);
    const start = Date.parse('2026-11-21T16:00:00Z');
    const frame = await loadFrame(t.database.db, mineId, start, 2);
    const leads = frame ? falsifiedMonitoring(frame, defaultLeadRules) : [];
    expect(leads).toHaveLength(1);
    expect(leads[0]?.summary).toContain('本平台判定超限 1 次而煤矿未按时上报异常报警');
    expect(leads[0]?.breaches.map((b) => b.factor)).toEqual(['未报超限']);
    t.deps.clock.advance(-61 * MINUTE_MS);
  });

  it('TJSJ agreeing with minewatch’s 5-minute statistics is stored; one beyond the tolerance is a finding', async () => {
    const s = buildCoalFixture('TJSJ', {
      mineCode: CODE_A,
      time: '2026-11-22 10:05:00',
      records: [
        // P1 10:00–10:05: readings 1.2, 1.0, 0.8 → max 1.2, min 0.8, avg 1.0.
        {
          测点编码: 'P1',
          开始时间: '2026-11-22 10:00:00',
          结束时间: '2026-11-22 10:05:00',
          最大值: '1.2',
          最小值: '0.8',
          平均值: '1.0',
        },
        // P2 10:00–10:05: one reading 0.5; the mine says max 0.9.
        {
          测点编码: 'P2',
          开始时间: '2026-11-22 10:00:00',
          结束时间: '2026-11-22 10:05:00',
          最大值: '0.9',
          最小值: '0.5',
          平均值: '0.7',
        },
        // No minewatch statistics for this period: stored, not judged.
        {
          测点编码: 'P3',
          开始时间: '2026-11-22 09:00:00',
          结束时间: '2026-11-22 09:05:00',
          最大值: '0.1',
          最小值: '0.1',
          平均值: '0.1',
        },
        { 测点编码: 'NOPE', 开始时间: '2026-11-22 10:00:00', 结束时间: '2026-11-22 10:05:00' },
      ],
    });
    const r = await postFiles(app, tokens.a, [s]);
    expect(r.files[0]).toMatchObject({ records: 4, stored: 3, refused: 1 });
    expect(r.files[0]?.problems).toEqual([
      expect.objectContaining({
        record: 4,
        field: '测点编码',
        reason: expect.stringContaining('未在测点定义'),
      }),
    ]);
    const findings = await get<{ pointCode: string; summary: string }[]>(
      `/api/coal/mines/${mineId}/findings?kind=统计值不符`,
    );
    expect(findings.body.map((f) => f.pointCode)).toEqual(['P2']);
    expect(findings.body[0]?.summary).toContain('本平台 最大 0.5');
    const agrees = await queryRows<{ agrees: boolean | null }>(
      t.database.db,
      sql`SELECT agrees FROM coal_statistics ORDER BY start_time, agrees`,
    );
    expect(agrees.map((a) => a.agrees)).toEqual([null, false, true]);
  });

  it('FZDY/FZSS: substations with their state; a 通信中断 is a span that explains its points’ silence', async () => {
    const d = buildCoalFixture('FZDY', {
      mineCode: CODE_A,
      time: '2026-11-22 09:00:00',
      records: [
        { 分站编码: 'FZ001', 安装位置: '1101 采区变电所' },
        { 分站编码: 'FZ002', 安装位置: '1102 掘进头' },
      ],
    });
    const st = (time: string, code: string, run: string) =>
      buildCoalFixture('FZSS', {
        mineCode: CODE_A,
        time,
        records: [{ 分站编码: code, 运行状态: run, 供电状态: '1', 数据时间: time }],
      });
    const r = await postFiles(app, tokens.a, [
      d,
      st('2026-11-22 10:00:00', 'FZ001', '0'),
      st('2026-11-22 10:01:00', 'FZ001', '1'),
      st('2026-11-22 10:04:00', 'FZ001', '0'),
      st('2026-11-22 10:02:00', 'FZ002', '1'),
    ]);
    expect(
      r.files.every((f) => f.status === 'stored' && f.stored === 1 + (f.type === 'FZDY' ? 1 : 0)),
    ).toBe(true);
    const subs = await get<
      {
        code: string;
        runStatusName: string;
        points: number;
        outages: { from: string; to: string | null }[];
      }[]
    >(`/api/coal/mines/${mineId}/substations`);
    expect(subs.body).toEqual([
      expect.objectContaining({
        code: 'FZ001',
        runStatusName: '通信正常',
        points: 2,
        outages: [{ from: '2026-11-22T02:01:00.000Z', to: '2026-11-22T02:04:00.000Z' }],
      }),
      expect.objectContaining({
        code: 'FZ002',
        runStatusName: '通信中断',
        points: 1,
        outages: [{ from: '2026-11-22T02:02:00.000Z', to: null }],
      }),
    ]);
  });

  it('an enterprise user sees the feeds but not the findings (lead evidence is for regulators)', async () => {
    expect((await get(`/api/coal/mines/${mineId}/feeds`, 'ent')).status).toBe(200);
    expect((await get(`/api/coal/mines/${mineId}/findings`, 'ent')).status).toBe(403);
    expect((await get(`/api/coal/mines/${mineId}/episodes`, 'ent')).status).toBe(403);
  });
});
