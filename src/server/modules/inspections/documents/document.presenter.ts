/** @module Document rows → the API's document shapes (src/shared/inspection-documents.schemas.ts). */
import type { DocumentResponse } from '../../../../shared/inspection-documents.schemas.ts';
import type { DocumentRow, RevisionRow, SignatureRow } from './document.repository.ts';
import { templates } from './document.templates.ts';

/** A document: its head revision's fields, the history, the signatures and what each member has done. */
export function presentDocument(
  doc: DocumentRow,
  unitName: string,
  revisions: readonly RevisionRow[],
  signatures: readonly SignatureRow[],
  team: readonly { userId: string; name: string }[],
  reminders: DocumentResponse['reminders'],
): DocumentResponse {
  const signed = new Set(signatures.map((s) => s.userId));
  return {
    id: doc.id,
    number: doc.number,
    unitName,
    template: doc.template,
    state: doc.state,
    inspectionId: doc.inspectionId,
    hazardId: doc.hazardId,
    penaltyId: doc.penaltyId,
    mineId: doc.mineId,
    headSeq: doc.headSeq,
    fields: headFields(revisions),
    templateFields: templates[doc.template].fields,
    locked: signatures.length > 0,
    revisions: revisions.map((r) => ({
      seq: r.seq,
      authorLabel: r.authorLabel,
      createdAt: r.createdAt.toISOString(),
      hash: r.hash,
      prevHash: r.prevHash,
    })),
    signatures: signatures.map((s) => ({
      userId: s.userId,
      signerLabel: s.signerLabel,
      seq: s.seq,
      signedAt: s.signedAt.toISOString(),
      hash: s.hash,
    })),
    team: team.map((t) => ({ ...t, signed: signed.has(t.userId) })),
    reminders,
  };
}

/** The fields of the last revision (none before the first). */
export function headFields(revisions: readonly RevisionRow[]): Record<string, string> {
  return revisions[revisions.length - 1]?.fields ?? {};
}
