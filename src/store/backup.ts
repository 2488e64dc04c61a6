/**
 * Backup and restore: a logical copy of the whole database in one gzipped JSON Lines file, and its
 * load into an empty database (decision 0020). Neo4j Community has no online backup, and its
 * offline dump needs the database stopped; this copy is taken while the service runs.
 *
 * The file: a header (format, version, time, the schema migrations applied), one line per node
 * (`n`: its number in the file, `l`: labels, `p`: properties), one line per relationship (`r`: type,
 * `s` and `e`: the numbers of its start and end nodes, `p`), and a trailer with the counts per label
 * and per type and the SHA-256 of every line before it. Property values keep their Neo4j types: an
 * integer is a JSON number without a fraction, a float that has none is `{"$float": n}`, a point
 * `{"$point": [srid, x, y(, z)]}`, an integer beyond 2^53 `{"$int": "digits"}`; any other type stops
 * the backup, naming it, rather than change it.
 *
 * Everything is read in one read transaction. Neo4j's isolation is read committed, so a write that
 * commits while the copy is read may be seen in part: a relationship whose node was created after the
 * nodes were read is left out (and counted), and the backup says when the counts moved meanwhile.
 *
 * A restore reads the file twice: first to check every line and the checksum (a truncated or edited
 * file is refused before anything is written), then to write, into a database that has no node at
 * all. The schema is made by the migrations the copy had applied (the service applies the newer ones
 * at its next start, as after any upgrade), nodes and relationships in batches, then the counts are
 * compared with the trailer's.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, openSync, rmSync, type WriteStream } from 'node:fs';
import { chmod, rename } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import neo4j, { type Driver, isInt, isPoint } from 'neo4j-driver';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { createDriver, createStore, type Store } from './driver.ts';
import { query } from './queries.ts';
import { applySchema, type Migration } from './schema.ts';

export const BACKUP_FORMAT = 'symbiosis-backup';
export const BACKUP_VERSION = 1;
/** Rows written per transaction by a restore. */
const RESTORE_BATCH = 5000;
/** Labels and relationship types a restore accepts: what Cypher names without quoting. */
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Labels the database's own bookkeeping or the restore itself uses: never in a copy's nodes. */
const RESERVED_LABELS = new Set(['SchemaMigration', 'RestoreNode']);

export interface Connection {
  uri: string;
  user: string;
  password: string;
}

/** What a backup holds: nodes per label (a node counts once under each of its labels), relationships per type. */
export interface GraphCounts {
  nodes: number;
  relationships: number;
  labels: Record<string, number>;
  types: Record<string, number>;
}

export interface BackupSummary extends GraphCounts {
  /** Relationships left out: their other node was written after the nodes were read. */
  skipped: number;
  /** Whether the counts of nodes or relationships moved while the copy was read. */
  changedWhileCopying: boolean;
  bytes: number;
}

export interface RestoreSummary extends GraphCounts {
  /** The copy's migrations applied before the load; newer ones are the service's next start. */
  migrations: string[];
}

type Scalar = string | number | boolean | null;
/** A property value as the copy writes it. */
export type EncodedValue =
  | Scalar
  | EncodedValue[]
  | { $float: number | string }
  | { $int: string }
  | { $point: number[] };

/** A driver for the copy itself: integers read as integers, not as JS numbers, so their type is kept. */
function losslessDriver(c: Connection): Driver {
  return neo4j.driver(c.uri, c.password ? neo4j.auth.basic(c.user, c.password) : undefined, {
    disableLosslessIntegers: false,
  });
}

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
        throw invalid(`${where}[${i}]`, 'is not a value a stored list holds');
      return decodeValue(v, `${where}[${i}]`);
    });
    if (new Set(items.map(kindOf)).size > 1) throw invalid(where, 'mixes types in one list');
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
  throw invalid(where, 'is not a property value a backup writes');
}

/** The Neo4j type a decoded value is written as. */
function kindOf(v: unknown): string {
  if (isInt(v)) return 'integer';
  if (isPoint(v)) return 'point';
  return typeof v === 'number' ? 'float' : typeof v;
}

function invalid(where: string, message: string): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    `the backup file is not one this service can restore: ${where} ${message}`,
    [{ path: where, message }],
  );
}

function encodeProps(props: Record<string, unknown>, where: string): Record<string, EncodedValue> {
  const out: Record<string, EncodedValue> = {};
  for (const [k, v] of Object.entries(props)) out[k] = encodeValue(v, `${where}.${k}`);
  return out;
}

