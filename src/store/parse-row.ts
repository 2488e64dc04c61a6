import type { z } from 'zod';
import { AppError } from '../errors.ts';

/**
 * Rows coming out of the database are validated like input: a row that no longer fits the
 * schema is a data fault worth a clear log line, not a silent shape mismatch downstream.
 */
export function parseRow<S extends z.ZodType>(schema: S, row: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    throw new AppError('INTERNAL', `stored ${what} does not match its schema`, [], {
      cause: new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')),
    });
  }
  return parsed.data;
}
