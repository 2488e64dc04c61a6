/**
 * Neo4j embedded in the JVM launcher of tools/neo4j-embedded, as a supervised child process.
 *
 * - Started once; if that fails, the caller gets a ProvisioningError naming the cause (a Bolt port
 *   in use, a store locked by another process, or the launcher's own words).
 * - Once up, it is restarted whenever it dies unexpectedly, on the same store and the same Bolt
 *   port (the one it got the first time when port 0 was asked), so the driver reconnects to the
 *   same URI. Restarts back off (BACKOFF_MS) and never give up; /ready is 503 meanwhile.
 * - Stopping closes its standard input: the launcher then shuts Neo4j down cleanly. The same
 *   happens when node dies in any way, so the JVM never outlives it. The JVM runs in a process
 *   group of its own, so a terminal's Ctrl-C reaches node only, which stops it in order.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { REPO_ROOT } from '../reference/paths.ts';
import { isPortFree } from '../util/port.ts';
import { removeRunningFile, writeRunningFile } from './running-file.ts';

const run = promisify(execFile);
const LAUNCHER_DIR = join(REPO_ROOT, 'tools/neo4j-embedded');
const READY = /^NEO4J_READY (bolt:\/\/\S+)$/m;
const START_TIMEOUT_MS = 180_000;
/** A clean stop normally takes about a second; past this the JVM is killed. */
const STOP_TIMEOUT_MS = 30_000;
/** Delay before restart attempt n (the last repeats). */
const BACKOFF_MS = [250, 1000, 2000, 5000, 10_000, 30_000];
/** Up this long, a crash counts as a first one again. */
const STABLE_MS = 60_000;

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

export class ProvisioningError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('PROVISIONING_FAILED', message, [], { cause });
  }
}

export interface EmbeddedOptions {
  dataDir: string;
  /** Bolt port; 0 picks a free one, kept across restarts. */
  port: number;
  heap?: string | undefined;
  pageCache?: string | undefined;
  /** Total memory of open transactions; the launcher's default when absent. */
  txMemory?: string | undefined;
  /** Record this process and its Bolt URI in running.json next to the store. */
  announce?: boolean | undefined;
  logger: Logger;
}

/** `up` serves; `down` died and is being restarted; `stopping`/`stopped` after stop(). */
export type Neo4jState = 'up' | 'down' | 'stopping' | 'stopped';

export interface Supervisor {
  /** The JVM's process id; a new one after each restart, undefined while down. */
  pid(): number | undefined;
  state(): Neo4jState;
  /** Calls listener on every change of state; returns the function that unsubscribes it. */
  onStateChange(listener: (state: Neo4jState) => void): () => void;
}

