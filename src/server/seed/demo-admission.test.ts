/**
 * The demo province's 安全准入与分类处置 (issue 25 §5), on both engines: 原平 has four 三个一批 entries, two
 * of them past their deadline (findings), one completed; and three applications — one licensed after its
 * 现场核查 (the registry holds the licence), one under construction with its one extension, one waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../test/helpers/test-database.ts';
import { disposalFindings, listDisposals } from '../modules/admission/disposal.service.ts';
import { listPermits } from '../modules/admission/permit.service.ts';
import { principal } from './demo-enforcement.ts';

describe.each(engines)('demo admission (%s)', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine, 'demo');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lists four 原平 mines, two overdue and one completed', async () => {
    const yp = await principal(t.deps, 'yp.admin');
    const all = await listDisposals(t.deps, yp, {});
    expect(all.map((e) => e.category).sort()).toEqual(
      ['关闭取缔', '升级改造', '升级改造', '整合重组'].sort(),
    );
    expect(all.filter((e) => e.state === '已完成')).toHaveLength(1);
    const overdue = await disposalFindings(t.deps, yp);
    expect(overdue.map((e) => e.category).sort()).toEqual(['关闭取缔', '升级改造'].sort());
  });

  it('carries three applications through the workflow', async () => {
    const yp = await principal(t.deps, 'yp.admin');
    const permits = await listPermits(t.deps, yp, {});
    expect(permits.map((p) => p.state).sort()).toEqual(['已发证', '建设中', '待设计审查'].sort());
    expect(permits.find((p) => p.state === '已发证')?.licenceNumber).toBe(
      '(晋)FM安许证字〔演示〕001',
    );
    expect(permits.find((p) => p.state === '建设中')?.extensions).toBe(1);
  });
});
