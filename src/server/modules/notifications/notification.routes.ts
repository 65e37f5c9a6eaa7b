/**
 * @module HTTP adapter for the signed-in user's notifications: the list, the unread count, and marking
 * one or all read. Every route acts on the caller's own notifications only.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notificationsApi as api } from '../../../shared/notifications.api.ts';
import {
  NotificationListQuery,
  NotificationReadAllBody,
} from '../../../shared/notifications.schemas.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../platform/http/route-helpers.ts';
import {
  countMyUnread,
  listMyNotifications,
  markAllMyNotificationsRead,
  markNotificationRead,
} from './notification.service.ts';

export function registerNotificationRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    api.mine.path,
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: '我的通知 (最新在前; 可按已读/未读、类型筛选, 以 before 翻页, 每页至多 200 条)',
        querystring: NotificationListQuery,
        response: responses(api.mine.response),
      },
    },
    (req) => listMyNotifications(deps, principalOf(req), req.query),
  );
  r.get(
    api.unreadCount.path,
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: '我的未读通知数 (合计及各类型)',
        response: responses(api.unreadCount.response),
      },
    },
    (req) => countMyUnread(deps, principalOf(req)),
  );
  r.post(
    api.markRead.path,
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: '标记通知已读',
        params: IdParams,
        response: responses(api.markRead.response),
      },
    },
    (req) => markNotificationRead(deps, principalOf(req), req.params.id),
  );
  r.post(
    api.markAllRead.path,
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: '全部标为已读 (可限一种类型, 及某时刻以前收到的)',
        body: NotificationReadAllBody.nullish(),
        response: responses(api.markAllRead.response),
      },
    },
    (req) => markAllMyNotificationsRead(deps, principalOf(req), req.body ?? {}),
  );
}
