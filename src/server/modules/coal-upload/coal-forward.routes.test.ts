/**
 * Forwarding upward (应联尽联), two minewatch instances in one test on both engines: a county minewatch
 * accepts its mines' MT/T 1201 files and forwards them to a province minewatch listening on a real port
 * (its own database, app and gateway token). The province ends with the same files, points, readings and
 * people underground; with the province down the files wait, are retried later and arrive in the time
 * of their names; a file sent twice (a crash between the POST and its record) stores nothing new; a mine
 * the province has not registered is retried without holding other mines up; a file refused for good is
 * set aside with its reason; two runs at once send each file once; and a folder target feeds the
 * province's drop folder. The backlog view is the regulator's, within its jurisdiction.
 */
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
import type { CoalForwardTargetResponse } from '../../../shared/coal-upload.schemas.ts';
import type { CoalForwardConfig } from '../../platform/config.ts';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { createToken } from '../access/access.service.ts';
import { findUserWithOrg } from '../access/access.repository.ts';
import { userPrincipal } from '../access/principal.ts';
import type { ModuleContext } from '../module.ts';
import { buildCoalFixture } from './coal-file.factory.ts';
import { processFolder } from './coal-folder.ts';
import { forwardCoalFiles } from './coal-forward.job.ts';
import { syncForwardTargets } from './coal-forward.service.ts';
import {
  ch4Point,
  CODE_A,
  CODE_A2,
  CODE_B,
  connectWorld,
  postFiles,
} from './coal-upload.fixtures.ts';

type Instance = TestDatabase & { world: World; app: FastifyInstance; ctx: ModuleContext };

const rows = <T>(db: Db, q: ReturnType<typeof sql>) => queryRows<T>(db, q);

const ch4 = (code: string) => ch4Point(code);
const card = (n: number) => `${CODE_A}${String(n).padStart(5, '0')}`;
const area = (n: number) => `${CODE_A}${String(n).padStart(4, '0')}`;

/** The files a county receives from mine A: definitions, readings and who is underground. */
function mineAFiles() {
  return [
    buildCoalFixture('RYXX', {
      mineCode: CODE_A,
      time: '2026-11-22 07:00:00',
      records: [
        { 人员卡编码: card(1), 姓名: '张矿长', 职务: '矿长', 是否矿领导: '1', 是否特种人员: '0' },
        { 人员卡编码: card(2), 姓名: '李电工', 工种: '电工', 是否矿领导: '0', 是否特种人员: '1' },
      ],
    }),
    buildCoalFixture('RYQY', {
      mineCode: CODE_A,
      time: '2026-11-22 07:00:00',
      records: [
        { 区域类型: '采掘工作面', 区域编码: area(1), 核定人数: '2', 区域名称: '1101采煤工作面' },
      ],
    }),
    buildCoalFixture('CDDY', {
      mineCode: CODE_A,
      time: '2026-11-22 09:00:00',
      records: [ch4('CH4A01'), ch4('CH4A02')],
    }),
    buildCoalFixture('CDSS', {
      mineCode: CODE_A,
      time: '2026-11-22 10:00:00',
      records: [
        { 测点编码: 'CH4A01', 测点值: '0.42', 测点状态: '0' },
        { 测点编码: 'CH4A02', 测点值: '1.20', 测点状态: '1' },
      ],
    }),
    buildCoalFixture('RYSS', {
      mineCode: CODE_A,
      time: '2026-11-22 10:00:00',
      records: [1, 2].map((n) => ({
        人员卡编码: card(n),
        姓名: n === 1 ? '张矿长' : '李电工',
        出入井标志: '1',
        入井时刻: '2026-11-22 08:00:00',
        出井时刻: '',
        区域编码: area(1),
        进入区域时刻: '2026-11-22 08:00:00',
        基站编码: `${area(1)}000001`,
        进入基站时刻: '2026-11-22 08:00:00',
        是否矿领导: n === 1 ? '1' : '0',
        是否特种人员: n === 2 ? '1' : '0',
      })),
    }),
  ];
}

/** Ids (random per database) out of an answer, so two instances' answers compare. */
const withoutIds = (v: unknown) =>
  JSON.parse(
    JSON.stringify(v).replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
      'ID',
    ),
  ) as unknown;

