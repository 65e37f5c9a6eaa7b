/**
 * @module The one error type. Services throw AppError with a code; only the HTTP layer maps codes to
 * status codes (httpStatusByCode), and the CLI prints the same message and details.
 */

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

export function notFound(entity: string, id: string): AppError {
  return new AppError(AppErrorCode.NotFound, `${entity} ${id} not found`);
}
