/**
 * 停产迎检 at its boundaries (《2024年矿山安全生产工作要点》第41条 "企业不得停产迎检"; issue 24): with the default settings
 * (UNVERIFIED: the clause gives no numbers) a drop to ≤ 50 % of the 14-day baseline from at least the day before
 * the inspection through its day, and a recovery to ≥ 80 % within 3 days after it, in every factor the mine sends.
 */
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../../shared/dates.ts';
import { MineKind, MineStatus } from '../../../../shared/registry.enums.ts';
import { LeadRulesSchema, defaultLeadRules as rules } from './lead-rules.model.ts';
import type { MineFrame } from './frame.ts';
import { inspectionDodge } from './inspection-dodge.rule.ts';

/** 2026-03-02 00:00 CST. */
const START = Date.parse('2026-03-02T00:00:00+08:00');
const DAYS = 30;
/** The inspection's day index: the window is days 17–19, the baseline days 3–16. */
const D = 20;
const inspection = {
  id: 'i1',
  on: START + D * DAY_MS,
  label: '2026-03-22 原平市应急管理局常规检查',
};

/** Share of the usual level per day (1 unless given). */
type Shape = Record<number, number>;

/** Hourly series: 100 kWh an hour (2,400 a day) and 50 people, scaled by each day's share. */
function frame(power: Shape | null, people: Shape | null, over: Partial<MineFrame> = {}) {
  const hourly = (level: number, shape: Shape) =>
    Float64Array.from({ length: DAYS * 24 }, (_, h) => level * (shape[Math.floor(h / 24)] ?? 1));
  return {
    mineId: 'm1',
    kind: MineKind.UndergroundMetal,
    countyCode: '140981',
    designCapacityTpa: 120_000,
    approvedStaff: 100,
    start: START,
    days: DAYS,
    dayStatus: Array.from({ length: DAYS }, () => MineStatus.Producing),
    hourly: {
      ...(power ? { 用电量: hourly(100, power) } : {}),
      ...(people ? { 井下人数: hourly(50, people) } : {}),
    },
    daily: {},
    areas: new Map(),
    registeredAreas: new Map(),
    monitored: false,
    inspections: [inspection],
    ...over,
  } satisfies MineFrame;
}

/** Down to `share` on the day before the inspection and on its day, back to `back` the day after. */
function dip(share: number, back = 1, days = [D - 1, D]): Shape {
  const shape: Shape = { [D + 1]: back };
  for (const d of days) {
    shape[d] = share;
  }
  return shape;
}

describe('停产迎检 (stopping for an inspection)', () => {
  it('a drop of exactly the threshold in power and headcount, recovered the day after, is a lead', () => {
    const [f, ...more] = inspectionDodge(frame(dip(0.5), dip(0.5)), rules);
    expect(more).toEqual([]);
    expect(f).toMatchObject({
      rule: '停产迎检',
      from: START + (D - 1) * DAY_MS,
      to: START + (D + 2) * DAY_MS,
      inspection: { id: 'i1', label: inspection.label },
    });
    expect(f?.breaches).toEqual([
      expect.objectContaining({
        factor: '用电量',
        baseline: 2400,
        threshold: 1200,
        peak: 1200,
        from: START + (D - 1) * DAY_MS,
        to: START + (D + 1) * DAY_MS,
      }),
      expect.objectContaining({ factor: '井下人数', baseline: 50, threshold: 25, peak: 25 }),
    ]);
    expect(f?.summary).toContain('2026-03-22 原平市应急管理局常规检查前后疑似停产迎检');
  });

  it('a drop just short of the threshold is no lead', () => {
    expect(inspectionDodge(frame(dip(0.51), dip(0.5)), rules)).toEqual([]);
  });

  it('the window runs from the first dropped day within the 3 days before', () => {
    const [f] = inspectionDodge(frame(dip(0.2, 1, [17, 18, 19, 20]), dip(0.2)), rules);
    expect(f?.breaches[0]?.from).toBe(START + 17 * DAY_MS);
    expect(f?.breaches[1]?.from).toBe(START + 19 * DAY_MS);
  });

  it('a drop without recovery within 3 days is a stop, not 迎检', () => {
    const down = { ...dip(0.1, 0.1), [D + 2]: 0.1, [D + 3]: 0.1, [D + 4]: 1 };
    expect(inspectionDodge(frame(down, down), rules)).toEqual([]);
    const third = { ...dip(0.1, 0.1), [D + 2]: 0.1, [D + 3]: 0.8 };
    expect(inspectionDodge(frame(third, third), rules)).toHaveLength(1);
    const short = { ...dip(0.1, 0.79), [D + 2]: 0.79, [D + 3]: 0.79 };
    expect(inspectionDodge(frame(short, short), rules)).toEqual([]);
  });

  it('a recovery without a drop, or a drop on the inspection day alone, is no lead', () => {
    const rise = { [D + 1]: 1.5 };
    expect(inspectionDodge(frame(rise, rise), rules)).toEqual([]);
    const onTheDay = dip(0.1, 1, [D]);
    expect(inspectionDodge(frame(onTheDay, onTheDay), rules)).toEqual([]);
  });

  it('a mine that sends only power is judged on power', () => {
    const [f] = inspectionDodge(frame(dip(0.3), null), rules);
    expect(f?.breaches.map((b) => b.factor)).toEqual(['用电量']);
  });

  it('power down with the people still at work is no lead (every factor sent must drop)', () => {
    expect(inspectionDodge(frame(dip(0.1), {}), rules)).toEqual([]);
  });

  it('a registered stop explains the drop, and a mine without inspections has none', () => {
    const dayStatus = Array.from({ length: DAYS }, (_, d) =>
      d === D - 1 ? MineStatus.Stopped : MineStatus.Producing,
    );
    expect(inspectionDodge(frame(dip(0.1), dip(0.1), { dayStatus }), rules)).toEqual([]);
    expect(inspectionDodge(frame(dip(0.1), dip(0.1), { inspections: [] }), rules)).toEqual([]);
  });

  it('waits for the days after the inspection to arrive', () => {
    const cut = frame(dip(0.1), dip(0.1), { days: D + 1 });
    expect(inspectionDodge(cut, rules)).toEqual([]);
  });

  it('settings stored before the rule existed read its defaults', () => {
    const { inspectionDodge: _, ...before } = rules;
    expect(LeadRulesSchema.parse(before).inspectionDodge).toEqual(rules.inspectionDodge);
  });
});
