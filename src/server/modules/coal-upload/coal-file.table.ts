import {
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  index,
} from 'drizzle-orm/pg-core';
import { mines } from '../registry/mine.table.ts';
import type { CoalFileType } from './coal.layouts.ts';

/** One problem of a file as stored (record 0 = header, null = the file as a whole). */
export interface StoredProblem {
  record: number | null;
  field: string;
  reason: string;
  value?: string | undefined;
}

/**
 * Every upload file received for a registered mine, stored or refused, once per content (SHA-256): the
 * same file again stores nothing new and is answered from here. Files whose 煤矿编码 is not registered
 * have no mine and are only answered.
 */
export const coalFiles = pgTable(
  'coal_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    type: text('type').notNull().$type<CoalFileType>(),
    fileName: text('file_name').notNull(),
    /** The time in the file's name. */
    fileAt: timestamp('file_at', { withTimezone: true }).notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** 'stored' (its records were mapped; some may be refused one by one) or 'refused' (whole). */
    outcome: text('outcome').notNull().$type<'stored' | 'refused'>(),
    records: integer('records').notNull(),
    stored: integer('stored').notNull(),
    duplicates: integer('duplicates').notNull(),
    refused: integer('refused').notNull(),
    /** The refusals (the file's, or its records') and warnings, as listed in the answer. */
    problems: jsonb('problems').notNull().$type<StoredProblem[]>(),
    warnings: jsonb('warnings').notNull().$type<StoredProblem[]>(),
    /** How it came: 'http' (POST by a gateway), 'folder' (the drop folder) or 'mqtt' (a gateway's message). */
    via: text('via').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('coal_files_mine_sha_key').on(t.mineId, t.sha256),
    index('coal_files_mine_type_idx').on(t.mineId, t.type, t.fileAt),
  ],
);
