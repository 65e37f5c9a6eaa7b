/**
 * The home's summary over HTTP on both engines (issue 23 §1): each role gets its own home, every count
 * equals what the list it links to shows, and nothing of another county or enterprise is counted.
 * Overdue hazards are broken down by the last step of the ladder their deadline reached (setting
 * hazards.escalationLadder, default 提醒 −3 d, 函告 +1 d, 通报 +15 d, 约谈 +30 d, 曝光 +60 d).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addDays, todayIn } from '../../../shared/dates.ts';
import type { HomeNeed, HomeResponse } from '../../../shared/home.schemas.ts';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';

const needOf = (home: HomeResponse, key: HomeNeed['key']) => {
  const n = home.needs.find((x) => x.key === key);
  if (!n) {
    throw new Error(`no need ${key} in ${home.needs.map((x) => x.key).join(', ')}`);
  }
  return n;
};

describe.each(engines)('首页: 需要我处理的事项 (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    aadm: w.a.users.regulator_admin,
    ains: w.a.users.inspector,
    badm: w.b.users.regulator_admin,
    ent: w.a.users.enterprise_admin,
    ent2: w.a2.users.enterprise_admin,
    duty: w.a.users.mine_duty_officer,
    sys: w.systemAdmin,
  }));
  const home = async (who: string, query = '') => {
    const res = await call<HomeResponse>(who, 'GET', `/api/home${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    const db = ctx.t.deps.db;
    const today = todayIn(ctx.t.deps.clock);
    // County A's hazard 20 days past its deadline (通报 reached, 约谈 not yet); A's 举报 a day overdue.
    await db.execute(
      sql`UPDATE hazards SET deadline = ${addDays(today, -20)}, state = '治理中' WHERE id = ${ctx.world.a.hazardIds[0]}`,
    );
    await db.execute(
      sql`UPDATE public_reports SET due_on = ${addDays(today, -1)} WHERE id = ${ctx.world.a.publicReportIds[0]}`,
    );
    // A's accident 55 minutes ago, its mine's notice on time (at 20 min; the chain's default steps): the
    // county's report to the city (30 min after that notice) is overdue, the mine's own steps (60 min)
    // are not yet — an accident read without its notices would count those, not this.
    const accidentId = ctx.world.a.accidentIds[0] as string;
    await db.execute(
      sql`UPDATE accidents SET occurred_at = occurred_at - interval '35 minutes' WHERE id = ${accidentId}`,
    );
    await db.execute(
      sql`UPDATE accident_reports SET reported_at = reported_at - interval '35 minutes' WHERE accident_id = ${accidentId}`,
    );
  });

  it('regulator: overdue hazards by the ladder step reached, each count as its list shows it', async () => {
    const h = await home('aadm');
    expect(h.audience).toBe('regulator');
    const overdue = needOf(h, 'hazardsOverdue');
    expect(overdue).toMatchObject({ count: 1, parts: [{ label: '通报', count: 1 }] });
    const list = await call<{ total: number }>('aadm', 'GET', `/api${overdue.link}`);
    expect(list.body.total).toBe(1);

    const alarms = await call<{ unanswered: number; oldestUnansweredAt: string | null }>(
      'aadm',
      'GET',
      '/api/alarms/summary',
    );
    expect(needOf(h, 'alarmsUnanswered')).toMatchObject({
      count: alarms.body.unanswered,
      oldestAt: alarms.body.oldestUnansweredAt,
    });
    expect(alarms.body.unanswered).toBeGreaterThan(0);

    const leads = await call<{ unassigned: number; byRule: { rule: string; open: number }[] }>(
      'aadm',
      'GET',
      '/api/leads/summary',
    );
    expect(needOf(h, 'leadsUnassigned').count).toBe(leads.body.unassigned);
    expect(needOf(h, 'stoppedActivity').count).toBe(
      leads.body.byRule.find((r) => r.rule === '明停暗开')?.open,
    );
    expect(needOf(h, 'stoppedActivity').count).toBeGreaterThan(0);
    expect(needOf(h, 'publicReportsOverdue').count).toBe(1);
  });

  it('regulator: the draft document waits for each team member until signed', async () => {
    expect(needOf(await home('ains'), 'documentsToSign').count).toBe(1);
    expect(needOf(await home('badm'), 'documentsToSign').count).toBe(1);
  });

  it('regulator: accident notices past their limit as the accident pages show them', async () => {
    const lateOf = async (id: string | undefined) => {
      const accident = await call<{ chain: { state: string }[] }>(
        'sys',
        'GET',
        `/api/accidents/${id}`,
      );
      return accident.body.chain.filter((s) => s.state === '逾期未报').length;
    };
    // County A holds two enterprises' accidents (a, a2); B its own.
    const [a = 0, a2 = 0, b = 0] = await Promise.all(
      [ctx.world.a, ctx.world.a2, ctx.world.b].map((w) => lateOf(w.accidentIds[0])),
    );
    expect(a, '县级报告市级').toBe(1);
    expect(needOf(await home('aadm'), 'accidentReportsLate').count).toBe(a + a2);
    // The system admin's home counts every county's accidents, each with its own notices.
    expect(needOf(await home('sys'), 'accidentReportsLate').count).toBe(a + a2 + b);
  });

  it('another county counts none of county A (§ jurisdiction)', async () => {
    const b = await home('badm');
    expect(needOf(b, 'hazardsOverdue').count).toBe(0);
    expect(needOf(b, 'publicReportsOverdue').count).toBe(0);
    // The system admin sees both counties; a region narrows it to one.
    expect(needOf(await home('sys'), 'hazardsOverdue').count).toBe(1);
    expect(needOf(await home('sys', '?region=141029'), 'hazardsOverdue').count).toBe(0);
  });

  it('enterprise: reports to file, hazards to rectify by deadline, documents received', async () => {
    const h = await home('ent');
    expect(h.audience).toBe('enterprise');
    expect(h.needs.map((n) => n.key)).toEqual([
      'selfInspectionsDue',
      'parentInspectionsDue',
      'hazardsToRectify',
      'alarmsUnanswered',
      'documentsReceived',
      'warningsToAnswer',
    ]);
    expect(needOf(h, 'hazardsToRectify')).toMatchObject({
      count: 1,
      parts: [{ label: '逾期', count: 1 }],
    });
    expect(h.rectifying).toEqual([
      expect.objectContaining({ id: ctx.world.a.hazardIds[0], overdue: true }),
    ]);
    const missing = await call<unknown[]>(
      'ent',
      'GET',
      `/api/self-inspection-reports/missing?period=${new URL(needOf(h, 'selfInspectionsDue').link, 'http://x').searchParams.get('period')}`,
    );
    expect(needOf(h, 'selfInspectionsDue').count).toBe(missing.body.length);
    // The other enterprise of the same county sees none of it.
    const other = await home('ent2');
    expect(other.rectifying.map((r) => r.id)).not.toContain(ctx.world.a.hazardIds[0]);
    expect(needOf(other, 'hazardsToRectify').count).toBe(
      other.rectifying.filter((r) => r.state !== '已销号').length,
    );
    // Leads are for regulators only: an enterprise's home never counts them.
    expect(h.needs.some((n) => n.key === 'stoppedActivity')).toBe(false);
  });

  it("a mine's duty officer: the open alarms to 叫应 and today's calls, its own mine only", async () => {
    const h = await home('duty');
    expect(h.audience).toBe('mine');
    const alarm = ctx.world.a.alarmIds[0];
    expect(h.openAlarms.map((a) => a.id)).toContain(alarm);
    expect(needOf(h, 'alarmsOpen').count).toBe(h.openAlarms.length);
    const board = await call<{ id: string }[]>('duty', 'GET', '/api/alarms?open=true');
    expect(h.openAlarms.map((a) => a.id).sort()).toEqual(board.body.map((a) => a.id).sort());
    expect(h.openAlarms.map((a) => a.id)).not.toContain(ctx.world.b.alarmIds[0]);
  });

  it('refuses an unknown query field and a bad region', async () => {
    expect((await call('aadm', 'GET', '/api/home?x=1')).status).toBe(400);
    expect((await call('aadm', 'GET', '/api/home?region=abc')).status).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/home' })).statusCode).toBe(401);
  });
});
