/**
 * The demo province's progress reports to the plan (issue 25 §7; 原平四(六)), on both engines: 原平's
 * enterprises filed on time and late, and one report that is due is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../test/helpers/test-database.ts';
import { todayIn } from '../../shared/dates.ts';
import { enterpriseReportBoard } from '../modules/action-plans/enterprise-report.service.ts';
import { principal } from './demo-enforcement.ts';

describe.each(engines)('demo enterprise reports (%s)', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine, 'demo');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('原平’s board has reports on time and late, and a missing one', async () => {
    const yp = await principal(t.deps, 'yp.admin');
    const board = await enterpriseReportBoard(t.deps, yp, {});
    const past = board.dues.filter((d) => d.dueOn < todayIn(t.deps.clock));
    expect(past.length).toBeGreaterThan(0);
    const sum = (k: 'onTime' | 'late' | 'missing') => past.reduce((n, d) => n + d.counts[k], 0);
    expect(sum('onTime')).toBeGreaterThan(0);
    expect(sum('late')).toBeGreaterThan(0);
    expect(sum('missing')).toBeGreaterThan(0);
    const own = await principal(t.deps, 'ent.admin');
    const mine = await enterpriseReportBoard(t.deps, own, {});
    expect(mine.dues.every((d) => d.rows.length === 1)).toBe(true);
  });
});
