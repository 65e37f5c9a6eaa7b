/**
 * @module The one runner that delivers the outbox: notifications to the SMS / messaging gateway (signed
 * webhook) and alarm calls by e-mail. The scheduled job and the monitoring loop's kick both call it.
 */
import type { ServiceDeps } from '../../platform/context.ts';
import { deliverEmails, type EmailTarget } from './email.service.ts';
import { deliverWebhooks, type WebhookTarget } from './webhook.service.ts';

/** Where the outbox goes: none configured means nothing is sent (rows wait). */
export interface DeliveryTargets {
  webhook?: WebhookTarget | undefined;
  email?: EmailTarget | undefined;
  /** The HTTP client for the webhook (tests pass a fake one). */
  send?: typeof fetch | undefined;
}

/** Delivers every due webhook event and e-mail once. */
export async function deliverNotifications(deps: ServiceDeps, targets: DeliveryTargets) {
  const webhooks = await deliverWebhooks(deps, targets.webhook, targets.send);
  const emails = await deliverEmails(deps, targets.email);
  return { webhooks, emails };
}
