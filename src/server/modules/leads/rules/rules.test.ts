/**
 * Each lead rule on hand-built series at its boundaries (issue 6 “Done when”), with the numbers of the
 * texts: 同一作业地点 9 人以内 (《2024年矿山安全生产工作要点》第18条) / 10 人以内 (《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)5);
 * 超定员 > 20 % is the coal major hazard 煤矿(1) (《煤矿重大事故隐患判定标准》第四条); 超能力 non-coal
 * 地下(三十) ≥ 20 % of the annual design in a month or ≥ 120 % in a year (矿安〔2022〕88号), coal 煤矿(1)
 * > 10 % in a month (第四条).
 */
import { describe, expect, it } from 'vitest';
import { defaultLeadRules as rules } from './lead-rules.model.ts';
import { MineKind, MineStatus } from '../../../../shared/registry.enums.ts';
import { falsifiedMonitoring } from './falsified.rule.ts';
import { DAY_MS, HOUR_MS } from '../../../../shared/dates.ts';
import { dailyOf, type MineFrame } from './frame.ts';
import { hiddenFace } from './hidden-face.rule.ts';
import { overCapacity } from './over-capacity.rule.ts';
import { overStaffing } from './over-staffing.rule.ts';
import { stoppedButWorking } from './stopped.rule.ts';

/** 2026-01-01 00:00 CST. */
const START = Date.parse('2026-01-01T00:00:00+08:00');

function frame(days: number, over: Partial<MineFrame> = {}): MineFrame {
  return {
    mineId: 'm1',
    kind: MineKind.CoalUnderground,
    countyCode: '140981',
    designCapacityTpa: 120_000,
    approvedStaff: 100,
    start: START,
    days,
    dayStatus: Array.from({ length: days }, () => MineStatus.Producing),
    hourly: {},
    daily: {},
    areas: new Map(),
    registeredAreas: new Map(),
    monitored: true,
    ...over,
  };
}

const hours = (days: number, value: number | ((h: number) => number)) =>
  Float64Array.from({ length: days * 24 }, (_, h) =>
    typeof value === 'number' ? value : value(h),
  );
const stopped = (days: number) =>
  Array.from({ length: days }, () => MineStatus.SuspendedForRectification);

describe('明停暗开 (stopped mine at work)', () => {
  // Baseline 100 kWh/h while stopped → threshold 100 × (1 + 0.5) + 20 = 170 kWh.
  const withPower = (spike: (h: number) => number | undefined) =>
    frame(10, {
      dayStatus: stopped(10),
      hourly: { 用电量: hours(10, (h) => spike(h) ?? 100) },
    });

  it('power above the stopped baseline for 4 consecutive hours opens a lead; 3 hours do not', () => {
    const four = stoppedButWorking(
      withPower((h) => (h >= 200 && h < 204 ? 171 : undefined)),
      rules,
    );
    expect(four).toHaveLength(1);
    expect(four[0]?.breaches[0]).toMatchObject({ factor: '用电量', baseline: 100, threshold: 170 });
    expect(four[0]?.to).toBe(START + 204 * HOUR_MS);
    const three = stoppedButWorking(
      withPower((h) => (h >= 200 && h < 203 ? 171 : undefined)),
      rules,
    );
    expect(three).toEqual([]);
  });

  it('exactly the threshold is not above it', () => {
    expect(
      stoppedButWorking(
        withPower((h) => (h >= 200 && h < 210 ? 170 : undefined)),
        rules,
      ),
    ).toEqual([]);
  });

  it('one glitchy reading, or the catch-up reading after a meter gap, is not a lead', () => {
    expect(
      stoppedButWorking(
        withPower((h) => (h === 150 ? 50_000 : undefined)),
        rules,
      ),
    ).toEqual([]);
    // 2 high hours, a 1-hour gap, 2 high hours: the gap ends the run.
    const gap = withPower((h) => (h === 202 ? NaN : h >= 200 && h < 205 ? 400 : undefined));
    expect(stoppedButWorking(gap, rules)).toEqual([]);
  });

  it('power after an approved resumption (status 生产) is not judged by this rule', () => {
    const f = withPower((h) => (h >= 200 ? 900 : undefined));
    f.dayStatus = [...stopped(8), MineStatus.Producing, MineStatus.Producing];
    expect(stoppedButWorking(f, rules)).toEqual([]);
  });

  it('people at one work site: 10 is over the national 9 (《2024年矿山安全生产工作要点》第18条), 9 is not', () => {
    const at = (n: number, county = '140981') =>
      frame(3, {
        countyCode: county,
        dayStatus: stopped(3),
        areas: new Map([
          ['1101工作面', hours(3, (h) => (h >= 30 && h < 32 ? n : 2))],
          ['井底车场', hours(3, 5)],
        ]),
      });
    expect(stoppedButWorking(at(10), rules)).toHaveLength(1);
    expect(stoppedButWorking(at(10), rules)[0]?.breaches[0]).toMatchObject({
      area: '1101工作面',
      threshold: 9,
      peak: 10,
    });
    expect(stoppedButWorking(at(9), rules)).toEqual([]);
    // Lhasa (5401…) keeps 10 (《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)5): 10 is allowed, 11 is not.
    expect(stoppedButWorking(at(10, '540102'), rules)).toEqual([]);
    expect(stoppedButWorking(at(11, '540102'), rules)).toHaveLength(1);
  });

  it('explosives drawn on a stopped day open a lead; the same at a producing mine does not', () => {
    const daily = { 民爆领用量: Float64Array.from([0, 0, 12, 0]) };
    expect(stoppedButWorking(frame(4, { dayStatus: stopped(4), daily }), rules)).toHaveLength(1);
    expect(stoppedButWorking(frame(4, { daily }), rules)).toEqual([]);
  });
});