function writeError(path: string, err: unknown): AppError {
  const message = `cannot be written: ${(err as Error).message}`;
  return new AppError('VALIDATION_FAILED', `${path} ${message}`, [{ path: 'out', message }]);
}

/**
 * Writes lines to a gzipped file in chunks, with the running SHA-256 of what was written. The lines
 * go to `<path>.partial`, renamed to `path` once whole: a failed backup never leaves a truncated
 * file under the name, nor replaces the backup that was there.
 */
class LineWriter {
  private readonly gzip = createGzip();
  private readonly file: WriteStream;
  private readonly hash = createHash('sha256');
  private readonly done: Promise<void>;
  private readonly partial: string;
  private chunk = '';
  private error: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly path: string) {
    this.partial = `${path}.partial`;
    // Opened at once, so a path that cannot be written fails before anything is read. Readable by
    // its owner only: it holds every company's confidential data and the token hashes.
    let fd: number;
    try {
      fd = openSync(this.partial, 'w', 0o600);
    } catch (err) {
      throw writeError(this.partial, err);
    }
    this.file = createWriteStream('', { fd });
    this.gzip.pipe(this.file);
    this.done = finished(this.file);
    // Awaited by close(); a backup that stops before it must not leave the rejection unhandled.
    this.done.catch(() => {});
    const fail = (err: Error) => {
      this.error ??= writeError(this.partial, err);
      this.wake?.();
    };
    this.file.on('error', fail);
    this.gzip.on('error', fail);
  }

  async write(line: unknown): Promise<void> {
    this.chunk += `${JSON.stringify(line)}\n`;
    // A line at a time, zlib's calls and their waits cost more than the encoding.
    if (this.chunk.length >= 1 << 18) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.error) throw this.error;
    const text = this.chunk;
    this.chunk = '';
    this.hash.update(text);
    if (!this.gzip.write(text))
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.gzip.once('drain', resolve);
      });
    this.wake = null;
    // A disk that filled, or a file that went: the backup stops instead of waiting for ever.
    if (this.error) throw this.error;
  }

  async digest(): Promise<string> {
    await this.flush();
    return this.hash.digest('hex');
  }

  async close(last: unknown): Promise<number> {
    this.gzip.end(`${JSON.stringify(last)}\n`);
    await this.done;
    if (this.error) throw this.error;
    // A file written over keeps its mode: the partial one was made 0600; the rename keeps that.
    await chmod(this.partial, 0o600);
    await rename(this.partial, this.path);
    return this.file.bytesWritten;
  }

  destroy(): void {
    this.gzip.destroy();
    this.file.destroy();
    rmSync(this.partial, { force: true });
  }
}

async function counts(
  driver: Driver,
): Promise<{ labels: Record<string, number>; types: Record<string, number> }> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(async (tx) => {
      const labels: Record<string, number> = {};
      const types: Record<string, number> = {};
      for (const r of (await tx.run(query('backup', 'labelCounts'))).records)
        labels[r.get('label') as string] = Number(r.get('n'));
      for (const r of (await tx.run(query('backup', 'typeCounts'))).records)
        types[r.get('type') as string] = Number(r.get('n'));
      return { labels: sorted(labels), types: sorted(types) };
    });
  } finally {
    await session.close();
  }
}

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Copies the database into `path` (gzipped JSON Lines; overwritten). */
export async function backupDatabase(
  conn: Connection,
  path: string,
  now = new Date(),
): Promise<BackupSummary> {
  const driver = losslessDriver(conn);
  try {
    const before = await counts(driver);
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    let copied: Omit<BackupSummary, 'changedWhileCopying' | 'bytes'> & { digest: string; out: LineWriter };
    try {
      copied = await session.executeRead(async (tx) => {
        // A retried transaction starts the file again.
        const out = new LineWriter(path);
        try {
          const migrations = (await tx.run(query('backup', 'migrations'))).records.map((r) => ({
            id: r.get('id') as string,
            checksum: r.get('checksum') as string,
          }));
          await out.write({
            format: BACKUP_FORMAT,
            version: BACKUP_VERSION,
            createdAt: now.toISOString(),
            migrations,
          });
          const numbers = new Map<string, number>();
          const labels: Record<string, number> = {};
          for await (const rec of tx.run(query('backup', 'nodes'))) {
            const n = numbers.size;
            numbers.set(rec.get('id') as string, n);
            const ls = rec.get('labels') as string[];
            for (const l of ls) labels[l] = (labels[l] ?? 0) + 1;
            const where = `node ${ls.join(':') || '(no label)'} ${n}`;
            await out.write({ n, l: ls, p: encodeProps(rec.get('props') as Record<string, unknown>, where) });
          }
          const types: Record<string, number> = {};
          let relationships = 0;
          let skipped = 0;
          for await (const rec of tx.run(query('backup', 'relationships'))) {
            const s = numbers.get(rec.get('from') as string);
            const e = numbers.get(rec.get('to') as string);
            if (s === undefined || e === undefined) {
              skipped++;
              continue;
            }
            const type = rec.get('type') as string;
            types[type] = (types[type] ?? 0) + 1;
            relationships++;
            const p = encodeProps(
              rec.get('props') as Record<string, unknown>,
              `relationship ${type} ${relationships}`,
            );
            await out.write({ r: type, s, e, p });
          }
          return {
            nodes: numbers.size,
            relationships,
            labels: sorted(labels),
            types: sorted(types),
            skipped,
            digest: await out.digest(),
            out,
          };
        } catch (err) {
          out.destroy();
          throw err;
        }
      });
    } finally {
      await session.close();
    }
    const { out, digest, ...summary } = copied;
    let bytes: number;
    try {
      bytes = await out.close({ end: { ...summary, sha256: digest } });
    } catch (err) {
      out.destroy();
      throw err;
    }
    const after = await counts(driver);
    const changedWhileCopying =
      JSON.stringify(before) !== JSON.stringify(after) ||
      JSON.stringify(after) !== JSON.stringify({ labels: summary.labels, types: summary.types });
    return { ...summary, changedWhileCopying, bytes };
  } finally {
    await driver.close();
  }
}

