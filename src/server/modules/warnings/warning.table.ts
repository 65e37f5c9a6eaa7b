/**
 * @module Tables of regulators' warnings (issue 24; 《2024年矿山安全生产工作要点》第30、31条; 《拉萨市关于加强非煤矿山
 * 安全生产工作的实施意见》二(五)6): the warning as issued, and one call per mine it reached — the 叫应 timer the
 * call loop runs (next_call_at, the step and when it began, as alarms keep theirs), the acknowledgement
 * and the response reported.
 */
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { MineKind } from '../../../shared/registry.enums.ts';
import type { WarningCallState, WarningKind } from '../../../shared/warnings.schemas.ts';
import { organisations, users } from '../access/access.table.ts';
import { mines } from '../registry/mine.table.ts';

/** A warning or order a regulator unit issued to the mines of a region. */
export const regulatorWarnings = pgTable(
  'regulator_warnings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull().$type<WarningKind>(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    /** The region it was sent to (GB/T 2260), within the issuing unit's jurisdiction. */
    regionCode: text('region_code').notNull(),
    /** Only mines of these kinds; null = every mine of the region. */
    mineKinds: text('mine_kinds').array().$type<MineKind[]>(),
    issuedBy: uuid('issued_by')
      .notNull()
      .references(() => users.id),
    issuingOrganisationId: uuid('issuing_organisation_id')
      .notNull()
      .references(() => organisations.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('regulator_warnings_issued_idx').on(t.issuedAt)],
);

/** A warning's call to one mine: its 叫应 timer, acknowledgement and response. */
export const regulatorWarningCalls = pgTable(
  'regulator_warning_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    warningId: uuid('warning_id')
      .notNull()
      .references(() => regulatorWarnings.id),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    state: text('state').notNull().$type<WarningCallState>(),
    /** The step of the policy (setting warnings.callPolicy) the call is on, and when it began. */
    callStep: integer('call_step').notNull().default(0),
    stepStartedAt: timestamp('step_started_at', { withTimezone: true }),
    callRound: integer('call_round').notNull().default(0),
    /** When the call loop next acts on this row (a renotification or the next step); null = done. */
    nextCallAt: timestamp('next_call_at', { withTimezone: true }),
    /** When the call first went past the mine (the next step up, the county regulator by default). */
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedById: uuid('acknowledged_by_id').references(() => users.id),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    respondedBy: text('responded_by'),
    respondedById: uuid('responded_by_id').references(() => users.id),
    peopleWithdrawn: integer('people_withdrawn'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    measures: text('measures'),
  },
  (t) => [
    uniqueIndex('regulator_warning_calls_warning_mine_key').on(t.warningId, t.mineId),
    index('regulator_warning_calls_mine_idx').on(t.mineId, t.state),
    index('regulator_warning_calls_next_idx').on(t.nextCallAt),
  ],
);

/** The digests of the one-time acknowledgement links a warning's call sent (as alarms' alarm_ack_tokens). */
export const warningAckTokens = pgTable('warning_ack_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  callId: uuid('call_id')
    .notNull()
    .references(() => regulatorWarningCalls.id),
  /** Who the link was sent to (a user id or a registry person id) and their name. */
  recipient: text('recipient').notNull(),
  recipientName: text('recipient_name').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});
