/**
 * One routine finds a Neo4j 5.26 for the main job, the CLI and the tests, in this order:
 *   1. NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD) when set;
 *   2. a container from the official image, when a container runtime answers (testcontainers);
 *   3. Neo4j embedded in the small JVM launcher of tools/neo4j-embedded (JDK 17 + Maven);
 *   4. otherwise a ProvisioningError that says what is missing.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { REPO_ROOT } from '../reference/paths.ts';

const run = promisify(execFile);
const LAUNCHER_DIR = join(REPO_ROOT, 'tools/neo4j-embedded');
const READY = /^NEO4J_READY (bolt:\/\/\S+)$/m;

/** JVM flags from the neo4j.conf that Neo4j 5.26 ships, needed by its off-heap and Netty code. */
const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djdk.tls.ephemeralDHKeySize=2048',
  '-Djdk.tls.rejectClientInitiatedRenegotiation=true',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '-Dlog4j2.disable.jmx=true',
];

export interface ProvisionOptions {
  uri?: string | undefined;
  user?: string;
  password?: string;
  image: string;
  /** Store folder for the embedded launcher. */
  dataDir: string;
  /** Bolt port for the embedded launcher; 0 picks a free one. */
  port: number;
  /** JVM heap and page cache for the embedded launcher. */
  heap?: string;
  pageCache?: string;
  /** Skip NEO4J_URI even when set (a throwaway database for evaluation). */
  ignoreUri?: boolean;
  logger: Logger;
}

export interface ProvisionedNeo4j {
  uri: string;
  user: string;
  password: string;
  source: 'uri' | 'container' | 'embedded';
  stop(): Promise<void>;
}

export class ProvisioningError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('PROVISIONING_FAILED', message, [], { cause });
  }
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
  const container = await tryContainer(opts);
  if (container) return container;
  return startEmbedded(opts);
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

async function hasCommand(cmd: string, args: string[]): Promise<string | null> {
  try {
    const { stdout, stderr } = await run(cmd, args, { timeout: 30_000 });
    return `${stdout}${stderr}`;
  } catch {
    return null;
  }
}

function launcherIsBuilt(): boolean {
  const cls = join(LAUNCHER_DIR, 'target/classes/engine/Neo4jLauncher.class');
  const cp = join(LAUNCHER_DIR, 'target/classpath.txt');
  if (!existsSync(cls) || !existsSync(cp)) return false;
  const built = Math.min(statSync(cls).mtimeMs, statSync(cp).mtimeMs);
  const sources = [
    join(LAUNCHER_DIR, 'pom.xml'),
    join(LAUNCHER_DIR, 'src/main/java/engine/Neo4jLauncher.java'),
  ];
  return sources.every((s) => statSync(s).mtimeMs <= built);
}

/** Compiles the launcher and resolves Neo4j's jars into ~/.m2 once; later runs reuse both. */
export async function buildLauncher(logger: Logger): Promise<void> {
  if (launcherIsBuilt()) return;
  const java = await hasCommand('java', ['-version']);
  const mvn = await hasCommand('mvn', ['-v']);
  const javaMajor = java ? Number(/version "(\d+)/.exec(java)?.[1] ?? 0) : 0;
  if (!java || !mvn || javaMajor < 17) {
    throw new ProvisioningError(
      'No Neo4j available: NEO4J_URI is not set, no container runtime (Docker) answers, and the embedded ' +
        `launcher needs JDK 17+ and Maven (found: java ${java ? `major ${javaMajor}` : 'missing'}, ` +
        `mvn ${mvn ? 'present' : 'missing'}). Install Docker, or JDK 17 and Maven, or set NEO4J_URI.`,
    );
  }
  logger.info('building the embedded Neo4j launcher (fetches Neo4j jars once)');
  try {
    await run(
      'mvn',
      ['-B', '-q', 'compile', 'dependency:build-classpath', '-Dmdep.outputFile=target/classpath.txt'],
      { cwd: LAUNCHER_DIR, timeout: 900_000, maxBuffer: 32 * 1024 * 1024 },
    );
  } catch (err) {
    const out = err as { stdout?: string; stderr?: string };
    throw new ProvisioningError(
      `Building the embedded Neo4j launcher failed (mvn in ${LAUNCHER_DIR}):\n${(out.stdout ?? '').slice(-2000)}${(out.stderr ?? '').slice(-2000)}`,
      err,
    );
  }
}

async function startEmbedded(opts: ProvisionOptions): Promise<ProvisionedNeo4j> {
  await buildLauncher(opts.logger);
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const classpath = `${join(LAUNCHER_DIR, 'target/classes')}:${readFileSync(join(LAUNCHER_DIR, 'target/classpath.txt'), 'utf8').trim()}`;
  const args = [
    `-Xms${opts.heap ?? '1g'}`,
    `-Xmx${opts.heap ?? '1g'}`,
    ...JVM_FLAGS,
    '-cp',
    classpath,
    'engine.Neo4jLauncher',
    '--data',
    dataDir,
    '--port',
    String(opts.port),
    '--pagecache',
    opts.pageCache ?? '512m',
  ];
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const uri = await waitForReady(child, opts.logger);
  opts.logger.info({ uri, dataDir }, 'embedded Neo4j is ready');
  return {
    uri,
    user: 'neo4j',
    password: '',
    source: 'embedded',
    stop: () => stopChild(child),
  };
}

function waitForReady(child: ChildProcess, logger: Logger): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new ProvisioningError(`embedded Neo4j did not start within 180 s:\n${err.slice(-3000)}`));
    }, 180_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = READY.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise(m[1]!);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if (err.length > 100_000) err = err.slice(-50_000);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      logger.debug({ code }, 'embedded Neo4j exited');
      reject(
        new ProvisioningError(
          `embedded Neo4j exited with code ${code} before it was ready:\n${err.slice(-3000)}`,
        ),
      );
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolvePromise();
    });
    // The launcher shuts Neo4j down cleanly when its standard input ends.
    child.stdin?.end();
  });
}