interface Header {
  format: string;
  version: number;
  createdAt: string;
  migrations: { id: string; checksum: string }[];
}

interface Trailer extends GraphCounts {
  skipped: number;
  sha256: string;
}

type Line =
  | { kind: 'node'; n: number; labels: string[]; props: Record<string, unknown> }
  | { kind: 'relationship'; type: string; s: number; e: number; props: Record<string, unknown> };

/** Each line of a backup file, checked, with its number; the header first and the trailer last. */
async function* readBackup(
  path: string,
): AsyncGenerator<{ at: number; header?: Header; line?: Line; trailer?: Trailer; digest?: string }> {
  const source = createReadStream(path).pipe(createGunzip());
  const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
  const hash = createHash('sha256');
  let at = 0;
  let pending: string | null = null;
  let trailerSeen = false;
  try {
    for await (const text of lines) {
      at++;
      if (trailerSeen) throw invalid(`line ${at}`, 'follows the trailer');
      if (pending !== null) hash.update(`${pending}\n`);
      pending = text;
      let row: unknown;
      try {
        row = JSON.parse(text);
      } catch {
        throw invalid(`line ${at}`, 'is not JSON');
      }
      if (typeof row !== 'object' || row === null || Array.isArray(row))
        throw invalid(`line ${at}`, 'is not an object');
      const r = row as Record<string, unknown>;
      if (at === 1) {
        yield { at, header: headerOf(r) };
        continue;
      }
      if ('end' in r) {
        trailerSeen = true;
        yield { at, trailer: trailerOf(r['end'], `line ${at}`), digest: hash.digest('hex') };
        continue;
      }
      yield { at, line: lineOf(r, `line ${at}`) };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalid('the file', `cannot be read as gzipped lines (${(err as Error).message})`);
  }
  if (at === 0) throw invalid('the file', 'is empty');
  if (!trailerSeen) throw invalid('the file', 'ends without its trailer: it is truncated');
}

function headerOf(r: Record<string, unknown>): Header {
  if (r['format'] !== BACKUP_FORMAT) throw invalid('line 1', `is not a ${BACKUP_FORMAT} header`);
  if (r['version'] !== BACKUP_VERSION)
    throw invalid(
      'line 1',
      `has version ${String(r['version'])}; this service restores version ${BACKUP_VERSION}`,
    );
  const migrations = r['migrations'];
  if (
    !Array.isArray(migrations) ||
    !migrations.every(
      (m) =>
        typeof m === 'object' && m !== null && typeof m.id === 'string' && typeof m.checksum === 'string',
    )
  )
    throw invalid('line 1', 'lists no migrations');
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: String(r['createdAt']), migrations };
}

