import type { z } from 'zod';
import type { Answer } from '../route.ts';

export const json = (schema: z.ZodType, description: string): Answer => ({ schema, description });

/** A strong ETag from the version a representation carries, when it carries one. */
export function etagOf(body: unknown): Record<string, string> {
  const version = (body as { version?: unknown } | null)?.version;
  return typeof version === 'number' ? { etag: `"${version}"` } : {};
}
