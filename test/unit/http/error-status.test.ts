import { describe, expect, it } from 'vitest';
import { RETRY_AFTER_BY_CODE, STATUS_BY_CODE } from '../../../src/http/error-status.ts';

describe('the error -> status table', () => {
  it('when the store is unavailable, then the answer is 503 with a Retry-After', () => {
    expect(STATUS_BY_CODE.STORE_UNAVAILABLE).toBe(503);
    expect(RETRY_AFTER_BY_CODE.STORE_UNAVAILABLE).toBeGreaterThan(0);
  });

  it('when a constraint conflict is reported, then it is 409, never a 500', () => {
    expect(STATUS_BY_CODE.CONFLICT).toBe(409);
  });

  it('when a code has a Retry-After, then its status is a 503', () => {
    for (const code of Object.keys(RETRY_AFTER_BY_CODE) as (keyof typeof STATUS_BY_CODE)[]) {
      expect(STATUS_BY_CODE[code]).toBe(503);
    }
  });
});
