/**
 * The personnel-positioning files over HTTP on both engines (MT/T 1201.3-2023; fixtures from the field
 * lists, REFERENCE §B6): RYXX/RYQY/RYJZ register cards, areas with 核定人数 and stations; RYSS gives who
 * is underground now per area, leaders and special workers marked, the hourly 井下人数 series and each
 * leader's days down in a month (《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(二)1: at least 5 a month); JZSS the stations' state; and a county
 * or enterprise sees only its own mines' people.
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
import type {
  CoalUndergroundMineResponse,
  CoalUndergroundResponse,
} from '../../../shared/coal-upload.schemas.ts';
import { buildCoalFixture } from './coal-file.factory.ts';
import { CODE_A, connectWorld, postFiles } from './coal-upload.fixtures.ts';

const card = (n: number) => `${CODE_A}${String(n).padStart(5, '0')}`;
const area = (n: number) => `${CODE_A}${String(n).padStart(4, '0')}`;
const station = (a: number, n: number) => `${area(a)}${String(n).padStart(6, '0')}`;

/** One RYSS record: card n at area a, 入井 at `inAt`, 出井 at `outAt` when given. */
function person(
  n: number,
  name: string,
  a: number,
  inAt: string,
  outAt = '',
  leader = '0',
  special = '0',
) {
  return {
    人员卡编码: card(n),
    姓名: name,
    出入井标志: outAt ? '2' : '1',
    入井时刻: inAt,
    出井时刻: outAt,
    区域编码: area(a),
    进入区域时刻: inAt,
    基站编码: station(a, 1),
    进入基站时刻: inAt,
    是否矿领导: leader,
    是否特种人员: special,
  };
}

