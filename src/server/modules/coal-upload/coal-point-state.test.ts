/**
 * Switch points (开关量 1001–1015, MT/T 1201.1-2023 传感器类型; CDSS switches carry 0/1, REFERENCE §B6)
 * kept as their changes.
 */
import { describe, expect, it } from 'vitest';
import { stateChanges } from './coal-point-state.ts';

const at = (s: number) => new Date(Date.UTC(2026, 10, 22, 2, 0, s));
const st = (pointId: string, s: number, value: number, status = 0) => ({
  pointId,
  ts: at(s),
  value,
  status,
});

describe('stateChanges', () => {
  it('keeps the first state and each change of value or 测点状态, in time order per point', () => {
    const records = [
      st('fan', 30, 0),
      st('fan', 0, 1),
      st('fan', 10, 1),
      st('fan', 20, 0),
      st('feed', 0, 1),
      st('feed', 10, 1, 1),
    ];
    expect(stateChanges(records, new Map())).toEqual([
      st('fan', 0, 1),
      st('fan', 20, 0),
      st('feed', 0, 1),
      st('feed', 10, 1, 1),
    ]);
  });

  it('a point whose stored state is the same stores nothing; a changed one stores its change', () => {
    const before = new Map([
      ['fan', st('fan', -60, 1)],
      ['feed', st('feed', -60, 1)],
    ]);
    expect(stateChanges([st('fan', 0, 1), st('feed', 0, 0)], before)).toEqual([st('feed', 0, 0)]);
  });

  it('the same point at the same time twice counts once', () => {
    expect(stateChanges([st('fan', 0, 1), st('fan', 0, 0)], new Map())).toEqual([st('fan', 0, 1)]);
  });
});
