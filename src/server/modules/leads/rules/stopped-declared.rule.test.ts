/**
 * 明停暗开 against work declared at a stopped mine (issue 24 "Stopped mines"), at the boundaries, with the
 * numbers of the texts: 同一作业地点 9 人以内 (《2024年矿山安全生产工作要点》第18条: "按照定时、定量、定人、定措施等要求制定整改方案,
 * 同一作业地点严格控制在9人以内") and 10 人以内 in Lhasa (《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)5: "同一作业地点
 * 控制在10人以内,并向非煤矿山安全监管监察部门报告后方可进行整改作业"). Inside a declaration's days and limits power and people
 * are explained; beyond its days or its limits they are evidence, and the lead names what was explained.
 */
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../../shared/dates.ts';
import { MineKind, MineStatus } from '../../../../shared/registry.enums.ts';
import type { DeclaredWork, MineFrame } from './frame.ts';
import { defaultLeadRules as rules } from './lead-rules.model.ts';
import { stoppedButWorking } from './stopped.rule.ts';

/** 2026-01-01 00:00 CST. */
const START = Date.parse('2026-01-01T00:00:00+08:00');
const DAYS = 10;

function frame(over: Partial<MineFrame>): MineFrame {
  return {
    mineId: 'm1',
    kind: MineKind.UndergroundMetal,
    countyCode: '140981',
    designCapacityTpa: 120_000,
    approvedStaff: 100,
    start: START,
    days: DAYS,
    dayStatus: Array.from({ length: DAYS }, () => MineStatus.Stopped),
    hourly: {},
    daily: {},
    areas: new Map(),
    registeredAreas: new Map(),
    monitored: true,
    ...over,
  };
}

const hours = (value: (h: number) => number) =>
  Float64Array.from({ length: DAYS * 24 }, (_, h) => value(h));

/** 排水 on days 4–5 (2026-01-05 and 06): -1 中段水泵房 up to 9 people, 300 kWh an hour. */
const drainage = (over: Partial<DeclaredWork> = {}): DeclaredWork => ({
  id: 'd1',
  label: '排水 2026-01-05至2026-01-06',
  from: START + 4 * DAY_MS,
  to: START + 6 * DAY_MS,
  maxPowerKwh: 300,
  sites: [{ place: '-1中段水泵房', people: 9 }],
  ...over,
});

/** Pumping from hour `from` for `n` hours at `kwh`, over a stopped baseline of 100 kWh/h (threshold 170). */
const pumping = (from: number, n: number, kwh: number) =>
  hours((h) => (h >= from && h < from + n ? kwh : 100));

describe('明停暗开 with declared work (《2024年矿山安全生产工作要点》第18条)', () => {
  it('power within the declared 300 kWh/h inside the declared days is explained; 301 is evidence', () => {
    const inside = 4 * 24 + 8;
    const at300 = frame({
      hourly: { 用电量: pumping(inside, 8, 300) },
      declaredWork: [drainage()],
    });
    expect(stoppedButWorking(at300, rules)).toEqual([]);
    // Without the declaration the same hours are a lead (threshold 100 × 1.5 + 20 = 170).
    expect(stoppedButWorking({ ...at300, declaredWork: [] }, rules)).toHaveLength(1);
    const at301 = frame({
      hourly: { 用电量: pumping(inside, 8, 301) },
      declaredWork: [drainage()],
    });
    const [lead] = stoppedButWorking(at301, rules);
    expect(lead?.breaches[0]).toMatchObject({ factor: '用电量', peak: 301, threshold: 300 });
  });

  it('the same power the day after the declared days is evidence, and the lead names the declaration', () => {
    // Declared days end at 2026-01-07 00:00; pumping 8 h inside, then 8 h on the 7th (hours 144–151).
    const power = hours((h) =>
      (h >= 4 * 24 + 8 && h < 4 * 24 + 16) || (h >= 144 && h < 152) ? 250 : 100,
    );
    const [lead, ...rest] = stoppedButWorking(
      frame({ hourly: { 用电量: power }, declaredWork: [drainage()] }),
      rules,
    );
    expect(rest).toEqual([]);
    expect(lead?.from).toBe(START + 6 * DAY_MS);
    expect(lead?.explainedBy).toEqual([{ id: 'd1', label: '排水 2026-01-05至2026-01-06' }]);
    expect(lead?.summary).toContain('已申报作业说明的部分不计: 排水 2026-01-05至2026-01-06');
  });

  it('the last declared hour is explained; the first hour after it counts (4 sustained hours needed)', () => {
    // Hours 141–143 inside (explained), 144–147 after: 4 hours after → a lead; 3 hours after → none.
    const four = hours((h) => (h >= 141 && h < 148 ? 250 : 100));
    expect(
      stoppedButWorking(frame({ hourly: { 用电量: four }, declaredWork: [drainage()] }), rules),
    ).toHaveLength(1);
    const three = hours((h) => (h >= 141 && h < 147 ? 250 : 100));
    expect(
      stoppedButWorking(frame({ hourly: { 用电量: three }, declaredWork: [drainage()] }), rules),
    ).toEqual([]);
  });

  it('a declared site holds its declared people: 5 declared, 5 pass, 6 are evidence', () => {
    const site = (n: number) =>
      frame({
        areas: new Map([['-1中段水泵房', hours((h) => (h >= 100 && h < 104 ? n : 2))]]),
        declaredWork: [drainage({ sites: [{ place: '-1中段水泵房', people: 5 }] })],
      });
    expect(stoppedButWorking(site(5), rules)).toEqual([]);
    const [lead] = stoppedButWorking(site(6), rules);
    expect(lead?.breaches[0]).toMatchObject({
      factor: '井下人数',
      area: '-1中段水泵房',
      peak: 6,
      threshold: 5,
    });
  });

  it('outside the declared days a site is held to 9 (第18条): 9 pass, 10 are evidence', () => {
    const site = (n: number) =>
      frame({
        areas: new Map([['-1中段水泵房', hours((h) => (h >= 20 && h < 24 ? n : 2))]]),
        declaredWork: [drainage()],
      });
    expect(stoppedButWorking(site(9), rules)).toEqual([]);
    expect(stoppedButWorking(site(10), rules)).toHaveLength(1);
  });

  it('in Lhasa (二(五)5) a declared site of 10 holds 10; 11 are evidence', () => {
    const site = (n: number) =>
      frame({
        countyCode: '540102',
        areas: new Map([['-1中段水泵房', hours((h) => (h >= 100 && h < 104 ? n : 2))]]),
        declaredWork: [drainage({ sites: [{ place: '-1中段水泵房', people: 10 }] })],
      });
    expect(stoppedButWorking(site(10), rules)).toEqual([]);
    expect(stoppedButWorking(site(11), rules)).toHaveLength(1);
  });

  it('a whole-mine count is explained up to the declared sites’ sum (9 + 9 = 18); 19 is evidence', () => {
    const twoSites = drainage({
      sites: [
        { place: '-1中段水泵房', people: 9 },
        { place: '主扇风机房', people: 9 },
      ],
    });
    const mine = (n: number) =>
      frame({
        hourly: { 井下人数: hours((h) => (h >= 100 && h < 104 ? n : 2)) },
        declaredWork: [twoSites],
      });
    expect(stoppedButWorking(mine(18), rules)).toEqual([]);
    expect(stoppedButWorking({ ...mine(18), declaredWork: [] }, rules)).toHaveLength(1);
    expect(stoppedButWorking(mine(19), rules)[0]?.breaches[0]).toMatchObject({
      peak: 19,
      threshold: 18,
    });
  });
});
