/**
 * @module SQL for a hazard's evidence files (hazard_attachments), stored through platform/files
 * (storeFile: one copy per SHA-256 and hazard, at most so many per hazard).
 */
import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import { users } from '../access/access.table.ts';
import type { Db } from '../../platform/db/client.ts';
import { evidencePolicy, storeFile } from '../../platform/files/files.ts';
import { hazardAttachments } from './hazard.table.ts';

export type AttachmentRow = typeof hazardAttachments.$inferSelect;

/** Stores an accepted evidence file of a hazard that holds fewer than `max`; a 409 on a duplicate. */
export function storeAttachment(
  tx: Db,
  values: typeof hazardAttachments.$inferInsert & { sha256: string },
  max: number,
): Promise<AttachmentRow> {
  return storeFile(
    tx,
    hazardAttachments,
    evidencePolicy,
    { column: hazardAttachments.hazardId, id: values.hazardId, max, name: '项隐患' },
    values,
  );
}

/** A hazard's evidence files in upload order, with the display name of the user who uploaded each. */
export async function listAttachments(
  db: Db,
  hazardId: string,
): Promise<(AttachmentRow & { uploaderName: string | null })[]> {
  return db
    .select({ ...getTableColumns(hazardAttachments), uploaderName: users.displayName })
    .from(hazardAttachments)
    .leftJoin(users, eq(users.id, hazardAttachments.uploadedBy))
    .where(eq(hazardAttachments.hazardId, hazardId))
    .orderBy(asc(hazardAttachments.uploadedAt), asc(hazardAttachments.id));
}

/** One evidence file of a hazard, with its content. */
export async function findAttachment(
  db: Db,
  hazardId: string,
  id: string,
): Promise<AttachmentRow | undefined> {
  const [row] = await db
    .select()
    .from(hazardAttachments)
    .where(and(eq(hazardAttachments.id, id), eq(hazardAttachments.hazardId, hazardId)));
  return row;
}
