/**
 * Field schemas whose OpenAPI form states exactly what the validator accepts, so a client (or a
 * fuzzer) reading /openapi.json can tell valid input from invalid.
 */
import { z } from 'zod';

const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * A number in a query string: decimal text only. `z.coerce.number()` would read '' as 0 and '0x10'
 * as 16; here those stay strings and fail as "must be number". Documented as the number schema.
 */
export const queryNumber = <T extends z.ZodType<number>>(inner: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' && DECIMAL.test(v.trim()) && v.trim() !== '' ? Number(v) : v),
    inner,
  );

/**
 * A yes/no in a query string: `true` or `false` only (documented as a boolean). Parsing it twice
 * (route, then use-case) gives the same answer.
 */
export const queryBoolean = () =>
  z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());

/**
 * Free text that must say something: at most `max` characters as sent, not blank; surrounding
 * whitespace is trimmed after the checks. Documented as maxLength and a pattern (a non-space).
 */
export const text = (max: number) => z.string().max(max).regex(/\S/, 'must not be blank').trim();

/** Free text that may be empty: at most `max` characters as sent, trimmed. */
export const optionalText = (max: number) => z.string().max(max).trim();
