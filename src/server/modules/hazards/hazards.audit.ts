/**
 * @module The audit events of the major-hazard ledger, `<module>.<entity>.<verb>` → the entity they are about, and
 * the recorder its use cases write them with (inside the change's transaction). Stored JSON outlives
 * the code: changing the shape of a stored event needs a migration or a new event type.
 */
import type { AuditEventCatalogue } from '../../platform/audit/audit.events.ts';
import { auditRecorder } from '../../platform/audit/audit.service.ts';

export const hazardsAuditEvents = {
  /** A major hazard was reported (上报). */
  'hazards.hazard.reported': 'hazard',
  /** Its 五落实 plan was fixed (→ 治理中). */
  'hazards.hazard.planned': 'hazard',
  /** Its rectification was submitted for acceptance (→ 待验收). */
  'hazards.hazard.submitted': 'hazard',
  /** A regulator accepted the rectification (→ 已销号). */
  'hazards.hazard.accepted': 'hazard',
  /** A regulator refused the rectification (→ 治理中). */
  'hazards.hazard.rejected': 'hazard',
  /** 挂牌督办 was set or lifted. */
  'hazards.hazard.supervised': 'hazard',
  /** An escalation step (提醒/函告/通报/约谈/曝光) fell due for an overdue hazard. */
  'hazards.hazard.escalated': 'hazard',
  /**
   * The act of a reached ladder step was made (《2024年矿山安全生产工作要点》第20条): a 函告 or 通报 document, a
   * 约谈 record, or an 曝光.
   */
  'hazards.hazard.act_made': 'hazard',
  /**
   * An 曝光 was withdrawn with a reason (it left the public page): an entity of its own (the hazard's
   * id), seen only by regulators, as the hazard's acts show the reason to regulators only.
   */
  'hazards.hazard.exposure_withdrawn': 'hazard_exposure',
  /** A 约谈 commitment was marked fulfilled. */
  'hazards.hazard.commitment_fulfilled': 'hazard',
  /** A 约谈 commitment passed its deadline unfulfilled: a step of its ladder was taken. */
  'hazards.hazard.commitment_escalated': 'hazard',
  /** 责令停产整顿 was ordered for the hazard's mine. */
  'hazards.hazard.mine_suspended': 'hazard',
  /**
   * A hazard was placed under investigation (issue 24), or its investigation concluded: an entity of
   * its own (the hazard's id), seen only by regulators (the 倒查 names inspectors and 问责建议).
   */
  'hazards.investigation.opened': 'hazard_investigation',
  'hazards.investigation.concluded': 'hazard_investigation',
  /** A mine filed its monthly self-inspection report (hazards found, or 零报告). */
  'hazards.report.filed': 'self_inspection_report',
  /** A monthly report is missing past its due day: an escalation step was taken. */
  'hazards.report.escalated': 'self_inspection_report',
  /** An evidence file was added to a hazard (its SHA-256 in the event). */
  'hazards.evidence.added': 'hazard',
  /** A new version of a determination standard was added to the catalogue. */
  'hazards.standard.created': 'hazard_standard',
} as const satisfies AuditEventCatalogue;

/** Appends hazards events to the trail inside the caller's transaction. */
export const recordAudit = auditRecorder(hazardsAuditEvents);
