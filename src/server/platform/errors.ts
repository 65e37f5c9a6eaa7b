/**
 * @module The one error type. Services throw AppError with a code; only the HTTP layer maps codes to
 * status codes (httpStatusByCode), and the CLI prints the same message and details.
 */
import { dateWindowProblem, type DateWindow } from '../../shared/date-windows.ts';

export const AppErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  ImportInvalid: 'IMPORT_INVALID',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  RateLimited: 'RATE_LIMITED',
  Internal: 'INTERNAL',
} as const;
export type AppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

export const httpStatusByCode: Record<AppErrorCode, number> = {
  VALIDATION_FAILED: 400,
  IMPORT_INVALID: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** One problem with one field of one record. */
export interface ErrorDetail {
  /** Dotted path of the field, e.g. `creditCode` or `licences.0.expiresOn`. */
  path: string;
  /** What is wrong, in words a user can act on. */
  message: string;
  /** For imports: the 1-based row number in the file (the header is row 1). */
  row?: number;
  /** The offending value, when it is safe to echo back. */
  value?: unknown;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: ErrorDetail[];

  constructor(code: AppErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  /** HTTP status code for this error. */
  get status(): number {
    return httpStatusByCode[this.code];
  }
}

/** Shorthand for a validation failure on a single field. */
export function invalidField(path: string, message: string, value?: unknown): AppError {
  const detail: ErrorDetail = { path, message };
  if (value !== undefined) {
    detail.value = value;
  }
  return new AppError(AppErrorCode.ValidationFailed, `${path}: ${message}`, [detail]);
}

/** The date fields of one input: field path → [its value (absent ones pass), its window]. */
export type DatedFields = Record<string, readonly [string | null | undefined, DateWindow]>;

/** The date fields outside their windows (shared/date-windows.ts) on `today`, each with why. */
export function dateWindowDetails(today: string, fields: DatedFields): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const [path, [value, window]] of Object.entries(fields)) {
    const problem = value ? dateWindowProblem(value, window, today) : undefined;
    if (problem) {
      details.push({ path, message: problem, value });
    }
  }
  return details;
}

/**
 * Checks date fields against their windows (shared/date-windows.ts, the web forms' rule too): one 400
 * naming every field outside its window, or nothing.
 */
export function checkDateWindows(today: string, fields: DatedFields): void {
  const details = dateWindowDetails(today, fields);
  if (details.length) {
    throw new AppError(
      AppErrorCode.ValidationFailed,
      details.map((d) => `${d.path}: ${d.message}`).join('; '),
      details,
    );
  }
}

export function notFound(entity: string, id: string): AppError {
  return new AppError(AppErrorCode.NotFound, `${entity} ${id} not found`);
}