/**
 * Explosives reported hourly but drawn once a day (民爆 is a batch factor in the catalogue): 120 kg at
 * 08:00 and 0 in every other hour must total 120 kg that day, not be capped at 3 × the median hour (0).
 * 明停暗开 is named in 国家矿山安全监察局 2024 年简报 (地方经验做法·福建省) 三是: "严厉打击……明停暗开等违法违规行为";
 * a stopped mine's explosives are sealed or returned by the police (《拉萨市关于加强非煤矿山安全生产工作的实施意见》
 * 二(一)2: "负责对停工停产非煤矿山民用爆炸物品进行封存或退库处理"); 民用爆炸物品使用量 is one of the factors
 * compared to expose hidden faces (《2024年矿山安全生产工作要点》第42条).
 */
describe('explosives reported hourly, drawn once a day', () => {
  /** `kg(d)` drawn at 08:00 of day d, 0 in every other hour. */
  const onceADay = (days: number, kg: (d: number) => number) =>
    hours(days, (h) => (h % 24 === 8 ? kg(Math.floor(h / 24)) : 0));

  it('a day totals what was drawn (120 kg at 08:00 → 120); power keeps its outlier cap', () => {
    const f = frame(3, {
      hourly: {
        民爆领用量: onceADay(3, (d) => (d === 1 ? 120 : 0)),
        // 23 hours at 100 kWh and one glitch of 50,000: the glitch counts 3 × the median hour (300).
        用电量: hours(3, (h) => (h === 30 ? 50_000 : 100)),
      },
    });
    expect([...(dailyOf(f, '民爆领用量') ?? [])]).toEqual([0, 120, 0]);
    expect(dailyOf(f, '用电量')?.[1]).toBe(23 * 100 + 300);
    // A register that lists only the hours with a draw: the day is what it lists, not scaled up.
    const sparse = frame(1, { hourly: { 民爆领用量: hours(1, (h) => (h === 8 ? 120 : NaN)) } });
    expect([...(dailyOf(sparse, '民爆领用量') ?? [])]).toEqual([120]);
  });

  it('明停暗开 sees 120 kg drawn hourly on a stopped day', () => {
    const findings = stoppedButWorking(
      frame(3, {
        dayStatus: stopped(3),
        hourly: { 民爆领用量: onceADay(3, (d) => (d === 1 ? 120 : 0)) },
      }),
      rules,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ from: START + DAY_MS, to: START + 2 * DAY_MS });
    expect(findings[0]?.breaches).toEqual([
      expect.objectContaining({ factor: '民爆领用量', peak: 120, threshold: 0 }),
    ]);
  });

  it('隐蔽工作面 sees explosives drawn hourly rise from 120 to 200 kg a day at flat production', () => {
    // 56 days at 120 kg (the history), then a week at 200 kg; production 1,000 t every day. The scale
    // is the floor 4 % × 120 = 4.8 kg, so 200 kg is z ≈ 16.7 against the threshold 4.
    const days = 63;
    const findings = hiddenFace(
      frame(days, {
        daily: { 产量: Float64Array.from({ length: days }, () => 1000) },
        hourly: { 民爆使用量: onceADay(days, (d) => (d >= 56 ? 200 : 120)) },
      }),
      rules,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.breaches[0]).toMatchObject({
      factor: '民爆使用量',
      from: START + 56 * DAY_MS,
      to: START + 63 * DAY_MS,
      peak: 200,
      baseline: 120,
    });
  });
});

