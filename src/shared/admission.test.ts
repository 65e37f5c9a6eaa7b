/**
 * The pure rules of 安全准入与分类处置 (issue 25 §5), at their boundaries: the 三个一批 deadline (要点第4条
 * 明确时限要求), the one extension of at most 1 year (拉萨 二(三)2), the workflow's order, the 充填法 论证
 * (西藏第9条), the production-level cap (西藏第9、12条; 原平第13条; 拉萨 二(六)2) and 机械撬毛 (西藏第9条; 原平第13条).
 */
import { describe, expect, it } from 'vitest';
import {
  belowScaleReasons,
  defaultDisposalRules,
  defaultMethodRules,
  defaultScaleRules,
  disposalOverdue,
  disposalSteps,
  extensionProblem,
  fillingProblem,
  methodFindings,
  permitOrderProblem,
  PermitState,
  scalingRequired,
} from './admission.ts';

const UG = '金属非金属地下矿山';

describe('三个一批: an entry is overdue the day after its deadline (要点第4条 明确时限要求)', () => {
  const e = { state: '处置中' as const, deadline: '2026-06-30' };
  it.each([
    ['2026-06-29', false],
    ['2026-06-30', false],
    ['2026-07-01', true],
  ])('on %s overdue: %s', (today, overdue) => {
    expect(disposalOverdue(e, today)).toBe(overdue);
  });
  it('a completed entry is never overdue', () => {
    expect(disposalOverdue({ ...e, state: '已完成' }, '2027-01-01')).toBe(false);
  });
  it('the rungs fall due 1, 30 and 90 days after the deadline', () => {
    expect(disposalSteps(defaultDisposalRules, '2026-06-30', '2026-06-30')).toEqual([]);
    expect(disposalSteps(defaultDisposalRules, '2026-06-30', '2026-07-01')).toEqual([
      { step: '第1级', dueOn: '2026-07-01' },
    ]);
    expect(disposalSteps(defaultDisposalRules, '2026-06-30', '2026-07-30')).toHaveLength(2);
  });
});

describe('建设工期延期 (拉萨 二(三)2: 延期原则上不超过1年, 延期后再延期的应重新设计审查)', () => {
  const a = { constructionDueOn: '2026-06-30', extensions: 0 };
  it.each([
    ['2027-06-29', null],
    ['2027-06-30', null],
    ['2027-07-01', 'field'],
  ])('extending to %s → %s', (to, kind) => {
    expect(extensionProblem(a, to)?.kind ?? null).toBe(kind);
  });
  it('the new end must be later than the current one', () => {
    expect(extensionProblem(a, '2026-06-30')?.path).toBe('newDueOn');
    expect(extensionProblem(a, '2026-07-01')).toBeNull();
  });
  it('a second extension is an order problem (重新履行设计审查)', () => {
    expect(extensionProblem({ ...a, extensions: 1 }, '2026-08-01')?.kind).toBe('order');
  });
});

describe('the workflow order: 设计审查 → 建设 → 现场核查 → 发证', () => {
  it('a licence before the 现场核查 is refused on a first application, allowed on a renewal', () => {
    expect(permitOrderProblem(PermitState.Approved, 'issue', false)?.message).toContain('现场核查');
    expect(permitOrderProblem(PermitState.Approved, 'issue', true)).toBeNull();
    expect(permitOrderProblem(PermitState.SiteChecked, 'issue', false)).toBeNull();
  });
  it('no step before the design review, and no second review', () => {
    expect(permitOrderProblem(PermitState.Applied, 'siteCheck', false)?.kind).toBe('order');
    expect(permitOrderProblem(PermitState.Applied, 'extend', false)?.kind).toBe('order');
    expect(permitOrderProblem(PermitState.Approved, 'designReview', false)?.kind).toBe('order');
    expect(permitOrderProblem(PermitState.Issued, 'issue', true)?.kind).toBe('order');
    expect(permitOrderProblem(PermitState.Rejected, 'siteCheck', false)?.kind).toBe('order');
  });
});

