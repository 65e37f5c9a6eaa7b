import {
  boolean,
  doublePrecision,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { mines } from '../registry/mine.table.ts';

/** A person's positioning card (RYXX): who carries it, and whether a mine leader or special worker. */
export const coalCards = pgTable(
  'coal_cards',
  {
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    cardCode: text('card_code').notNull(),
    name: text('name').notNull(),
    jobKind: text('job_kind').notNull(),
    title: text('title').notNull(),
    team: text('team').notNull(),
    isLeader: boolean('is_leader'),
    isSpecial: boolean('is_special'),
    /** The upload time of the file that defined it (an older file changes nothing). */
    definedAt: timestamp('defined_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.mineId, t.cardCode] })],
);

/** A positioning area (RYQY) with its 核定人数. */
export const coalAreas = pgTable(
  'coal_areas',
  {
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    areaCode: text('area_code').notNull(),
    areaType: text('area_type').notNull(),
    name: text('name').notNull(),
    quota: integer('quota').notNull(),
    definedAt: timestamp('defined_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.mineId, t.areaCode] })],
);

/** A positioning station (RYJZ). */
export const coalStations = pgTable(
  'coal_stations',
  {
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    stationCode: text('station_code').notNull(),
    name: text('name').notNull(),
    x: doublePrecision('x'),
    y: doublePrecision('y'),
    z: doublePrecision('z'),
    note: text('note').notNull(),
    definedAt: timestamp('defined_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.mineId, t.stationCode] })],
);

/**
 * Where each card was last reported (RYSS), as of the file's upload time: 入井/出井, area, station, and
 * whether a mine leader or special worker. Only a newer file changes it.
 */
export const coalPresence = pgTable(
  'coal_presence',
  {
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    cardCode: text('card_code').notNull(),
    name: text('name').notNull(),
    /** 出入井标志: '1' 入井 (underground), '2' 出井. */
    inOut: text('in_out').notNull(),
    inAt: timestamp('in_at', { withTimezone: true }),
    outAt: timestamp('out_at', { withTimezone: true }),
    areaCode: text('area_code'),
    areaAt: timestamp('area_at', { withTimezone: true }),
    stationCode: text('station_code'),
    stationAt: timestamp('station_at', { withTimezone: true }),
    shiftMode: text('shift_mode').notNull(),
    workStatus: text('work_status').notNull(),
    isLeader: boolean('is_leader'),
    isSpecial: boolean('is_special'),
    /** The upload time of the file it comes from. */
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.mineId, t.cardCode] })],
);

/** One descent of one card (入井 → 出井), from RYSS: the 领导带班下井 record is read from these. */
export const coalDescents = pgTable(
  'coal_descents',
  {
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    cardCode: text('card_code').notNull(),
    inAt: timestamp('in_at', { withTimezone: true }).notNull(),
    outAt: timestamp('out_at', { withTimezone: true }),
    name: text('name').notNull(),
    isLeader: boolean('is_leader'),
  },
  (t) => [primaryKey({ columns: [t.mineId, t.cardCode, t.inAt] })],
);

/** How many people were underground per area at each RYSS upload time ('' = the whole mine). */
export const coalHeadcounts = pgTable(
  'coal_headcounts',
  {
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    areaCode: text('area_code').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.mineId, t.at, t.areaCode] })],
);
