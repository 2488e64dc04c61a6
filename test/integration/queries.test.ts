import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.ts';
import { allQueries } from '../../src/store/queries.ts';
import { readMigrations } from '../../src/store/schema.ts';
import { openTestRuntime } from '../support/harness.ts';

let runtime: Runtime;
beforeAll(async () => {
  runtime = await openTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

describe('named Cypher queries', () => {
  it.each(allQueries().map((q) => [`${q.file}.${q.name}`, q.text]))(
    'when %s is EXPLAINed, then Neo4j accepts it',
    async (_name, text) => {
      const session = runtime.deps.store.driver.session();
      try {
        await expect(session.run(`EXPLAIN ${text}`)).resolves.toBeDefined();
      } finally {
        await session.close();
      }
    },
  );
});

describe('schema', () => {
  it('when the service has started, then every migration is recorded once with its checksum', async () => {
    const rows = await runtime.deps.store.read((tx) =>
      tx.run('MATCH (m:SchemaMigration) RETURN m.id AS id, m.checksum AS checksum ORDER BY id'),
    );
    const recorded = rows.records.map((r) => [r.get('id'), r.get('checksum')]);
    expect(recorded).toEqual(readMigrations().map((m) => [m.id, m.checksum]));
  });

  it('when constraints are listed, then ids and natural keys are unique and sites have a point index', async () => {
    const session = runtime.deps.store.driver.session();
    try {
      const constraints = (await session.run('SHOW CONSTRAINTS YIELD name')).records.map((r) =>
        r.get('name'),
      );
      expect(constraints).toEqual(
        expect.arrayContaining([
          'company_id',
          'company_scoped_ref',
          'company_org_number',
          'listing_company_ref',
          'site_company_ref',
          'token_hash',
        ]),
      );
      const indexes = (await session.run('SHOW INDEXES YIELD name, type')).records.map(
        (r) => `${r.get('name')}:${r.get('type')}`,
      );
      expect(indexes).toEqual(expect.arrayContaining(['site_location:POINT', 'listing_text:FULLTEXT']));
    } finally {
      await session.close();
    }
  });

  it('when the taxonomy is loaded, then the 842 waste codes, the ISIC tree and the categories are nodes', async () => {
    const r = await runtime.deps.store.read((tx) =>
      tx.run(`MATCH (w:WasteCode) WITH count(w) AS codes
              MATCH (w:WasteCode {code: '100105'})-[:IN_SUBCHAPTER]->(:WasteSubchapter {code: '1001'})-[:IN_CHAPTER]->(ch:WasteChapter)
              MATCH (i:Industry {code: '24'})-[:PART_OF]->(:Industry {code: 'C'})
              RETURN codes, ch.code AS chapter`),
    );
    expect(r.records[0]?.get('codes')).toBe(842);
    expect(r.records[0]?.get('chapter')).toBe('10');
  });
});
