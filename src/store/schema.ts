/**
 * Applies cypher/schema/*.cypher in name order at start-up. Each file is recorded as a
 * (:SchemaMigration) with its checksum so it runs once; every statement is also idempotent, so a
 * crash half-way through is repaired by the next start. A file edited after it ran stops the start
 * with a message naming it: the change belongs in a new file.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { CYPHER_DIR } from '../reference/paths.ts';
import { rows, type Store, toStoreError } from './driver.ts';
import { query } from './queries.ts';

export interface Migration {
  id: string;
  checksum: string;
  statements: string[];
}

export function readMigrations(dir = join(CYPHER_DIR, 'schema')): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const statements = text
        .split('\n')
        .filter((line) => !line.trim().startsWith('//'))
        .join('\n')
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
      return {
        id: f.replace(/\.cypher$/, ''),
        checksum: createHash('sha256').update(text).digest('hex'),
        statements,
      };
    });
}

export interface MigrationCheck {
  /** Files not yet recorded in the database. */
  pending: Migration[];
  /** Files recorded with another checksum: edited after they were applied. */
  changed: Migration[];
}

export function compareMigrations(files: Migration[], applied: Map<string, string>): MigrationCheck {
  return {
    pending: files.filter((m) => !applied.has(m.id)),
    changed: files.filter((m) => applied.has(m.id) && applied.get(m.id) !== m.checksum),
  };
}

/** Names the edited file and what to do instead; a changed migration is never re-run silently. */
export function migrationChangedError(changed: Migration[], files: Migration[]): AppError {
  const last = Math.max(0, ...files.map((m) => Number.parseInt(m.id, 10) || 0));
  const next = String(last + 1).padStart(3, '0');
  const names = changed.map((m) => `cypher/schema/${m.id}.cypher`);
  return new AppError(
    'MIGRATION_CHANGED',
    `${names.join(', ')} ${changed.length > 1 ? 'were' : 'was'} edited after ${changed.length > 1 ? 'they were' : 'it was'} ` +
      'applied to this database (the checksum recorded in (:SchemaMigration) differs); applied migrations are never ' +
      `re-run: restore ${changed.length > 1 ? 'them' : 'it'} (git checkout -- ${names.join(' ')}) and put the change in a ` +
      `new migration, cypher/schema/${next}-<what-it-does>.cypher`,
    changed.map((m) => ({ path: `cypher/schema/${m.id}.cypher`, message: 'edited after it was applied' })),
  );
}

async function appliedMigrations(store: Store): Promise<Map<string, string>> {
  const applied = await store.read((tx) =>
    tx.run(query('migrations', 'applied')).then(rows<{ id: string; checksum: string }>),
  );
  return new Map(applied.map((r) => [r.id, r.checksum]));
}

/**
 * Applies the files not yet recorded and returns their ids. Fails, applying nothing, when a
 * recorded file was edited since it ran.
 */
export async function applySchema(
  store: Store,
  logger: Logger,
  migrations: Migration[] = readMigrations(),
): Promise<string[]> {
  const { pending, changed } = compareMigrations(migrations, await appliedMigrations(store));
  if (changed.length > 0) throw migrationChangedError(changed, migrations);
  const ran: string[] = [];
  for (const m of pending) {
    // Schema commands may not share a transaction with data writes: one auto-commit each.
    const session = store.driver.session();
    try {
      for (const statement of m.statements) await session.run(statement);
    } finally {
      await session.close();
    }
    await store.write((tx) =>
      tx.run(query('migrations', 'record'), {
        id: m.id,
        checksum: m.checksum,
        appliedAt: new Date().toISOString(),
      }),
    );
    logger.info({ migration: m.id }, 'applied schema migration');
    ran.push(m.id);
  }
  await waitForIndexes(store);
  return ran;
}

/** Waits until every index is online (after a schema change, before queries lean on it). */
export async function waitForIndexes(store: Store): Promise<void> {
  const session = store.driver.session();
  try {
    await session.run('CALL db.awaitIndexes(300)');
  } finally {
    await session.close();
  }
}

/**
 * For /ready: whether every migration file is recorded with its checksum. One small read in an
 * auto-commit transaction, not retried and bounded by a server-side timeout; it throws (mapped by
 * toStoreError) when Neo4j does not answer.
 */
export async function schemaStatus(
  store: Store,
  migrations: Migration[],
  timeoutMs = 1000,
): Promise<{ current: boolean; detail: string }> {
  const session = store.driver.session({ defaultAccessMode: 'READ' });
  let applied: Map<string, string>;
  try {
    const result = await session.run(query('migrations', 'applied'), {}, { timeout: timeoutMs });
    applied = new Map(rows<{ id: string; checksum: string }>(result).map((r) => [r.id, r.checksum]));
  } catch (err) {
    throw toStoreError(err);
  } finally {
    await session.close().catch(() => {});
  }
  const { pending, changed } = compareMigrations(migrations, applied);
  if (changed.length > 0)
    return { current: false, detail: migrationChangedError(changed, migrations).message };
  if (pending.length > 0)
    return { current: false, detail: `pending: ${pending.map((m) => m.id).join(', ')}` };
  return { current: true, detail: 'applied' };
}
