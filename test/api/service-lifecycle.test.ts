/**
 * The main job as operators meet it: started as `npm start` would be (a child process on free
 * ports, its own embedded Neo4j on a temporary store), then shared with the CLI, refused a second
 * time, stopped with SIGTERM, crashed, and killed outright. Slow (three services start at once).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/reference/paths.ts';
import { type RunningService, readRunningService, runningFilePath } from '../../src/store/running-file.ts';
import {
  adminTokenFile,
  goneWithin,
  isAlive,
  listeningUrl,
  type ServiceProcess,
  spawnService,
} from '../support/service-process.ts';
import { syntheticImport } from '../support/synthetic-import.ts';

const run = promisify(execFile);
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'symbiosis-lifecycle-'));
  dirs.push(dir);
  return dir;
};

interface Started {
  service: ServiceProcess;
  url: string;
  dataDir: string;
  running: RunningService;
}

async function start(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Started> {
  const dataDir = tempDir();
  const service = spawnService({ NEO4J_DATA_DIR: dataDir, ...env }, nodeArgs);
  const url = await listeningUrl(service);
  const running = JSON.parse(readFileSync(runningFilePath(dataDir), 'utf8')) as RunningService;
  return { service, url, dataDir, running };
}

/** A start that is expected to fail: its exit code and what it printed on stderr. */
async function failingStart(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const service = spawnService(env);
  const { code } = await service.exited;
  return { code, stderr: service.stderr().trim() };
}

/** A POST on a connection of its own (a pooled keep-alive one may be closed by the server meanwhile). */
function postJson(url: string, body: unknown, token: string): Promise<{ status: number; body: unknown }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Opens (and closes) a new TCP connection to the service. */
function connectTo(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.destroy();
      resolve();
    });
    socket.on('error', reject);
  });
}

let main: Started; // shared with the CLI, then stopped with SIGTERM
let crashing: Started; // crashes on SIGUSR2 (a preload turns it into an uncaught exception)
let killed: Started; // killed outright with SIGKILL
const all = () => [main, crashing, killed].filter(Boolean);

beforeAll(async () => {
  [main, crashing, killed] = await Promise.all([
    start({ SHUTDOWN_GRACE_MS: '30000' }),
    start({}, ['--import', './test/support/crash-on-signal.mjs']),
    start(),
  ]);
}, 300_000);

