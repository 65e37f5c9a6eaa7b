/**
 * 举报 over HTTP, on both engines (issue 9 §1; 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第24条,
 * 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第27条: 受理、核实、办理、反馈、追责, 及时兑现奖励): routing to the unit of the county,
 * identity protection (only the handling unit's administrators see who reported; no other unit and
 * no enterprise can), flood protection that does not lock other reporters out, tracking by code and
 * secret with look-ups and wrong guesses limited per address (never per code), the case steps with their
 * order, the link to a hazard in the jurisdiction or the hazard, lead or inspection made from the report
 * in the 办理 step (what reaches the enterprise in the handler's words), the feedback and reward the
 * reporter sees, and the escalation of a step past its time limit. The limits under real concurrency:
 * public-report.limits.test.ts.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import { pngBytes } from '../../../../test/helpers/world-plans.ts';
import { principalOfUser } from '../../../../test/helpers/world-enforcement.ts';
import { DAY_MS, HOUR_MS } from '../../../shared/dates.ts';
import { queryRows } from '../../platform/db/client.ts';
import { escalateOverdueCases } from './public-report.escalation.ts';

interface Filed {
  trackingCode: string;
  secret: string;
}
interface CaseView {
  id: string;
  trackingCode: string;
  state: string;
  unitId: string;
  reporter: {
    anonymous: boolean;
    identityProtected: boolean;
    name: string | null;
    phone: string | null;
  };
}

describe.each(engines)('accountability: 举报 (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    adm: w.a.users.regulator_admin,
    ins: w.a.users.inspector,
    view: w.a.users.regulator_viewer,
    badm: w.b.users.regulator_admin,
    ent: w.a.users.enterprise_admin,
  }));
  let ip = 1;
  const form = (o: object = {}) => ({
    category: '非法违法开采',
    countyCode: ctx.world.a.county,
    location: '某村后山',
    content: '夜间有人在已关闭的矿洞里开采, 有爆破声',
    anonymous: true,
    ...o,
  });
  /** Files from a client address of its own unless one is given (the flood limits are per address). */
  const file = async (o: object = {}, address = `10.0.0.${ip++}`) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: form(o),
      remoteAddress: address,
    });
  const track = (code: string, secret: string, address = '127.0.0.1') =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/public/reports/track',
      payload: { trackingCode: code, secret },
      remoteAddress: address,
    });
  const caseOf = async (who: string, code: string) => {
    const list = await call<{ id: string; trackingCode: string }[]>(
      who,
      'GET',
      '/api/public-reports',
    );
    return list.body.find((r) => r.trackingCode === code)?.id ?? '';
  };

  it('a named report goes to the county’s unit; only its admins see who reported, sealed at rest', async () => {
    const res = await file({ anonymous: false, name: '李举报', phone: '13800001111' });
    expect(res.statusCode).toBe(201);
    const filed = res.json<Filed>();
    expect(filed.trackingCode).toMatch(/^JB[0-9A-Z]{10}$/);
    const id = await caseOf('adm', filed.trackingCode);
    const unitA = (await principalOfUser(ctx.t.deps, ctx.world.a.users.regulator_admin))
      .organisationId;
    const asAdmin = await call<CaseView>('adm', 'GET', `/api/public-reports/${id}`);
    expect(asAdmin.body.unitId).toBe(unitA);
    expect(asAdmin.body.reporter).toMatchObject({ name: '李举报', phone: '13800001111' });
    for (const who of ['ins', 'view']) {
      const seen = await call<CaseView>(who, 'GET', `/api/public-reports/${id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.reporter).toMatchObject({
        identityProtected: true,
        name: null,
        phone: null,
      });
      expect(seen.raw.body).not.toContain('李举报');
      expect(seen.raw.body).not.toContain('13800001111');
    }
    expect((await call('badm', 'GET', `/api/public-reports/${id}`)).status).toBe(404);
    expect(await caseOf('badm', filed.trackingCode)).toBe('');
    expect((await call('ent', 'GET', '/api/public-reports')).status).toBe(403);
    const [stored] = await queryRows<Record<string, unknown>>(
      ctx.t.database.db,
      sql`SELECT * FROM public_reports WHERE tracking_code = ${filed.trackingCode}`,
    );
    expect(JSON.stringify(stored)).not.toMatch(/李举报|13800001111|10\.0\.0\./);
    // The audit trail holds no identity either.
    const audit = await call<unknown>('adm', 'GET', `/api/audit/public_report/${id}`);
    expect(audit.raw.body).not.toContain('李举报');
  });

  it('refuses bad input field by field, an oversized body, and a region that is not a county', async () => {
    const named = await file({ anonymous: false, name: '王' });
    expect(named.statusCode).toBe(400);
    expect(named.body).toContain('phone');
    expect((await file({ anonymous: true, phone: '13800001111' })).statusCode).toBe(400);
    const city = await file({ countyCode: '140900' });
    expect(city.statusCode).toBe(400);
    expect(city.json<{ details: { path: string }[] }>().details[0]?.path).toBe('countyCode');
    expect((await file({ content: '太短' })).statusCode).toBe(400);
    const huge = await ctx.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: form({ content: 'x'.repeat(20_000) }),
      remoteAddress: '10.9.9.9',
    });
    expect(huge.statusCode).toBe(413);
  });

  it('holds off a flood from one address without locking out anyone else, and lets it in again an hour later', async () => {
    const flood = '10.66.0.1';
    for (let i = 0; i < 5; i++) {
      expect((await file({}, flood)).statusCode).toBe(201);
    }
    expect((await file({}, flood)).statusCode).toBe(429);
    expect((await file({}, '10.66.0.2')).statusCode).toBe(201);
    ctx.t.deps.clock.advance(HOUR_MS + 1);
    expect((await file({}, flood)).statusCode).toBe(201);
  });

  it('tracking: the right secret shows the public steps; wrong ones answer like an unknown code and hold off the address that tries them, not the code (issue 21 §2)', async () => {
    const filed = (await file()).json<Filed>();
    const reporter = '10.70.0.1';
    const guesser = '10.70.0.2';
    const ok = await track(filed.trackingCode, filed.secret, reporter);
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ state: string }>().state).toBe('待受理');
    const wrongSecret = await track(filed.trackingCode, 'wrong-secret-123', guesser);
    const unknownCode = await track('JB0000000000', filed.secret, guesser);
    expect(wrongSecret.statusCode).toBe(404);
    expect(unknownCode.statusCode).toBe(404);
    // The reporter reads the answer on the 举报查询 page: in Chinese, the same for either mistake.
    expect(wrongSecret.json().message).toBe(
      '查询码或查询密码不正确, 请核对举报时保存的查询码和密码',
    );
    expect(unknownCode.json().message).toBe(wrongSecret.json().message);
    for (let i = 0; i < 8; i++) {
      expect((await track(filed.trackingCode, `wrong-secret-${i}x`, guesser)).statusCode).toBe(404);
    }
    // Ten wrong secrets: the guessing address is held off, even with the right secret …
    expect((await track(filed.trackingCode, filed.secret, guesser)).statusCode).toBe(429);
    // … while the reporter, elsewhere, still follows the case (someone who knows the code, e.g. the
    // enterprise it names, cannot lock its reporter out).
    expect((await track(filed.trackingCode, filed.secret, reporter)).statusCode).toBe(200);
    ctx.t.deps.clock.advance(HOUR_MS + 1);
    expect((await track(filed.trackingCode, filed.secret, guesser)).statusCode).toBe(200);
  });

  it('tracking look-ups are limited per address, right or wrong (issue 21 §9)', async () => {
    const filed = (await file()).json<Filed>();
    const busy = '10.71.0.1';
    for (let i = 0; i < 60; i++) {
      expect((await track(filed.trackingCode, filed.secret, busy)).statusCode).toBe(200);
    }
    expect((await track(filed.trackingCode, filed.secret, busy)).statusCode).toBe(429);
    expect((await track(filed.trackingCode, filed.secret, '10.71.0.2')).statusCode).toBe(200);
    ctx.t.deps.clock.advance(HOUR_MS + 1);
    expect((await track(filed.trackingCode, filed.secret, busy)).statusCode).toBe(200);
  });

  it('photos before acceptance: images by content, at most three', async () => {
    const filed = (await file()).json<Filed>();
    const upload = (data: Buffer, secret = filed.secret) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/public/reports/${filed.trackingCode}/photos`,
        headers: {
          'x-report-secret': secret,
          'content-type': 'multipart/form-data; boundary=----mwpub',
        },
        payload: Buffer.concat([
          Buffer.from(
            '------mwpub\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n',
          ),
          data,
          Buffer.from('\r\n------mwpub--\r\n'),
        ]),
      });
    expect((await upload(pngBytes('p1'), 'not-the-secret')).statusCode).toBe(404);
    expect((await upload(Buffer.from('%PDF-1.4 not a photo'))).statusCode).toBe(415);
    for (const k of ['p1', 'p2', 'p3']) {
      expect((await upload(pngBytes(k))).statusCode).toBe(201);
    }
    expect((await upload(pngBytes('p4'))).statusCode).toBe(409);
    expect((await track(filed.trackingCode, filed.secret)).json<{ photos: number }>().photos).toBe(
      3,
    );
  });

  it('受理 → 核实 → 办理 (linked to a hazard) → 反馈 → 奖励, in order; the reporter sees feedback and reward, not notes', async () => {
    const filed = (await file()).json<Filed>();
    const id = await caseOf('ins', filed.trackingCode);
    expect(
      (await call('ins', 'POST', `/api/public-reports/${id}/verify`, { result: '属实', note: 'x' }))
        .status,
    ).toBe(409);
    expect(
      (await call('badm', 'POST', `/api/public-reports/${id}/accept`, { accept: true, note: 'x' }))
        .status,
    ).toBe(404);
    await call('ins', 'POST', `/api/public-reports/${id}/accept`, {
      accept: true,
      note: '内部: 交执法队',
    });
    await call('ins', 'POST', `/api/public-reports/${id}/verify`, {
      result: '属实',
      note: '内部: 现场核实有开采痕迹',
    });
    const foreign = await call<{ details: { path: string }[] }>(
      'ins',
      'POST',
      `/api/public-reports/${id}/handle`,
      {
        outcome: '转为重大事故隐患',
        note: 'x',
        linkId: ctx.world.b.hazardIds[0],
      },
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.details[0]?.path).toBe('linkId');
    const handled = await call<CaseView>('ins', 'POST', `/api/public-reports/${id}/handle`, {
      outcome: '转为重大事故隐患',
      note: '内部: 已立案',
      linkId: ctx.world.a.hazardIds[0],
    });
    expect(handled.body.state).toBe('已办理');
    await call('ins', 'POST', `/api/public-reports/${id}/answer`, {
      feedback: '经核实, 举报属实, 已责令停止违法行为并立案查处',
    });
    expect(
      (await call('ins', 'POST', `/api/public-reports/${id}/reward`, { amountYuan: 2000 })).status,
    ).toBe(403);
    await call('adm', 'POST', `/api/public-reports/${id}/reward`, {
      amountYuan: 2000,
      paidOn: '2026-11-22',
    });
    const seen = await track(filed.trackingCode, filed.secret);
    const body = seen.json<{
      state: string;
      feedback: string;
      reward: { amountYuan: number };
      events: { step: string }[];
    }>();
    expect(body.state).toBe('已反馈');
    expect(body.feedback).toContain('举报属实');
    expect(body.reward.amountYuan).toBe(2000);
    expect(body.events.map((e) => e.step)).toEqual([
      '收到举报',
      '受理',
      '核实',
      '办理',
      '反馈',
      '奖励',
    ]);
    expect(seen.body).not.toContain('内部');
  });

  it('办理 makes the hazard, the lead or the inspection from the report in the same step; a bad mine, criterion or team refuses the step by field and writes nothing', async () => {
    const coal = ctx.world.a.mines[0]?.id ?? '';
    const verified = async () => {
      const filed = (await file({ location: '某村后山矿洞' })).json<Filed>();
      const id = await caseOf('ins', filed.trackingCode);
      await call('ins', 'POST', `/api/public-reports/${id}/accept`, { accept: true, note: 'x' });
      await call('ins', 'POST', `/api/public-reports/${id}/verify`, { result: '属实', note: 'x' });
      return { id, code: filed.trackingCode };
    };
    const handle = (id: string, body: object) =>
      call<CaseView & { linkId: string; details: { path: string }[] }>(
        'ins',
        'POST',
        `/api/public-reports/${id}/handle`,
        { note: '内部: 转办', ...body },
      );
    const count = async (table: string) =>
      Number(
        (
          await queryRows<{ n: number }>(
            ctx.t.deps.db,
            sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`,
          )
        )[0]?.n,
      );

    // A hazard (source 举报) on the world's coal mine under its criterion.
    const h = await verified();
    const before = await count('hazards');
    const worded = { description: '核实发现已关闭井巷有开采痕迹', location: '+850 水平北翼' };
    const refused = [
      [{ outcome: '转为重大事故隐患', create: { mineId: coal } }, 'create.criterionId'],
      [
        {
          outcome: '转为重大事故隐患',
          create: {
            mineId: ctx.world.b.mines[0]?.id,
            criterionId: ctx.world.a.criterionId,
            ...worded,
          },
        },
        'create.mineId',
      ],
      [{ outcome: '转为重大事故隐患', create: {} }, 'create.mineId'],
      [
        { outcome: '转为重大事故隐患', linkId: ctx.world.a.hazardIds[0], create: { mineId: coal } },
        'body.create',
      ],
      [{ outcome: '无需处理', create: { mineId: coal } }, 'create'],
      // What the enterprise reads is the handler's own wording, never copied from the report.
      [
        {
          outcome: '转为重大事故隐患',
          create: { mineId: coal, criterionId: ctx.world.a.criterionId },
        },
        'create.description',
      ],
      [
        {
          outcome: '转为重大事故隐患',
          create: { mineId: coal, criterionId: ctx.world.a.criterionId, description: '采空区越界' },
        },
        'create.location',
      ],
    ] as const;
    for (const [body, path] of refused) {
      const res = await handle(h.id, body);
      expect(res.status, path).toBe(400);
      expect(res.body.details.map((d) => d.path)).toContain(path);
    }
    expect(await count('hazards')).toBe(before);
    const asHazard = await handle(h.id, {
      outcome: '转为重大事故隐患',
      create: { mineId: coal, criterionId: ctx.world.a.criterionId, ...worded },
    });
    expect(asHazard.status).toBe(200);
    expect(asHazard.body.state).toBe('已办理');
    const hazardId = asHazard.body.linkId;
    const hazard = await call<{ source: string; description: string; location: string }>(
      'ins',
      'GET',
      `/api/hazards/${hazardId}`,
    );
    expect(hazard.body).toMatchObject({ source: '举报', ...worded });
    // Issue 21 §2: the enterprise the hazard is about reads neither the tracking code (with which it
    // could try secrets against its reporter's case) nor the report's wording — not in the hazard,
    // the ledger or the hazard's history.
    const reportWords = [h.code, '夜间有人', '某村后山'];
    for (const url of [
      `/api/hazards/${hazardId}`,
      `/api/hazards?mineId=${coal}`,
      `/api/audit/hazard/${hazardId}`,
    ]) {
      const seen = await call('ent', 'GET', url);
      expect(seen.status, url).toBe(200);
      for (const w of reportWords) {
        expect(seen.raw.body, `${url} ${w}`).not.toContain(w);
      }
    }

    // A lead under the rule 举报; a second report about the same mine joins the open one.
    const l1 = await verified();
    const lead1 = await handle(l1.id, { outcome: '转为线索', create: { mineId: coal } });
    expect(lead1.status).toBe(200);
    const lead = await call<{ rule: string; status: string; score: number }>(
      'ins',
      'GET',
      `/api/leads/${lead1.body.linkId}`,
    );
    expect(lead.body).toMatchObject({ rule: '举报', status: '新线索' });
    const l2 = await verified();
    const lead2 = await handle(l2.id, { outcome: '转为线索', create: { mineId: coal } });
    expect(lead2.body.linkId).toBe(lead1.body.linkId);
    const [evidence] = await queryRows<{ evidence: { reports: string[] } }>(
      ctx.t.deps.db,
      sql`SELECT evidence FROM leads WHERE id = ${lead1.body.linkId}`,
    );
    expect(evidence?.evidence.reports).toEqual([l1.code, l2.code]);

    // A 专项 inspection with a team of two who have jurisdiction; one outside it is refused by index.
    const i = await verified();
    const team = await queryRows<{ id: string; username: string }>(
      ctx.t.deps.db,
      sql`SELECT id, username FROM users WHERE username IN (${ctx.world.a.users.inspector}, ${ctx.world.a.users.regulator_admin}, ${ctx.world.b.users.inspector})`,
    );
    const idOf = (u: string) => team.find((x) => x.username === u)?.id ?? '';
    const inspections = await count('inspections');
    const short = await handle(i.id, {
      outcome: '转为执法检查',
      create: { mineId: coal, teamUserIds: [idOf(ctx.world.a.users.inspector)] },
    });
    expect(short.body.details.map((d) => d.path)).toEqual(['create.teamUserIds']);
    const outsider = await handle(i.id, {
      outcome: '转为执法检查',
      create: {
        mineId: coal,
        teamUserIds: [idOf(ctx.world.a.users.inspector), idOf(ctx.world.b.users.inspector)],
        description: '核查已关闭井巷是否有人开采',
      },
    });
    expect(outsider.body.details.map((d) => d.path)).toEqual(['create.teamUserIds.1']);
    expect(await count('inspections')).toBe(inspections);
    const fullTeam = [idOf(ctx.world.a.users.inspector), idOf(ctx.world.a.users.regulator_admin)];
    const unworded = await handle(i.id, {
      outcome: '转为执法检查',
      create: { mineId: coal, teamUserIds: fullTeam },
    });
    expect(unworded.body.details.map((d) => d.path)).toEqual(['create.description']);
    expect(await count('inspections')).toBe(inspections);
    const asInspection = await handle(i.id, {
      outcome: '转为执法检查',
      create: { mineId: coal, teamUserIds: fullTeam, description: '核查已关闭井巷是否有人开采' },
    });
    expect(asInspection.status).toBe(200);
    const inspection = await call<{ kind: string; checklist: { text: string }[] }>(
      'ins',
      'GET',
      `/api/inspections/${asInspection.body.linkId}`,
    );
    expect(inspection.body.kind).toBe('专项');
    // The check item (which the 现场检查记录 issued to the enterprise quotes) is the handler's.
    expect(inspection.body.checklist.map((c) => c.text)).toEqual(['核查已关闭井巷是否有人开采']);
    expect(inspection.raw.body).not.toContain(i.code);
    expect(inspection.raw.body).not.toContain('夜间有人');
  });

  it('a step past its time limit is escalated once to the unit and the unit above', async () => {
    const filed = (await file()).json<Filed>();
    expect(filed.trackingCode).toBeTruthy();
    ctx.t.deps.clock.advance(7 * DAY_MS);
    const first = await escalateOverdueCases(ctx.t.deps);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(await escalateOverdueCases(ctx.t.deps)).toBe(0);
    // (Read from the table: a week on, the test's sessions have expired.)
    const notes = await queryRows<{ username: string }>(
      ctx.t.database.db,
      sql`SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id
           WHERE n.title LIKE ${`%${filed.trackingCode}%`}`,
    );
    expect(notes.map((n) => n.username)).toContain(ctx.world.a.users.regulator_admin);
  });
});
