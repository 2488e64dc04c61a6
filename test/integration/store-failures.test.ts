import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { createLogger } from '../../src/logger.ts';
import { connect, type Runtime } from '../../src/runtime.ts';
import { createDriver, createStore, DEFAULT_TIMEOUTS, isDeadlock } from '../../src/store/driver.ts';
import { openTestRuntime, wipeBusinessData } from '../support/harness.ts';

let runtime: Runtime;
beforeAll(async () => {
  runtime = await openTestRuntime();
  await wipeBusinessData(runtime);
});
afterAll(async () => {
  await wipeBusinessData(runtime);
  await runtime?.close();
});

/** A port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('store failures', () => {
  it('when a write breaks a unique constraint, then it is CONFLICT naming only the property', async () => {
    const write = () =>
      runtime.deps.store.write((tx) =>
        tx.run('CREATE (:Company {id: $id, name: $name})', { id: 'co-dup', name: 'A' }),
      );
    await write();
    const err = await write().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: 'CONFLICT',
      message: 'the change conflicts with an existing record',
      details: [{ path: 'id', message: 'another Company already has this id' }],
    });
  });

  it('when two transactions lock two nodes in opposite orders, then the one Neo4j rolls back is told a deadlock', async () => {
    const { driver } = runtime.deps.store;
    await runtime.deps.store.write((tx) =>
      tx.run("UNWIND ['a', 'b'] AS id CREATE (:DeadlockProbe {id: id})"),
    );
    const [s1, s2] = [driver.session(), driver.session()];
    const [t1, t2] = [s1.beginTransaction(), s2.beginTransaction()];
    const lock = (t: typeof t1, id: string) => t.run('MATCH (p:DeadlockProbe {id: $id}) SET p.v = 1', { id });
    try {
      await lock(t1, 'a');
      await lock(t2, 'b');
      const first = Promise.resolve(lock(t1, 'b'));
      first.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300)); // t1 now waits for t2's lock on b
      const outcomes = await Promise.allSettled([first, Promise.resolve(lock(t2, 'a'))]);
      const failed = outcomes.filter((o) => o.status === 'rejected').map((o) => o.reason);
      expect(failed).toHaveLength(1);
      expect(isDeadlock(failed[0])).toBe(true);
    } finally {
      await Promise.allSettled([t1.rollback(), t2.rollback()]);
      await Promise.allSettled([s1.close(), s2.close()]);
      await runtime.deps.store.write((tx) => tx.run('MATCH (p:DeadlockProbe) DELETE p'));
    }
    // Any other failure is not one to write again.
    const conflict = await runtime.deps.store
      .write((tx) => tx.run('CREATE (:Company {id: $id})', { id: 'co-dup' }))
      .catch((e: unknown) => e);
    expect(isDeadlock(conflict)).toBe(false);
  });

  it('when nothing listens at the Neo4j address, then a read fails with STORE_UNAVAILABLE within seconds', async () => {
    const store = createStore(
      createDriver(`bolt://127.0.0.1:${await closedPort()}`, 'neo4j', '', DEFAULT_TIMEOUTS),
    );
    const started = performance.now();
    const err = await store.read((tx) => tx.run('RETURN 1')).catch((e: unknown) => e);
    const ms = performance.now() - started;
    await store.close();
    expect(err).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(ms).toBeLessThan(DEFAULT_TIMEOUTS.retryMs + 3000);
  });

  it('when an applied migration was edited, then /ready reports it and opening the database fails naming the file', async () => {
    const setChecksum = (checksum: string | null) =>
      runtime.deps.store.write((tx) =>
        tx.run(
          `MATCH (m:SchemaMigration {id: '002-indexes'})
           WITH m, m.checksum AS was SET m.checksum = coalesce($checksum, was) RETURN was`,
          { checksum },
        ),
      );
    const original = (await setChecksum('recorded-before-an-edit')).records[0]!.get('was') as string;
    try {
      const ready = await runtime.readiness();
      expect(ready.ready).toBe(false);
      expect(ready.checks['neo4j']).toBe('reachable');
      expect(ready.checks['schema']).toContain(
        'cypher/schema/002-indexes.cypher was edited after it was applied',
      );

      const logger = createLogger('silent');
      const err = await connect(runtime.neo4j, logger).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'MIGRATION_CHANGED' });
      expect((err as Error).message).toMatch(/new migration, cypher\/schema\/\d{3}-<what-it-does>\.cypher$/);
    } finally {
      await setChecksum(original);
    }
    expect((await runtime.readiness()).ready).toBe(true);
  });
});
