/**
 * Backup and restore: a logical copy of the whole database in one gzipped JSON Lines file, and its
 * load into an empty database (decision 0020). Neo4j Community has no online backup, and its
 * offline dump needs the database stopped; this copy is taken while the service runs.
 *
 * The file is backup-file.ts's; its property values, with their Neo4j types, backup-values.ts's.
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
import neo4j, { type Driver } from 'neo4j-driver';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type GraphCounts,
  type Header,
  LineWriter,
  readBackup,
  sortedCounts,
  verifyBackup,
} from './backup-file.ts';
import { encodeProps } from './backup-values.ts';
import { createDriver, createStore, type Store } from './driver.ts';
import { query } from './queries.ts';
import { applySchema, type Migration, waitForIndexes } from './schema.ts';

/** Rows written per transaction by a restore. */
const RESTORE_BATCH = 5000;

export interface Connection {
  uri: string;
  user: string;
  password: string;
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

/** A driver for the copy itself: integers read as integers, not as JS numbers, so their type is kept. */
function losslessDriver(c: Connection): Driver {
  return neo4j.driver(c.uri, c.password ? neo4j.auth.basic(c.user, c.password) : undefined, {
    disableLosslessIntegers: false,
  });
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
      return { labels: sortedCounts(labels), types: sortedCounts(types) };
    });
  } finally {
    await session.close();
  }
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
            labels: sortedCounts(labels),
            types: sortedCounts(types),
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
async function hasAnyNode(store: Store): Promise<boolean> {
  const r = await store.read((tx) => tx.run(query('backup', 'anyNode')));
  return r.records.length > 0;
}

/** A schema command or a query in batches of its own: one auto-commit transaction. */
async function autoCommit(store: Store, text: string): Promise<void> {
  const session = store.driver.session();
  try {
    await session.run(text);
  } finally {
    await session.close();
  }
}

/**
 * Refuses a backup this code cannot restore: one made with a migration it lacks (by a newer
 * version) or has in another form.
 */
export function assertRestorable(header: Header, migrations: Migration[]): void {
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
  assertRestorable(header, migrations);
  // The service's own store: the migrations run as at a start, a batch that breaks a constraint is a
  // CONFLICT naming it. Reading integers as JS numbers is no loss here: only counts are read.
  const store = createStore(createDriver(conn.uri, conn.user, conn.password));
  try {
    if (await hasAnyNode(store))
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
    await autoCommit(store, query('backup', 'createRestoreIndex'));
    await waitForIndexes(store);
    let nodes: Record<string, unknown>[] = [];
    let rels: Record<string, unknown>[] = [];
    const flush = async (name: 'restoreNodes' | 'restoreRelationships', rows: Record<string, unknown>[]) => {
      if (rows.length === 0) return;
      const created = await store.write(async (tx) =>
        Number((await tx.run(query('backup', name), { rows })).records[0]?.get('created') ?? 0),
      );
      if (created !== rows.length)
        throw new AppError(
          'CONFLICT',
          `a batch of ${rows.length} wrote ${created}: the database changed during the restore`,
        );
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
    await autoCommit(store, query('backup', 'endRestore'));
    await autoCommit(store, query('backup', 'dropRestoreIndex'));
    const found = await counts(store.driver);
    const expected = { labels: sortedCounts(trailer.labels), types: sortedCounts(trailer.types) };
    if (JSON.stringify(found) !== JSON.stringify(expected))
      throw new AppError(
        'CONFLICT',
        `the restored database counts ${JSON.stringify(found)} where the backup has ${JSON.stringify(expected)}`,
      );
    return { nodes: trailer.nodes, relationships: trailer.relationships, ...found, migrations: applied };
  } finally {
    await store.close();
  }
}