function countsOf(v: unknown, where: string): Record<string, number> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid(where, 'has no counts');
  for (const [k, n] of Object.entries(v))
    if (!NAME.test(k) || !Number.isSafeInteger(n)) throw invalid(where, 'has a bad count');
  return v as Record<string, number>;
}

function trailerOf(v: unknown, where: string): Trailer {
  if (typeof v !== 'object' || v === null) throw invalid(where, 'is not a trailer');
  const t = v as Record<string, unknown>;
  if (
    !Number.isSafeInteger(t['nodes']) ||
    !Number.isSafeInteger(t['relationships']) ||
    typeof t['sha256'] !== 'string'
  )
    throw invalid(where, 'is not a trailer');
  return {
    nodes: t['nodes'] as number,
    relationships: t['relationships'] as number,
    labels: countsOf(t['labels'], where),
    types: countsOf(t['types'], where),
    skipped: Number(t['skipped'] ?? 0),
    sha256: t['sha256'] as string,
  };
}

function propsOf(v: unknown, where: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid(where, 'has no properties');
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(v)) {
    if (!NAME.test(k)) throw invalid(`${where}.${k}`, 'is not a property name');
    // The restore's own key while it writes, removed at its end: a copied one would be lost.
    if (k === 'restoreId') throw invalid(`${where}.${k}`, 'is the name a restore uses for itself');
    out[k] = decodeValue(value, `${where}.${k}`);
  }
  return out;
}

function lineOf(r: Record<string, unknown>, where: string): Line {
  if ('n' in r) {
    const labels = r['l'];
    if (!Number.isSafeInteger(r['n'])) throw invalid(where, 'has no node number');
    if (
      !Array.isArray(labels) ||
      !labels.every((l) => typeof l === 'string' && NAME.test(l) && !RESERVED_LABELS.has(l))
    )
      throw invalid(where, 'has labels a restore does not write');
    return { kind: 'node', n: r['n'] as number, labels: labels as string[], props: propsOf(r['p'], where) };
  }
  if ('r' in r) {
    if (typeof r['r'] !== 'string' || !NAME.test(r['r'])) throw invalid(where, 'has a bad relationship type');
    if (!Number.isSafeInteger(r['s']) || !Number.isSafeInteger(r['e']))
      throw invalid(where, 'names no nodes');
    return {
      kind: 'relationship',
      type: r['r'],
      s: r['s'] as number,
      e: r['e'] as number,
      props: propsOf(r['p'], where),
    };
  }
  throw invalid(where, 'is neither a node nor a relationship');
}

/** Checks the whole file: every line, the numbering, the counts and the checksum. */
async function verifyBackup(path: string): Promise<{ header: Header; trailer: Trailer }> {
  if (!existsSync(path))
    throw new AppError('NOT_FOUND', `no backup file at ${path}`, [
      { path: 'file', message: 'does not exist' },
    ]);
  let header: Header | undefined;
  let trailer: Trailer | undefined;
  let nodes = 0;
  let relationships = 0;
  for await (const item of readBackup(path)) {
    if (item.header) header = item.header;
    else if (item.trailer) {
      trailer = item.trailer;
      if (item.digest !== trailer.sha256)
        throw invalid('the file', 'does not match its checksum: it was changed');
    } else if (item.line?.kind === 'node') {
      if (relationships > 0) throw invalid(`line ${item.at}`, 'is a node after the relationships');
      if (item.line.n !== nodes)
        throw invalid(`line ${item.at}`, `is node ${item.line.n} where ${nodes} comes next`);
      nodes++;
    } else if (item.line) {
      if (item.line.s >= nodes || item.line.e >= nodes || item.line.s < 0 || item.line.e < 0)
        throw invalid(`line ${item.at}`, 'names a node the file does not have');
      relationships++;
    }
  }
  if (!header || !trailer) throw invalid('the file', 'has no header or trailer');
  if (trailer.nodes !== nodes || trailer.relationships !== relationships)
    throw invalid(
      'the trailer',
      `counts ${trailer.nodes} nodes and ${trailer.relationships} relationships; the file has ${nodes} and ${relationships}`,
    );
  return { header, trailer };
}

/**
 * Refuses a database that a restore began and did not finish (it fails, or its process died, before
 * the temporary label left every node): served, it would look whole and be missing data.
 */
export async function assertNoUnfinishedRestore(store: Store): Promise<void> {
  const found = await store.read((tx) => tx.run(query('backup', 'unfinishedRestore')));
  const nodes = Number(found.records[0]?.get('nodes') ?? 0);
  if (nodes > 0)
    throw new AppError(
      'CONFLICT',
      `this database holds a restore that did not finish (${nodes} nodes still marked RestoreNode); ` +
        'restore the backup again into an empty database (a new NEO4J_DATA_DIR) and start there',
    );
}