describe('充填采矿法 (西藏第9、12条: 原则上采用, 不能采用的应严格论证)', () => {
  it('an underground design with another method needs a 论证; 充填法 and open pits do not', () => {
    expect(fillingProblem(UG, { miningMethod: '空场法', fillingJustification: '' })?.path).toBe(
      'fillingJustification',
    );
    expect(
      fillingProblem(UG, {
        miningMethod: '空场法',
        fillingJustification: '矿体破碎, 设计单位论证不宜充填',
      }),
    ).toBeNull();
    expect(fillingProblem(UG, { miningMethod: '充填法', fillingJustification: '' })).toBeNull();
    expect(
      fillingProblem('金属非金属露天矿山', { miningMethod: '露天开采', fillingJustification: '' }),
    ).toBeNull();
  });
});

describe('生产水平 (西藏第9条: 中小型地下矿山不得有4个以上生产水平同时采矿; 拉萨 二(六)2: 不得多于3个)', () => {
  const mine = (levels: number, countyCode = '140981', scale = '小型') => ({
    kind: UG,
    scale,
    countyCode,
    depthM: 300,
    productionLevels: levels,
    designCapacityTpa: 50_000,
    mechanicalScaling: null,
  });
  it.each([
    [3, 0],
    [4, 1],
  ])('%s levels → %s findings (原平/西藏)', (levels, n) => {
    expect(methodFindings(defaultMethodRules, mine(levels))).toHaveLength(n);
  });
  it.each([
    [3, 0],
    [4, 1],
  ])('%s 中段 in 拉萨 → %s findings, citing 拉萨 二(六)2', (levels, n) => {
    const f = methodFindings(defaultMethodRules, mine(levels, '540102'));
    expect(f).toHaveLength(n);
    if (n) {
      expect(f[0]?.source).toContain('拉萨');
    }
  });
  it('a large mine is not capped', () => {
    expect(methodFindings(defaultMethodRules, mine(5, '140981', '大型'))).toHaveLength(0);
  });
});

describe('机械撬毛 (西藏第9条: 开采深度800米; 原平第13条: 超过800米; 生产规模超过30万吨/年)', () => {
  const at = (depthM: number, countyCode: string, cap = 100_000) =>
    scalingRequired(defaultMethodRules, {
      kind: UG,
      countyCode,
      depthM,
      designCapacityTpa: cap,
    }).required;
  it.each([
    [799, false],
    [800, true],
    [801, true],
  ])('西藏 (inclusive): %s m → %s', (d, r) => {
    expect(at(d, '540102')).toBe(r);
  });
  it.each([
    [799, false],
    [800, false],
    [801, true],
  ])('原平 (超过): %s m → %s', (d, r) => {
    expect(at(d, '140981')).toBe(r);
  });
  it.each([
    [300_000, false],
    [300_001, true],
  ])('capacity %s t/a → %s', (cap, r) => {
    expect(at(100, '140981', cap)).toBe(r);
  });
  it('a required mine whose design does not use it, or says nothing, is a finding', () => {
    const m = {
      kind: UG,
      scale: '中型',
      countyCode: '140981',
      depthM: 850,
      productionLevels: 2,
      designCapacityTpa: 100_000,
    };
    expect(methodFindings(defaultMethodRules, { ...m, mechanicalScaling: false })[0]?.kind).toBe(
      '未采用机械撬毛',
    );
    expect(methodFindings(defaultMethodRules, { ...m, mechanicalScaling: null })[0]?.kind).toBe(
      '撬毛方式未登记',
    );
    expect(methodFindings(defaultMethodRules, { ...m, mechanicalScaling: true })).toEqual([]);
  });
});

describe('最小开采规模和最低服务年限 (拉萨 二(四)1; numbers UNVERIFIED settings)', () => {
  const rule = defaultScaleRules.rules[0];
  it('below the capacity or the service life is listed, at the minimum is not', () => {
    const min = rule?.minCapacityTpa ?? 0;
    const life = rule?.minServiceLifeYears ?? 0;
    const m = { kind: UG, designCapacityTpa: min, serviceLifeYears: life };
    expect(belowScaleReasons(defaultScaleRules, m)).toEqual([]);
    expect(belowScaleReasons(defaultScaleRules, { ...m, designCapacityTpa: min - 1 })).toHaveLength(
      1,
    );
    expect(belowScaleReasons(defaultScaleRules, { ...m, serviceLifeYears: life - 1 })).toHaveLength(
      1,
    );
    expect(belowScaleReasons(defaultScaleRules, { ...m, designCapacityTpa: null })).toEqual([]);
    expect(
      belowScaleReasons(defaultScaleRules, {
        kind: '尾矿库',
        designCapacityTpa: 1,
        serviceLifeYears: 1,
      }),
    ).toEqual([]);
  });
});
