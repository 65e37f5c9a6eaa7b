/**
 * @module The audit events of 应急准备与培训, `<module>.<entity>.<verb>` → the entity they are about,
 * and the recorder its use cases write them with (inside the change's transaction).
 */
import type { AuditEventCatalogue } from '../../platform/audit/audit.events.ts';
import { auditRecorder } from '../../platform/audit/audit.service.ts';

export const emergencyAuditEvents = {
  /** An 应急预案 (or its revision) was recorded for a mine. */
  'emergency.plan.recorded': 'mine',
  /** A drill (紧急撤离, 反风演习 or 专项) was recorded with its participants and findings. */
  'emergency.drill.recorded': 'mine',
  /** A 矿山救护 agreement (or the mine's own team) was recorded with its validity. */
  'emergency.rescue.recorded': 'mine',
  /** A training session was recorded with its hours and attendees. */
  'emergency.training.recorded': 'mine',
  /** A 自救器 practice was recorded with each person's time and result. */
  'emergency.self_rescue.recorded': 'mine',
  /** A post's 两单两卡 were recorded (the post's row replaced). */
  'emergency.post_cards.recorded': 'mine',
  /** 逢查必考 results were recorded on an inspection. */
  'emergency.exams.recorded': 'inspection',
  /** An out-of-date register of a mine climbed a rung of the escalation ladder. */
  'emergency.finding.escalated': 'mine',
} as const satisfies AuditEventCatalogue;

/** Appends emergency events to the trail inside the caller's transaction. */
export const recordAudit = auditRecorder(emergencyAuditEvents);
