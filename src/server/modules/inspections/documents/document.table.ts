/**
 * @module Tables of the enforcement documents (issue 7 §4): numbered per unit, template and year; their
 * revisions and signatures are hash-chained and, by database trigger, never updated or deleted. A
 * document is opened on an inspection, or (函告, 通报) made from a reached step of an overdue hazard's
 * escalation ladder (《2024年矿山安全生产工作要点》第20条), then signed by the regulator who made it.
 */
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { DocumentState, DocumentTemplate } from '../../../../shared/inspections.enums.ts';
import { organisations, users } from '../../access/access.table.ts';
import { hazards } from '../../hazards/hazard.table.ts';
import { mines } from '../../registry/mine.table.ts';
import { penalties } from '../penalties/penalty.table.ts';
import { inspections } from '../records/inspection.table.ts';

/** An enforcement document, numbered per unit, template and year; its text lives in revisions. */
export const enforcementDocuments = pgTable(
  'enforcement_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The inspection it was opened on; null for a document made from a hazard's ladder step. */
    inspectionId: uuid('inspection_id').references(() => inspections.id),
    /** The hazard whose ladder step (函告, 通报) it was made from. */
    hazardId: uuid('hazard_id').references(() => hazards.id),
    /** Who signs a document without an inspection team: the regulator who made it (谁签名、谁负责). */
    issuerId: uuid('issuer_id').references(() => users.id),
    penaltyId: uuid('penalty_id').references(() => penalties.id),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    template: text('template').$type<DocumentTemplate>().notNull(),
    year: integer('year').notNull(),
    serial: integer('serial').notNull(),
    number: text('number').notNull(),
    headSeq: integer('head_seq').notNull(),
    state: text('state').$type<DocumentState>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('enforcement_documents_number_key').on(
      t.organisationId,
      t.template,
      t.year,
      t.serial,
    ),
    index('enforcement_documents_inspection_idx').on(t.inspectionId),
    // One 函告 and one 通报 per hazard: the act of a step is made once.
    uniqueIndex('enforcement_documents_hazard_template_key')
      .on(t.hazardId, t.template)
      .where(sql`hazard_id IS NOT NULL`),
    check('enforcement_documents_subject', sql`(inspection_id IS NULL) <> (hazard_id IS NULL)`),
  ],
);

/** Every edit is a revision, chained by hash to the one before; never updated or deleted. */
export const enforcementDocumentRevisions = pgTable(
  'enforcement_document_revisions',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => enforcementDocuments.id),
    seq: integer('seq').notNull(),
    fields: jsonb('fields').$type<Record<string, string>>().notNull(),
    authorId: uuid('author_id').notNull(),
    authorLabel: text('author_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.seq] })],
);

/** 谁检查、谁签名、谁负责: an inspector's signature on one revision, bound to its hash. */
export const enforcementDocumentSignatures = pgTable(
  'enforcement_document_signatures',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => enforcementDocuments.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    seq: integer('seq').notNull(),
    signerLabel: text('signer_label').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.userId] })],
);