describe('超定员 (over-staffing per shift)', () => {
  // Approved 100 per shift; the day shift is 08:00–16:00 CST = hours 8..15 of day 0.
  const shift = (levels: Record<number, number>, kind: MineKind = MineKind.CoalUnderground) =>
    frame(1, { kind, hourly: { 井下人数: hours(1, (h) => levels[h] ?? 80) } });

  it('101 people held for two hours is over the limit; one hour at 150 is a glitch', () => {
    expect(overStaffing(shift({ 9: 101, 10: 101 }), rules)).toHaveLength(1);
    expect(overStaffing(shift({ 9: 150 }), rules)).toEqual([]);
    expect(overStaffing(shift({ 9: 100, 10: 100 }), rules)).toEqual([]);
  });

  it('coal: exactly 20 % over is a lead but not the major hazard; 121 is 煤矿(1)', () => {
    const twenty = overStaffing(shift({ 9: 120, 10: 120 }), rules)[0];
    expect(twenty?.majorHazard).toBeUndefined();
    const over = overStaffing(shift({ 9: 121, 10: 121 }), rules)[0];
    expect(over).toMatchObject({ criterionCode: '煤矿(1)', majorHazard: true });
    const metal = overStaffing(shift({ 9: 130, 10: 130 }, MineKind.UndergroundMetal), rules)[0];
    expect(metal?.majorHazard).toBeUndefined();
  });

  it('a stopped mine is judged by 明停暗开, not by its approved staffing', () => {
    const f = shift({ 9: 150, 10: 150 });
    f.dayStatus = stopped(1);
    expect(overStaffing(f, rules)).toEqual([]);
  });
});

describe('超能力 (production above design capacity)', () => {
  // Design 120,000 t/a. January 2026 has 31 days.
  const january = (total: number, kind: MineKind, glitchDay?: number) =>
    frame(31, {
      kind,
      daily: {
        产量: Float64Array.from({ length: 31 }, (_, d) =>
          d === glitchDay ? (total / 31) * 10 : total / 31,
        ),
      },
    });

  it('non-coal 地下(三十): a month ≥ 20 % of the annual design (24,000 t) is a hazard candidate', () => {
    const at = overCapacity(january(24_000, MineKind.UndergroundMetal), rules);
    expect(at).toHaveLength(1);
    expect(at[0]).toMatchObject({ criterionCode: '地下(三十)', majorHazard: true });
    expect(overCapacity(january(23_990, MineKind.UndergroundMetal), rules)).toEqual([]);
  });

  it('coal 煤矿(1): a month must exceed 10 % of the annual capacity (12,000 t)', () => {
    expect(overCapacity(january(12_000, MineKind.CoalUnderground), rules)).toEqual([]);
    expect(overCapacity(january(12_050, MineKind.CoalUnderground), rules)[0]).toMatchObject({
      criterionCode: '煤矿(1)',
    });
  });

  it('one mistyped day (10 × the rest) does not push a normal month over', () => {
    expect(overCapacity(january(9_000, MineKind.UndergroundMetal, 12), rules)).toEqual([]);
  });

  it('non-coal: a year ≥ 120 % of the design (144,000 t) is over; the year as a whole is judged', () => {
    const year = (perDay: number) =>
      frame(365, {
        kind: MineKind.UndergroundMetal,
        designCapacityTpa: 1_200_000,
        daily: { 产量: Float64Array.from({ length: 365 }, () => perDay) },
      });
    // 1,200,000 × 1.2 / 365 ≈ 3945.2 t a day; months stay under 20 % of the design.
    const over = overCapacity(year(3946), rules);
    expect(over.map((f) => f.breaches[0]?.factor)).toEqual(['年产量']);
    expect(overCapacity(year(3944), rules)).toEqual([]);
  });
});

