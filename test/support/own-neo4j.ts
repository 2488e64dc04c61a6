/**
 * For fault tests: an embedded Neo4j of the test's own (port 0, a temporary store), so killing it
 * leaves the run's shared database alone, and the app on port 0 in front of it. Slow (a JVM start,
 * the schema and the taxonomy): only files that need to break Neo4j use it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM } from '../../src/domain/caller.ts';
import { createApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/logger.ts';
import { connect, type Runtime } from '../../src/runtime.ts';
import { createUser } from '../../src/services/users.ts';
import { type Neo4jState, type ProvisionedNeo4j, provisionNeo4j } from '../../src/store/provision.ts';
import type { TestResponse } from './harness.ts';

/**
 * The read deadline of the fault tests' service: short, so a hung Neo4j shows within the test, yet
 * above the 3-3.5 s in which the driver reports a dead one, whose own 503 the tests look for.
 */
export const READ_TIMEOUT_MS = 6000;

export interface OwnNeo4jApp {
  url: string;
  neo4j: ProvisionedNeo4j;
  runtime: Runtime;
  request(method: string, path: string, body?: unknown): Promise<TestResponse & { ms: number }>;
  /** Kills the JVM as the kernel would (SIGKILL); returns its pid. */
  killNeo4j(): number;
  /** Resolves when the supervisor reports `state`, or rejects after timeoutMs. */
  waitForState(state: Neo4jState, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startOwnNeo4jApp(): Promise<OwnNeo4jApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'symbiosis-fault-neo4j-'));
  const logger = createLogger(process.env['LOG_LEVEL'] ?? 'silent');
  const neo4j = await provisionNeo4j({
    image: 'neo4j:5.26.30-community',
    dataDir,
    port: 0,
    heap: '512m',
    pageCache: '128m',
    logger,
  });
  const supervisor = neo4j.supervisor;
  if (!supervisor) {
    await neo4j.stop();
    throw new Error(`fault tests need the embedded Neo4j, got one from ${neo4j.source}`);
  }
  const runtime = await connect(neo4j, logger);
  const app = createApp(runtime.deps, {
    bodyLimit: '25mb',
    readiness: runtime.readiness,
    rateLimits: { write: 100_000, expensive: 10_000 },
    readTimeoutMs: READ_TIMEOUT_MS,
  });
  // Every request is made as an admin, as in the shared harness.
  const { token } = await createUser(runtime.deps, SYSTEM, { name: 'Fault test admin', role: 'admin' });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    neo4j,
    runtime,
    async request(method, path, body) {
      const started = performance.now();
      const res = await fetch(url + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON: the raw text is the body.
      }
      return { status: res.status, headers: res.headers, body: parsed, ms: performance.now() - started };
    },
    killNeo4j() {
      const pid = supervisor.pid();
      if (pid === undefined) throw new Error('the embedded Neo4j is not up');
      process.kill(pid, 'SIGKILL');
      return pid;
    },
    waitForState(state, timeoutMs) {
      if (supervisor.state() === state) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`the embedded Neo4j was not ${state} within ${timeoutMs} ms`));
        }, timeoutMs);
        const off = supervisor.onStateChange((s) => {
          if (s !== state) return;
          clearTimeout(timer);
          off();
          resolve();
        });
      });
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await runtime.close();
      await neo4j.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until check() holds, or fails after timeoutMs. */
export async function eventually(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms`);
}
