/**
 * Opening and preparing the database, shared by the main job, the CLI commands and the tests:
 * provision Neo4j, connect one driver, apply the schema, load the taxonomy, and mark as failed
 * the match runs a stopped process left `running`. Also what /ready asks: Neo4j answers, the
 * schema is current, and the process is not shutting down.
 */
import type { Config } from './config.ts';
import type { ReferenceData } from './domain/reference.ts';
import type { Logger } from './logger.ts';
import { DEFAULT_FACTOR_SET } from './reference/factors.ts';
import { loadReferenceData } from './reference/load.ts';
import { DEFAULT_MATCH_CONFIG } from './reference/match-config.ts';
import { loadRegions } from './reference/regions.ts';
import { CounterpartIndex } from './services/counterpart-index.ts';
import type { Deps } from './services/deps.ts';
import { ReadCache, type ReadCacheOptions } from './services/read-cache.ts';
import { recoverInterruptedRuns } from './services/run-control.ts';
import { assertNoUnfinishedRestore } from './store/backup.ts';
import {
  createDriver,
  createStore,
  DEFAULT_TIMEOUTS,
  type DriverTimeouts,
  type Store,
} from './store/driver.ts';
import { type ProvisionedNeo4j, type ProvisionOptions, provisionNeo4j } from './store/provision.ts';
import { applySchema, type Migration, readMigrations, schemaStatus } from './store/schema.ts';
import { loadTaxonomy } from './store/taxonomy-store.ts';

export interface ReadinessResult {
  ready: boolean;
  checks: Record<string, string>;
}

export interface Runtime {
  deps: Deps;
  neo4j: ProvisionedNeo4j;
  readiness: () => Promise<ReadinessResult>;
  /** From now on /ready says "shutting down" (the HTTP server is draining). */
  beginShutdown(): void;
  close(): Promise<void>;
}

/** /ready answers within this, even when Neo4j hangs. */
const READY_TIMEOUT_MS = 1500;

export function provisionOptions(config: Config, logger: Logger): ProvisionOptions {
  return {
    uri: config.NEO4J_URI,
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
    image: config.NEO4J_IMAGE,
    dataDir: config.NEO4J_DATA_DIR,
    port: config.NEO4J_EMBEDDED_PORT,
    heap: config.NEO4J_HEAP,
    pageCache: config.NEO4J_PAGECACHE,
    txMemory: config.NEO4J_TX_MEMORY,
    logger,
  };
}

export function driverTimeouts(config: Config): DriverTimeouts {
  return {
    connectMs: config.NEO4J_CONNECT_TIMEOUT_MS,
    acquireMs: config.NEO4J_ACQUIRE_TIMEOUT_MS,
    retryMs: config.NEO4J_RETRY_TIME_MS,
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** One probe at a time: callers that arrive while one runs share its answer. */
function createReadiness(
  store: Store,
  neo4j: ProvisionedNeo4j,
  migrations: Migration[],
  isStopping: () => boolean,
): () => Promise<ReadinessResult> {
  const probe = async (): Promise<ReadinessResult> => {
    const checks: Record<string, string> = { process: isStopping() ? 'shutting down' : 'serving' };
    const state = neo4j.supervisor?.state();
    if (state !== undefined && state !== 'up') {
      checks['neo4j'] =
        state === 'down'
          ? 'down: the embedded Neo4j exited and is being restarted'
          : `embedded Neo4j ${state}`;
      checks['schema'] = 'unknown';
      return { ready: false, checks };
    }
    try {
      const schema = await withTimeout(schemaStatus(store, migrations), READY_TIMEOUT_MS);
      checks['neo4j'] = 'reachable';
      checks['schema'] = schema.detail;
      return { ready: schema.current && !isStopping(), checks };
    } catch (err) {
      checks['neo4j'] = `unreachable: ${(err as Error).message}`;
      checks['schema'] = 'unknown';
      return { ready: false, checks };
    }
  };
  let inFlight: Promise<ReadinessResult> | undefined;
  return () => {
    inFlight ??= probe().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}

/** Connects to an already provisioned Neo4j and prepares it (schema, taxonomy). */
export async function connect(
  neo4j: ProvisionedNeo4j,
  logger: Logger,
  settings: Deps['settings'] = { factorSet: DEFAULT_FACTOR_SET, matchConfig: DEFAULT_MATCH_CONFIG },
  reference: ReferenceData = loadReferenceData(),
  timeouts: DriverTimeouts = DEFAULT_TIMEOUTS,
  readCache: Partial<ReadCacheOptions> = {},
): Promise<Runtime> {
  const reads = new ReadCache(readCache);
  const inner: Store = createStore(createDriver(neo4j.uri, neo4j.user, neo4j.password, timeouts));
  // Every write, committed or not, ends the reuse of answers read before it (services/read-cache.ts).
  const store: Store = {
    ...inner,
    write: (work) => inner.write(work).finally(() => reads.bump()),
  };
  try {
    await store.driver.verifyConnectivity();
    await assertNoUnfinishedRestore(store);
    const migrations = readMigrations();
    await applySchema(store, logger, migrations);
    await loadTaxonomy(store, reference, logger);
    const deps: Deps = {
      store,
      reference,
      regions: loadRegions(),
      logger,
      now: () => new Date(),
      settings,
      reads,
      counterparts: new CounterpartIndex(store),
    };
    await recoverInterruptedRuns(deps);
    let stopping = false;
    return {
      deps,
      neo4j,
      readiness: createReadiness(store, neo4j, migrations, () => stopping),
      beginShutdown: () => {
        stopping = true;
      },
      close: () => store.close(),
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

export async function openRuntime(
  opts: ProvisionOptions,
  settings?: Deps['settings'],
  timeouts?: DriverTimeouts,
  readCache?: Partial<ReadCacheOptions>,
): Promise<Runtime> {
  const neo4j = await provisionNeo4j(opts);
  try {
    const rt = await connect(neo4j, opts.logger, settings, undefined, timeouts, readCache);
    return {
      ...rt,
      close: async () => {
        await rt.close();
        await neo4j.stop();
      },
    };
  } catch (err) {
    await neo4j.stop();
    throw err;
  }
}
