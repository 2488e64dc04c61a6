import { describe, expect, it } from 'vitest';
import { contentHash, stableStringify, valueHash } from '../../../src/store/content-hash.ts';

/** Any stored record: its own fields plus the two timestamps. */
const hash = (record: { [field: string]: unknown; createdAt?: string; updatedAt?: string }) =>
  contentHash(record);

const company = {
  ref: 'acme',
  name: 'Acme AS',
  contact: { name: 'Kari', email: 'kari@acme.example' },
  sites: ['north', 'south'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('contentHash', () => {
  it('when the same content comes with keys in another order, also nested, then the hash is the same', () => {
    const reordered = {
      updatedAt: company.updatedAt,
      sites: ['north', 'south'],
      contact: { email: 'kari@acme.example', name: 'Kari' },
      name: 'Acme AS',
      createdAt: company.createdAt,
      ref: 'acme',
    };
    expect(hash(reordered)).toBe(hash(company));
  });

  it('when only createdAt and updatedAt differ, then the hash is the same', () => {
    const later = {
      ...company,
      createdAt: '2027-05-05T10:00:00.000Z',
      updatedAt: '2027-05-06T10:00:00.000Z',
    };
    expect(hash(later)).toBe(hash(company));
  });

  it('when a field is undefined, then it hashes as if absent', () => {
    expect(hash({ ...company, description: undefined })).toBe(hash(company));
  });

  it('when a top-level value changes, then the hash changes', () => {
    expect(hash({ ...company, name: 'Acme ASA' })).not.toBe(hash(company));
  });

  it('when a nested value changes, then the hash changes', () => {
    expect(hash({ ...company, contact: { ...company.contact, email: 'ola@acme.example' } })).not.toBe(
      hash(company),
    );
  });

  it('when the order of a list changes, then the hash changes (lists are ordered content)', () => {
    expect(hash({ ...company, sites: ['south', 'north'] })).not.toBe(hash(company));
  });

  it('when a field is added, then the hash changes', () => {
    expect(hash({ ...company, orgNumber: '923609016' })).not.toBe(hash(company));
  });

  it('when a value changes type ("1" to 1), then the hash changes', () => {
    expect(hash({ a: '1' })).not.toBe(hash({ a: 1 }));
  });
});

describe('stableStringify', () => {
  it('when keys are unsorted, then they are written sorted at every level', () => {
    expect(stableStringify({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });
});

describe('valueHash (what a match run compares its explained pairs by)', () => {
  const explained = {
    route: { type: 'direct', detail: 'code 191210' },
    terms: [
      { name: 'resource', weight: 0.3, value: 1, reason: "offer code 191210 is accepted by the need's code" },
      {
        name: 'distance',
        weight: 0.2,
        value: 0.9933174944975355,
        reason: '2 km straight, about 3 km by road',
      },
    ],
    impact: { quantity: 12.2, unit: 't/yr', co2eAvoidedT: null, missingFactors: ['virgin.x'] },
  };
  const copy = () => structuredClone(explained);

  it('when the same values are hashed again, in another object, then the hash is the same 16 hex digits', () => {
    expect(valueHash(explained, 'pair')).toMatch(/^[0-9a-f]{16}$/);
    expect(valueHash(copy(), 'pair')).toBe(valueHash(explained, 'pair'));
  });

  it('when a reason changes by one character, a number in its last bit or a null becomes 0, then the hash changes', () => {
    const base = valueHash(explained);
    const reason = copy();
    reason.terms[1]!.reason = '2 km straight, about 4 km by road';
    const lastBit = copy();
    lastBit.terms[1]!.value = 0.9933174944975356;
    const zero = copy();
    (zero.impact as { co2eAvoidedT: number | null }).co2eAvoidedT = 0;
    for (const changed of [reason, lastBit, zero]) expect(valueHash(changed)).not.toBe(base);
  });

  it('when values are regrouped (a string split across two, a member moved between objects or lists), then the hash changes', () => {
    expect(valueHash('ab', 'c')).not.toBe(valueHash('a', 'bc'));
    expect(valueHash(['a', 'b'], [])).not.toBe(valueHash(['a'], ['b']));
    expect(valueHash({ a: 1, b: 2 }, {})).not.toBe(valueHash({ a: 1 }, { b: 2 }));
    expect(valueHash({ a: '1' })).not.toBe(valueHash({ a: 1 }));
    expect(valueHash({ a: true })).not.toBe(valueHash({ a: 'true' }));
  });

  it('when a member is undefined, then it hashes as absent (as JSON.stringify writes it)', () => {
    expect(valueHash({ a: 1, b: undefined })).toBe(valueHash({ a: 1 }));
  });

  it('when the code of the walk changes, then the hash of a known explanation does not: stored suggestions keep theirs', () => {
    // The value valueHash has given since it was written; a re-run compares what it explains with
    // hashes stored by earlier releases, and a different value would rewrite every suggestion.
    expect(valueHash(explained, 'pair')).toBe('7be1a1b0f06ee32a');
  });

  it('when an object inherits enumerable members, then only its own are content', () => {
    const inherited = Object.assign(Object.create({ extra: 'from the prototype' }) as object, { a: 1 });
    expect(valueHash(inherited)).toBe(valueHash({ a: 1 }));
  });

  it('when 10,000 distinct small values are hashed, then no two hashes are equal', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(valueHash({ score: i / 10_000, reason: `covers ${i % 100}%` }));
    expect(seen.size).toBe(10_000);
  });
});
