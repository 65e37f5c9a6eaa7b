/** @module The penalties table (issue 7 §3): one row per party (一案双罚: the enterprise and its principal person). */
import {
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { PenaltyStatus, PenaltyTarget } from '../../../../shared/inspections.enums.ts';
import { mines } from '../../registry/mine.table.ts';
import { inspections } from '../records/inspection.table.ts';

/** 行政处罚 decided on an inspection. */
export const penalties = pgTable(
  'penalties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    target: text('target').$type<PenaltyTarget>().notNull(),
    partyName: text('party_name').notNull(),
    legalBasis: text('legal_basis').notNull(),
    facts: text('facts').notNull(),
    amountYuan: doublePrecision('amount_yuan').notNull(),
    decidedOn: date('decided_on').notNull(),
    status: text('status').$type<PenaltyStatus>().notNull(),
    paidOn: date('paid_on'),
    paidAmountYuan: doublePrecision('paid_amount_yuan'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('penalties_inspection_idx').on(t.inspectionId),
    index('penalties_date_idx').on(t.decidedOn),
  ],
);
