/**
 * @module Accidents (issue 9 §2): kinds, the grade from the table of 《矿山生产安全事故报告和调查处理
 * 办法》 (2023, VERIFIED: the grade is the highest of deaths, serious injuries and direct loss), and
 * the chain notices (逐级报送) with their time limits as configuration: the mine to the county within
 * 1 hour and at the same time to the NMSA's provincial bureau (the 办法, VERIFIED); the city's report
 * of a non-coal accident to the 省级矿山安全监察机构 made 同步 with its report to the province, and the
 * province to the NMSA by phone in 10 and in writing in 30 minutes (《2024年矿山安全生产工作要点》第32条); the
 * county's and city's own limits are local practice, UNVERIFIED: see docs/sources.md. A parallel
 * (同时/同步) report has no clock of its own: it is due when the report it goes with is.
 */
import { z } from 'zod';
import { MINUTE_MS } from './dates.ts';

export const accidentKinds = [
  '冒顶片帮',
  '透水',
  '中毒窒息',
  '坍塌',
  '爆炸',
  '运输',
  '坠落',
  '机电',
  '火灾',
  '其他',
] as const;
export type AccidentKind = (typeof accidentKinds)[number];

export const AccidentGrade = {
  ExtraordinarilySerious: '特别重大',
  Major: '重大',
  Serious: '较大',
  General: '一般',
  NearMiss: '涉险',
} as const;
export type AccidentGrade = (typeof AccidentGrade)[keyof typeof AccidentGrade];
export const accidentGrades = Object.values(AccidentGrade) as [AccidentGrade, ...AccidentGrade[]];

/**
 * 《矿山生产安全事故报告和调查处理办法》: each grade's lower bounds (deaths, serious injuries, direct loss in yuan).
 */
export const gradeThresholds: {
  grade: AccidentGrade;
  deaths: number;
  injuries: number;
  lossYuan: number;
}[] = [
  { grade: AccidentGrade.ExtraordinarilySerious, deaths: 30, injuries: 100, lossYuan: 100_000_000 },
  { grade: AccidentGrade.Major, deaths: 10, injuries: 50, lossYuan: 50_000_000 },
  { grade: AccidentGrade.Serious, deaths: 3, injuries: 10, lossYuan: 10_000_000 },
  { grade: AccidentGrade.General, deaths: 1, injuries: 1, lossYuan: 1_000_000 },
];

/**
 * The grade: the highest grade any of the three reaches; below 一般 on all three it is a 涉险事故
 * (reported all the same, F2: "including 涉险事故").
 */
export function gradeAccident(a: {
  deaths: number;
  seriousInjuries: number;
  directLossYuan: number;
}): AccidentGrade {
  const hit = gradeThresholds.find(
    (t) =>
      a.deaths >= t.deaths || a.seriousInjuries >= t.injuries || a.directLossYuan >= t.lossYuan,
  );
  return hit?.grade ?? AccidentGrade.NearMiss;
}

/**
 * The regulator levels of the chain. A step is recorded by the level that gives it (县级 also records
 * the mine's reports it receives): a county does not record the city's or the province's reports.
 */
export const chainRecorders = ['县级', '市级', '省级'] as const;
export type ChainRecorder = (typeof chainRecorders)[number];

/** The level of a regulator rooted at a region (GB/T 2260: XX0000 a province, XXYY00 a city). */
export function regulatorLevelOf(regionCode: string): ChainRecorder {
  if (regionCode.endsWith('0000')) {
    return '省级';
  }
  return regionCode.endsWith('00') ? '市级' : '县级';
}

/**
 * Whether a caller may record a step: a regulator of the step's level; the national scope (系统管理)
 * any step; a step that names no level, any regulator.
 */
export function mayRecordStep(
  step: { recordedBy?: ChainRecorder | undefined },
  scope: { kind: string; regionCode?: string },
): boolean {
  if (scope.kind === 'all' || step.recordedBy === undefined) {
    return true;
  }
  return scope.regionCode !== undefined && regulatorLevelOf(scope.regionCode) === step.recordedBy;
}

/** A chain step's key (letters only). */
const StepKey = z.string().regex(/^[a-zA-Z]{1,40}$/);

/**
 * A step of the chain of notices: who notifies whom, and within how many minutes of what — or, for a
 * report made at the same time as another (同时, 同步), only which report it goes with: it is due
 * when that one is, with no clock of its own.
 */
