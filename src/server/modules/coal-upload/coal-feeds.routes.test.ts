/**
 * The regulator's 数据接入 overview and a minewatch point's coal definition over HTTP, on both engines,
 * with files built by the factory from the field lists (REFERENCE §B6): every coal mine of the caller's
 * jurisdiction with its feeds (newest accepted file per type, delay, files per hour, refused files with
 * their reasons), late feeds judged by the setting coalUpload.feedStaleMinutes (UNVERIFIED), the worst
 * mines first; a point's page gets the mine's own 报警/断电 values, which applies, and its newest
 * 测点状态. Another county or enterprise sees none of it.
 */
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
import type {
  CoalMineFeedsResponse,
  CoalPointResponse,
  CoalSensorPointResponse,
} from '../../../shared/coal-upload.schemas.ts';
import { buildCoalFixture } from './coal-file.factory.ts';
import { ch4Point, CODE_A, connectWorld, postFiles } from './coal-upload.fixtures.ts';

const ch4 = ch4Point('CH4F01', { 安装位置: '1101采煤工作面回风巷' });
const cdss = (time: string, value: string, status: string) =>
  buildCoalFixture('CDSS', {
    mineCode: CODE_A,
    time,
    records: [{ 测点编码: 'CH4F01', 测点值: value, 测点状态: status }],
  });

