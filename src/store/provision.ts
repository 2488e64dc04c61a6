/**
 * One routine finds a Neo4j 5.26 for the main job, the CLI and the tests, in this order:
 *   1. NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD) when set;
 *   2. the Neo4j of a running service that holds the embedded store (running.json), when the
 *      caller may share it (CLI commands); otherwise that is an error naming the service;
 *   3. a container from the official image, when a container runtime answers (testcontainers);
 *   4. Neo4j embedded in the small JVM launcher of tools/neo4j-embedded (JDK 17 + Maven),
 *      supervised: restarted on the same store and port if it dies (embedded-neo4j.ts);
 *   5. otherwise a ProvisioningError that says what is missing.
 */
import { resolve } from 'node:path';
import type { Logger } from '../logger.ts';
import { ProvisioningError, type Supervisor, startEmbedded } from './embedded-neo4j.ts';
import { readRunningService } from './running-file.ts';

export { buildLauncher, type Neo4jState, ProvisioningError, type Supervisor } from './embedded-neo4j.ts';

export interface ProvisionOptions {
  uri?: string | undefined;
  user?: string;
  password?: string;
  image: string;
  /** Store folder for the embedded launcher. */
  dataDir: string;
  /** Bolt port for the embedded launcher; 0 picks a free one. */
  port: number;
  /** JVM heap, page cache and total transaction memory for the embedded launcher. */
  heap?: string;
  pageCache?: string;
  txMemory?: string;
  /** Skip NEO4J_URI even when set (a throwaway database for evaluation). */
  ignoreUri?: boolean;
  /** The service: record this process and its Bolt URI in running.json next to the store. */
  announce?: boolean;
  /** A CLI command: use the Neo4j of the service that holds the store, if one runs. */
  shareRunning?: boolean;
  logger: Logger;
}

export interface ProvisionedNeo4j {
  uri: string;
  user: string;
  password: string;
  source: 'uri' | 'running' | 'container' | 'embedded';
  /** When source is 'running': the process id of the service whose Neo4j this is. */
  servicePid?: number;
  /** When source is 'embedded': the supervised JVM. */
  supervisor?: Supervisor;
  stop(): Promise<void>;
}

export async function provisionNeo4j(opts: ProvisionOptions): Promise<ProvisionedNeo4j> {
  if (opts.uri && !opts.ignoreUri) {
    opts.logger.info({ uri: opts.uri }, 'using Neo4j from NEO4J_URI');
    return {
      uri: opts.uri,
      user: opts.user ?? 'neo4j',
      password: opts.password ?? '',
      source: 'uri',
      stop: async () => {},
    };
  }
  const running = readRunningService(resolve(opts.dataDir));
  if (running) {
    if (!opts.shareRunning) {
      throw new ProvisioningError(
        `the Neo4j store in ${running.dataDir} is in use by the running service (pid ${running.pid}, ` +
          `Neo4j at ${running.uri}); stop it first, or set NEO4J_DATA_DIR to another folder`,
      );
    }
    opts.logger.info({ uri: running.uri, pid: running.pid }, 'using the Neo4j of the running service');
    return {
      uri: running.uri,
      user: 'neo4j',
      password: '',
      source: 'running',
      servicePid: running.pid,
      stop: async () => {},
    };
  }
  const container = await tryContainer(opts);
  if (container) return container;
  const embedded = await startEmbedded(opts);
  return { ...embedded, user: 'neo4j', password: '', source: 'embedded' };
}

async function tryContainer(opts: ProvisionOptions): Promise<ProvisionedNeo4j | null> {
  let mod: typeof import('@testcontainers/neo4j');
  try {
    mod = await import('@testcontainers/neo4j');
  } catch {
    opts.logger.debug('testcontainers is not installed; skipping containers');
    return null;
  }
  try {
    const started = await new mod.Neo4jContainer(opts.image).start();
    opts.logger.info({ image: opts.image }, 'started Neo4j in a container');
    return {
      uri: started.getBoltUri(),
      user: started.getUsername(),
      password: started.getPassword(),
      source: 'container',
      stop: async () => {
        await started.stop();
      },
    };
  } catch (err) {
    opts.logger.info({ reason: (err as Error).message }, 'no container runtime; trying embedded Neo4j');
    return null;
  }
}
