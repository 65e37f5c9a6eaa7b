import {
  doublePrecision,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { mines } from '../registry/mine.table.ts';

/** A mine's substations (分站) as its monitoring system defines them (FZDY), with their latest state. */
export const coalSubstations = pgTable(
  'coal_substations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    code: text('code').notNull(),
    location: text('location').notNull(),
    x: doublePrecision('x'),
    y: doublePrecision('y'),
    z: doublePrecision('z'),
    definedAt: timestamp('defined_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('coal_substations_mine_code_key').on(t.mineId, t.code)],
);

/**
 * Reported states of substations (FZSS) and positioning stations (JZSS): 运行状态 (0 通信正常, 1 通信中断,
 * 2 故障, 9 未知) and 供电状态, once per device and time. A substation's 通信中断 explains its points'
 * silence (断网/断线 attribution).
 */
export const coalDeviceStates = pgTable(
  'coal_device_states',
  {
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    /** 'substation' (分站) or 'station' (基站). */
    device: text('device').notNull().$type<'substation' | 'station'>(),
    code: text('code').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    runStatus: text('run_status').notNull(),
    powerStatus: text('power_status').notNull(),
  },
  (t) => [primaryKey({ columns: [t.mineId, t.device, t.code, t.at] })],
);