describe.each(engines)('forwarding upward: a county minewatch to its province (%s)', (engine) => {
  let county: Instance;
  let province: Instance;
  let provinceUrl = '';
  let provinceToken = '';
  let countyTokens: { a: string; b: string; a2: string };
  let cookies: Record<string, string>;
  let folder = '';
  const superior = (url = provinceUrl): CoalForwardConfig[] => [
    { key: 'superior', kind: 'http', url, token: provinceToken },
  ];
  /** Names of the files the province answered for, in the order they were posted. */
  const sent: string[] = [];
  const recording: typeof fetch = async (input, init) => {
    const names = (init?.body as FormData).getAll('file').map((f) => (f as File).name);
    const res = await fetch(input, init);
    if (res.ok) {
      sent.push(...names);
    }
    return res;
  };
  const forward = (targets = superior(), send: typeof fetch = recording, owner = 'test-run') =>
    forwardCoalFiles(county.deps, targets, { owner, send });
  const backlog = async (who = 'reg') => {
    const res = await county.app.inject({
      method: 'GET',
      url: '/api/coal/forwarding',
      headers: { cookie: cookies[who] ?? '' },
    });
    return { status: res.statusCode, body: res.json<CoalForwardTargetResponse[]>() };
  };
  const superiorBacklog = async (who = 'reg') =>
    (await backlog(who)).body.find((t) => t.key === 'superior');
  const filesOf = (db: Db, code: string) =>
    rows<{ file_name: string; sha256: string; outcome: string; stored: number }>(
      db,
      sql`SELECT f.file_name, f.sha256, f.outcome, f.stored FROM coal_files f
          JOIN mines m ON m.id = f.mine_id WHERE m.coal_code = ${code} ORDER BY f.file_name`,
    );
  const readingsOf = async (db: Db, mineId: string) =>
    (
      await rows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM readings r JOIN monitoring_sensors s ON s.no = r.sensor_no
            WHERE s.mine_id = ${mineId}`,
      )
    )[0]?.n ?? 0;

  async function instance(): Promise<Instance> {
    const t = await createWorldDatabase(engine);
    const { app, ctx } = await createTestApp(t);
    return { ...t, app, ctx };
  }

  beforeAll(async () => {
    county = await instance();
    province = await instance();
    await province.app.listen({ port: 0, host: '127.0.0.1' });
    provinceUrl = `http://127.0.0.1:${(province.app.server.address() as AddressInfo).port}`;
    countyTokens = await connectWorld(county.deps, county.world);
    await connectWorld(province.deps, province.world);
    // The province issues the county one gateway token for county A's coal mines (not county B's).
    const reg = await findUserWithOrg(province.deps.db, {
      username: province.world.a.users.regulator_admin,
    });
    provinceToken = (
      await createToken(province.deps, userPrincipal(reg ?? never(), null), {
        name: '县级平台转发',
        kind: 'gateway',
        mineIds: [province.world.a.mines[0]?.id ?? '', province.world.a2.mines[0]?.id ?? ''],
      })
    ).token;
    cookies = await loginAll(county.app, {
      reg: county.world.a.users.regulator_admin,
      otherCounty: county.world.b.users.regulator_admin,
      ent: county.world.a.users.enterprise_admin,
    });
    await syncForwardTargets(county.deps, superior());
    folder = await mkdtemp(path.join(tmpdir(), 'coal-forward-folder-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
    for (const i of [county, province]) {
      await i?.app.close();
      await i?.close();
    }
  });

  it('the province ends with the same files, points, readings and people underground as the county', async () => {
    const mineId = county.world.a.mines[0]?.id ?? '';
    expect(province.world.a.mines[0]?.id).toBe(mineId);
    const r = await postFiles(county.app, countyTokens.a, mineAFiles());
    expect(r.files.map((f) => f.status)).toEqual(Array(5).fill('stored'));
    expect(await forward()).toEqual({ delivered: 5, retried: 0, rejected: 0 });
    // One request for the mine, its files in the time of their names.
    expect(sent.splice(0)).toEqual(mineAFiles().map((f) => f.name));
    const atCounty = await filesOf(county.database.db, CODE_A);
    expect(atCounty).toHaveLength(5);
    expect(await filesOf(province.database.db, CODE_A)).toEqual(atCounty);
    expect(await readingsOf(province.database.db, mineId)).toBe(
      await readingsOf(county.database.db, mineId),
    );
    expect(await readingsOf(province.database.db, mineId)).toBeGreaterThan(0);
    const provinceCookies = await loginAll(province.app, {
      reg: province.world.a.users.regulator_admin,
    });
    for (const url of [
      `/api/coal/mines/${mineId}/points`,
      `/api/coal/mines/${mineId}/underground`,
      `/api/coal/mines/${mineId}/substations`,
    ]) {
      const [c, p] = await Promise.all([
        county.app.inject({ method: 'GET', url, headers: { cookie: cookies.reg ?? '' } }),
        province.app.inject({ method: 'GET', url, headers: { cookie: provinceCookies.reg ?? '' } }),
      ]);
      expect(p.statusCode).toBe(200);
      expect(withoutIds(p.json())).toEqual(withoutIds(c.json()));
    }
    const b = await superiorBacklog();
    expect(b).toMatchObject({ active: true, pending: 0, delivered: 5, lastError: null });
  });

  it('with the province down the files wait and show in the backlog; retried after the delay they arrive in the time of their names', async () => {
    for (const time of ['2026-11-22 10:03:00', '2026-11-22 10:01:00', '2026-11-22 10:02:00']) {
      const f = buildCoalFixture('FZSS', { mineCode: CODE_A, time, records: 1 });
      expect((await postFiles(county.app, countyTokens.a, [f])).files[0]?.status).toBe('stored');
    }
    expect(await forward(superior('http://127.0.0.1:1'))).toEqual({
      delivered: 0,
      retried: 3,
      rejected: 0,
    });
    const down = await superiorBacklog();
    expect(down).toMatchObject({
      pending: 3,
      pendingMines: 1,
      retrying: 3,
      oldestPendingAt: '2026-11-22T02:01:00.000Z',
      lastError: expect.stringContaining('无法连接上级平台'),
    });
    expect(down?.failing[0]).toMatchObject({
      mineName: county.world.a.mines[0]?.name,
      type: 'FZSS',
      attempts: 1,
      nextAttemptAt: new Date(county.deps.clock().getTime() + 30_000).toISOString(),
    });
    // Not yet due: nothing is sent.
    expect(await forward()).toEqual({ delivered: 0, retried: 0, rejected: 0 });
    county.deps.clock.advance(31_000);
    expect(await forward()).toEqual({ delivered: 3, retried: 0, rejected: 0 });
    expect(sent.splice(0)).toEqual([
      `${CODE_A}_FZSS_20261122100100.txt`,
      `${CODE_A}_FZSS_20261122100200.txt`,
      `${CODE_A}_FZSS_20261122100300.txt`,
    ]);
    expect(await superiorBacklog()).toMatchObject({ pending: 0, retrying: 0, lastError: null });
  });

  it('a file sent twice (a crash between the POST and its record) stores nothing new at the province', async () => {
    const before = await filesOf(province.database.db, CODE_A);
    const mineId = province.world.a.mines[0]?.id ?? '';
    const readings = await readingsOf(province.database.db, mineId);
    const cdss = mineAFiles()[3]?.data.toString('hex') ?? never();
    await county.database.db.execute(
      sql`UPDATE coal_forward_queue SET status = 'pending', content = decode(${cdss}, 'hex')
          WHERE type = 'CDSS' AND target_key = 'superior'`,
    );
    expect(await forward()).toEqual({ delivered: 1, retried: 0, rejected: 0 });
    expect(sent.splice(0)).toEqual([`${CODE_A}_CDSS_20261122100000.txt`]);
    expect(await filesOf(province.database.db, CODE_A)).toEqual(before);
    expect(await readingsOf(province.database.db, mineId)).toBe(readings);
  });

  it('a mine the province has not given the county is retried with the province’s reason, without holding other mines up; each county sees its own', async () => {
    const bFile = buildCoalFixture('FZDY', { mineCode: CODE_B, time: '2026-11-22 10:05:00' });
    const aFile = buildCoalFixture('FZSS', { mineCode: CODE_A, time: '2026-11-22 10:06:00' });
    await postFiles(county.app, countyTokens.b, [bFile]);
    await postFiles(county.app, countyTokens.a, [aFile]);
    expect(await forward()).toEqual({ delivered: 1, retried: 1, rejected: 0 });
    expect(sent.splice(0).sort()).toEqual([aFile.name, bFile.name].sort());
    expect(await filesOf(province.database.db, CODE_B)).toEqual([]);
    const mine = await superiorBacklog();
    expect(mine).toMatchObject({ pending: 0, retrying: 0, failing: [] });
    const other = await superiorBacklog('otherCounty');
    expect(other).toMatchObject({ pending: 1, retrying: 1, delivered: 0 });
    expect(other?.failing).toEqual([
      expect.objectContaining({
        mineName: county.world.b.mines[0]?.name,
        type: 'FZDY',
        reason: expect.stringMatching(
          /^上级平台: 煤矿编码 141029000001 未登记, 或不在该令牌可上报的矿山范围内/,
        ),
      }),
    ]);
    expect((await backlog('ent')).status).toBe(403);
    expect((await backlog('otherCounty')).body.every((t) => t.delivered === 0)).toBe(true);
  });

  it('a file the province refuses for good is set aside with its reason (audited), and the mine’s next file goes on', async () => {
    const bad = buildCoalFixture('FZDY', { mineCode: CODE_A2, time: '2026-11-22 10:07:00' });
    const next = buildCoalFixture('FZSS', { mineCode: CODE_A2, time: '2026-11-22 10:08:00' });
    await postFiles(county.app, countyTokens.a2, [bad]);
    const refusing: typeof fetch = async (input, init) => {
      const names = (init?.body as FormData).getAll('file').map((f) => (f as File).name);
      return names.includes(bad.name)
        ? new Response(JSON.stringify({ code: 'validation_failed', message: '文件不合格' }), {
            status: 422,
          })
        : recording(input, init);
    };
    expect(await forward(superior(), refusing)).toEqual({ delivered: 0, retried: 0, rejected: 1 });
    await postFiles(county.app, countyTokens.a2, [next]);
    expect(await forward(superior(), refusing)).toEqual({ delivered: 1, retried: 0, rejected: 0 });
    expect(sent.splice(0)).toEqual([next.name]);
    const b = await superiorBacklog();
    expect(b?.rejected).toBe(1);
    expect(b?.rejectedFiles).toEqual([
      expect.objectContaining({
        mineName: county.world.a2.mines[0]?.name,
        fileName: bad.name,
        reason: '上级平台拒收 (HTTP 422): 文件不合格',
        nextAttemptAt: null,
      }),
    ]);
    const audit = await rows<{ actor_label: string; after: { reason: string } }>(
      county.database.db,
      sql`SELECT actor_label, after FROM audit_events WHERE type = 'coal_upload.forward.rejected'`,
    );
    expect(audit).toEqual([
      {
        actor_label: 'system:coal-forward',
        after: expect.objectContaining({ reason: '上级平台拒收 (HTTP 422): 文件不合格' }),
      },
    ]);
    expect(await filesOf(province.database.db, CODE_A2)).toEqual([
      expect.objectContaining({ file_name: next.name, outcome: 'stored' }),
    ]);
  });

  it('two runs at once (two processes) send each file once, in order', async () => {
    const files = [1, 2, 3, 4, 5, 6].map((m) =>
      buildCoalFixture('FZSS', { mineCode: CODE_A, time: `2026-11-22 11:0${m}:00`, records: 1 }),
    );
    for (const f of files) {
      await postFiles(county.app, countyTokens.a, [f]);
    }
    const runs = await Promise.all([
      forward(superior(), recording, 'process-1'),
      forward(superior(), recording, 'process-2'),
    ]);
    expect(runs.map((r) => r.delivered ?? 0).reduce((a, b) => a + b, 0)).toBe(6);
    expect(sent.splice(0)).toEqual(files.map((f) => f.name));
    expect(await filesOf(province.database.db, CODE_A)).toHaveLength(
      (await filesOf(county.database.db, CODE_A)).length,
    );
  });

  it('a folder target gets each file whole under its name, the province’s drop folder takes it; a target no longer configured queues nothing new but keeps its backlog', async () => {
    await syncForwardTargets(county.deps, [{ key: 'folder', kind: 'folder', dir: folder }]);
    const f = buildCoalFixture('FZSS', {
      mineCode: CODE_A,
      time: '2026-11-22 12:00:00',
      records: 1,
    });
    await postFiles(county.app, countyTokens.a, [f]);
    const queued = await rows<{ target_key: string }>(
      county.database.db,
      sql`SELECT target_key FROM coal_forward_queue WHERE file_name = ${f.name}`,
    );
    expect(queued).toEqual([{ target_key: 'folder' }]);
    expect(
      await forwardCoalFiles(county.deps, [{ key: 'folder', kind: 'folder', dir: folder }], {
        owner: 'test-run',
      }),
    ).toEqual({ delivered: 1, retried: 0, rejected: 0 });
    expect(await readdir(folder)).toEqual([f.name]);
    expect(await readFile(path.join(folder, f.name))).toEqual(f.data);
    const pass = await processFolder(province.deps, province.ctx.monitoring.engine, folder, {
      settleMs: 0,
    });
    expect(pass.files).toEqual([
      expect.objectContaining({
        name: f.name,
        to: 'done',
        reports: [expect.objectContaining({ status: 'stored' })],
      }),
    ]);
    const targets = (await backlog()).body;
    expect(targets.map((t) => [t.key, t.active, t.pending])).toEqual([
      ['folder', true, 0],
      ['superior', false, 0],
    ]);
    const configured = await rows<{ entity_id: string; after: { active: boolean } }>(
      county.database.db,
      sql`SELECT entity_id, after FROM audit_events WHERE type = 'coal_upload.forward_target.configured' ORDER BY seq`,
    );
    expect(configured.map((e) => [e.entity_id, e.after.active])).toEqual([
      ['superior', true],
      ['folder', true],
      ['superior', false],
    ]);
  });
});

function never(): never {
  throw new Error('missing fixture');
}
