import { describe, expect, it } from 'vitest';
import { allQueries, parseNamedQueries, query } from '../../../src/store/queries.ts';

describe('parseNamedQueries', () => {
  it('when a file holds several named queries, then each name maps to its own trimmed text', () => {
    const text = [
      '// Listings: reads and writes.',
      '// name: byId',
      'MATCH (l:Listing {id: $id})',
      'RETURN l',
      '',
      '//name:   deleteById  ',
      'MATCH (l:Listing {id: $id}) DETACH DELETE l',
      '',
    ].join('\n');
    expect(Object.fromEntries(parseNamedQueries(text))).toEqual({
      byId: 'MATCH (l:Listing {id: $id})\nRETURN l',
      deleteById: 'MATCH (l:Listing {id: $id}) DETACH DELETE l',
    });
  });

  it('when the file has Windows line endings, then the names are still found', () => {
    const text = '// name: a\r\nRETURN 1\r\n// name: b\r\nRETURN 2\r\n';
    expect([...parseNamedQueries(text).keys()]).toEqual(['a', 'b']);
  });

  it('when a name is used twice, then parsing fails and names it', () => {
    const text = '// name: byId\nRETURN 1\n// name: byId\nRETURN 2';
    expect(() => parseNamedQueries(text)).toThrow("query 'byId' is defined twice");
  });

  it('when an ordinary comment sits inside a query, then it stays part of that query', () => {
    const text = '// name: a\nMATCH (n)\n// only companies\nRETURN n';
    expect(parseNamedQueries(text).get('a')).toBe('MATCH (n)\n// only companies\nRETURN n');
  });
});

describe('query', () => {
  it('when the cypher/ files are loaded, then every query has a unique file and name and some text', () => {
    const all = allQueries();
    expect(all.length).toBeGreaterThan(0);
    expect(new Set(all.map((q) => `${q.file}/${q.name}`)).size).toBe(all.length);
    for (const q of all) expect(q.text, `${q.file}/${q.name}`).not.toBe('');
  });

  it('when a query name does not exist in its file, then the error names file and query', () => {
    expect(() => query('migrations', 'noSuchQuery')).toThrow(
      "no query 'noSuchQuery' in cypher/migrations.cypher",
    );
  });
});
