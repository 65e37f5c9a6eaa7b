/**
 * @module Evidence files of a hazard (issue 4 §2): accepted only in the types of EvidenceLimits,
 * recognised by their first bytes whatever the name says, within the size limit, stored with their
 * SHA-256 in the hazard's transaction (a timeline entry and an audit event), and served only to
 * callers who may see the hazard.
 */
import { HazardState, type EvidencePurpose } from '../../../shared/hazard.enums.ts';
import { EvidenceLimits } from '../../../shared/limits.ts';
import { recordAudit } from './hazards.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, notFound } from '../../platform/errors.ts';
import { acceptFile, evidencePolicy } from '../../platform/files/files.ts';
import * as repo from './evidence.repository.ts';
import { presentAttachment } from './evidence.presenter.ts';
import { insertHazardEvent } from './hazard.repository.ts';
import { loadVisibleHazard } from './hazard.access.ts';
import { HazardPermission } from './hazards.permissions.ts';

/** The hazard's evidence, without the content. */
export async function attachmentsOf(db: Db, hazardId: string) {
  return (await repo.listAttachments(db, hazardId)).map(presentAttachment);
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
    const row = await repo.storeAttachment(
      tx,
      {
        ...file,
        hazardId,
        purpose: input.purpose,
        uploadedBy: principal.userId,
        uploadedByLabel: principal.username,
        uploadedAt: at,
      },
      EvidenceLimits.perHazardMax,
    );
    const after = presentAttachment(row);
    await insertHazardEvent(tx, {
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
  const row = await repo.findAttachment(deps.db, hazardId, attachmentId);
  if (!row) {
    throw notFound('attachment', attachmentId);
  }
  return { ...presentAttachment(row), content: row.content };
}
