/**
 * @module What the notifications API answers: the signed-in user's in-app notifications, their unread
 * count, and marking them read.
 */
import { z } from 'zod';
import { QueryBool } from './common.schemas.ts';

/**
 * What a notification can be about (its subject type), as the modules write them: a monitoring alarm's
 * 叫应 call, a hazard's deadline ladder, a lead found, a 举报 received or overdue, an overdue 攻坚 task,
 * a mine's missing monthly self-inspection or quarterly parent-company inspection report, and a regulator's
 * warning calling a mine (or, unanswered, the county).
 */
export const NotificationKinds = [
  'alarm',
  'hazard',
  'lead',
  'public_report',
  'work_task',
  'self_inspection_report',
  'parent_inspection',
  'warning',
] as const;
export const NotificationKind = z.enum(NotificationKinds);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** Limits of the notification lists. */
export const NotificationValidation = {
  /** The most notifications one request lists. */
  pageMax: 200,
  /** The page size the inbox asks for. */
  pageDefault: 50,
} as const;

export const NotificationListQuery = z.strictObject({
  /** Only the unread ones (kept for older callers; `status=unread` says the same). */
  unread: QueryBool.optional(),
  status: z.enum(['unread', 'read']).optional().describe('只看未读或已读'),
  kind: NotificationKind.optional().describe('通知所涉对象的类型'),
  before: z.uuid().optional().describe('上一页最后一条通知的 id: 只列出比它更早的通知 (翻页)'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(NotificationValidation.pageMax)
    .default(NotificationValidation.pageMax),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

/** One notification: what it is about (an entity type and id), its text, and whether it was read. */
export const NotificationResponse = z.object({
  id: z.string(),
  subjectType: z.string().describe('the entity it is about: hazard, alarm, public_report …'),
  subjectId: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type NotificationResponse = z.infer<typeof NotificationResponse>;

export const NotificationReadResponse = z.object({ id: z.string(), read: z.boolean() });

/** The caller's unread notifications: how many, and how many of each kind. */
export const NotificationCountResponse = z.object({
  unread: z.number().int(),
  byKind: z.record(z.string(), z.number().int()).describe('各类未读通知数, 按 subjectType'),
});
export type NotificationCountResponse = z.infer<typeof NotificationCountResponse>;

/**
 * Marks all the caller's unread notifications read: of one kind when `kind` is given, and only those
 * created at or before `until` (the newest one the reader has seen), so that a call arriving meanwhile
 * stays unread.
 */
export const NotificationReadAllBody = z.strictObject({
  kind: NotificationKind.optional(),
  until: z.iso.datetime({ offset: true }).optional().describe('只标记此时刻及以前收到的通知'),
});
export type NotificationReadAllBody = z.infer<typeof NotificationReadAllBody>;

export const NotificationReadAllResponse = z.object({
  marked: z.number().int().describe('标为已读的通知数'),
});
