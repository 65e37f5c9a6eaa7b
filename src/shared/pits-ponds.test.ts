/**
 * The pure rules of open pits, dumps and tailings ponds at their boundaries (issue 25 §2): the heights
 * from which slope analyses are due (西藏第14条: 大于100米 逐年; 拉萨 二(六)1: 100米及以上; 要点第11条: 200米以上
 * 每季度), radar online at 200 m (拉萨 二(六)1), 排洪构筑物 every 3 years (拉萨 二(五)2), 汛前/汛后 checks (要点第12条),
 * 头顶库 drills (要点第30条, 拉萨 二(五)6), and the 闭库 workflow (西藏第14条, 拉萨 二(六)3, 要点第12条).
 */
import { describe, expect, it } from 'vitest';
import {
  closureFinding,
  defaultPitPondRules as rules,
  findingSteps,
  obligationsOf,
  radarFinding,
  recordFindings,
  stepDue,
  stepProblem,
  type PitPondMine,
} from './pits-ponds.ts';

const pit = (slopeHeightM: number | null, over: Partial<PitPondMine> = {}): PitPondMine => ({
  kind: '金属非金属露天矿山',
  status: '生产',
  slopeHeightM,
  dumpHeightM: null,
  tailingsOverhead: null,
  tailingsLastDischarge: null,
  delisted: false,
  ...over,
});
const pond = (over: Partial<PitPondMine> = {}): PitPondMine =>
  pit(null, { kind: '尾矿库', ...over });
const kinds = (m: PitPondMine, r = rules) => obligationsOf(r, m).map((o) => o.kind);

describe('slope heights (西藏第14条, 拉萨 二(六)1, 要点第11条)', () => {
  it('西藏第14条 大于100米: 100 m asks nothing, 100.1 m a yearly stability analysis', () => {
    expect(kinds(pit(100))).toEqual([]);
    expect(kinds(pit(100.1))).toEqual(['边坡稳定性分析']);
  });
  it('拉萨 二(六)1 100米及以上 (inclusive setting): 100 m is due, 99.9 m is not', () => {
    const lhasa = { ...rules, stability: { ...rules.stability, inclusive: true } };
    expect(kinds(pit(100), lhasa)).toEqual(['边坡稳定性分析']);
    expect(kinds(pit(99.9), lhasa)).toEqual([]);
  });
  it('要点第11条 200米以上 每季度: 199.9 m yearly only, 200 m adds the quarterly monitoring analysis', () => {
    expect(kinds(pit(199.9))).toEqual(['边坡稳定性分析']);
    expect(kinds(pit(200))).toEqual(['边坡稳定性分析', '边坡监测分析']);
  });
  it('a dump counts by its dump height; a closed pit asks nothing', () => {
    expect(obligationsOf(rules, pit(null, { kind: '排土场', dumpHeightM: 150 }))).toEqual([
      { kind: '边坡稳定性分析', slope: '排土场边坡', due: { months: 12 } },
    ]);
    expect(kinds(pit(300, { status: '关闭' }))).toEqual([]);
  });
  it('a stability analysis is due 12 months after the last: in order on the day, a finding the day after', () => {
    const recs = [{ kind: '边坡稳定性分析', slope: '采场边坡', recordedOn: '2025-11-20' }] as const;
    expect(recordFindings(rules, pit(150), recs, '2026-11-20')).toEqual([]);
    expect(recordFindings(rules, pit(150), recs, '2026-11-21')).toEqual([
      { item: '边坡稳定性分析 (采场边坡)', reason: '未按期报送', dueOn: '2026-11-20' },
    ]);
  });
  it('the quarterly analysis at 200 m: 3 months after the last (要点第11条)', () => {
    const recs = [
      { kind: '边坡稳定性分析', slope: '采场边坡', recordedOn: '2026-10-01' },
      { kind: '边坡监测分析', slope: '采场边坡', recordedOn: '2026-08-31' },
    ] as const;
    expect(recordFindings(rules, pit(210), recs, '2026-11-30')).toEqual([]);
    expect(recordFindings(rules, pit(210), recs, '2026-12-01').map((f) => f.dueOn)).toEqual([
      '2026-11-30',
    ]);
  });
  it('never analysed: due by firstDueOn (2024-12-31), late from 2025-01-01', () => {
    expect(recordFindings(rules, pit(150), [], '2024-12-31')).toEqual([]);
    expect(recordFindings(rules, pit(150), [], '2025-01-01')).toHaveLength(1);
  });
});

describe('radar online at 200 m (拉萨 二(六)1; 重大隐患判定标准 二(七)1)', () => {
  const now = new Date('2026-11-22T04:00:00Z');
  const day = (d: Date) => d.toISOString().slice(0, 10);
  it('a reading 24 h ago is online; 24 h and a second is not; a 199 m slope needs none', () => {
    const at = new Date(now.getTime() - 24 * 3600_000);
    expect(radarFinding(rules, pit(200), at, now, day)).toBeNull();
    const late = new Date(at.getTime() - 1000);
    expect(radarFinding(rules, pit(200), late, now, day)).toEqual({
      item: '边坡雷达在线监测 (采场边坡)',
      reason: '雷达监测未在线',
      dueOn: '2026-11-21',
    });
    expect(radarFinding(rules, pit(199, {}), null, now, day)).toBeNull();
  });
});

