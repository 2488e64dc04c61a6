import { Record as Neo4jRecord } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.ts';
import { failRun } from '../../../src/services/run-control.ts';
import type { ManagedTransaction, Store } from '../../../src/store/driver.ts';

/** A store whose writes fail while the database is "down", recording the queries that got through. */
function flakyStore(downFor: number): { store: Store; written: string[] } {
  let calls = 0;
  const written: string[] = [];
  const tx = {
    run: async (text: string) => {
      written.push(text.split('\n').find((l) => l.startsWith('MATCH')) ?? text);
      return { records: [new Neo4jRecord(['discarded'], [0])] };
    },
  } as unknown as ManagedTransaction;
  const store = {
    driver: undefined as never,
    // The run is still running (not publishing): its failure is recorded by removing what it staged.
    read: async <T>(work: (t: ManagedTransaction) => Promise<T>): Promise<T> => {
      if (calls++ < downFor) throw new Error('the database is not reachable right now');
      const run = {
        id: 'run_1',
        status: 'running',
        scope: '{}',
        engineVersion: 'test',
        factorSet: 'test@1',
        configVersion: '1',
        startedAt: '2026-01-01T00:00:00.000Z',
      };
      return work({ run: async () => ({ records: [{ get: () => run }] }) } as unknown as ManagedTransaction);
    },
    write: async <T>(work: (t: ManagedTransaction) => Promise<T>): Promise<T> => {
      if (calls++ < downFor) throw new Error('the database is not reachable right now');
      return work(tx);
    },
    close: async () => {},
  } as Store;
  return { store, written };
}

const deps = (store: Store) => ({ store, now: () => new Date(), logger: createLogger('silent') });

describe("a failed run's error path", () => {
  it('when the database does not answer at first, then it retries until the failure is recorded', async () => {
    const { store, written } = flakyStore(3);
    expect(await failRun(deps(store), 'run_1', 'boom', [1, 1, 1, 1])).toBe(true);
    // Staged rows of both kinds are removed before the run is marked failed and the lock freed.
    expect(written.some((q) => q.includes('StagedSuggestion'))).toBe(true);
    expect(written.at(-2)).toContain('MatchRun');
    expect(written.at(-1)).toContain('MatchRunLock');
  });

  it('when the database never answers within the retries, then it gives up and says so', async () => {
    const { store, written } = flakyStore(100);
    expect(await failRun(deps(store), 'run_1', 'boom', [1, 1])).toBe(false);
    expect(written).toEqual([]);
  });
});
