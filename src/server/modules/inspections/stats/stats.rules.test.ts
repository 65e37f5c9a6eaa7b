/**
 * The appraisal flags at their boundaries (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第20条: 对“零处罚”“只检查不处罚”等…约谈通报; the
 * thresholds are the inspections.enforcementFlags setting) and the ranking order.
 */
import { describe, expect, it } from 'vitest';
import { defaultEnforcementFlags } from '../../../../shared/inspections.settings.ts';
import { enforcementFlags, rankRegions, zeroTotals } from './stats.rules.ts';

const rules = defaultEnforcementFlags; // 5 inspections, 3 findings

describe('enforcement flags', () => {
  it('零处罚 from the fifth inspection without a penalty, not the fourth', () => {
    expect(enforcementFlags({ ...zeroTotals, inspections: 4 }, rules)).toEqual([]);
    expect(enforcementFlags({ ...zeroTotals, inspections: 5 }, rules)).toEqual(['零处罚']);
  });
  it('只检查不处罚 from the third finding without a penalty, not the second', () => {
    expect(enforcementFlags({ ...zeroTotals, inspections: 2, findings: 2 }, rules)).toEqual([]);
    expect(enforcementFlags({ ...zeroTotals, inspections: 2, findings: 3 }, rules)).toEqual([
      '只检查不处罚',
    ]);
  });
  it('one penalty clears both flags', () => {
    const busy = { ...zeroTotals, inspections: 40, findings: 30 };
    expect(enforcementFlags(busy, rules)).toEqual(['零处罚', '只检查不处罚']);
    expect(enforcementFlags({ ...busy, penalties: 1 }, rules)).toEqual([]);
  });
});

describe('monthly ranking', () => {
  it('ranks by penalties, then findings, then inspections, then the 四不两直 share', () => {
    const rows = [
      { code: 'A', ...zeroTotals, inspections: 10, findings: 5 },
      { code: 'B', ...zeroTotals, inspections: 2, findings: 1, penalties: 1 },
      { code: 'C', ...zeroTotals, inspections: 10, findings: 5, unannounced: 5 },
      { code: 'D', ...zeroTotals, inspections: 12, findings: 5 },
    ];
    expect(rankRegions(rows).map((r) => [r.code, r.rank])).toEqual([
      ['B', 1],
      ['D', 2],
      ['C', 3],
      ['A', 4],
    ]);
  });
});
