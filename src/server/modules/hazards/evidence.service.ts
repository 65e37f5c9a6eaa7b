/**
 * @module Evidence files of a hazard (issue 4 §2): accepted only in the types of EvidenceLimits,
 * recognised by their first bytes whatever the name says, within the size limit, stored with their
 * SHA-256 in the hazard's transaction (a timeline entry and an audit event), and served only to
 * callers who may see the hazard.
 */
import { createHash } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import { HazardState, type EvidencePurpose } from '../../../shared/hazard.enums.ts';
import { EvidenceLimits } from '../../../shared/limits.ts';
import { recordAudit } from './hazards.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, notFound } from '../../platform/errors.ts';
import * as repo from './hazard.repository.ts';
import { loadVisibleHazard } from './hazard.access.ts';
import { hazardAttachments } from './hazard.table.ts';
import { HazardPermission } from './hazards.permissions.ts';

type EvidenceType = (typeof EvidenceLimits.types)[number];

/** The type of a file from its first bytes; null when it is none of the accepted types. */
export function sniffEvidenceType(data: Buffer): EvidenceType | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => data[at + i] === b);
  const ascii = (text: string, at: number) =>
    data.toString('latin1', at, at + text.length) === text;
  if (starts([0xff, 0xd8, 0xff])) {
    return 'image/jpeg';
  }
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return 'image/png';
  }
  if (ascii('RIFF', 0) && ascii('WEBP', 8)) {
    return 'image/webp';
  }
  if (ascii('%PDF-', 0)) {
    return 'application/pdf';
  }
  if (ascii('ftyp', 4)) {
    return 'video/mp4';
  }
  return null;
}

/** A file name safe to store and to send back: no path, no control characters, at most 200 chars. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (clean || 'evidence').slice(-200);
}

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

/**
 * Checks an uploaded evidence file (not empty, within the size limit, of an accepted type by its
 * content) and answers its type; the 4xx names `file` (also used for task progress evidence).
 */
export function acceptEvidenceFile(input: { fileName: string; data: Buffer }): EvidenceType {
  const refuse = (code: AppErrorCode, message: string, detail: string) =>
    new AppError(code, message, [{ path: 'file', message: detail, value: input.fileName }]);
  if (input.data.length === 0) {
    throw refuse(AppErrorCode.ValidationFailed, '证据文件为空', '文件没有内容');
  }
  if (input.data.length > EvidenceLimits.bytesMax) {
    throw refuse(
      AppErrorCode.PayloadTooLarge,
      '证据文件过大',
      `不能超过 ${EvidenceLimits.bytesMax / 1024 / 1024} MB`,
    );
  }
  const contentType = sniffEvidenceType(input.data);
  if (!contentType) {
    throw refuse(
      AppErrorCode.UnsupportedMediaType,
      '不支持的证据文件类型',
      `仅接受 JPEG、PNG、WebP 图片, PDF 和 MP4 视频 (按文件内容识别)`,
    );
  }
  return contentType;
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
  const contentType = acceptEvidenceFile(input);
  const refuse = (code: AppErrorCode, message: string, detail: string) =>
    new AppError(code, message, [{ path: 'file', message: detail, value: input.fileName }]);
  return deps.db.transaction(async (tx) => {
    const hazard = await loadVisibleHazard(tx, principal, hazardId);
    if (hazard.hazard.state === HazardState.Closed) {
      throw new AppError(AppErrorCode.Conflict, '隐患已销号, 不能再添加证据');
    }
    const [held] = await tx
      .select({ n: count() })
      .from(hazardAttachments)
      .where(eq(hazardAttachments.hazardId, hazardId));
    if ((held?.n ?? 0) >= EvidenceLimits.perHazardMax) {
      throw refuse(
        AppErrorCode.Conflict,
        '证据文件数量已达上限',
        `每项隐患最多 ${EvidenceLimits.perHazardMax} 个文件`,
      );
    }
    const sha256 = createHash('sha256').update(input.data).digest('hex');
    const at = deps.clock();
    const [row] = await tx
      .insert(hazardAttachments)
      .values({
        hazardId,
        purpose: input.purpose,
        fileName: cleanFileName(input.fileName),
        contentType,
        sizeBytes: input.data.length,
        sha256,
        content: input.data,
        uploadedBy: principal.userId,
        uploadedByLabel: principal.username,
        uploadedAt: at,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      throw refuse(AppErrorCode.Conflict, '同一文件已上传', `SHA-256 ${sha256} 已存在于该隐患`);
    }
    const after = present(row);
    await repo.insertHazardEvent(tx, {
      hazardId,
      at,
      actorId: principal.userId,
      actorLabel: principal.username,
      action: 'attach',
      note: `${input.purpose}: ${after.fileName} (SHA-256 ${sha256.slice(0, 12)}…)`,
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
