/**
 * Stored rows parsed once per content. Pages of suggestions name the same listings and
 * suggestions again and again: a listing's page is read each time its answer in the read cache is
 * refreshed, and a listing is the counterpart in the pages of all its counterparts. Parsing a
 * stored document (its JSON, then its schema) costs more than reading it from Neo4j, so a page
 * read keeps what it parsed, by id, and parses a row again only when some field of it differs
 * from the row the kept value was parsed from.
 *
 * Only flat rows (properties of a node, or a map of them) whose values are primitives or arrays of
 * primitives are compared, field by field; the kept values are frozen, deeply, since every reader
 * shares them (the presentation builds new objects and never changes what it is given). Bulk reads
 * (a match run's every listing) do not use it: they would only push the pages' rows out.
 */
export class ParsedRows<T> {
  private readonly entries = new Map<string, { row: Readonly<Record<string, unknown>>; value: T }>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** `parse(row)`, or what it gave for an identical row of the same id. */
  get<R extends object>(id: string, row: R, parse: (row: R) => T): T {
    const kept = this.entries.get(id);
    const fields = row as Record<string, unknown>;
    if (kept && sameRow(kept.row, fields)) return kept.value;
    const value = deepFreeze(parse(row));
    if (kept) this.entries.delete(id);
    else if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(id, { row: { ...fields }, value });
    return value;
  }
}

function sameRow(a: Readonly<Record<string, unknown>>, b: Record<string, unknown>): boolean {
  let n = 0;
  for (const key in b) {
    n++;
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return n === Object.keys(a).length;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}
