import type { ErrorCode } from '../errors.ts';

/** The one place where error codes become HTTP statuses. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RUN_IN_PROGRESS: 409,
  STORE_UNAVAILABLE: 503,
  PROVISIONING_FAILED: 503,
  INTERNAL: 500,
};
