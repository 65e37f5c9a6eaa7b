/**
 * @module 应急准备与培训 (issue 25 §3), pure: the registers a mine keeps — 应急预案 and their revision,
 * 应急演练 (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第4条, 《原平市矿山企业安全生产治本攻坚三年行动实施方案》
 * 第5条: 每半年至少一次紧急撤离和逃生避险应急演练) and the 反风演习 of underground mines (《2024年矿山安全生产工作要点》
 * 第30条; 《金属非金属矿山重大事故隐患判定标准》第(二十)6项: 反风试验周期超过1年), the 矿山救护 agreement (要点第29条),
 * all-staff training hours and the monthly 自救器 practice (原平第3条: 每月至少一次实操, 30秒盲戴), 逢查必考 (西藏第3条;
 * 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(七)5) and 两单两卡 (拉萨 二(七)5: 岗位风险清单、职责清单、操作卡、应急处置卡,
 * 重点岗位 2024 年底 100%) — and when each falls due. Periods and deadlines are settings (emergency.rules).
 */
import { z } from 'zod';
import { DateString, Name, Uuid } from './common.schemas.ts';
import { addDays, addMonths, monthEnd } from './dates.ts';

/** The kinds of drill: the half-yearly 紧急撤离 drill, the 反风演习, any other 专项 drill. */
export const drillKinds = ['紧急撤离和逃生避险', '反风演习', '专项应急演练'] as const;
export type DrillKind = (typeof drillKinds)[number];

/** How a mine is covered for rescue (要点第29条: 专职矿山救护队 or 与专业矿山救护队签订协议). */
export const rescueKinds = ['专职矿山救护队', '救护协议'] as const;

/** The four papers of 两单两卡 (拉萨 二(七)5), in the plan's order. */
export const postCardItems = [
  'riskListOn',
  'dutyListOn',
  'operationCardOn',
  'emergencyCardOn',
] as const;

const Text = (max: number) => z.string().trim().max(max);

export const PlanInput = z.strictObject({
  mineId: Uuid,
  title: Name.describe('预案名称'),
  revisedOn: DateString.describe('编制或修订日期'),
  note: Text(1000).default(''),
});
export type PlanInput = z.infer<typeof PlanInput>;

export const DrillInput = z.strictObject({
  mineId: Uuid,
  kind: z.enum(drillKinds),
  drilledOn: DateString.describe('演练日期'),
  participants: z.number().int().min(1).max(100_000).describe('参演人数'),
  findings: Text(2000).default('').describe('发现的问题'),
});
export type DrillInput = z.infer<typeof DrillInput>;

export const RescueAgreementInput = z.strictObject({
  mineId: Uuid,
  kind: z.enum(rescueKinds),
  teamName: Name.describe('救护队名称'),
  signedOn: DateString.describe('签订日期'),
  validUntil: DateString.describe('有效期至'),
});
export type RescueAgreementInput = z.infer<typeof RescueAgreementInput>;

export const TrainingInput = z.strictObject({
  mineId: Uuid,
  trainedOn: DateString.describe('培训日期'),
  topic: Name.describe('培训内容'),
  hours: z.number().positive().max(200).describe('学时'),
  personIds: z.array(Uuid).min(1).max(2000).describe('参训人员'),
});
export type TrainingInput = z.infer<typeof TrainingInput>;

export const SelfRescueInput = z.strictObject({
  mineId: Uuid,
  practisedOn: DateString.describe('实操日期'),
  results: z
    .array(
      z.strictObject({
        personId: Uuid,
        seconds: z.number().positive().max(600).describe('佩戴用时 (秒)'),
      }),
    )
    .min(1)
    .max(2000),
});
export type SelfRescueInput = z.infer<typeof SelfRescueInput>;

export const PostCardInput = z.strictObject({
  mineId: Uuid,
  post: Name.describe('岗位'),
  riskListOn: DateString.nullable().default(null).describe('岗位风险清单编制日期'),
  dutyListOn: DateString.nullable().default(null).describe('岗位职责清单编制日期'),
  operationCardOn: DateString.nullable().default(null).describe('岗位操作卡编制日期'),
  emergencyCardOn: DateString.nullable().default(null).describe('应急处置卡编制日期'),
});
export type PostCardInput = z.infer<typeof PostCardInput>;

