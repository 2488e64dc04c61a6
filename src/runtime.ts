/**
 * Opening and preparing the database, shared by the main job, the CLI commands and the tests:
 * provision Neo4j, connect one driver, apply the schema, load the taxonomy, and mark as failed
 * the match runs a stopped process left `running`.
 */
import type { Config } from './config.ts';
import type { ReferenceData } from './domain/reference.ts';
import type { Logger } from './logger.ts';
import { DEFAULT_FACTOR_SET } from './reference/factors.ts';
import { loadReferenceData } from './reference/load.ts';
import { DEFAULT_MATCH_CONFIG } from './reference/match-config.ts';
import { loadRegions } from './reference/regions.ts';
import type { Deps } from './services/deps.ts';
import { recoverInterruptedRuns } from './services/matching.ts';
import { createDriver, createStore, type Store } from './store/driver.ts';
import { type ProvisionedNeo4j, type ProvisionOptions, provisionNeo4j } from './store/provision.ts';
import { applySchema, schemaIsCurrent } from './store/schema.ts';
import { loadTaxonomy } from './store/taxonomy-store.ts';

export interface Runtime {
  deps: Deps;
  neo4j: ProvisionedNeo4j;
  readiness: () => Promise<{ ready: boolean; checks: Record<string, string> }>;
  close(): Promise<void>;
}

export function provisionOptions(config: Config, logger: Logger): ProvisionOptions {
  return {
    uri: config.NEO4J_URI,
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
    image: config.NEO4J_IMAGE,
    dataDir: config.NEO4J_DATA_DIR,
    port: config.NEO4J_EMBEDDED_PORT,
    heap: '2g',
    pageCache: '2g',
    logger,
  };
}

/** Connects to an already provisioned Neo4j and prepares it (schema, taxonomy). */
export async function connect(
  neo4j: ProvisionedNeo4j,
  logger: Logger,
  settings: Deps['settings'] = { factorSet: DEFAULT_FACTOR_SET, matchConfig: DEFAULT_MATCH_CONFIG },
  reference: ReferenceData = loadReferenceData(),
): Promise<Runtime> {
  const store: Store = createStore(createDriver(neo4j.uri, neo4j.user, neo4j.password));
  await store.driver.verifyConnectivity();
  await applySchema(store, logger);
  await loadTaxonomy(store, reference, logger);
  const deps: Deps = { store, reference, regions: loadRegions(), logger, now: () => new Date(), settings };
  await recoverInterruptedRuns(deps);
  const readiness = async () => {
    const checks: Record<string, string> = {};
    try {
      await store.driver.verifyConnectivity();
      checks['neo4j'] = 'reachable';
    } catch (err) {
      checks['neo4j'] = `unreachable: ${(err as Error).message}`;
      return { ready: false, checks };
    }
    const current = await schemaIsCurrent(store).catch(() => false);
    checks['schema'] = current ? 'applied' : 'pending';
    return { ready: current, checks };
  };
  return {
    deps,
    neo4j,
    readiness,
    close: async () => {
      await store.close();
    },
  };
}

export async function openRuntime(opts: ProvisionOptions, settings?: Deps['settings']): Promise<Runtime> {
  const neo4j = await provisionNeo4j(opts);
  try {
    const rt = await connect(neo4j, opts.logger, settings);
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
