/**
 * @module In-app notifications: written by other modules inside their own transactions, read and
 * acknowledged by their recipients only.
 */
import { and, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, notFound } from '../../platform/errors.ts';
import { organisations, users } from '../access/access.table.ts';
import { notifications, webhookOutbox } from './notification.table.ts';

/** The users who can be told anything: enterprise managers and regulators who act (not viewers). */
export async function notifiableUsers(db: Db) {
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      kind: organisations.kind,
      enterpriseId: organisations.enterpriseId,
      regionCode: organisations.regionCode,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        isNull(users.disabledAt),
        inArray(users.role, ['enterprise_admin', 'safety_officer', 'regulator_admin', 'inspector']),
      ),
    );
}
export type NotifiableUser = Awaited<ReturnType<typeof notifiableUsers>>[number];

/**
 * The users matching a condition on `users` and their `organisations` (a unit's acting users, say),
 * as recipients for notifyUsers.
 */
export function recipientsWhere(db: Db, where: SQL | undefined) {
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(where);
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
  await tx.insert(webhookOutbox).values({ payload, createdAt: at, nextAttemptAt: at });
}

/**
 * Writes one notification per recipient, and the event for the SMS / messaging gateway (delivered by
 * the webhook job, webhook.service.ts), inside the caller's transaction.
 */
export async function notifyUsers(
  tx: Db,
  recipients: Pick<NotifiableUser, 'id' | 'username' | 'displayName'>[],
  n: { subjectType: string; subjectId: string; title: string; body: string },
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
  n: { subjectType: string; subjectId: string; title: string; body: string },
  at: Date,
): Promise<Map<string, string>> {
  if (userIds.length === 0) {
    return new Map();
  }
  const rows = await tx
    .insert(notifications)
    .values(userIds.map((userId) => ({ ...n, userId, createdAt: at })))
    .returning({ id: notifications.id, userId: notifications.userId });
  return new Map(rows.map((r) => [r.userId, r.id]));
}

export async function listMyNotifications(
  deps: ServiceDeps,
  principal: Principal,
  unreadOnly: boolean,
) {
  const rows = await deps.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, principal.userId),
        unreadOnly ? isNull(notifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt))
    .limit(200);
  return rows.map((n) => ({
    id: n.id,
    subjectType: n.subjectType,
    subjectId: n.subjectId,
    title: n.title,
    body: n.body,
    createdAt: n.createdAt.toISOString(),
    read: n.readAt !== null,
  }));
}

export async function markNotificationRead(deps: ServiceDeps, principal: Principal, id: string) {
  const [row] = await deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, principal.userId)));
  if (!row) {
    throw notFound('notification', id);
  }
  if (row.readAt) {
    throw new AppError(AppErrorCode.Conflict, '通知已读');
  }
  await deps.db.update(notifications).set({ readAt: deps.clock() }).where(eq(notifications.id, id));
  return { id, read: true };
}