describe.each(engines)('coal positioning files (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let cookies: Record<string, string>;
  let tokens: { a: string; b: string; a2: string };
  let mineId = '';
  const get = async <T>(url: string, who = 'reg') => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies[who] ?? '' } });
    return { status: res.statusCode, body: res.json<T>() };
  };
  const ryss = (time: string, records: ReturnType<typeof person>[]) =>
    buildCoalFixture('RYSS', { mineCode: CODE_A, time, records });

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    cookies = await loginAll(app, {
      reg: world.a.users.regulator_admin,
      ent: world.a.users.enterprise_admin,
      otherCounty: world.b.users.regulator_admin,
      otherEnt: world.a2.users.enterprise_admin,
      duty: world.a.users.mine_duty_officer,
    });
    tokens = await connectWorld(t.deps, world);
    mineId = world.a.mines[0]?.id ?? '';
    const defs = [
      buildCoalFixture('RYXX', {
        mineCode: CODE_A,
        time: '2026-11-22 07:00:00',
        records: [
          { 人员卡编码: card(1), 姓名: '张矿长', 职务: '矿长', 是否矿领导: '1', 是否特种人员: '0' },
          { 人员卡编码: card(2), 姓名: '李电工', 工种: '电工', 是否矿领导: '0', 是否特种人员: '1' },
          {
            人员卡编码: card(3),
            姓名: '王采煤',
            工种: '采煤工',
            是否矿领导: '0',
            是否特种人员: '0',
          },
          {
            人员卡编码: card(4),
            姓名: '赵副矿长',
            职务: '副矿长',
            是否矿领导: '1',
            是否特种人员: '0',
          },
        ],
      }),
      buildCoalFixture('RYQY', {
        mineCode: CODE_A,
        time: '2026-11-22 07:00:00',
        records: [
          { 区域类型: '采掘工作面', 区域编码: area(1), 核定人数: '2', 区域名称: '1101采煤工作面' },
          { 区域类型: '其他', 区域编码: area(2), 核定人数: '10', 区域名称: '井底车场' },
        ],
      }),
      buildCoalFixture('RYJZ', {
        mineCode: CODE_A,
        time: '2026-11-22 07:00:00',
        records: [
          { 基站编码: station(1, 1), 基站名称: '1101工作面基站' },
          { 基站编码: station(2, 1), 基站名称: '井底车场基站' },
        ],
      }),
    ];
    const r = await postFiles(app, tokens.a, defs);
    expect(r.files.map((f) => [f.type, f.stored])).toEqual([
      ['RYXX', 4],
      ['RYQY', 2],
      ['RYJZ', 2],
    ]);
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('RYSS: who is underground now, per area against its 核定人数, leaders and special workers marked', async () => {
    const r = await postFiles(app, tokens.a, [
      ryss('2026-11-22 10:00:00', [
        person(1, '张矿长', 1, '2026-11-22 08:00:00', '', '1'),
        person(2, '李电工', 1, '2026-11-22 08:10:00', '', '0', '1'),
        person(3, '王采煤', 1, '2026-11-22 08:20:00'),
      ]),
    ]);
    expect(r.files[0]).toMatchObject({ type: 'RYSS', status: 'stored', stored: 3 });
    const u = await get<CoalUndergroundResponse>(`/api/coal/mines/${mineId}/underground`);
    expect(u.status).toBe(200);
    expect(u.body).toMatchObject({
      asOf: '2026-11-22T02:00:00.000Z',
      stale: false,
      total: 3,
      leaders: 1,
      special: 1,
    });
    expect(u.body.areas).toEqual([
      { areaCode: area(1), name: '1101采煤工作面', quota: 2, count: 3, overQuota: true },
      { areaCode: area(2), name: '井底车场', quota: 10, count: 0, overQuota: false },
    ]);
    expect(u.body.people.find((p) => p.name === '张矿长')).toMatchObject({
      isLeader: true,
      title: '矿长',
    });
    // The hour's peak per area (by its name) and for the mine: the series the 超定员 rule reads.
    const series = await queryRows<{ area: string; value: number }>(
      t.database.db,
      sql`SELECT area, value FROM mine_series WHERE mine_id = ${mineId} AND factor = '井下人数' ORDER BY area`,
    );
    expect(series.map((s) => [s.area, s.value])).toEqual([
      ['', 3],
      ['1101采煤工作面', 3],
    ]);
    const overview = await get<CoalUndergroundMineResponse[]>('/api/coal/underground');
    expect(overview.body.find((m) => m.mineId === mineId)).toMatchObject({
      total: 3,
      leaders: 1,
      areasOverQuota: 1,
    });
  });

  it('a later RYSS moves people on; an older one arriving late changes nothing', async () => {
    t.deps.clock.advance(30 * 60_000);
    const later = await postFiles(app, tokens.a, [
      ryss('2026-11-22 10:30:00', [
        person(1, '张矿长', 1, '2026-11-22 08:00:00', '2026-11-22 10:20:00', '1'),
        person(2, '李电工', 2, '2026-11-22 08:10:00', '', '0', '1'),
      ]),
    ]);
    expect(later.files[0]).toMatchObject({ stored: 2 });
    const late = await postFiles(app, tokens.a, [
      ryss('2026-11-22 09:50:00', [person(1, '张矿长', 1, '2026-11-22 08:00:00', '', '1')]),
    ]);
    expect(late.files[0]).toMatchObject({ status: 'stored', stored: 0, duplicates: 1 });
    const u = await get<CoalUndergroundResponse>(`/api/coal/mines/${mineId}/underground`);
    // 王采煤 is in no file since 10:00 (older than the 10 minutes allowed): no longer counted.
    expect(u.body).toMatchObject({ total: 1, leaders: 0, special: 1 });
    expect(u.body.people.map((p) => [p.name, p.areaCode])).toEqual([['李电工', area(2)]]);
  });

  it('领导带班下井: each leader’s days down in the month against the 5 required (《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(二)1)', async () => {
    const days = ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21'];
    await postFiles(
      app,
      tokens.a,
      days.map((d) =>
        ryss(`${d} 16:00:00`, [person(1, '张矿长', 1, `${d} 08:00:00`, `${d} 15:00:00`, '1')]),
      ),
    );
    const l = await get<{
      requiredDays: number;
      leaders: { name: string; days: number; dates: string[]; short: boolean }[];
    }>(`/api/coal/mines/${mineId}/leader-descents?month=2026-11`);
    expect(l.status).toBe(200);
    expect(l.body.requiredDays).toBe(5);
    // On the 22nd, nine days are left: 赵副矿长 can still make his 5, so he is not called short yet.
    expect(l.body.leaders).toEqual([
      expect.objectContaining({ name: '张矿长', days: 5, short: false }),
      expect.objectContaining({ name: '赵副矿长', days: 0, short: false }),
    ]);
    expect(l.body.leaders[0]?.dates).toEqual([...days, '2026-11-22']);
    // From the 27th (Beijing), four days are left: 0 + 4 < 5 — short.
    const clock = t.deps.clock.now;
    const signedIn = cookies;
    t.deps.clock.now = new Date('2026-11-27T00:00:00+08:00');
    try {
      cookies = await loginAll(app, { reg: world.a.users.regulator_admin });
      const late = await get<{ judged: boolean; leaders: { name: string; short: boolean }[] }>(
        `/api/coal/mines/${mineId}/leader-descents?month=2026-11`,
      );
      expect(late.body.judged).toBe(true);
      expect(late.body.leaders.map((x) => [x.name, x.short])).toEqual([
        ['张矿长', false],
        ['赵副矿长', true],
      ]);
      // A month without positioning data is not judged: nobody is short.
      const empty = await get<{ judged: boolean; leaders: { short: boolean }[] }>(
        `/api/coal/mines/${mineId}/leader-descents?month=2026-10`,
      );
      expect(empty.body.judged).toBe(false);
      expect(empty.body.leaders.every((x) => !x.short)).toBe(true);
    } finally {
      t.deps.clock.now = clock;
      cookies = signedIn;
    }
    const bad = await get(`/api/coal/mines/${mineId}/leader-descents?month=2026-13`);
    expect(bad.status).toBe(400);
  });

  it('JZSS: stations’ states are kept once per station and time', async () => {
    const j = buildCoalFixture('JZSS', {
      mineCode: CODE_A,
      time: '2026-11-22 10:30:00',
      records: [
        { 基站编码: station(1, 1), 运行状态: '0', 供电状态: '1' },
        { 基站编码: station(2, 1), 运行状态: '1', 供电状态: '2' },
      ],
    });
    expect((await postFiles(app, tokens.a, [j])).files[0]).toMatchObject({ stored: 2 });
    const rows = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM coal_device_states WHERE device = 'station'`,
    );
    expect(rows[0]?.n).toBe(2);
  });

  it('another county or enterprise reads none of the mine’s people; a gateway token reads nothing', async () => {
    for (const who of ['otherCounty', 'otherEnt']) {
      for (const path of [
        'underground',
        'leader-descents?month=2026-11',
        'feeds',
        'points',
        'substations',
      ]) {
        expect((await get(`/api/coal/mines/${mineId}/${path}`, who)).status, `${who} ${path}`).toBe(
          404,
        );
      }
      const overview = await get<CoalUndergroundMineResponse[]>('/api/coal/underground', who);
      expect(overview.body.map((m) => m.mineId)).not.toContain(mineId);
    }
    expect((await get(`/api/coal/mines/${mineId}/underground`, 'duty')).status).toBe(200);
    const viaToken = await app.inject({
      method: 'GET',
      url: `/api/coal/mines/${mineId}/underground`,
      headers: { authorization: `Bearer ${tokens.a}` },
    });
    expect(viaToken.statusCode).toBe(403);
  });
});
