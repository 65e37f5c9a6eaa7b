/**
 * The detection quality target of issue 6 on a small labelled set (the full set is `npm run
 * eval:leads`): recall ≥ 0.95 with precision ≥ 0.8 per rule, and no lead on a normal mine from its
 * glitches, meter gaps, holidays or genuine restarts.
 */
import { describe, expect, it } from 'vitest';
import { defaultLeadRules } from './rules/lead-rules.model.ts';
import { runEvaluation } from './evaluation.ts';

describe('lead rules on the labelled synthetic set', () => {
  it('meet recall ≥ 0.95 and precision ≥ 0.8 for every rule', () => {
    const result = runEvaluation(
      {
        seed: 42,
        normal: 40,
        perRule: 8,
        start: Date.parse('2025-01-01T00:00:00+08:00'),
        days: 365,
      },
      defaultLeadRules,
    );
    for (const s of result.scores) {
      expect(s.planted, s.rule).toBeGreaterThan(0);
      expect(s.recall, `${s.rule} recall`).toBeGreaterThanOrEqual(0.95);
      expect(s.precision, `${s.rule} precision`).toBeGreaterThanOrEqual(0.8);
    }
    expect(result.falseOnNormalMines).toBe(0);
  });
});