/** Whether the database holds any node at all. */
async function hasAnyNode(driver: Driver): Promise<boolean> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const r = await session.executeRead((tx) => tx.run(query('backup', 'anyNode')));
    return r.records.length > 0;
  } finally {
    await session.close();
  }
}

async function autoCommit(driver: Driver, text: string): Promise<void> {
  const session = driver.session();
  try {
    await session.run(text);
  } finally {
    await session.close();
  }
}

/**
 * Loads the backup at `path` into the database at `conn`, which must hold no node. Refuses, writing
 * nothing, a file that does not check, a copy made with a migration this code does not have or has
 * in another form, and a database that is not empty.
 */
export async function restoreDatabase(
  conn: Connection,
  path: string,
  migrations: Migration[],
  logger: Logger,
): Promise<RestoreSummary> {
  const { header, trailer } = await verifyBackup(path);
  const known = new Map(migrations.map((m) => [m.id, m]));
  for (const m of header.migrations) {
    const mine = known.get(m.id);
    if (!mine)
      throw new AppError(
        'CONFLICT',
        `the backup was made by a newer version: migration ${m.id} is unknown here`,
        [{ path: `migrations.${m.id}`, message: 'unknown to this version' }],
      );
    if (mine.checksum !== m.checksum)
      throw new AppError('CONFLICT', `migration ${m.id} differs from the one the backup's database applied`, [
        { path: `migrations.${m.id}`, message: 'checksum differs' },
      ]);
  }
  const driver = losslessDriver(conn);
  // The migrations run as they do at a start, through the service's own store.
  const store = createStore(createDriver(conn.uri, conn.user, conn.password));
  try {
    if (await hasAnyNode(driver))
      throw new AppError(
        'CONFLICT',
        'a restore needs an empty database: this one holds data (point NEO4J_DATA_DIR at a new directory, or NEO4J_URI at an empty database)',
      );
    const copied = new Set(header.migrations.map((m) => m.id));
    const applied = await applySchema(
      store,
      logger,
      migrations.filter((m) => copied.has(m.id)),
    );
    await autoCommit(driver, query('backup', 'createRestoreIndex'));
    await autoCommit(driver, 'CALL db.awaitIndexes(300)');
    let nodes: Record<string, unknown>[] = [];
    let rels: Record<string, unknown>[] = [];
    const flush = async (name: 'restoreNodes' | 'restoreRelationships', rows: Record<string, unknown>[]) => {
      if (rows.length === 0) return;
      const session = driver.session();
      try {
        const created = await session.executeWrite(async (tx) =>
          Number((await tx.run(query('backup', name), { rows })).records[0]?.get('created') ?? 0),
        );
        if (created !== rows.length)
          throw new AppError(
            'CONFLICT',
            `a batch of ${rows.length} wrote ${created}: the database changed during the restore`,
          );
      } finally {
        await session.close();
      }
    };
    for await (const item of readBackup(path)) {
      const line = item.line;
      if (!line) continue;
      if (line.kind === 'node') {
        nodes.push({ key: line.n, labels: line.labels, props: line.props });
        if (nodes.length >= RESTORE_BATCH) {
          await flush('restoreNodes', nodes);
          nodes = [];
        }
      } else {
        if (nodes.length > 0) {
          await flush('restoreNodes', nodes);
          nodes = [];
        }
        rels.push({ from: line.s, to: line.e, type: line.type, props: line.props });
        if (rels.length >= RESTORE_BATCH) {
          await flush('restoreRelationships', rels);
          rels = [];
        }
      }
    }
    await flush('restoreNodes', nodes);
    await flush('restoreRelationships', rels);
    await autoCommit(driver, query('backup', 'endRestore'));
    await autoCommit(driver, query('backup', 'dropRestoreIndex'));
    const found = await counts(driver);
    const expected = { labels: sorted(trailer.labels), types: sorted(trailer.types) };
    if (JSON.stringify(found) !== JSON.stringify(expected))
      throw new AppError(
        'CONFLICT',
        `the restored database counts ${JSON.stringify(found)} where the backup has ${JSON.stringify(expected)}`,
      );
    return { nodes: trailer.nodes, relationships: trailer.relationships, ...found, migrations: applied };
  } finally {
    await store.close();
    await driver.close();
  }
}
