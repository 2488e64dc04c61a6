import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../../../src/store/schema.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'migrations-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const CONSTRAINTS = [
  '// Uniqueness. Each statement is idempotent.',
  'CREATE CONSTRAINT a IF NOT EXISTS FOR (c:Company) REQUIRE c.id IS UNIQUE;',
  '  // indented comment',
  'CREATE INDEX b IF NOT EXISTS',
  '  FOR (l:Listing) ON (l.kind);',
  '',
].join('\n');

describe('readMigrations', () => {
  it('when a file holds statements and comment lines, then statements are split on ";" and comments dropped', () => {
    writeFileSync(join(dir, '001-constraints.cypher'), CONSTRAINTS);
    expect(readMigrations(dir)).toEqual([
      {
        id: '001-constraints',
        checksum: createHash('sha256').update(CONSTRAINTS).digest('hex'),
        statements: [
          'CREATE CONSTRAINT a IF NOT EXISTS FOR (c:Company) REQUIRE c.id IS UNIQUE',
          'CREATE INDEX b IF NOT EXISTS\n  FOR (l:Listing) ON (l.kind)',
        ],
      },
    ]);
  });

  it('when files are listed out of order next to other files, then only .cypher files come, by name', () => {
    writeFileSync(join(dir, '002-indexes.cypher'), 'RETURN 2;');
    writeFileSync(join(dir, '001-constraints.cypher'), 'RETURN 1;');
    writeFileSync(join(dir, 'README.md'), '# notes');
    expect(readMigrations(dir).map((m) => m.id)).toEqual(['001-constraints', '002-indexes']);
  });

  it('when a file changes, then its checksum changes; when it is read again unchanged, then it is the same', () => {
    const file = join(dir, '001-constraints.cypher');
    writeFileSync(file, CONSTRAINTS);
    const before = readMigrations(dir)[0]!.checksum;
    expect(readMigrations(dir)[0]!.checksum).toBe(before);
    writeFileSync(file, `${CONSTRAINTS}CREATE INDEX c IF NOT EXISTS FOR (s:Site) ON (s.name);\n`);
    expect(readMigrations(dir)[0]!.checksum).not.toBe(before);
  });

  it('when only a comment changes, then the checksum changes too (the file is what was applied)', () => {
    const file = join(dir, '001-constraints.cypher');
    writeFileSync(file, CONSTRAINTS);
    const before = readMigrations(dir)[0]!;
    writeFileSync(file, CONSTRAINTS.replace('Uniqueness.', 'Uniqueness of ids.'));
    const after = readMigrations(dir)[0]!;
    expect(after.statements).toEqual(before.statements);
    expect(after.checksum).not.toBe(before.checksum);
  });
});
