/**
 * The 攻坚清单's indicators evaluated on hand-built registries, on both engines (issue 8 §2), each
 * subject in its own county:
 * - 代县 140923: standardization and scale shares of producing non-coal mines
 *   (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标), counted with each mine's status on the date from
 *   its history (a mine suspended in June counts in May, not in July), the scale share and the small-mine
 *   count over mines only (no tailings pond); monitoring coverage of the mines that must be monitored
 *   (same plan, 一、工作目标 and 第15条: underground, tailings ponds, pits and dumps of 150 m and more — 150
 *   counts, 149.9 does not) with every quantity their kind must monitor reporting in the 24 hours of the
 *   date (140927 holds a wet and a dry pond); small mines against a baseline year.
 * - 繁峙 140924: underground staff against the baseline (same plan, 一、工作目标: 井下人员减少 10%), from the
 *   井下人数 series where the mine reports one and from its approved staffing otherwise.
 * - 宁武 140925: tailings ponds idle for more than 3 years that are closed (same plan, 第14条: exactly 3
 *   years is not yet due) — 公告销号 through the 闭库 workflow (modules/pits-ponds; 拉萨 二(六)3), not a
 *   registry 关闭 alone.
 * - 静乐 140926: qualification compliance (same plan, 第1、2条: 五职矿长 with 大专 and 10 years — 9 is short;
 *   certificates valid on the date — one expiring that day still is), and the drill-down to the mines
 *   that hold each figure back.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnterprise, buildMine, buildPerson } from '../../../../test/helpers/factories.ts';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import type { IndicatorResponse } from '../../../shared/action-plans.schemas.ts';
import type { Quantity } from '../../../shared/monitoring.quantities.ts';
import type { IndicatorKey } from '../../../shared/targets.settings.ts';
import { systemPrincipal } from '../access/principal.ts';
import { createFacility, createSensor } from '../monitoring/sensor.service.ts';
import { ensurePartitions } from '../monitoring/readings.repository.ts';
import { fileClosureStep, openClosure } from '../pits-ponds/closure.service.ts';
import { changeMineStatus } from '../registry/mine.service.ts';
import { mineInRegion } from '../registry/registry.scope.ts';
import { evaluateIndicator, evaluateIndicators, holdingBack } from './indicator.service.ts';
import { targetApplies } from './targets.service.ts';

const admin = systemPrincipal('test');
const county = '140923';
const DATE = '2026-10-01';

describe.each(engines)('indicators from live data (%s)', (engine) => {
  let t: TestDatabase;
  const ids: Record<string, string> = {};
  /** Every indicator of 代县 on a date, against 2025. */
  const at = async (date: string) => {
    const values = await evaluateIndicators(t.database.db, {
      scope: mineInRegion(county),
      date,
      baselineYear: 2025,
    });
    return Object.fromEntries(values.map((v) => [v.key, v])) as Record<string, IndicatorResponse>;
  };
  const s = (c: string) => ({ scope: mineInRegion(c), date: DATE, baselineYear: 2023 });
  const value = (key: IndicatorKey, c: string) => evaluateIndicator(t.database.db, key, s(c));
  const back = async (key: IndicatorKey, c: string) =>
    (await holdingBack(t.database.db, key, s(c))).map((m) => m.mineId);

  /** 代县: the status, scale, standardization and monitoring registry. */
  async function seedStatusCounty() {
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
    ids.pit = (
      await mine({
        kind: '金属非金属露天矿山',
        scale: '小型',
        standardizationLevel: '三级',
        slopeHeightM: 150,
      })
    ).id;
    ids.pond = (await mine({ kind: '尾矿库', scale: '小型', standardizationLevel: '未达标' })).id;
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
    ids.dump = m6.id;
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
    // Data on 2026-07-01 (Beijing time). The underground mine reports CO and 风速 (all it must); the dump
    // only CO (not its 表面位移); the pond 坝体位移 and 浸润线 but not 降水量; the 150 m pit a 雷达形变 a day old.
    const pond = ids.pond ?? '';
    const pit = ids.pit ?? '';
    for (const [mineId, quantity, ts] of [
      [m1.id, 'CO', '2026-07-01T03:00:00Z'],
      [m1.id, '风速', '2026-07-01T03:00:00Z'],
      [m6.id, 'CO', '2026-06-30T17:30:00Z'],
      [pond, '表面位移累计', '2026-07-01T03:00:00Z'],
      [pond, '浸润线埋深', '2026-07-01T03:00:00Z'],
      [pit, '雷达形变', '2026-06-30T03:00:00Z'],
    ] as const) {
      await report(mineId, quantity, ts);
    }
  }

  /** A point of `quantity` at a mine with one reading at `ts`. */
  async function report(mineId: string, quantity: Quantity, ts: string) {
    const code = `${mineId.slice(0, 6)}-${quantity}`;
    const f = await createFacility(t.deps, admin, {
      mineId,
      code: `F-${code}`,
      name: '监测',
      kind: '矿山',
    });
    const sensor = await createSensor(t.deps, admin, {
      facilityId: f.id,
      code: `S-${code}`,
      name: quantity,
      quantity,
    });
    await ensurePartitions(t.database.db, [Date.parse(ts)], new Set());
    await t.database.db.execute(
      sql`INSERT INTO readings (sensor_no, ts, value) SELECT no, ${ts}::timestamptz, 1 FROM monitoring_sensors WHERE id = ${sensor.id}`,
    );
  }

  /** 繁峙, 宁武 and 静乐: staff, tailings ponds and qualifications. */
  async function seedPeopleCounties() {
    const mine = async (name: string, c: string, o: Parameters<typeof buildMine>[1]) => {
      const ent = await buildEnterprise(t.deps, { regionCode: c });
      const m = await buildMine(t.deps, {
        name,
        enterpriseId: ent.id,
        countyCode: c,
        statusSince: '2023-01-01',
        ...o,
      });
      ids[name] = m.id;
      return m;
    };
    // 繁峙 140924: staff.
    await mine('U1', '140924', { kind: '金属非金属地下矿山', approvedUndergroundStaff: 100 });
    await mine('U2', '140924', { kind: '煤矿井工', approvedUndergroundStaff: 50 });
    await mine('U3', '140924', { kind: '金属非金属地下矿山', approvedUndergroundStaff: 30 });
    await changeMineStatus(t.deps, admin, ids.U3 ?? '', {
      status: '关闭',
      effectiveDate: '2025-05-01',
      reason: '整合关闭',
    });
    // U1's 人员定位 says at most 80 underground on 2026-09-20 (Beijing day), inside the 30 days.
    await t.database.db.execute(
      sql`INSERT INTO mine_series (mine_id, factor, area, granularity, period_start, value, source, updated_at)
          VALUES (${ids.U1}, '井下人数', '', 'day', '2026-09-19T16:00:00Z', 80, 'seed', now()),
                 (${ids.U1}, '井下人数', '', 'day', '2026-08-01T16:00:00Z', 140, 'seed', now())`,
    );
    // 宁武 140925: tailings ponds.
    const pond = (name: string, last: string) =>
      mine(name, '140925', {
        kind: '尾矿库',
        scale: '小型',
        depthM: undefined,
        designCapacityTpa: undefined,
        approvedUndergroundStaff: undefined,
        tailingsVolume10kM3: 50,
        tailingsDamHeightM: 30,
        tailingsStacking: '湿排',
        tailingsOverhead: false,
        tailingsLastDischarge: last,
      });
    await pond('P1', '2023-09-30');
    await pond('P2', '2023-10-01');
    await pond('P3', '2022-01-01');
    await pond('P4', '2021-05-01');
    // P1 closes through the 闭库 workflow to 公告销号 on 2026-03-01, P3 has its design done; P4 is only
    // marked 关闭 in the registry.
    const closure = await openClosure(t.deps, admin, {
      mineId: ids.P1 ?? '',
      reason: '停用超过3年',
      openedOn: '2025-06-01',
      note: '',
    });
    for (const [step, on] of [
      ['闭库设计', '2025-08-01'],
      ['闭库施工', '2025-12-01'],
      ['闭库验收', '2026-02-01'],
      ['公告销号', '2026-03-01'],
    ] as const) {
      await fileClosureStep(t.deps, admin, closure.id, { step, on, document: step, note: '' });
    }
    const p3 = await openClosure(t.deps, admin, {
      mineId: ids.P3 ?? '',
      reason: '停用超过3年',
      openedOn: '2026-04-01',
      note: '',
    });
    await fileClosureStep(t.deps, admin, p3.id, {
      step: '闭库设计',
      on: '2026-06-01',
      document: '闭库设计',
      note: '',
    });
    await changeMineStatus(t.deps, admin, ids.P4 ?? '', {
      status: '关闭',
      effectiveDate: '2026-03-01',
      reason: '闭库',
    });
    // 静乐 140926: qualifications.
    const posts = ['矿长', '总工程师', '安全副矿长', '生产副矿长', '机电副矿长'] as const;
    for (const name of ['Q1', 'Q2']) {
      await mine(name, '140926', { kind: '金属非金属地下矿山' });
      await buildPerson(t.deps, { mineId: ids[name], roles: ['主要负责人'] });
      for (const post of posts) {
        await buildPerson(t.deps, {
          mineId: ids[name],
          roles: [post],
          education: '大专',
          miningYears: name === 'Q2' && post === '总工程师' ? 9 : 10,
        });
      }
    }
    for (const [name, expires] of [
      ['Q3', '2026-09-30'],
      ['Q4', '2026-10-01'],
    ] as const) {
      await mine(name, '140926', {
        kind: '金属非金属露天矿山',
        depthM: undefined,
        approvedUndergroundStaff: undefined,
        slopeHeightM: 80,
      });
      await buildPerson(t.deps, {
        mineId: ids[name],
        roles: ['主要负责人'],
        certificates: [
          { kind: '安全生产知识和管理能力考核合格证', number: `C-${name}`, expiresOn: expires },
        ],
      });
    }
  }

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await seedStatusCounty();
    await seedPeopleCounties();
    // The registry has held these mines since 2023 (the baseline year of the small-mine count).
    await t.database.db.execute(sql`UPDATE mines SET created_at = '2023-06-01T00:00:00Z'`);
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
  });

  // 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标 (大中型非煤矿山占比达到 20%以上) counts mines: a 尾矿库 is
  // graded by 等别, not by mine scale, and is in neither the share's denominator nor the small-mine count (第11条).
  it('大中型非煤矿山占比 counts the producing metal and non-metal mines, not the tailings pond', async () => {
    const july = await at('2026-07-01');
    // The medium underground mine of the three producing mines (two small pits); the small pond is left out.
    expect(july.largeMediumShare).toMatchObject({ numerator: 1, denominator: 3, value: 33.3 });
    expect(await holdingBack(t.database.db, 'largeMediumShare', s(county))).not.toContainEqual(
      expect.objectContaining({ mineId: ids.pond }),
    );
  });

  // 西藏第15条 (2025 年底前实现矿山主要安全风险监测预警全覆盖): a mine is covered when what its kind must monitor is reporting
  // (GB 39496-2020 5.5.2 for ponds, 矿安〔2023〕119号 for slopes and dumps, CO and 风速 underground), not on any reading.
  it('monitoring coverage: every quantity the mine’s kind must monitor reported within the date’s 24 h; a 150 m pit or dump must be monitored, 149.9 m not', async () => {
    const july = await at('2026-07-01');
    // Must: underground metal (producing), pond, 150 m pit, 150 m dump, coal underground = 5 (the
    // suspended underground mine and the 149.9 m pit are not counted). Covered: only the underground
    // metal mine (CO and 风速). The dump's CO reading is not its 表面位移; the pond lacks 降水量; the pit's
    // 雷达形变 is a day old (17:30Z on 06-30 would be 07-01 in Beijing; 03:00Z is not).
    expect(july.monitoringCoverage).toMatchObject({ numerator: 1, denominator: 5, value: 20 });
    const held = await holdingBack(t.database.db, 'monitoringCoverage', {
      scope: mineInRegion(county),
      date: '2026-07-01',
      baselineYear: 2025,
    });
    const notes = new Map(held.map((m) => [m.mineId, m.note]));
    expect(notes.get(ids.pond ?? '')).toBe('尾矿库 无数据: 降水量');
    expect(notes.get(ids.pit ?? '')).toBe('金属非金属露天矿山 无数据: 表面位移');
    expect(notes.get(ids.dump ?? '')).toBe('排土场 无数据: 表面位移');
    expect(held).toHaveLength(4);
    expect((await at('2026-07-03')).monitoringCoverage?.numerator).toBe(0);
  });

  it('monitoring coverage: a wet pond also needs 干滩长度 and 库水位, a dry one not (GB 39496-2020 5.5.2)', async () => {
    const ent = await buildEnterprise(t.deps, { regionCode: '140927' });
    const pondOf = async (stacking: '湿排' | '干排') => {
      const p = await buildMine(t.deps, {
        enterpriseId: ent.id,
        countyCode: '140927',
        kind: '尾矿库',
        scale: '小型',
        depthM: undefined,
        designCapacityTpa: undefined,
        approvedUndergroundStaff: undefined,
        tailingsVolume10kM3: 50,
        tailingsDamHeightM: 30,
        tailingsStacking: stacking,
        tailingsOverhead: false,
      });
      for (const q of ['内部位移', '浸润线埋深', '降雨量'] as const) {
        await report(p.id, q, '2026-07-01T03:00:00Z');
      }
      return p.id;
    };
    const wet = await pondOf('湿排');
    const dry = await pondOf('干排');
    const held = await holdingBack(t.database.db, 'monitoringCoverage', {
      scope: mineInRegion('140927'),
      date: '2026-07-01',
      baselineYear: 2025,
    });
    expect(held.map((m) => [m.mineId, m.note])).toEqual([[wet, '尾矿库 无数据: 干滩长度、库水位']]);
    expect(held.some((m) => m.mineId === dry)).toBe(false);
  });

  it('small mines against the baseline year, and targets that apply to a region', async () => {
    // Small non-coal mines (the two small pits; neither the pond nor the dump is a mine by the plans'
    // count, 西藏第11条): 2 at the end of the 2023 baseline; one pit closed on 2026-08-01 → 1 in September, −50 %.
    const values = await evaluateIndicators(t.database.db, {
      scope: mineInRegion(county),
      date: '2026-09-01',
      baselineYear: 2023,
    });
    expect(values.find((v) => v.key === 'smallMinesChange')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: -50,
    });
    // Against 2025 (helper `at`), on 2026-07-01 before the closure: no change yet.
    expect((await at('2026-07-01')).smallMinesChange).toMatchObject({
      numerator: 2,
      denominator: 2,
      value: 0,
    });
    expect(targetApplies('540000', '540102')).toBe(true);
    expect(targetApplies('540100', '540000')).toBe(false);
    expect(targetApplies('000000', undefined)).toBe(true);
  });

  it('underground staff against 2023: the series where there is one, the approved staffing otherwise (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标)', async () => {
    // Now: U1 80 (series; 140 on 08-02 is outside the 30 days), U2 50, U3 closed 0 → 130.
    // Baseline 2023-12-31: U1 100, U2 50, U3 30 (all approved staffing) → 180. (130 − 180) / 180.
    expect(await value('undergroundStaffChange', '140924')).toMatchObject({
      numerator: 130,
      denominator: 180,
      value: -27.8,
      direction: 'atMost',
    });
    // Only U2 did not go down.
    expect(await back('undergroundStaffChange', '140924')).toEqual([ids.U2]);
  });

  it('tailings ponds idle for more than 3 years must be closed — 公告销号 through the 闭库 workflow, not a registry 关闭; exactly 3 years is not due yet (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第14条; 拉萨 二(六)3)', async () => {
    // P1 销号 2026-03-01, P3 still closing, P4 marked 关闭 only; P2 is exactly 3 years idle: not counted.
    expect(await value('tailingsClosure', '140925')).toMatchObject({
      numerator: 1,
      denominator: 3,
      value: 33.3,
    });
    expect(await back('tailingsClosure', '140925')).toEqual([ids.P3, ids.P4]);
    // The drill-down says how far each is: P3 is closing (its design done), P4 never opened one.
    const notes = new Map(
      (await holdingBack(t.database.db, 'tailingsClosure', s('140925'))).map((r) => [
        r.mineId,
        r.note,
      ]),
    );
    expect(notes.get(ids.P3 ?? '')).toBe('最后排放 2022-01-01; 闭库中, 已完成: 闭库设计');
    expect(notes.get(ids.P4 ?? '')).toBe('最后排放 2021-05-01; 未启动闭库');
  });

  it('qualification compliance: five posts with 大专 and 10 years, certificates valid on the date (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第1、2条)', async () => {
    // Q1 complete; Q2's 总工程师 has 9 years; Q3's certificate expired the day before; Q4's expires on the date.
    expect(await value('qualificationCompliance', '140926')).toMatchObject({
      numerator: 2,
      denominator: 4,
      value: 50,
    });
    const held = await holdingBack(t.database.db, 'qualificationCompliance', s('140926'));
    expect(held.map((m) => [m.mineName, m.note]).sort()).toEqual([
      ['Q2', '五职不合格或缺: 总工程师'],
      ['Q3', '证书过期 1 本'],
    ]);
  });

  it('a share drill-down lists exactly the mines outside the numerator', async () => {
    // In 140926 every mine is producing non-coal and none is 二级+ except the defaults (二级): Q1–Q4 are all 二级.
    expect(await value('standardization2Plus', '140926')).toMatchObject({
      numerator: 4,
      denominator: 4,
    });
    expect(await back('standardization2Plus', '140926')).toEqual([]);
    await t.database.db.execute(
      sql`UPDATE mines SET standardization_level = '三级' WHERE id = ${ids.Q4}`,
    );
    expect(await back('standardization2Plus', '140926')).toEqual([ids.Q4]);
  });
});
