/**
 * Accident grading at every boundary of the grading table of 《矿山生产安全事故报告和调查处理办法》 (the
 * grade is the highest of deaths, serious injuries and direct loss; "以上" includes the number), and
 * the reporting chain's limits (the mine to the county within 1 hour; 《2024年矿山安全生产工作要点》第32条: the
 * province phones the NMSA within 10 and writes within 30 minutes of hearing).
 */
import { describe, expect, it } from 'vitest';
import {
  ChainStepsSchema,
  chainStatus,
  chainStepsFor,
  defaultChainSteps,
  gradeAccident,
  mayRecordStep,
  regulatorLevelOf,
  type ChainStep,
} from './accidents.ts';

const g = (deaths: number, seriousInjuries = 0, directLossYuan = 0) =>
  gradeAccident({ deaths, seriousInjuries, directLossYuan });

describe('accident grade (《矿山生产安全事故报告和调查处理办法》)', () => {
  it('deaths: 30 特别重大, 29 and 10 重大, 9 and 3 较大, 2 and 1 一般, 0 涉险', () => {
    expect([30, 29, 10, 9, 3, 2, 1, 0].map((d) => g(d))).toEqual([
      '特别重大',
      '重大',
      '重大',
      '较大',
      '较大',
      '一般',
      '一般',
      '涉险',
    ]);
  });

  it('serious injuries: 100 特别重大, 99 and 50 重大, 49 and 10 较大, 9 and 1 一般', () => {
    expect([100, 99, 50, 49, 10, 9, 1].map((i) => g(0, i))).toEqual([
      '特别重大',
      '重大',
      '重大',
      '较大',
      '较大',
      '一般',
      '一般',
    ]);
  });

  it('direct loss: 1亿 特别重大, 5000万 重大, 1000万 较大, 100万 一般, 99.99万 涉险', () => {
    expect([1e8, 1e8 - 1, 5e7, 5e7 - 1, 1e7, 1e7 - 1, 1e6, 1e6 - 1].map((l) => g(0, 0, l))).toEqual(
      ['特别重大', '重大', '重大', '较大', '较大', '一般', '一般', '涉险'],
    );
  });

  it('the highest of the three wins', () => {
    expect(g(1, 50, 0)).toBe('重大');
    expect(g(3, 0, 1e8)).toBe('特别重大');
  });
});

