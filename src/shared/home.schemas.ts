/**
 * @module The home page's one summary (issue 23 §1): what needs the signed-in person now, by audience —
 * regulators, enterprises, a mine's duty officer — each count with the filtered list it links to.
 */
import { z } from 'zod';
import { RegionCode } from './common.schemas.ts';
import { hazardStates } from './hazard.enums.ts';
import { alarmKinds, alarmStates, warningLevels } from './monitoring.enums.ts';
import { WarningCallWithWarning } from './warnings.schemas.ts';

/** Whom the home is built for: the role's kind of organisation (a system admin sees the regulators' home). */
export const homeAudiences = ['regulator', 'enterprise', 'mine'] as const;
export type HomeAudience = (typeof homeAudiences)[number];

/** What may need the person now (labels in the web's locale files, `home.need.<key>`). */
export const homeNeedKeys = [
  // regulators
  'alarmsUnanswered',
  'hazardsOverdue',
  'leadsUnassigned',
  'stoppedActivity',
  'publicReportsOverdue',
  'documentsToSign',
  'accidentReportsLate',
  // enterprises
  'selfInspectionsDue',
  'parentInspectionsDue',
  'hazardsToRectify',
  'documentsReceived',
  // a mine's duty officer
  'alarmsOpen',
  // enterprises and a mine's duty officer: regulators' warnings not yet answered
  'warningsToAnswer',
] as const;
export type HomeNeedKey = (typeof homeNeedKeys)[number];

export const HomeQuery = z.strictObject({ region: RegionCode.optional() });

const HomeNeed = z.object({
  key: z.enum(homeNeedKeys),
  count: z.number().int(),
  /** Since when the oldest of them has waited (alarms unanswered), when that matters. */
  oldestAt: z.string().nullable(),
  /** A breakdown of the count (e.g. overdue hazards by the ladder's last step reached). */
  parts: z.array(z.object({ label: z.string(), count: z.number().int() })),
  /** The list that shows exactly these, filtered (a path of the web app). */
  link: z.string(),
});
export type HomeNeed = z.infer<typeof HomeNeed>;

const HomeHazard = z.object({
  id: z.uuid(),
  mineId: z.uuid(),
  mineName: z.string(),
  criterionCode: z.string(),
  description: z.string(),
  state: z.enum(hazardStates),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  supervised: z.boolean(),
});

const HomeAlarm = z.object({
  id: z.uuid(),
  mineName: z.string(),
  sensorId: z.uuid().nullable(),
  sensorCode: z.string().nullable(),
  kind: z.enum(alarmKinds),
  detail: z.string(),
  level: z.enum(warningLevels),
  state: z.enum(alarmStates),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  /** Raised from old readings (a resend, an import): it pages nobody. */
  historic: z.boolean(),
  /** In a maintenance window: it pages nobody. */
  suppressed: z.boolean(),
});
export type HomeAlarm = z.infer<typeof HomeAlarm>;

export const HomeResponse = z.object({
  audience: z.enum(homeAudiences),
  needs: z.array(HomeNeed),
  /** Enterprises: the open hazards by their deadline, nearest first (at most 10). */
  rectifying: z.array(HomeHazard),
  /** A mine's duty officer: the open alarms, newest first, to 叫应 from the home. */
  openAlarms: z.array(HomeAlarm),
  /** A mine's duty officer: today's calls (alarms opened today), with who answered and when. */
  callsToday: z.array(HomeAlarm),
  /** A mine's duty officer: regulators' warnings to the mine not yet responded, to 叫应 and 回应 from the home. */
  warnings: z.array(WarningCallWithWarning),
});
export type HomeResponse = z.infer<typeof HomeResponse>;
