/**
 * The demo province's register of open pits, dumps and tailings ponds (issue 25 §2), on both engines:
 * 原平 has records, a 闭库 late at 闭库施工, one announced 销号, and overdue findings.
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

  it('files records for 原平’s ponds and slopes', async () => {
    const yp = await principal(t.deps, 'yp.admin');
    const kinds = (await listRecords(t.deps, yp, {})).map((r) => r.kind);
    expect(kinds).toContain('排洪构筑物质量检测');
    expect(kinds).toContain('汛前检查');
  });

  it('walks one pond to 公告销号 and leaves another late at 闭库施工', async () => {
    const yp = await principal(t.deps, 'yp.admin');
    const closures = await listClosures(t.deps, yp, {});
    expect(closures.map((c) => c.nextStep).sort()).toEqual(['闭库施工', null].sort());
    const findings = await listFindings(t.deps, yp, {});
    expect(findings.some((f) => f.reason === '闭库步骤逾期' && f.item === '闭库: 闭库施工')).toBe(
      true,
    );
    expect(findings.some((f) => f.reason === '未按期报送')).toBe(true);
  });
});