/** 逢查必考: the examinees of an inspection with their scores (the pass mark is in emergency.rules). */
export const ExamInput = z.strictObject({
  examinedOn: DateString.describe('考试日期'),
  results: z
    .array(
      z.strictObject({
        personId: Uuid.nullable().default(null).describe('在册人员 (或仅填姓名)'),
        name: Name.describe('姓名'),
        post: Text(100).default('').describe('岗位'),
        score: z.number().min(0).max(100).describe('得分'),
      }),
    )
    .min(1)
    .max(200),
});
export type ExamInput = z.infer<typeof ExamInput>;

/** A region's deadline for 两单两卡 at every post (a region code prefix). */
const PostCardDeadline = z.strictObject({
  regionPrefix: z.string().regex(/^\d{0,6}$/),
  dueOn: DateString,
  source: z.string().max(300),
});

/** The settings of emergency.rules. */
export const EmergencyRulesSchema = z.strictObject({
  /** When a mine with no record yet was first due (the plans run from 2024; UNVERIFIED). */
  firstDueOn: DateString,
  /** An 应急预案 must be revised within this many months (UNVERIFIED). */
  planRevisionMonths: z.number().int().min(1).max(120),
  /** 紧急撤离 drills at most this many months apart (西藏第4条, 原平第5条: 每半年). */
  drillMonths: z.number().int().min(1).max(24),
  /** 反风演习 of underground mines at most this many months apart (重大隐患判定标准 (二十)6). */
  reverseAirMonths: z.number().int().min(1).max(36),
  /** The 自救器 donning time to pass, in seconds (原平第3条: 30秒盲戴). */
  selfRescueSeconds: z.number().positive().max(300),
  /** Training hours each person must have in a calendar year (UNVERIFIED). */
  trainingHoursPerYear: z.number().min(0).max(500),
  /** The pass mark of 逢查必考 (UNVERIFIED). */
  examPassScore: z.number().min(0).max(100),
  /** 两单两卡 at every post by these dates; the longest matching prefix wins. */
  postCardDeadlines: z.array(PostCardDeadline).max(100),
  /** Days after the due date at which a finding climbs each rung. */
  ladderDays: z.array(z.number().int().min(0).max(3650)).min(1).max(10),
});
export type EmergencyRules = z.infer<typeof EmergencyRulesSchema>;

export const defaultEmergencyRules: EmergencyRules = {
  firstDueOn: '2024-06-30',
  // 《生产安全事故应急预案管理办法》 asks for an evaluation every three years (UNVERIFIED here).
  planRevisionMonths: 36,
  drillMonths: 6,
  reverseAirMonths: 12,
  selfRescueSeconds: 30,
  // 《生产经营单位安全培训规定》: 非煤矿山从业人员每年再培训不少于20学时 (UNVERIFIED here).
  trainingHoursPerYear: 20,
  examPassScore: 80,
  postCardDeadlines: [
    {
      regionPrefix: '5401',
      dueOn: '2024-12-31',
      source:
        '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(七)5: 到2024年底重点岗位“两单两卡”编制率100%',
    },
  ],
  ladderDays: [1, 30, 90],
};

/** The rules a finding names. */
export const emergencyRuleNames = [
  '应急预案修订',
  '应急演练',
  '反风演习',
  '矿山救护协议',
  '自救器实操',
  '全员安全培训',
  '两单两卡',
] as const;
export type EmergencyRuleName = (typeof emergencyRuleNames)[number];

/** What the registers say of a mine on a day, for the rule. */
export interface EmergencyMineState {
  countyCode: string;
  underground: boolean;
  lastPlanOn: string | null;
  lastDrillOn: string | null;
  lastReverseAirOn: string | null;
  /** The latest validity end of an agreement signed on or before the day. */
  rescueValidUntil: string | null;
  lastSelfRescueOn: string | null;
  /** Active people, and how many had fewer hours than the rule in the last full calendar year. */
  people: number;
  shortOfHoursLastYear: number;
  /** Posts registered, and how many have all four papers dated on or before the day. */
  posts: number;
  postsComplete: number;
}

export interface EmergencyFinding {
  rule: EmergencyRuleName;
  /** The last day it was in order: overdue the day after. */
  dueOn: string;
  message: string;
  source: string;
}

const sources: Record<EmergencyRuleName, string> = {
  应急预案修订:
    '《2024年矿山安全生产工作要点》第29条 (及时修编应急预案); 修订周期 emergency.rules (UNVERIFIED)',
  应急演练:
    '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第4条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第5条 (每半年至少一次紧急撤离和逃生避险应急演练)',
  反风演习:
    '《2024年矿山安全生产工作要点》第30条 (组织开展反风演习); 《金属非金属矿山重大事故隐患判定标准》(二十)6 (反风试验周期超过1年)',
  矿山救护协议:
    '《2024年矿山安全生产工作要点》第29条 (建立专职矿山救护队或与专业矿山救护队签订协议)',
  自救器实操:
    '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第3条 (每月至少一次自救器实操培训, 30秒盲戴)',
  全员安全培训:
    '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第3、4条; 《2024年矿山安全生产工作要点》第24条; 年度学时 emergency.rules (UNVERIFIED)',
  两单两卡:
    '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(七)5 (重点岗位“两单两卡”2024年底编制率100%)',
};

