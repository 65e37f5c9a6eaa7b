/**
 * @module The parameters of the lead rules (issue 6 §2), editable in settings (`leads.rules`); server only. Numbers
 * taken from a text name it; the rest are detection tuning, chosen on the labelled synthetic set
 * (`npm run eval:leads`) and marked as such.
 */
import { z } from 'zod';
import { mineStatuses } from '../../../../shared/registry.enums.ts';

const ratio = z.number().min(0).max(100);
const count = z.number().int().min(1).max(1000);

/**
 * 停产迎检 (《2024年矿山安全生产工作要点》第41条 "企业不得停产迎检"; issue 24). The clause names the act, not numbers:
 * every number below is minewatch's choice (UNVERIFIED).
 */
const InspectionDodgeSchema = z.strictObject({
  /** Days before the inspection day searched for the drop; the baseline ends where they start. */
  windowDays: count,
  /** Days before that which make the baseline (their median) … */
  baselineDays: count,
  /** … of which at least this many must have data. */
  baselineMinDays: count,
  /** A day has dropped when its value is at most (1 − dropRatio) × the baseline. */
  dropRatio: z.number().min(0).max(1),
  /** The drop holds through the inspection day and begins at least this many days before it. */
  minDaysBefore: z.number().int().min(0).max(30),
  /** Recovered: a day within this many days after the inspection at least recoveryRatio × the baseline. */
  recoveryDays: count,
  recoveryRatio: z.number().min(0).max(10),
  /** A factor is judged only above these baselines (kWh a day, people): a near-idle series proves nothing. */
  minBaselinePowerKwh: z.number().min(0).max(1e8),
  minBaselinePeople: z.number().min(0).max(100_000),
});

export const defaultInspectionDodge: z.infer<typeof InspectionDodgeSchema> = {
  windowDays: 3,
  baselineDays: 14,
  baselineMinDays: 7,
  dropRatio: 0.5,
  minDaysBefore: 1,
  recoveryDays: 3,
  recoveryRatio: 0.8,
  minBaselinePowerKwh: 100,
  minBaselinePeople: 3,
};

