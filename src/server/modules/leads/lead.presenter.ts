/** @module Lead rows → API shapes. */
import { describeActor } from '../../../shared/actors.ts';
import type { MineStatus } from '../../../shared/registry.enums.ts';
import type { StoredBreach } from './lead.detect.ts';
import type { InspectorRow } from './lead.repository.ts';
import type { leadEvents, leads } from './leads.table.ts';

export interface LeadJoined {
  l: typeof leads.$inferSelect;
  mineName: string;
  countyCode: string;
  countyName: string;
  mineStatus: MineStatus;
  assigneeName: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A lead row with its mine and assignee → the API's lead. */
export function presentLead({
  l,
  mineName,
  countyCode,
  countyName,
  mineStatus,
  assigneeName,
}: LeadJoined) {
  return {
    id: l.id,
    mineId: l.mineId,
    mineName,
    countyCode,
    countyName,
    mineStatus,
    rule: l.rule,
    status: l.status,
    score: l.score,
    windowStart: l.windowStart.toISOString(),
    windowEnd: l.windowEnd.toISOString(),
    summary: l.summary,
    criterionCode: l.criterionCode,
    majorHazard: l.majorHazard,
    assigneeId: l.assigneeId,
    assigneeName,
    assignedAt: iso(l.assignedAt),
    verifiedAt: iso(l.verifiedAt),
    verification: l.verification,
    hazardId: l.hazardId,
    inspectionRef: l.inspectionRef,
    closeNote: l.closeNote,
    closedAt: iso(l.closedAt),
    detectedAt: l.detectedAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
    version: l.version,
  };
}
export type PresentedLead = ReturnType<typeof presentLead>;

/** The breaches stored in a lead's evidence. */
export const breachesOf = (l: typeof leads.$inferSelect) =>
  (l.evidence as { breaches: StoredBreach[] }).breaches;

/** The inspections a 停产迎检 lead's evidence names (none for the other rules). */
export const inspectionsOf = (l: typeof leads.$inferSelect) =>
  (l.evidence as { inspections?: { id: string; label: string }[] }).inspections ?? [];

/** A step of a lead's timeline → the API's event. */
export const presentLeadEvent = (
  e: typeof leadEvents.$inferSelect & { actorName?: string | null },
) => ({
  id: e.id,
  at: e.at.toISOString(),
  type: e.type,
  actor: e.actorName ?? describeActor(e.actor),
  note: e.note,
  detail: e.detail,
});

/** An inspector a lead may be assigned to → the API's assignee (without the unit's region). */
export const presentAssignee = (u: InspectorRow) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  organisationName: u.organisationName,
});