describe.each(engines)('coal 数据接入 and a point’s coal definition (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let cookies: Record<string, string>;
  let tokens: { a: string; b: string; a2: string };
  let tick: () => Promise<unknown>;
  let uncoded = '';
  let sensorId = '';
  const get = async <T>(url: string, who = 'reg') => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies[who] ?? '' } });
    return { status: res.statusCode, body: res.json<T>() };
  };
  const feeds = async (who = 'reg', query = '') =>
    get<CoalMineFeedsResponse[]>(`/api/coal/feeds${query}`, who);

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    const built = await createTestApp(t);
    app = built.app;
    tick = () => built.ctx.monitoring.tick();
    cookies = await loginAll(app, {
      reg: world.a.users.regulator_admin,
      ent: world.a.users.enterprise_admin,
      otherCounty: world.b.users.regulator_admin,
      otherEnt: world.a2.users.enterprise_admin,
    });
    tokens = await connectWorld(t.deps, world);
    uncoded = (await buildMine(t.deps, { countyCode: '140981', name: '甲未编码煤矿' })).id;
    // County A's mine sends every real-time feed at 10:00 (the clock's now) and one truncated file.
    const truncated = cdss('2026-11-22 09:59:30', '0.3', '0');
    const r = await postFiles(app, tokens.a, [
      buildCoalFixture('CDDY', { mineCode: CODE_A, time: '2026-11-22 09:00:00', records: [ch4] }),
      cdss('2026-11-22 10:00:00', '1.2', '1'),
      { name: truncated.name, data: truncated.text.slice(0, -2) },
      ...(['FZSS', 'RYSS', 'JZSS'] as const).map((type) =>
        buildCoalFixture(type, { mineCode: CODE_A, time: '2026-11-22 10:00:00', records: 1 }),
      ),
      buildCoalFixture('TJSJ', {
        mineCode: CODE_A,
        time: '2026-11-22 10:00:00',
        records: [{ 测点编码: 'CH4F01', 开始时间: '2026-11-22 09:55:00' }],
      }),
    ]);
    // Files are processed in time order, the definitions first.
    expect(r.files.map((f) => `${f.type} ${f.status}`).sort()).toEqual([
      'CDDY stored',
      'CDSS refused',
      'CDSS stored',
      'FZSS stored',
      'JZSS stored',
      'RYSS stored',
      'TJSJ stored',
    ]);
    // County B's mine uploads too: county A must never see it.
    await postFiles(app, tokens.b, [
      buildCoalFixture('FZSS', { mineCode: '141029000001', time: '2026-11-22 10:00:00' }),
    ]);
    const points = await get<CoalPointResponse[]>(`/api/coal/mines/${world.a.mines[0]?.id}/points`);
    sensorId = points.body.find((p) => p.pointCode === 'CH4F01')?.sensorId ?? '';
    expect(sensorId).not.toBe('');
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('lists the county’s coal mines, the ones not uploading first, each feed with its delay, counts and refusals', async () => {
    const res = await feeds();
    expect(res.status).toBe(200);
    const ids = res.body.map((m) => m.mineId);
    const a = res.body.find((m) => m.mineId === world.a.mines[0]?.id);
    const a2 = res.body.find((m) => m.mineId === world.a2.mines[0]?.id);
    const none = res.body.find((m) => m.mineId === uncoded);
    expect([none?.state, a2?.state, a?.state]).toEqual([
      '未配置煤矿编码',
      '从未上传',
      '有拒收文件',
    ]);
    expect(ids.indexOf(uncoded)).toBeLessThan(ids.indexOf(a2?.mineId ?? ''));
    expect(ids.indexOf(a2?.mineId ?? '')).toBeLessThan(ids.indexOf(a?.mineId ?? ''));
    // The tailings pond is not a coal mine.
    expect(ids).not.toContain(world.a.mines[1]?.id);
    expect(a).toMatchObject({
      mineName: 'a煤矿',
      coalCode: CODE_A,
      lastFileAt: '2026-11-22T02:00:00.000Z',
      filesLastHour: 7,
      refusedLastDay: 1,
    });
    const byType = new Map(a?.feeds.map((f) => [f.type, f]));
    expect(a?.feeds.map((f) => f.type)).toEqual([
      'CDDY',
      'CDSS',
      'YCBJ',
      'TJSJ',
      'FZDY',
      'FZSS',
      'RYXX',
      'RYQY',
      'RYJZ',
      'RYSS',
      'JZSS',
    ]);
    // The truncated file is newer than nothing: the delay counts from the newest accepted file.
    expect(byType.get('CDSS')).toMatchObject({
      lastFileAt: '2026-11-22T02:00:00.000Z',
      delaySeconds: 0,
      filesLastHour: 2,
      filesLastDay: 2,
      refusedLastDay: 1,
      staleAfterMinutes: 5,
      stale: false,
    });
    expect(byType.get('CDDY')).toMatchObject({ delaySeconds: 3600, staleAfterMinutes: null });
    expect(byType.get('YCBJ')).toMatchObject({ lastFileAt: null, stale: false });
    expect(a?.refusedFiles).toHaveLength(1);
    expect(a?.refusedFiles[0]).toMatchObject({
      type: 'CDSS',
      outcome: 'refused',
      fileAt: '2026-11-22T01:59:30.000Z',
    });
    expect(a?.refusedFiles[0]?.problems[0]?.reason).toMatch(/\|\|/);
    // A mine without files has every judged feed late; one without a code has no file at all.
    expect(a2?.feeds.filter((f) => f.stale).map((f) => f.type)).toEqual([
      'CDSS',
      'TJSJ',
      'FZSS',
      'RYSS',
      'JZSS',
    ]);
    expect(none).toMatchObject({ coalCode: null, lastFileAt: null, filesLastHour: 0 });
  });

  it('a real-time feed older than its setting is late and moves the mine ahead', async () => {
    t.deps.clock.advance(6 * 60_000);
    const a = (await feeds()).body.find((m) => m.mineId === world.a.mines[0]?.id);
    expect(a?.state).toBe('上传延迟');
    expect(a?.feeds.filter((f) => f.stale).map((f) => f.type)).toEqual(['CDSS', 'FZSS']);
    expect(a?.feeds.find((f) => f.type === 'CDSS')).toMatchObject({
      delaySeconds: 360,
      filesLastHour: 2,
    });
    t.deps.clock.advance(-6 * 60_000);
  });

  it('a point’s page gets the mine’s own thresholds beside minewatch’s and its newest 测点状态', async () => {
    const alarm = await get<CoalSensorPointResponse>(`/api/coal/sensors/${sensorId}/point`);
    expect(alarm.status).toBe(200);
    expect(alarm.body.point).toMatchObject({
      pointCode: 'CH4F01',
      mineThresholds: { upperAlarm: 1, upperAlarmClear: 1, upperPowerOff: 1.5, upperPowerOn: 1 },
      minewatchThresholds: { direction: 'upper', thresholds: { 黄色: 1, 红色: 1.5 } },
      applies: { stricter: 'same', value: 1 },
    });
    expect(alarm.body.status).toEqual({
      at: '2026-11-22T02:00:00.000Z',
      value: 1.2,
      flags: ['报警'],
      current: true,
    });
    // A normal reading after it: the 报警 is history.
    t.deps.clock.now = new Date('2026-11-22T02:01:05Z');
    await postFiles(app, tokens.a, [cdss('2026-11-22 10:01:00', '0.3', '0')]);
    await tick();
    const after = await get<CoalSensorPointResponse>(`/api/coal/sensors/${sensorId}/point`);
    expect(after.body.status).toMatchObject({ flags: ['报警'], current: false });
    // 标校 holds the reading back: the flag is in force.
    t.deps.clock.now = new Date('2026-11-22T02:02:05Z');
    await postFiles(app, tokens.a, [cdss('2026-11-22 10:02:00', '2.0', '4')]);
    await tick();
    const calibrating = await get<CoalSensorPointResponse>(`/api/coal/sensors/${sensorId}/point`);
    expect(calibrating.body.status).toEqual({
      at: '2026-11-22T02:02:00.000Z',
      value: 2,
      flags: ['标校'],
      current: true,
    });
    // A point registered in minewatch itself has no coal definition.
    const own = await get<CoalSensorPointResponse>(
      `/api/coal/sensors/${world.a.sensorIds[0]}/point`,
    );
    expect(own).toEqual({ status: 200, body: { point: null, status: null } });
    t.deps.clock.now = new Date('2026-11-22T02:00:00Z');
  });

  it('another county or enterprise sees none of the mines, feeds or points; a bad region is refused', async () => {
    const b = await feeds('otherCounty');
    expect(b.status).toBe(200);
    expect(b.body.map((m) => m.mineName)).toContain('b煤矿');
    expect(b.body.every((m) => m.countyCode === world.b.county)).toBe(true);
    // Asking for county A's region within county B's jurisdiction finds nothing.
    expect((await feeds('otherCounty', `?region=${world.a.county}`)).body).toEqual([]);
    expect((await feeds('reg', `?region=${world.b.county}`)).body).toEqual([]);
    const ent = await feeds('otherEnt');
    expect(ent.body.map((m) => m.mineId)).toEqual([world.a2.mines[0]?.id]);
    expect((await feeds('ent')).body.map((m) => m.mineId)).toEqual([world.a.mines[0]?.id]);
    for (const who of ['otherCounty', 'otherEnt']) {
      expect((await get(`/api/coal/sensors/${sensorId}/point`, who)).status, who).toBe(404);
    }
    const bad = await feeds('reg', '?region=14');
    expect(bad.status).toBe(400);
    const viaToken = await app.inject({
      method: 'GET',
      url: '/api/coal/feeds',
      headers: { authorization: `Bearer ${tokens.a}` },
    });
    expect(viaToken.statusCode).toBe(403);
  });
});
