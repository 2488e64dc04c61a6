/**
 * Typed errors with stable string codes. The HTTP status for each code is decided in one table
 * in http/error-status.ts, never here.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'MALFORMED_JSON'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'RATE_LIMITED'
  | 'RUN_IN_PROGRESS'
  | 'STORE_UNAVAILABLE'
  | 'PROVISIONING_FAILED'
  | 'PORT_IN_USE'
  | 'MIGRATION_CHANGED'
  | 'INTERNAL';

export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `quantity.value` or `rows[3].material.wasteCodes[0]`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];

  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export const validationError = (message: string, details: ErrorDetail[]): AppError =>
  new AppError('VALIDATION_FAILED', message, details);

export const notFound = (what: string, id: string): AppError =>
  new AppError('NOT_FOUND', `${what} '${id}' does not exist`, [
    { path: 'id', message: `no ${what} with this id` },
  ]);

export const conflict = (message: string, details: ErrorDetail[] = []): AppError =>
  new AppError('CONFLICT', message, details);

/** A match run was asked for while another holds the run lock; names that run. */
export const runInProgress = (runId: string): AppError =>
  new AppError('RUN_IN_PROGRESS', `match run '${runId}' is in progress; start another when it has ended`, [
    { path: 'runId', message: runId },
  ]);

/** Formats a path array from zod (or our own checks) the way clients see it: `a.b[2].c`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
