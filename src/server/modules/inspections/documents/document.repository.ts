/**
 * @module SQL of the enforcement documents: a document with its unit and team, its revisions and
 * signatures (appended only), numbering under a lock on the unit, the deadlines it reminds of, the
 * enterprise's received copies, and the walk over every document for the chain check.
 */
import { and, asc, desc, eq, gt, max, sql, type SQL } from 'drizzle-orm';
import { DocumentState, type DocumentTemplate } from '../../../../shared/inspections.enums.ts';
import { queryRows, type Db } from '../../../platform/db/client.ts';
import { organisations } from '../../access/access.table.ts';
import { mines } from '../../registry/mine.table.ts';
import { allOf } from '../../registry/registry.scope.ts';
import { inspections } from '../records/inspection.table.ts';
import {
  enforcementDocumentRevisions,
  enforcementDocumentSignatures,
  enforcementDocuments,
} from './document.table.ts';

/**
 * Who signs a document: the inspection team, or, for a document made from a hazard's ladder step, the
 * regulator who made it.
 */
const signerIds = sql<
  string[]
>`coalesce(${inspections.teamUserIds}, ARRAY[${enforcementDocuments.issuerId}]::uuid[])`;

/**
 * Documents with their unit's name and the signers, joined to `mines` for scoping; the caller adds
 * the condition (registry.scope.ts visibleByMine).
 */
export function selectDocumentWithTeam(db: Db) {
  return db
    .select({
      doc: enforcementDocuments,
      teamUserIds: signerIds,
      unitName: organisations.name,
    })
    .from(enforcementDocuments)
    .innerJoin(organisations, eq(organisations.id, enforcementDocuments.organisationId))
    .innerJoin(mines, eq(mines.id, enforcementDocuments.mineId))
    .leftJoin(inspections, eq(inspections.id, enforcementDocuments.inspectionId))
    .$dynamic();
}
export type DocumentRow = typeof enforcementDocuments.$inferSelect;

/**
 * How many draft documents of the caller's scope wait for this user's signature: on the inspection's
 * team and not yet signed (谁检查、谁签名).
 */
export async function countAwaitingSignatureOf(db: Db, userId: string, mineScope: SQL | undefined) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(enforcementDocuments)
    .innerJoin(mines, eq(mines.id, enforcementDocuments.mineId))
    .leftJoin(inspections, eq(inspections.id, enforcementDocuments.inspectionId))
    .where(
      allOf(
        mineScope,
        eq(enforcementDocuments.state, DocumentState.Draft),
        sql`${userId}::uuid = ANY(${signerIds})`,
        sql`NOT EXISTS (SELECT 1 FROM ${enforcementDocumentSignatures} s
              WHERE s.document_id = ${enforcementDocuments.id} AND s.user_id = ${userId}::uuid)`,
      ),
    );
  return row?.n ?? 0;
}

/** A document's revisions, first to last. */
export async function revisionsOf(db: Db, documentId: string) {
  return db
    .select()
    .from(enforcementDocumentRevisions)
    .where(eq(enforcementDocumentRevisions.documentId, documentId))
    .orderBy(asc(enforcementDocumentRevisions.seq));
}
export type RevisionRow = Awaited<ReturnType<typeof revisionsOf>>[number];

/** A document's signatures in the order signed. */
export async function signaturesOf(db: Db, documentId: string) {
  return db
    .select()
    .from(enforcementDocumentSignatures)
    .where(eq(enforcementDocumentSignatures.documentId, documentId))
    .orderBy(asc(enforcementDocumentSignatures.signedAt));
}
export type SignatureRow = Awaited<ReturnType<typeof signaturesOf>>[number];

/** Appends a revision (the table refuses updates and deletes). */
export async function insertRevision(
  db: Db,
  values: typeof enforcementDocumentRevisions.$inferInsert,
) {
  await db.insert(enforcementDocumentRevisions).values(values);
}

/** Appends a signature (the table refuses updates and deletes). */
export async function insertSignature(
  db: Db,
  values: typeof enforcementDocumentSignatures.$inferInsert,
) {
  await db.insert(enforcementDocumentSignatures).values(values);
}

/** Stores a document; answers its id. */
export async function insertDocument(db: Db, values: typeof enforcementDocuments.$inferInsert) {
  const [row] = await db
    .insert(enforcementDocuments)
    .values(values)
    .returning({ id: enforcementDocuments.id });
  return row?.id ?? '';
}

/** Changes a document's head revision or state. */
export async function updateDocumentRow(
  db: Db,
  id: string,
  set: Partial<typeof enforcementDocuments.$inferInsert>,
) {
  await db.update(enforcementDocuments).set(set).where(eq(enforcementDocuments.id, id));
}

/** The number of the first document of a template opened on an inspection, if any. */
export async function firstNumberOf(db: Db, inspectionId: string, template: DocumentTemplate) {
  const [row] = await db
    .select({ number: enforcementDocuments.number })
    .from(enforcementDocuments)
    .where(
      and(
        eq(enforcementDocuments.inspectionId, inspectionId),
        eq(enforcementDocuments.template, template),
      ),
    )
    .orderBy(asc(enforcementDocuments.createdAt))
    .limit(1);
  return row?.number;
}

