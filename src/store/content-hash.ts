import { createHash } from 'node:crypto';

/** JSON with sorted keys and undefined dropped, so equal content always serialises the same. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A hash of what a record says, not when or under which id it was written: re-importing unchanged
 * rows is detected and writes nothing.
 */
export function contentHash(record: {
  id?: string;
  createdAt?: string;
  updatedAt?: string;
  version?: number;
}): string {
  const { id: _i, createdAt: _c, updatedAt: _u, version: _v, ...content } = record;
  return createHash('sha256').update(stableStringify(content)).digest('hex');
}
