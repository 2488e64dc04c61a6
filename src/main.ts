/**
 * Composition root: config -> logger -> Neo4j -> schema and taxonomy -> demo region -> app -> listen.
 * Stops cleanly on SIGINT/SIGTERM: the HTTP server first, then the driver, then an embedded Neo4j.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig } from './config.ts';
import { AppError } from './errors.ts';
import { createApp } from './http/app.ts';
import { createLogger } from './logger.ts';
import { openRuntime, provisionOptions } from './runtime.ts';
import { loadDemoIfEmpty } from './services/demo.ts';
import { startMatchRun } from './services/matching.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = await openRuntime(provisionOptions(config, logger), {
    factorSet: config.FACTOR_SET,
    matchConfig: config.MATCH_CONFIG,
  });
  if (config.LOAD_DEMO && (await loadDemoIfEmpty(runtime.deps))) {
    // A fresh demo comes with its suggestions, so the first look at the API has something to show.
    const run = await startMatchRun(runtime.deps, {});
    logger.info({ run: run.id, suggestions: run.candidates }, 'matched the demo region');
  }

  const app = createApp(runtime.deps, { bodyLimit: config.BODY_LIMIT, readiness: runtime.readiness });
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
