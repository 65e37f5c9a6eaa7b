/** @module Notification rows → the API's shape. */
import type { NotificationResponse } from '../../../shared/notifications.schemas.ts';
import type { notificationsOf } from './notification.repository.ts';

/** A notification as its recipient sees it. */
export function presentNotification(
  n: Awaited<ReturnType<typeof notificationsOf>>[number],
): NotificationResponse {
  return {
    id: n.id,
    subjectType: n.subjectType,
    subjectId: n.subjectId,
    title: n.title,
    body: n.body,
    createdAt: n.createdAt.toISOString(),
    read: n.readAt !== null,
  };
}
