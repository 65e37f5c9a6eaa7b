/**
 * @module The typed audit events. Stored JSON outlives the code: changing the shape of an event that
 * is already stored needs a migration of the stored rows, or a new event type.
 */

/** Which entity kinds appear in the trail. */
export type AuditEntityType =
  | 'enterprise'
  | 'mine'
  | 'licence'
  | 'person'
  | 'contractor'
  | 'contractor_staff'
  | 'user'
  | 'api_token'
  | 'setting'
  | 'hazard'
  | 'hazard_standard'
  | 'self_inspection_report'
  | 'monitoring_facility'
  | 'sensor'
  | 'alarm'
  | 'maintenance_window'
  | 'lead'
  | 'mine_meter'
  | 'mine_area'
  | 'series_import'
  | 'inspection_plan'
  | 'inspection'
  | 'penalty'
  | 'enforcement_document'
  | 'work_plan'
  | 'work_task'
  | 'plan_report'
  | 'accident'
  | 'public_report';

/** Every audit event type, `<module>.<entity>.<verb>`, with the entity it is about. */
export const auditEventTypes = {
  /** An enterprise was registered. */
  'registry.enterprise.created': 'enterprise',
  /** An enterprise's facts were edited. */
  'registry.enterprise.updated': 'enterprise',
  /** An enterprise was archived (hidden from lists, kept for history). */
  'registry.enterprise.archived': 'enterprise',
  /** A mine was registered, by hand or by import. */
  'registry.mine.created': 'mine',
  /** A mine's facts were edited. */
  'registry.mine.updated': 'mine',
  /** A mine's status changed (建设/生产/停产整顿/停工停产/关闭), with the reason. */
  'registry.mine.status_changed': 'mine',
  /** A mine was archived. */
  'registry.mine.archived': 'mine',
  /** A licence was added to a mine. */
  'registry.licence.created': 'licence',
  /** A licence was edited (e.g. renewed). */
  'registry.licence.updated': 'licence',
  /** A licence was archived. */
  'registry.licence.archived': 'licence',
  /** A person was added to a mine. */
  'registry.person.created': 'person',
  /** A person's facts or certificates changed. */
  'registry.person.updated': 'person',
  /** A person left the mine. */
  'registry.person.archived': 'person',
  /** A contractor was engaged. */
  'registry.contractor.created': 'contractor',
  /** A contractor's engagement was edited. */
  'registry.contractor.updated': 'contractor',
  /** A contractor's engagement was archived. */
  'registry.contractor.archived': 'contractor',
  /** A contractor's project staff member was registered (seed 000 第18条). */
  'registry.contractorStaff.created': 'contractor_staff',
  /** A contractor's project staff member was edited. */
  'registry.contractorStaff.updated': 'contractor_staff',
  /** A contractor's project staff member left (archived). */
  'registry.contractorStaff.archived': 'contractor_staff',
  /** A user account was created. */
  'access.user.created': 'user',
  /** An API token was issued. */
  'access.token.created': 'api_token',
  /** An API token was revoked. */
  'access.token.revoked': 'api_token',
  /** A rule parameter was changed. */
  'settings.setting.updated': 'setting',
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
  /** 责令停产整顿 was ordered for the hazard's mine. */
  'hazards.hazard.mine_suspended': 'hazard',
  /** A mine filed its monthly self-inspection report (hazards found, or 零报告). */
  'hazards.report.filed': 'self_inspection_report',
  /** A monthly report is missing past its due day: an escalation step was taken. */
  'hazards.report.escalated': 'self_inspection_report',
  /** An evidence file was added to a hazard (its SHA-256 in the event). */
  'hazards.evidence.added': 'hazard',
  /** A new version of a determination standard was added to the catalogue. */
  'hazards.standard.created': 'hazard_standard',
  /** A monitored facility was registered under a mine. */
  'monitoring.facility.created': 'monitoring_facility',
  /** A monitoring point was registered (by hand or by import), with its detection parameters. */
  'monitoring.sensor.created': 'sensor',
  /** A sensor's thresholds or detection parameters were changed (with the reason). */
  'monitoring.sensor.spec_changed': 'sensor',
  /** A sensor was taken out of service. */
  'monitoring.sensor.archived': 'sensor',
  /** A maintenance window was opened (calls suppressed, recording continues). */
  'monitoring.maintenance.created': 'maintenance_window',
  /** A maintenance window was ended early. */
  'monitoring.maintenance.cancelled': 'maintenance_window',
  /** An alarm was acknowledged (叫应确认). */
  'monitoring.alarm.acknowledged': 'alarm',
  /** What was checked on site was reported (回应). */
  'monitoring.alarm.responded': 'alarm',
  /** A 响应 record (停产撤人 …) was entered. */
  'monitoring.alarm.response_recorded': 'alarm',
  /** An alarm was closed by hand with a disposal note. */
  'monitoring.alarm.closed': 'alarm',
  /** The multi-factor comparison opened a lead (线索), with its evidence. */
  'leads.lead.detected': 'lead',
  /** A handling unit turned a verified 举报 into a lead for the mine (or added it to the open one). */
  'leads.lead.raised': 'lead',
  /** New evidence extended an open lead's window. */
  'leads.lead.extended': 'lead',
  /** A lead was assigned to an inspector for on-site checking (已指派). */
  'leads.lead.assigned': 'lead',
  /** The on-site result was recorded (已核查). */
  'leads.lead.verified': 'lead',
  /** A lead became a major hazard or an inspection finding. */
  'leads.lead.converted': 'lead',
  /** A lead was dismissed, with the reason. */
  'leads.lead.dismissed': 'lead',
  /** A meter was registered for imports of a mine's series. */
  'leads.meter.created': 'mine_meter',
  /** A meter was taken out of use. */
  'leads.meter.archived': 'mine_meter',
  /** An underground area was registered (采掘工作面 or another area). */
  'leads.area.created': 'mine_area',
  /** An area's kind or state changed (e.g. a face sealed). */
  'leads.area.updated': 'mine_area',
  /** A file of meter readings was imported (file digest, rows, meters, periods). */
  'leads.series.imported': 'series_import',
  /** A unit's yearly inspection plan was generated and stored (or regenerated). */
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
  /** A plan (攻坚清单) was created. */
  'plans.plan.created': 'work_plan',
  /** Tasks were imported from a 任务分解表. */
  'plans.plan.tasks_imported': 'work_plan',
  /** A task was added to a plan. */
  'plans.task.created': 'work_task',
  /** A task's content, units, deadline or target changed. */
  'plans.task.updated': 'work_task',
  /** A responsible unit reported progress. */
  'plans.task.reported': 'work_task',
  /** An overdue task took a step of the escalation ladder. */
  'plans.task.escalated': 'work_task',
  /** An evidence file was attached to a progress report. */
  'plans.task.evidence_added': 'work_task',
  /** A periodic report was made and archived (by the scheduler or on demand). */
  'plans.report.generated': 'plan_report',
  /** An accident was reported (with its grade, and the suspension or 约谈 it set off). */
  'accountability.accident.reported': 'accident',
  /** A report up the chain was recorded, on time or late. */
  'accountability.accident.chain_reported': 'accident',
  /** A 约谈 was held. */
  'accountability.interview.held': 'accident',
  /** A 举报 came in through the public form (no identity in the trail). */
  'accountability.public_report.received': 'public_report',
  /** A 举报 took a step: 受理 or 不予受理, 核实, 办理, 反馈, 奖励. */
  'accountability.public_report.stepped': 'public_report',
  /** A 举报 step ran past its time limit and was escalated. */
  'accountability.public_report.escalated': 'public_report',
} as const satisfies Record<string, AuditEntityType>;

export type AuditEventType = keyof typeof auditEventTypes;

/** What a use case hands to `recordAudit`: before/after are presented (API-shaped) snapshots. */
export interface AuditEvent<T extends AuditEventType = AuditEventType> {
  type: T;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Who did it and from where. */
export interface AuditActor {
  actorId: string | null;
  /** Username, or `cli:<os user>` / `system:seed` for non-interactive actors. */
  actorLabel: string;
  ip: string | null;
}
