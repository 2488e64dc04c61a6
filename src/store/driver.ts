/**
 * The one module that owns the Neo4j driver. Integers come back as JS numbers (all our counts and
 * ids fit in 2^53), converted here once through the driver option rather than at every call site.
 */
import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { AppError } from '../errors.ts';

export type { Driver, ManagedTransaction };

export function createDriver(uri: string, user: string, password: string): Driver {
  const auth = password ? neo4j.auth.basic(user, password) : undefined;
  return neo4j.driver(uri, auth, {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 30_000,
  });
}

export interface Store {
  driver: Driver;
  read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function wrap(err: unknown): never {
  const e = err as { code?: string; message?: string };
  if (e.code === 'ServiceUnavailable' || e.code === 'SessionExpired') {
    throw new AppError('STORE_UNAVAILABLE', 'the database is not reachable right now', [], { cause: err });
  }
  throw err;
}

/** Managed transactions: retried by the driver on transient errors, so the work must be idempotent. */
export function createStore(driver: Driver): Store {
  const withSession = async <T>(mode: 'READ' | 'WRITE', fn: (s: Session) => Promise<T>): Promise<T> => {
    const session = driver.session({
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      return await fn(session);
    } catch (err) {
      return wrap(err);
    } finally {
      await session.close();
    }
  };
  return {
    driver,
    read: (work) => withSession('READ', (s) => s.executeRead(work)),
    write: (work) => withSession('WRITE', (s) => s.executeWrite(work)),
    close: () => driver.close(),
  };
}

/** JS numbers travel as floats; SKIP/LIMIT and other integer parameters need a Neo4j integer. */
export function int(value: number) {
  return neo4j.int(Math.trunc(value));
}

/** Rows as plain objects. */
export function rows<T = Record<string, unknown>>(result: { records: { toObject(): unknown }[] }): T[] {
  return result.records.map((r) => r.toObject() as T);
}
