/**
 * @module Photos of an inspection (issue 7 §2): JPEG, PNG or WebP by their content, at most 30 per
 * inspection, each once (by SHA-256), through platform/files; served back only to callers who may see
 * the inspection.
 */
import { EvidenceLimits } from '../../../../shared/limits.ts';
import type { Principal } from '../../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { acceptFile, photoPolicy, storeFile } from '../../../platform/files/files.ts';
import { InspectionPermission } from '../inspections.permissions.ts';
import { actingPrincipalFor, loadVisibleInspection } from './inspection.access.ts';
import * as repo from './inspection.repository.ts';
import { changeInspection } from './inspection.service.ts';
import { inspectionPhotos } from './inspection.table.ts';
import { todayIn } from '../../../../shared/dates.ts';

/** What an inspection photo may be. */
export const inspectionPhotoPolicy = photoPolicy(EvidenceLimits.bytesMax);
const photosPerInspectionMax = 30;

/** Attaches a photo to an inspection the caller may change; answers the inspection. */
export function addPhoto(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  upload: { fileName: string; data: Buffer },
) {
  return changeInspection(
    deps,
    principal,
    id,
    'inspections.inspection.photo_added',
    undefined,
    async (tx, _c, at) => {
      // Checked only once the inspection is known to be the caller's: others' ids stay a 404.
      const file = acceptFile(inspectionPhotoPolicy, upload);
      await storeFile(
        tx,
        inspectionPhotos,
        inspectionPhotoPolicy,
        { column: inspectionPhotos.inspectionId, id, max: photosPerInspectionMax, name: '次检查' },
        { ...file, inspectionId: id, uploadedBy: principal.userId, uploadedAt: at },
      );
      return { fileName: file.fileName, sha256: file.sha256, sizeBytes: file.sizeBytes };
    },
  );
}

/** A photo with its content, when the caller may see its inspection. */
export async function getPhoto(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  photoId: string,
) {
  requirePermission(principal, InspectionPermission.Read);
  const actor = await actingPrincipalFor(deps.db, principal, id, todayIn(deps.clock));
  await loadVisibleInspection(deps.db, actor, id);
  const row = await repo.findPhoto(deps.db, id, photoId);
  if (!row) {
    throw notFound('photo', photoId);
  }
  return row;
}
