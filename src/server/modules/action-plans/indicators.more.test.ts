/**
 * The indicators added for issue 8 §2 on hand-built registries, on both engines, each in its own county:
 * underground staff against the baseline (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标: 井下人员减少 10%), from the
 * 井下人数 series where the mine reports one and from its approved staffing otherwise; tailings ponds
 * idle for more than 3 years that are closed (same plan, 第14条: exactly 3 years is not yet due);
 * qualification compliance (same plan, 第1、2条: 五职矿长 with 大专 and 10 years — 9 is short; certificates
 * valid on the date — one expiring that day still is); and the drill-down to the mines that hold
 * each figure back.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnterprise, buildMine, buildPerson } from '../../../../test/helpers/factories.ts';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import type { IndicatorKey } from '../../../shared/targets.settings.ts';
import { systemPrincipal } from '../access/principal.ts';
import { changeMineStatus } from '../registry/mine.service.ts';
import { mineInRegion } from '../registry/registry.scope.ts';
import { evaluateIndicator, holdingBack, meets } from './indicators.ts';

const admin = systemPrincipal('test');
const DATE = '2026-10-01';

describe('plans: whether a value meets its goal', () => {
  it('a reduction target of −10 % is met at −10 and not at −9.9; a share of 80 % at 80 and not 79.9', () => {
    expect(meets('atMost', -10, -10)).toBe(true);
    expect(meets('atMost', -9.9, -10)).toBe(false);
    expect(meets('atLeast', 80, 80)).toBe(true);
    expect(meets('atLeast', 79.9, 80)).toBe(false);
    expect(meets('atLeast', null, 80)).toBeNull();
  });
});

describe.each(engines)('plans: staff, tailings and qualification indicators (%s)', (engine) => {
  let t: TestDatabase;
  const ids: Record<string, string> = {};
  const s = (county: string) => ({
    scope: mineInRegion(county) ?? sql`TRUE`,
    date: DATE,
    baselineYear: 2023,
  });
  const value = (key: IndicatorKey, county: string) =>
    evaluateIndicator(t.database.db, key, s(county));
  const back = async (key: IndicatorKey, county: string) =>
    (await holdingBack(t.database.db, key, s(county))).map((m) => m.mineId);

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const mine = async (name: string, county: string, o: Parameters<typeof buildMine>[1]) => {
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
    await changeMineStatus(t.deps, admin, ids.P1 ?? '', {
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
    await t.database.db.execute(sql`UPDATE mines SET created_at = '2023-06-01T00:00:00Z'`);
  });
  afterAll(async () => {
    await t.close();
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

  it('tailings ponds idle for more than 3 years must be closed; exactly 3 years is not due yet (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第14条)', async () => {
    expect(await value('tailingsClosure', '140925')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 50,
    });
    expect(await back('tailingsClosure', '140925')).toEqual([ids.P3]);
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
