/**
 * @module What the notifications API answers: the signed-in user's in-app notifications.
 */
import { z } from 'zod';
import { QueryBool } from './common.schemas.ts';

export const NotificationListQuery = z.strictObject({ unread: QueryBool.optional() });

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
