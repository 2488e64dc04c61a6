/**
 * Composition root: config -> logger -> Neo4j -> schema and taxonomy -> demo region -> app -> listen.
 * Stops cleanly on SIGINT/SIGTERM: the HTTP server first (no new connections, idle ones closed,
 * requests in flight get SHUTDOWN_GRACE_MS), then the driver, then an embedded Neo4j; exit 0.
 * On a crash (uncaught exception, unhandled rejection) it stops Neo4j too, then exits 1.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { type Config, demoSignInEnabled, loadConfig } from './config.ts';
import { SYSTEM } from './domain/caller.ts';
import { AppError } from './errors.ts';
import { createApp } from './http/app.ts';
import { createLogger, type Logger } from './logger.ts';
import { driverTimeouts, openRuntime, provisionOptions, type Runtime } from './runtime.ts';
import { createDemoUsers, loadDemoIfEmpty, readDemoTokens } from './services/demo.ts';
import { startMatchRun } from './services/match-runs.ts';
import { backfillSiteRegions } from './services/sites.ts';
import { bootstrapFirstAdmin } from './services/users.ts';
import { isPortFree } from './util/port.ts';

/** Past the grace period, the driver and Neo4j get this long to stop before the process exits anyway. */
const STOP_BOUND_MS = 40_000;

/** Token files are for the operator's eyes only (mode 600). */
function writeSecret(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
}

const httpPortInUse = (config: Config) =>
  new AppError(
    'PORT_IN_USE',
    `PORT: ${config.PORT} on ${config.HOST} is already in use; set PORT to a free port (or 0 for any)`,
  );

function listen(server: Server, config: Config): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? httpPortInUse(config) : err),
    );
    server.listen(config.PORT, config.HOST, () => resolve());
  });
}

/** A crash stops what this process started (the embedded JVM above all), then exits 1. */
function stopOnCrash(logger: Logger, runtime: () => Runtime | undefined): void {
  let crashing = false;
  const crash = (what: string) => (err: unknown) => {
    if (crashing) return;
    crashing = true;
    logger.fatal({ err }, `${what}; stopping Neo4j and exiting`);
    setTimeout(() => process.exit(1), STOP_BOUND_MS).unref();
    void Promise.resolve(runtime()?.close())
      .catch(() => {})
      .finally(() => process.exit(1));
  };
  process.on('uncaughtException', crash('uncaught exception'));
  process.on('unhandledRejection', crash('unhandled rejection'));
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  // Checked first, so a port in use is reported at once rather than after Neo4j has started.
  if (!(await isPortFree(config.PORT, config.HOST))) throw httpPortInUse(config);
  let runtime: Runtime | undefined;
  stopOnCrash(logger, () => runtime);
  // Until the service listens, a signal stops what is open and exits. While Neo4j is still being
  // provisioned there is nothing to close: the JVM notices its standard input end and exits too.
  let onSignal = (signal: string): void => {
    logger.info({ signal }, 'stopping during start-up');
    setTimeout(() => process.exit(1), STOP_BOUND_MS).unref();
    void Promise.resolve(runtime?.close())
      .catch(() => {})
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  runtime = await openRuntime(
    { ...provisionOptions(config, logger), announce: true },
    {
      factorSet: config.FACTOR_SET,
      matchConfig: config.MATCH_CONFIG,
      stagingWrites: config.MATCH_STAGING_WRITES,
    },
    driverTimeouts(config),
    { ttlMs: config.READ_CACHE_MS, staleMs: config.READ_CACHE_MS },
  );
  const rt = runtime;
  let stopping = false;
  const server = createServer(
    createApp(rt.deps, {
      bodyLimit: config.BODY_LIMIT,
      readTimeoutMs: config.REQUEST_READ_TIMEOUT_MS,
      readiness: rt.readiness,
      rateLimits: { write: config.RATE_LIMIT_WRITES, expensive: config.RATE_LIMIT_EXPENSIVE },
      turnTargetMs: config.TURN_TARGET_MS,
      // Read at each request: the file is written after the app is made, on the first start.
      demoSignIn: demoSignInEnabled(config)
        ? { tokens: () => readDemoTokens(config.DEMO_TOKENS_FILE) }
        : undefined,
    }),
  );
  // While draining, every answer not yet begun closes its connection, so keep-alive clients move on.
  const answering = new Set<ServerResponse>();
  const closeAfterAnswer = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  server.prependListener('request', (_req, res) => {
    if (stopping) closeAfterAnswer(res);
    answering.add(res);
    res.once('close', () => answering.delete(res));
  });
  try {
    await backfillSiteRegions(rt.deps);
    const adminToken = await bootstrapFirstAdmin(rt.deps, SYSTEM);
    if (adminToken) {
      writeSecret(config.ADMIN_TOKEN_FILE, `${adminToken}\n`);
      logger.warn(
        { file: resolve(config.ADMIN_TOKEN_FILE) },
        'created the first admin: its bearer token is in this file (readable by you only); keep it safe or delete it, and make more users with `npm run cli -- users add`',
      );
    }
    if (config.LOAD_DEMO && (await loadDemoIfEmpty(rt.deps))) {
      const tokens = await createDemoUsers(rt.deps);
      writeSecret(config.DEMO_TOKENS_FILE, `${JSON.stringify(tokens, null, 2)}\n`);
      logger.info(
        { file: resolve(config.DEMO_TOKENS_FILE), roles: Object.keys(tokens) },
        'demo users created: their bearer tokens, keyed by role, are in this file',
      );
      // A fresh demo comes with its suggestions, so the first look at the API has something to show.
      const run = await startMatchRun(rt.deps, {});
      logger.info({ run: run.id, suggestions: run.candidates }, 'matched the demo region');
    }
    // Registrations search the engine's index of every listing kept in memory (decision 0018): it
    // is built in the background; until it is, they read their counterparts from Neo4j.
    rt.deps.counterparts?.warm(rt.deps);
    await listen(server, config);
  } catch (err) {
    await rt.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  logger.info(
    {
      url: `http://${config.HOST}:${port}`,
      neo4j: rt.neo4j.source,
      // NODE_HEAP_MB through `npm start`'s --max-old-space-size (README): what a match run may use.
      heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20),
    },
    'symbiosis engine listening',
  );
  if (demoSignInEnabled(config))
    logger.info(
      { setting: `DEMO_SIGN_IN=${config.DEMO_SIGN_IN}` },
      'the web app offers one-click sign-in as the demo users (set DEMO_SIGN_IN=false to turn it off)',
    );

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    rt.beginShutdown();
    logger.info({ signal, graceMs: config.SHUTDOWN_GRACE_MS }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS + STOP_BOUND_MS).unref();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    for (const res of answering) closeAfterAnswer(res);
    const grace = setTimeout(() => {
      logger.warn('grace period over; closing the connections still open');
      server.closeAllConnections();
    }, config.SHUTDOWN_GRACE_MS);
    await closed;
    clearTimeout(grace);
    await rt.close();
    logger.info('stopped');
    process.exit(0);
  };
  onSignal = (signal) => {
    void stop(signal);
  };
}

main().catch((err: unknown) => {
  // A start-up failure is one line for the operator (what to change), not a stack trace.
  if (err instanceof AppError) console.error(`symbiosis engine could not start: ${err.message}`);
  else console.error('symbiosis engine could not start:', err);
  process.exit(1);
});
