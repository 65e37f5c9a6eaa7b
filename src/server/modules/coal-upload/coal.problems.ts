/**
 * @module What is wrong with an upload file: each problem names the file, the record, the field and why,
 * as the importers do (monitoring/sensor.import.ts: row, column, message); and the one AppError a refused
 * file becomes.
 */
import { AppError, AppErrorCode, type ErrorDetail } from '../../platform/errors.ts';

/** One problem of one file. */
export interface CoalProblem {
  /** The file's name as received. */
  file: string;
  /**
   * The record: 0 is the header segment, 1 the first record after it; null for the file as a whole (its
   * name).
   */
  record: number | null;
  /** The field's name in the standard's words (`测点值`), or what of the file is wrong (`文件名`). */
  field: string;
  /** Why, in words a mine's system administrator can act on. */
  reason: string;
  /** The offending text, when there is one (cut to 100 characters). */
  value?: string;
}

/** At most this many problems are listed per file; the count says how many there were. */
export const PROBLEMS_LISTED_MAX = 1000;

/** The problems of one file as they are found: listed up to the maximum, all counted. */
export class ProblemList {
  readonly items: CoalProblem[] = [];
  count = 0;

  constructor(readonly file: string) {}

  add(record: number | null, field: string, reason: string, value?: string): void {
    this.count++;
    if (this.items.length < PROBLEMS_LISTED_MAX) {
      const p: CoalProblem = { file: this.file, record, field, reason };
      if (value !== undefined) {
        p.value = value.length > 100 ? `${value.slice(0, 100)}…` : value;
      }
      this.items.push(p);
    }
  }
}

/** Where a problem is, in words: `第3条记录 测点值`. */
export function problemPlace(p: Pick<CoalProblem, 'record' | 'field'>): string {
  const where = p.record === null ? '' : p.record === 0 ? '文件头 ' : `第${p.record}条记录 `;
  return `${where}${p.field}`;
}

/** The error a refused file answers (a 422 by default): its name in the message, each problem a detail (row = record). */
export function coalFileError(
  file: string,
  problems: readonly CoalProblem[],
  count = problems.length,
  code: AppErrorCode = AppErrorCode.ImportInvalid,
) {
  const details: ErrorDetail[] = problems.map((p) => {
    const d: ErrorDetail = { path: p.field, message: `${problemPlace(p)}: ${p.reason}` };
    if (p.record !== null) {
      d.row = p.record;
    }
    if (p.value !== undefined) {
      d.value = p.value;
    }
    return d;
  });
  return new AppError(code, `文件 ${file} 有 ${count} 处错误, 未接收`, details);
}
