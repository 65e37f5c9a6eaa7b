/**
 * The demo province's 企业主体责任 (issue 25 §4), on both engines: 原平's leaders have months below
 * 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(二)1's minimums (主要负责人带班下井 < 5 among them) and months that
 * meet them, and one principal's 矿长安全生产记分 reaches the year's threshold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../test/helpers/test-database.ts';
import { listFindings, listMonths, listScoreTotals } from '../modules/duty/duty.service.ts';
import { principal } from './demo-enforcement.ts';

describe.each(engines)('demo duty (%s)', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine, 'demo');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('原平 has short months, a principal’s 带班下井 below 5 among them, and months that meet the minimum', async () => {
    const yp = await principal(t.deps, 'yp.admin');
    const findings = await listFindings(t.deps, yp, {});
    expect(findings.some((f) => f.role === '主要负责人' && f.days < 5)).toBe(true);
    expect(findings.some((f) => f.role === '安全工程师')).toBe(true);
    const last = await listMonths(t.deps, yp, {});
    expect(last.some((m) => m.role === '主要负责人' && !m.short && m.days >= 5)).toBe(true);
  });

  it('one principal’s 记分 reaches the threshold this year, another stays below', async () => {
    const yp = await principal(t.deps, 'yp.admin');
    const totals = await listScoreTotals(t.deps, yp, {});
    expect(totals.filter((s) => s.overThreshold)).toHaveLength(1);
    expect(totals.some((s) => !s.overThreshold)).toBe(true);
  });
});
