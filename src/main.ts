/**
 * Composition root: config -> logger -> Neo4j -> schema and taxonomy -> demo region -> app -> listen.
 * Stops cleanly on SIGINT/SIGTERM: the HTTP server first, then the driver, then an embedded Neo4j.
 */
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { loadConfig } from './config.ts';
import { SYSTEM } from './domain/caller.ts';
import { AppError } from './errors.ts';
import { createApp } from './http/app.ts';
import { createLogger } from './logger.ts';
import { openRuntime, provisionOptions } from './runtime.ts';
import { createDemoUsers, loadDemoIfEmpty } from './services/demo.ts';
import { startMatchRun } from './services/matching.ts';
import { backfillSiteRegions } from './services/sites.ts';
import { bootstrapFirstAdmin } from './services/users.ts';

/** Token files are for the operator's eyes only (mode 600). */
function writeSecret(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = await openRuntime(provisionOptions(config, logger), {
    factorSet: config.FACTOR_SET,
    matchConfig: config.MATCH_CONFIG,
  });
  await backfillSiteRegions(runtime.deps);
  const adminToken = await bootstrapFirstAdmin(runtime.deps, SYSTEM);
  if (adminToken) {
    writeSecret(config.ADMIN_TOKEN_FILE, `${adminToken}\n`);
    logger.warn(
      { file: resolve(config.ADMIN_TOKEN_FILE) },
      'created the first admin: its bearer token is in this file (readable by you only); keep it safe or delete it, and make more users with `npm run cli -- users add`',
    );
  }
  if (config.LOAD_DEMO && (await loadDemoIfEmpty(runtime.deps))) {
    const tokens = await createDemoUsers(runtime.deps);
    writeSecret(config.DEMO_TOKENS_FILE, `${JSON.stringify(tokens, null, 2)}\n`);
    logger.info(
      { file: resolve(config.DEMO_TOKENS_FILE), roles: Object.keys(tokens) },
      'demo users created: their bearer tokens, keyed by role, are in this file',
    );
    // A fresh demo comes with its suggestions, so the first look at the API has something to show.
    const run = await startMatchRun(runtime.deps, {});
    logger.info({ run: run.id, suggestions: run.candidates }, 'matched the demo region');
  }

  const app = createApp(runtime.deps, {
    bodyLimit: config.BODY_LIMIT,
    readiness: runtime.readiness,
    rateLimits: { write: config.RATE_LIMIT_WRITES, expensive: config.RATE_LIMIT_EXPENSIVE },
  });
  const server = app.listen(config.PORT, config.HOST, () => {
    const { port } = server.address() as AddressInfo;
    logger.info(
      { url: `http://${config.HOST}:${port}`, neo4j: runtime.neo4j.source },
      'symbiosis engine listening',
    );
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  // A provisioning failure is a message for the operator, not a stack trace.
  if (err instanceof AppError) console.error(`symbiosis engine could not start: ${err.message}`);
  else console.error('symbiosis engine could not start:', err);
  process.exit(1);
});
