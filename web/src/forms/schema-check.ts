/**
 * Forms check their input with the API's own zod schemas (src/domain) before sending it, so a
 * user hears of a bad field at once and in the same words the API would use: the problems come
 * out of the same `issuesToDetails` the service answers 400 with. Checks that need the database
 * or the reference lists (a site of another company, an unknown waste code, a quantity beyond its
 * kind's bounds) stay with the API, whose answer the form places the same way.
 */
import type { z } from 'zod';
import { issuesToDetails } from '../../../src/domain/validate.ts';

export interface SchemaProblem {
  path: string;
  message: string;
}

/** The problems the API's schema finds in `input` (none when it would pass). */
export function schemaProblems(schema: z.ZodType, input: unknown): SchemaProblem[] {
  const parsed = schema.safeParse(input, { reportInput: true });
  return parsed.success ? [] : issuesToDetails(parsed.error.issues);
}
