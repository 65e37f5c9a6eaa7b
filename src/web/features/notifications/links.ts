/**
 * Where a notification leads: the page of its subject (pure). Subject ids are as the modules write
 * them; a periodic inspection report's is `<mineId>:<period>` (hazards' inspection.cadence.ts).
 */
import type { NotificationKind } from '../../../shared/notifications.schemas.ts';

const pages: Record<NotificationKind, (id: string) => string> = {
  alarm: (id) => `/alarms/${encodeURIComponent(id)}`,
  hazard: (id) => `/hazards/${encodeURIComponent(id)}`,
  lead: (id) => `/leads/${encodeURIComponent(id)}`,
  public_report: (id) => `/public-reports?case=${encodeURIComponent(id)}`,
  work_task: (id) => `/plans?task=${encodeURIComponent(id)}`,
  self_inspection_report: (id) => inspectionPage('monthly', id),
  parent_inspection: (id) => inspectionPage('quarterly', id),
  warning: (id) => `/warnings/${encodeURIComponent(id)}`,
};

function inspectionPage(tab: 'monthly' | 'quarterly', subjectId: string): string {
  const period = subjectId.slice(subjectId.lastIndexOf(':') + 1);
  return `/self-inspection?tab=${tab}&period=${encodeURIComponent(period)}`;
}

/** Whether a subject type is one the inbox knows (its label and its page). */
export function isNotificationKind(type: string): type is NotificationKind {
  return Object.hasOwn(pages, type);
}

/** The page of a notification's subject, or null for a kind this version does not know. */
export function notificationLink(n: { subjectType: string; subjectId: string }): string | null {
  return isNotificationKind(n.subjectType) ? pages[n.subjectType](n.subjectId) : null;
}
