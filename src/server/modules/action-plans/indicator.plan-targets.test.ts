/**
 * The plans' targets the board lacked (issue 25 §6), each counted from live data on hand-built
 * registries, one county per subject, with the boundary of each rule:
 * - 代县 140923: 吉林 地下矿山标准化一、二级占比 (国家矿山安全监察局 2024 年简报, 吉林省: 2026 年 ≥ 30%).
 * - 繁峙 140924: 原平第21条 (2025 年底前正常生产的中型及以上矿山、三等及以上尾矿库二级及以上): a 中型 mine counts,
 *   a 小型 not; a pond of 三等 counts, one just below the 三等 line (四等) not.
 * - 宁武 140925: 原平 一、工作目标 (遇难人数下降不低于 10%): deaths in the 12 months to the date against the
 *   baseline year, each end at the Beijing day's boundary.
 * - 静乐 140926: 拉萨 二(八)2–3 (机械化, 在线视频监控, 安全管理信息化 100%): a mine reached it on the date
 *   counts, the day after does not.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnterprise, buildMine } from '../../../../test/helpers/factories.ts';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { defaultTargets, type IndicatorKey } from '../../../shared/targets.settings.ts';
import { mineInRegion } from '../registry/registry.scope.ts';
import { evaluateIndicator, holdingBack } from './indicator.service.ts';
import { indicatorValue, meets } from './indicator.rules.ts';

const DATE = '2026-10-01';

describe('the plans’ new targets at their boundaries (pure)', () => {
  it('吉林 地下矿山一、二级 ≥ 30 %: 3 of 10 meets, 2 of 7 (28.6 %) does not', () => {
    const at = (n: number, d: number) =>
      meets('atLeast', indicatorValue('undergroundStandardization12', n, d).value, 30);
    expect(at(3, 10)).toBe(true);
    expect(at(2, 7)).toBe(false);
  });

  it('原平 遇难人数 −10 %: 9 against 10 meets, 10 against 11 (−9.1 %) does not; no deaths in the baseline, no figure', () => {
    const at = (n: number, d: number) =>
      meets('atMost', indicatorValue('deathsChange', n, d).value, -10);
    expect(at(9, 10)).toBe(true);
    expect(at(10, 11)).toBe(false);
    expect(indicatorValue('deathsChange', 2, 0).value).toBeNull();
  });

  it('拉萨 机械化、视频、信息化 100 %: 4 of 4 meets, 99 of 100 does not', () => {
    for (const key of [
      'mechanizationShare',
      'videoMonitoringShare',
      'informatizationShare',
    ] as const) {
      expect(meets('atLeast', indicatorValue(key, 4, 4).value, 100)).toBe(true);
      expect(meets('atLeast', indicatorValue(key, 99, 100).value, 100)).toBe(false);
    }
  });

  it('each default target cites its plan and clause', () => {
    const target = (indicator: IndicatorKey) =>
      defaultTargets
        .filter((t) => t.indicator === indicator)
        .map((t) => [t.region, t.year, t.goal]);
    expect(target('undergroundStandardization12')).toEqual([['220000', 2026, 30]]);
    expect(target('mediumPondsStandardization2Plus')).toEqual([['140981', 2025, 100]]);
    expect(target('deathsChange')).toEqual([['140981', 2026, -10]]);
    expect(target('mechanizationShare')).toEqual([['540100', 2025, 100]]);
    expect(target('videoMonitoringShare')).toEqual([['540100', 2025, 100]]);
    expect(target('informatizationShare')).toEqual([['540100', 2025, 100]]);
    const sources = defaultTargets
      .filter((t) => ['mechanizationShare', 'videoMonitoringShare'].includes(t.indicator))
      .map((t) => t.source);
    expect(sources.every((s) => /拉萨.*二\(八\)[23]/.test(s))).toBe(true);
  });
});

describe.each(engines)('the plans’ new targets from live data (%s)', (engine) => {
  let t: TestDatabase;
  const ids: Record<string, string> = {};
  const s = (c: string) => ({ scope: mineInRegion(c), date: DATE, baselineYear: 2023 });
  const value = (key: IndicatorKey, c: string) => evaluateIndicator(t.database.db, key, s(c));
  const back = async (key: IndicatorKey, c: string) =>
    (await holdingBack(t.database.db, key, s(c))).map((m) => m.mineId).sort();
  const mineIn = async (name: string, county: string, o: Parameters<typeof buildMine>[1]) => {
    const ent = await buildEnterprise(t.deps, { regionCode: county });
    const m = await buildMine(t.deps, {
      name,
      enterpriseId: ent.id,
      countyCode: county,
      statusSince: '2023-01-01',
      ...o,
    });
    ids[name] = m.id;
    return m;
  };
  const metal = { kind: '金属非金属地下矿山' } as const;
  const pond = (volume: number, height: number) =>
    ({
      kind: '尾矿库',
      scale: '小型',
      depthM: undefined,
      designCapacityTpa: undefined,
      approvedUndergroundStaff: undefined,
      tailingsVolume10kM3: volume,
      tailingsDamHeightM: height,
    }) as const;
  const accident = (mineId: string, at: string, deaths: number) =>
    t.database.db.execute(
      sql`INSERT INTO accidents (mine_id, occurred_at, kind, place, deaths, serious_injuries, direct_loss_yuan,
            grade, description, reported_by, reported_label, created_at, updated_at)
          VALUES (${mineId}, ${at}::timestamptz, '冒顶片帮', '井下', ${deaths}, 0, 0, '一般', '测试',
            gen_random_uuid(), '测试', now(), now())`,
    );

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    // 代县: producing metal underground mines 一级, 二级, 三级, 未达标 count; a suspended 一级 one, an
    // open pit and a coal mine do not.
    await mineIn('J1', '140923', { ...metal, standardizationLevel: '一级' });
    await mineIn('J2', '140923', { ...metal, standardizationLevel: '二级' });
    await mineIn('J3', '140923', { ...metal, standardizationLevel: '三级' });
    await mineIn('J4', '140923', { ...metal, standardizationLevel: '未达标' });
    await mineIn('J5', '140923', { ...metal, standardizationLevel: '一级', status: '停产整顿' });
    await mineIn('J6', '140923', {
      kind: '金属非金属露天矿山',
      standardizationLevel: '一级',
      depthM: undefined,
      approvedUndergroundStaff: undefined,
    });
    await mineIn('J7', '140923', { kind: '煤矿井工', standardizationLevel: '一级' });
    // 繁峙: 中型 二级 and 大型 三级 count, 小型 三级 not; a 三等 pond (全库容 1000 万m³, 坝高 60 m) counts,
    // a 四等 one (999.9, 59.9) not.
    await mineIn('Y1', '140924', { ...metal, scale: '中型', standardizationLevel: '二级' });
    await mineIn('Y2', '140924', { ...metal, scale: '大型', standardizationLevel: '三级' });
    await mineIn('Y3', '140924', { ...metal, scale: '小型', standardizationLevel: '三级' });
    await mineIn('Y4', '140924', { ...pond(1000, 60), standardizationLevel: '三级' });
    await mineIn('Y5', '140924', { ...pond(999.9, 59.9), standardizationLevel: '未达标' });
    // 宁武: 10 deaths in 2023 (the first Beijing minute of the year counts); 9 in the 12 months to
    // 2026-10-01 (from 2025-10-02 00:00 Beijing to 2026-10-01 24:00), those just outside not.
    const d1 = await mineIn('D1', '140925', metal);
    const d2 = await mineIn('D2', '140925', metal);
    await accident(d1.id, '2022-12-31T16:00:00Z', 10);
    await accident(d1.id, '2022-12-31T15:59:00Z', 2);
    await accident(d2.id, '2025-10-01T16:00:00Z', 5);
    await accident(d2.id, '2025-10-01T15:59:00Z', 3);
    await accident(d1.id, '2026-10-01T15:59:00Z', 4);
    await accident(d1.id, '2026-10-01T16:00:00Z', 1);
    // 静乐: a 中型 mine mechanized on the date counts; a 大型 one the day after does not; a 小型 one is no
    // part of the 机械化 figure but of video and 信息化.
    await mineIn('L1', '140926', {
      ...metal,
      scale: '中型',
      mechanizedOn: DATE,
      videoMonitoredOn: '2025-01-01',
      informatizedOn: DATE,
    });
    await mineIn('L2', '140926', { ...metal, scale: '大型', mechanizedOn: '2026-10-02' });
    await mineIn('L3', '140926', { ...metal, scale: '小型', videoMonitoredOn: '2026-09-30' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('吉林 地下矿山一、二级: of the producing metal underground mines (2 of 4)', async () => {
    expect(await value('undergroundStandardization12', '140923')).toMatchObject({
      numerator: 2,
      denominator: 4,
      value: 50,
    });
    expect(await back('undergroundStandardization12', '140923')).toEqual([ids.J3, ids.J4].sort());
  });

  it('原平第21条: 中型及以上 and 三等及以上尾矿库 at 二级+ (1 of 3)', async () => {
    expect(await value('mediumPondsStandardization2Plus', '140924')).toMatchObject({
      numerator: 1,
      denominator: 3,
      value: 33.3,
    });
    expect(await back('mediumPondsStandardization2Plus', '140924')).toEqual(
      [ids.Y2, ids.Y4].sort(),
    );
  });

  it('原平 遇难人数: 9 in the 12 months against 10 in 2023 is −10 %', async () => {
    expect(await value('deathsChange', '140925')).toMatchObject({
      numerator: 9,
      denominator: 10,
      value: -10,
    });
    // D2 had none in 2023 and 5 since: it holds the figure back; D1 went down.
    expect(await back('deathsChange', '140925')).toEqual([ids.D2]);
  });

  it('拉萨 二(八)2–3: reached on the date counts, the day after does not', async () => {
    expect(await value('mechanizationShare', '140926')).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
    expect(await back('mechanizationShare', '140926')).toEqual([ids.L2]);
    expect(await value('videoMonitoringShare', '140926')).toMatchObject({
      numerator: 2,
      denominator: 3,
    });
    expect(await value('informatizationShare', '140926')).toMatchObject({
      numerator: 1,
      denominator: 3,
    });
  });
});
