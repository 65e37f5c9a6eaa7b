/**
 * @module The notifications' manifest: in-app notifications and the outbox's delivery. Listed last, so
 * `minewatch jobs run` delivers what the other modules' escalations queued on the same run.
 */
import type { ModuleManifest } from '../module.ts';
import { deliverNotifications } from './delivery.ts';
import { registerNotificationRoutes } from './notification.routes.ts';

export const notificationsModule: ModuleManifest = {
  name: 'notifications',
  routes(app, { deps }) {
    registerNotificationRoutes(app, deps);
  },
  jobs: ({ deps, config, send }) => [
    {
      name: 'notifications.deliver',
      description: '投递通知 (短信网关 webhook、电子邮件)',
      everySeconds: config.monitoringTickSeconds || config.jobsIntervalSeconds,
      run: async () => {
        const r = await deliverNotifications(deps, {
          webhook: config.webhook,
          email: config.email,
          send,
        });
        return {
          webhooksDelivered: r.webhooks.delivered,
          webhooksFailed: r.webhooks.failed,
          emailsDelivered: r.emails.delivered,
          emailsFailed: r.emails.failed,
        };
      },
    },
  ],
  auditEvents: {},
  auditVisibility: () => ({}),
  permissions: { all: {}, grants: {} },
};
