/**
 * The accident workflow's order and levels (issue 24): 《生产安全事故报告和调查处理条例》第十九条 (who investigates by
 * grade), 第二十条 (提级调查 upward only), 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第21条 (结案 after 调查认定).
 */
import { describe, expect, it } from 'vitest';
import {
  AccidentFindingInput,
  escalationRequired,
  investigationLevelFor,
  isHigherLevel,
  stepRefusal,
} from './accident-workflow.ts';

const open = { stage: '调查中', supervised: false, rectificationAccepted: false } as const;

describe('accident workflow rules', () => {
  it('条例第十九条: 一般/涉险 县级, 较大 市级, 重大 省级, 特别重大 国务院', () => {
    expect(
      ['一般', '涉险', '较大', '重大', '特别重大'].map((g) => investigationLevelFor(g as '一般')),
    ).toEqual(['县级', '县级', '市级', '省级', '国务院']);
  });

  it('条例第二十条: 提级调查 only to a higher level', () => {
    expect(isHigherLevel('市级', '县级')).toBe(true);
    expect(isHigherLevel('县级', '县级')).toBe(false);
    expect(isHigherLevel('县级', '市级')).toBe(false);
  });

  it('方案第21条: 结案 only after 调查认定; nothing but 整改验收 after 结案; each once', () => {
    expect(stepRefusal('结案', open)).toMatch(/调查认定/);
    expect(stepRefusal('调查认定', open)).toBeNull();
    expect(stepRefusal('提级调查', open)).toBeNull();
    const found = { ...open, stage: '已认定' } as const;
    expect(stepRefusal('结案', found)).toBeNull();
    expect(stepRefusal('调查认定', found)).not.toBeNull();
    expect(stepRefusal('提级调查', found)).not.toBeNull();
    const closed = { ...open, stage: '已结案' } as const;
    expect(stepRefusal('挂牌督办', closed)).toBe('事故已结案');
    expect(stepRefusal('整改验收', closed)).toBeNull();
    expect(stepRefusal('整改验收', { ...closed, rectificationAccepted: true })).not.toBeNull();
    expect(stepRefusal('挂牌督办', { ...open, supervised: true })).not.toBeNull();
  });

  it('要点第34条 (瞒报谎报较大事故的, 一律提级调查): a concealed 较大 accident is 提级 before its 调查认定', () => {
    const concealed = {
      stage: '调查中',
      concealed: true,
      grade: '较大',
      investigationLevel: null,
    } as const;
    expect(escalationRequired(concealed)).toBe(true);
    // Raised above 市级 (条例第十九条's level for 较大): done; a level not above it is not.
    expect(escalationRequired({ ...concealed, investigationLevel: '省级' })).toBe(false);
    expect(escalationRequired({ ...concealed, investigationLevel: '市级' })).toBe(true);
    // Only a concealed 较大: a reported one, or a concealed 一般 (提级 at discretion, 第二十条), need not.
    expect(escalationRequired({ ...concealed, concealed: false })).toBe(false);
    expect(escalationRequired({ ...concealed, grade: '一般' })).toBe(false);
    // Found concealed after its 调查认定: the page does not ask for a step that can no longer be taken.
    expect(escalationRequired({ ...concealed, stage: '已认定' })).toBe(false);
    expect(stepRefusal('调查认定', { ...open, escalationRequired: true })).toMatch(/第34条/);
    expect(stepRefusal('提级调查', { ...open, escalationRequired: true })).toBeNull();
    expect(stepRefusal('挂牌督办', { ...open, escalationRequired: true })).toBeNull();
  });

  it('方案第21条: a 责任事故 names at least one responsible party; a 非责任事故 need not', () => {
    const base = { concludedOn: '2026-11-22', cause: 'x', finding: 'x', parties: [] };
    const r = AccidentFindingInput.safeParse({ ...base, nature: '责任事故' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['parties']);
    expect(AccidentFindingInput.safeParse({ ...base, nature: '非责任事故' }).success).toBe(true);
  });
});
