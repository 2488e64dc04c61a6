import { describe, expect, it } from 'vitest';
import { ListingQuerySchema, toFulltextQuery } from '../../../src/domain/listing-query.ts';

describe('toFulltextQuery', () => {
  it('when the text is "C++ (steel)", then plus signs and brackets are escaped and each word is a prefix', () => {
    expect(toFulltextQuery('C++ (steel)')).toBe('C\\+\\+* AND \\(steel\\)*');
  });

  it('when the text holds every Lucene special character, then each one is escaped', () => {
    const specials = '+-&|!(){}[]^"~*?:\\/';
    const q = toFulltextQuery(`a${specials}b`);
    expect(q).toBe(`a${[...specials].map((c) => `\\${c}`).join('')}b*`);
  });

  it('when words are separated by several spaces or tabs, then every word is required once', () => {
    expect(toFulltextQuery('  fly \t ash ')).toBe('fly* AND ash*');
  });

  it('when a word is an operator keyword, then it is turned into a term (OR*), not an operator', () => {
    expect(toFulltextQuery('salt OR sand')).toBe('salt* AND OR* AND sand*');
  });
});

describe('ListingQuerySchema radius search', () => {
  const issuePaths = (input: unknown) => {
    const r = ListingQuerySchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };

  it('when only lat is given, then lon and radiusKm are named as missing', () => {
    expect(issuePaths({ lat: '59.9' })).toEqual(['lon', 'radiusKm']);
  });

  it('when lat and lon are given without radiusKm, then radiusKm is named', () => {
    expect(issuePaths({ lat: '59.9', lon: '10.7' })).toEqual(['radiusKm']);
  });

  it('when all three come together as query strings, then they are accepted as numbers', () => {
    expect(ListingQuerySchema.parse({ lat: '59.9', lon: '10.7', radiusKm: '25' })).toMatchObject({
      lat: 59.9,
      lon: 10.7,
      radiusKm: 25,
    });
  });

  it('when none is given, then the query is accepted with default paging', () => {
    expect(ListingQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 });
  });
});
