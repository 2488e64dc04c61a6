/**
 * The main job (what `npm start` runs) as a child process on free ports, with an embedded Neo4j
 * on a store of the test's own: never NEO4J_URI, never the run's shared database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/reference/paths.ts';

export interface ServiceProcess {
  child: ChildProcess;
  /** Resolves with the exit code and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** stdout and stderr as they came. */
  output(): string;
  stderr(): string;
}

/** Small JVM settings: several services may run at once beside the tests' Neo4j. */
const SMALL_NEO4J = { NEO4J_HEAP: '512m', NEO4J_PAGECACHE: '128m', NEO4J_TX_MEMORY: '256m' };

/**
 * `env` must name NEO4J_DATA_DIR; the token files go beside it (never into the repository).
 */
export function spawnService(env: Record<string, string>, nodeArgs: string[] = []): ServiceProcess {
  const dataDir = env['NEO4J_DATA_DIR'];
  if (!dataDir) throw new Error('spawnService needs a NEO4J_DATA_DIR of its own');
  const { NEO4J_URI: _uri, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...inherited,
      PORT: '0',
      NEO4J_EMBEDDED_PORT: '0',
      LOAD_DEMO: 'false',
      LOG_LEVEL: 'info',
      ...SMALL_NEO4J,
      ADMIN_TOKEN_FILE: adminTokenFile(dataDir),
      DEMO_TOKENS_FILE: join(dataDir, 'demo-tokens.json'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    err += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => out, stderr: () => err };
}

/** Where a service started by spawnService writes its first admin's bearer token. */
export const adminTokenFile = (dataDir: string): string => join(dataDir, 'admin-token');

/** Waits for the "listening" line and returns the service's URL. */
export function listeningUrl(service: ServiceProcess, timeoutMs = 150_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      reject(
        new Error(`the service did not start within ${timeoutMs} ms:\n${service.output().slice(-3000)}`),
      );
    }, timeoutMs);
    const poll = setInterval(() => {
      const m = /"url":"(http:\/\/[^"]+)".*listening/.exec(service.output());
      if (m) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve(m[1]!);
      }
    }, 100);
    void service.exited.then(({ code }) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(
        new Error(`the service exited with ${code} before listening:\n${service.output().slice(-3000)}`),
      );
    });
  });
}

/** Alive and not a zombie (an exited process nobody has reaped yet counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Milliseconds until none of pids is alive; throws after timeoutMs. */
export async function goneWithin(pids: number[], timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (pids.some(isAlive)) {
    if (performance.now() - started > timeoutMs) {
      throw new Error(`still alive after ${timeoutMs} ms: ${pids.filter(isAlive).join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return performance.now() - started;
}
