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
 * A hash of what a record says, not when it was written: re-importing unchanged rows is detected
 * and writes nothing.
 */
export function contentHash(record: { createdAt?: string; updatedAt?: string }): string {
  const { createdAt: _c, updatedAt: _u, ...content } = record;
  return createHash('sha256').update(stableStringify(content)).digest('hex');
}
