/** Periods in meter exports: accepted forms, China Standard Time, alignment and impossible dates. */
import { describe, expect, it } from 'vitest';
import { parsePeriod } from './series.period.ts';

const at = (cell: unknown, g: 'hour' | 'day') => {
  const r = parsePeriod(cell, g);
  return r.ok ? r.at.toISOString() : r.message;
};

describe('parsePeriod', () => {
  it('reads naive times as China Standard Time, and offsets as given', () => {
    expect(at('2026-11-01 08:00', 'hour')).toBe('2026-11-01T00:00:00.000Z');
    expect(at('2026/11/01 08:00:00', 'hour')).toBe('2026-11-01T00:00:00.000Z');
    expect(at('2026-11-01T00:00:00Z', 'hour')).toBe('2026-11-01T00:00:00.000Z');
    expect(at('2026-11-01', 'day')).toBe('2026-10-31T16:00:00.000Z');
    // An xlsx date cell carries its wall-clock time as UTC fields.
    expect(at(new Date(Date.UTC(2026, 10, 1, 8)), 'hour')).toBe('2026-11-01T00:00:00.000Z');
  });

  it('refuses impossible dates, misaligned periods and other shapes', () => {
    expect(at('2026-02-30', 'day')).toBe('日期或时间不存在');
    expect(at('2026-02-30T00:00:00+08:00', 'hour')).toBe('日期或时间不存在');
    expect(at('2026-11-01 24:00', 'hour')).toBe('日期或时间不存在');
    expect(at('2026-11-01 08:30', 'hour')).toBe('小时数据的时段须为整点');
    expect(at('2026-11-01 08:00', 'day')).toBe('日数据的时段须为日期 (不含时刻)');
    expect(at('yesterday', 'day')).toMatch(/时段格式无效/);
    expect(at(45000, 'day')).toMatch(/时段格式无效/);
  });
});
