/**
 * The one module that owns the Neo4j driver. Integers come back as JS numbers (all our counts and
 * ids fit in 2^53), converted here once through the driver option rather than at every call site.
 * Driver errors become typed errors here too: "the database is not there" is STORE_UNAVAILABLE,
 * a unique-constraint violation is CONFLICT, and neither is ever a 500.
 */
import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { AppError, type ErrorDetail } from '../errors.ts';

export type { Driver, ManagedTransaction };

/** How long one call may wait for Neo4j before it gives up (decision 0009). */
export interface DriverTimeouts {
  /** To open a TCP connection to Neo4j. */
  connectMs: number;
  /** To get a connection from the pool, opening one included. */
  acquireMs: number;
  /** How long the driver keeps retrying a managed transaction after its first failure. */
  retryMs: number;
}

export const DEFAULT_TIMEOUTS: DriverTimeouts = { connectMs: 3000, acquireMs: 5000, retryMs: 2000 };

export function createDriver(
  uri: string,
  user: string,
  password: string,
  timeouts: DriverTimeouts = DEFAULT_TIMEOUTS,
): Driver {
  const auth = password ? neo4j.auth.basic(user, password) : undefined;
  return neo4j.driver(uri, auth, {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    connectionTimeout: timeouts.connectMs,
    connectionAcquisitionTimeout: timeouts.acquireMs,
    maxTransactionRetryTime: timeouts.retryMs,
  });
}

export interface Store {
  driver: Driver;
  read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Driver and server codes that mean Neo4j cannot serve right now, whatever the query. */
const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.TransientError.Request.NoThreadsAvailable',
]);
/** Failures the driver reports without a code of their own ('N/A'): socket errors and timeouts. */
const UNAVAILABLE_MESSAGE =
  /Connection acquisition timed out|Failed to establish connection|Connection was closed by server|Pool is closed|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH/;
const CONSTRAINT_VIOLATION = 'Neo.ClientError.Schema.ConstraintValidationFailed';

function causes(err: unknown): { code?: unknown; message?: unknown }[] {
  const chain: { code?: unknown; message?: unknown }[] = [];
  let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  while (e && typeof e === 'object' && chain.length < 10) {
    chain.push(e);
    e = e.cause as typeof e;
  }
  return chain;
}

/**
 * True when Neo4j rolled the transaction back to break a deadlock with another one: writing it
 * again once the other has gone on will succeed.
 */
export function isDeadlock(err: unknown): boolean {
  return causes(err).some((e) => e.code === 'Neo.TransientError.Transaction.DeadlockDetected');
}

/** True when the error means Neo4j is unreachable or not serving, rather than a bad query. */
export function isUnavailable(err: unknown): boolean {
  return causes(err).some(
    (e) =>
      (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) ||
      (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)),
  );
}

/** True when a write broke a uniqueness constraint (what toStoreError reports as CONFLICT). */
export function isConstraintViolation(err: unknown): boolean {
  return causes(err).some((e) => e.code === CONSTRAINT_VIOLATION);
}

/**
 * Neo4j's message names the other node and its value ("Node(12) already exists with label
 * `Company` and property `orgNumber` = '…'"); the caller gets only the property that clashed.
 */
function constraintDetails(message: string): ErrorDetail[] {
  const label = /label `([^`]+)`/.exec(message)?.[1];
  const property = /propert(?:y|ies) `([^`]+)`/.exec(message)?.[1];
  if (!property) return [];
  return [{ path: property, message: `another ${label ?? 'record'} already has this ${property}` }];
}

/** Maps a driver error to our typed errors; anything else is returned unchanged. */
export function toStoreError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const e = err as { code?: unknown; message?: unknown };
  if (e?.code === CONSTRAINT_VIOLATION) {
    return new AppError(
      'CONFLICT',
      'the change conflicts with an existing record',
      constraintDetails(String(e.message ?? '')),
      { cause: err },
    );
  }
  if (isUnavailable(err)) {
    return new AppError(
      'STORE_UNAVAILABLE',
      'the database is not reachable right now; try again in a few seconds',
      [],
      { cause: err },
    );
  }
  return err;
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
      throw toStoreError(err);
    } finally {
      // Closing a session whose server is gone may fail too; the error above is the one to report.
      await session.close().catch(() => {});
    }
  };
  return {
    driver,
    // A read is auto-commit queries on one session (decision 0018): no BEGIN and COMMIT round
    // trips, about half the CPU per query on both sides of Bolt. Neo4j reads committed data either
    // way, so queries of one read never saw one snapshot; they still run in order on one connection.
    read: (work) => withSession('READ', (s) => work(autoCommit(s))),
    write: (work) => withSession('WRITE', (s) => s.executeWrite(work)),
    close: () => driver.close(),
  };
}

/** A session's auto-commit queries, shaped as the transaction store functions take. */
function autoCommit(session: Session): ManagedTransaction {
  return {
    run: (text: string, params?: Record<string, unknown>) => session.run(text, params),
  } as ManagedTransaction;
}

/**
 * A Store whose reads and writes all run in one transaction already open: code written against a
 * Store (every store function) then takes part in that transaction, and commits or rolls back with
 * it. Used where a request must be one transaction (registering a listing, decision 0018).
 */
export function storeOverTransaction(tx: ManagedTransaction, outer: Store): Store {
  return {
    driver: outer.driver,
    read: (work) => work(tx),
    write: (work) => work(tx),
    close: () => Promise.resolve(),
  };
}

/** JS numbers travel as floats; SKIP/LIMIT and other integer parameters need a Neo4j integer. */
export function int(value: number) {
  return neo4j.int(Math.trunc(value));
}

/**
 * Rows as plain objects: what the driver's `Record.toObject()` gives, without the generator it
 * walks a record with (half a dozen short-lived objects a field, which on a page of suggestions
 * were a tenth of all a read allocated).
 */
export function rows<T = Record<string, unknown>>(result: {
  records: readonly { keys: readonly PropertyKey[]; get(index: number): unknown }[];
}): T[] {
  const records = result.records;
  const out = new Array<T>(records.length);
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const keys = record.keys;
    const row: Record<PropertyKey, unknown> = {};
    for (let k = 0; k < keys.length; k++) row[keys[k]!] = record.get(k);
    out[i] = row as T;
  }
  return out;
}
