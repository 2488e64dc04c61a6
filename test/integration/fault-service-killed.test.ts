/**
 * The service process killed (SIGKILL) in the middle of a match run, in a Neo4j of this test's
 * own: nothing of the run is visible, the published suggestions stay as they were, and once the
 * service starts again the run is failed as interrupted, its staged rows are gone, and a new run
 * publishes.
 */

import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/domain/caller.ts';
import type { MatchRun } from '../../src/domain/suggestion.ts';
import { createLogger } from '../../src/logger.ts';
import { connect, type Runtime } from '../../src/runtime.ts';
import { startMatchRun } from '../../src/services/match-runs.ts';
import { INTERRUPTED } from '../../src/services/run-control.ts';
import { createUser } from '../../src/services/users.ts';
import { getRun, runLockHolder } from '../../src/store/match-store.ts';
import type { ProvisionedNeo4j } from '../../src/store/provision.ts';
import {
  importRegion,
  killHard,
  ownNeo4j,
  published,
  publishedFactorSets,
  stagedRows,
  startService,
  until,
} from '../support/fault.ts';

const logger = createLogger(process.env['LOG_LEVEL'] ?? 'silent');
let neo4j: ProvisionedNeo4j;
let dataDir: string;
let runtime: Runtime;
let service: ChildProcess | undefined;
let token: string;

beforeAll(async () => {
  ({ neo4j, dataDir } = await ownNeo4j(logger));
  runtime = await connect(neo4j, logger);
  token = (await createUser(runtime.deps, SYSTEM, { name: 'Fault test admin', role: 'admin' })).token;
  await importRegion(runtime.deps, 3000);
  const first = await startMatchRun(runtime.deps, {});
  expect(first.candidates).toBeGreaterThan(3000);
}, 180_000);

afterAll(async () => {
  if (service) await killHard(service);
  await runtime?.close();
  await neo4j?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function post(url: string, body: object): Promise<{ status: number; body: MatchRun }> {
  const res = await fetch(`${url}/match-runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as MatchRun };
}

async function runOf(url: string, id: string): Promise<MatchRun> {
  return (await (
    await fetch(`${url}/match-runs/${id}`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as MatchRun;
}

describe('the service killed during a run', () => {
  it('when the service is killed while a run stages, then nothing of it shows; after a restart it is failed, cleaned up, and a new run publishes', async () => {
    const store = runtime.deps.store;
    const before = await published(store);
    expect(before.length).toBeGreaterThan(3000);

    let started = await startService(neo4j);
    service = started.child;
    // Another factor set changes every suggestion: the run stages a revision of each.
    const res = await post(started.url, { factorSet: 'eu-mix-2025' });
    expect(res.status).toBe(202);
    const runId = res.body.id;
    await until(async () => (await stagedRows(store, runId)) > 0, 'the run to stage rows');
    await killHard(service);

    // Killed mid-run: staged rows exist, readers see exactly what was published before.
    expect(await stagedRows(store, runId)).toBeGreaterThan(0);
    expect((await getRun(store, runId))?.status).toBe('running');
    expect(await published(store)).toEqual(before);
    expect(await publishedFactorSets(store)).toEqual(['no-physical-2025@2025.2']);

    started = await startService(neo4j);
    service = started.child;
    expect(await runOf(started.url, runId)).toMatchObject({ status: 'failed', error: INTERRUPTED });
    expect(await stagedRows(store)).toBe(0);
    expect(await runLockHolder(store)).toBeNull();
    expect(await published(store)).toEqual(before);

    const again = await post(started.url, { factorSet: 'eu-mix-2025' });
    expect(again.status).toBe(202);
    // Ended: failed, or finished with its publication visible whole (phase done).
    await until(async () => {
      const r = await runOf(started.url, again.body.id);
      return r.status === 'failed' || r.phase === 'done';
    }, 'the new run to end');
    const run = await runOf(started.url, again.body.id);
    expect(run).toMatchObject({ status: 'finished', phase: 'done', unchanged: 0 });
    // Pairs and chains through processors (decision 0016) alike.
    expect(run.created! + run.updated!).toBe(run.candidates! + (run.chains ?? 0));
    expect(await publishedFactorSets(store)).toEqual(['eu-mix-2025@2025.2']);
    expect(await stagedRows(store)).toBe(0);
  }, 120_000);
});