export const LeadRulesSchema = z.strictObject({
  stopped: z.strictObject({
    /** Statuses under which a mine must not work (issue 6 §2). */
    statuses: z.array(z.enum(mineStatuses)).min(1),
    /** Power above (1 + ratio) × the stopped-period baseline + margin … */
    powerRatio: ratio,
    powerMarginKwh: z.number().min(0).max(1e6),
    /** … for this many consecutive hours (a single glitchy hour or a catch-up after a gap is not enough). */
    powerSustainHours: count,
    /** The baseline is this quantile of the mine's own hourly power while stopped. */
    baselineQuantile: z.number().min(0).max(1),
    /** Hours of stopped-period data needed before the baseline is trusted. */
    baselineMinHours: count,
    /** 同一作业地点 ≤ 9 人 (《2024年矿山安全生产工作要点》第18条, national). */
    perSiteLimit: z.number().int().min(0).max(1000),
    /**
     * ≤ 10 人 (《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)5) and the regions (GB/T 2260 prefixes) where it applies
     * instead.
     */
    perSiteLimitLhasa: z.number().int().min(0).max(1000),
    lhasaRegionPrefixes: z.array(z.string().regex(/^\d{2,6}$/)).max(100),
    headcountSustainHours: count,
    /** Explosives drawn or used above this (kg) on a stopped day. */
    explosivesMinKg: z.number().min(0).max(1e6),
  }),
  hiddenFace: z.strictObject({
    /** Factors compared against reported production. */
    factors: z
      .array(
        z.enum(['用电量', '民爆使用量', '民爆领用量', '风量', '运输量', '瓦斯涌出量', '涌水量']),
      )
      .min(1),
    historyDays: count,
    historyMinDays: count,
    /** Robust z of the residual (MAD scale) a day must exceed … */
    zThreshold: z.number().min(1).max(100),
    /** … with the scale never below this share of the factor's median (flat histories). */
    sigmaFloorRatio: z.number().min(0).max(1),
    /** … on at least this many days of a sliding window. */
    sustainDays: count,
    windowDays: count,
    /** People in an unregistered or sealed area: at least this many, for this many hours. */
    areaMinPeople: count,
    areaSustainHours: count,
  }),
  overStaffing: z.strictObject({
    /** Shift start hours (China Standard Time); each shift runs to the next start. */
    shiftStarts: z.array(z.number().int().min(0).max(23)).min(1).max(6),
    /** Coal: 单班人数超过限员 20% 以上 is 重大事故隐患 煤矿(1) (《煤矿重大事故隐患判定标准》第四条). */
    coalMajorRatio: ratio,
  }),
  overCapacity: z.strictObject({
    /** Non-coal 地下(三十): 年产量超过设计能力 ≥ 20%, or a month ≥ 20% of the annual design. */
    nonCoalAnnualRatio: ratio,
    nonCoalMonthShare: ratio,
    /** Coal 煤矿(1): 全年超过核定能力 10% 以上, or a month > 10% of the annual capacity. */
    coalAnnualRatio: ratio,
    coalMonthShare: ratio,
    /** A day's production counts at most this multiple of the month's median day (one glitch ≠ a lead). */
    glitchClipFactor: z.number().min(1).max(100),
  }),
  falsified: z.strictObject({
    /** Activity: at least this many people underground … */
    activityMinPeople: count,
    /** … and power at least this share of the mine's median power over hours with people down. */
    activityPowerShare: z.number().min(0).max(10),
    /** Monitoring silent (no readings) or flat (no point moved) for this many active hours in a row. */
    sustainHours: count,
    /**
     * 超限 that minewatch judged and the mine filed no abnormal-alarm record (YCBJ) for within the set time
     * (coal upload files, setting coalUpload.ycbjWithinMinutes): this many in the look-back make a finding.
     */
    unreportedMin: count.default(1),
  }),
  /** Settings stored before the rule existed read its defaults. */
  inspectionDodge: InspectionDodgeSchema.default(defaultInspectionDodge),
  /** Breaches closer than this merge into one finding. */
  mergeGapHours: count,
  /** How far back each evaluation looks (days); the history the baselines need. */
  lookbackDays: count,
  /** How often the job evaluates every mine (minutes). */
  everyMinutes: count,
});
export type LeadRules = z.infer<typeof LeadRulesSchema>;

export const defaultLeadRules: LeadRules = {
  stopped: {
    statuses: ['停产整顿', '停工停产', '关闭'],
    powerRatio: 0.5,
    powerMarginKwh: 20,
    powerSustainHours: 4,
    baselineQuantile: 0.25,
    baselineMinHours: 48,
    perSiteLimit: 9,
    perSiteLimitLhasa: 10,
    lhasaRegionPrefixes: ['5401'],
    headcountSustainHours: 2,
    explosivesMinKg: 0,
  },
  hiddenFace: {
    // 《2024年矿山安全生产工作要点》第42条 also names 瓦斯量 (a new face releases gas); a factor a mine does not
    // report is skipped. 涌水量 may be added, but inflow follows geology more than mining.
    factors: ['用电量', '民爆使用量', '风量', '运输量', '瓦斯涌出量'],
    historyDays: 56,
    historyMinDays: 21,
    zThreshold: 4,
    sigmaFloorRatio: 0.04,
    sustainDays: 3,
    windowDays: 7,
    areaMinPeople: 3,
    areaSustainHours: 2,
  },
  overStaffing: { shiftStarts: [0, 8, 16], coalMajorRatio: 0.2 },
  overCapacity: {
    nonCoalAnnualRatio: 0.2,
    nonCoalMonthShare: 0.2,
    coalAnnualRatio: 0.1,
    coalMonthShare: 0.1,
    glitchClipFactor: 3,
  },
  falsified: { activityMinPeople: 5, activityPowerShare: 0.5, sustainHours: 3, unreportedMin: 1 },
  inspectionDodge: defaultInspectionDodge,
  mergeGapHours: 24,
  lookbackDays: 70,
  everyMinutes: 60,
};
