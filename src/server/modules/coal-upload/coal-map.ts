/**
 * @module What every file type's mapping shares: the context a mapper runs in (inside the file's one
 * transaction) and the tally it returns — records stored, duplicates (stored before, nothing new),
 * records refused one by one with the field and reason, and warnings (stored, with something to fix).
 */
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import type { StoredProblem } from './coal-file.table.ts';
import { PROBLEMS_LISTED_MAX } from './coal.problems.ts';

/** The mine a file belongs to. */
export interface FileMine {
  id: string;
  name: string;
  countyCode: string;
  coalCode: string;
}

export interface MapContext {
  tx: Db;
  deps: ServiceDeps;
  /** The gateway's principal, labelled as the mine's own system (coal-upload.audit.ts). */
  principal: Principal;
  mine: FileMine;
  fileId: string;
  /** When the file is processed. */
  at: Date;
  /** The file's upload time (header 数据上传时间, else its name's time): orders files of one kind. */
  uploadedAt: Date;
}

/** The counts and problems of one file's records. */
export class Tally {
  stored = 0;
  duplicates = 0;
  refusedCount = 0;
  readonly refused: StoredProblem[] = [];
  readonly warnings: StoredProblem[] = [];
  /** Minewatch points whose parameters changed (the engine learns of them after commit). */
  readonly changedSensors = new Set<string>();

  refuse(record: number, field: string, reason: string, value?: string): void {
    this.refusedCount++;
    if (this.refused.length < PROBLEMS_LISTED_MAX) {
      this.refused.push({ record, field, reason, ...(value !== undefined ? { value } : {}) });
    }
  }

  warn(record: number, field: string, reason: string, value?: string): void {
    if (this.warnings.length < PROBLEMS_LISTED_MAX) {
      this.warnings.push({ record, field, reason, ...(value !== undefined ? { value } : {}) });
    }
  }
}