export const ChainStepSchema = z
  .strictObject({
    key: StepKey,
    label: z.string().min(1).max(60),
    /** 'occurred' (the accident itself) or the key of the step whose notice starts the clock. */
    after: z.string().min(1).max(40).optional(),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    /** The step this report is made together with (同步): due when that step is due. */
    syncWith: StepKey.optional(),
    /** Only for accidents at non-coal mines (要点第32条: "接到非煤矿山事故信息后"). */
    nonCoalOnly: z.boolean().default(false),
    /** The level that records the step (none: any regulator). */
    recordedBy: z.enum(chainRecorders).optional(),
    source: z.string().min(1).max(200),
  })
  .superRefine((s, ctx) => {
    if (s.syncWith !== undefined && (s.after !== undefined || s.minutes !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['syncWith'],
        message: '同步报送的环节没有自己的起算点和时限',
      });
    }
    if (s.syncWith === undefined && (s.after === undefined || s.minutes === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['after'], message: '须给出起算环节和时限 (分钟)' });
    }
  });
export type ChainStep = z.infer<typeof ChainStepSchema>;
export const ChainStepsSchema = z
  .array(ChainStepSchema)
  .min(1)
  .max(10)
  .superRefine((steps, ctx) => {
    const seen = new Map<string, ChainStep>();
    steps.forEach((s, i) => {
      if (seen.has(s.key)) {
        ctx.addIssue({ code: 'custom', path: [i, 'key'], message: '环节重复' });
      }
      if (s.after !== undefined && s.after !== 'occurred' && !seen.has(s.after)) {
        ctx.addIssue({ code: 'custom', path: [i, 'after'], message: '起算环节须在此前列出' });
      }
      if (s.syncWith !== undefined) {
        const partner = seen.get(s.syncWith);
        if (!partner || partner.syncWith !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'syncWith'],
            message: '同步的环节须在此前列出, 且有自己的时限',
          });
        }
      }
      seen.set(s.key, s);
    });
    if (steps[0]?.after !== 'occurred') {
      // Filing the accident is the first step's notice (the mine's report).
      ctx.addIssue({ code: 'custom', path: [0, 'after'], message: '第一个环节须从事故发生起算' });
    }
  });

export const defaultChainSteps: ChainStep[] = [
  {
    key: 'mineToCounty',
    recordedBy: '县级',
    label: '矿山报告县级矿山安全监管部门',
    after: 'occurred',
    minutes: 60,
    nonCoalOnly: false,
    source: '《矿山生产安全事故报告和调查处理办法》(2023): 1小时内 (VERIFIED)',
  },
  {
    key: 'mineToProvincialBureau',
    recordedBy: '县级',
    label: '矿山同时报告国家矿山安全监察局省级局',
    syncWith: 'mineToCounty',
    nonCoalOnly: false,
    source:
      '《矿山生产安全事故报告和调查处理办法》(2023): 报告县级的同时报告国家矿山安全监察局省级局 (VERIFIED)',
  },
  {
    key: 'countyToCity',
    recordedBy: '县级',
    label: '县级报告市级',
    after: 'mineToCounty',
    minutes: 30,
    nonCoalOnly: false,
    source: '地方应急预案做法 (湖南省煤矿事故应急预案示例, UNVERIFIED)',
  },
  {
    key: 'cityToProvince',
    recordedBy: '市级',
    label: '市级报告省级矿山安全监管部门',
    after: 'countyToCity',
    minutes: 30,
    nonCoalOnly: false,
    source: '时限为地方应急预案做法 (UNVERIFIED)',
  },
  {
    key: 'cityToProvincialBureau',
    recordedBy: '市级',
    label: '市级同步报省级矿山安全监察机构 (非煤矿山)',
    syncWith: 'cityToProvince',
    nonCoalOnly: true,
    source:
      '《2024年矿山安全生产工作要点》第32条: 市级矿山安全监管监察部门接到非煤矿山事故信息后,同步报省级矿山安全监察机构',
  },
  {
    key: 'provincePhone',
    recordedBy: '省级',
    label: '省级电话报国家矿山安监局',
    after: 'cityToProvince',
    minutes: 10,
    nonCoalOnly: false,
    source: '《2024年矿山安全生产工作要点》第32条: 接到事故信息后10分钟内电话报',
  },
  {
    key: 'provinceWritten',
    recordedBy: '省级',
    label: '省级书面报国家矿山安监局',
    after: 'cityToProvince',
    minutes: 30,
    nonCoalOnly: false,
    source: '《2024年矿山安全生产工作要点》第32条: 30分钟内书面报',
  },
];

/** Coal mine kinds: the steps for non-coal accidents only (要点第32条) do not apply to them. */
const COAL_KINDS: readonly string[] = ['煤矿井工', '露天煤矿'];