describe('tailings ponds (拉萨 二(五)2, 二(五)6; 要点第12条, 第30条)', () => {
  it('排洪构筑物 every 3 years: due on the day 36 months on, late the day after (拉萨 二(五)2)', () => {
    const recs = [
      { kind: '排洪构筑物质量检测', slope: null, recordedOn: '2023-11-21' },
      { kind: '汛前检查', slope: null, recordedOn: '2026-05-20' },
      { kind: '汛后检查', slope: null, recordedOn: '2025-10-10' },
    ] as const;
    expect(recordFindings(rules, pond(), recs, '2026-10-31')).toEqual([]);
    expect(recordFindings(rules, pond(), recs, '2026-11-21')).toEqual([
      { item: '汛后检查', reason: '未按期报送', dueOn: '2026-10-31' },
    ]);
    expect(recordFindings(rules, pond(), recs, '2026-11-22').map((f) => f.item)).toEqual([
      '排洪构筑物质量检测',
      '汛后检查',
    ]);
  });
  it('汛前检查 of the year is due by the flood season (06-01): late on 06-02, a record that year meets it', () => {
    const done = [
      { kind: '排洪构筑物质量检测', slope: null, recordedOn: '2026-01-01' },
      { kind: '汛前检查', slope: null, recordedOn: '2025-05-01' },
      { kind: '汛后检查', slope: null, recordedOn: '2025-10-01' },
    ] as const;
    expect(recordFindings(rules, pond(), done, '2026-06-01')).toEqual([]);
    expect(recordFindings(rules, pond(), done, '2026-06-02')).toEqual([
      { item: '汛前检查', reason: '未按期报送', dueOn: '2026-06-01' },
    ]);
    const withPre = [...done, { kind: '汛前检查', slope: null, recordedOn: '2026-06-05' } as const];
    expect(recordFindings(rules, pond(), withPre, '2026-06-06')).toEqual([]);
  });
  it('a 头顶库 adds the joint drill before the flood season and the emergency broadcast (once)', () => {
    expect(kinds(pond({ tailingsOverhead: true }))).toEqual([
      '排洪构筑物质量检测',
      '汛前检查',
      '汛后检查',
      '头顶库联合演练',
      '应急广播',
    ]);
    expect(kinds(pond({ tailingsOverhead: false }))).not.toContain('头顶库联合演练');
    expect(kinds(pond({ delisted: true }))).toEqual([]);
  });
});

describe('闭库 (西藏第14条; 原平第16条; 要点第12条; 拉萨 二(六)3)', () => {
  it('停用时间超过3年: exactly 3 years idle is not yet due; the 闭库 must open within 6 months after', () => {
    const idle = pond({ tailingsLastDischarge: '2022-06-30' });
    // Idle beyond 3 years from 2025-07-01; opened by 2026-01-01.
    expect(closureFinding(rules, idle, null, '2026-01-01')).toBeNull();
    expect(closureFinding(rules, idle, null, '2026-01-02')).toEqual({
      item: '闭库',
      reason: '应闭库未启动',
      dueOn: '2026-01-01',
    });
  });
  it('the steps go in order; a step before the previous one’s date is refused', () => {
    const c = { openedOn: '2026-01-10', done: {} };
    expect(stepProblem(c, '闭库施工', '2026-03-01')).toEqual({
      code: 'order',
      message: '须先完成闭库设计, 再办理闭库施工',
    });
    expect(stepProblem(c, '闭库设计', '2026-01-09')?.code).toBe('date');
    expect(stepProblem(c, '闭库设计', '2026-01-10')).toBeNull();
    const designed = { openedOn: '2026-01-10', done: { 闭库设计: '2026-02-01' } };
    expect(stepProblem(designed, '闭库设计', '2026-02-02')?.message).toBe(
      '闭库设计已完成, 下一步应为闭库施工',
    );
    const done = {
      openedOn: '2026-01-10',
      done: { 闭库设计: '1', 闭库施工: '2', 闭库验收: '3', 公告销号: '2026-09-01' },
    };
    expect(stepProblem(done, '公告销号', '2026-09-02')?.code).toBe('order');
  });
  it('each step is due its months after the previous: 施工 12 months after the design, late the day after', () => {
    const c = { openedOn: '2026-01-10', done: { 闭库设计: '2026-02-01' } };
    expect(stepDue(rules, c)).toBe('2027-02-01');
    const idle = pond({ tailingsLastDischarge: '2020-01-01' });
    expect(closureFinding(rules, idle, c, '2027-02-01')).toBeNull();
    expect(closureFinding(rules, idle, c, '2027-02-02')).toEqual({
      item: '闭库: 闭库施工',
      reason: '闭库步骤逾期',
      dueOn: '2027-02-01',
    });
  });
  it('the ladder climbs 1, 30 and 90 days after the due date', () => {
    expect(findingSteps(rules, '2026-01-01', '2026-01-01')).toEqual([]);
    expect(findingSteps(rules, '2026-01-01', '2026-01-31').map((s) => s.step)).toEqual([
      '第1级',
      '第2级',
    ]);
  });
});
