/**
 * What the fault tests share: a Neo4j of their own (so the shared test database is untouched), a
 * synthetic region in it large enough for runs of several seconds, the published state as a
 * reader sees it, and the rows runs have staged.
 */

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDocumentOf } from '../../bench/region-document.ts';
import { generateRegion } from '../../bench/synthetic-region.ts';
import { SYSTEM } from '../../src/domain/caller.ts';
import type { Logger } from '../../src/logger.ts';
import { REPO_ROOT } from '../../src/reference/paths.ts';
import type { Deps } from '../../src/services/deps.ts';
import { importDocument } from '../../src/services/import.ts';
import type { Store } from '../../src/store/driver.ts';
import { type ProvisionedNeo4j, provisionNeo4j } from '../../src/store/provision.ts';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds, or fails after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** An embedded Neo4j in a new temporary folder, on `port` (0: any free one). */
export async function ownNeo4j(
  logger: Logger,
  dataDir = mkdtempSync(join(tmpdir(), 'symbiosis-fault-neo4j-')),
  port = 0,
): Promise<{ neo4j: ProvisionedNeo4j; dataDir: string; port: number }> {
  const neo4j = await provisionNeo4j({
    ignoreUri: true,
    image: 'neo4j:5.26.30-community',
    dataDir,
    port,
    heap: '1g',
    pageCache: '256m',
    logger,
  });
  return { neo4j, dataDir, port: Number(new URL(neo4j.uri).port) };
}

/** The process id of the Neo4j JVM that keeps its store in `dataDir`. */
export function neo4jPid(dataDir: string): number | null {
  try {
    const out = execFileSync('pgrep', ['-f', dataDir], { encoding: 'utf8' }).trim();
    const pids = out
      .split(/\s+/)
      .map(Number)
      .filter((p) => p !== process.pid);
    return pids[0] ?? null;
  } catch {
    return null;
  }
}

export async function importRegion(deps: Deps, listings: number): Promise<void> {
  const region = generateRegion(deps.reference, { listings, seed: 3 });
  const summary = await importDocument(deps, SYSTEM, importDocumentOf(region));
  if (summary.errors.length > 0) throw new Error(`region import: ${JSON.stringify(summary.errors[0])}`);
}

/** The published suggestions as readers see them: pair, content, allocation, run, time. */
export async function published(store: Store): Promise<string[]> {
  const r = await store.read((tx) =>
    tx.run(
      `MATCH (sg:Suggestion) WHERE sg.status = 'active'
       RETURN sg.pairKey + ' ' + sg.contentHash + ' ' + coalesce(toString(sg.allocatedQuantity), '-') + ' ' +
              coalesce(sg.lastRunId, '-') + ' ' + sg.updatedAt AS row
       ORDER BY row`,
    ),
  );
  return r.records.map((rec) => rec.get('row') as string);
}

/** Rows staged by runs (new pairs and revisions), of one run when given. */
export async function stagedRows(store: Store, runId?: string): Promise<number> {
  const r = await store.read((tx) =>
    tx.run(
      `OPTIONAL MATCH (sg:Suggestion) WHERE sg.stagedRunId IS NOT NULL AND ($runId IS NULL OR sg.stagedRunId = $runId)
       WITH count(sg) AS created
       OPTIONAL MATCH (st:StagedSuggestion) WHERE $runId IS NULL OR st.lastRunId = $runId
       WITH created, count(st) AS revised
       RETURN created + revised AS n`,
      { runId: runId ?? null },
    ),
  );
  return r.records[0]?.get('n') as number;
}

/** The factor sets the published suggestions show. */
export async function publishedFactorSets(store: Store): Promise<string[]> {
  const r = await store.read((tx) =>
    tx.run("MATCH (sg:Suggestion) WHERE sg.status = 'active' RETURN DISTINCT sg.factorSet AS f ORDER BY f"),
  );
  return r.records.map((rec) => rec.get('f') as string);
}

/** The service (npm start) against `neo4j`, in a child process; resolves with its URL once it listens. */
export async function startService(neo4j: ProvisionedNeo4j): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      PORT: '0',
      LOAD_DEMO: 'false',
      LOG_LEVEL: 'info',
      // A database without users gets its first admin's token written here, never in the repository.
      ADMIN_TOKEN_FILE: join(tmpdir(), `symbiosis-fault-admin-${process.pid}`),
      DEMO_TOKENS_FILE: join(tmpdir(), `symbiosis-fault-demo-${process.pid}.json`),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the service did not start:\n${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"url":"(http:\/\/[^"]+)".*listening/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the service exited with ${code}:\n${out}`));
    });
  });
  return { url, child };
}

/** Kills a child process with SIGKILL and waits for it to be gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
