/** 断电 runs: one 馈电 judgement per 断电 (馈电异常, REFERENCE §C2; AQ 1029-2019). */
import { describe, expect, it } from 'vitest';
import { powerOffRuns } from './coal-feed.ts';

describe('powerOffRuns', () => {
  it('joins a point’s 断电 records closer than the gap; another point or a longer pause starts a new run', () => {
    const r = (pointId: string, s: number) => ({ pointId, ts: s * 1000 });
    expect(
      powerOffRuns([r('a', 20), r('a', 0), r('a', 10), r('a', 200), r('b', 10)], 120_000),
    ).toEqual([
      { pointId: 'a', from: 0, to: 20_000 },
      { pointId: 'a', from: 200_000, to: 200_000 },
      { pointId: 'b', from: 10_000, to: 10_000 },
    ]);
  });
});
