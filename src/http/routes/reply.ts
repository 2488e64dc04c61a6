import { z } from 'zod';
import type { Answer } from '../route.ts';

export const json = (schema: z.ZodType, description: string): Answer => ({ schema, description });

/** A strong ETag from the version a representation carries, when it carries one. */
export function etagOf(body: unknown): Record<string, string> {
  const version = (body as { version?: unknown } | null)?.version;
  return typeof version === 'number' ? { etag: `"${version}"` } : {};
}

/** A file answer: its text, media types, and a description. */
export const file = (mediaTypes: readonly string[], description: string): Answer => ({
  schema: z.string(),
  mediaTypes,
  description,
});

/** The reply carrying an export: its media type, and a download name. */
export function fileReply(
  f: { text: string; contentType: string; fileName: string },
  disposition: 'attachment' | 'inline' = 'attachment',
) {
  return {
    status: 200,
    body: f.text,
    headers: {
      'content-type': f.contentType,
      'content-disposition': `${disposition}; filename="${f.fileName}"`,
    },
  };
}
