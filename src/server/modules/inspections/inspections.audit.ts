/**
 * @module The audit events of enforcement, `<module>.<entity>.<verb>` → the entity they are about, and
 * the recorder its use cases write them with (inside the change's transaction). Stored JSON outlives
 * the code: changing the shape of a stored event needs a migration or a new event type.
 */
import type { AuditEventCatalogue } from '../../platform/audit/audit.events.ts';
import { auditRecorder } from '../../platform/audit/audit.service.ts';

export const inspectionsAuditEvents = {
  /**
   * A unit's yearly inspection schedule was generated and stored (or regenerated). The stored type
   * and entity keep the word "plan" they were first written with (hash-chained).
   */
  'inspections.plan.saved': 'inspection_plan',
  /** An inspection was recorded (team, kind, mine, checklist). */
  'inspections.inspection.created': 'inspection',
  /** Its checklist, summary, body-camera reference or recheck date changed. */
  'inspections.inspection.updated': 'inspection',
  /** A finding was recorded (a major hazard enters the ledger with it). */
  'inspections.inspection.finding_added': 'inspection',
  /** A photo was attached. */
  'inspections.inspection.photo_added': 'inspection',
  /** 责令停产整顿 was ordered on site (the registry records the status change too). */
  'inspections.inspection.mine_suspended': 'inspection',
  /** 复工复产验收 of a suspension order. */
  'inspections.inspection.resumption_decided': 'inspection',
  /** 复查 was done. */
  'inspections.inspection.rechecked': 'inspection',
  /** Marked or unmarked as a 典型案例. */
  'inspections.inspection.typical_marked': 'inspection',
  /** A 异地交叉执法 arrangement was made (units, target region, period, pool of inspectors). */
  'inspections.cross_arrangement.created': 'cross_arrangement',
  /** It was ended before its end date, with the reason. */
  'inspections.cross_arrangement.ended': 'cross_arrangement',
  /** An administrative penalty was decided. */
  'inspections.penalty.decided': 'penalty',
  /** A penalty's status or payment changed. */
  'inspections.penalty.updated': 'penalty',
  /** An enforcement document was opened from a template. */
  'inspections.document.created': 'enforcement_document',
  /** A new revision of a document was written. */
  'inspections.document.revised': 'enforcement_document',
  /** An inspector signed a revision. */
  'inspections.document.signed': 'enforcement_document',
} as const satisfies AuditEventCatalogue;

/** Appends inspections events to the trail inside the caller's transaction. */
export const recordAudit = auditRecorder(inspectionsAuditEvents);