describe('accident reporting chain', () => {
  const occurred = '2026-05-01T02:00:00.000Z';
  const at = (minutes: number) => new Date(Date.parse(occurred) + minutes * 60_000).toISOString();

  it('the mine to the county within 60 minutes: at 60 on time, at 61 late', () => {
    const onTime = chainStatus(
      occurred,
      [{ step: 'mineToCounty', reportedAt: at(60) }],
      defaultChainSteps,
      new Date(at(200)),
    );
    expect(onTime[0]).toMatchObject({ state: '按时', lateMinutes: 0, due: at(60) });
    const late = chainStatus(
      occurred,
      [{ step: 'mineToCounty', reportedAt: at(61) }],
      defaultChainSteps,
      new Date(at(200)),
    );
    expect(late[0]).toMatchObject({ state: '迟报', lateMinutes: 1 });
  });

  it('the province’s phone call counts from when the city reported to it (《2024年矿山安全生产工作要点》第32条: 10 minutes)', () => {
    const reports = [
      { step: 'mineToCounty', reportedAt: at(30) },
      { step: 'countyToCity', reportedAt: at(50) },
      { step: 'cityToProvince', reportedAt: at(70) },
      { step: 'provincePhone', reportedAt: at(80) },
    ];
    const chain = chainStatus(occurred, reports, defaultChainSteps, new Date(at(101)));
    expect(chain.find((c) => c.key === 'provincePhone')).toMatchObject({
      state: '按时',
      due: at(80),
    });
    // Written within 30 minutes of 70: due at 100, nothing at 101 → 逾期未报, 1 minute over.
    expect(chain.find((c) => c.key === 'provinceWritten')).toMatchObject({
      state: '逾期未报',
      due: at(100),
      lateMinutes: 1,
    });
  });

  it('a step whose start is not reported yet has no deadline and waits', () => {
    const chain = chainStatus(occurred, [], defaultChainSteps, new Date(at(30)));
    expect(chain[0]).toMatchObject({ state: '待报' });
    expect(chain.find((c) => c.key === 'countyToCity')).toMatchObject({ state: '待报', due: null });
  });

  // 《矿山生产安全事故报告和调查处理办法》: the mine reports within 1 hour to the county and at the same time to the
  // NMSA's provincial bureau — a parallel report, due with the county's, not after it.
  it('the mine’s report to the NMSA provincial bureau is due with its report to the county: at 60 on time, at 61 late, whenever the county heard', () => {
    const bureau = (reports: { step: string; reportedAt: string }[], now: number) =>
      chainStatus(occurred, reports, defaultChainSteps, new Date(at(now))).find(
        (c) => c.key === 'mineToProvincialBureau',
      );
    expect(bureau([], 59)).toMatchObject({ state: '待报', due: at(60) });
    expect(bureau([], 61)).toMatchObject({ state: '逾期未报', due: at(60), lateMinutes: 1 });
    const county = { step: 'mineToCounty', reportedAt: at(10) };
    expect(
      bureau([county, { step: 'mineToProvincialBureau', reportedAt: at(60) }], 200),
    ).toMatchObject({ state: '按时', due: at(60) });
    expect(
      bureau([county, { step: 'mineToProvincialBureau', reportedAt: at(61) }], 200),
    ).toMatchObject({ state: '迟报', lateMinutes: 1 });
  });

  // 《2024年矿山安全生产工作要点》第32条: "市级矿山安全监管监察部门接到非煤矿山事故信息后,同步报省级矿山安全监察机构" — made together with the
  // city's report to the province, not a step after it with 30 minutes of its own.
  it('the city’s report to the 省级矿山安全监察机构 is 同步: due when the city’s report to the province is, not 30 minutes after it', () => {
    const reports = [
      { step: 'mineToCounty', reportedAt: at(10) },
      { step: 'countyToCity', reportedAt: at(20) },
      { step: 'cityToProvince', reportedAt: at(40) },
    ];
    const chain = chainStatus(occurred, reports, defaultChainSteps, new Date(at(51)));
    const province = chain.find((c) => c.key === 'cityToProvince');
    const bureau = chain.find((c) => c.key === 'cityToProvincialBureau');
    // The city heard at 20: both are due at 50; at 51 the parallel report is overdue by 1 minute.
    expect(province).toMatchObject({ state: '按时', due: at(50) });
    expect(bureau).toMatchObject({ state: '逾期未报', due: at(50), lateMinutes: 1 });
    const together = chainStatus(
      occurred,
      [...reports, { step: 'cityToProvincialBureau', reportedAt: at(40) }],
      defaultChainSteps,
      new Date(at(51)),
    ).find((c) => c.key === 'cityToProvincialBureau');
    expect(together).toMatchObject({ state: '按时', lateMinutes: 0 });
    // It starts no clock: the province's own limits still count from the city's report to it.
    expect(chain.find((c) => c.key === 'provincePhone')).toMatchObject({ due: at(50) });
  });

  it('the city’s 同步 report is a non-coal step (第32条: 非煤矿山事故信息): a coal mine’s chain has no such step', () => {
    const keys = (kind: string) => chainStepsFor(defaultChainSteps, kind).map((s) => s.key);
    expect(keys('金属非金属地下矿山')).toContain('cityToProvincialBureau');
    expect(keys('尾矿库')).toContain('cityToProvincialBureau');
    expect(keys('煤矿井工')).not.toContain('cityToProvincialBureau');
    expect(keys('露天煤矿')).not.toContain('cityToProvincialBureau');
    // The mine's own parallel report (the 办法) is for every mine.
    expect(keys('煤矿井工')).toContain('mineToProvincialBureau');
  });

  it('a parallel step with a clock of its own, or one naming a later or parallel partner, is refused', () => {
    const base = defaultChainSteps.slice(0, 1);
    const bad = (step: Record<string, unknown>) =>
      ChainStepsSchema.safeParse([...base, { label: 'x', source: 'y', key: 'x', ...step }]).success;
    expect(bad({ syncWith: 'mineToCounty' })).toBe(true);
    expect(bad({ syncWith: 'mineToCounty', minutes: 30 })).toBe(false);
    expect(bad({ syncWith: 'later' })).toBe(false);
    expect(bad({ after: 'mineToCounty' })).toBe(false);
    expect(ChainStepsSchema.safeParse(defaultChainSteps).success).toBe(true);
  });
});

describe('who records a step of the chain', () => {
  const step = (key: string): ChainStep => {
    const found = defaultChainSteps.find((s) => s.key === key);
    if (!found) {
      throw new Error(`no step ${key}`);
    }
    return found;
  };
  const county = { kind: 'region', regionCode: '140981' };
  const city = { kind: 'region', regionCode: '140900' };
  const province = { kind: 'region', regionCode: '140000' };

  it('the level of a regulator by its region code (GB/T 2260)', () => {
    expect([county, city, province].map((r) => regulatorLevelOf(r.regionCode))).toEqual([
      '县级',
      '市级',
      '省级',
    ]);
  });

  it('the county records the mine’s reports and its own; the city and the province theirs', () => {
    const recorders = (key: string) =>
      [county, city, province].filter((scope) => mayRecordStep(step(key), scope)).length === 1
        ? [county, city, province].findIndex((scope) => mayRecordStep(step(key), scope))
        : -1;
    expect(defaultChainSteps.map((s) => [s.key, recorders(s.key)])).toEqual([
      ['mineToCounty', 0],
      ['mineToProvincialBureau', 0],
      ['countyToCity', 0],
      ['cityToProvince', 1],
      ['cityToProvincialBureau', 1],
      ['provincePhone', 2],
      ['provinceWritten', 2],
    ]);
  });

  it('the national scope records any step; a step naming no level, any regulator; an enterprise none', () => {
    expect(mayRecordStep(step('provincePhone'), { kind: 'all' })).toBe(true);
    expect(mayRecordStep({}, county)).toBe(true);
    expect(mayRecordStep(step('mineToCounty'), { kind: 'enterprise' })).toBe(false);
  });
});
