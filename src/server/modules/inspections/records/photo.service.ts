/**
 * @module Photos of an inspection (issue 7 §2): JPEG, PNG or WebP by their content, at most 30 per
 * inspection, each once (by SHA-256), served back only to callers who may see the inspection.
 */
import { createHash } from 'node:crypto';
import { EvidenceLimits } from '../../../../shared/limits.ts';
import type { Principal } from '../../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../../platform/context.ts';
import { AppError, AppErrorCode, notFound } from '../../../platform/errors.ts';
import { cleanFileName, sniffEvidenceType } from '../../hazards/evidence.service.ts';
import { InspectionPermission } from '../inspections.permissions.ts';
import { loadVisibleInspection } from './inspection.access.ts';
import * as repo from './inspection.repository.ts';
import { changeInspection } from './inspection.service.ts';

const photoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
const photosPerInspectionMax = 30;

/** Attaches a photo to an inspection; answers the inspection. */
export function addPhoto(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  file: { fileName: string; data: Buffer },
) {
  return changeInspection(
    deps,
    principal,
    id,
    'inspections.inspection.photo_added',
    undefined,
    async (tx, _c, at) => {
      if (file.data.length > EvidenceLimits.bytesMax) {
        throw new AppError(AppErrorCode.PayloadTooLarge, '照片过大', [
          { path: 'file', message: `不能超过 ${EvidenceLimits.bytesMax / 1024 / 1024} MB` },
        ]);
      }
      const type = sniffEvidenceType(file.data);
      if (!type || !(photoTypes as readonly string[]).includes(type)) {
        throw new AppError(AppErrorCode.UnsupportedMediaType, '现场照片只接受 JPEG、PNG 或 WebP', [
          { path: 'file', message: '文件内容不是 JPEG、PNG 或 WebP 图片', value: file.fileName },
        ]);
      }
      if ((await repo.countPhotos(tx, id)) >= photosPerInspectionMax) {
        throw new AppError(AppErrorCode.Conflict, `每次检查最多 ${photosPerInspectionMax} 张照片`);
      }
      const sha256 = createHash('sha256').update(file.data).digest('hex');
      if (await repo.hasPhoto(tx, id, sha256)) {
        throw new AppError(AppErrorCode.Conflict, '同一照片已上传', [
          { path: 'file', message: sha256 },
        ]);
      }
      const fileName = cleanFileName(file.fileName);
      await repo.insertPhoto(tx, {
        inspectionId: id,
        fileName,
        contentType: type,
        sizeBytes: file.data.length,
        sha256,
        content: file.data,
        uploadedBy: principal.userId,
        uploadedAt: at,
      });
      return { fileName, sha256, sizeBytes: file.data.length };
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
  await loadVisibleInspection(deps.db, principal, id);
  const row = await repo.findPhoto(deps.db, id, photoId);
  if (!row) {
    throw notFound('photo', photoId);
  }
  return row;
}
