/**
 * @module The audit events of accountability (accidents, 举报), `<module>.<entity>.<verb>` → the entity they are about, and
 * the recorder its use cases write them with (inside the change's transaction). Stored JSON outlives
 * the code: changing the shape of a stored event needs a migration or a new event type.
 */
import type { AuditEventCatalogue } from '../../platform/audit/audit.events.ts';
import { auditRecorder } from '../../platform/audit/audit.service.ts';

export const accountabilityAuditEvents = {
  /** An accident was reported (with its grade, and the suspension or 约谈 it set off). */
  'accountability.accident.reported': 'accident',
  /** A report up the chain was recorded, on time or late. */
  'accountability.accident.chain_reported': 'accident',
  /** A step after filing (issue 24): 调查认定, 挂牌督办, 提级调查, 整改验收, 结案, 瞒报查实. */
  'accountability.accident.stepped': 'accident',
  /** A 约谈 was held. */
  'accountability.interview.held': 'accident',
  /** A 举报 came in through the public form (no identity in the trail). */
  'accountability.public_report.received': 'public_report',
  /** A 举报 took a step: 受理 or 不予受理, 核实, 办理, 反馈, 奖励. */
  'accountability.public_report.stepped': 'public_report',
  /** A 举报 step ran past its time limit and was escalated. */
  'accountability.public_report.escalated': 'public_report',
} as const satisfies AuditEventCatalogue;

/** Appends accountability events to the trail inside the caller's transaction. */
export const recordAudit = auditRecorder(accountabilityAuditEvents);
