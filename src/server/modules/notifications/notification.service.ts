/**
 * @module In-app notifications: written by other modules inside their own transactions, read and
 * acknowledged by their recipients only.
 */
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, notFound } from '../../platform/errors.ts';
import { presentNotification } from './notification.presenter.ts';
import * as repo from './notification.repository.ts';
import type { NotifiableUser, NotificationContent } from './notification.repository.ts';
import { insertOutbox } from './outbox.repository.ts';

export type { NotifiableUser } from './notification.repository.ts';

/** The users who can be told anything: enterprise managers and regulators who act (not viewers). */
export function notifiableUsers(db: Db): Promise<NotifiableUser[]> {
  return repo.notifiableUsers(db);
}

/**
 * Who gets told (pure): the enterprise's managers (enterprise admins and safety officers), and the
 * regulators (admins and inspectors) of every unit whose region covers the mine's county.
 */
export function pickRecipients(
  candidates: NotifiableUser[],
  target: { enterpriseId: string; countyCode: string },
  audiences: readonly ('enterprise' | 'regulator')[],
): NotifiableUser[] {
  return candidates.filter((u) =>
    u.kind === 'enterprise'
      ? audiences.includes('enterprise') && u.enterpriseId === target.enterpriseId
      : u.kind === 'regulator' &&
        audiences.includes('regulator') &&
        u.regionCode !== null &&
        target.countyCode.startsWith(subtreePrefix(u.regionCode)),
  );
}

/** Queues one event for the SMS / messaging gateway (webhook.service.ts) in the caller's transaction. */
export async function enqueueWebhook(tx: Db, payload: Record<string, unknown>, at: Date) {
  await insertOutbox(tx, 'webhook', payload, at);
}

/**
 * Writes one notification per recipient, and the event for the SMS / messaging gateway (delivered by
 * the webhook job, webhook.service.ts), inside the caller's transaction.
 */
export async function notifyUsers(
  tx: Db,
  recipients: Pick<NotifiableUser, 'id' | 'username' | 'displayName'>[],
  n: NotificationContent,
  at: Date,
): Promise<number> {
  if (recipients.length === 0) {
    return 0;
  }
  const ids = await insertNotifications(
    tx,
    recipients.map((u) => u.id),
    n,
    at,
  );
  await enqueueWebhook(
    tx,
    {
      type: 'notification',
      ...n,
      createdAt: at.toISOString(),
      recipients: recipients.map((u) => ({
        notificationId: ids.get(u.id),
        userId: u.id,
        username: u.username,
        displayName: u.displayName,
      })),
    },
    at,
  );
  return recipients.length;
}

/** In-app notifications only; returns each user's notification id. */
export async function insertNotifications(
  tx: Db,
  userIds: string[],
  n: NotificationContent,
  at: Date,
): Promise<Map<string, string>> {
  if (userIds.length === 0) {
    return new Map();
  }
  return repo.insertNotifications(tx, userIds, n, at);
}

/** The caller's own notifications, newest first (the latest 200). */
export async function listMyNotifications(
  deps: ServiceDeps,
  principal: Principal,
  unreadOnly: boolean,
) {
  const rows = await repo.notificationsOf(deps.db, principal.userId, { unreadOnly }, 200);
  return rows.map(presentNotification);
}

/** Marks one of the caller's own notifications read; another user's is a 404, a read one a 409. */
export async function markNotificationRead(deps: ServiceDeps, principal: Principal, id: string) {
  const row = await repo.findNotificationOf(deps.db, principal.userId, id);
  if (!row) {
    throw notFound('notification', id);
  }
  if (row.readAt) {
    throw new AppError(AppErrorCode.Conflict, '通知已读');
  }
  await repo.markNotificationRead(deps.db, id, deps.clock());
  return { id, read: true };
}
