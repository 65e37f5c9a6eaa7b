/**
 * @module API shapes of the mine map (issue 23 §3): the mines of a region as points with their worst open
 * alarm, and how many have no coordinates (counted, never drawn at 0,0).
 */
import { z } from 'zod';
import { RegionCode } from './common.schemas.ts';
import { warningLevels } from './monitoring.enums.ts';
import { mineKinds, mineStatuses } from './registry.enums.ts';

export const MineMapQuery = z.strictObject({
  region: RegionCode.optional().describe('只看该行政区划 (须在本辖区内)'),
});
export type MineMapQuery = z.infer<typeof MineMapQuery>;

export const MineMapPoint = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(mineKinds),
  status: z.enum(mineStatuses),
  countyCode: z.string(),
  longitude: z.number(),
  latitude: z.number(),
  /** The highest level among the mine's open alarms (GB 39496-2020 §5.5.4); null when none is open. */
  worstLevel: z.enum(warningLevels).nullable(),
  openAlarms: z.number().int(),
});
export type MineMapPoint = z.infer<typeof MineMapPoint>;

export const MineMapResponse = z.object({
  /**
   * The region the map shows: the one asked for, else the caller's own jurisdiction; null for a national
   * or enterprise caller who asked for none (the web then frames the points' counties).
   */
  regionCode: z.string().nullable(),
  mines: z.array(MineMapPoint),
  /** Mines in the region without coordinates (not drawn). */
  unlocated: z.number().int(),
});
export type MineMapResponse = z.infer<typeof MineMapResponse>;
