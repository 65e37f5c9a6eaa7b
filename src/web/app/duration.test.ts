import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration.ts';

const zh = { day: '天', hour: '小时', minute: '分钟' };
const MIN = 60_000;

describe('formatDuration', () => {
  it('says 109466 minutes as days and hours, not minutes (issue 23 §5)', () => {
    // 109466 min = 76 d 0 h 26 min: the two largest units, the zero hour left out.
    expect(formatDuration(109_466 * MIN, zh)).toBe('76 天');
    expect(formatDuration((3 * 1440 + 5 * 60) * MIN, zh)).toBe('3 天 5 小时');
    expect(formatDuration((3 * 1440 + 5 * 60 + 59) * MIN, zh)).toBe('3 天 5 小时');
  });

  it('uses hours and minutes under a day, minutes under an hour', () => {
    expect(formatDuration(130 * MIN, zh)).toBe('2 小时 10 分钟');
    expect(formatDuration(45 * MIN, zh)).toBe('45 分钟');
    expect(formatDuration(1, zh)).toBe('1 分钟');
    expect(formatDuration(0, zh)).toBe('0 分钟');
  });

  it('speaks English units on request', () => {
    expect(formatDuration((3 * 1440 + 5 * 60) * MIN, { day: 'd', hour: 'h', minute: 'min' })).toBe(
      '3 d 5 h',
    );
  });
});
