/**
 * @module Tables of the acts of an overdue hazard's ladder steps (《2024年矿山安全生产工作要点》第20条:
 * 函告、通报、约谈、曝光): the 约谈 meeting with its commitments, and the 曝光 with its withdrawal. The
 * 函告 and 通报 are documents (inspections/documents, enforcement_documents.hazard_id).
 */
import { sql } from 'drizzle-orm';
import {
  date,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from '../../access/access.table.ts';
import { mines } from '../../registry/mine.table.ts';
import { hazards } from '../hazard.table.ts';

/** A person at a 约谈: name and post (职务). */
export interface InterviewAttendee {
  name: string;
  post: string;
}

/**
 * 约谈: the meeting a regulator unit held with the enterprise and its parent company (上级公司) over an
 * overdue hazard; one per hazard.
 */
export const hazardInterviews = pgTable(
  'hazard_interviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hazardId: uuid('hazard_id')
      .notNull()
      .references(() => hazards.id),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    heldOn: date('held_on').notNull(),
    place: text('place').notNull(),
    enterpriseAttendees: jsonb('enterprise_attendees').$type<InterviewAttendee[]>().notNull(),
    parentAttendees: jsonb('parent_attendees').$type<InterviewAttendee[]>().notNull(),
    regulatorAttendees: jsonb('regulator_attendees').$type<InterviewAttendee[]>().notNull(),
    summary: text('summary').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedByLabel: text('recorded_by_label').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('hazard_interviews_hazard_key').on(t.hazardId)],
);

/** A commitment made at a 约谈, with its deadline; once overdue and not fulfilled it climbs the ladder. */
export const hazardInterviewCommitments = pgTable(
  'hazard_interview_commitments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    interviewId: uuid('interview_id')
      .notNull()
      .references(() => hazardInterviews.id),
    hazardId: uuid('hazard_id')
      .notNull()
      .references(() => hazards.id),
    text: text('text').notNull(),
    deadline: date('deadline').notNull(),
    fulfilledOn: date('fulfilled_on'),
  },
  (t) => [index('hazard_interview_commitments_deadline_idx').on(t.deadline)],
);

/**
 * 曝光: a hazard's mine exposed on the public page, with the reason and the day; withdrawn with a reason
 * (the row stays, off the public page). At most one exposure in force per hazard.
 */
export const hazardExposures = pgTable(
  'hazard_exposures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hazardId: uuid('hazard_id')
      .notNull()
      .references(() => hazards.id),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    reason: text('reason').notNull(),
    exposedOn: date('exposed_on').notNull(),
    exposedBy: uuid('exposed_by')
      .notNull()
      .references(() => users.id),
    exposedAt: timestamp('exposed_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
    withdrawnReason: text('withdrawn_reason'),
  },
  (t) => [
    uniqueIndex('hazard_exposures_in_force_key')
      .on(t.hazardId)
      .where(sql`withdrawn_at IS NULL`),
  ],
);
