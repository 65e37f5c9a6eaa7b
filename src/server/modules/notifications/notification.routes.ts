/**
 * @module HTTP adapter for the signed-in user's notifications.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { QueryBool } from '../../../shared/common.schemas.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../platform/http/route-helpers.ts';
import { listMyNotifications, markNotificationRead } from './notification.service.ts';

const NotificationResponse = z.object({
  id: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});

export function registerNotificationRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/notifications',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: '我的通知 (最近 200 条)',
        querystring: z.strictObject({ unread: QueryBool.optional() }),
        response: responses(z.array(NotificationResponse)),
      },
    },
    (req) => listMyNotifications(deps, principalOf(req), req.query.unread ?? false),
  );
  r.post(
    '/api/notifications/:id/read',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: '标记通知已读',
        params: IdParams,
        response: responses(z.object({ id: z.string(), read: z.boolean() })),
      },
    },
    (req) => markNotificationRead(deps, principalOf(req), req.params.id),
  );
}
