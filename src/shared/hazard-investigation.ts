/**
 * @module 重大事故隐患调查处理 (issue 24): 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第8条 and 《2024年矿山安全生产工作要点》
 * 第21条 (成立调查组, 查明原因, 认定责任, 提出问责建议; 有上级公司的, 严肃倒查上级公司主要负责人责任), and the
 * enforcement side of the 倒查: 方案第27条 and 要点第45条 (执法责任倒查: 谁检查、谁签名、谁负责; 重大事故隐患长期未查出的,
 * 启动倒查机制) — the inspections of the mine in the months before the hazard was found, with their inspectors.
 * How many months is not in the texts: the setting hazards.investigationLookbackMonths (UNVERIFIED).
 */
import { z } from 'zod';

const Text = (max: number) => z.string().trim().min(1).max(max);

/** Places a hazard under investigation: the team (names, with their units if they are not users). */
export const HazardInvestigationInput = z.strictObject({
  openedOn: z.iso.date(),
  team: z.array(Text(100)).min(1).max(30).describe('调查组成员'),
});
export type HazardInvestigationInput = z.infer<typeof HazardInvestigationInput>;

/** The investigation's conclusion: cause, responsibility, 问责建议, and what the 倒查 found. */
export const HazardInvestigationConclusion = z.strictObject({
  concludedOn: z.iso.date(),
  cause: Text(4000).describe('原因'),
  responsibility: Text(4000).describe('责任认定'),
  proposal: Text(4000).describe('问责建议'),
  parentCompanyReview: z
    .string()
    .trim()
    .max(4000)
    .optional()
    .describe('倒查上级公司主要负责人责任的结论'),
  enforcementReview: z
    .string()
    .trim()
    .max(4000)
    .optional()
    .describe('倒查执法检查 (谁检查、谁签名、谁负责) 的结论'),
});
export type HazardInvestigationConclusion = z.infer<typeof HazardInvestigationConclusion>;

export const LookbackInspection = z.object({
  id: z.string(),
  inspectedOn: z.string(),
  kind: z.string(),
  unitName: z.string(),
  inspectors: z.array(z.string()),
});

/** The 倒查 list: the mine's inspections in the window that did not find the hazard. */
export const HazardLookback = z.object({
  months: z.number(),
  from: z.string(),
  to: z.string(),
  parentCompany: z.string().nullable(),
  inspections: z.array(LookbackInspection),
});
export type HazardLookback = z.infer<typeof HazardLookback>;

export const HazardInvestigationResponse = z.object({
  investigation: z
    .object({
      openedOn: z.string(),
      team: z.array(z.string()),
      openedBy: z.string(),
      concludedOn: z.string().nullable(),
      cause: z.string().nullable(),
      responsibility: z.string().nullable(),
      proposal: z.string().nullable(),
      parentCompanyReview: z.string().nullable(),
      enforcementReview: z.string().nullable(),
      version: z.number(),
    })
    .nullable(),
  lookback: HazardLookback,
  canInvestigate: z.boolean(),
});
export type HazardInvestigationResponse = z.infer<typeof HazardInvestigationResponse>;
