/**
 * @module The audit events of open pits, dumps and tailings ponds, `<module>.<entity>.<verb>` → the
 * entity they are about, and the recorder its use cases write them with (inside the change's transaction).
 */
import type { AuditEventCatalogue } from '../../platform/audit/audit.events.ts';
import { auditRecorder } from '../../platform/audit/audit.service.ts';

export const pitsPondsAuditEvents = {
  /** A record (slope analysis, 排洪构筑物 test, 汛前/汛后 check, drill, broadcast) was filed. */
  'pitsPonds.record.filed': 'pit_pond_record',
  /** A pond's 闭库 was opened. */
  'pitsPonds.closure.opened': 'pond_closure',
  /** A step of a 闭库 was filed (设计, 施工, 验收, 公告销号). */
  'pitsPonds.closure.stepped': 'pond_closure',
  /** A missing or late record, an offline radar or a late 闭库 climbed a rung of the ladder. */
  'pitsPonds.finding.escalated': 'mine',
} as const satisfies AuditEventCatalogue;

/** Appends pits-and-ponds events to the trail inside the caller's transaction. */
export const recordAudit = auditRecorder(pitsPondsAuditEvents);
