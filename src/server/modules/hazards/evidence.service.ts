/**
 * @module Evidence files of a hazard (issue 4 §2): accepted only in the types of EvidenceLimits,
 * recognised by their first bytes whatever the name says, within the size limit, stored with their
 * SHA-256 in the hazard's transaction (a timeline entry and an audit event), and served only to
 * callers who may see the hazard.
 */
import { and, asc, eq } from 'drizzle-orm';
import { HazardState, type EvidencePurpose } from '../../../shared/hazard.enums.ts';
import { EvidenceLimits } from '../../../shared/limits.ts';
import { recordAudit } from './hazards.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, notFound } from '../../platform/errors.ts';
import { acceptFile, evidencePolicy, storeFile } from '../../platform/files/files.ts';
import * as repo from './hazard.repository.ts';
import { loadVisibleHazard } from './hazard.access.ts';
import { hazardAttachments } from './hazard.table.ts';
import { HazardPermission } from './hazards.permissions.ts';

function present(r: typeof hazardAttachments.$inferSelect) {
  return {
    id: r.id,
    purpose: r.purpose,
    fileName: r.fileName,
    contentType: r.contentType,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    uploadedBy: r.uploadedByLabel,
    uploadedAt: r.uploadedAt.toISOString(),
  };
}

/** The hazard's evidence, without the content. */
export async function attachmentsOf(db: Db, hazardId: string) {
  const rows = await db
    .select()
    .from(hazardAttachments)
    .where(eq(hazardAttachments.hazardId, hazardId))
    .orderBy(asc(hazardAttachments.uploadedAt), asc(hazardAttachments.id));
  return rows.map(present);
}

export async function addEvidence(
  deps: ServiceDeps,
  principal: Principal,
  hazardId: string,
  input: { purpose: EvidencePurpose; fileName: string; data: Buffer },
) {
  requirePermission(principal, HazardPermission.Report);
  const file = acceptFile(evidencePolicy, input);
  return deps.db.transaction(async (tx) => {
    const hazard = await loadVisibleHazard(tx, principal, hazardId);
    if (hazard.hazard.state === HazardState.Closed) {
      throw new AppError(AppErrorCode.Conflict, '隐患已销号, 不能再添加证据');
    }
    const at = deps.clock();
    const row = await storeFile(
      tx,
      hazardAttachments,
      evidencePolicy,
      {
        column: hazardAttachments.hazardId,
        id: hazardId,
        max: EvidenceLimits.perHazardMax,
        name: '项隐患',
      },
      {
        ...file,
        hazardId,
        purpose: input.purpose,
        uploadedBy: principal.userId,
        uploadedByLabel: principal.username,
        uploadedAt: at,
      },
    );
    const after = present(row);
    await repo.insertHazardEvent(tx, {
      hazardId,
      at,
      actorId: principal.userId,
      actorLabel: principal.username,
      action: 'attach',
      note: `${input.purpose}: ${after.fileName} (SHA-256 ${file.sha256.slice(0, 12)}…)`,
    });
    await recordAudit(tx, actorOf(principal), at, {
      type: 'hazards.evidence.added',
      entityId: hazardId,
      after,
    });
    return after;
  });
}

/** One evidence file with its content, if the caller may see its hazard. */
export async function getEvidence(
  deps: ServiceDeps,
  principal: Principal,
  hazardId: string,
  attachmentId: string,
) {
  requirePermission(principal, HazardPermission.Read);
  await loadVisibleHazard(deps.db, principal, hazardId);
  const [row] = await deps.db
    .select()
    .from(hazardAttachments)
    .where(and(eq(hazardAttachments.id, attachmentId), eq(hazardAttachments.hazardId, hazardId)));
  if (!row) {
    throw notFound('attachment', attachmentId);
  }
  return { ...present(row), content: row.content };
}