/** Locks the unit's row until the transaction ends (numbers are drawn under it) and answers its name. */
export async function lockUnit(tx: Db, organisationId: string) {
  const [unit] = await tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .for('update');
  return unit;
}

/** The highest serial a unit has given a template in a year (0 for none). */
export async function lastSerial(
  db: Db,
  organisationId: string,
  template: DocumentTemplate,
  year: number,
): Promise<number> {
  const [last] = await db
    .select({ serial: max(enforcementDocuments.serial) })
    .from(enforcementDocuments)
    .where(
      and(
        eq(enforcementDocuments.organisationId, organisationId),
        eq(enforcementDocuments.template, template),
        eq(enforcementDocuments.year, year),
      ),
    );
  return last?.serial ?? 0;
}

/** The documents made from a hazard's ladder steps (函告, 通报), in the order made. */
export async function documentsOfHazard(db: Db, hazardId: string) {
  return db
    .select({
      id: enforcementDocuments.id,
      template: enforcementDocuments.template,
      number: enforcementDocuments.number,
      state: enforcementDocuments.state,
      createdAt: enforcementDocuments.createdAt,
    })
    .from(enforcementDocuments)
    .where(eq(enforcementDocuments.hazardId, hazardId))
    .orderBy(asc(enforcementDocuments.createdAt));
}

/** The documents opened on an inspection, in the order opened. */
export async function documentsOfInspection(db: Db, inspectionId: string) {
  return db
    .select({
      id: enforcementDocuments.id,
      template: enforcementDocuments.template,
      number: enforcementDocuments.number,
      state: enforcementDocuments.state,
      headSeq: enforcementDocuments.headSeq,
    })
    .from(enforcementDocuments)
    .where(eq(enforcementDocuments.inspectionId, inspectionId))
    .orderBy(asc(enforcementDocuments.createdAt));
}

/** A deadline of an inspection a document reminds of: what, the day, and whether it is met. */
export interface DatedDeadline {
  what: string;
  day: string;
  done: boolean;
}

/**
 * The deadlines of an inspection: findings' 整改期限 (met once rechecked), the 复查日期, and each
 * penalty's payment, due within 15 days of the decision (《行政处罚法》第六十七条; counted from the
 * decision date here since the date of service is not recorded).
 */
export async function deadlinesOf(db: Db, inspectionId: string) {
  return queryRows<DatedDeadline>(
    db,
    sql`
    SELECT '整改期限: ' || f.description AS what, f.deadline::text AS day, i.rechecked_on IS NOT NULL AS done
      FROM inspection_findings f JOIN inspections i ON i.id = f.inspection_id
     WHERE f.inspection_id = ${inspectionId} AND f.deadline IS NOT NULL
    UNION ALL
    SELECT '复查日期', recheck_on::text, rechecked_on IS NOT NULL FROM inspections
     WHERE id = ${inspectionId} AND recheck_on IS NOT NULL
    UNION ALL
    SELECT '罚款缴纳期限 (决定后十五日): ' || party_name, (decided_on + 15)::text, status <> '待缴纳' FROM penalties
     WHERE inspection_id = ${inspectionId}`,
  );
}

/** The inspection's day, or the day a document made from a hazard's step was opened (Beijing time). */
const issuedOn = sql<string>`coalesce(${inspections.inspectedOn}::text, to_char(${enforcementDocuments.createdAt} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'))`;

/** Documents issued (已签发) to mines within `mineScope`, newest inspection first (at most 500). */
export async function listIssued(db: Db, mineScope: SQL | undefined) {
  return db
    .select({
      id: enforcementDocuments.id,
      number: enforcementDocuments.number,
      template: enforcementDocuments.template,
      mineId: enforcementDocuments.mineId,
      mineName: mines.name,
      inspectedOn: issuedOn,
      unitName: organisations.name,
    })
    .from(enforcementDocuments)
    .innerJoin(mines, eq(mines.id, enforcementDocuments.mineId))
    .leftJoin(inspections, eq(inspections.id, enforcementDocuments.inspectionId))
    .innerJoin(organisations, eq(organisations.id, enforcementDocuments.organisationId))
    .where(allOf(eq(enforcementDocuments.state, DocumentState.Issued), mineScope))
    .orderBy(desc(issuedOn), desc(enforcementDocuments.number))
    .limit(500);
}

/** The next `limit` documents by id after `afterId`, with their inspection team, for a walk over all. */
export async function documentsAfter(db: Db, afterId: string, limit: number) {
  const rows = await db
    .select({ doc: enforcementDocuments, teamUserIds: signerIds })
    .from(enforcementDocuments)
    .leftJoin(inspections, eq(inspections.id, enforcementDocuments.inspectionId))
    .where(gt(enforcementDocuments.id, afterId))
    .orderBy(asc(enforcementDocuments.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.doc, teamUserIds: r.teamUserIds }));
}
