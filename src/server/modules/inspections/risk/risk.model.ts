/**
 * @module The risk model and inspection frequencies of 精准执法 (the setting inspections.riskModel;
 * issue 7 §1; 《2024年矿山安全生产工作要点》第40条: 动态调整矿山等级分类, 差异化执法, more inspections
 * for complex systems and frequent management changes; 《拉萨市关于加强非煤矿山安全生产工作的实施意见》
 * 二(八)5: 减少二级及以上标准化企业的安全执法频次). No text gives the weights, classes or frequencies:
 * they are editable configuration, UNVERIFIED, to be set by each regulator. Server only: the web shows
 * the scores and reasons, not the model.
 */
import { z } from 'zod';

const weight = z.number().min(-100).max(100);
const cap = z.number().min(0).max(1000);
const perItem = z.strictObject({ each: weight, max: cap });

export const RiskModelSchema = z.strictObject({
  /** Points by mine kind, scale and standardization level (values are the Chinese terms). */
  kind: z.record(z.string(), weight),
  scale: z.record(z.string(), weight),
  standardization: z.record(z.string(), weight),
  /** Points when the mine's disaster grade (from its passed survey) is 复杂 or 极复杂. */
  disasterGrade: weight,
  openHazards: perItem,
  overdueHazards: perItem,
  /** Alarms and unanswered calls in the last 90 days. */
  alarms90d: perItem,
  unansweredCalls90d: perItem,
  openLeads: perItem,
  /** Accidents in the last 3 years. */
  accidents3y: perItem,
  /**
   * Duties of the plans the mine has let lapse (普查, 演练, 边坡分析, 带班下井 …; each register's findings).
   * A model saved before this factor existed gets the default.
   */
  lapsedDuties: perItem.default({ each: 5, max: 20 }),
  /** Changes of 主要负责人 / 矿长 in the last 12 months at or above which management counts as unstable. */
  managementChangesThreshold: z.number().int().min(1).max(20),
  managementUnstable: weight,
  /** Class boundaries (score ≥ value), highest first, and routine inspections a year per class. */
  classes: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(20),
        minScore: z.number(),
        perYear: z.number().int().min(0).max(52),
      }),
    )
    .min(1),
  /** Standardization levels whose mines get fewer routine inspections, and the factor applied. */
  reducedLevels: z.array(z.string()),
  reducedFactor: z.number().min(0).max(1),
});
export type RiskModel = z.infer<typeof RiskModelSchema>;

export const defaultRiskModel: RiskModel = {
  kind: {
    煤矿井工: 20,
    金属非金属地下矿山: 15,
    尾矿库: 15,
    露天煤矿: 10,
    金属非金属露天矿山: 8,
    排土场: 5,
  },
  scale: { 大型: 5, 中型: 5, 小型: 8 },
  standardization: { 一级: -10, 二级: -5, 三级: 0, 未达标: 10 },
  disasterGrade: 15,
  openHazards: { each: 5, max: 20 },
  overdueHazards: { each: 8, max: 24 },
  alarms90d: { each: 1, max: 10 },
  unansweredCalls90d: { each: 3, max: 15 },
  openLeads: { each: 6, max: 18 },
  accidents3y: { each: 15, max: 30 },
  lapsedDuties: { each: 5, max: 20 },
  managementChangesThreshold: 2,
  managementUnstable: 10,
  classes: [
    { name: 'A', minScore: 60, perYear: 12 },
    { name: 'B', minScore: 40, perYear: 6 },
    { name: 'C', minScore: 20, perYear: 4 },
    { name: 'D', minScore: -1000, perYear: 2 },
  ],
  reducedLevels: ['一级', '二级'],
  reducedFactor: 0.5,
};
