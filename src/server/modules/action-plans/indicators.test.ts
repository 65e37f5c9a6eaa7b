/**
 * The plans' indicators on a hand-built registry, on both engines (issue 8 §2): standardization and
 * scale shares of producing non-coal mines (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标), counted with each
 * mine's status on the date from its history (a mine suspended in June counts in May, not in July);
 * monitoring coverage of the mines that must be monitored (same plan, 一、工作目标 and 第15条: underground,
 * tailings ponds, pits and dumps of 150 m and more — 150 counts, 149.9 does not) with data in the
 * 24 hours of the date; small mines against a baseline year; the pre-2024 hazard stock.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnterprise, buildMine } from '../../../../test/helpers/factories.ts';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { systemPrincipal } from '../access/principal.ts';
import { changeMineStatus } from '../registry/mine.service.ts';
import { createFacility, createSensor } from '../monitoring/sensor.service.ts';
import { ensurePartitions } from '../monitoring/readings.repository.ts';
import { mineInRegion } from '../registry/registry.scope.ts';
import { evaluateIndicators, type IndicatorValue } from './indicators.ts';
import { targetApplies } from './targets.service.ts';

const admin = systemPrincipal('test');
const county = '140923';

describe.each(engines)('plans: indicators from live data (%s)', (engine) => {
  let t: TestDatabase;
  const at = async (date: string) => {
    const values = await evaluateIndicators(t.database.db, {
      scope: mineInRegion(county) ?? sql`TRUE`,
      date,
      baselineYear: 2025,
    });
    return Object.fromEntries(values.map((v) => [v.key, v])) as Record<string, IndicatorValue>;
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const ent = await buildEnterprise(t.deps, { regionCode: county });
    const mine = (o: Parameters<typeof buildMine>[1]) =>
      buildMine(t.deps, {
        enterpriseId: ent.id,
        countyCode: county,
        statusSince: '2023-01-01',
        ...o,
      });
    const m1 = await mine({
      kind: '金属非金属地下矿山',
      scale: '中型',
      standardizationLevel: '二级',
    });
    await mine({
      kind: '金属非金属露天矿山',
      scale: '小型',
      standardizationLevel: '三级',
      slopeHeightM: 150,
    });
    await mine({ kind: '尾矿库', scale: '小型', standardizationLevel: '未达标' });
    const m4 = await mine({
      kind: '金属非金属地下矿山',
      scale: '大型',
      standardizationLevel: '一级',
    });
    const m5 = await mine({
      kind: '金属非金属露天矿山',
      scale: '小型',
      standardizationLevel: '三级',
      slopeHeightM: 149.9,
    });
    const m6 = await mine({
      kind: '排土场',
      scale: '小型',
      standardizationLevel: '三级',
      dumpHeightM: 150,
    });
    await mine({ kind: '煤矿井工', scale: '中型', standardizationLevel: '二级' });
    await changeMineStatus(t.deps, admin, m4.id, {
      status: '停产整顿',
      effectiveDate: '2026-06-01',
      reason: '重大事故隐患',
    });
    await changeMineStatus(t.deps, admin, m5.id, {
      status: '关闭',
      effectiveDate: '2026-08-01',
      reason: '整合关闭',
    });
    // The registry has held these mines since 2023 (the baseline year of the small-mine count).
    await t.database.db.execute(sql`UPDATE mines SET created_at = '2023-06-01T00:00:00Z'`);
    // Data on 2026-07-01 (Beijing time) from the underground mine and the dump; the pit's is a day old.
    for (const [m, ts] of [
      [m1, '2026-07-01T03:00:00Z'],
      [m6, '2026-06-30T17:30:00Z'],
    ] as const) {
      const f = await createFacility(t.deps, admin, {
        mineId: m.id,
        code: `F-${m.id.slice(0, 6)}`,
        name: '监测',
        kind: '矿山',
      });
      const s = await createSensor(t.deps, admin, {
        facilityId: f.id,
        code: `S-${m.id.slice(0, 6)}`,
        name: '一氧化碳',
        quantity: 'CO',
      });
      await ensurePartitions(t.database.db, [Date.parse(ts)], new Set());
      await t.database.db.execute(
        sql`INSERT INTO readings (sensor_no, ts, value) SELECT no, ${ts}::timestamptz, 1 FROM monitoring_sensors WHERE id = ${s.id}`,
      );
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts a mine suspended in June among the producing in May but not in July (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标)', async () => {
    const may = await at('2026-05-01');
    // Producing non-coal: the two underground mines, both pits and the pond (the dump is not counted).
    expect(may.standardization2Plus).toMatchObject({ numerator: 2, denominator: 5, value: 40 });
    const july = await at('2026-07-01');
    expect(july.standardization2Plus).toMatchObject({ numerator: 1, denominator: 4, value: 25 });
    expect(july.standardization3Plus).toMatchObject({ numerator: 3, denominator: 4, value: 75 });
    expect(july.largeMediumShare).toMatchObject({ numerator: 1, denominator: 4, value: 25 });
  });

  it('monitoring coverage: a 150 m pit or dump must be monitored, 149.9 m not; data within the date’s 24 h (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第15条)', async () => {
    const july = await at('2026-07-01');
    // Must: underground metal (producing), pond, 150 m pit, 150 m dump, coal underground = 5
    // (the suspended underground mine and the 149.9 m pit are not counted). With data: the
    // underground metal mine and the dump (17:30Z on 06-30 is 01:30 on 07-01 in Beijing).
    expect(july.monitoringCoverage).toMatchObject({ numerator: 2, denominator: 5, value: 40 });
    expect((await at('2026-07-03')).monitoringCoverage?.numerator).toBe(0);
  });

  it('small mines against the baseline year, and targets that apply to a region', async () => {
    // Small non-coal mines (the two small pits and the pond; the dump is not 非煤 by the plans' count):
    // 3 at the end of the 2023 baseline; one pit closed on 2026-08-01 → 2 in September, −33.3 %.
    const values = await evaluateIndicators(t.database.db, {
      scope: mineInRegion(county) ?? sql`TRUE`,
      date: '2026-09-01',
      baselineYear: 2023,
    });
    expect(values.find((v) => v.key === 'smallMinesChange')).toMatchObject({
      numerator: 2,
      denominator: 3,
      value: -33.3,
    });
    // Against 2025 (helper `at`), on 2026-07-01 before the closure: no change yet.
    expect((await at('2026-07-01')).smallMinesChange).toMatchObject({
      numerator: 3,
      denominator: 3,
      value: 0,
    });
    expect(targetApplies('540000', '540102')).toBe(true);
    expect(targetApplies('540100', '540000')).toBe(false);
    expect(targetApplies('000000', undefined)).toBe(true);
  });
});
