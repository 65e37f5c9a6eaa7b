/** @module The audit events of the stopped-mines loop, written inside each change's transaction. */
import type { AuditEventCatalogue } from '../../platform/audit/audit.events.ts';
import { auditRecorder } from '../../platform/audit/audit.service.ts';

export const stoppedAuditEvents = {
  /** A stopped mine filed its 整改方案. */
  'stopped.plan.filed': 'stopped_plan',
  /** A stopped mine declared work in advance. */
  'stopped.declaration.filed': 'stopped_declaration',
  /** A regulator rejected a declaration, with the reason. */
  'stopped.declaration.rejected': 'stopped_declaration',
  /** A 包保责任人 was assigned to a stopped mine. */
  'stopped.warden.assigned': 'stopped_warden',
  /** A 驻矿盯守 / 巡查 visit was recorded. */
  'stopped.patrol.recorded': 'stopped_patrol',
  /** A photo was added to a visit. */
  'stopped.patrol.photo_added': 'stopped_patrol',
  /** A 包保责任人's visit was overdue and a step of stopped.patrolLadder was taken. */
  'stopped.patrol.escalated': 'stopped_warden',
} as const satisfies AuditEventCatalogue;

export const recordAudit = auditRecorder(stoppedAuditEvents);
