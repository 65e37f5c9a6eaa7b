/**
 * The stopped-mines loop over HTTP, on both engines (issue 24 "Stopped mines"). A mine under 停工停产 files
 * its 整改方案 and declares work in advance with at most 9 people per site (《2024年矿山安全生产工作要点》第18条;
 * 10 in Lhasa, 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)5: "向非煤矿山安全监管监察部门报告后方可进行整改作业"); the
 * regulators of its county see and may reject a declaration with a reason, no other county or enterprise
 * sees it; the 明停暗开 rule's frame reads the declarations not rejected; 包保责任人 record their visits
 * (第18条 "落实驻矿盯守或巡查责任") and a visit not made within the interval is overdue.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, DAY_MS, shanghaiMidnight, todayIn } from '../../../shared/dates.ts';
import type {
  DeclarationResponse as Declaration,
  WardenResponse as Warden,
} from '../../../shared/stopped.schemas.ts';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import { principalOfUser } from '../../../../test/helpers/world-enforcement.ts';
import { systemPrincipal } from '../access/principal.ts';
import { loadFrame } from '../leads/frame.loader.ts';
import { changeMineStatus } from '../registry/mine.service.ts';
import { escalateOverduePatrols } from './stopped.escalation.ts';
import { listWardens } from './stopped.service.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function multipart(filename: string, content: Buffer) {
  const boundary = '----mwpatrol';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`,
  );
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

interface Refused {
  details: { path: string; message: string }[];
}

describe.each(engines)('停产矿山: 整改方案, 作业申报, 包保巡查 (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    ent: w.a.users.enterprise_admin,
    ent2: w.a2.users.enterprise_admin,
    aadm: w.a.users.regulator_admin,
    ains: w.a.users.inspector,
    badm: w.b.users.regulator_admin,
    bins: w.b.users.inspector,
  }));
  let today = '';
  let coal = '';
  let pond = '';
  const declaration = (over: object = {}) => ({
    mineId: coal,
    purpose: '排水',
    description: '-1中段水泵房抽排积水',
    sites: [{ place: '-1中段水泵房', people: 9 }],
    maxPowerKwh: 300,
    startsOn: addDays(today, 1),
    endsOn: addDays(today, 2),
    ...over,
  });

  beforeAll(async () => {
    today = todayIn(ctx.t.deps.clock);
    coal = ctx.world.a.mines[0]?.id ?? '';
    pond = ctx.world.a.mines[1]?.id ?? '';
    await changeMineStatus(ctx.t.deps, systemPrincipal('test'), coal, {
      status: '停工停产',
      effectiveDate: today,
      reason: '停工停产 (测试)',
    });
  });

  it('a declaration before the 整改方案 is refused on mineId (第18条: 先制定整改方案)', async () => {
    const r = await call<Refused>('ent', 'POST', '/api/stopped/declarations', declaration());
    expect(r.status).toBe(400);
    expect(r.body.details[0]).toMatchObject({
      path: 'mineId',
      message: '请先报送本次停工停产的整改方案',
    });
  });

  it('the enterprise files its 整改方案 for its stopped mine only', async () => {
    const plan = {
      mineId: coal,
      measures: '定时定量定人定措施',
      responsiblePerson: '张矿长',
      completeBy: addDays(today, 30),
    };
    expect((await call('ent', 'POST', '/api/stopped/plans', plan)).status).toBe(201);
    // A producing mine has nothing to rectify; another enterprise's mine is not its own.
    const producing = await call<Refused>('ent', 'POST', '/api/stopped/plans', {
      ...plan,
      mineId: pond,
    });
    expect(producing.status).toBe(400);
    expect(producing.body.details[0]?.path).toBe('mineId');
    expect((await call('ent2', 'POST', '/api/stopped/plans', plan)).status).toBe(400);
    // A regulator does not file it.
    expect((await call('aadm', 'POST', '/api/stopped/plans', plan)).status).toBe(403);
  });

  it('9 people at one site are declared in 原平; 10 are refused on sites.0.people (第18条)', async () => {
    const ten = await call<Refused>(
      'ent',
      'POST',
      '/api/stopped/declarations',
      declaration({ sites: [{ place: '-1中段水泵房', people: 10 }] }),
    );
    expect(ten.status).toBe(400);
    expect(ten.body.details[0]).toMatchObject({
      path: 'sites.0.people',
      message: '-1中段水泵房: 同一作业地点不超过 9 人',
    });
    const nine = await call<Declaration>('ent', 'POST', '/api/stopped/declarations', declaration());
    expect(nine.status).toBe(201);
    expect(nine.body).toMatchObject({ state: '已申报', perSiteLimit: 9, mineName: 'a煤矿' });
  });

  it('work is declared in advance: a start before today is refused (二(五)5 报告后方可作业)', async () => {
    const r = await call<Refused>(
      'ent',
      'POST',
      '/api/stopped/declarations',
      declaration({ startsOn: addDays(today, -1) }),
    );
    expect(r.status).toBe(400);
    expect(r.body.details[0]?.path).toBe('startsOn');
    const order = await call<Refused>(
      'ent',
      'POST',
      '/api/stopped/declarations',
      declaration({ endsOn: today }),
    );
    expect(order.body.details[0]?.path).toBe('endsOn');
  });

  it('the county sees the declaration; another county and another enterprise do not', async () => {
    const [d] = (await call<Declaration[]>('aadm', 'GET', '/api/stopped/declarations')).body;
    expect(d?.mineId).toBe(coal);
    expect((await call<Declaration[]>('badm', 'GET', '/api/stopped/declarations')).body).toEqual(
      [],
    );
    expect((await call<Declaration[]>('ent2', 'GET', '/api/stopped/declarations')).body).toEqual(
      [],
    );
    expect((await call('badm', 'GET', `/api/stopped/declarations/${d?.id}`)).status).toBe(404);
    expect((await call('ent2', 'GET', `/api/stopped/declarations/${d?.id}`)).status).toBe(404);
    expect((await call('ent', 'GET', `/api/stopped/declarations/${d?.id}`)).status).toBe(200);
  });

  it('a regulator of the county rejects with a reason; the rejected one no longer reaches the rule', async () => {
    const kept = await call<Declaration>(
      'ent',
      'POST',
      '/api/stopped/declarations',
      declaration({ purpose: '通风', startsOn: addDays(today, 3), endsOn: addDays(today, 4) }),
    );
    const [first] = (
      await call<Declaration[]>('ent', 'GET', `/api/stopped/declarations?mineId=${coal}`)
    ).body.filter((d) => d.purpose === '排水');
    const url = `/api/stopped/declarations/${first?.id}/reject`;
    expect((await call('ent', 'POST', url, { reason: '自行驳回' })).status).toBe(403);
    expect((await call('bins', 'POST', url, { reason: '异地' })).status).toBe(404);
    expect((await call('ains', 'POST', url, { reason: '' })).status).toBe(400);
    const rejected = await call<Declaration>('ains', 'POST', url, {
      reason: '排水点位与整改方案不符',
    });
    expect(rejected.body).toMatchObject({
      state: '已驳回',
      rejectReason: '排水点位与整改方案不符',
    });
    expect((await call('ains', 'POST', url, { reason: '再次' })).status).toBe(409);
    const frame = await loadFrame(ctx.t.deps.db, coal, shanghaiMidnight(today).getTime(), 7);
    expect(frame?.declaredWork?.map((d) => d.id)).toEqual([kept.body.id]);
    expect(frame?.declaredWork?.[0]).toMatchObject({
      from: shanghaiMidnight(addDays(today, 3)).getTime(),
      to: shanghaiMidnight(addDays(today, 5)).getTime(),
      maxPowerKwh: 300,
    });
  });

  it('包保责任人: a regulator of the county, one visit per interval, overdue after it', async () => {
    const ains = await principalOfUser(ctx.t.deps, ctx.world.a.users.inspector);
    const bins = await principalOfUser(ctx.t.deps, ctx.world.b.users.inspector);
    const foreign = await call<Refused>('aadm', 'POST', '/api/stopped/wardens', {
      mineId: coal,
      userId: bins.userId,
    });
    expect(foreign.body.details[0]?.path).toBe('userId');
    expect(
      (await call('badm', 'POST', '/api/stopped/wardens', { mineId: coal, userId: bins.userId }))
        .status,
    ).toBe(400);
    expect(
      (await call('aadm', 'POST', '/api/stopped/wardens', { mineId: coal, userId: ains.userId }))
        .status,
    ).toBe(201);
    expect(
      (await call('aadm', 'POST', '/api/stopped/wardens', { mineId: coal, userId: ains.userId }))
        .status,
    ).toBe(409);
    const visit = {
      mineId: coal,
      kind: '巡查',
      visitedAt: ctx.t.deps.clock().toISOString(),
      findings: '井下无人, 主扇运转正常',
    };
    expect((await call('bins', 'POST', '/api/stopped/patrols', visit)).status).toBe(400);
    const made = await call<{ id: string }>('ains', 'POST', '/api/stopped/patrols', visit);
    expect(made.status).toBe(201);
    // Photos through platform/files: the official's own visit only; others of the county may not add.
    const upload = (who: string) => {
      const mp = multipart('井口.png', PNG);
      return ctx.app.inject({
        method: 'POST',
        url: `/api/stopped/patrols/${made.body.id}/photos`,
        headers: { ...mp.headers, cookie: ctx.cookies[who] ?? '' },
        payload: mp.payload,
      });
    };
    expect((await upload('bins')).statusCode).toBe(404);
    expect((await upload('aadm')).statusCode).toBe(403);
    const withPhoto = await upload('ains');
    expect(withPhoto.statusCode).toBe(201);
    const [photo] = withPhoto.json<{ photos: { id: string; fileName: string }[] }>().photos;
    expect(photo?.fileName).toBe('井口.png');
    expect((await upload('ains')).statusCode).toBe(409);
    const photoUrl = `/api/stopped/patrols/${made.body.id}/photos/${photo?.id}`;
    const served = await ctx.app.inject({
      method: 'GET',
      url: photoUrl,
      headers: { cookie: ctx.cookies.aadm ?? '' },
    });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(PNG)).toBe(true);
    const foreignPhoto = await ctx.app.inject({
      method: 'GET',
      url: photoUrl,
      headers: { cookie: ctx.cookies.badm ?? '' },
    });
    expect(foreignPhoto.statusCode).toBe(404);
    expect((await call<unknown[]>('badm', 'GET', '/api/stopped/patrols')).body).toEqual([]);
    const [w] = (await call<Warden[]>('aadm', 'GET', '/api/stopped/wardens')).body;
    expect(w).toMatchObject({ overdue: false, lastVisitAt: visit.visitedAt });
    // The interval (stopped.patrolIntervalDays, 7 by default, UNVERIFIED): due at 7 days, overdue after.
    ctx.t.deps.clock.advance(7 * DAY_MS);
    expect((await listWardens(ctx.t.deps, ains))[0]?.overdue).toBe(false);
    ctx.t.deps.clock.advance(1);
    expect((await listWardens(ctx.t.deps, ains))[0]?.overdue).toBe(true);
    // The ladder (stopped.patrolLadder, UNVERIFIED): 提醒 the day after the due day, 督办 three days after.
    expect(await escalateOverduePatrols(ctx.t.deps)).toEqual({ wardens: 0, steps: 0 });
    ctx.t.deps.clock.advance(DAY_MS);
    expect(await escalateOverduePatrols(ctx.t.deps)).toEqual({ wardens: 1, steps: 1 });
    expect(await escalateOverduePatrols(ctx.t.deps)).toEqual({ wardens: 0, steps: 0 });
    ctx.t.deps.clock.advance(2 * DAY_MS);
    expect(await escalateOverduePatrols(ctx.t.deps)).toEqual({ wardens: 1, steps: 1 });
  });
});
