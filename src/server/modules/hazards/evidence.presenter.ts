/**
 * @module Row → API shape for a hazard's evidence files (without their content).
 */
import type { z } from 'zod';
import type { AttachmentResponse } from '../../../shared/hazard.schemas.ts';
import type { AttachmentRow } from './evidence.repository.ts';
import { describeActor } from '../../../shared/actors.ts';

/** An evidence file's facts: purpose, name, type, size, SHA-256, who uploaded it and when. */
export function presentAttachment(
  r: AttachmentRow & { uploaderName?: string | null },
): z.infer<typeof AttachmentResponse> {
  return {
    id: r.id,
    purpose: r.purpose,
    fileName: r.fileName,
    contentType: r.contentType,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    uploadedBy: r.uploaderName ?? describeActor(r.uploadedByLabel),
    uploadedAt: r.uploadedAt.toISOString(),
  };
}
