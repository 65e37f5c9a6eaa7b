/**
 * @module Photos of a 驻矿盯守 / 巡查 visit (《2024年矿山安全生产工作要点》第18条): JPEG, PNG or WebP by content, at
 * most 20 per visit, each once (by SHA-256), through platform/files; added by the official who made the
 * visit, served back only to callers who may see the visit's mine.
 */
import { EvidenceLimits } from '../../../shared/limits.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, notFound } from '../../platform/errors.ts';
import { acceptFile, photoPolicy, storeFile } from '../../platform/files/files.ts';
import { visibleByMine } from '../registry/registry.scope.ts';
import { recordAudit } from './stopped.audit.ts';
import { StoppedPermission } from './stopped.permissions.ts';
import { presentPatrol } from './stopped.presenter.ts';
import * as repo from './stopped.repository.ts';
import { stoppedMinePatrols, stoppedPatrolPhotos } from './stopped.table.ts';

export const patrolPhotoPolicy = photoPolicy(EvidenceLimits.bytesMax);
const photosPerPatrolMax = 20;

function loadPatrol(db: Db, principal: Principal, id: string, lock = false) {
  return visibleByMine(db, principal, stoppedMinePatrols, id, {
    entity: 'stopped_patrol',
    select: repo.selectPatrols(db).$dynamic(),
    lock,
  });
}

export async function addPatrolPhoto(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  upload: { fileName: string; data: Buffer },
) {
  requirePermission(principal, StoppedPermission.Patrol);
  return deps.db.transaction(async (tx) => {
    const p = await loadPatrol(tx, principal, id, true);
    if (p.row.userId !== principal.userId) {
      throw new AppError(AppErrorCode.Forbidden, '只有记录该次巡查的包保责任人可上传照片', [
        { path: 'id', message: '不是本人的巡查记录' },
      ]);
    }
    // Checked only once the visit is known to be the caller's: others' ids stay a 404.
    const file = acceptFile(patrolPhotoPolicy, upload);
    const at = deps.clock();
    const row = await storeFile(
      tx,
      stoppedPatrolPhotos,
      patrolPhotoPolicy,
      { column: stoppedPatrolPhotos.patrolId, id, max: photosPerPatrolMax, name: '次巡查' },
      { ...file, patrolId: id, uploadedBy: principal.userId, uploadedAt: at },
    );
    await recordAudit(tx, actorOf(principal), at, {
      type: 'stopped.patrol.photo_added',
      entityId: id,
      after: { photoId: row.id, fileName: file.fileName, sha256: file.sha256 },
    });
    const photos = await repo.photosOf(tx, [id]);
    return presentPatrol(p.row, p.mineName, p.officialName, photos.get(id) ?? []);
  });
}

/** A photo with its content, when the caller may see its visit. */
export async function getPatrolPhoto(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  photoId: string,
) {
  requirePermission(principal, StoppedPermission.Read);
  await loadPatrol(deps.db, principal, id);
  const row = await repo.findPhoto(deps.db, id, photoId);
  if (!row) {
    throw notFound('photo', photoId);
  }
  return row;
}
