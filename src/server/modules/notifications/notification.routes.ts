/**
 * @module HTTP adapter for the signed-in user's notifications.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notificationsApi as api } from '../../../shared/notifications.api.ts';
import { NotificationListQuery } from '../../../shared/notifications.schemas.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../platform/http/route-helpers.ts';
import { listMyNotifications, markNotificationRead } from './notification.service.ts';

export function registerNotificationRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    api.mine.path,
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: '我的通知 (最近 200 条)',
        querystring: NotificationListQuery,
        response: responses(api.mine.response),
      },
    },
    (req) => listMyNotifications(deps, principalOf(req), req.query.unread ?? false),
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
}
