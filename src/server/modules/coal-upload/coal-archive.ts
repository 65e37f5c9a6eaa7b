/**
 * @module The files received in one go (a request, an MQTT message), ZIP archives opened: their entries
 * take the archive's place (folders inside ignored), within the limits of one upload.
 */
import { CoalUploadLimits } from '../../../shared/limits.ts';
import { AppError, AppErrorCode } from '../../platform/errors.ts';
import { looksLikeZip, readZip } from '../../platform/files/zip.ts';
import type { IncomingFile } from './coal-ingest.service.ts';

export function openArchives(parts: readonly { name: string; data: Buffer }[]): IncomingFile[] {
  const out: IncomingFile[] = [];
  let inflated = 0;
  for (const p of parts) {
    if (looksLikeZip(p.data)) {
      const entries = readZip(p.name, p.data, {
        entriesMax: CoalUploadLimits.zipEntriesMax,
        entryBytesMax: CoalUploadLimits.fileBytesMax,
        totalBytesMax: CoalUploadLimits.zipBytesMax - inflated,
      });
      for (const e of entries) {
        inflated += e.data.length;
        out.push({ name: e.name, data: e.data });
      }
    } else {
      out.push(p);
    }
    if (out.length > CoalUploadLimits.zipEntriesMax) {
      throw new AppError(
        AppErrorCode.PayloadTooLarge,
        `一次最多上传 ${CoalUploadLimits.zipEntriesMax} 个文件`,
        [
          {
            path: 'file',
            message: `超过 ${CoalUploadLimits.zipEntriesMax} 个文件`,
            value: out.length,
          },
        ],
      );
    }
  }
  return out;
}
