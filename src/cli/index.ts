/**
 * Command line: `npm run cli -- <command> ...`
 *   import <document.json> | <companies.csv> <listings.csv> [--dry-run] [--errors-csv rejected.csv]
 *   match [--out file.json] [--kind material|energy|water|land]
 *   evaluate <case.json> [more cases...] [--json]   |   evaluate --decisions [--json]
 *   users add|list|revoke|token ...
 *   report [--county NN | --municipality NNNN] [--from D] [--to D] [--format ...] --out FILE
 *   backup --out FILE.jsonl.gz   |   check-backup FILE.jsonl.gz   |   restore FILE.jsonl.gz (into an empty database)
 * Each command provisions Neo4j like the main job (NEO4J_URI, a container, or embedded); while the
 * service runs on the embedded store, import, match, users and backup use its Neo4j (running.json) and
 * say so; check-backup needs none, and restore wants an empty one.
 */
import { loadConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { driverTimeouts, openRuntime, provisionOptions } from '../runtime.ts';
import { provisionNeo4j } from '../store/provision.ts';
import { BACKUP_USAGE, runBackup, runCheckBackup, runRestore } from './backup-command.ts';
import { EVALUATE_USAGE, runEvaluate } from './evaluate-command.ts';
import { IMPORT_USAGE, runImport } from './import-command.ts';
import { MATCH_USAGE, runMatch } from './match-command.ts';
import { REPORT_USAGE, runReport } from './report-command.ts';
import { runUsers, USERS_USAGE } from './users-command.ts';

const USAGE = `usage: cli <command>
  ${IMPORT_USAGE}
  ${MATCH_USAGE}
  ${EVALUATE_USAGE}
  ${USERS_USAGE}
  ${REPORT_USAGE}
  ${BACKUP_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const config = loadConfig();
  const logger = createLogger(process.env['LOG_LEVEL'] ?? 'warn');
  const settings = {
    factorSet: config.FACTOR_SET,
    matchConfig: config.MATCH_CONFIG,
    stagingWrites: config.MATCH_STAGING_WRITES,
  };
  if (command === 'evaluate') return runEvaluate(config, logger, args);
  if (command === 'check-backup') return runCheckBackup(args);
  if (command === 'restore') {
    // Not through the runtime: it would apply the schema and load the taxonomy into the empty
    // database first; the restore applies the schema the backup had.
    return runRestore(
      args,
      () => provisionNeo4j({ ...provisionOptions(config, logger), shareRunning: true }),
      logger,
    );
  }
  if (
    command === 'import' ||
    command === 'match' ||
    command === 'users' ||
    command === 'report' ||
    command === 'backup'
  ) {
    const runtime = await openRuntime(
      { ...provisionOptions(config, logger), shareRunning: true },
      settings,
      driverTimeouts(config),
    );
    if (runtime.neo4j.source === 'running') {
      console.error(
        `using the Neo4j of the running service (pid ${runtime.neo4j.servicePid}) at ${runtime.neo4j.uri}, ` +
          `which holds the store in ${config.NEO4J_DATA_DIR}`,
      );
    }
    try {
      if (command === 'users') return await runUsers(runtime, args);
      if (command === 'report') return await runReport(runtime, args);
      if (command === 'backup') return await runBackup(runtime, args);
      return command === 'import' ? await runImport(runtime, args) : await runMatch(runtime, args);
    } finally {
      await runtime.close();
    }
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    if (err instanceof AppError) {
      console.error(`${err.code}: ${err.message}`);
      for (const d of err.details) console.error(`  ${d.path}: ${d.message}`);
    } else console.error(err);
    process.exit(1);
  });
