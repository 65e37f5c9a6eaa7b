/**
 * The dynamic analysis (issue 4 §7; 《2024年矿山安全生产工作要点》第20条) and the stock targets of
 * 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8条 over a small history built through the loop on a controlled clock,
 * as each jurisdiction sees it.
 */
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { login, type World } from '../../../../test/helpers/world.ts';
import type { HazardAnalysis } from '../../../shared/hazard-analysis.schemas.ts';
import { systemPrincipal } from '../access/principal.ts';
import { acceptHazard, planHazard, reportHazard, submitRectification } from './hazard.service.ts';
import { evaluateStockTargets } from './stock.targets.ts';
import { closedStatsFromRollup, closedStatsLive, type ClosedRow } from './analysis.repository.ts';
import { queryRows } from '../../platform/db/client.ts';
import { sql } from 'drizzle-orm';
import { hazardsSettings } from './hazards.settings.ts';

const targets = hazardsSettings.stockTargets.default;

describe('stock targets of 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8条 (2023 stock cleared by 2024-12-31, increment curbed in 2025, dynamic zero by 2026-12-31)', () => {
  const figures = {
    stock: 4,
    stockOpen: 0,
    stockClosedByDue: 4,
    foundInYear: 5,
    foundInPreviousYear: 5,
    overdue: 0,
  };
  const status = (f: Partial<typeof figures>, today: string) =>
    evaluateStockTargets(targets, { ...figures, ...f }, today).map((t) => t.status);

  it('stock: done once every pre-2024 hazard is closed, in progress until 2024-12-31, missed after', () => {
    expect(status({}, '2025-01-01')[0]).toBe('已完成');
    expect(status({ stockOpen: 1, stockClosedByDue: 3 }, '2024-12-31')[0]).toBe('进行中');
    expect(status({ stockOpen: 1, stockClosedByDue: 3 }, '2025-01-01')[0]).toBe('未完成');
  });

  it('increment: judged after 2025-12-31, met when 2025 found fewer than 2024 or none at all', () => {
    expect(status({ foundInYear: 4 }, '2025-12-31')[1]).toBe('进行中');
    expect(status({ foundInYear: 4 }, '2026-01-01')[1]).toBe('已完成');
    expect(status({ foundInYear: 5 }, '2026-01-01')[1]).toBe('未完成');
    expect(status({ foundInYear: 0, foundInPreviousYear: 0 }, '2026-01-01')[1]).toBe('已完成');
  });

  it('dynamic zero: no overdue open hazard and no stock left; missed if not so after 2026-12-31', () => {
    expect(status({}, '2026-06-01')[2]).toBe('已完成');
    expect(status({ overdue: 1 }, '2026-12-31')[2]).toBe('进行中');
    expect(status({ overdue: 1 }, '2027-01-01')[2]).toBe('未完成');
    expect(status({ stockOpen: 1 }, '2027-01-01')[2]).toBe('未完成');
  });
});

