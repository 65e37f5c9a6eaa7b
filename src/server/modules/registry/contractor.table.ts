import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { mines } from './mine.table.ts';
import type { ContractorScope } from '../../../shared/registry.enums.ts';

/** 承包单位 engaged at a mine, with the scope of work and the contract dates. */
export const contractors = pgTable(
  'contractors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    name: text('name').notNull(),
    creditCode: text('credit_code').notNull(),
    scopes: text('scopes').array().notNull().$type<ContractorScope[]>(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contractors_mine_idx').on(t.mineId)],
);
