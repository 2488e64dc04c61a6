/**
 * Text that cannot be stored faithfully: U+0000 (Neo4j and most tools downstream end or refuse a
 * string there, CSV exports and logs break on it) and unpaired UTF-16 surrogates (JSON allows the
 * escape "\ud800", but no UTF-8 encoder can write it: the driver, the store and every client would
 * each replace or reject it differently). Both are refused at the door with the field that holds
 * them, rather than stored and mangled later.
 */
import { type ErrorDetail, formatPath } from '../errors.ts';

const NUL = 0x0000;
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/** The positions of the characters that cannot be stored: NUL and surrogates without a partner. */
function unsafePositions(s: string, max = Number.POSITIVE_INFINITY): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length && out.length < max; i++) {
    const c = s.charCodeAt(i);
    if (isHigh(c) && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) i++;
    else if (c === NUL || isHigh(c) || isLow(c)) out.push(i);
  }
  return out;
}

/** What is wrong with a string, or undefined when every character can be stored. */
export function unsafeTextReason(s: string): string | undefined {
  const [i] = unsafePositions(s, 1);
  if (i === undefined) return undefined;
  const c = s.charCodeAt(i);
  const what = c === NUL ? 'a NUL character (U+0000)' : `an unpaired UTF-16 surrogate (${hex(c)})`;
  return `holds ${what} at position ${i + 1}`;
}

/** A key as it can be shown in a path: the offending characters written as escapes. */
function showKey(key: string): string {
  let out = '';
  let from = 0;
  for (const i of unsafePositions(key)) {
    out += `${key.slice(from, i)}\\u${key.charCodeAt(i).toString(16).padStart(4, '0')}`;
    from = i + 1;
  }
  return out + key.slice(from);
}

/** A place in the walked value; paths are built only for what is reported, so depth costs nothing. */
interface Place {
  value: unknown;
  key: PropertyKey | undefined;
  parent: Place | undefined;
}

function pathOf(place: Place, prefix: PropertyKey[]): string {
  const keys: PropertyKey[] = [];
  for (let p: Place | undefined = place; p?.key !== undefined; p = p.parent) keys.push(p.key);
  return formatPath([...prefix, ...keys.reverse()]) || '(body)';
}

/**
 * Walks a parsed JSON value (objects, arrays, strings; keys too) and reports every string that
 * holds U+0000 or an unpaired surrogate, with its path (`a.b[2].c`) under `prefix`. Iterative, so
 * a deeply nested body cannot exhaust the stack; stops after `limit` findings.
 */
export function unsafeTextDetails(value: unknown, prefix: PropertyKey[] = [], limit = 100): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const stack: Place[] = [{ value, key: undefined, parent: undefined }];
  while (stack.length > 0 && out.length < limit) {
    const place = stack.pop()!;
    const v = place.value;
    if (typeof v === 'string') {
      const reason = unsafeTextReason(v);
      if (reason) out.push({ path: pathOf(place, prefix), message: reason });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: place });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const reason = unsafeTextReason(key);
        if (reason) {
          const shown: Place = { value: undefined, key: showKey(key), parent: place };
          out.push({ path: pathOf(shown, prefix), message: `the field name ${reason}` });
        } else stack.push({ value: child, key, parent: place });
      }
    }
  }
  return out.slice(0, limit);
}
