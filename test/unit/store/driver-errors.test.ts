import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.ts';
import { isUnavailable, toStoreError } from '../../../src/store/driver.ts';

const neo4jError = (message: string, code: string, cause?: Error) =>
  new Neo4jError(message, code, '50N42', 'error: general processing exception', undefined, cause);

describe('toStoreError', () => {
  it.each([
    ['the driver cannot connect', neo4jError('Failed to connect to server', 'ServiceUnavailable')],
    ['a connection broke mid-transaction', neo4jError('Connection was closed by server', 'SessionExpired')],
    [
      'the database is starting or stopping',
      neo4jError('The database is not currently available', 'Neo.TransientError.General.DatabaseUnavailable'),
    ],
    [
      'the server has no threads left',
      neo4jError('no threads', 'Neo.TransientError.Request.NoThreadsAvailable'),
    ],
    [
      'no connection came from the pool in time',
      neo4jError('Connection acquisition timed out in 5000 ms. Pool status: Active conn count = 0', 'N/A'),
    ],
    ['opening a socket timed out', neo4jError('Failed to establish connection in 3000ms', 'N/A')],
    [
      'a socket error is the cause',
      neo4jError('something went wrong', 'N/A', new Error('connect ECONNREFUSED 127.0.0.1:7687')),
    ],
    ['a plain socket error arrives', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
  ])('when %s, then it is STORE_UNAVAILABLE with a message for people', (_why, err) => {
    expect(isUnavailable(err)).toBe(true);
    const mapped = toStoreError(err) as AppError;
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped.code).toBe('STORE_UNAVAILABLE');
    expect(mapped.message).toMatch(/not reachable right now; try again/);
    expect(mapped.cause).toBe(err);
  });

  it('when a unique constraint is violated, then it is CONFLICT naming the property, not the other record', () => {
    const err = neo4jError(
      "Node(4711) already exists with label `Company` and property `orgNumber` = '923609016'",
      'Neo.ClientError.Schema.ConstraintValidationFailed',
    );
    const mapped = toStoreError(err) as AppError;
    expect(mapped.code).toBe('CONFLICT');
    expect(mapped.message).toBe('the change conflicts with an existing record');
    expect(mapped.details).toEqual([
      { path: 'orgNumber', message: 'another Company already has this orgNumber' },
    ]);
    expect(JSON.stringify({ message: mapped.message, details: mapped.details })).not.toMatch(
      /4711|923609016/,
    );
  });

  it('when a constraint message has another shape, then it is still CONFLICT, with no details', () => {
    const err = neo4jError('violates a constraint', 'Neo.ClientError.Schema.ConstraintValidationFailed');
    expect(toStoreError(err)).toMatchObject({ code: 'CONFLICT', details: [] });
  });

  it.each([
    ['a syntax error', neo4jError('Invalid input', 'Neo.ClientError.Statement.SyntaxError')],
    [
      'a deadlock the retries could not solve',
      neo4jError('deadlock', 'Neo.TransientError.Transaction.DeadlockDetected'),
    ],
    ['a bug of ours', new TypeError('x is undefined')],
  ])('when the error is %s, then it passes through unchanged', (_why, err) => {
    expect(isUnavailable(err)).toBe(false);
    expect(toStoreError(err)).toBe(err);
  });

  it('when the error is already typed, then it is left as it is', () => {
    const typed = new AppError('NOT_FOUND', 'gone');
    expect(toStoreError(typed)).toBe(typed);
  });
});
