/**
 * @module The thresholds of the 零处罚 / 只检查不处罚 flags (the setting inspections.enforcementFlags),
 * shared because the statistics answer carries them to the web.
 */
import { z } from 'zod';

/**
 * When a region or an inspector is flagged for 零处罚 or 只检查不处罚 over the period looked at
 * (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第20条: 对“零处罚”“只检查不处罚”等工作不力、处罚条款落实不到位的地区进行约谈通报). The plans name the flags
 * but not their thresholds: these are minewatch defaults for each regulator to set.
 */
export const EnforcementFlagsSchema = z.strictObject({
  /** 零处罚: at least this many inspections and not one penalty. */
  zeroPenaltyMinInspections: z.number().int().min(1).max(10_000),
  /** 只检查不处罚: at least this many findings (hazards and violations) and not one penalty. */
  inspectOnlyMinFindings: z.number().int().min(1).max(10_000),
});
export type EnforcementFlags = z.infer<typeof EnforcementFlagsSchema>;
export const defaultEnforcementFlags: EnforcementFlags = {
  zeroPenaltyMinInspections: 5,
  inspectOnlyMinFindings: 3,
};
