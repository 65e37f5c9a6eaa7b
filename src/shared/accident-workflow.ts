/**
 * @module What happens to an accident after it is filed (issue 24 §Investigation and 追责): 调查认定 (the
 * finding, its cause and the responsible people and units with their proposed handling), 挂牌督办, 提级调查,
 * 整改验收 and 结案 — 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第21条 (较大事故挂牌督办, 精准认定事故原因和责任,
 * 瞒报谎报事故提级调查, 死亡事故的矿山停产整顿并严格组织验收), 《2024年矿山安全生产工作要点》第34条 (加大提级调查力度, 瞒报谎报较大事故的一律提级调查)
 * and 第35条 (依法责令停产整顿, 严格组织验收). Who investigates by grade: 《生产安全事故报告和调查处理条例》第十九条
 * (特别重大: 国务院; 重大: 省级; 较大: 设区的市级; 一般: 县级人民政府), and 第二十条 (上级人民政府认为必要时,
 * 可以调查由下级人民政府负责调查的事故 — 提级调查). Pure: inputs and order rules, no I/O.
 */
import { z } from 'zod';
import { AccidentGrade } from './accidents.ts';

/** Where an accident's case stands: filed and under investigation, found (调查认定), closed (结案). */
export const accidentStages = ['调查中', '已认定', '已结案'] as const;
export type AccidentStage = (typeof accidentStages)[number];

/** The steps on an accident's timeline after its filing. */
export const accidentWorkflowSteps = [
  '调查认定',
  '挂牌督办',
  '提级调查',
  '整改验收',
  '结案',
  '瞒报查实',
] as const;
export type AccidentWorkflowStep = (typeof accidentWorkflowSteps)[number];

/** The levels that investigate an accident, lowest first. */
export const investigationLevels = ['县级', '市级', '省级', '国务院'] as const;
export type InvestigationLevel = (typeof investigationLevels)[number];

/** 《生产安全事故报告和调查处理条例》第十九条: the level that investigates an accident of each grade (涉险: as 一般). */
export function investigationLevelFor(grade: AccidentGrade): InvestigationLevel {
  switch (grade) {
    case AccidentGrade.ExtraordinarilySerious:
      return '国务院';
    case AccidentGrade.Major:
      return '省级';
    case AccidentGrade.Serious:
      return '市级';
    case AccidentGrade.General:
    case AccidentGrade.NearMiss:
      return '县级';
  }
}

/** Whether `to` is above `from` (提级调查 raises, 第二十条). */
export function isHigherLevel(to: InvestigationLevel, from: InvestigationLevel): boolean {
  return investigationLevels.indexOf(to) > investigationLevels.indexOf(from);
}

/**
 * 《2024年矿山安全生产工作要点》第34条 (瞒报谎报较大事故的, 一律提级调查): a 较大 accident found concealed is
 * investigated above the level its grade gives it (市级, 条例第十九条) before its 调查认定 (an accident found
 * concealed after its 调查认定 is past this step).
 */
export function escalationRequired(a: {
  stage: AccidentStage;
  concealed: boolean;
  grade: AccidentGrade;
  investigationLevel: InvestigationLevel | null;
}): boolean {
  const own = investigationLevelFor(a.grade);
  return (
    a.stage === '调查中' &&
    a.concealed &&
    a.grade === AccidentGrade.Serious &&
    !isHigherLevel(a.investigationLevel ?? own, own)
  );
}

/** Why 调查认定 waits for 提级调查 (要点第34条), as the refusal and the accident page say it. */
export const ESCALATION_REQUIRED =
  '瞒报的较大事故须先提级调查 (《2024年矿山安全生产工作要点》第34条: 瞒报谎报较大事故的, 一律提级调查)';

/**
 * The order of the steps: 调查认定 and 提级调查 while under investigation; 结案 only after 调查认定
 * (西藏方案第21条: 精准认定事故原因和责任 before the case closes); 挂牌督办 once, before 结案; 整改验收 once, at any
 * stage (after 结案 too, so a closed fatal accident never holds its mine for ever); 调查认定 of a concealed
 * 较大 accident only after its 提级调查 (要点第34条, `escalationRequired`).
 * Returns why the step may not be taken now, or null.
 */
export function stepRefusal(
  step: Exclude<AccidentWorkflowStep, '瞒报查实'>,
  a: {
    stage: AccidentStage;
    supervised: boolean;
    rectificationAccepted: boolean;
    escalationRequired?: boolean;
  },
): string | null {
  // 整改验收 also after 结案: a closed fatal accident must not hold its mine's 复工复产 for ever.
  if (a.stage === '已结案' && step !== '整改验收') {
    return '事故已结案';
  }
  switch (step) {
    case '调查认定':
      if (a.stage !== '调查中') {
        return '事故已调查认定';
      }
      return a.escalationRequired ? ESCALATION_REQUIRED : null;
    case '提级调查':
      return a.stage === '调查中' ? null : '事故已调查认定, 不能再提级调查';
    case '挂牌督办':
      return a.supervised ? '事故已挂牌督办' : null;
    case '整改验收':
      return a.rectificationAccepted ? '事故整改已验收' : null;
    case '结案':
      return a.stage === '已认定' ? null : '须先完成调查认定方可结案';
  }
}

export const findingNatures = ['责任事故', '非责任事故'] as const;
export const responsiblePartyKinds = ['个人', '单位'] as const;

const Text = (max: number) => z.string().trim().min(1).max(max);

/** One person or unit held responsible: who, their role, what is proposed to be done about them. */
export const ResponsibleParty = z.strictObject({
  kind: z.enum(responsiblePartyKinds),
  name: Text(200),
  role: Text(200).describe('职务或角色, 如 矿长、实际控制人、上级公司主要负责人、执法检查带队人'),
  handling: Text(1000).describe('处理建议, 如 移送司法机关、罚款、政务处分'),
});
export type ResponsibleParty = z.infer<typeof ResponsibleParty>;

/** 调查认定: the finding, the cause and the responsible parties (a 责任事故 names at least one). */
export const AccidentFindingInput = z
  .strictObject({
    concludedOn: z.iso.date(),
    nature: z.enum(findingNatures),
    cause: Text(4000),
    finding: Text(8000),
    parties: z.array(ResponsibleParty).max(100),
  })
  .refine((f) => f.nature === '非责任事故' || f.parties.length > 0, {
    path: ['parties'],
    message: '责任事故须认定至少一名责任人或责任单位',
  });
export type AccidentFindingInput = z.infer<typeof AccidentFindingInput>;

/** 挂牌督办: the unit that supervises and the deadline it sets. */
export const AccidentSuperviseInput = z.strictObject({
  unit: Text(200),
  deadline: z.iso.date(),
  note: z.string().trim().max(2000).optional(),
});
export type AccidentSuperviseInput = z.infer<typeof AccidentSuperviseInput>;

/** 提级调查: the level and unit that now investigate, and why. */
export const AccidentEscalateInput = z.strictObject({
  level: z.enum(investigationLevels),
  unit: Text(200),
  reason: Text(2000),
});
export type AccidentEscalateInput = z.infer<typeof AccidentEscalateInput>;

/** 整改验收 of the accident's rectification (the mine may resume only after it, after a death). */
export const AccidentRectificationInput = z.strictObject({
  acceptedOn: z.iso.date(),
  note: Text(2000),
});
export type AccidentRectificationInput = z.infer<typeof AccidentRectificationInput>;

/** 结案. */
export const AccidentCloseInput = z.strictObject({
  closedOn: z.iso.date(),
  note: Text(2000),
});
export type AccidentCloseInput = z.infer<typeof AccidentCloseInput>;
