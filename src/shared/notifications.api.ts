/**
 * @module Endpoint contracts of the signed-in user's notifications (server:
 * modules/notifications/notification.routes.ts).
 */
import { z } from 'zod';
import { endpoint } from './api.contract.ts';
import {
  NotificationCountResponse,
  NotificationReadAllResponse,
  NotificationReadResponse,
  NotificationResponse,
} from './notifications.schemas.ts';

export const notificationsApi = {
  /** My notifications, newest first (filters: status, kind; pages: before + limit, at most 200). */
  mine: endpoint('GET', '/api/notifications', z.array(NotificationResponse)),
  /** How many of my notifications are unread, in all and by kind (the header's bell). */
  unreadCount: endpoint('GET', '/api/notifications/unread-count', NotificationCountResponse),
  /** Marks one of my notifications read. */
  markRead: endpoint('POST', '/api/notifications/:id/read', NotificationReadResponse),
  /** Marks all my unread notifications read (of one kind, up to an instant). */
  markAllRead: endpoint('POST', '/api/notifications/read-all', NotificationReadAllResponse),
};
