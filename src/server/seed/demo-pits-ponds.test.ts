/**
 * The demo province's register of open pits, dumps and tailings ponds (issue 25 §2), on both engines:
 * 原平's dumps with an analysis in date and overdue ones; the province's ponds with records, a 闭库 late
 * at 闭库施工 and one announced 销号.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../test/helpers/test-database.ts';
import { listClosures } from '../modules/pits-ponds/closure.service.ts';
import { listFindings, listRecords } from '../modules/pits-ponds/pit-pond.service.ts';
import { principal } from './demo-enforcement.ts';

describe.each(engines)('demo pits and ponds (%s)', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine, 'demo');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('原平’s dumps above 100 m: one analysed in date, the others overdue (西藏第14条: 逐年)', async () => {
    const yp = await principal(t.deps, 'yp.admin');
    const records = await listRecords(t.deps, yp, {});
    expect(records.map((r) => r.kind)).toEqual(['边坡稳定性分析', '边坡稳定性分析']);
    const findings = await listFindings(t.deps, yp, {});
    expect(findings.filter((f) => f.item === '边坡稳定性分析 (排土场边坡)').length).toBeGreaterThan(
      0,
    );
    expect(findings.some((f) => f.mineId === records[0]?.mineId)).toBe(false);
    expect(findings.some((f) => f.mineId === records[1]?.mineId)).toBe(true);
  });

  it('the province’s ponds: checks filed, one 闭库 late at 闭库施工, one announced 销号', async () => {
    const sx = await principal(t.deps, 'sx.admin');
    const kinds = (await listRecords(t.deps, sx, {})).map((r) => r.kind);
    expect(kinds).toContain('排洪构筑物质量检测');
    const closures = await listClosures(t.deps, sx, {});
    expect(closures.map((c) => c.nextStep).sort()).toEqual(['闭库施工', null].sort());
    const findings = await listFindings(t.deps, sx, {});
    expect(findings.some((f) => f.reason === '闭库步骤逾期' && f.item === '闭库: 闭库施工')).toBe(
      true,
    );
    expect(findings.some((f) => f.item === '排洪构筑物质量检测')).toBe(true);
  });
});
