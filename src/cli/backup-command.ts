/**
 * `npm run cli -- backup --out FILE` and `npm run cli -- restore FILE` (decision 0020).
 * A backup reads the service's database like import and match do (the running service's Neo4j
 * when it runs, without stopping it); a restore writes into an empty database only, before a
 * service is started on it.
 */
import { parseArgs } from 'node:util';
import type { Logger } from '../logger.ts';
import type { Runtime } from '../runtime.ts';
import { assertRestorable, backupDatabase, restoreDatabase } from '../store/backup.ts';
import { type GraphCounts, verifyBackup } from '../store/backup-file.ts';
import type { ProvisionedNeo4j } from '../store/provision.ts';
import { readMigrations } from '../store/schema.ts';

export const BACKUP_USAGE = `usage: backup --out FILE.jsonl.gz
       check-backup FILE.jsonl.gz   (reads and checks the whole file; no database)
       restore FILE.jsonl.gz   (into an empty database: a new NEO4J_DATA_DIR, or NEO4J_URI of an empty one)`;

const counted = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

function describe(s: GraphCounts): string {
  return [
    `  nodes          ${s.nodes} (${counted(s.labels)})`,
    `  relationships  ${s.relationships} (${counted(s.types)})`,
  ].join('\n');
}

export async function runBackup(runtime: Runtime, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  if (!values.out) {
    console.error(BACKUP_USAGE);
    return 2;
  }
  const started = performance.now();
  const s = await backupDatabase(runtime.neo4j, values.out);
  console.log(
    `backup written to ${values.out}: ${(s.bytes / 2 ** 20).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(describe(s));
  if (s.skipped > 0)
    console.log(`  ${s.skipped} relationships left out: their node was written after the nodes were read`);
  if (s.changedWhileCopying)
    console.error(
      'note: the database was written to while the backup read it; each node is whole, but writes of ' +
        'that time may be in it only in part. For an exact copy, take it while nothing writes.',
    );
  return 0;
}

/** The one file a command names, or null (the usage is then printed). */
function fileOf(args: string[]): string | null {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length === 1) return positionals[0]!;
  console.error(BACKUP_USAGE);
  return null;
}

/** Checks a backup file as a restore would, without a database: a backup is known good before it is needed. */
export async function runCheckBackup(args: string[]): Promise<number> {
  const file = fileOf(args);
  if (file === null) return 2;
  const { header, trailer } = await verifyBackup(file);
  assertRestorable(header, readMigrations());
  console.log(
    `${file} is whole and this version can restore it: made ${header.createdAt}, ${header.migrations.length} migrations applied`,
  );
  console.log(describe(trailer));
  if (trailer.skipped > 0)
    console.log(
      `  ${trailer.skipped} relationships were left out: their node was written after the nodes were read`,
    );
  return 0;
}

/** Restores into the database `provision` finds, started only once the command's words are right. */
export async function runRestore(
  args: string[],
  provision: () => Promise<ProvisionedNeo4j>,
  logger: Logger,
): Promise<number> {
  const file = fileOf(args);
  if (file === null) return 2;
  const neo4j = await provision();
  try {
    if (neo4j.source === 'running') {
      console.error(
        `a service (pid ${neo4j.servicePid}) runs on this store: restore into an empty database ` +
          '(a new NEO4J_DATA_DIR) and start the service there',
      );
      return 1;
    }
    const started = performance.now();
    const s = await restoreDatabase(neo4j, file, readMigrations(), logger);
    console.log(`restored ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log(describe(s));
    console.log(
      `  schema         ${s.migrations.length} migrations applied as the backup had them; the service applies newer ones when it starts`,
    );
    return 0;
  } finally {
    await neo4j.stop();
  }
}