describe.each(engines)('hazard dynamic analysis (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  const admin = { ...systemPrincipal('test:analysis'), role: 'regulator_admin' as const };
  const enterprise = { ...admin, role: 'enterprise_admin' as const };
  const at = (iso: string) => {
    t.deps.clock.now = new Date(`${iso}T02:00:00Z`);
  };
  const report = (foundOn: string, source: '企业自查' | '监管执法检查' = '监管执法检查') =>
    reportHazard(t.deps, admin, {
      mineId: world.a.mines[0]?.id ?? '',
      criterionId: world.a.criterionId,
      description: `发现于 ${foundOn}`,
      location: '+450 中段',
      source,
      foundBy: '检查组',
      foundOn,
    });
  const plan = (id: string, deadline: string) =>
    planHazard(t.deps, enterprise, id, {
      responsiblePerson: '矿长',
      measures: '整改',
      fundsYuan: 1000,
      deadline,
      contingencyPlan: '预案',
    });
  const close = async (id: string) => {
    await submitRectification(t.deps, enterprise, id, { rectificationNote: '已整改' });
    await acceptHazard(t.deps, admin, id, { note: '验收通过' });
  };
  const analysis = async (who: string, query = '') =>
    (
      await app.inject({
        method: 'GET',
        url: `/api/hazards/analysis${query}`,
        headers: { cookie: await login(app, who) },
      })
    ).json<HazardAnalysis>();

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    // At 甲煤矿 (county A), besides the world's hazard found 2026-11-01:
    at('2024-03-01');
    const h1 = await report('2023-05-10', '企业自查'); // stock, closed 2024-09-01 (in time)
    const h2 = await report('2023-08-01'); // stock, still open
    await plan(h1.id, '2024-06-30');
    at('2024-04-02');
    const h3 = await report('2024-04-01'); // closed 2024-06-01
    await plan(h3.id, '2024-05-01');
    at('2024-06-01');
    await close(h3.id);
    at('2024-07-02');
    await report('2024-07-01'); // open, no plan; a repeat of h3's criterion too
    at('2024-09-01');
    await close(h1.id);
    at('2025-03-04');
    const h4 = await report('2025-03-03'); // same criterion within 12 months of a 销号: 屡改屡犯
    await plan(h4.id, '2025-04-01'); // overdue since
    expect(h4.repeatOf).toBe(h1.id); // the latest 销号 of the same criterion (2024-09-01)
    expect(h2.state).toBe('已上报');
    at('2026-11-22');
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('counts open, overdue and closed for the county and breaks them down by every dimension', async () => {
    const a = await analysis(world.a.users.regulator_admin);
    expect(a.asOf).toBe('2026-11-22');
    // Enterprise a: 5 reported here + 1 in the world; enterprise a2 (same county): 1.
    expect(a.totals).toMatchObject({ total: 7, open: 5, overdue: 1, closed: 2 });
    expect(a.byCategory).toEqual([
      expect.objectContaining({ key: '煤矿(1)', part: '煤矿', total: 7, open: 5, closed: 2 }),
    ]);
    expect(a.byCategory[0]?.label).toContain('超定员');
    expect(a.byMineKind).toEqual([
      expect.objectContaining({ key: world.a.mines[0]?.kind, total: 7 }),
    ]);
    expect(a.bySource.map((s) => [s.key, s.total, s.closed])).toEqual([
      ['监管执法检查', 6, 1],
      ['企业自查', 1, 1],
    ]);
    // Open hazards by age: the two found 2026-11-01 (21 days), three found more than a year ago.
    expect(a.byAge.map((b) => [b.label, b.open])).toEqual([
      ['0–30 天', 2],
      ['366 天以上', 3],
    ]);
  });

  it('draws the monthly trend over the months asked for, the current month last', async () => {
    const a = await analysis(world.a.users.regulator_admin, '?months=3');
    expect(a.monthly).toEqual([
      { month: '2026-09', found: 0, closed: 0 },
      { month: '2026-10', found: 0, closed: 0 },
      { month: '2026-11', found: 2, closed: 0 },
    ]);
    const long = await analysis(world.a.users.regulator_admin, '?months=36');
    expect(long.monthly).toHaveLength(36);
    expect(long.monthly.find((m) => m.month === '2024-06')).toEqual({
      month: '2024-06',
      found: 0,
      closed: 1,
    });
    expect(long.monthly.find((m) => m.month === '2024-04')?.found).toBe(1);
  });

  it('lists the slowest rectifications oldest first and the repeat offender', async () => {
    const a = await analysis(world.a.users.regulator_admin);
    expect(a.slowest.map((h) => [h.foundOn, h.daysOpen, h.daysOverdue])).toEqual([
      ['2023-08-01', 1209, 0],
      ['2024-07-01', 874, 0],
      ['2025-03-03', 629, 600], // deadline 2025-04-01
      ['2026-11-01', 21, 0],
      ['2026-11-01', 21, 0],
    ]);
    expect(a.repeatOffenders).toEqual([
      {
        mineId: world.a.mines[0]?.id,
        mineName: world.a.mines[0]?.name,
        countyName: '原平市',
        repeats: 2, // 2024-07-01 (after 2024-06-01's 销号) and 2025-03-03
        hazards: 6,
        open: 4,
      },
    ]);
  });

  it('judges the stock targets of 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8条 from the live counts', async () => {
    const a = await analysis(world.a.users.regulator_admin);
    expect(a.stockTargets.map((s) => [s.key, s.status, s.figures])).toEqual([
      ['stock', '未完成', { stock: 2, open: 1, closedByDue: 1 }],
      ['increment', '已完成', { year: 1, previousYear: 2 }],
      ['dynamicZero', '进行中', { overdue: 1, stockOpen: 1 }],
    ]);
  });

  // 原平第8条's targets are 原平's own, not national ones (安委〔2024〕1号 does not set them).
  it('shows the stock targets of 原平第8条 for 原平 only: not for 乡宁, nor for the whole country', async () => {
    expect((await analysis(world.a.users.regulator_admin)).stockTargets).toHaveLength(3);
    expect((await analysis(world.b.users.regulator_admin)).stockTargets).toEqual([]);
    expect((await analysis(world.systemAdmin)).stockTargets).toEqual([]);
    expect((await analysis(world.systemAdmin, '?region=140981')).stockTargets).toHaveLength(3);
    expect((await analysis(world.systemAdmin, '?region=140000')).stockTargets).toEqual([]);
  });

  it('shows each caller only its jurisdiction: county B, enterprise a2, and a region outside the scope', async () => {
    expect((await analysis(world.b.users.regulator_admin)).totals.total).toBe(1);
    const a2 = await analysis(world.a2.users.enterprise_admin);
    expect(a2.totals.total).toBe(1);
    expect(a2.repeatOffenders).toEqual([]);
    const outside = await analysis(world.b.users.regulator_admin, '?region=140981');
    expect(outside.totals.total).toBe(0);
    expect(outside.slowest).toEqual([]);
  });

  it('exports the analysis as an xlsx workbook, one sheet per breakdown', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/hazards/analysis/export?region=140981',
      headers: { cookie: await login(app, world.a.users.regulator_viewer) },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      '总体',
      '按条款大类',
      '按矿山类型',
      '按来源',
      '未销号隐患时长',
      '月度趋势',
      '整改进展缓慢',
      '屡改屡犯',
      '存量增量目标',
    ]);
    expect(wb.getWorksheet('总体')?.getRow(2).values).toEqual([undefined, '合计', 7, 5, 1, 2]);
    expect(wb.getWorksheet('存量增量目标')?.getRow(2).getCell(3).value).toBe('未完成');
  });

  it('the trigger-kept closed history equals a live count, after a mine moves county and after a rebuild', async () => {
    const sorted = (rows: ClosedRow[]) =>
      rows.map((r) => `${r.dim}|${r.key}|${r.part}|${r.closed}`).sort();
    const compare = async (county: string) =>
      expect(sorted(await closedStatsFromRollup(t.deps.db, county))).toEqual(
        sorted(await closedStatsLive(t.deps.db, { mineScope: undefined, regionPrefix: county })),
      );
    const all = async () =>
      JSON.stringify(
        await queryRows(t.deps.db, sql`SELECT * FROM hazard_closed_stats ORDER BY 1, 2, 3, 4`),
      );
    await compare('140981');
    expect(sorted(await closedStatsFromRollup(t.deps.db, '140981'))).toContain('kind|煤矿井工||2');
    const mineId = world.a.mines[0]?.id ?? '';
    await t.deps.db.execute(sql`UPDATE mines SET county_code = '141029' WHERE id = ${mineId}`);
    await compare('140981');
    await compare('141029');
    expect(await closedStatsFromRollup(t.deps.db, '140981')).toEqual([]);
    const kept = await all();
    await t.deps.db.execute(sql`SELECT hazard_closed_stats_rebuild()`);
    expect(await all()).toBe(kept);
    await t.deps.db.execute(sql`UPDATE mines SET county_code = '140981' WHERE id = ${mineId}`);
    await compare('140981');
  });

  it('refuses a malformed query by field', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/hazards/analysis?months=0&x=1',
      headers: { cookie: await login(app, world.a.users.regulator_admin) },
    });
    expect(res.statusCode).toBe(400);
  });
});
