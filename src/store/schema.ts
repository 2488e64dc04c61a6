/**
 * Applies cypher/schema/*.cypher in name order at start-up. Each file is recorded as a
 * (:SchemaMigration) with its checksum so it runs once; every statement is also idempotent, so a
 * crash half-way through is repaired by the next start.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger.ts';
import { CYPHER_DIR } from '../reference/paths.ts';
import { rows, type Store } from './driver.ts';
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

/** Returns the ids of the migrations applied by this call. */
export async function applySchema(store: Store, logger: Logger): Promise<string[]> {
  const applied = new Map(
    (
      await store.read((tx) =>
        tx.run(query('migrations', 'applied')).then(rows<{ id: string; checksum: string }>),
      )
    ).map((r) => [r.id, r.checksum]),
  );
  const ran: string[] = [];
  for (const m of readMigrations()) {
    if (applied.get(m.id) === m.checksum) continue;
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

async function waitForIndexes(store: Store): Promise<void> {
  const session = store.driver.session();
  try {
    await session.run('CALL db.awaitIndexes(300)');
  } finally {
    await session.close();
  }
}

/** True when every migration file is recorded with its current checksum (for /ready). */
export async function schemaIsCurrent(store: Store): Promise<boolean> {
  const applied = new Map(
    (
      await store.read((tx) =>
        tx.run(query('migrations', 'applied')).then(rows<{ id: string; checksum: string }>),
      )
    ).map((r) => [r.id, r.checksum]),
  );
  return readMigrations().every((m) => applied.get(m.id) === m.checksum);
}
