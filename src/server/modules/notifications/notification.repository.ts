/**
 * @module SQL of in-app notifications: writing them for named users, a user's own list and unread
 * count, marking one or all read, and the users who can be told anything. Every read and write of a
 * user's notifications is confined to that user's own rows.
 */
import { and, count, desc, eq, inArray, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
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

/** Which of a user's notifications a list shows. */
export interface NotificationFilter {
  /** Only unread (`unread`) or only read (`read`) ones; both when undefined. */
  status?: 'unread' | 'read' | undefined;
  /** Only those about one kind of subject. */
  subjectType?: string | undefined;
  /** Only those older than this one (its time and id): the next page after it. */
  before?: { createdAt: Date; id: string } | undefined;
}

/** A user's notifications, newest first (ties by id), at most `limit`. */
export async function notificationsOf(
  db: Db,
  userId: string,
  f: NotificationFilter,
  limit: number,
) {
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        f.status === 'unread' ? isNull(notifications.readAt) : undefined,
        f.status === 'read' ? isNotNull(notifications.readAt) : undefined,
        f.subjectType ? eq(notifications.subjectType, f.subjectType) : undefined,
        f.before
          ? or(
              lt(notifications.createdAt, f.before.createdAt),
              and(
                eq(notifications.createdAt, f.before.createdAt),
                lt(notifications.id, f.before.id),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

/** How many of a user's notifications are unread, by subject type. */
export async function unreadCountsOf(db: Db, userId: string) {
  return db
    .select({ subjectType: notifications.subjectType, n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .groupBy(notifications.subjectType);
}

/**
 * Marks a user's unread notifications read — of one subject type when given, created at or before
 * `until` when given — and returns how many it marked.
 */
export async function markAllRead(
  db: Db,
  userId: string,
  f: { subjectType?: string | undefined; until?: Date | undefined },
  at: Date,
): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        f.subjectType ? eq(notifications.subjectType, f.subjectType) : undefined,
        f.until ? lte(notifications.createdAt, f.until) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

/** One of a user's own notifications (another user's is not found). */
export async function findNotificationOf(db: Db, userId: string, id: string) {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  return row;
}

/** Marks one of a user's own notifications read, unless it already is; returns whether it did. */
export async function markNotificationRead(
  db: Db,
  userId: string,
  id: string,
  at: Date,
): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)),
    )
    .returning({ id: notifications.id });
  return rows.length > 0;
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
