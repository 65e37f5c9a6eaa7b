/**
 * @module Request and response shapes of the enforcement documents (issue 7 §4): opened from a
 * template, revised (each revision chained by hash), signed by the inspection team, and the copy the
 * enterprise receives once issued.
 */
import { z } from 'zod';
import { Uuid } from './common.schemas.ts';
import {
  documentReminderKinds,
  documentStates,
  documentTemplates,
  inspectionDocumentTemplates,
} from './inspections.enums.ts';

export const DocumentCreateInput = z.strictObject({
  inspectionId: Uuid,
  template: z.enum(inspectionDocumentTemplates),
  penaltyId: Uuid.optional().describe('行政处罚决定书对应的处罚'),
});
export type DocumentCreateInput = z.infer<typeof DocumentCreateInput>;
export const DocumentFields = z.record(z.string().max(60), z.string().max(20_000));
export const DocumentReviseInput = z.strictObject({
  fields: DocumentFields,
  baseSeq: z.number().int().positive().describe('编辑所基于的修订号'),
});
export type DocumentReviseInput = z.infer<typeof DocumentReviseInput>;
export const DocumentSignInput = z.strictObject({
  seq: z.number().int().positive().describe('签名的修订号'),
});
export const DocumentDiffQuery = z.strictObject({
  from: z.coerce.number().int().positive(),
  to: z.coerce.number().int().positive(),
});

/** A field of a template: signing waits until every required one is filled. */
export const TemplateFieldResponse = z.object({
  key: z.string(),
  label: z.string(),
  required: z.boolean(),
  multiline: z.boolean().optional(),
});
export type TemplateFieldResponse = z.infer<typeof TemplateFieldResponse>;

export const DocumentRevisionResponse = z.object({
  seq: z.number().int(),
  authorLabel: z.string(),
  createdAt: z.string(),
  hash: z.string(),
  prevHash: z.string(),
});

export const DocumentSignatureResponse = z.object({
  userId: z.uuid(),
  signerLabel: z.string(),
  seq: z.number().int(),
  signedAt: z.string(),
  hash: z.string(),
});

/** 智能提醒: what still stands between the document and its issue, or a deadline near or passed. */
export const DocumentReminderResponse = z.object({
  kind: z.enum(documentReminderKinds),
  message: z.string(),
  field: z.string().optional(),
});
export type DocumentReminderResponse = z.infer<typeof DocumentReminderResponse>;

/** An enforcement document: its head revision's fields, history, signatures and reminders. */
export const DocumentResponse = z.object({
  id: z.uuid(),
  number: z.string(),
  unitName: z.string(),
  template: z.enum(documentTemplates),
  state: z.enum(documentStates),
  /** The inspection it was opened on; null for a 函告 or 通报 made from a hazard's ladder step. */
  inspectionId: z.uuid().nullable(),
  /** The hazard whose ladder step it was made from (函告, 通报), else null. */
  hazardId: z.uuid().nullable(),
  penaltyId: z.string().nullable(),
  mineId: z.uuid(),
  headSeq: z.number().int(),
  fields: z.record(z.string(), z.string()),
  templateFields: z.array(TemplateFieldResponse),
  /** Whether anyone has signed: the text can no longer change. */
  locked: z.boolean(),
  revisions: z.array(DocumentRevisionResponse),
  signatures: z.array(DocumentSignatureResponse),
  team: z.array(z.object({ userId: z.string(), name: z.string(), signed: z.boolean() })),
  reminders: z.array(DocumentReminderResponse),
});
export type DocumentResponse = z.infer<typeof DocumentResponse>;

/** The fields whose text differs between two revisions, in template order. */
export const DocumentDiffResponse = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({ key: z.string(), label: z.string(), before: z.string(), after: z.string() }),
  ),
});
export type DocumentDiffResponse = z.infer<typeof DocumentDiffResponse>;

/** A document issued to one of the enterprise's mines. */
export const ReceivedDocumentResponse = z.object({
  id: z.uuid(),
  number: z.string(),
  template: z.enum(documentTemplates),
  mineId: z.uuid(),
  mineName: z.string(),
  inspectedOn: z.string(),
  unitName: z.string(),
});
export type ReceivedDocumentResponse = z.infer<typeof ReceivedDocumentResponse>;
