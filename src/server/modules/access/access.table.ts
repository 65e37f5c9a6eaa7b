import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { enterprises } from '../registry/enterprise.table.ts';
import { mines } from '../registry/mine.table.ts';
import { regions } from '../registry/region.table.ts';
import type {
  LocaleValue,
  OrganisationKind,
  TokenKind,
  UserRole,
} from '../../../shared/access.enums.ts';

/** Regulator units (bound to a region) and enterprises' own organisations; one system organisation. */
export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind').notNull().$type<OrganisationKind>(),
  regionCode: text('region_code').references(() => regions.code),
  enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role').notNull().$type<UserRole>(),
    /** The mine a duty officer is on duty for; null for every other role. */
    mineId: uuid('mine_id').references(() => mines.id),
    locale: text('locale').notNull().$type<LocaleValue>().default('zh-CN'),
    /** Where alarm calls go by e-mail (when SMTP_URL is set); optional. */
    email: text('email'),
    /** Where alarm calls go by SMS / voice (the webhook gateway's recipients); optional. */
    phone: text('phone'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_key').on(t.username)],
);

/** Login sessions; only the SHA-256 of the cookie value is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** API tokens: a user's own token, or a gateway token limited to named mines. */
export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind').notNull().$type<TokenKind>(),
  tokenHash: text('token_hash').notNull().unique(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  mineIds: uuid('mine_ids').array().notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** When the token last authenticated a request, to the minute (TOKEN_USE_RESOLUTION_MS). */
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
});
