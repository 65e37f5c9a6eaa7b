/**
 * @module Request and response shapes of the enforcement statistics (issue 7 §5): tallies per region
 * and month, the 零处罚 / 只检查不处罚 flags of regions and inspectors, and the monthly ranking.
 */
import { z } from 'zod';
import { RegionCode } from './common.schemas.ts';
import { enforcementFlagValues } from './inspections.enums.ts';
import { EnforcementFlagsSchema } from './inspections.settings.ts';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM');

export const EnforcementStatsQuery = z.strictObject({
  region: RegionCode.optional(),
  from: Month,
  to: Month,
});
export type EnforcementStatsQuery = z.infer<typeof EnforcementStatsQuery>;

/** An enforcement tally (statistics per region, month or inspector). */
export const EnforcementTotals = z.object({
  inspections: z.number().int(),
  /** 四不两直 inspections (every one without a stated reason to announce it; 《2024年矿山安全生产工作要点》第41条). */
  unannounced: z.number().int(),
  /** Inspections announced to the mine beforehand, each with its stated reason (整改复查, 复工复产验收 …). */
  announced: z.number().int(),
  /**
   * Inspections made under a 异地交叉执法 arrangement: each counts for the inspected mine's region and for the
   * inspecting unit's (so regions' tallies may add up to more than the whole).
   */
  crossInspections: z.number().int(),
  findings: z.number().int(),
  /** Penalties not revoked, and their amount in yuan. */
  penalties: z.number().int(),
  penaltyYuan: z.number(),
  rechecksDue: z.number().int(),
  rechecksOnTime: z.number().int(),
});
export type EnforcementTotals = z.infer<typeof EnforcementTotals>;

const Flags = z.array(z.enum(enforcementFlagValues));

/** The statistics of a period (months `from`–`to`) over the regions one level below the one looked at. */
export const EnforcementStatsResponse = z.object({
  from: z.string(),
  to: z.string(),
  /** Per region and month. */
  months: z.array(
    EnforcementTotals.extend({ code: z.string(), month: z.string(), name: z.string() }),
  ),
  /** Per region over the period, with its flags. */
  regions: z.array(EnforcementTotals.extend({ code: z.string(), name: z.string(), flags: Flags })),
  /** The ranking of the period's last month. */
  ranking: z.object({
    month: z.string(),
    rows: z.array(
      EnforcementTotals.pick({
        inspections: true,
        unannounced: true,
        findings: true,
        penalties: true,
        penaltyYuan: true,
      }).extend({ code: z.string(), name: z.string(), rank: z.number().int() }),
    ),
  }),
  /** Per inspector over the period, with their flags. */
  inspectors: z.array(
    EnforcementTotals.extend({ userId: z.uuid(), name: z.string(), flags: Flags }),
  ),
  /** The thresholds the flags were given by. */
  rules: EnforcementFlagsSchema,
});
export type EnforcementStatsResponse = z.infer<typeof EnforcementStatsResponse>;
