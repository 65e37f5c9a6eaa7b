/**
 * @module In-app notifications: written by other modules inside their own transactions, listed,
 * counted and marked read by their recipients only.
 */
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import type {
  NotificationCountResponse,
  NotificationListQuery,
  NotificationReadAllBody,
  NotificationResponse,
} from '../../../shared/notifications.schemas.ts';
import { AppError, AppErrorCode, invalidField, notFound } from '../../platform/errors.ts';
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

/**
 * The recipients of a register's finding on the escalation ladder (surveys, pits-ponds, emergency, duty,
 * admission, enterprise reports): on the first rung the enterprise's managers and the regulators, on the
 * later rungs the regulators only.
 */
export function ladderRecipients(
  candidates: NotifiableUser[],
  target: { enterpriseId: string; countyCode: string },
  step: { step: string },
): Promise<NotifiableUser[]> {
  return Promise.resolve(
    pickRecipients(
      candidates,
      target,
      step.step === '第1级' ? ['enterprise', 'regulator'] : ['regulator'],
    ),
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

/**
 * The caller must be a user (a session or a user's API token): a gateway token acts for its issuer but
 * may only ingest, and must not read the issuer's calls and their acknowledgement links.
 */
function ownerOf(principal: Principal): string {
  if (principal.kind !== 'user') {
    throw new AppError(AppErrorCode.Forbidden, '网关令牌不能查看通知', [
      { path: 'permission', message: 'gateway tokens may only ingest readings' },
    ]);
  }
  return principal.userId;
}

/**
 * The caller's own notifications, newest first: unread or read only, of one kind, and the page older
 * than `before` (one of the caller's own notifications; another's or an unknown id is a 400).
 */
export async function listMyNotifications(
  deps: ServiceDeps,
  principal: Principal,
  q: NotificationListQuery,
): Promise<NotificationResponse[]> {
  const userId = ownerOf(principal);
  let before: { createdAt: Date; id: string } | undefined;
  if (q.before) {
    const row = await repo.findNotificationOf(deps.db, userId, q.before);
    if (!row) {
      throw invalidField('before', '翻页起点不是你的通知, 请从第一页重新查询', q.before);
    }
    before = { createdAt: row.createdAt, id: row.id };
  }
  const rows = await repo.notificationsOf(
    deps.db,
    userId,
    { status: q.status ?? (q.unread ? 'unread' : undefined), subjectType: q.kind, before },
    q.limit,
  );
  return rows.map(presentNotification);
}

/** How many of the caller's notifications are unread, in all and by kind (the header's bell). */
export async function countMyUnread(
  deps: ServiceDeps,
  principal: Principal,
): Promise<NotificationCountResponse> {
  const rows = await repo.unreadCountsOf(deps.db, ownerOf(principal));
  return {
    unread: rows.reduce((sum, r) => sum + r.n, 0),
    byKind: Object.fromEntries(rows.map((r) => [r.subjectType, r.n])),
  };
}

/** Marks one of the caller's own notifications read; another user's is a 404, a read one a 409. */
export async function markNotificationRead(deps: ServiceDeps, principal: Principal, id: string) {
  const userId = ownerOf(principal);
  const row = await repo.findNotificationOf(deps.db, userId, id);
  if (!row) {
    throw notFound('notification', id);
  }
  if (row.readAt || !(await repo.markNotificationRead(deps.db, userId, id, deps.clock()))) {
    throw new AppError(AppErrorCode.Conflict, '通知已读');
  }
  return { id, read: true };
}

/**
 * Marks the caller's own unread notifications read (of one kind, up to `until`); nobody else's are
 * touched. Answers how many it marked (0 when there were none).
 */
export async function markAllMyNotificationsRead(
  deps: ServiceDeps,
  principal: Principal,
  body: NotificationReadAllBody,
) {
  const marked = await repo.markAllRead(
    deps.db,
    ownerOf(principal),
    { subjectType: body.kind, until: body.until ? new Date(body.until) : undefined },
    deps.clock(),
  );
  return { marked };
}
