/**
 * @module SQL of in-app notifications: writing them for named users, a user's own list, marking one
 * read, and the users who can be told anything.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { organisations, users } from '../access/access.table.ts';
import { notifications } from './notification.table.ts';

/** What a notification says and what it is about. */
export interface NotificationContent {
  subjectType: string;
  subjectId: string;
  title: string;
  body: string;
}

/** One notification per user; returns each user's notification id. */
export async function insertNotifications(
  db: Db,
  userIds: string[],
  n: NotificationContent,
  at: Date,
): Promise<Map<string, string>> {
  const rows = await db
    .insert(notifications)
    .values(userIds.map((userId) => ({ ...n, userId, createdAt: at })))
    .returning({ id: notifications.id, userId: notifications.userId });
  return new Map(rows.map((r) => [r.userId, r.id]));
}

/** A user's notifications, newest first, at most `limit`. */
export async function notificationsOf(
  db: Db,
  userId: string,
  f: { unreadOnly: boolean },
  limit: number,
) {
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        f.unreadOnly ? isNull(notifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

/** One of a user's own notifications (another user's is not found). */
export async function findNotificationOf(db: Db, userId: string, id: string) {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  return row;
}

export async function markNotificationRead(db: Db, id: string, at: Date) {
  await db.update(notifications).set({ readAt: at }).where(eq(notifications.id, id));
}

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
