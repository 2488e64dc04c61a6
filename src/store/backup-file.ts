/**
 * The backup file (decision 0020): one gzipped JSON Lines file. A header (format, version, time, the
 * schema migrations applied), one line per node (`n`: its number in the file, `l`: labels, `p`:
 * properties), one line per relationship (`r`: type, `s` and `e`: the numbers of its start and end
 * nodes, `p`), and a trailer with the counts per label and per type and the SHA-256 of every line
 * before it. Writing goes through a `.partial` file renamed once whole; reading checks every line.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, openSync, rmSync, type WriteStream } from 'node:fs';
import { chmod, rename } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { AppError } from '../errors.ts';
import { decodeValue, invalidBackup } from './backup-values.ts';

export const BACKUP_FORMAT = 'symbiosis-backup';
export const BACKUP_VERSION = 1;
/** Labels and relationship types a restore accepts: what Cypher names without quoting. */
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Labels the database's own bookkeeping or the restore itself uses: never in a copy's nodes. */
const RESERVED_LABELS = new Set(['SchemaMigration', 'RestoreNode']);

/** What a backup holds: nodes per label (a node counts once under each of its labels), relationships per type. */
export interface GraphCounts {
  nodes: number;
  relationships: number;
  labels: Record<string, number>;
  types: Record<string, number>;
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
export class LineWriter {
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

export function sortedCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export interface Header {
  format: string;
  version: number;
  createdAt: string;
  migrations: { id: string; checksum: string }[];
}

export interface Trailer extends GraphCounts {
  skipped: number;
  sha256: string;
}

type Line =
  | { kind: 'node'; n: number; labels: string[]; props: Record<string, unknown> }
  | { kind: 'relationship'; type: string; s: number; e: number; props: Record<string, unknown> };

/** Each line of a backup file, checked, with its number; the header first and the trailer last. */
export async function* readBackup(
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
      if (trailerSeen) throw invalidBackup(`line ${at}`, 'follows the trailer');
      if (pending !== null) hash.update(`${pending}\n`);
      pending = text;
      let row: unknown;
      try {
        row = JSON.parse(text);
      } catch {
        throw invalidBackup(`line ${at}`, 'is not JSON');
      }
      if (typeof row !== 'object' || row === null || Array.isArray(row))
        throw invalidBackup(`line ${at}`, 'is not an object');
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
    throw invalidBackup('the file', `cannot be read as gzipped lines (${(err as Error).message})`);
  }
  if (at === 0) throw invalidBackup('the file', 'is empty');
  if (!trailerSeen) throw invalidBackup('the file', 'ends without its trailer: it is truncated');
}

function headerOf(r: Record<string, unknown>): Header {
  if (r['format'] !== BACKUP_FORMAT) throw invalidBackup('line 1', `is not a ${BACKUP_FORMAT} header`);
  if (r['version'] !== BACKUP_VERSION)
    throw invalidBackup(
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
    throw invalidBackup('line 1', 'lists no migrations');
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: String(r['createdAt']), migrations };
}

function countsOf(v: unknown, where: string): Record<string, number> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidBackup(where, 'has no counts');
  for (const [k, n] of Object.entries(v))
    if (!NAME.test(k) || !Number.isSafeInteger(n)) throw invalidBackup(where, 'has a bad count');
  return v as Record<string, number>;
}

function trailerOf(v: unknown, where: string): Trailer {
  if (typeof v !== 'object' || v === null) throw invalidBackup(where, 'is not a trailer');
  const t = v as Record<string, unknown>;
  if (
    !Number.isSafeInteger(t['nodes']) ||
    !Number.isSafeInteger(t['relationships']) ||
    typeof t['sha256'] !== 'string'
  )
    throw invalidBackup(where, 'is not a trailer');
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
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw invalidBackup(where, 'has no properties');
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(v)) {
    if (!NAME.test(k)) throw invalidBackup(`${where}.${k}`, 'is not a property name');
    // The restore's own key while it writes, removed at its end: a copied one would be lost.
    if (k === 'restoreId') throw invalidBackup(`${where}.${k}`, 'is the name a restore uses for itself');
    out[k] = decodeValue(value, `${where}.${k}`);
  }
  return out;
}

function lineOf(r: Record<string, unknown>, where: string): Line {
  if ('n' in r) {
    const labels = r['l'];
    if (!Number.isSafeInteger(r['n'])) throw invalidBackup(where, 'has no node number');
    if (
      !Array.isArray(labels) ||
      !labels.every((l) => typeof l === 'string' && NAME.test(l) && !RESERVED_LABELS.has(l))
    )
      throw invalidBackup(where, 'has labels a restore does not write');
    return { kind: 'node', n: r['n'] as number, labels: labels as string[], props: propsOf(r['p'], where) };
  }
  if ('r' in r) {
    if (typeof r['r'] !== 'string' || !NAME.test(r['r']))
      throw invalidBackup(where, 'has a bad relationship type');
    if (!Number.isSafeInteger(r['s']) || !Number.isSafeInteger(r['e']))
      throw invalidBackup(where, 'names no nodes');
    return {
      kind: 'relationship',
      type: r['r'],
      s: r['s'] as number,
      e: r['e'] as number,
      props: propsOf(r['p'], where),
    };
  }
  throw invalidBackup(where, 'is neither a node nor a relationship');
}

/** Checks the whole file: every line, the numbering, the counts and the checksum. */
export async function verifyBackup(path: string): Promise<{ header: Header; trailer: Trailer }> {
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
        throw invalidBackup('the file', 'does not match its checksum: it was changed');
    } else if (item.line?.kind === 'node') {
      if (relationships > 0) throw invalidBackup(`line ${item.at}`, 'is a node after the relationships');
      if (item.line.n !== nodes)
        throw invalidBackup(`line ${item.at}`, `is node ${item.line.n} where ${nodes} comes next`);
      nodes++;
    } else if (item.line) {
      if (item.line.s >= nodes || item.line.e >= nodes || item.line.s < 0 || item.line.e < 0)
        throw invalidBackup(`line ${item.at}`, 'names a node the file does not have');
      relationships++;
    }
  }
  if (!header || !trailer) throw invalidBackup('the file', 'has no header or trailer');
  if (trailer.nodes !== nodes || trailer.relationships !== relationships)
    throw invalidBackup(
      'the trailer',
      `counts ${trailer.nodes} nodes and ${trailer.relationships} relationships; the file has ${nodes} and ${relationships}`,
    );
  return { header, trailer };
}
