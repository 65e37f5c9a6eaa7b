import { index, pgTable, smallint, text } from 'drizzle-orm/pg-core';

/** GB/T 2260 administrative divisions: level 1 province, 2 city, 3 county. */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: smallint('level').notNull(),
    parentCode: text('parent_code'),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);