/** The steps of the chain that apply to an accident at a mine of this kind. */
export function chainStepsFor(steps: readonly ChainStep[], mineKind: string): ChainStep[] {
  return steps.filter((s) => !(s.nonCoalOnly && COAL_KINDS.includes(mineKind)));
}

/** 按时, 迟报 (given after the limit), 逾期未报 (not given and past the limit), 待报. */
export const chainStepStates = ['按时', '迟报', '逾期未报', '待报'] as const;
export type ChainStepState = (typeof chainStepStates)[number];

/** One step of the chain of notices as it stands: its deadline, when it was given, its state. */
export interface ChainStepStatus {
  key: string;
  label: string;
  due: string | null;
  reportedAt: string | null;
  state: ChainStepState;
  lateMinutes: number;
  /** The level that records it (null: any regulator). */
  recordedBy: ChainRecorder | null;
}

/** Each step's deadline and state from the accident time and the chain notices given so far (pure). */
export function chainStatus(
  occurredAt: string,
  notices: { step: string; reportedAt: string }[],
  steps: ChainStep[],
  now: Date,
): ChainStepStatus[] {
  const at = new Map(notices.map((r) => [r.step, Date.parse(r.reportedAt)]));
  // Steps with their own clock first; a 同步 step is due when its partner is.
  const dueOf = new Map<string, number | null>();
  for (const s of steps) {
    if (s.syncWith === undefined && s.after !== undefined && s.minutes !== undefined) {
      const start = s.after === 'occurred' ? Date.parse(occurredAt) : at.get(s.after);
      dueOf.set(s.key, start === undefined ? null : start + s.minutes * MINUTE_MS);
    }
  }
  return steps.map((s) => {
    const due = (s.syncWith === undefined ? dueOf.get(s.key) : dueOf.get(s.syncWith)) ?? null;
    const reported = at.get(s.key);
    const late = (t: number) => (due === null ? 0 : Math.max(0, Math.ceil((t - due) / MINUTE_MS)));
    const state: ChainStepState =
      reported !== undefined
        ? due !== null && reported > due
          ? '迟报'
          : '按时'
        : due !== null && now.getTime() > due
          ? '逾期未报'
          : '待报';
    return {
      key: s.key,
      label: s.label,
      due: due === null ? null : new Date(due).toISOString(),
      reportedAt: reported === undefined ? null : new Date(reported).toISOString(),
      state,
      lateMinutes: reported !== undefined ? late(reported) : late(now.getTime()),
      recordedBy: s.recordedBy ?? null,
    };
  });
}

/**
 * 约谈 after a 较大 or 涉险 accident: the enterprise and its parent company (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》
 * 第21条, 《2024年矿山安全生产工作要点》第35条).
 */
export const interviewParties = ['企业', '上级公司'] as const;
export type InterviewParty = (typeof interviewParties)[number];
export const interviewStates = ['待约谈', '已约谈'] as const;
export type InterviewState = (typeof interviewStates)[number];

const Instant = z.iso.datetime({ offset: true });

export const AccidentInput = z.strictObject({
  mineId: z.uuid(),
  occurredAt: Instant.describe('事故发生时间 (ISO 8601, 含时区)'),
  kind: z.enum(accidentKinds),
  place: z.string().trim().min(1).max(200),
  deaths: z.number().int().min(0).max(1000),
  seriousInjuries: z.number().int().min(0).max(10_000),
  directLossYuan: z.number().min(0).max(1e11),
  description: z.string().trim().min(1).max(4000),
  /** When the mine reported to the county (default: now, the filing itself). */
  reportedAt: Instant.optional(),
});
export type AccidentInput = z.infer<typeof AccidentInput>;

/** How a chain notice was given. */
export const noticeChannels = ['电话', '书面', '系统'] as const;
export type NoticeChannel = (typeof noticeChannels)[number];

/** A chain notice: one step of the chain given, when and how. */
export const ChainNoticeInput = z.strictObject({
  step: z.string().regex(/^[a-zA-Z]{1,40}$/),
  reportedAt: Instant,
  channel: z.enum(noticeChannels),
  note: z.string().trim().max(1000).optional(),
});
export type ChainNoticeInput = z.infer<typeof ChainNoticeInput>;

export const InterviewInput = z.strictObject({
  heldOn: z.iso.date(),
  note: z.string().trim().min(1).max(2000),
  version: z.number().int().positive().optional(),
});
export type InterviewInput = z.infer<typeof InterviewInput>;
