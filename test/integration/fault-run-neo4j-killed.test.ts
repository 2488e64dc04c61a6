/**
 * Neo4j killed (SIGKILL) in the middle of a match run, in a Neo4j of this test's own: the run
 * fails, and once Neo4j answers again (started anew on the same store and port by the supervisor)
 * the run's own error path records the failure and removes its staged rows, without a restart of
 * the service; nothing partial was ever visible, and a new run publishes.
 *
 * The run's store is the service's, but with transactions retried for 5 s instead of the driver's
 * 30 s, so that the run gives up on the lost database within the test's time.
 */
import { rmSync } from 'node:fs';
import neo4jDriver from 'neo4j-driver';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { loadReferenceData } from '../../src/reference/load.ts';
import { connect, type Runtime } from '../../src/runtime.ts';
import type { Deps } from '../../src/services/deps.ts';
import { startMatchRun, submitMatchRun } from '../../src/services/match-runs.ts';
import { createStore } from '../../src/store/driver.ts';
import { getRun, runLockHolder } from '../../src/store/match-store.ts';
import type { ProvisionedNeo4j } from '../../src/store/provision.ts';
import {
  importRegion,
  neo4jPid,
  ownNeo4j,
  published,
  publishedFactorSets,
  sleep,
  stagedRows,
  until,
} from '../support/fault.ts';

const quiet = createLogger(process.env['LOG_LEVEL'] ?? 'silent');
/** What the run logs, to know when it has given up on the lost database. */
const logged: string[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });

let neo4j: ProvisionedNeo4j;
let dataDir: string;

let runtime: Runtime;
let deps: Deps;

beforeAll(async () => {
  ({ neo4j, dataDir } = await ownNeo4j(quiet));
  // Schema and taxonomy as the service prepares them; the run's own store retries for 5 s.
  runtime = await connect(neo4j, quiet);
  const driver = neo4jDriver.driver(neo4j.uri, undefined, {
    disableLosslessIntegers: true,
    maxTransactionRetryTime: 5_000,
    connectionAcquisitionTimeout: 5_000,
  });
  deps = { ...runtime.deps, store: createStore(driver), reference: loadReferenceData(), logger };
  await importRegion(deps, 3000);
  await startMatchRun(deps, {});
}, 180_000);

afterAll(async () => {
  await deps?.store.close();
  await runtime?.close();
  await neo4j?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('Neo4j killed during a run', () => {
  it('when Neo4j dies while a run stages, then the run fails, records it once Neo4j is back, shows nothing partial, and a new run publishes', async () => {
    const store = deps.store;
    const before = await published(store);
    expect(before.length).toBeGreaterThan(3000);

    const { run, done } = await submitMatchRun(deps, { factorSet: 'eu-mix-2025' });
    const ended = done.then(
      () => 'finished',
      (err: Error) => err.message,
    );
    await until(async () => (await stagedRows(store, run.id)) > 0, 'the run to stage rows');
    const pid = neo4j.supervisor!.pid();
    expect(pid).toBe(neo4jPid(dataDir));
    process.kill(pid!, 'SIGKILL');

    // The run gives up on the lost database and starts retrying to record its failure, while the
    // supervisor (store/embedded-neo4j.ts) starts Neo4j again on the same store and port.
    const outcome = await Promise.race([ended, sleep(150_000).then(() => 'still running')]);
    if (outcome === 'finished' || outcome === 'still running') console.error(logged.join(''));
    expect(outcome).not.toBe('still running');
    expect(outcome).not.toBe('finished');
    await until(
      async () => neo4j.supervisor!.state() === 'up' && neo4j.supervisor!.pid() !== pid,
      'Neo4j to be back',
      120_000,
    );

    await until(
      async () => (await getRun(store, run.id))?.status === 'failed',
      'the failure to be recorded',
      90_000,
    );
    expect(await getRun(store, run.id)).toMatchObject({ status: 'failed', error: expect.any(String) });
    expect(await stagedRows(store)).toBe(0);
    expect(await runLockHolder(store)).toBeNull();
    expect(await published(store)).toEqual(before);

    const again = await startMatchRun(deps, { factorSet: 'eu-mix-2025' });
    expect(again).toMatchObject({ status: 'finished', unchanged: 0 });
    // Pairs and chains through processors (decision 0016) alike.
    expect(again.created! + again.updated!).toBe(again.candidates! + (again.chains ?? 0));
    expect(await publishedFactorSets(store)).toEqual(['eu-mix-2025@2025.2']);
    expect(await stagedRows(store)).toBe(0);
  }, 300_000);
});
