/**
 * The demo province's 应急准备与培训 (issue 25 §3), on both engines: in 原平 one mine in date, one with an
 * old drill and an old 反风演习 (西藏第4条, 原平第5条; 重大隐患判定标准 (二十)6), one with an expired rescue
 * agreement and an old plan, and the mines that recorded nothing as findings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../test/helpers/test-database.ts';
import { getRegister, listFindings } from '../modules/emergency/emergency.service.ts';
import { minesOfCounties } from '../modules/registry/mine.repository.ts';
import { MineKind } from '../../shared/registry.enums.ts';
import { principal } from './demo-enforcement.ts';

describe.each(engines)('demo emergency registers (%s)', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine, 'demo');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('has overdue drills, 反风演习, an expired agreement and an old plan in 原平', async () => {
    const yp = await principal(t.deps, 'yp.admin');
    const findings = await listFindings(t.deps, yp, { region: '140981' });
    const rules = new Set(findings.map((f) => f.rule));
    for (const rule of ['应急演练', '反风演习', '矿山救护协议', '应急预案修订', '自救器实操']) {
      expect(rules.has(rule as never), rule).toBe(true);
    }
    // The mine with an old drill: 220 days ago, overdue since six months after it.
    const old = findings.find((f) => f.rule === '应急演练' && f.dueOn !== '2024-06-30');
    expect(old).toBeDefined();
  });

  it('keeps the first underground mine of 原平 fully in date, with its drills, practice and 两单两卡', async () => {
    const yp = await principal(t.deps, 'yp.admin');
    const [first] = await minesOfCounties(
      t.deps.db,
      {
        counties: ['140981'],
        kinds: [MineKind.CoalUnderground, MineKind.UndergroundMetal],
        liveOnly: true,
      },
      1,
    );
    const r = await getRegister(t.deps, yp, first?.id ?? '');
    expect(r.findings).toEqual([]);
    expect(r.drills.map((d) => d.kind).sort()).toEqual(['反风演习', '紧急撤离和逃生避险']);
    expect(r.postCards.every((c) => c.complete)).toBe(true);
    expect(r.agreements[0]?.inForce).toBe(true);
  });
});
