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

// ---------------------------------------------------------------------------------------------
// A fast hash of explained values, walked rather than serialised.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Codes fed before each value (and after an object's members), so that no two values feed alike. */
const TAG = { string: 1, number: 2, true: 3, false: 4, null: 5, array: 6, object: 7, end: 8 } as const;

/**
 * A 64-bit hash (16 hex digits) of plain data (no Dates, Maps or toJSON), walked in place:
 * strings by their UTF-16 code units, numbers by their 64 bits, arrays and plain objects member by
 * member in their key order, members that are undefined skipped (as JSON.stringify skips them). Each value is preceded by a
 * type code, and a string or container is closed by its length or an end code, so that different
 * values do not feed the same sequence. Two 32-bit lanes of multiply-and-xorshift per unit, mixed
 * at the end with MurmurHash3's finaliser (fmix32; A. Appleby, public domain).
 *
 * Equal values always hash equal, in any process. It is not a cryptographic hash: what it tells
 * apart is content the engine computed, never a secret, and a collision would only keep a stale
 * explanation until its next change. A match run compares each explained pair with its published
 * suggestion by it: walking an explanation costs a fraction of serialising it to JSON and hashing
 * the text, which a run did for each of its ~7e5 pairs (decision 0018).
 */
export function valueHash(...values: unknown[]): string {
  const state = { a: 0x9e3779b9 | 0, b: 0x85ebca6b | 0 };
  for (const v of values) feedValue(state, v);
  let { a, b } = state;
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  a ^= Math.imul(b ^ (b >>> 16), 0x27d4eb2f);
  b = Math.imul(b ^ (b >>> 16), 0x85ebca6b);
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b ^= Math.imul(a ^ (a >>> 16), 0x165667b1);
  a ^= a >>> 16;
  b ^= b >>> 16;
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

interface Lanes {
  a: number;
  b: number;
}

function feed(s: Lanes, unit: number): void {
  s.a = Math.imul(s.a ^ unit, 0x9e3779b1);
  s.b = Math.imul(s.b ^ unit, 0x5bd1e995);
  s.a ^= s.a >>> 15;
  s.b ^= s.b >>> 13;
}

function feedString(s: Lanes, text: string): void {
  let a = s.a;
  let b = s.b;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x9e3779b1);
    b = Math.imul(b ^ unit, 0x5bd1e995);
    a ^= a >>> 15;
    b ^= b >>> 13;
  }
  s.a = a;
  s.b = b;
  feed(s, text.length);
}

function feedValue(s: Lanes, v: unknown): void {
  switch (typeof v) {
    case 'string':
      feed(s, TAG.string);
      feedString(s, v);
      return;
    case 'number':
      feed(s, TAG.number);
      f64[0] = v;
      feed(s, u32[0]!);
      feed(s, u32[1]!);
      return;
    case 'boolean':
      feed(s, v ? TAG.true : TAG.false);
      return;
    case 'object':
      if (v === null) {
        feed(s, TAG.null);
      } else if (Array.isArray(v)) {
        feed(s, TAG.array);
        for (const item of v) feedValue(s, item === undefined ? null : item);
        feed(s, v.length);
      } else {
        feed(s, TAG.object);
        // Keys and values from the builtins rather than `o[key]`, a load that sees every shape.
        const o = v as Record<string, unknown>;
        const keys = Object.keys(o);
        const members = Object.values(o);
        for (let i = 0; i < keys.length; i++) {
          const member = members[i];
          if (member === undefined || typeof member === 'function') continue;
          feedString(s, keys[i]!);
          feedValue(s, member);
        }
        feed(s, TAG.end);
      }
      return;
    default:
      // undefined at the top level or in a position JSON writes as null; functions and symbols
      // are not content.
      feed(s, TAG.null);
  }
}
