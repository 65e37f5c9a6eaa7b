/**
 * The monitoring loop end to end over HTTP, on a controlled clock: sensors from the 《煤矿安全规程》
 * methane preset, gateway ingest in three formats with a per-record report, idempotent resends, 超限
 * alarms and their timeline, the 叫应 policy (call, re-notify, escalate), acknowledgement by a signed
 * one-time link, 回应/响应/closing, auto-resolve, 断线/断网, maintenance windows, threshold edits that
 * take effect at once, and jurisdiction.
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
import type { MonitoringRuntime } from './monitoring.runtime.ts';

const MIN = 60_000;

describe.each(engines)('risk monitoring and the 叫应 loop (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let monitoring: MonitoringRuntime;
  let world: World;
  let cookies: Record<string, string>;
  let gateway = '';
  let facilityId = '';
  let ch4 = '';
  let co = '';
  const iso = (offsetMs = 0) => new Date(t.deps.clock().getTime() + offsetMs).toISOString();

  const ingest = (payload: string, type = 'application/json', token = gateway) =>
    app.inject({
      method: 'POST',
      url: '/api/ingest/readings',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      payload,
    });
  const alarmsOf = async (sensorId: string, cookie = cookies.ent ?? '') =>
    (
      await app.inject({
        method: 'GET',
        url: `/api/alarms?sensorId=${sensorId}`,
        headers: { cookie },
      })
    ).json<{ id: string; kind: string; level: string; state: string; closedAt: string | null }[]>();
  const detail = async (id: string, cookie = cookies.ent ?? '') =>
    (await app.inject({ method: 'GET', url: `/api/alarms/${id}`, headers: { cookie } })).json<{
      state: string;
      level: string;
      stage: string | null;
      timeline: { type: string; detail: Record<string, unknown> }[];
    }>();

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    const built = await createTestApp(t);
    app = built.app;
    monitoring = built.ctx.monitoring;
    cookies = await loginAll(app, {
      ent: world.a.users.enterprise_admin,
      duty: world.a.users.mine_duty_officer,
      reg: world.a.users.regulator_admin,
      otherCounty: world.b.users.regulator_admin,
      otherEnt: world.a2.users.enterprise_admin,
    });
    const mineId = world.a.mines[0]?.id ?? '';
    const f = await app.inject({
      method: 'POST',
      url: '/api/monitoring/facilities',
      headers: { cookie: cookies.ent },
      payload: { mineId, code: 'UG-1', name: '一采区', kind: '井下区域' },
    });
    expect(f.statusCode).toBe(201);
    facilityId = f.json().id;
    const s1 = await app.inject({
      method: 'POST',
      url: '/api/monitoring/sensors',
      headers: { cookie: cookies.ent },
      payload: {
        facilityId,
        code: 'CH4-101',
        name: '1101工作面甲烷',
        quantity: 'CH4',
        preset: '甲烷:采煤工作面',
      },
    });
    expect(s1.statusCode).toBe(201);
    ch4 = s1.json().id;
    const s2 = await app.inject({
      method: 'POST',
      url: '/api/monitoring/sensors',
      headers: { cookie: cookies.ent },
      payload: { facilityId, code: 'CO-101', name: '1101回风CO', quantity: 'CO', preset: 'CO' },
    });
    co = s2.json().id;
    const tok = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie: cookies.ent },
      payload: { name: '井下监控网关', kind: 'gateway', mineIds: [mineId] },
    });
    gateway = tok.json().token;
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('a sensor from the 采煤工作面 methane preset carries 报警 1.0, 断电 1.5, 复电 1.0 (《煤矿安全规程》)', async () => {
    const s = await app.inject({
      method: 'GET',
      url: `/api/monitoring/sensors/${ch4}`,
      headers: { cookie: cookies.ent },
    });
    expect(s.json().spec).toMatchObject({
      direction: 'upper',
      thresholds: { 黄色: 1.0, 红色: 1.5 },
      clear: { 黄色: 1.0, 红色: 1.0 },
      intervalSeconds: 20,
    });
    expect(s.json().unit).toBe('%');
  });

  it('stores the good records of a batch and reports each bad one by index and field', async () => {
    const res = await ingest(
      JSON.stringify([
        { sensor: 'CH4-101', ts: iso(-60_000), value: 0.31 },
        { sensor: 'NOPE', ts: iso(), value: 1 },
        { sensor: 'CH4-101', ts: '2026-11-22 10:00', value: 1 },
        { sensor: 'CH4-101', ts: iso(-40_000), value: 'abc' },
        { sensor: 'CH4-101', ts: iso(3_600_000), value: 0.3 },
        { sensor: 'CO-101', ts: iso(-40_000), value: '3.5' },
        { sensor: 'X'.repeat(10_000), ts: iso(-40_000), value: 1 },
        { sensor: 101, ts: iso(-40_000), value: 1 },
        { ts: iso(-40_000), value: 1 },
      ]),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ received: 9, stored: 2, duplicates: 0, alarmsOpened: 0 });
    expect(res.json().rejected).toEqual([
      { index: 1, field: 'sensor', message: expect.stringContaining('未知测点') },
      { index: 2, field: 'ts', message: expect.stringContaining('时区') },
      { index: 3, field: 'value', message: '数值不是数字' },
      { index: 4, field: 'ts', message: expect.stringContaining('超前') },
      // Said as what it is, not as a missing code (issue 21 item 9).
      { index: 6, field: 'sensor', message: '测点编码过长: 10000 个字符, 最多 64 个' },
      { index: 7, field: 'sensor', message: '测点编码须为文本, 收到的是数字' },
      { index: 8, field: 'sensor', message: '缺少测点编码 (sensor)' },
    ]);
  });

  it('a resend after an outage (断电续传) stores nothing twice', async () => {
    const res = await ingest(
      JSON.stringify([{ sensor: 'CH4-101', ts: iso(-60_000), value: 0.31 }]),
    );
    expect(res.json()).toMatchObject({ stored: 0, duplicates: 1 });
    const [row] = await queryRows<{ n: number }>(
      t.deps.db,
      sql`SELECT count(*)::int AS n FROM readings`,
    );
    expect(row?.n).toBe(2);
  });

  it('a reading repeated within one batch is stored once', async () => {
    const at = iso(-55_000);
    const res = await ingest(
      JSON.stringify([
        { sensor: 'CH4-101', ts: at, value: 0.32 },
        { sensor: 'CH4-101', ts: at, value: 0.32 },
      ]),
    );
    expect(res.json()).toMatchObject({ received: 2, stored: 1, duplicates: 1 });
  });

  it('a "new" reading another writer already stored is skipped, the rest of the batch kept', async () => {
    // Another process (or a restore) stored CO-101's reading at -30 s behind this engine's back: the
    // fast plain INSERT meets the unique key, and the engine redoes the batch checking every reading.
    const [co101] = await queryRows<{ no: number }>(
      t.deps.db,
      sql`SELECT no FROM monitoring_sensors WHERE code = 'CO-101'`,
    );
    await t.deps.db.execute(
      sql`INSERT INTO readings (sensor_no, ts, value) VALUES (${co101?.no}, ${iso(-30_000)}::timestamptz, 3.6)`,
    );
    const res = await ingest(
      JSON.stringify([
        { sensor: 'CO-101', ts: iso(-30_000), value: 3.6 },
        { sensor: 'CO-101', ts: iso(-20_000), value: 3.7 },
      ]),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ received: 2, stored: 1, duplicates: 1, rejected: [] });
    const rows = await queryRows<{ value: number }>(
      t.deps.db,
      sql`SELECT value FROM readings WHERE sensor_no = ${co101?.no} ORDER BY ts`,
    );
    expect(rows.map((r) => Number(r.value))).toEqual([3.5, 3.6, 3.7]);
  });

  it('NDJSON and CSV batches are read the same way, bad lines reported', async () => {
    const nd = await ingest(
      `{"sensor":"CH4-101","ts":"${iso(-30_000)}","value":0.32}\nnot json\n{"sensor":"CH4-101","ts":${t.deps.clock().getTime() - 25_000},"value":0.33}\n`,
      'application/x-ndjson',
    );
    expect(nd.json()).toMatchObject({
      received: 3,
      stored: 2,
      rejected: [{ index: 1, field: 'record' }],
    });
    const csv = await ingest(
      `sensor,ts,value\nCH4-101,${iso(-20_000)},0.34\nCH4-101,${iso(-15_000)}\n`,
      'text/csv',
    );
    expect(csv.json()).toMatchObject({ stored: 1, rejected: [{ index: 1, field: 'record' }] });
    const xml = await ingest('<x/>', 'application/xml');
    expect(xml.statusCode).toBe(415);
  });

  it('a gateway token reaches only its own mines', async () => {
    const other = await app.inject({
      method: 'POST',
      url: '/api/ingest/readings',
      headers: { cookie: cookies.ent, 'content-type': 'application/json' },
      payload: '[]',
    });
    expect(other.statusCode).toBe(403); // a user session may not ingest
    const res = await ingest(
      JSON.stringify([{ sensor: 'CH4-101', mine: world.b.mines[0]?.id, ts: iso(), value: 1 }]),
    );
    expect(res.json().rejected[0]).toMatchObject({ field: 'mine' });
  });

  let redAlarm = '';
  it('CH4 ≥ 1.5 opens one 红色 超限 alarm; the first step calls the mine at once', async () => {
    const res = await ingest(JSON.stringify([{ sensor: 'CH4-101', ts: iso(-5_000), value: 1.62 }]));
    expect(res.json().alarmsOpened).toBe(1);
    await monitoring.kick();
    const list = await alarmsOf(ch4);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: '超限', level: '红色', state: '待叫应' });
    redAlarm = list[0]?.id ?? '';
    const d = await detail(redAlarm);
    expect(d.stage).toBe('响警');
    const called = d.timeline.find((e) => e.type === 'called');
    expect(called?.detail.recipients).toEqual(
      expect.arrayContaining([expect.stringContaining('矿山值班员')]),
    );
    // The timeline is shown as it is stored: it names roles in Chinese, never by their keys.
    expect(JSON.stringify(called?.detail.recipients)).not.toMatch(
      /\((mine_duty_officer|inspector|regulator_admin)\)/,
    );
    // The duty officer has it in the app, with a one-time link; the gateway event carries the links.
    const notes = await app.inject({
      method: 'GET',
      url: '/api/notifications',
      headers: { cookie: cookies.duty },
    });
    expect(notes.json().some((n: { subjectId: string }) => n.subjectId === redAlarm)).toBe(true);
    const out = await queryRows<{ payload: { type: string; recipients: { ackUrl: string }[] } }>(
      t.deps.db,
      sql`SELECT payload FROM webhook_outbox WHERE payload->>'alarmId' = ${redAlarm}`,
    );
    expect(out[0]?.payload.recipients[0]?.ackUrl).toMatch(/\/ack\//);
  });

  it('a late reading and a repeat of the level neither open a second alarm', async () => {
    const res = await ingest(
      JSON.stringify([
        { sensor: 'CH4-101', ts: iso(-50_000), value: 1.9 }, // late: older than the newest
        { sensor: 'CH4-101', ts: iso(-4_000), value: 1.7 },
      ]),
    );
    expect(res.json()).toMatchObject({ stored: 2, alarmsOpened: 0 });
    expect(await alarmsOf(ch4)).toHaveLength(1);
  });

  it('re-notifies every 2 min and escalates after 5 min unanswered (default 红色 policy)', async () => {
    t.deps.clock.advance(2 * MIN + 1000);
    await monitoring.tick();
    t.deps.clock.advance(3 * MIN);
    await monitoring.tick();
    const d = await detail(redAlarm);
    const types = d.timeline.map((e) => e.type);
    expect(types).toContain('renotified');
    expect(types).toContain('escalated');
    expect(d.stage).toBe('处警');
    // A restart (a new runtime over the same database) repeats no step that was done.
    const before = d.timeline.length;
    await monitoring.tick();
    expect((await detail(redAlarm)).timeline.length).toBe(before);
  });

  it('the signed one-time link acknowledges once; a forged or used link does not', async () => {
    const [row] = await queryRows<{ payload: { recipients: { ackUrl: string }[] } }>(
      t.deps.db,
      sql`SELECT payload FROM webhook_outbox WHERE payload->>'alarmId' = ${redAlarm} ORDER BY id LIMIT 1`,
    );
    const url = new URL(row?.payload.recipients[0]?.ackUrl ?? '');
    const page = await app.inject({ method: 'GET', url: url.pathname });
    expect(page.statusCode).toBe(200); // a link preview acknowledges nothing
    expect((await detail(redAlarm)).state).toBe('待叫应');
    const forged = await app.inject({ method: 'POST', url: `${url.pathname.slice(0, -3)}abc` });
    expect(forged.statusCode).toBe(404);
    const ok = await app.inject({ method: 'POST', url: url.pathname });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('已确认');
    const again = await app.inject({ method: 'POST', url: url.pathname });
    expect(again.statusCode).toBe(409);
    const d = await detail(redAlarm);
    expect(d.state).toBe('已叫应');
    expect(d.timeline.find((e) => e.type === 'acknowledged')?.detail.via).toContain('链接');
  });

  it('a 红色 alarm cannot be closed by hand before its 响应 (停产撤人) record', async () => {
    const close = (cookie: string) =>
      app.inject({
        method: 'POST',
        url: `/api/alarms/${redAlarm}/close`,
        headers: { cookie },
        payload: { note: '已处置' },
      });
    expect((await close(cookies.otherCounty ?? '')).statusCode).toBe(404);
    expect((await close(cookies.otherEnt ?? '')).statusCode).toBe(404);
    expect((await close(cookies.duty ?? '')).statusCode).toBe(409);
    const respond = await app.inject({
      method: 'POST',
      url: `/api/alarms/${redAlarm}/respond`,
      headers: { cookie: cookies.duty },
      payload: { note: '现场检测甲烷 1.6%, 已切断工作面电源' },
    });
    expect(respond.json().state).toBe('已回应');
    const response = await app.inject({
      method: 'POST',
      url: `/api/alarms/${redAlarm}/response`,
      headers: { cookie: cookies.duty },
      payload: {
        action: '停产撤人',
        peopleWithdrawn: 23,
        completedAt: iso(-MIN),
        note: '1101工作面全部撤出',
      },
    });
    expect(response.json().state).toBe('已响应');
  });

  it('back under 复电 1.0 the alarm clears and resolves after the hold time (300 s default)', async () => {
    await ingest(JSON.stringify([{ sensor: 'CH4-101', ts: iso(), value: 0.4 }]));
    t.deps.clock.advance(200_000);
    await monitoring.tick();
    expect((await alarmsOf(ch4))[0]?.closedAt).toBeNull();
    await ingest(
      JSON.stringify([
        { sensor: 'CO-101', ts: iso(), value: 3 },
        { sensor: 'CH4-101', ts: iso(), value: 0.4 },
      ]),
    );
    t.deps.clock.advance(101_000);
    await monitoring.tick();
    // (200 s between two CH4 readings is also a 缺线 episode of its own: see event-time.test.ts.)
    const a = (await alarmsOf(ch4)).find((x) => x.kind === '超限');
    expect(a?.closedAt).not.toBeNull();
    expect(a?.state).toBe('已解除');
  });

  it('threshold edits are audited and apply to the next reading without a restart', async () => {
    const s = await app.inject({
      method: 'GET',
      url: `/api/monitoring/sensors/${ch4}`,
      headers: { cookie: cookies.ent },
    });
    const spec = {
      ...s.json().spec,
      thresholds: { 黄色: 1.0, 红色: 2.0 },
      clear: { 黄色: 1.0, 红色: 1.0 },
    };
    const bad = await app.inject({
      method: 'PUT',
      url: `/api/monitoring/sensors/${ch4}/spec`,
      headers: { cookie: cookies.ent },
      payload: {
        version: s.json().version,
        reason: '设计变更',
        spec: { ...spec, thresholds: { 黄色: 2.5, 红色: 2.0 } },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toContain('thresholds');
    const put = await app.inject({
      method: 'PUT',
      url: `/api/monitoring/sensors/${ch4}/spec`,
      headers: { cookie: cookies.ent },
      payload: { version: s.json().version, reason: '设计单位调整断电值', spec },
    });
    expect(put.statusCode).toBe(200);
    const audit = await app.inject({
      method: 'GET',
      url: `/api/audit/sensor/${ch4}`,
      headers: { cookie: cookies.ent },
    });
    expect(JSON.stringify(audit.json())).toContain('设计单位调整断电值');
    await new Promise((r) => setTimeout(r, 50)); // the engine reloads the sensor on the change event
    await ingest(JSON.stringify([{ sensor: 'CH4-101', ts: iso(1000), value: 1.6 }]));
    const open = (await alarmsOf(ch4)).filter((a) => !a.closedAt && a.kind === '超限');
    expect(open).toEqual([expect.objectContaining({ level: '黄色' })]);
  });

  it('a silent sensor raises 断线 after 3 × its interval; a silent mine one 断网; data back clears both', async () => {
    // The tailings mine of the same enterprise, with two rain gauges reporting every 600 s.
    const f = await app.inject({
      method: 'POST',
      url: '/api/monitoring/facilities',
      headers: { cookie: cookies.ent },
      payload: { mineId: world.a.mines[1]?.id, code: 'TD-1', name: '尾矿坝', kind: '尾矿库' },
    });
    const rain: string[] = [];
    for (const code of ['RAIN-1', 'RAIN-2']) {
      const s = await app.inject({
        method: 'POST',
        url: '/api/monitoring/sensors',
        headers: { cookie: cookies.ent },
        payload: { facilityId: f.json().id, code, name: code, quantity: '降雨量' },
      });
      expect(s.json().spec.intervalSeconds).toBe(600);
      rain.push(s.json().id);
    }
    // A cut-off point has no colour but is not 正常: the sensor says offline, its facility counts it.
    const offline = async () => {
      const get = (url: string) =>
        app.inject({ method: 'GET', url, headers: { cookie: cookies.ent } });
      type Point = { level: string | null; offline: boolean };
      const points = await Promise.all(
        rain.map(async (id) => (await get(`/api/monitoring/sensors/${id}`)).json<Point>()),
      );
      const listed = (await get(`/api/monitoring/sensors?facilityId=${f.json().id}`)).json<
        Point[]
      >();
      const facility = (await get(`/api/monitoring/facilities?mineId=${world.a.mines[1]?.id}`))
        .json<{ id: string; offlineSensors: number }[]>()
        .find((x) => x.id === f.json().id);
      expect(listed.map((x) => x.offline)).toEqual(points.map((x) => x.offline));
      expect(points.map((x) => x.level)).toEqual([null, null]);
      return { points: points.map((x) => x.offline), facility: facility?.offlineSensors };
    };
    const pond = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie: cookies.ent },
      payload: { name: '尾矿库网关', kind: 'gateway', mineIds: [world.a.mines[1]?.id] },
    });
    const send = (codes: string[]) =>
      ingest(
        JSON.stringify(codes.map((sensor) => ({ sensor, ts: iso(), value: 0 }))),
        'application/json',
        pond.json().token,
      );
    const open = (kind: string) =>
      queryRows<{ subject: string }>(
        t.deps.db,
        sql`SELECT subject FROM alarms WHERE kind = ${kind} AND mine_id = ${world.a.mines[1]?.id ?? ''} AND closed_at IS NULL AND clear_since IS NULL`,
      );
    await send(['RAIN-1', 'RAIN-2']);
    t.deps.clock.advance(1000 * 1000); // RAIN-2 silent for 1 000 s: not yet 3 × 600 s
    await send(['RAIN-1']);
    await monitoring.tick();
    expect(await open('断线')).toHaveLength(0);
    t.deps.clock.advance(900 * 1000); // 1 900 s > 1 800 s
    await send(['RAIN-1']);
    await monitoring.tick();
    expect(await open('断线')).toHaveLength(1);
    expect(await offline()).toEqual({ points: [false, true], facility: 1 });
    t.deps.clock.advance(1900 * 1000); // now both silent: one 断网 for the mine
    await monitoring.tick();
    expect(await open('断网')).toEqual([{ subject: `mine:${world.a.mines[1]?.id}` }]);
    expect(await offline()).toEqual({ points: [true, true], facility: 2 });
    await send(['RAIN-1', 'RAIN-2']);
    await monitoring.tick();
    expect(await open('断网')).toHaveLength(0);
    expect(await open('断线')).toHaveLength(0);
    expect(await offline()).toEqual({ points: [false, false], facility: 0 });
  });

  it('in a maintenance window an alarm is recorded but nobody is called; calls start when it ends', async () => {
    const w = await app.inject({
      method: 'POST',
      url: '/api/monitoring/maintenance',
      headers: { cookie: cookies.ent },
      payload: {
        mineId: world.a.mines[0]?.id,
        sensorId: co,
        reason: 'CO 传感器标校',
        startsAt: iso(-1000),
        endsAt: iso(10 * MIN),
      },
    });
    expect(w.statusCode).toBe(201);
    await ingest(JSON.stringify([{ sensor: 'CO-101', ts: iso(1000), value: 40 }]));
    await monitoring.kick();
    const [a] = (await alarmsOf(co)).filter((x) => x.kind === '超限' && !x.closedAt);
    expect(a).toBeDefined();
    let d = await detail(a?.id ?? '');
    expect(d.timeline.map((e) => e.type)).toEqual(['opened', 'suppressed']);
    t.deps.clock.advance(11 * MIN);
    await monitoring.tick();
    d = await detail(a?.id ?? '');
    expect(d.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['maintenance_ended', 'called']),
    );
  });

  it('another county or enterprise sees none of it', async () => {
    for (const cookie of [cookies.otherCounty, cookies.otherEnt]) {
      const list = await app.inject({ method: 'GET', url: '/api/alarms', headers: { cookie } });
      const ours = world.a.mines.map((m) => m.id);
      // They see their own world alarm, never ours.
      expect(list.json().length).toBeGreaterThan(0);
      expect(list.json().filter((a: { mineId: string }) => ours.includes(a.mineId))).toEqual([]);
      expect(
        (await app.inject({ method: 'GET', url: `/api/alarms/${redAlarm}`, headers: { cookie } }))
          .statusCode,
      ).toBe(404);
      expect(
        (
          await app.inject({
            method: 'GET',
            url: `/api/monitoring/sensors/${ch4}`,
            headers: { cookie },
          })
        ).statusCode,
      ).toBe(404);
      const r = await app.inject({
        method: 'GET',
        url: `/api/monitoring/sensors/${ch4}/readings?from=${encodeURIComponent(iso(-3_600_000))}&to=${encodeURIComponent(iso())}`,
        headers: { cookie },
      });
      expect(r.statusCode).toBe(404);
    }
    const own = await app.inject({
      method: 'GET',
      url: `/api/monitoring/sensors/${ch4}/readings?from=2026-11-22T00:00:00Z&to=${encodeURIComponent(iso(3_600_000))}`,
      headers: { cookie: cookies.reg },
    });
    expect(own.json().points.length).toBeGreaterThan(5);
    expect(own.json().alarms.length).toBeGreaterThan(0);
  });
  it('a 低浓度甲烷传感器 measures 0–4 %: 55 % is 数据异常 (超出量程) only, and the type survives an edit', async () => {
    // The type's range is the catalogue setting's (monitoring.sensorTypes, UNVERIFIED default 0–4 %);
    // the thresholds are 《煤矿安全规程》甲烷传感器表 上隅角: 报警 1.0, 断电 1.5.
    const created = await app.inject({
      method: 'POST',
      url: '/api/monitoring/sensors',
      headers: { cookie: cookies.ent },
      payload: {
        facilityId,
        code: 'CH4-102',
        name: '1101上隅角甲烷',
        quantity: 'CH4',
        preset: '甲烷:采煤工作面上隅角',
        sensorType: '低浓度甲烷传感器',
      },
    });
    expect(created.statusCode).toBe(201);
    const sensor = created.json<{ id: string; version: number; spec: Record<string, unknown> }>();
    expect(sensor.spec).toMatchObject({
      sensorType: '低浓度甲烷传感器',
      rangeMin: 0,
      rangeMax: 4,
      thresholds: { 黄色: 1.0, 红色: 1.5 },
    });
    // The running engine learns of the new sensor from the change event: until then it is unknown
    // and its reading refused (not stored), so sending again is safe.
    let res = await ingest(JSON.stringify([{ sensor: 'CH4-102', ts: iso(), value: 55 }]));
    for (let i = 0; i < 50 && res.json().stored === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      res = await ingest(JSON.stringify([{ sensor: 'CH4-102', ts: iso(), value: 55 }]));
    }
    expect(res.json()).toMatchObject({ stored: 1, alarmsOpened: 1 });
    expect((await alarmsOf(sensor.id)).map((a) => [a.kind, a.level])).toEqual([
      ['数据异常', '蓝色'],
    ]);
    // The threshold editor sends the spec back as it got it: the type stays.
    const edited = await app.inject({
      method: 'PUT',
      url: `/api/monitoring/sensors/${sensor.id}/spec`,
      headers: { cookie: cookies.ent },
      payload: {
        version: sensor.version,
        reason: '报警须连续两次读数',
        spec: { ...sensor.spec, minCount: 2 },
      },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().spec).toMatchObject({
      sensorType: '低浓度甲烷传感器',
      rangeMax: 4,
      minCount: 2,
    });
    // A type the catalogue does not have, or of another quantity, is refused on its field.
    for (const [quantity, sensorType] of [
      ['CH4', '甲烷探头'],
      ['CO', '低浓度甲烷传感器'],
    ]) {
      const bad = await app.inject({
        method: 'POST',
        url: '/api/monitoring/sensors',
        headers: { cookie: cookies.ent },
        payload: { facilityId, code: 'X-1', name: 'X', quantity, sensorType },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details[0].path).toBe('spec.sensorType');
    }
  });
  it('an import names the sensor type in its 传感器类型 column; the range comes from it', async () => {
    const mineId = world.a.mines[0]?.id ?? '';
    const upload = (csv: string) => {
      const boundary = '----mwsensors';
      return app.inject({
        method: 'POST',
        url: `/api/monitoring/mines/${mineId}/sensors/import`,
        headers: {
          cookie: cookies.ent,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="sensors.csv"\r\nContent-Type: text/csv\r\n\r\n`,
          ),
          Buffer.from(csv),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
    };
    const head = '设施编码,测点编码,测点名称,监测量,预设,传感器类型\n';
    const bad = await upload(`${head}UG-1,CH4-301,掘进甲烷,CH4,甲烷:掘进工作面,甲烷探头\n`);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details[0]).toMatchObject({ row: 2, path: '传感器类型' });
    const good = await upload(
      `${head}UG-1,CH4-301,掘进甲烷,CH4,甲烷:掘进工作面,低浓度甲烷传感器\nUG-1,CH4-302,抽采甲烷,CH4,,高浓度甲烷传感器\n`,
    );
    expect(good.json()).toMatchObject({ imported: 2, ignoredColumns: [] });
    const list = await app.inject({
      method: 'GET',
      url: `/api/monitoring/sensors?mineId=${mineId}`,
      headers: { cookie: cookies.ent },
    });
    const spec = (code: string) =>
      list.json<{ code: string; spec: object }[]>().find((x) => x.code === code)?.spec;
    expect(spec('CH4-301')).toMatchObject({
      sensorType: '低浓度甲烷传感器',
      rangeMin: 0,
      rangeMax: 4,
      thresholds: { 黄色: 1.0, 红色: 1.5 }, // 《煤矿安全规程》甲烷传感器表 掘进工作面
    });
    expect(spec('CH4-302')).toMatchObject({ sensorType: '高浓度甲烷传感器', rangeMax: 100 });
  });
});
