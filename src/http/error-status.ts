import type { ErrorCode } from '../errors.ts';

/** The one place where error codes become HTTP statuses. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  RATE_LIMITED: 429,
  RUN_IN_PROGRESS: 409,
  STORE_UNAVAILABLE: 503,
  PROVISIONING_FAILED: 503,
  PORT_IN_USE: 503,
  MIGRATION_CHANGED: 503,
  INTERNAL: 500,
};

/**
 * Seconds a client should wait before trying again (the Retry-After header), for the codes that
 * mean "not now" rather than "not this": the embedded Neo4j restarts in about ten seconds.
 */
export const RETRY_AFTER_BY_CODE: Partial<Record<ErrorCode, number>> = {
  STORE_UNAVAILABLE: 5,
  PROVISIONING_FAILED: 30,
};