describe('隐蔽工作面 (activity rising while reported production stays flat)', () => {
  // 70 days: production around 1,000 t a day, power = 12,000 base + 10 kWh/t, with a fixed wobble.
  const wobble = (d: number) => [0, 30, -20, 10, -35, 25, -10][d % 7] ?? 0;
  const build = (lift: (d: number) => number, productionLift: (d: number) => number = () => 1) => {
    const production = Float64Array.from(
      { length: 70 },
      (_, d) => (1000 + wobble(d)) * productionLift(d),
    );
    const power = hours(70, (h) => {
      const d = Math.floor(h / 24);
      return ((12_000 + 10 * (production[d] ?? 0)) / 24) * lift(d);
    });
    return frame(70, { hourly: { 用电量: power }, daily: { 产量: production } });
  };

  it('power 40 % up on 3 days of a week with production flat opens a lead; 2 days do not', () => {
    const three = hiddenFace(
      build((d) => ([63, 64, 66].includes(d) ? 1.4 : 1)),
      rules,
    );
    expect(three).toHaveLength(1);
    expect(three[0]?.breaches[0]?.factor).toBe('用电量');
    expect(
      hiddenFace(
        build((d) => ([63, 66].includes(d) ? 1.4 : 1)),
        rules,
      ),
    ).toEqual([]);
  });

  it('power that rises with production is explained by it', () => {
    expect(
      hiddenFace(
        build(
          () => 1,
          (d) => (d >= 63 ? 1.2 : 1),
        ),
        rules,
      ),
    ).toEqual([]);
  });

  it('people in an unregistered area: 3 for 2 hours is a lead, 2 people or 1 hour is not', () => {
    const withArea = (n: number, len: number, sealed = false) =>
      frame(1, {
        areas: new Map([
          ['1101工作面', hours(1, 20)],
          ['老空区', hours(1, (h) => (h >= 10 && h < 10 + len ? n : 0))],
        ]),
        registeredAreas: new Map([
          ['1101工作面', { sealed: false }],
          ...(sealed ? ([['老空区', { sealed: true }]] as const) : []),
        ]),
      });
    expect(hiddenFace(withArea(3, 2), rules)).toHaveLength(1);
    expect(hiddenFace(withArea(2, 5), rules)).toEqual([]);
    expect(hiddenFace(withArea(6, 1), rules)).toEqual([]);
    // A registered but sealed (停用封闭) area counts as not a working face.
    expect(hiddenFace(withArea(3, 2, true), rules)[0]?.breaches[0]?.area).toBe('老空区');
  });
});

describe('监控造假 (monitoring silent or flat while the mine works)', () => {
  const build = (readings: (h: number) => number, moving: (h: number) => number, people = 20) =>
    frame(1, {
      hourly: {
        井下人数: hours(1, people),
        用电量: hours(1, 1000),
        监测读数: hours(1, readings),
        监测变化测点数: hours(1, moving),
      },
    });
  const silent = (from: number, len: number) => (h: number) =>
    h >= from && h < from + len ? 0 : 900;

  it('3 active hours without readings is a lead; 2 are not', () => {
    expect(
      falsifiedMonitoring(
        build(silent(9, 3), () => 5),
        rules,
      ),
    ).toHaveLength(1);
    expect(
      falsifiedMonitoring(
        build(silent(9, 2), () => 5),
        rules,
      ),
    ).toEqual([]);
  });

  it('3 hours in which no point moved (平线) is a lead', () => {
    const flat = falsifiedMonitoring(
      build(() => 900, silent(9, 3)),
      rules,
    );
    expect(flat[0]?.breaches[0]?.factor).toBe('监测变化测点数');
  });

  it('silence while nobody is underground, or at a mine without monitoring points, is not', () => {
    expect(
      falsifiedMonitoring(
        build(silent(9, 6), () => 5, 2),
        rules,
      ),
    ).toEqual([]);
    const unmonitored = build(silent(9, 6), () => 5);
    unmonitored.monitored = false;
    expect(falsifiedMonitoring(unmonitored, rules)).toEqual([]);
  });
  it('超限 minewatch judged that the mine did not report (series 未报超限, coal upload files) is a lead of its own, with or without people and power', () => {
    const hidden = frame(1, {
      hourly: { 未报超限: hours(1, (h) => (h === 10 ? 2 : h === 11 ? 1 : h === 20 ? 1 : 0)) },
    });
    const found = falsifiedMonitoring(hidden, rules);
    expect(found).toHaveLength(1);
    expect(found[0]?.breaches.map((b) => [b.factor, b.peak])).toEqual([
      ['未报超限', 3],
      ['未报超限', 1],
    ]);
    expect(found[0]?.summary).toBe('本平台判定超限 4 次而煤矿未按时上报异常报警');
    // Fewer than the rule's minimum in the look-back: nothing.
    const strict = { ...rules, falsified: { ...rules.falsified, unreportedMin: 5 } };
    expect(falsifiedMonitoring(hidden, strict)).toEqual([]);
    expect(falsifiedMonitoring(frame(1, { hourly: { 未报超限: hours(1, 0) } }), rules)).toEqual([]);
  });
});

it('frames start on a China midnight (the fixture is what the rules assume)', () => {
  expect((START + 8 * HOUR_MS) % DAY_MS).toBe(0);
});
