import { describe, expect, it } from 'vitest';
import { compareMigrations, type Migration, migrationChangedError } from '../../../src/store/schema.ts';

const migration = (id: string, checksum: string): Migration => ({ id, checksum, statements: [] });
const FILES = [migration('001-constraints', 'aaa'), migration('002-indexes', 'bbb')];

describe('compareMigrations', () => {
  it('when every file is recorded with its checksum, then nothing is pending or changed', () => {
    const applied = new Map([
      ['001-constraints', 'aaa'],
      ['002-indexes', 'bbb'],
    ]);
    expect(compareMigrations(FILES, applied)).toEqual({ pending: [], changed: [] });
  });

  it('when a file is not recorded, then it is pending', () => {
    const check = compareMigrations(FILES, new Map([['001-constraints', 'aaa']]));
    expect(check.pending.map((m) => m.id)).toEqual(['002-indexes']);
    expect(check.changed).toEqual([]);
  });

  it('when a recorded file has another checksum, then it is changed, not pending', () => {
    const applied = new Map([
      ['001-constraints', 'edited'],
      ['002-indexes', 'bbb'],
    ]);
    const check = compareMigrations(FILES, applied);
    expect(check.changed.map((m) => m.id)).toEqual(['001-constraints']);
    expect(check.pending).toEqual([]);
  });
});

describe('migrationChangedError', () => {
  it('when a migration was edited, then the error names the file and says to add the next one instead', () => {
    const err = migrationChangedError([FILES[0]!], FILES);
    expect(err.code).toBe('MIGRATION_CHANGED');
    expect(err.message).toContain('cypher/schema/001-constraints.cypher was edited after it was applied');
    expect(err.message).toContain('git checkout -- cypher/schema/001-constraints.cypher');
    expect(err.message).toContain('new migration, cypher/schema/003-');
    expect(err.message).not.toContain('\n');
    expect(err.details).toEqual([
      { path: 'cypher/schema/001-constraints.cypher', message: 'edited after it was applied' },
    ]);
  });
});
