import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { mines } from './mine.table.ts';
import type { EducationLevel, PersonRole } from '../../../shared/registry.enums.ts';

/** An ID number at rest: cipher text, the masked form that leaves the server, and a keyed digest. */
export function idNumberColumns() {
  return {
    idNumberCipher: text('id_number_cipher').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    /** Keyed hash, so the same person can be found at two mines without decrypting. */
    idNumberDigest: text('id_number_digest').notNull(),
  };
}

/** Key people at a mine. The ID number is stored encrypted; only a masked form leaves the server. */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    name: text('name').notNull(),
    roles: text('roles').array().notNull().$type<PersonRole[]>(),
    ...idNumberColumns(),
    education: text('education').$type<EducationLevel>(),
    miningYears: integer('mining_years'),
    /** 主体专业 (the major studied), checked against the post (accountability.postMajors). */
    major: text('major'),
    phone: text('phone'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('people_mine_idx').on(t.mineId), index('people_digest_idx').on(t.idNumberDigest)],
);

/** Qualification and special-operation certificates held by a person. */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    issuedOn: date('issued_on'),
    expiresOn: date('expires_on').notNull(),
  },
  (t) => [
    index('certificates_person_idx').on(t.personId),
    index('certificates_number_idx').on(t.number),
  ],
);
