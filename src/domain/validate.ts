import type { z } from 'zod';
import { type ErrorDetail, formatPath, validationError } from '../errors.ts';

/** Zod issues as client-facing details: one per field, unknown keys named one by one. */
export function issuesToDetails(
  issues: readonly z.core.$ZodIssue[],
  prefix: PropertyKey[] = [],
): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: formatPath([...prefix, ...issue.path, key]), message: 'is not a known field' });
      }
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      out.push(...issuesToDetails(issue.errors[0]!, [...prefix, ...issue.path]));
      continue;
    }
    out.push({ path: formatPath([...prefix, ...issue.path]) || '(body)', message: describe(issue) });
  }
  return out;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return `is required (${issue.expected})`;
    // JSON numbers beyond ±1.8e308 parse to ±Infinity, which zod refuses as "not a number".
    if (typeof issue.input === 'number' && !Number.isFinite(issue.input)) {
      return `must be a finite number, got ${issue.input}`;
    }
    return `must be ${issue.expected}, got ${issue.input === null ? 'null' : typeof issue.input}`;
  }
  return issue.message;
}

/** Parses or throws a VALIDATION_FAILED error that names every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw validationError(`${what} is not valid`, issuesToDetails(parsed.error.issues));
  return parsed.data;
}
