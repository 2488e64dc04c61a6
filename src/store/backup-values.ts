/**
 * A property value as a backup writes it (decision 0020), and back. Values keep their Neo4j types:
 * an integer is a JSON number without a fraction, a float that has none is `{"$float": n}`, a point
 * `{"$point": [srid, x, y(, z)]}`, an integer beyond 2^53 `{"$int": "digits"}`; any other type stops
 * the backup, naming it, rather than change it. Decoding refuses anything a backup does not write.
 */
import neo4j, { isInt, isPoint } from 'neo4j-driver';
import { AppError } from '../errors.ts';

type Scalar = string | number | boolean | null;
/** A property value as the copy writes it. */
export type EncodedValue =
  | Scalar
  | EncodedValue[]
  | { $float: number | string }
  | { $int: string }
  | { $point: number[] };

/** A property value read by a lossless driver, as the copy writes it; `where` names it in an error. */
export function encodeValue(value: unknown, where: string): EncodedValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { $float: String(value) };
    return Number.isInteger(value) ? { $float: value } : value;
  }
  if (isInt(value)) {
    return value.inSafeRange() ? value.toNumber() : { $int: value.toString() };
  }
  if (isPoint(value)) {
    const p = value as { srid: unknown; x: number; y: number; z?: number };
    const srid = isInt(p.srid) ? p.srid.toNumber() : Number(p.srid);
    return { $point: p.z === undefined ? [srid, p.x, p.y] : [srid, p.x, p.y, p.z] };
  }
  if (Array.isArray(value)) return value.map((v, i) => encodeValue(v, `${where}[${i}]`));
  const kind = (value as object)?.constructor?.name ?? typeof value;
  throw new AppError('VALIDATION_FAILED', `${where} holds a ${kind}, which a backup does not copy`, [
    { path: where, message: `a ${kind} is not copied` },
  ]);
}

/** A copied property value as a parameter that writes it with its original type. */
export function decodeValue(value: unknown, where: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) {
    // Neo4j stores lists of one type of scalar only: anything else would fail half-way through the load.
    const items = value.map((v, i) => {
      if (Array.isArray(v) || v === null)
        throw invalidBackup(`${where}[${i}]`, 'is not a value a stored list holds');
      return decodeValue(v, `${where}[${i}]`);
    });
    if (new Set(items.map(kindOf)).size > 1) throw invalidBackup(where, 'mixes types in one list');
    return items;
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    const v = value as Record<string, unknown>;
    if (keys.length === 1 && keys[0] === '$float') {
      const f = v['$float'];
      if (typeof f === 'number') return f;
      if (f === 'NaN' || f === 'Infinity' || f === '-Infinity') return Number(f);
    }
    if (
      keys.length === 1 &&
      keys[0] === '$int' &&
      typeof v['$int'] === 'string' &&
      /^-?\d{1,19}$/.test(v['$int'])
    )
      return neo4j.int(v['$int']);
    if (keys.length === 1 && keys[0] === '$point') {
      const p = v['$point'];
      if (
        Array.isArray(p) &&
        (p.length === 3 || p.length === 4) &&
        p.every((x) => typeof x === 'number' && Number.isFinite(x)) &&
        Number.isInteger(p[0])
      )
        return p.length === 3
          ? new neo4j.types.Point(neo4j.int(p[0]), p[1], p[2])
          : new neo4j.types.Point(neo4j.int(p[0]), p[1], p[2], p[3]);
    }
  }
  throw invalidBackup(where, 'is not a property value a backup writes');
}

/** The Neo4j type a decoded value is written as. */
function kindOf(v: unknown): string {
  if (isInt(v)) return 'integer';
  if (isPoint(v)) return 'point';
  return typeof v === 'number' ? 'float' : typeof v;
}

export function invalidBackup(where: string, message: string): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    `the backup file is not one this service can restore: ${where} ${message}`,
    [{ path: where, message }],
  );
}

export function encodeProps(props: Record<string, unknown>, where: string): Record<string, EncodedValue> {
  const out: Record<string, EncodedValue> = {};
  for (const [k, v] of Object.entries(props)) out[k] = encodeValue(v, `${where}.${k}`);
  return out;
}
