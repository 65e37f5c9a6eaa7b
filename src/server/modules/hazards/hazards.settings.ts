/**
 * @module The editable rule parameters of the major-hazard ledger: each with its schema, default, source and whether
 * the value is verified. UNVERIFIED facts live here as settings a system admin can change, never as code.
 */
import { z } from 'zod';
import { LadderSchema, type LadderStep } from '../../platform/escalation/escalation.service.ts';
import { StockTargetsSchema, type StockTargets } from '../../../shared/hazard-analysis.schemas.ts';
import { defineSetting } from '../../platform/settings/settings.definition.ts';

export const hazardsSettings = {
  escalationLadder: defineSetting<LadderStep[]>('hazards.escalationLadder', {
    schema: LadderSchema,
    default: <LadderStep[]>[
      { step: '提醒', offsetDays: -3, notify: ['enterprise'] },
      { step: '函告', offsetDays: 1, notify: ['enterprise', 'regulator'] },
      { step: '通报', offsetDays: 15, notify: ['enterprise', 'regulator'] },
      { step: '约谈', offsetDays: 30, notify: ['enterprise', 'regulator'] },
      { step: '曝光', offsetDays: 60, notify: ['enterprise', 'regulator'] },
    ],
    source:
      "the product brief's ladder 提醒 → 函告 → 通报 → 约谈 → 曝光 (docs/sources.md); the day offsets are the example of issue 4, not a standard",
    verified: false,
    description: '重大事故隐患逾期升级阶梯: 各步相对治理时限的天数及通知对象',
  }),
  commitmentLadder: defineSetting<LadderStep[]>('hazards.commitmentLadder', {
    schema: LadderSchema,
    default: <LadderStep[]>[
      { step: '承诺逾期', offsetDays: 1, notify: ['enterprise', 'regulator'] },
    ],
    source:
      "《2024年矿山安全生产工作要点》第20条 names 约谈 among the measures but sets no rule for the commitments made at it; climbing the ladder the day after a commitment's deadline is a minewatch default",
    verified: false,
    description: '约谈整改承诺逾期升级阶梯: 各步相对承诺期限的天数及通知对象',
  }),
  repeatRules: defineSetting<{
    repeatWithinMonths: number;
    closureWindowMonths: number;
    closureMinHazards: number;
  }>('hazards.repeatRules', {
    schema: z.strictObject({
      repeatWithinMonths: z.number().int().min(1).max(60),
      closureWindowMonths: z.number().int().min(1).max(24),
      closureMinHazards: z.number().int().min(2).max(20),
    }),
    default: { repeatWithinMonths: 12, closureWindowMonths: 3, closureMinHazards: 2 },
    source:
      '安委〔2024〕1号 / 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第7条: 证照不全…3个月内2次或者2次以上发现有重大事故隐患仍然进行生产的 → 提请关闭 (VERIFIED); 12 months for 屡改屡犯 is issue 4’s rule; “within 3 months” is read as inclusive (UNVERIFIED reading)',
    verified: false,
    description:
      '屡改屡犯 (销号后N个月内同一条款再次发现) 与 提请关闭 (M个月内K次及以上重大隐患且证照不全仍生产) 的参数',
  }),
  selfInspectionDueDay: defineSetting<number>('hazards.selfInspectionDueDay', {
    schema: z.number().int().min(1).max(28),
    default: 5,
    source:
      'issue 4: “missing reports are flagged after a configurable day of the next month”; the day itself is not in the plans',
    verified: false,
    description: '月度隐患自查报告截止日 (次月第N日); 逾期未报按升级阶梯处理',
  }),
  parentInspectionDueDay: defineSetting<number>('hazards.parentInspectionDueDay', {
    schema: z.number().int().min(1).max(28),
    default: 15,
    source:
      '《2024年矿山安全生产工作要点》第19条: 上级公司…每季度对所属矿山开展1次重大事故隐患排查整治; the due day after the quarter is not in the plans',
    verified: false,
    description: '上级公司季度隐患排查的记录截止日 (季度结束后次月第N日); 逾期未录按升级阶梯处理',
  }),
  stockTargets: defineSetting<StockTargets>('hazards.stockTargets', {
    schema: StockTargetsSchema,
    default: {
      region: '140981',
      stockFoundBefore: '2024-01-01',
      stockDueOn: '2024-12-31',
      incrementYear: 2025,
      incrementDueOn: '2025-12-31',
      dynamicZeroDueOn: '2026-12-31',
    },
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8条 (原平的目标, 非全国性规定): 2024 年底前基本消除 2023 年及以前排查发现的重大事故隐患存量，2025 年底前有效遏制重大事故隐患增量，2026 年底前形成重大事故隐患动态清零的常态化机制',
    verified: true,
    description:
      '重大事故隐患存量、增量与动态清零目标的适用地区和日期 (原平市实施方案第8条; 各地攻坚方案可另定); 增量以当年新发现数少于上一年为遏制',
  }),
  investigationLookbackMonths: defineSetting<number>('hazards.investigationLookbackMonths', {
    schema: z.number().int().min(1).max(60),
    default: 12,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第27条, 《2024年矿山安全生产工作要点》第45条 (重大事故隐患长期未查出的, 启动倒查机制): the texts say 长期 and give no number of months; minewatch default (UNVERIFIED)',
    verified: false,
    description:
      '重大事故隐患倒查: 列出隐患发现之日前多少个月内对该矿的执法检查及其检查人员, 供倒查执法责任',
  }),
};
