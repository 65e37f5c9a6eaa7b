/**
 * Regulators' warnings over HTTP, on both engines (issue 24 "Warnings issued by the regulator"): a county
 * regulator issues a 暴雨 warning to every mine of its county (《2024年矿山安全生产工作要点》第31条: 及时发布汛期等
 * 预警信息, 完善应急叫应回响应机制); each mine's duty officer is called, acknowledges and reports the people
 * withdrawn (第30条: 紧急情况停产撤人); a mine that does not acknowledge within the step's time of
 * warnings.callPolicy escalates to the county regulator, once; after a 严禁入井 order (《拉萨市关于加强非煤矿山
 * 安全生产工作的实施意见》二(五)6: 遇极端天气严禁人员入井) the mine's row shows who is still underground by its
 * positioning data. Another county's regulator sees nothing and cannot issue outside its region; another
 * mine's user cannot acknowledge.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../shared/dates.ts';
import type { HomeResponse } from '../../../shared/home.schemas.ts';
import type { NotificationResponse } from '../../../shared/notifications.schemas.ts';
import type {
  WarningCallResponse,
  WarningCallWithWarning,
  WarningDetailResponse,
  WarningResponse,
} from '../../../shared/warnings.schemas.ts';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import { insertHeadcounts } from '../coal-upload/coal-positioning.repository.ts';
import { signAckToken } from '../monitoring/call-out.ts';
import { runDueWarningCalls } from './warning.calls.ts';

interface Refused {
  details: { path: string; message: string }[];
}

const opts = { publicUrl: 'http://127.0.0.1:8080' };

describe.each(engines)('监管预警: 发布、逐矿叫应、回应、超时升级 (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    aadm: w.a.users.regulator_admin,
    ains: w.a.users.inspector,
    badm: w.b.users.regulator_admin,
    duty: w.a.users.mine_duty_officer,
    duty2: w.a2.users.mine_duty_officer,
    ent2: w.a2.users.enterprise_admin,
  }));
  let warning: WarningDetailResponse;
  let countyA = '';
  let coalA = '';
  const rain = {
    kind: '暴雨',
    title: '暴雨红色预警',
    content: '预计未来6小时降雨量100毫米以上, 立即排查井下水害隐患, 必要时停产撤人。',
  };

  beforeAll(() => {
    countyA = ctx.world.a.county;
    coalA = ctx.world.a.mines[0]?.id ?? '';
  });

  const callOf = (w: WarningDetailResponse, mineId: string) => {
    const c = w.calls.find((x) => x.mineId === mineId);
    if (!c) {
      throw new Error(`no call to ${mineId}`);
    }
    return c;
  };

  it('a county regulator issues a 暴雨 warning to every mine of its county; each is called at once (第31条)', async () => {
    const r = await call<WarningDetailResponse>('aadm', 'POST', '/api/warnings', {
      ...rain,
      regionCode: countyA,
    });
    expect(r.status).toBe(201);
    warning = r.body;
    // County A: two mines of enterprise a, two of a2.
    expect(warning.calls).toHaveLength(4);
    expect(warning.calls.every((c) => c.state === '待确认' && c.stage === '预警')).toBe(true);
    expect(warning).toMatchObject({ kind: '暴雨', mines: 4, acknowledged: 0, escalated: 0 });
    const inbox = await call<NotificationResponse[]>('duty', 'GET', '/api/notifications');
    const mine = inbox.body.filter((n) => n.subjectType === 'warning');
    expect(mine).toHaveLength(1);
    expect(mine[0]?.subjectId).toBe(warning.id);
    expect(mine[0]?.title).toContain('暴雨红色预警');
  });

  it('another county’s regulator does not see the warning (404) and cannot issue to county A (400 regionCode)', async () => {
    expect((await call('badm', 'GET', `/api/warnings/${warning.id}`)).status).toBe(404);
    const list = await call<WarningResponse[]>('badm', 'GET', '/api/warnings');
    expect(list.body.map((w) => w.id)).not.toContain(warning.id);
    const r = await call<Refused>('badm', 'POST', '/api/warnings', {
      ...rain,
      regionCode: countyA,
    });
    expect(r.status).toBe(400);
    expect(r.body.details[0]).toMatchObject({
      path: 'regionCode',
      message: '该区域不在本单位管辖范围内',
    });
  });

  it('malformed input is refused with the field: kind, regionCode, an empty title', async () => {
    const bad = await call<Refused>('aadm', 'POST', '/api/warnings', {
      ...rain,
      kind: '大风',
      regionCode: '1409',
      title: ' ',
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.kind', 'body.regionCode', 'body.title']));
    const none = await call<Refused>('aadm', 'POST', '/api/warnings', {
      ...rain,
      regionCode: countyA,
      mineKinds: ['露天煤矿'],
    });
    expect(none.status).toBe(400);
    expect(none.body.details[0]?.path).toBe('mineKinds');
  });

  it('a mine user sees and answers only its own mine’s call; another mine’s user gets 404', async () => {
    const mine = await call<WarningCallWithWarning[]>(
      'duty',
      'GET',
      '/api/warnings/calls?open=true',
    );
    expect(mine.body.map((c) => c.mineId)).toEqual([coalA]);
    expect(mine.body[0]).toMatchObject({ title: '暴雨红色预警', state: '待确认' });
    const own = callOf(warning, coalA);
    // The duty officer's home lists it with the need to answer (issue 23 home).
    const home = await call<HomeResponse>('duty', 'GET', '/api/home');
    expect(home.body.warnings.map((c) => c.id)).toEqual([own.id]);
    expect(home.body.needs.find((n) => n.key === 'warningsToAnswer')?.count).toBe(1);
    expect((await call('duty2', 'POST', `/api/warnings/calls/${own.id}/acknowledge`)).status).toBe(
      404,
    );
    // A regulator does not acknowledge for the mine.
    expect((await call('aadm', 'POST', `/api/warnings/calls/${own.id}/acknowledge`)).status).toBe(
      403,
    );
    // Enterprise a2 sees its own two mines' rows only.
    const seen = await call<WarningDetailResponse>('ent2', 'GET', `/api/warnings/${warning.id}`);
    expect(seen.body.calls.map((c) => c.mineId).sort()).toEqual(
      ctx.world.a2.mines.map((m) => m.id).sort(),
    );
  });

  it('the duty officer acknowledges (叫应) and reports people withdrawn (回应, 第30条 停产撤人)', async () => {
    const own = callOf(warning, coalA);
    const early = await call('duty', 'POST', `/api/warnings/calls/${own.id}/respond`, {
      peopleWithdrawn: 12,
      withdrawnAt: ctx.t.deps.clock().toISOString(),
      measures: '全部撤出',
    });
    expect(early.status).toBe(409);
    const ack = await call<WarningCallResponse>(
      'duty',
      'POST',
      `/api/warnings/calls/${own.id}/acknowledge`,
    );
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({
      state: '已确认',
      acknowledgedBy: ctx.world.a.users.mine_duty_officer,
    });
    expect((await call('duty', 'POST', `/api/warnings/calls/${own.id}/acknowledge`)).status).toBe(
      409,
    );
    const negative = await call<Refused>('duty', 'POST', `/api/warnings/calls/${own.id}/respond`, {
      peopleWithdrawn: -1,
      withdrawnAt: null,
      measures: '',
    });
    expect(negative.status).toBe(400);
    expect(negative.body.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['body.peopleWithdrawn', 'body.measures']),
    );
    const future = await call<Refused>('duty', 'POST', `/api/warnings/calls/${own.id}/respond`, {
      peopleWithdrawn: 12,
      withdrawnAt: new Date(ctx.t.deps.clock().getTime() + 3_600_000).toISOString(),
      measures: '全部撤出',
    });
    expect(future.status).toBe(400);
    expect(future.body.details[0]?.path).toBe('withdrawnAt');
    const noTime = await call<Refused>('duty', 'POST', `/api/warnings/calls/${own.id}/respond`, {
      peopleWithdrawn: 12,
      withdrawnAt: null,
      measures: '全部撤出',
    });
    expect(noTime.body.details[0]?.path).toBe('withdrawnAt');
    // Withdrawn before the order was issued cannot be its response.
    const before = await call<Refused>('duty', 'POST', `/api/warnings/calls/${own.id}/respond`, {
      peopleWithdrawn: 12,
      withdrawnAt: new Date(Date.parse(warning.issuedAt) - MINUTE_MS).toISOString(),
      measures: '全部撤出',
    });
    expect(before.status).toBe(400);
    expect(before.body.details[0]?.path).toBe('withdrawnAt');
    const withdrawnAt = new Date(Date.parse(warning.issuedAt)).toISOString();
    const done = await call<WarningCallResponse>(
      'duty',
      'POST',
      `/api/warnings/calls/${own.id}/respond`,
      {
        peopleWithdrawn: 12,
        withdrawnAt,
        measures: '井下12人全部撤至地面, 停止采掘作业, 加强排水',
      },
    );
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: '已回应', peopleWithdrawn: 12, withdrawnAt });
    // The issuing unit sees who answered and when.
    const seen = await call<WarningDetailResponse>('ains', 'GET', `/api/warnings/${warning.id}`);
    expect(callOf(seen.body, coalA)).toMatchObject({
      state: '已回应',
      acknowledgedBy: ctx.world.a.users.mine_duty_officer,
      respondedBy: ctx.world.a.users.mine_duty_officer,
      peopleWithdrawn: 12,
    });
    expect(seen.body).toMatchObject({ acknowledged: 1, responded: 1 });
  });

  it('mines that do not acknowledge within the step time escalate to the county regulator, once (warnings.callPolicy step 2)', async () => {
    // Before the step's 30 minutes: renotified, not escalated.
    ctx.t.deps.clock.advance(10 * MINUTE_MS);
    const first = await runDueWarningCalls(ctx.t.deps, opts);
    expect(first).toMatchObject({ escalated: 0, renotified: 3 });
    ctx.t.deps.clock.advance(21 * MINUTE_MS);
    const run = await runDueWarningCalls(ctx.t.deps, opts);
    expect(run.escalated).toBe(3);
    const again = await runDueWarningCalls(ctx.t.deps, opts);
    expect(again.escalated).toBe(0);
    const seen = await call<WarningDetailResponse>('aadm', 'GET', `/api/warnings/${warning.id}`);
    const others = seen.body.calls.filter((c) => c.mineId !== coalA);
    expect(others.every((c) => c.stage === '响警' && c.escalatedAt !== null)).toBe(true);
    expect(callOf(seen.body, coalA)).toMatchObject({ escalatedAt: null, stage: '预警' });
    expect(seen.body.escalated).toBe(3);
    // The county's regulators are called about each mine that did not answer.
    const inbox = await call<NotificationResponse[]>('ains', 'GET', '/api/notifications');
    const up = inbox.body.filter((n) => n.subjectType === 'warning' && n.title.includes('未确认'));
    expect(up).toHaveLength(3);
    // County B's regulator is not.
    const b = await call<NotificationResponse[]>('badm', 'GET', '/api/notifications');
    expect(b.body.filter((n) => n.subjectType === 'warning')).toHaveLength(0);
  });

  it('after a 严禁入井 order the mine’s row shows people still underground by its positioning data (二(五)6)', async () => {
    const order = await call<WarningDetailResponse>('aadm', 'POST', '/api/warnings', {
      kind: '严禁入井',
      title: '极端天气严禁入井',
      content: '即时起严禁人员入井, 井下人员立即撤出。',
      regionCode: countyA,
      mineKinds: ['煤矿井工'],
    });
    expect(order.status).toBe(201);
    expect(order.body.calls).toHaveLength(2);
    expect(order.body.calls.every((c) => c.underground === null)).toBe(true);
    const at = new Date(ctx.t.deps.clock().getTime() + MINUTE_MS);
    await ctx.t.deps.db.transaction((tx) =>
      insertHeadcounts(tx, [{ mineId: coalA, at, areaCode: '', count: 7 }]),
    );
    ctx.t.deps.clock.advance(2 * MINUTE_MS);
    const seen = await call<WarningDetailResponse>('aadm', 'GET', `/api/warnings/${order.body.id}`);
    expect(callOf(seen.body, coalA).underground).toMatchObject({
      count: 7,
      afterIssue: true,
      stale: false,
    });
    // The 暴雨 warning is not an order: no headcount on its rows.
    const rainSeen = await call<WarningDetailResponse>(
      'aadm',
      'GET',
      `/api/warnings/${warning.id}`,
    );
    expect(callOf(rainSeen.body, coalA).underground).toBeNull();
  });

  it('the one-time link in a call acknowledges without sign-in, once; a preview, a forged or an alarm link does not', async () => {
    const flood = await call<WarningDetailResponse>('aadm', 'POST', '/api/warnings', {
      kind: '汛期',
      title: '汛期防汛预警',
      content: '进入主汛期, 落实防汛值班。',
      regionCode: countyA,
      mineKinds: ['煤矿井工'],
    });
    const own = callOf(flood.body, coalA);
    const inbox = await call<NotificationResponse[]>('duty', 'GET', '/api/notifications');
    const note = inbox.body.find((n) => n.subjectId === flood.body.id);
    const link = /\/ack\/warning\/(\S+)/.exec(note?.body ?? '')?.[1] ?? '';
    expect(link).not.toBe('');
    const token = decodeURIComponent(link);
    const at = (t: string) => `/ack/warning/${encodeURIComponent(t)}`;
    // A link preview (GET) changes nothing.
    const page = await ctx.app.inject({ method: 'GET', url: at(token) });
    expect(page.statusCode).toBe(200);
    const still = await call<WarningDetailResponse>(
      'aadm',
      'GET',
      `/api/warnings/${flood.body.id}`,
    );
    expect(callOf(still.body, coalA).state).toBe('待确认');
    // A forged link, and an alarm's link naming the call, are refused.
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await ctx.app.inject({ method: 'POST', url: at(forged) })).statusCode).toBe(404);
    const alarmLink = signAckToken(ctx.t.deps.secret, own.id);
    expect((await ctx.app.inject({ method: 'POST', url: at(alarmLink) })).statusCode).toBe(404);
    const ok = await ctx.app.inject({ method: 'POST', url: at(token) });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('已确认');
    const seen = await call<WarningDetailResponse>('aadm', 'GET', `/api/warnings/${flood.body.id}`);
    expect(callOf(seen.body, coalA)).toMatchObject({
      state: '已确认',
      acknowledgedBy: ctx.world.a.users.mine_duty_officer,
    });
    expect((await ctx.app.inject({ method: 'POST', url: at(token) })).statusCode).toBe(409);
  });
});
