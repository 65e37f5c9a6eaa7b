/**
 * The substation 通信中断 behind a silence, over HTTP on both engines (issue 22 §2: FZDY/FZSS feed 断网
 * attribution; MT/T 1201.1-2023 分站实时数据, 运行状态 1 = 通信中断): a 断线 of a point whose substation
 * the mine reported out is explained by it, one on a substation reported normal is not; a FZSS file sent
 * after the alarm opened explains it the same; other alarm kinds do not apply; another county's regulator
 * and another enterprise get 404.
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
import { MINUTE_MS } from '../../../shared/dates.ts';
import type {
  CoalAlarmOutagesResponse,
  CoalPointResponse,
} from '../../../shared/coal-upload.schemas.ts';
import { queryRows } from '../../platform/db/client.ts';
import { detectSilence } from '../monitoring/monitoring.jobs.ts';
import { buildCoalFixture } from './coal-file.factory.ts';
import { ch4Point, CODE_A, connectWorld, postFiles } from './coal-upload.fixtures.ts';

const point = (code: string, substation: string) =>
  ch4Point(code, { 分站编码: substation, 安装位置: `${code} 回风巷` });

const cdss = (time: string, codes: string[]) =>
  buildCoalFixture('CDSS', {
    mineCode: CODE_A,
    time,
    records: codes.map((c) => ({ 测点编码: c, 测点值: '0.3', 测点状态: '0', 数据时间: time })),
  });

const fzss = (time: string, code: string, run: string) =>
  buildCoalFixture('FZSS', {
    mineCode: CODE_A,
    time,
    records: [{ 分站编码: code, 运行状态: run, 供电状态: '1', 数据时间: time }],
  });

describe.each(engines)('断线 explained by the substation’s 通信中断 (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let cookies: Record<string, string>;
  let token = '';
  let sensors = new Map<string, string>();
  const get = async <T>(url: string, who = 'reg') => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies[who] ?? '' } });
    return { status: res.statusCode, body: res.json<T>() };
  };
  const alarmOf = async (code: string, kind: string) =>
    (
      await queryRows<{ id: string }>(
        t.database.db,
        sql`SELECT id FROM alarms WHERE sensor_id = ${sensors.get(code) ?? ''} AND kind = ${kind}`,
      )
    )[0]?.id ?? '';

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    cookies = await loginAll(app, {
      reg: world.a.users.regulator_admin,
      ent: world.a.users.enterprise_admin,
      regB: world.b.users.regulator_admin,
      entA2: world.a2.users.enterprise_admin,
    });
    token = (await connectWorld(t.deps, world)).a;
    // P1 on FZ001 and P2 on FZ002 fall silent after 10:00; P3 (FZ002) goes on, so the mine is not silent.
    // FZ001 is reported 通信中断 from 10:01 to 10:20; FZ002 stays 通信正常.
    const files = [
      buildCoalFixture('FZDY', {
        mineCode: CODE_A,
        time: '2026-11-22 09:00:00',
        records: [
          { 分站编码: 'FZ001', 安装位置: '1101 采区变电所' },
          { 分站编码: 'FZ002', 安装位置: '1102 掘进头' },
        ],
      }),
      buildCoalFixture('CDDY', {
        mineCode: CODE_A,
        time: '2026-11-22 09:00:00',
        records: [point('P1', 'FZ001'), point('P2', 'FZ002'), point('P3', 'FZ002')],
      }),
      cdss('2026-11-22 10:00:00', ['P1', 'P2', 'P3']),
      fzss('2026-11-22 10:00:00', 'FZ002', '0'),
      // P3 every 20 s (its points report every 30 s) until 10:30.
      buildCoalFixture('CDSS', {
        mineCode: CODE_A,
        time: '2026-11-22 10:30:00',
        records: Array.from({ length: 90 }, (_, i) => {
          const at = new Date(Date.parse('2026-11-22T10:00:20Z') + i * 20_000);
          return {
            测点编码: 'P3',
            测点值: '0.3',
            测点状态: '0',
            数据时间: at.toISOString().slice(0, 19).replace('T', ' '),
          };
        }),
      }),
    ];
    // 10:30:30 (02:30:30Z, the files' times are Beijing time): the files arrive, then the silence job
    // opens a 断线 for P1 and for P2.
    t.deps.clock.now = new Date(Date.parse('2026-11-22T02:30:00Z') + MINUTE_MS / 2);
    const r = await postFiles(app, token, files);
    expect(r.files.map((f) => f.status)).toEqual(files.map(() => 'stored'));
    sensors = new Map(
      (await get<CoalPointResponse[]>(`/api/coal/mines/${world.a.mines[0]?.id}/points`)).body.map(
        (p) => [p.pointCode, p.sensorId ?? ''],
      ),
    );
    await detectSilence(t.deps);
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('a FZSS sent after the 断线 opened explains it; the other substation’s point stays unexplained', async () => {
    const p1 = await alarmOf('P1', '断线');
    const p2 = await alarmOf('P2', '断线');
    expect(p1).not.toBe('');
    expect(p2).not.toBe('');
    const before = await get<CoalAlarmOutagesResponse>(`/api/coal/alarms/${p1}/outages`);
    expect(before.body).toEqual({
      applies: true,
      explained: false,
      substations: [{ code: 'FZ001', location: '1101 采区变电所' }],
      outages: [],
    });
    const r = await postFiles(app, token, [
      fzss('2026-11-22 10:01:00', 'FZ001', '1'),
      fzss('2026-11-22 10:20:00', 'FZ001', '0'),
    ]);
    expect(r.files.map((f) => f.status)).toEqual(['stored', 'stored']);
    const after = await get<CoalAlarmOutagesResponse>(`/api/coal/alarms/${p1}/outages`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual({
      applies: true,
      explained: true,
      substations: [{ code: 'FZ001', location: '1101 采区变电所' }],
      outages: [
        {
          code: 'FZ001',
          location: '1101 采区变电所',
          from: '2026-11-22T02:01:00.000Z',
          to: '2026-11-22T02:20:00.000Z',
        },
      ],
    });
    const other = await get<CoalAlarmOutagesResponse>(`/api/coal/alarms/${p2}/outages`);
    expect(other.body).toMatchObject({ applies: true, explained: false, outages: [] });
    // The mine's own enterprise reads it too.
    expect((await get(`/api/coal/alarms/${p1}/outages`, 'ent')).status).toBe(200);
  });

  it('an alarm that is not a silence does not apply', async () => {
    await postFiles(app, token, [
      buildCoalFixture('CDSS', {
        mineCode: CODE_A,
        time: '2026-11-22 10:30:10',
        records: [
          { 测点编码: 'P3', 测点值: '1.2', 测点状态: '0', 数据时间: '2026-11-22 10:30:10' },
        ],
      }),
    ]);
    const over = await alarmOf('P3', '超限');
    expect(over).not.toBe('');
    expect((await get<CoalAlarmOutagesResponse>(`/api/coal/alarms/${over}/outages`)).body).toEqual({
      applies: false,
      explained: false,
      substations: [],
      outages: [],
    });
  });

  it('another county’s regulator and another enterprise of the same county get 404', async () => {
    const p1 = await alarmOf('P1', '断线');
    expect((await get(`/api/coal/alarms/${p1}/outages`, 'regB')).status).toBe(404);
    expect((await get(`/api/coal/alarms/${p1}/outages`, 'entA2')).status).toBe(404);
  });
});