export interface EmbeddedNeo4j {
  uri: string;
  supervisor: Supervisor;
  stop(): Promise<void>;
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
  // Maven rewrites classpath.txt only when the dependencies change, so each output is compared
  // with its own source: the class with the launcher, the classpath with the pom.
  const pom = statSync(join(LAUNCHER_DIR, 'pom.xml')).mtimeMs;
  const source = statSync(join(LAUNCHER_DIR, 'src/main/java/engine/Neo4jLauncher.java')).mtimeMs;
  return source <= statSync(cls).mtimeMs && pom <= Math.min(statSync(cls).mtimeMs, statSync(cp).mtimeMs);
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

export function boltPortInUse(port: number): AppError {
  return new AppError(
    'PORT_IN_USE',
    `NEO4J_EMBEDDED_PORT: Bolt port ${port} on 127.0.0.1 is already in use (another Neo4j, such as a ` +
      'running service or CLI command, or another program); set NEO4J_EMBEDDED_PORT to a free port, or 0 for any',
  );
}

function storeLocked(dataDir: string, port: number): ProvisioningError {
  return new ProvisioningError(
    `the Neo4j store in ${dataDir} is locked by another process (a service or CLI command with the same ` +
      'NEO4J_DATA_DIR); wait for it to finish, or use its database: ' +
      `NEO4J_URI=bolt://127.0.0.1:${port || 7687} npm run <command> ...`,
  );
}

interface Launch {
  child: ChildProcess;
  /** Resolves with the Bolt URI; rejects if the JVM exits or hangs before it is ready. */
  ready: Promise<string>;
  /** The end of what the JVM wrote to stderr, for the logs when it dies. */
  stderrTail(): string;
}

function launch(opts: EmbeddedOptions, dataDir: string, port: number): Launch {
  const classpath = `${join(LAUNCHER_DIR, 'target/classes')}:${readFileSync(join(LAUNCHER_DIR, 'target/classpath.txt'), 'utf8').trim()}`;
  const heap = opts.heap ?? '1g';
  const args = [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    ...JVM_FLAGS,
    '-cp',
    classpath,
    'engine.Neo4jLauncher',
    '--data',
    dataDir,
    '--port',
    String(port),
    '--pagecache',
    opts.pageCache ?? '512m',
    ...(opts.txMemory ? ['--tx-memory', opts.txMemory] : []),
  ];
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  // Ending the input of a JVM that has just died fails with EPIPE; its exit is handled elsewhere.
  child.stdin?.on('error', () => {});
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    if (err.length > 100_000) err = err.slice(-50_000);
  });
  const ready = new Promise<string>((resolvePromise, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new ProvisioningError(`embedded Neo4j did not start within 180 s:\n${err.slice(-3000)}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = READY.exec(out);
      if (m) {
        clearTimeout(timer);
        // Keep draining stdout so the JVM never blocks on a full pipe.
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolvePromise(m[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new ProvisioningError(`could not start java for the embedded Neo4j: ${e.message}`, e));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (/PortBindException|Address already in use/.test(err)) reject(boltPortInUse(port));
      else if (/store_lock|FileLockException/.test(err)) reject(storeLocked(dataDir, port));
      else
        reject(
          new ProvisioningError(
            `embedded Neo4j exited (${signal ?? `code ${code}`}) before it was ready:\n${err.slice(-3000)}`,
          ),
        );
    });
  });
  // An exit after ready is the supervisor's business; this keeps the promise from being unhandled.
  ready.catch(() => {});
  return { child, ready, stderrTail: () => err.slice(-3000) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolvePromise();
    });
    // The launcher shuts Neo4j down cleanly when its standard input ends.
    child.stdin?.end();
  });
}

export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedNeo4j> {
  await buildLauncher(opts.logger);
  const logger = opts.logger;
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  if (!(await isPortFree(opts.port, '127.0.0.1'))) throw boltPortInUse(opts.port);

  let current = launch(opts, dataDir, opts.port);
  let uri: string;
  try {
    uri = await current.ready;
  } catch (err) {
    await stopChild(current.child);
    throw err;
  }
  const port = Number(new URL(uri).port);
  logger.info({ uri, dataDir, pid: current.child.pid }, 'embedded Neo4j is ready');

  let state: Neo4jState = 'up';
  let upSince = Date.now();
  let attempt = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let restarting: Launch | undefined;
  let stopping: Promise<void> | undefined;
  const startedAt = new Date().toISOString();
  const listeners = new Set<(s: Neo4jState) => void>();

  const setState = (next: Neo4jState) => {
    if (state === next) return;
    state = next;
    for (const listener of listeners) listener(next);
  };
  const announce = () => {
    if (opts.announce)
      writeRunningFile({ pid: process.pid, javaPid: current.child.pid, uri, dataDir, startedAt });
  };

  const scheduleRestart = (downSince: number) => {
    const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
    attempt += 1;
    restartTimer = setTimeout(() => void restart(downSince), delay);
  };

  const restart = async (downSince: number) => {
    restartTimer = undefined;
    if (state !== 'down') return;
    let next: Launch;
    try {
      next = launch(opts, dataDir, port);
      restarting = next;
      await next.ready;
    } catch (err) {
      restarting = undefined;
      if (state !== 'down') return;
      logger.error(
        { attempt, reason: (err as Error).message.split('\n')[0] },
        'restarting the embedded Neo4j failed; trying again',
      );
      scheduleRestart(downSince);
      return;
    }
    restarting = undefined;
    if (state !== 'down') return; // stop() came meanwhile and ends this JVM too
    current = next;
    upSince = Date.now();
    watch(next);
    announce();
    logger.info(
      { uri, pid: next.child.pid, downMs: Date.now() - downSince, attempt },
      'embedded Neo4j restarted',
    );
    setState('up');
  };

  const watch = (l: Launch) => {
    l.child.once('exit', (code, signal) => {
      if (state !== 'up' || l !== current) return;
      if (Date.now() - upSince > STABLE_MS) attempt = 0;
      logger.error(
        { pid: l.child.pid, code, signal, stderr: l.stderrTail() || undefined },
        'embedded Neo4j exited unexpectedly; restarting it on the same store and port',
      );
      setState('down');
      scheduleRestart(Date.now());
    });
  };

  watch(current);
  announce();

  return {
    uri,
    supervisor: {
      pid: () => (state === 'up' ? current.child.pid : undefined),
      state: () => state,
      onStateChange: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    stop: () => {
      stopping ??= (async () => {
        setState('stopping');
        clearTimeout(restartTimer);
        await Promise.all([stopChild(current.child), restarting ? stopChild(restarting.child) : undefined]);
        if (opts.announce) removeRunningFile(dataDir);
        setState('stopped');
      })();
      return stopping;
    },
  };
}