afterAll(async () => {
  for (const s of all()) {
    if (s.service.child.exitCode === null && s.service.child.signalCode === null)
      s.service.child.kill('SIGKILL');
    if (s.running.javaPid && isAlive(s.running.javaPid)) process.kill(s.running.javaPid, 'SIGKILL');
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the service as operators run it', () => {
  it('when it runs on the embedded store, then running.json names it and its Neo4j, and /ready is 200', async () => {
    expect(main.running).toMatchObject({
      pid: main.service.child.pid,
      uri: expect.stringMatching(/^bolt:\/\/127\.0\.0\.1:\d+$/),
    });
    expect(isAlive(main.running.javaPid!)).toBe(true);
    const ready = await fetch(`${main.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      checks: { process: 'serving', neo4j: 'reachable', schema: 'applied' },
    });
  });

  it('when a CLI import runs while the service holds the store, then it uses the service’s Neo4j and says so on stderr', async () => {
    const { NEO4J_URI: _uri, ...env } = process.env;
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', 'import', 'data/examples/small-import.json'],
      { cwd: REPO_ROOT, env: { ...env, NEO4J_DATA_DIR: main.dataDir, NEO4J_EMBEDDED_PORT: '0' } },
    );
    expect(stderr).toContain(
      `using the Neo4j of the running service (pid ${main.running.pid}) at ${main.running.uri}`,
    );
    expect(stdout).toMatch(/listings\s+created 8/);
    const token = readFileSync(adminTokenFile(main.dataDir), 'utf8').trim();
    const listings = await fetch(`${main.url}/listings?limit=1&count=true`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await listings.json()) as { total: number };
    expect(page.total).toBe(8);
  });

  it('when a second service starts on the same store, then it exits 1 with one line naming the running one', async () => {
    const second = await failingStart({ NEO4J_DATA_DIR: main.dataDir });
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(
      `symbiosis engine could not start: the Neo4j store in ${main.dataDir} is in use by the running service ` +
        `(pid ${main.running.pid}, Neo4j at ${main.running.uri}); stop it first, or set NEO4J_DATA_DIR to another folder`,
    );
  });

  it('when PORT is taken, then it exits 1 at once with one line that names PORT', async () => {
    const port = new URL(main.url).port;
    const taken = await failingStart({ PORT: port, NEO4J_DATA_DIR: tempDir() });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toBe(
      `symbiosis engine could not start: PORT: ${port} on 127.0.0.1 is already in use; set PORT to a free port (or 0 for any)`,
    );
  });

  it('when NEO4J_EMBEDDED_PORT is taken, then it exits 1 with one line that names NEO4J_EMBEDDED_PORT', async () => {
    const bolt = new URL(main.running.uri).port;
    const taken = await failingStart({ NEO4J_EMBEDDED_PORT: bolt, NEO4J_DATA_DIR: tempDir() });
    expect(taken.code).toBe(1);
    expect(taken.stderr.split('\n')).toHaveLength(1);
    expect(taken.stderr).toMatch(
      new RegExp(
        `^symbiosis engine could not start: NEO4J_EMBEDDED_PORT: Bolt port ${bolt} on 127.0.0.1 is already in use .*set NEO4J_EMBEDDED_PORT to a free port`,
      ),
    );
  });

  it('when SIGTERM arrives during an import, then the import completes, no new connection is taken, and node and its Neo4j are gone with exit 0', async () => {
    const token = readFileSync(adminTokenFile(main.dataDir), 'utf8').trim();
    const importing = postJson(`${main.url}/imports`, syntheticImport(1500, 11), token);
    await new Promise((r) => setTimeout(r, 1000));
    const signalledAt = performance.now();
    main.service.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    await expect(connectTo(main.url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const imported = await importing;
    expect(imported.status).toBe(200);
    expect((imported.body as { listings: { created: number } }).listings.created).toBe(1500);
    const { code } = await main.service.exited;
    const goneMs = await goneWithin([main.running.pid, main.running.javaPid!], 30_000);
    expect(code).toBe(0);
    expect(existsSync(runningFilePath(main.dataDir))).toBe(false);
    console.log(
      `lifecycle: SIGTERM during an import -> import answered, node and Neo4j gone after ${Math.round(performance.now() - signalledAt)} ms (Neo4j ${Math.round(goneMs)} ms after node)`,
    );
  });

  it('when the service crashes with an uncaught exception, then it stops its Neo4j and exits 1', async () => {
    const signalledAt = performance.now();
    crashing.service.child.kill('SIGUSR2');
    const { code } = await crashing.service.exited;
    expect(code).toBe(1);
    expect(isAlive(crashing.running.javaPid!)).toBe(false);
    expect(crashing.service.output()).toContain('uncaught exception; stopping Neo4j and exiting');
    console.log(
      `lifecycle: crash -> node and Neo4j gone after ${Math.round(performance.now() - signalledAt)} ms`,
    );
  });

  it('when node is killed outright (SIGKILL), then its Neo4j sees its standard input close and exits by itself', async () => {
    const killedAt = performance.now();
    killed.service.child.kill('SIGKILL');
    await killed.service.exited;
    await goneWithin([killed.running.javaPid!], 30_000);
    // The file stays behind, but names a process that is gone: it is ignored.
    expect(existsSync(runningFilePath(killed.dataDir))).toBe(true);
    expect(readRunningService(killed.dataDir)).toBeNull();
    console.log(
      `lifecycle: SIGKILL of node -> Neo4j gone after ${Math.round(performance.now() - killedAt)} ms`,
    );
  });
});