/** The 两单两卡 deadline of a county, if its region has one (the longest matching prefix). */
export function postCardDeadline(rules: EmergencyRules, countyCode: string): string | null {
  const match = rules.postCardDeadlines
    .filter((d) => countyCode.startsWith(d.regionPrefix))
    .sort((a, b) => b.regionPrefix.length - a.regionPrefix.length)[0];
  return match?.dueOn ?? null;
}

/** When a periodic record dated `last` is next due (`months` later); the first due date without one. */
export function periodicDue(rules: EmergencyRules, last: string | null, months: number): string {
  return last === null ? rules.firstDueOn : addMonths(last, months);
}

/**
 * When the next 自救器 practice is due: every calendar month needs one (原平第3条 每月至少一次), so after
 * a practice in one month the next is due by the end of the following month.
 */
export function selfRescueDue(rules: EmergencyRules, last: string | null): string {
  return last === null ? rules.firstDueOn : monthEnd(addMonths(`${last.slice(0, 7)}-01`, 1));
}

/** Whether a donning time passes (原平第3条: 30秒盲戴, the limit itself passes). */
export function selfRescuePassed(rules: EmergencyRules, seconds: number): boolean {
  return seconds <= rules.selfRescueSeconds;
}

/** Every register of a mine out of date on `today`, with its due date; empty when all are in order. */
export function emergencyFindings(
  rules: EmergencyRules,
  m: EmergencyMineState,
  today: string,
): EmergencyFinding[] {
  const out: EmergencyFinding[] = [];
  const add = (rule: EmergencyRuleName, dueOn: string, message: string) => {
    if (today > dueOn) {
      out.push({ rule, dueOn, message, source: sources[rule] });
    }
  };
  const since = (last: string | null, what: string) =>
    last === null ? `无${what}记录` : `上次${what} ${last}`;
  add(
    '应急预案修订',
    periodicDue(rules, m.lastPlanOn, rules.planRevisionMonths),
    m.lastPlanOn === null ? '未登记应急预案' : `应急预案 ${m.lastPlanOn} 修订后逾期未修订`,
  );
  add(
    '应急演练',
    periodicDue(rules, m.lastDrillOn, rules.drillMonths),
    `${since(m.lastDrillOn, '紧急撤离演练')}, 超过半年未演练`,
  );
  if (m.underground) {
    add(
      '反风演习',
      periodicDue(rules, m.lastReverseAirOn, rules.reverseAirMonths),
      `${since(m.lastReverseAirOn, '反风演习')}, 逾期未演习`,
    );
    add(
      '自救器实操',
      selfRescueDue(rules, m.lastSelfRescueOn),
      `${since(m.lastSelfRescueOn, '自救器实操')}, 当月未组织`,
    );
  }
  add(
    '矿山救护协议',
    m.rescueValidUntil ?? rules.firstDueOn,
    m.rescueValidUntil === null ? '无矿山救护队或救护协议' : `救护协议 ${m.rescueValidUntil} 到期`,
  );
  if (m.shortOfHoursLastYear > 0) {
    const year = Number(today.slice(0, 4)) - 1;
    add(
      '全员安全培训',
      `${year}-12-31`,
      `${year} 年 ${m.shortOfHoursLastYear}/${m.people} 人培训学时不足 ${rules.trainingHoursPerYear}`,
    );
  }
  const cardsDue = postCardDeadline(rules, m.countyCode);
  if (cardsDue !== null && (m.posts === 0 || m.postsComplete < m.posts)) {
    add(
      '两单两卡',
      cardsDue,
      m.posts === 0 ? '未登记岗位两单两卡' : `两单两卡编制 ${m.postsComplete}/${m.posts} 个岗位`,
    );
  }
  return out;
}

/** The rungs of a finding due on `dueOn` that have fallen due by `today` (overdue from the day after). */
export function emergencySteps(rules: EmergencyRules, dueOn: string, today: string) {
  return rules.ladderDays
    .map((d, i) => ({ step: `第${i + 1}级`, dueOn: addDays(dueOn, d) }))
    .filter((s) => s.dueOn <= today);
}
