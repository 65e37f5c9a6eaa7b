/**
 * @module Endpoint contracts of the signed-in user's notifications (server:
 * modules/notifications/notification.routes.ts).
 */
import { z } from 'zod';
import { endpoint } from './api.contract.ts';
import { NotificationReadResponse, NotificationResponse } from './notifications.schemas.ts';

export const notificationsApi = {
  /** My notifications, newest first (the latest 200). */
  mine: endpoint('GET', '/api/notifications', z.array(NotificationResponse)),
  /** Marks one of my notifications read. */
  markRead: endpoint('POST', '/api/notifications/:id/read', NotificationReadResponse),
};
